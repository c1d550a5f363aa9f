/* Helpers shared by several subcommands (the graph commands' own: graph_common.c). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

void cli_diag(const cg_errinfo_t *e, void *ud)
{
    cli_error(ud, e);
}

int cli_jobs(const char *cmdname, const char *s, size_t *out)
{
    if (cli_size(cmdname, "jobs", s, out))
        return -1;
    if (*out < 1 || *out > 256) {
        fprintf(stderr, "claimgraph %s: --jobs must be between 1 and 256\n", cmdname);
        return -1;
    }
    return 0;
}
