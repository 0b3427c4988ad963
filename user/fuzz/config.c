// SPDX-License-Identifier: GPL-2.0
/*
 * The config parser on arbitrary files, in both modes, then every key read
 * back for each port: nothing may crash, leak or read out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"

static void read_back(const struct config *cfg, const char *port)
{
	uint8_t oct[8];
	unsigned int i;
	volatile double sink;

	for (i = 0; i < cfg_nkeys; i++) {
		const struct cfg_key *k = &cfg_keys[i];

		switch (k->type) {
		case CFG_INT:
		case CFG_ENUM:
			sink = config_get_int(cfg, port, k->name);
			break;
		case CFG_DOUBLE:
			sink = config_get_double(cfg, port, k->name);
			break;
		case CFG_STRING:
			sink = config_get_string(cfg, port, k->name)[0];
			break;
		default:
			config_get_octets(cfg, port, k->name, oct);
			sink = oct[0];
			break;
		}
	}
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int mode, i;
	char err[512];

	if (!size)
		return 0;
	for (mode = 0; mode < 2; mode++) {
		struct config *cfg = config_create(mode ? CONFIG_PERMISSIVE : 0);
		FILE *f = fmemopen((void *)data, size, "r");

		if (!cfg || !f)
			abort();
		/* the first line may also be a command-line value */
		config_set_text(cfg, "message_tag", "x", err, sizeof(err));
		config_read_stream(cfg, f, "fuzz.cfg", err, sizeof(err));
		fclose(f);
		read_back(cfg, NULL);
		/* a few ports: reading is linear in ports and keys */
		for (i = 0; i < config_n_interfaces(cfg) && i < 4; i++)
			read_back(cfg, config_interface(cfg, i));
		config_destroy(cfg);
	}
	return 0;
}
