/*
 * claimgraph-bench-algo — times the graph stages of the benchmark on one graph.json:
 * loading it, claimgraph's whole analysis (cg_analyze_timed without betweenness, each
 * part timed: communities = Leiden as the product runs it, PageRank, HITS, building the
 * igraph views; then cg_analyze with betweenness on graphs of at most
 * --betweenness-max nodes), and rendering a 300-node view as SVG
 * (cg_view --top 300 by PageRank + cg_export with the default layout engine).
 *
 *   claimgraph-bench-algo GRAPH.json [--top N] [--betweenness-max NODES] [--svg FILE]
 *
 * Prints one JSON object on standard output. Exit status 0, 1 on failure, 2 on usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claimgraph/claimgraph.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what, const cg_errinfo_t *e)
{
    char msg[1200];
    if (e) {
        cg_errinfo_format(e, msg, sizeof msg);
        fprintf(stderr, "claimgraph-bench-algo: %s: %s\n", what, msg);
    } else {
        fprintf(stderr, "claimgraph-bench-algo: %s failed\n", what);
    }
    return 1;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *svg = "/dev/null";
    size_t top = 300, bmax = 200000, n, m, i;
    cg_graph_t *g = NULL, *v = NULL;
    cg_errinfo_t e;
    cg_analyze_stats_t st;
    double t, t_load, t_an = -1, t_anb = -1, t_view, t_svg;
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_view_options_t vo = CG_VIEW_OPTIONS_INIT;
    cg_export_options_t eo = CG_EXPORT_OPTIONS_INIT;
    FILE *fp;

    cg_reexec_with_huge_pages(argv); /* as `claimgraph build` does */
    for (i = 1; i < (size_t)argc; i++) {
        if (!strcmp(argv[i], "--top") && i + 1 < (size_t)argc)
            top = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--betweenness-max") && i + 1 < (size_t)argc)
            bmax = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--svg") && i + 1 < (size_t)argc)
            svg = argv[++i];
        else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else {
            fputs("usage: claimgraph-bench-algo GRAPH.json [--top N] [--betweenness-max NODES] "
                  "[--svg FILE]\n",
                  stderr);
            return 2;
        }
    }
    if (!path)
        return 2;

    t = now();
    if (cg_graph_read_json(&g, path, &e))
        return fail("load", &e);
    t_load = now() - t;
    n = cg_graph_node_count(g);
    m = cg_graph_edge_count(g);

    /* claimgraph's analysis stage as the CLI runs it, each part timed */
    ao.betweenness = 0;
    if (cg_analyze_timed(g, &ao, &st, &e))
        return fail("cg_analyze", &e);
    t_an = st.total;
    if (n <= bmax) {
        ao.betweenness = 1;
        t = now();
        if (cg_analyze(g, &ao, &e))
            return fail("cg_analyze with betweenness", &e);
        t_anb = now() - t;
    }

    /* a drawable view and its SVG */
    vo.top = top;
    t = now();
    if (cg_view(&v, g, &vo, &e))
        return fail("view", &e);
    t_view = now() - t;
    if (!(fp = fopen(svg, "wb")))
        return fail(svg, NULL);
    t = now();
    if (cg_export(v, CG_FORMAT_SVG, &eo, fp, &e))
        return fail("svg", &e);
    if (fclose(fp))
        return fail(svg, NULL);
    t_svg = now() - t;

    printf("{\"nodes\":%zu,\"edges\":%zu,\"load_s\":%.3f,\"leiden_s\":%.3f,\"leiden_clusters\":%ld,"
           "\"leiden_modularity\":%.4f,\"pagerank_s\":%.3f,\"hits_s\":%.3f,\"views_s\":%.3f,"
           "\"analyze_s\":%.3f,"
           "\"analyze_betweenness_s\":%.3f,\"view_nodes\":%zu,\"view_edges\":%zu,\"view_s\":%.3f,"
           "\"layout\":\"%s\",\"svg_s\":%.3f}\n",
           n, m, t_load, st.communities, cg_graph_analysis(g)->nclusters,
           cg_graph_analysis(g)->modularity, st.pagerank, st.hits, st.views, t_an, t_anb,
           cg_graph_node_count(v), cg_graph_edge_count(v), t_view,
           cg_export_default_layout(cg_graph_node_count(v), cg_graph_edge_count(v)), t_svg);
    cg_graph_free(v);
    cg_graph_free(g);
    return 0;
}
