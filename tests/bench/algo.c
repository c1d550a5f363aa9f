/*
 * claimgraph-bench-algo — times the graph stages of the benchmark on one graph.json:
 * loading it, Leiden (modularity objective, on the undirected weighted view) and PageRank
 * (PRPACK, directed, weighted) run directly with igraph, claimgraph's whole analysis
 * (cg_analyze, with and without betweenness), and rendering a 300-node view as SVG
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

#include <igraph.h>

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
    igraph_t dg, ug;
    igraph_vector_int_t el, memb;
    igraph_vector_t w, nw, pr;
    igraph_integer_t ncl = 0;
    igraph_real_t q = 0, total = 0;
    double t, t_load, t_leiden, t_pr, t_an = -1, t_anb = -1, t_view, t_svg;
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_view_options_t vo = CG_VIEW_OPTIONS_INIT;
    cg_export_options_t eo = CG_EXPORT_OPTIONS_INIT;
    FILE *fp;

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

    /* igraph directly: the two algorithms the issue names */
    cg_analyze_init();
    igraph_vector_int_init(&el, (igraph_integer_t)(2 * m));
    igraph_vector_init(&w, (igraph_integer_t)m);
    for (i = 0; i < m; i++) {
        const cg_edge_t *ed = cg_graph_edge(g, i);
        VECTOR(el)[2 * i] = (igraph_integer_t)ed->source;
        VECTOR(el)[2 * i + 1] = (igraph_integer_t)ed->target;
        VECTOR(w)[i] = ed->weight;
        total += ed->weight;
    }
    igraph_create(&dg, &el, (igraph_integer_t)n, IGRAPH_DIRECTED);
    igraph_create(&ug, &el, (igraph_integer_t)n, IGRAPH_UNDIRECTED);

    t = now();
    igraph_vector_init(&nw, 0);
    igraph_vector_int_init(&memb, 0);
    igraph_strength(&ug, &nw, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w);
    igraph_rng_seed(igraph_rng_default(), 42);
    if (igraph_community_leiden(&ug, &w, &nw, total > 0 ? 1.0 / (2.0 * total) : 1.0, 0.01, 0, 2,
                                &memb, &ncl, &q))
        return fail("leiden", NULL);
    t_leiden = now() - t;

    t = now();
    igraph_vector_init(&pr, 0);
    if (igraph_pagerank(&dg, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(), 1, 0.85,
                        &w, NULL))
        return fail("pagerank", NULL);
    t_pr = now() - t;
    igraph_vector_destroy(&pr);
    igraph_vector_destroy(&nw);
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&w);
    igraph_vector_int_destroy(&el);
    igraph_destroy(&dg);
    igraph_destroy(&ug);

    /* claimgraph's analysis stage as the CLI runs it */
    ao.betweenness = 0;
    t = now();
    if (cg_analyze(g, &ao, &e))
        return fail("cg_analyze", &e);
    t_an = now() - t;
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
           "\"leiden_modularity\":%.4f,\"pagerank_s\":%.3f,\"analyze_s\":%.3f,"
           "\"analyze_betweenness_s\":%.3f,\"view_nodes\":%zu,\"view_edges\":%zu,\"view_s\":%.3f,"
           "\"layout\":\"%s\",\"svg_s\":%.3f}\n",
           n, m, t_load, t_leiden, (long)ncl, (double)q, t_pr, t_an, t_anb,
           cg_graph_node_count(v), cg_graph_edge_count(v), t_view,
           cg_export_default_layout(cg_graph_node_count(v), cg_graph_edge_count(v)), t_svg);
    cg_graph_free(v);
    cg_graph_free(g);
    return 0;
}
