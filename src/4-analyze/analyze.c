/* cg_analyze: builds the igraph views of a graph, then communities and centrality. */
#include <math.h>
#include <stdio.h>
#include <string.h>

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

cg_error_t cg_analyze(cg_graph_t *g, const cg_analyze_options_t *opts, cg_errinfo_t *err)
{
    cg_analyze_options_t defaults = CG_ANALYZE_OPTIONS_INIT;
    cg_analysis_t a;
    igraph_t dg, ug;
    igraph_vector_t dw, uw;
    int have_dg = 0, have_ug = 0;
    cg_error_t rc;

    cg_errinfo_clear(err);
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

    rc = cg_analyze__undirected(&ug, &uw, g, err);
    if (rc)
        goto cleanup;
    have_ug = 1;
    rc = cg_analyze__communities(g, &ug, &uw, opts, &a, err);
    if (rc)
        goto cleanup;
    rc = cg_analyze__directed(&dg, &dw, g, err);
    if (rc)
        goto cleanup;
    have_dg = 1;
    rc = cg_analyze__centrality(g, &dg, &dw, opts, err);
    if (rc)
        goto cleanup;
    cg_graph__set_analysis(g, &a);

cleanup:
    if (have_ug) {
        igraph_destroy(&ug);
        igraph_vector_destroy(&uw);
    }
    if (have_dg) {
        igraph_destroy(&dg);
        igraph_vector_destroy(&dw);
    }
    return rc;
}
