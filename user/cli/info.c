// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli info */
#include "cli.h"

int cmd_info(struct cli *c, int argc, char **argv)
{
	struct ptpk_info info;
	struct json j;
	int err;

	if (argc > 0) {
		if (cli_is_help(argv[0])) {
			fputs("Usage: ptpk-cli info\n", c->out);
			return CLI_OK;
		}
		return cli_usage_error(c, "unexpected \"%s\"", argv[0]);
	}
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_info_get(c->p, &info);
	if (err)
		return cli_fail(c, err, "info");

	if (c->json) {
		json_init(&j, c->out, c->pretty);
		json_obj_begin(&j);
		json_kv_string(&j, "version", info.version);
		json_key(&j, "api");
		if (PTPK_HAS(&info, PTPK_A_INFO_API))
			json_uint(&j, info.api);
		else
			json_null(&j);
		json_kv_string(&j, "kernel", info.kernel);
		json_kv_string(&j, "cli_version", PTPK_VERSION);
		json_kv_uint(&j, "cli_api", PTPK_FAMILY_VERSION);
		json_obj_end(&j);
		json_finish(&j);
	} else {
		fprintf(c->out, "version %s\n", info.version);
		if (PTPK_HAS(&info, PTPK_A_INFO_API))
			fprintf(c->out, "api %u\n", info.api);
		else
			fputs("api -\n", c->out);
		fprintf(c->out, "kernel %s\n", info.kernel);
	}
	if (PTPK_HAS(&info, PTPK_A_INFO_API) && info.api != PTPK_FAMILY_VERSION)
		fprintf(c->err, "Warning: ptpk-cli speaks netlink API %d, the module %u.\n",
			PTPK_FAMILY_VERSION, info.api);
	return CLI_OK;
}
