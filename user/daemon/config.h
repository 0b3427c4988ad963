/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptpkd's configuration: linuxptp's ptp4l.conf format and keys.
 *
 * Every key is defined once, in config_table.c: name, scope, type, default,
 * range and whether ptpkd honours it. The file parser, the --long-options and
 * the defaults all come from that table. Values set from the command line
 * (config_set_*) are locked: the [global] section of a file read afterwards
 * does not change them, as in ptp4l. A port section overrides the global
 * value for that port.
 */
#ifndef PTPKD_CONFIG_H
#define PTPKD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum cfg_type {
	CFG_INT,
	CFG_DOUBLE,
	CFG_ENUM,	/* an int chosen by name (case-insensitive) */
	CFG_STRING,
	CFG_MAC,	/* string "01:1B:19:00:00:00" */
	CFG_OUI,	/* string "00:00:00" */
	CFG_CLOCKID,	/* string "000000.0000.000000" */
};

/* cfg_key.flags */
#define CFG_PORT	0x01	/* per port; otherwise global only */
#define CFG_IMPL	0x02	/* ptpkd honours it */
#define CFG_TS2PHC	0x04	/* ts2phc's key, accepted by ptp4l 3.1.1 */
#define CFG_LATER	0x08	/* not in linuxptp 3.1.1, from a later one */

struct cfg_enum {
	const char *name;
	int value;
	bool impl;		/* ptpkd supports this value */
};

union cfg_num {
	int i;
	double d;
};

struct cfg_key {
	const char *name;
	enum cfg_type type;
	unsigned int flags;
	union cfg_num def, min, max;	/* string types: def_s, max = length */
	const char *def_s;
	const struct cfg_enum *values;	/* CFG_ENUM, NULL-name terminated */
	const char *alias;		/* another name of the same key */
};

extern const struct cfg_key cfg_keys[];
extern const unsigned int cfg_nkeys;

/* The key (or an alias of it) by name, NULL if unknown. */
const struct cfg_key *cfg_key_find(const char *name);
/* "0 to 255", ">= 1", "one of pi, linreg, ntpshm, nullf", ... */
void cfg_key_range(const struct cfg_key *k, char *buf, size_t len);
/* The default as it would be written in a file. */
void cfg_key_default(const struct cfg_key *k, char *buf, size_t len);

/* Values of the enum keys, numbered as linuxptp and 1588 do. */
enum { TS_SOFTWARE, TS_HARDWARE, TS_LEGACY_HW, TS_ONESTEP, TS_P2P1STEP };
enum { DM_AUTO, DM_E2E, DM_P2P };
enum { TRANS_UDP_IPV4 = 1, TRANS_UDP_IPV6 = 2, TRANS_IEEE_802_3 = 3 };
enum {
	CLOCK_TYPE_OC = 0x8000,
	CLOCK_TYPE_BC = 0x4000,
	CLOCK_TYPE_P2P_TC = 0x2000,
	CLOCK_TYPE_E2E_TC = 0x1000,
};
enum { SERVO_PI, SERVO_LINREG, SERVO_NTPSHM, SERVO_NULLF };
enum { FILTER_MOVING_AVERAGE, FILTER_MOVING_MEDIAN };
enum { TSPROC_FILTER, TSPROC_RAW, TSPROC_FILTER_WEIGHT, TSPROC_RAW_WEIGHT };
enum { DS_CMP_IEEE1588, DS_CMP_G8275 };
enum { AS_CAPABLE_TRUE, AS_CAPABLE_AUTO };
enum { BMCA_PTP, BMCA_NOOP };
enum { HWTS_FILTER_NORMAL, HWTS_FILTER_CHECK, HWTS_FILTER_FULL };
enum { EXTTS_RISING = 2, EXTTS_FALLING = 4, EXTTS_BOTH = 6 };

#define CFG_IFNAMSIZ 16		/* IFNAMSIZ, with the NUL */

/* config_create() flags */
/*
 * Accept every valid linuxptp key and value, including those ptpkd does not
 * implement and ts2phc's. For tests and tools; ptpkd itself runs strict.
 */
#define CONFIG_PERMISSIVE 0x1

struct config;

struct config *config_create(unsigned int flags);
void config_destroy(struct config *cfg);

/*
 * Read a file ("-" is stdin). 0 on success; -1 with a message in err, like
 * "ptp4l.conf:12: unknown option 'foo'". On error, values already read stay.
 */
int config_read(struct config *cfg, const char *path, char *err, size_t len);
/* The same from an open stream; name is used in messages. */
int config_read_stream(struct config *cfg, FILE *f, const char *name,
		       char *err, size_t len);

/*
 * Set a global value from text, as --key value does: checked like a file
 * value (message without the file:line prefix) and locked against files.
 */
int config_set_text(struct config *cfg, const char *key, const char *value,
		    char *err, size_t len);
/* Typed setters for the command line's short options; locked too. */
int config_set_int(struct config *cfg, const char *key, int value);
int config_set_double(struct config *cfg, const char *key, double value);
int config_set_string(struct config *cfg, const char *key, const char *value);

/*
 * Getters: port is NULL for the global value, or a port's name, whose own
 * value wins when its section set one. An unknown key or one of another type
 * is a bug in ptpkd: it aborts.
 */
int config_get_int(const struct config *cfg, const char *port, const char *key);
double config_get_double(const struct config *cfg, const char *port,
			 const char *key);
const char *config_get_string(const struct config *cfg, const char *port,
			      const char *key);
/* CFG_MAC: 6 octets, CFG_OUI: 3 octets, CFG_CLOCKID: 8 octets. */
void config_get_octets(const struct config *cfg, const char *port,
		       const char *key, uint8_t *out);
/* Whether the value was set by a file or the command line. */
bool config_is_set(const struct config *cfg, const char *port, const char *key);

/* Ports: from -i and from file sections, in the order first seen. */
int config_add_interface(struct config *cfg, const char *name);	/* index */
unsigned int config_n_interfaces(const struct config *cfg);
const char *config_interface(const struct config *cfg, unsigned int i);
/* [unicast_master_table] sections read, and the one with a table_id. */
unsigned int config_n_unicast_tables(const struct config *cfg);
struct uc_table;
const struct uc_table *config_unicast_table(const struct config *cfg, int id);

/* Parse helpers shared with options.c and the tests. */
int cfg_parse_octets(const char *s, enum cfg_type type, uint8_t *out);

#endif
