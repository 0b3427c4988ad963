// SPDX-License-Identifier: GPL-2.0
/* Runs every test and prints TAP; exits 1 if any failed. */
#include <stdlib.h>

#include "tests.h"

void test_print_commented(const char *s)
{
	const char *start = s;

	fputs("# |", stdout);
	for (; *s; s++) {
		putchar(*s);
		if (*s == '\n' && s[1])
			fputs("# |", stdout);
	}
	if (s == start || s[-1] != '\n')	/* "" has no s[-1] */
		putchar('\n');
}

void mb_open(struct membuf *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	if (!m->f)
		abort();
}

const char *mb_str(struct membuf *m)
{
	fflush(m->f);
	return m->buf;
}

void mb_close(struct membuf *m)
{
	fclose(m->f);
	free(m->buf);
}

#define MAX_SUITES 64
static const struct test *suites[MAX_SUITES];
static unsigned int n_suites;

void test_register(const struct test *suite)
{
	if (n_suites == MAX_SUITES)
		abort();
	suites[n_suites++] = suite;
}

int main(void)
{
	const struct test *t;
	unsigned int i, n = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < n_suites; i++)
		for (t = suites[i]; t->name; t++)
			n++;
	printf("1..%u\n", n);
	n = 0;
	for (i = 0; i < n_suites; i++) {
		for (t = suites[i]; t->name; t++) {
			int r = t->fn();

			printf("%sok %u - %s\n", r ? "not " : "", ++n, t->name);
			failed += r != 0;
		}
	}
	if (failed)
		printf("# %u of %u tests failed\n", failed, n);
	return failed ? 1 : 0;
}
