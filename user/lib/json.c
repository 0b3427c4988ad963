// SPDX-License-Identifier: GPL-2.0
/* Streaming JSON writer, see json.h. */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void json_init(struct json *j, FILE *f, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->pretty = pretty;
}

static void indent(struct json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Separator and indentation before a value or key in the current container. */
static void begin_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->depth <= JSON_MAX_DEPTH) {
		if (j->nonempty[j->depth - 1])
			fputc(',', j->f);
		j->nonempty[j->depth - 1] = true;
	}
	indent(j);
}

static void container_open(struct json *j, char c)
{
	begin_value(j);
	fputc(c, j->f);
	if (j->depth < JSON_MAX_DEPTH)
		j->nonempty[j->depth] = false;
	j->depth++;
}

static void container_close(struct json *j, char c)
{
	bool nonempty = j->depth <= JSON_MAX_DEPTH && j->nonempty[j->depth - 1];

	j->depth--;
	if (nonempty)
		indent(j);
	fputc(c, j->f);
}

void json_obj_begin(struct json *j)
{
	container_open(j, '{');
}

void json_obj_end(struct json *j)
{
	container_close(j, '}');
}

void json_arr_begin(struct json *j)
{
	container_open(j, '[');
}

void json_arr_end(struct json *j)
{
	container_close(j, ']');
}

void json_key(struct json *j, const char *key)
{
	begin_value(j);
	json_write_string(j->f, key);
	fputs(j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void json_write_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(f, "\\u%04x", *s);
				break;
			}
			n = utf8_len(s);
			if (!n) {
				fputs("\\ufffd", f);
				break;
			}
			fwrite(s, 1, n, f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', f);
}

void json_string(struct json *j, const char *s)
{
	begin_value(j);
	json_write_string(j->f, s ? s : "");
}

void json_int(struct json *j, int64_t v)
{
	begin_value(j);
	fprintf(j->f, "%" PRId64, v);
}

void json_uint(struct json *j, uint64_t v)
{
	begin_value(j);
	fprintf(j->f, "%" PRIu64, v);
}

void json_bool(struct json *j, bool v)
{
	begin_value(j);
	fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j)
{
	begin_value(j);
	fputs("null", j->f);
}

void json_number(struct json *j, const char *num)
{
	begin_value(j);
	fputs(num, j->f);
}

void json_finish(struct json *j)
{
	fputc('\n', j->f);
}
