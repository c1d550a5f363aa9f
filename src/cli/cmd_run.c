/* claimgraph run: the whole pipeline into one folder (claims, graph, DOT, SVG, report). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "options.h"

#ifndef CG_EXAMPLES_DIR
#define CG_EXAMPLES_DIR "examples/articles"
#endif

/* Graphs above this size are drawn as a view of their most central nodes. */
#define RUN_SVG_MAX_NODES 300

static const cli_opt_t opts[] = {
    {"output", 'o', "DIR", "write the outputs into DIR (default out/)"},
    {"jobs", 'j', "N", "extract on N worker threads"},
    {"manifest", 0, "FILE", "JSON Lines metadata for plain-text articles"},
    {"layout", 0, "ENGINE", "Graphviz layout for graph.svg (default by size)"},
    {"method", 0, "NAME", "community detection: leiden (default) or louvain"},
    {"resolution", 0, "R", "modularity resolution (default 1)"},
    {"seed", 0, "S", "random seed (default 42)"},
    {"keep-going", 'k', NULL, "exit 0 even when some inputs could not be read"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {
    "run", "[INPUT...] [-o DIR]",
    "Run everything: extract claims, build and analyse the graph, export it and print the\n"
    "report. Writes DIR/claims.jsonl, graph.json, graph.dot, graph.svg and report.txt.",
    "With no INPUT, the bundled example articles are used. Graphs of more than 300 nodes\n"
    "are drawn in graph.svg as their 300 most central nodes (graph.dot has them all).",
    opts};

typedef struct {
    FILE *fp;
    cg_claims_t *all;
} run_sink_t;

static cg_error_t run_sink(const cg_article_t *a, cg_claims_t *claims, void *ud)
{
    run_sink_t *s = ud;
    size_t i;
    cg_error_t rc;

    (void)a;
    for (i = 0; i < claims->count; i++)
        if ((rc = cg_claim_write_json(s->fp, &claims->items[i])) && rc != CG_EINPUT)
            return rc;
    return cg_claims_move(s->all, claims);
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char buf[4096];
    size_t i, n = strlen(path);

    if (n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0755) != 0 && errno != EEXIST)
                return -1;
            buf[i] = c;
        }
    }
    return 0;
}

static char *out_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);

    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int write_report(const cg_graph_t *g, const char *path)
{
    cg_outfile_t f;
    cg_errinfo_t e;

    if (cg_outfile_open(&f, path, NULL, 0, &e) || cg_report_summary(g, f.fp, &e)) {
        if (f.fp)
            cg_outfile_abort(&f);
        cli_error("run", &e);
        return CLI_FAIL;
    }
    if (cg_outfile_commit(&f, &e)) {
        cli_error("run", &e);
        return CLI_FAIL;
    }
    return CLI_OK;
}

int cmd_run(int argc, char **argv)
{
    cli_args_t args;
    cg_pipeline_options_t po = CG_PIPELINE_OPTIONS_INIT;
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_export_options_t eo = CG_EXPORT_OPTIONS_INIT;
    cg_claims_t claims;
    cg_graph_t *g = NULL, *view = NULL;
    cg_outfile_t f;
    cg_errinfo_t e;
    const char *dir, *s, *examples[1];
    const char *const *inputs;
    size_t ninputs, nbad = 0;
    char *p_claims = NULL, *p_graph = NULL, *p_dot = NULL, *p_svg = NULL, *p_report = NULL;
    run_sink_t sink;
    struct stat st;
    int rc = cli_parse(&cmd, argc, argv, &args);

    cg_claims_init(&claims);
    memset(&f, 0, sizeof f);
    if (rc)
        return rc;
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    rc = CLI_USAGE;
    if ((s = cli_get(&cmd, &args, "jobs")) && cli_jobs("run", s, &po.threads))
        goto done;
    if (cli_analyze_options("run", cli_get(&cmd, &args, "method"),
                            cli_get(&cmd, &args, "resolution"), cli_get(&cmd, &args, "seed"), &ao))
        goto done;
    po.manifest = cli_get(&cmd, &args, "manifest");
    eo.layout = cli_get(&cmd, &args, "layout");
    dir = cli_get(&cmd, &args, "output");
    if (!dir)
        dir = "out";
    inputs = args.operands;
    ninputs = args.noperands;
    if (!ninputs) {
        /* relative when run from the source tree, so document names stay short */
        examples[0] = stat("examples/articles", &st) == 0 ? "examples/articles" : CG_EXAMPLES_DIR;
        inputs = examples;
        ninputs = 1;
    }
    rc = CLI_FAIL;
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "claimgraph run: %s: cannot create folder: %s\n", dir, strerror(errno));
        goto done;
    }
    p_claims = out_path(dir, "claims.jsonl");
    p_graph = out_path(dir, "graph.json");
    p_dot = out_path(dir, "graph.dot");
    p_svg = out_path(dir, "graph.svg");
    p_report = out_path(dir, "report.txt");
    if (!p_claims || !p_graph || !p_dot || !p_svg || !p_report) {
        fprintf(stderr, "claimgraph run: out of memory\n");
        goto done;
    }
    /* 1-2. extract, saving claims.jsonl as we go */
    if (cg_outfile_open(&f, p_claims, inputs, ninputs, &e)) {
        cli_error("run", &e);
        goto done;
    }
    sink.fp = f.fp;
    sink.all = &claims;
    if (cg_pipeline_extract(inputs, ninputs, &po, run_sink, &sink, cli_diag, "run", &nbad, &e)) {
        cg_outfile_abort(&f);
        cli_error("run", &e);
        goto done;
    }
    if (cg_outfile_commit(&f, &e)) {
        cli_error("run", &e);
        goto done;
    }
    /* 3-4. build and analyse */
    if (cg_graph_build(&g, claims.items, claims.count, &e) || cg_analyze(g, &ao, &e)) {
        cli_error("run", &e);
        goto done;
    }
    cg_claims_destroy(&claims);
    /* 5. exports and report */
    if (cli_write_export("run", g, CG_FORMAT_JSON, &eo, p_graph, inputs, ninputs) ||
        cli_write_export("run", g, CG_FORMAT_DOT, &eo, p_dot, inputs, ninputs))
        goto done;
    if (cg_graph_node_count(g) > RUN_SVG_MAX_NODES) {
        cg_view_options_t vo = CG_VIEW_OPTIONS_INIT;
        vo.top = RUN_SVG_MAX_NODES;
        if (cg_view(&view, g, &vo, &e)) {
            cli_error("run", &e);
            goto done;
        }
    }
    if (cli_write_export("run", view ? view : g, CG_FORMAT_SVG, &eo, p_svg, inputs, ninputs) ||
        write_report(g, p_report))
        goto done;
    if (cg_report_summary(g, stdout, &e)) {
        cli_error("run", &e);
        goto done;
    }
    printf("\nwrote %s, %s, %s, %s, %s\n", p_claims, p_graph, p_dot, p_svg, p_report);
    rc = nbad && !cli_get(&cmd, &args, "keep-going") ? CLI_FAIL : CLI_OK;
done:
    cg_graph_free(view);
    cg_graph_free(g);
    cg_claims_destroy(&claims);
    free(p_claims);
    free(p_graph);
    free(p_dot);
    free(p_svg);
    free(p_report);
    free(args.operands);
    return rc;
}
