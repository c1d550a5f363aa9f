/* claimgraph report: a ranked table of nodes by a centrality measure. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"

static const cli_opt_t opts[] = {
    {"by", 0, "MEASURE", "pagerank (default), betweenness, indegree, outdegree, hub, authority"},
    {"kind", 0, "KIND", "speaker (default), outlet, claim, article or all"},
    {"top", 'n', "N", "number of rows (default 10; 0 for all)"},
    {"json", 0, NULL, "write JSON instead of a text table"},
    {"csv", 0, NULL, "write CSV instead of a text table"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {"report", "GRAPH.json [--by MEASURE] [--kind KIND] [--top N] [--json|--csv]",
                              "Rank the nodes of a graph built by 'claimgraph build'.", NULL,
                              opts};

int cmd_report(int argc, char **argv)
{
    cli_args_t args;
    cg_report_options_t ro = CG_REPORT_OPTIONS_INIT;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const char *s;
    int rc = cli_parse(&cmd, argc, argv, &args);

    if (rc)
        return rc;
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    rc = CLI_USAGE;
    if (args.noperands != 1) {
        fprintf(stderr, "claimgraph report: give exactly one GRAPH.json\n"
                        "Try 'claimgraph report --help'.\n");
        goto done;
    }
    if ((s = cli_get(&cmd, &args, "by")) && (int)(ro.by = (cg_measure_t)cg_measure_parse(s)) < 0) {
        fprintf(stderr, "claimgraph report: unknown measure '%s'\n", s);
        goto done;
    }
    if ((s = cli_get(&cmd, &args, "kind"))) {
        ro.kind = strcmp(s, "all") == 0 ? -1 : cg_node_kind_parse(s);
        if (ro.kind < 0 && strcmp(s, "all") != 0) {
            fprintf(stderr, "claimgraph report: --kind must be speaker, outlet, claim, article "
                            "or all, not '%s'\n", s);
            goto done;
        }
    }
    if ((s = cli_get(&cmd, &args, "top")) && cli_size("report", "top", s, &ro.top))
        goto done;
    if (cli_get(&cmd, &args, "json") && cli_get(&cmd, &args, "csv")) {
        fprintf(stderr, "claimgraph report: choose one of --json and --csv\n");
        goto done;
    }
    ro.style = cli_get(&cmd, &args, "json") ? CG_REPORT_JSON
               : cli_get(&cmd, &args, "csv") ? CG_REPORT_CSV
                                             : CG_REPORT_TEXT;
    rc = CLI_FAIL;
    if (!(g = cli_load_graph("report", args.operands[0])))
        goto done;
    if (cg_report(g, &ro, stdout, &e)) {
        cli_error("report", &e);
        goto done;
    }
    rc = CLI_OK;
done:
    cg_graph_free(g);
    free(args.operands);
    return rc;
}
