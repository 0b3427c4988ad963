// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli entry point; everything else is in ptpk-cli.c and friends. */
#include "cli.h"

int main(int argc, char **argv)
{
	struct cli c;
	int ret;

	cli_init(&c);
	ret = cli_main(&c, argc, argv);
	cli_cleanup(&c);
	if (fflush(stdout) || ferror(stdout))
		ret = ret ? ret : CLI_FAIL;
	return ret;
}
