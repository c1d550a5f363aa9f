/* cg_analyze: builds the igraph views of a graph, then communities and centrality. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "0-util/bigmem.h"
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

cg_error_t cg_analyze__scores(cg_graph_t *g, const size_t *pos,
                              const cg_analyze_options_t *opts, int parts, cg_scores_t *scores,
                              cg_analyze_stats_t *stats, cg_errinfo_t *err)
{
    igraph_t view;
    igraph_vector_t w;
    double t = cg_analyze__now();
    cg_error_t rc;

    if ((rc = cg_analyze__directed(&view, &w, g, pos, err)))
        return rc;
    if (parts & CG_ANALYZE__CHILD)
        cg_graph__drop_edge_pages(g); /* the view has them: the child's copy can go */
    stats->views += cg_analyze__now() - t;
    rc = cg_analyze__centrality(&view, &w, pos, opts, parts, scores, stats, err);
    igraph_destroy(&view);
    igraph_vector_destroy(&w);
    return rc;
}

/*
 * The two igraph views are built one after the other and each is freed as soon as its
 * algorithms are done. On large graphs the centrality scores are computed by a child
 * process (side.c) while this one runs the communities; when the child cannot be
 * started or dies without an answer, they are computed here afterwards.
 */
cg_error_t cg_analyze_timed(cg_graph_t *g, const cg_analyze_options_t *opts,
                            cg_analyze_stats_t *stats, cg_errinfo_t *err)
{
    cg_analyze_options_t defaults = CG_ANALYZE_OPTIONS_INIT;
    cg_analyze__side_t side = {0, -1};
    cg_analyze_stats_t st;
    cg_analysis_t a;
    cg_scores_t *scores = NULL;
    long *cluster = NULL;
    size_t *pos = NULL, *folded = NULL, nfolded;
    igraph_t view;
    igraph_vector_t w;
    size_t i, n;
    double t0 = cg_analyze__now(), t;
    int forked, need;
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
    n = cg_graph_node_count(g);

    /* the analysis reads nodes' kinds (at its start) and the edges, never the texts: out
     * of memory with them, and with the node records once their kinds are read, until
     * the graph is written (best effort: nothing changes when it fails) */
    (void)cg_graph__spill_texts(g);
    t = cg_analyze__now();
    if ((rc = cg_analyze__order(&pos, g, err)))
        goto done;
    st.views = cg_analyze__now() - t;
    forked = cg_analyze__side_start(&side, g, pos, opts) == 0;
    /* allocated after the fork, like everything the parent writes while the child runs */
    scores = calloc(n ? n : 1, sizeof *scores);
    cluster = malloc((n ? n : 1) * sizeof *cluster);
    if (!scores || !cluster) {
        rc = cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory for the analysis results");
        goto done;
    }
    t = cg_analyze__now();
    if ((rc = cg_analyze__fold(&folded, &nfolded, g, pos, err)) ||
        (rc = cg_analyze__undirected(&view, &w, g, folded, nfolded, err)))
        goto done;
    st.views += cg_analyze__now() - t;
    t = cg_analyze__now();
    rc = cg_analyze__communities(&view, &w, folded, n, opts, &a, cluster, err);
    free(folded);
    folded = NULL;
    st.communities = cg_analyze__now() - t;
    st.communities_ready = cg_analyze__now() - t0;
    igraph_destroy(&view);
    igraph_vector_destroy(&w);
    /* what Leiden freed, and the node records (when they were moved to a file: the
     * kinds were read), before the betweenness view is built */
    cg_graph__release_nodes(g);
    cg_heap_release();
    if (rc)
        goto done;

    need = CG_ANALYZE__MAIN | CG_ANALYZE__BETWEENNESS;
    if (forked) {
        /* betweenness here while the child computes the rest */
        if ((rc = cg_analyze__scores(g, pos, opts, CG_ANALYZE__BETWEENNESS, scores, &st, err)))
            goto done;
        need = CG_ANALYZE__MAIN;
        rc = cg_analyze__side_finish(&side, n, scores, &st, err);
        if (rc == CG_OK) {
            need = 0;
        } else if (rc == CG_EIO) { /* the child died: compute its scores here */
            cg_errinfo_clear(err);
            forked = 0;
        } else {
            goto done;
        }
    }
    if (need && (rc = cg_analyze__scores(g, pos, opts, need, scores, &st, err)))
        goto done;
    st.side = forked;
    cg_graph__restore_nodes(g); /* every node is written now */
    for (i = 0; i < n; i++) {
        cg_graph__set_cluster(g, i, cluster[i]);
        cg_graph__set_scores(g, i, &scores[i]);
    }
    cg_graph__set_analysis(g, &a);
    st.total = cg_analyze__now() - t0;
    if (st.pagerank_ready > 0) /* a monotonic clock's reading, the child's or ours */
        st.pagerank_ready -= t0;
    if (stats)
        *stats = st;

done:
    cg_analyze__side_cancel(&side);
    free(scores);
    free(cluster);
    free(folded);
    free(pos);
    cg_heap_release(); /* the analysis' memory, before the graph is written */
    if (!rc)
        cg_graph__restore_texts(g); /* into the memory just given back */
    return rc;
}
