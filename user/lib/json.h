/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny streaming JSON writer. Values are written as they come; the writer
 * only tracks nesting to place commas, newlines and indentation. Strings are
 * escaped per RFC 8259, and bytes that are not valid UTF-8 become U+FFFD so
 * the output always parses.
 */
#ifndef PTPK_JSON_H
#define PTPK_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *f;
	bool pretty;
	int depth;
	bool after_key;
	bool nonempty[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *f, bool pretty);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
/* Write the key of the next member of the current object. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* A number already formatted as a valid JSON number, e.g. by fx_format(). */
void json_number(struct json *j, const char *num);
/* End a top-level value with a newline. */
void json_finish(struct json *j);

/* Write s as a quoted, escaped JSON string. */
void json_write_string(FILE *f, const char *s);

static inline void json_kv_string(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_string(j, v);
}

static inline void json_kv_uint(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_uint(j, v);
}

static inline void json_kv_int(struct json *j, const char *k, int64_t v)
{
	json_key(j, k);
	json_int(j, v);
}

static inline void json_kv_bool(struct json *j, const char *k, bool v)
{
	json_key(j, k);
	json_bool(j, v);
}

#endif
