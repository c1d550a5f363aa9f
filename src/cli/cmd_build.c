/* claimgraph build: articles or claims files in, analysed graph.json out (the reduce step). */
#include <stdlib.h>

#include "commands.h"
#include "options.h"

static const cli_opt_t opts[] = {
    {"output", 'o', "FILE", "write the graph to FILE (default: standard output)"},
    {"jobs", 'j', "N", "extract articles on N worker threads"},
    {"manifest", 0, "FILE", "JSON Lines metadata for plain-text articles"},
    {"method", 0, "NAME", "community detection: leiden (default) or louvain"},
    {"resolution", 0, "R", "modularity resolution (default 1)"},
    {"seed", 0, "S", "random seed for community detection (default 42)"},
    {"keep-going", 'k', NULL, "exit 0 even when some inputs could not be read"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {
    "build", "INPUT... [-o graph.json]",
    "Build the provenance graph from articles and/or claims files, detect communities and\n"
    "compute centrality with igraph, and write graph.json (schema/graph.schema.json).",
    "INPUT is an article input as for 'extract', or a claims .jsonl file written by\n"
    "'claimgraph extract' (so shards extracted elsewhere merge into one graph).",
    opts};

int cmd_build(int argc, char **argv)
{
    cli_args_t args;
    cg_pipeline_options_t po = CG_PIPELINE_OPTIONS_INIT;
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_claimset_t *claims = cg_claimset_new();
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const char *jobs, *out;
    size_t nbad = 0;
    int rc = cli_parse(&cmd, argc, argv, &args);

    if (rc) {
        cg_claimset_free(claims);
        return rc;
    }
    if (!claims) {
        fprintf(stderr, "claimgraph build: out of memory\n");
        rc = CLI_FAIL;
        goto done;
    }
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    if (!args.noperands) {
        fprintf(stderr, "claimgraph build: no input given\nTry 'claimgraph build --help'.\n");
        rc = CLI_USAGE;
        goto done;
    }
    if ((jobs = cli_get(&cmd, &args, "jobs")) && cli_jobs("build", jobs, &po.threads)) {
        rc = CLI_USAGE;
        goto done;
    }
    if ((rc = cli_analyze_options("build", cli_get(&cmd, &args, "method"),
                                  cli_get(&cmd, &args, "resolution"),
                                  cli_get(&cmd, &args, "seed"), &ao)))
        goto done;
    po.manifest = cli_get(&cmd, &args, "manifest");
    out = cli_get(&cmd, &args, "output");
    if (cg_pipeline_collect_set(claims, args.operands, args.noperands, &po, cli_diag, "build",
                                &nbad, &e) ||
        cg_graph_build_set(&g, claims, &e)) {
        cli_error("build", &e);
        rc = CLI_FAIL;
        goto done;
    }
    cg_claimset_free(claims);
    claims = NULL;
    if (cg_analyze(g, &ao, &e)) {
        cli_error("build", &e);
        rc = CLI_FAIL;
        goto done;
    }
    rc = cli_write_export("build", g, CG_FORMAT_JSON, NULL, out ? out : "-", args.operands,
                          args.noperands);
    if (!rc && nbad && !cli_get(&cmd, &args, "keep-going"))
        rc = CLI_FAIL;
done:
    cg_graph_free(g);
    cg_claimset_free(claims);
    free(args.operands);
    return rc;
}
