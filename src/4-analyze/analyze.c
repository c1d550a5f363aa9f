/* cg_analyze: builds the igraph views of a graph, then communities and centrality. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "4-analyze/igraph_bridge.h"

int cg_community_method_parse(const char *s)
{
    if (s && strcmp(s, "leiden") == 0)
        return CG_COMMUNITY_LEIDEN;
    if (s && strcmp(s, "louvain") == 0)
        return CG_COMMUNITY_LOUVAIN;
    return -1;
}

static const char *method_name(cg_community_method_t m)
{
    return m == CG_COMMUNITY_LOUVAIN ? "louvain" : "leiden";
}

double cg_analyze__now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

cg_error_t cg_analyze(cg_graph_t *g, const cg_analyze_options_t *opts, cg_errinfo_t *err)
{
    return cg_analyze_timed(g, opts, NULL, err);
}

/*
 * The two igraph views are built one after the other and each is freed as soon as its
 * algorithms are done, so that only one of them is in memory at a time.
 */
cg_error_t cg_analyze_timed(cg_graph_t *g, const cg_analyze_options_t *opts,
                            cg_analyze_stats_t *stats, cg_errinfo_t *err)
{
    cg_analyze_options_t defaults = CG_ANALYZE_OPTIONS_INIT;
    cg_analyze_stats_t st;
    cg_analysis_t a;
    igraph_t view;
    igraph_vector_t w;
    double t0 = cg_analyze__now(), t;
    cg_error_t rc;

    cg_errinfo_clear(err);
    memset(&st, 0, sizeof st);
    if (stats)
        *stats = st;
    if (!g)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_analyze: no graph");
    if (!opts)
        opts = &defaults;
    if (opts->method != CG_COMMUNITY_LEIDEN && opts->method != CG_COMMUNITY_LOUVAIN)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "unknown community method");
    if (!isfinite(opts->resolution) || !(opts->resolution > 0))
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                              "resolution must be a positive number (got %g)", opts->resolution);
    if (opts->seed > 9223372036854775807UL)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "seed must be below 2^63");
    cg_analyze_init();

    memset(&a, 0, sizeof a);
    a.analyzed = 1;
    snprintf(a.method, sizeof a.method, "%s", method_name(opts->method));
    a.resolution = opts->resolution;
    a.seed = opts->seed;

    t = cg_analyze__now();
    if ((rc = cg_analyze__undirected(&view, &w, g, err)))
        return rc;
    st.views = cg_analyze__now() - t;
    t = cg_analyze__now();
    rc = cg_analyze__communities(g, &view, &w, opts, &a, err);
    st.communities = cg_analyze__now() - t;
    igraph_destroy(&view);
    igraph_vector_destroy(&w);
    if (rc)
        return rc;

    t = cg_analyze__now();
    if ((rc = cg_analyze__directed(&view, &w, g, err)))
        return rc;
    st.views += cg_analyze__now() - t;
    rc = cg_analyze__centrality(g, &view, &w, opts, &st, err);
    igraph_destroy(&view);
    igraph_vector_destroy(&w);
    if (rc)
        return rc;
    cg_graph__set_analysis(g, &a);
    st.total = cg_analyze__now() - t0;
    if (stats)
        *stats = st;
    return CG_OK;
}
