/* claimgraph clusters: community membership and size, with the most central members. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"

static const cli_opt_t opts[] = {
    {"method", 0, "NAME", "recompute communities with leiden or louvain"},
    {"resolution", 0, "R", "modularity resolution when recomputing (default 1)"},
    {"seed", 0, "S", "random seed when recomputing (default 42)"},
    {"members", 'm', "N", "central members listed per cluster (default 5)"},
    {"json", 0, NULL, "write JSON instead of text"},
    {"csv", 0, NULL, "write CSV instead of text"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {
    "clusters", "GRAPH.json [--method leiden|louvain] [--resolution R] [--seed S]",
    "List the communities of a graph: id, size and most central members.",
    "Without --method/--resolution/--seed the communities stored in GRAPH.json are listed;\n"
    "with any of them they are computed again with igraph.",
    opts};

int cmd_clusters(int argc, char **argv)
{
    cli_args_t args;
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const char *method, *res, *seed, *s;
    size_t members = 5;
    cg_report_style_t style;
    int rc = cli_parse(&cmd, argc, argv, &args);

    if (rc)
        return rc;
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    rc = CLI_USAGE;
    if (args.noperands != 1) {
        fprintf(stderr, "claimgraph clusters: give exactly one GRAPH.json\n"
                        "Try 'claimgraph clusters --help'.\n");
        goto done;
    }
    method = cli_get(&cmd, &args, "method");
    res = cli_get(&cmd, &args, "resolution");
    seed = cli_get(&cmd, &args, "seed");
    if (cli_analyze_options("clusters", method, res, seed, &ao))
        goto done;
    if ((s = cli_get(&cmd, &args, "members")) && cli_size("clusters", "members", s, &members))
        goto done;
    if (cli_get(&cmd, &args, "json") && cli_get(&cmd, &args, "csv")) {
        fprintf(stderr, "claimgraph clusters: choose one of --json and --csv\n");
        goto done;
    }
    style = cli_get(&cmd, &args, "json") ? CG_REPORT_JSON
            : cli_get(&cmd, &args, "csv") ? CG_REPORT_CSV
                                          : CG_REPORT_TEXT;
    rc = CLI_FAIL;
    if (!(g = cli_load_graph("clusters", args.operands[0])))
        goto done;
    if ((method || res || seed || !cg_graph_analysis(g)->analyzed) && cg_analyze(g, &ao, &e)) {
        cli_error("clusters", &e);
        goto done;
    }
    if (cg_report_clusters(g, members, style, stdout, &e)) {
        cli_error("clusters", &e);
        goto done;
    }
    rc = CLI_OK;
done:
    cg_graph_free(g);
    free(args.operands);
    return rc;
}
