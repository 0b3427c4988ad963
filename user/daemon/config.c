// SPDX-License-Identifier: GPL-2.0
/* The ptp4l.conf parser and the value store; the keys are in config_table.c. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "unicast_table.h"

#define LINE_MAX_LEN 1024	/* as ptp4l's line buffer */

enum { UNSET, SET_FILE, SET_CMDLINE };

struct cfg_val {
	union cfg_num n;
	char *s;
	unsigned char set;
};

struct cfg_port {
	char name[CFG_IFNAMSIZ];
	struct cfg_val *vals;	/* cfg_nkeys of them; only port keys used */
};

struct config {
	unsigned int flags;
	struct cfg_val *global;
	struct cfg_port *ports;
	unsigned int nports, cap;
	struct uc_tables ucast;		/* [unicast_master_table] sections */
};

static unsigned int key_idx(const struct cfg_key *k)
{
	return k - cfg_keys;
}

static bool is_str_type(enum cfg_type t)
{
	return t != CFG_INT && t != CFG_DOUBLE && t != CFG_ENUM;
}

static void errf(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void errf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!err || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

struct config *config_create(unsigned int flags)
{
	struct config *cfg = calloc(1, sizeof(*cfg));
	unsigned int i;

	if (!cfg)
		return NULL;
	cfg->flags = flags;
	cfg->global = calloc(cfg_nkeys, sizeof(*cfg->global));
	if (!cfg->global) {
		free(cfg);
		return NULL;
	}
	for (i = 0; i < cfg_nkeys; i++)
		cfg->global[i].n = cfg_keys[i].def;
	return cfg;
}

static void free_vals(struct cfg_val *v)
{
	unsigned int i;

	if (!v)
		return;
	for (i = 0; i < cfg_nkeys; i++)
		free(v[i].s);
	free(v);
}

void config_destroy(struct config *cfg)
{
	unsigned int i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->nports; i++)
		free_vals(cfg->ports[i].vals);
	free(cfg->ports);
	free_vals(cfg->global);
	uc_tables_free(&cfg->ucast);
	free(cfg);
}

/*
 * Groups of hex digits: MAC xx:xx:xx:xx:xx:xx, OUI xx:xx:xx, clock identity
 * xxxxxx.xxxx.xxxxxx. MAC and OUI groups may have one digit, as sscanf's
 * %hhx allows in ptp4l.
 */
int cfg_parse_octets(const char *s, enum cfg_type type, uint8_t *out)
{
	static const unsigned char cid_groups[] = { 3, 2, 3 };
	unsigned int g, ngroups, i, n = 0;
	char sep;

	switch (type) {
	case CFG_MAC:
		ngroups = 6;
		sep = ':';
		break;
	case CFG_OUI:
		ngroups = 3;
		sep = ':';
		break;
	case CFG_CLOCKID:
		ngroups = 3;
		sep = '.';
		break;
	default:
		return -1;
	}
	for (g = 0; g < ngroups; g++) {
		if (g && *s++ != sep)
			return -1;
		if (type == CFG_CLOCKID) {
			for (i = 0; i < cid_groups[g]; i++, s += 2) {
				if (!isxdigit((unsigned char)s[0]) ||
				    !isxdigit((unsigned char)s[1]))
					return -1;
				out[n++] = strtoul((char[]){ s[0], s[1], 0 },
						   NULL, 16);
			}
			continue;
		}
		if (!isxdigit((unsigned char)s[0]))
			return -1;
		i = isxdigit((unsigned char)s[1]) ? 2 : 1;
		out[n++] = strtoul((char[]){ s[0], i == 2 ? s[1] : 0, 0 },
				   NULL, 16);
		s += i;
	}
	return *s ? -1 : 0;
}

static void malformed(const struct cfg_key *k, const char *text, char *err,
		      size_t len)
{
	char range[256];

	cfg_key_range(k, range, sizeof(range));
	errf(err, len, "'%s' is a malformed value for option '%s' (%s)",
	     text, k->name, range);
}

static void out_of_range(const struct cfg_key *k, const char *text,
			 char *err, size_t len)
{
	char range[256];

	cfg_key_range(k, range, sizeof(range));
	errf(err, len, "'%s' is an out of range value for option '%s' (%s)",
	     text, k->name, range);
}

/* Text to value, checked against the key's type and range. */
static int parse_value(const struct cfg_key *k, const char *text,
		       struct cfg_val *v, char *err, size_t len)
{
	const struct cfg_enum *e;
	uint8_t oct[8];
	char *end;
	long l;
	double d;

	switch (k->type) {
	case CFG_INT:
		/* as ptp4l: "ASAP" for the two fault intervals */
		if (!strcasecmp(text, "ASAP") &&
		    !strcmp(k->name, "fault_reset_interval")) {
			v->n.i = INT8_MIN;	/* FRI_ASAP */
			return 0;
		}
		if (!strcasecmp(text, "ASAP") &&
		    !strcmp(k->name, "fault_badpeernet_interval")) {
			v->n.i = 0;
			return 0;
		}
		errno = 0;
		/* base 0 as ptp4l: 0x1F and 017 are hex and octal */
		l = strtol(text, &end, 0);
		if (end == text || *end || isspace((unsigned char)*text)) {
			malformed(k, text, err, len);
			return -1;
		}
		if (errno == ERANGE || l < k->min.i || l > k->max.i) {
			out_of_range(k, text, err, len);
			return -1;
		}
		v->n.i = l;
		return 0;
	case CFG_DOUBLE:
		errno = 0;
		d = strtod(text, &end);
		if (end == text || *end || isspace((unsigned char)*text) ||
		    isnan(d)) {
			malformed(k, text, err, len);
			return -1;
		}
		if (d < k->min.d || d > k->max.d) {
			out_of_range(k, text, err, len);
			return -1;
		}
		v->n.d = d;
		return 0;
	case CFG_ENUM:
		for (e = k->values; e->name; e++) {
			if (!strcasecmp(e->name, text)) {
				v->n.i = e->value;
				return 0;
			}
		}
		{
			char range[256];

			cfg_key_range(k, range, sizeof(range));
			errf(err, len, "'%s' is a bad value for option '%s' (%s)",
			     text, k->name, range);
		}
		return -1;
	case CFG_STRING:
		if (strlen(text) > (size_t)k->max.i) {
			out_of_range(k, text, err, len);
			return -1;
		}
		break;
	case CFG_MAC:
	case CFG_OUI:
	case CFG_CLOCKID:
		if (cfg_parse_octets(text, k->type, oct)) {
			malformed(k, text, err, len);
			return -1;
		}
		break;
	}
	v->s = strdup(text);
	if (!v->s) {
		errf(err, len, "out of memory");
		return -1;
	}
	return 0;
}

static bool is_default(const struct cfg_key *k, const struct cfg_val *v)
{
	uint8_t a[8], b[8];

	switch (k->type) {
	case CFG_INT:
	case CFG_ENUM:
		return v->n.i == k->def.i;
	case CFG_DOUBLE:
		return v->n.d == k->def.d;
	case CFG_STRING:
		return !strcmp(v->s, k->def_s);
	default:
		return !cfg_parse_octets(v->s, k->type, a) &&
		       !cfg_parse_octets(k->def_s, k->type, b) &&
		       !memcmp(a, b, k->type == CFG_MAC ? 6 :
			       k->type == CFG_OUI ? 3 : 8);
	}
}

/*
 * What ptpkd cannot honour is refused, never ignored. A key ptpkd does not
 * implement is accepted at its default: ptpkd then behaves as ptp4l would.
 */
static int check_supported(const struct config *cfg, const struct cfg_key *k,
			   const char *text, const struct cfg_val *v,
			   char *err, size_t len)
{
	const struct cfg_enum *e;

	if (cfg->flags & CONFIG_PERMISSIVE)
		return 0;
	if (!(k->flags & CFG_IMPL)) {
		if (is_default(k, v))
			return 0;
		if (k->flags & CFG_TS2PHC)
			errf(err, len,
			     "option '%s' belongs to ts2phc and is not used by ptpkd",
			     k->name);
		else
			errf(err, len, "option '%s' is not supported by ptpkd yet",
			     k->name);
		return -1;
	}
	if (k->type != CFG_ENUM)
		return 0;
	for (e = k->values; e->name; e++) {
		if (e->value == v->n.i && !e->impl) {
			errf(err, len,
			     "value '%s' of option '%s' is not supported by ptpkd yet",
			     text, k->name);
			return -1;
		}
	}
	return 0;
}

static void store(struct cfg_val *dst, struct cfg_val *v, unsigned char set)
{
	free(dst->s);
	dst->n = v->n;
	dst->s = v->s;
	dst->set = set;
	v->s = NULL;
}

/* Parse and check one key/value; port is NULL for the global scope. */
static int set_text(struct config *cfg, int port, const char *key,
		    const char *text, unsigned char set, char *err, size_t len)
{
	const struct cfg_key *k = cfg_key_find(key);
	struct cfg_val v = { .s = NULL }, *dst;

	if (!k) {
		errf(err, len, "unknown option '%s'", key);
		return -1;
	}
	if (port >= 0 && !(k->flags & CFG_PORT)) {
		errf(err, len,
		     "option '%s' is global and cannot be set in a port section",
		     key);
		return -1;
	}
	if (parse_value(k, text, &v, err, len))
		return -1;
	if (check_supported(cfg, k, text, &v, err, len)) {
		free(v.s);
		return -1;
	}
	if (port >= 0)
		dst = &cfg->ports[port].vals[key_idx(k)];
	else
		dst = &cfg->global[key_idx(k)];
	/* the command line wins over a file's [global] section */
	if (set == SET_FILE && dst->set == SET_CMDLINE)
		free(v.s);
	else
		store(dst, &v, set);
	return 0;
}

int config_set_text(struct config *cfg, const char *key, const char *value,
		    char *err, size_t len)
{
	return set_text(cfg, -1, key, value, SET_CMDLINE, err, len);
}

static const struct cfg_key *key_of(const char *key, enum cfg_type type)
{
	const struct cfg_key *k = cfg_key_find(key);

	if (!k)
		return NULL;
	if (type == CFG_INT && (k->type == CFG_INT || k->type == CFG_ENUM))
		return k;
	if (type == CFG_STRING && is_str_type(k->type))
		return k;
	return k->type == type ? k : NULL;
}

static bool enum_has(const struct cfg_key *k, int value)
{
	const struct cfg_enum *e;

	for (e = k->values; e->name; e++)
		if (e->value == value)
			return true;
	return false;
}

int config_set_int(struct config *cfg, const char *key, int value)
{
	const struct cfg_key *k = key_of(key, CFG_INT);
	struct cfg_val v = { .n.i = value };

	if (!k)
		return -1;
	if (k->type == CFG_INT ? value < k->min.i || value > k->max.i :
				 !enum_has(k, value))
		return -1;
	store(&cfg->global[key_idx(k)], &v, SET_CMDLINE);
	return 0;
}

int config_set_double(struct config *cfg, const char *key, double value)
{
	const struct cfg_key *k = key_of(key, CFG_DOUBLE);
	struct cfg_val v = { .n.d = value };

	if (!k || !(value >= k->min.d && value <= k->max.d))
		return -1;
	store(&cfg->global[key_idx(k)], &v, SET_CMDLINE);
	return 0;
}

int config_set_string(struct config *cfg, const char *key, const char *value)
{
	const struct cfg_key *k = key_of(key, CFG_STRING);
	struct cfg_val v = { .s = NULL };

	if (!k)
		return -1;
	v.s = strdup(value);
	if (!v.s)
		return -1;
	store(&cfg->global[key_idx(k)], &v, SET_CMDLINE);
	return 0;
}

int config_add_interface(struct config *cfg, const char *name)
{
	struct cfg_port *p;
	unsigned int i;

	if (!*name || strlen(name) >= CFG_IFNAMSIZ)
		return -1;
	for (i = 0; i < cfg->nports; i++)
		if (!strcmp(cfg->ports[i].name, name))
			return i;
	if (cfg->nports == cfg->cap) {
		unsigned int cap = cfg->cap ? 2 * cfg->cap : 4;

		p = realloc(cfg->ports, cap * sizeof(*p));
		if (!p)
			return -1;
		cfg->ports = p;
		cfg->cap = cap;
	}
	p = &cfg->ports[cfg->nports];
	p->vals = calloc(cfg_nkeys, sizeof(*p->vals));
	if (!p->vals)
		return -1;
	strcpy(p->name, name);
	return cfg->nports++;
}

unsigned int config_n_interfaces(const struct config *cfg)
{
	return cfg->nports;
}

const char *config_interface(const struct config *cfg, unsigned int i)
{
	return i < cfg->nports ? cfg->ports[i].name : NULL;
}

unsigned int config_n_unicast_tables(const struct config *cfg)
{
	return cfg->ucast.n;
}

const struct uc_table *config_unicast_table(const struct config *cfg, int id)
{
	return uc_tables_find(&cfg->ucast, id);
}

static const struct cfg_val *lookup(const struct config *cfg,
				    const char *port, const char *key,
				    enum cfg_type type,
				    const struct cfg_key **kp)
{
	const struct cfg_key *k = key_of(key, type);
	unsigned int i;

	if (!k) {
		fprintf(stderr, "bug: config option %s missing or of another type\n",
			key);
		abort();
	}
	*kp = k;
	if (port && (k->flags & CFG_PORT)) {
		for (i = 0; i < cfg->nports; i++) {
			const struct cfg_port *p = &cfg->ports[i];

			if (!strcmp(p->name, port) && p->vals[key_idx(k)].set)
				return &p->vals[key_idx(k)];
		}
	}
	return &cfg->global[key_idx(k)];
}

int config_get_int(const struct config *cfg, const char *port, const char *key)
{
	const struct cfg_key *k;

	return lookup(cfg, port, key, CFG_INT, &k)->n.i;
}

double config_get_double(const struct config *cfg, const char *port,
			 const char *key)
{
	const struct cfg_key *k;

	return lookup(cfg, port, key, CFG_DOUBLE, &k)->n.d;
}

const char *config_get_string(const struct config *cfg, const char *port,
			      const char *key)
{
	const struct cfg_key *k;
	const struct cfg_val *v = lookup(cfg, port, key, CFG_STRING, &k);

	return v->set ? v->s : k->def_s;
}

void config_get_octets(const struct config *cfg, const char *port,
		       const char *key, uint8_t *out)
{
	const char *s = config_get_string(cfg, port, key);

	/* values were checked when set */
	if (cfg_parse_octets(s, cfg_key_find(key)->type, out))
		abort();
}

bool config_is_set(const struct config *cfg, const char *port,
		   const char *key)
{
	const struct cfg_key *k = cfg_key_find(key);
	unsigned int i;

	if (!k)
		return false;
	if (port && (k->flags & CFG_PORT))
		for (i = 0; i < cfg->nports; i++)
			if (!strcmp(cfg->ports[i].name, port) &&
			    cfg->ports[i].vals[key_idx(k)].set)
				return true;
	return cfg->global[key_idx(k)].set != UNSET;
}

/* The file parser. */

enum section { SEC_NONE, SEC_GLOBAL, SEC_PORT, SEC_UCAST };

struct parser {
	struct config *cfg;
	const char *name;
	unsigned int line;
	enum section sec;
	int port;
	char *err;
	size_t len;
};

static int perr(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int perr(struct parser *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	errf(p->err, p->len, "%s:%u: %s", p->name, p->line, msg);
	return -1;
}

static int section_line(struct parser *p, char *s)
{
	size_t n = strlen(s);
	char *name, *c;

	if (s[n - 1] != ']')
		return perr(p, "bad section header '%s'", s);
	s[n - 1] = '\0';
	name = s + 1;
	while (isspace((unsigned char)*name))
		name++;
	for (c = name + strlen(name); c > name && isspace((unsigned char)c[-1]);)
		*--c = '\0';
	if (!strcasecmp(name, "global")) {
		p->sec = SEC_GLOBAL;
		return 0;
	}
	if (!strcasecmp(name, "unicast_master_table")) {
		if (!uc_tables_add(&p->cfg->ucast))
			return perr(p, "out of memory");
		p->sec = SEC_UCAST;
		return 0;
	}
	if (!*name)
		return perr(p, "empty section name");
	for (c = name; *c; c++)
		if (isspace((unsigned char)*c) || !isprint((unsigned char)*c) ||
		    *c == '[' || *c == ']' || *c == '/')
			return perr(p, "bad interface name '%s'", name);
	if (strlen(name) >= CFG_IFNAMSIZ)
		return perr(p, "interface name '%s' is too long (at most %d characters)",
			    name, CFG_IFNAMSIZ - 1);
	p->port = config_add_interface(p->cfg, name);
	if (p->port < 0)
		return perr(p, "out of memory");
	p->sec = SEC_PORT;
	return 0;
}

/* An entry of the unicast master table being read (unicast_table.c). */
static int ucast_line(struct parser *p, const char *key, const char *val)
{
	char msg[448];

	if (uc_table_line(&p->cfg->ucast, key, val, msg, sizeof(msg)))
		return perr(p, "%s", msg);
	return 0;
}

static int parse_line(struct parser *p, char *s)
{
	char msg[448], *c, *val;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '#' || !*s)
		return 0;
	for (c = s + strlen(s); c > s && isspace((unsigned char)c[-1]);)
		*--c = '\0';
	if (*s == '[')
		return section_line(p, s);

	for (val = s; *val && !isspace((unsigned char)*val); val++)
		;
	if (*val) {
		*val++ = '\0';
		while (isspace((unsigned char)*val))
			val++;
	}
	switch (p->sec) {
	case SEC_NONE:
		return perr(p, "'%s' is not in a section", s);
	case SEC_UCAST:
		if (!*val)
			return perr(p, "option '%s' needs a value", s);
		return ucast_line(p, s, val);
	default:
		break;
	}
	if (!cfg_key_find(s))
		return perr(p, "unknown option '%s'", s);
	if (!*val)
		return perr(p, "option '%s' needs a value", s);
	if (set_text(p->cfg, p->sec == SEC_PORT ? p->port : -1, s, val,
		     SET_FILE, msg, sizeof(msg)))
		return perr(p, "%s", msg);
	return 0;
}

int config_read_stream(struct config *cfg, FILE *f, const char *name,
		       char *err, size_t len)
{
	struct parser p = {
		.cfg = cfg, .name = name, .sec = SEC_NONE, .port = -1,
		.err = err, .len = len,
	};
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret = 0;

	while ((n = getline(&buf, &cap, f)) >= 0) {
		p.line++;
		if (memchr(buf, '\0', n)) {
			ret = perr(&p, "line contains a NUL byte");
			break;
		}
		if (n > LINE_MAX_LEN) {
			ret = perr(&p, "line too long (more than %d characters)",
				   LINE_MAX_LEN);
			break;
		}
		ret = parse_line(&p, buf);
		if (ret)
			break;
	}
	free(buf);
	return ret;
}

int config_read(struct config *cfg, const char *path, char *err, size_t len)
{
	FILE *f;
	int ret;

	if (!strcmp(path, "-"))
		return config_read_stream(cfg, stdin, "(stdin)", err, len);
	f = fopen(path, "r");
	if (!f) {
		errf(err, len, "failed to open configuration file %s: %s", path,
		     strerror(errno));
		return -1;
	}
	ret = config_read_stream(cfg, f, path, err, len);
	fclose(f);
	return ret;
}
