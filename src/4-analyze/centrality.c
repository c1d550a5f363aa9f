/*
 * Centrality:
 *   pagerank     PRPACK, damping 0.85, edge weights as transition strengths; sums to 1.
 *                On the undirected view: the provenance graph is nearly a DAG whose
 *                speakers have no incoming edges, so directed PageRank would give every
 *                speaker the same teleport score. Undirected, a speaker ranks by how much
 *                of the graph its claims reach (claims, articles, outlets).
 *   betweenness  directed, unweighted (weights count evidence, they are not distances).
 *                Undirected it would show speakers that broker between stories, but on
 *                the undirected view hub speakers and outlets put almost every node within
 *                a few hops: 847 s on a 48k-node graph, against seconds directed;
 *                above CG_ANALYZE_BETWEENNESS_MAX_NODES nodes only paths of at most
 *                CG_ANALYZE_BETWEENNESS_CUTOFF edges are counted (see analyze.h)
 *   in/outdegree number of distinct incoming / outgoing edges
 *   hub/authority HITS with edge weights (hits.c), scaled so the largest is 1; 0 without
 *                edges, and 0 when ARPACK fails to converge (not an error: the other
 *                scores stand)
 */
#include <math.h>
#include <string.h>

#include "4-analyze/igraph_bridge.h"

/*
 * HITS scores are scaled to a maximum of 1; what ARPACK leaves below 1e-12 is rounding
 * noise (1e-21..1e-17 on the example graph) that changes with the vertex order: it is
 * written as 0.
 */
#define HITS_NOISE(x) (fabs(x) < 1e-12 ? 0.0 : (x))

cg_error_t cg_analyze__centrality(const igraph_t *dg, const igraph_vector_t *dw,
                                  const size_t *pos, const cg_analyze_options_t *opts, int parts,
                                  cg_scores_t *scores, cg_analyze_stats_t *stats,
                                  cg_errinfo_t *err)
{
    igraph_integer_t n = igraph_vcount(dg), i;
    igraph_vector_t pr, bt, hub, auth;
    igraph_vector_int_t indeg, outdeg;
    igraph_real_t value;
    double t = cg_analyze__now();
    igraph_error_t ic = IGRAPH_SUCCESS;
    const char *what = "allocating";
    int inited = 0; /* how many of the six vectors exist */
    cg_error_t rc = CG_OK;

    if (n == 0)
        return CG_OK;
    if ((ic = igraph_vector_init(&pr, n)))
        goto fail;
    inited++;
    if ((ic = igraph_vector_init(&bt, n)))
        goto fail;
    inited++;
    if ((ic = igraph_vector_init(&hub, n)))
        goto fail;
    inited++;
    if ((ic = igraph_vector_init(&auth, n)))
        goto fail;
    inited++;
    if ((ic = igraph_vector_int_init(&indeg, n)))
        goto fail;
    inited++;
    if ((ic = igraph_vector_int_init(&outdeg, n)))
        goto fail;
    inited++;

    if (parts & CG_ANALYZE__MAIN) {
        what = "computing degrees";
        if ((ic = igraph_degree(dg, &indeg, igraph_vss_all(), IGRAPH_IN, IGRAPH_LOOPS)) ||
            (ic = igraph_degree(dg, &outdeg, igraph_vss_all(), IGRAPH_OUT, IGRAPH_LOOPS)))
            goto fail;
        stats->degrees = cg_analyze__now() - t;

        what = "computing PageRank";
        t = cg_analyze__now();
        if ((ic = igraph_pagerank(dg, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value, igraph_vss_all(),
                                  IGRAPH_UNDIRECTED, 0.85, igraph_ecount(dg) ? dw : NULL, NULL)))
            goto fail;
        stats->pagerank_ready = cg_analyze__now(); /* made relative by cg_analyze_timed */
        stats->pagerank = stats->pagerank_ready - t;

        t = cg_analyze__now();
        if (igraph_ecount(dg) > 0) {
            what = "computing hub and authority scores";
            ic = cg_analyze__hits(dg, dw, &hub, &auth);
            if (ic == IGRAPH_DIVERGED ||
                (ic >= IGRAPH_ARPACK_PROD && ic <= IGRAPH_ARPACK_UNKNOWN)) {
                /* ARPACK did not converge (degenerate eigenvalues): no HITS scores, but the
                 * rest of the analysis stands */
                if ((ic = igraph_vector_resize(&hub, n)) || (ic = igraph_vector_resize(&auth, n)))
                    goto fail;
                igraph_vector_null(&hub);
                igraph_vector_null(&auth);
            } else if (ic) {
                goto fail;
            }
        }
        stats->hits = cg_analyze__now() - t;
    }

    if (opts->betweenness && (parts & CG_ANALYZE__BETWEENNESS)) {
        what = "computing betweenness";
        t = cg_analyze__now();
        if (n > CG_ANALYZE_BETWEENNESS_MAX_NODES)
            ic = igraph_betweenness_cutoff(dg, &bt, igraph_vss_all(), IGRAPH_DIRECTED, NULL,
                                           CG_ANALYZE_BETWEENNESS_CUTOFF);
        else
            ic = igraph_betweenness(dg, &bt, igraph_vss_all(), IGRAPH_DIRECTED, NULL);
        if (ic)
            goto fail;
        stats->betweenness = cg_analyze__now() - t;
    }

    for (i = 0; i < n; i++) {
        igraph_integer_t v = (igraph_integer_t)pos[i];
        cg_scores_t *s = &scores[i];

        if (parts & CG_ANALYZE__MAIN) {
            s->pagerank = VECTOR(pr)[v];
            s->hub = HITS_NOISE(VECTOR(hub)[v]);
            s->authority = HITS_NOISE(VECTOR(auth)[v]);
            s->indegree = (long)VECTOR(indeg)[v];
            s->outdegree = (long)VECTOR(outdeg)[v];
        }
        if (parts & CG_ANALYZE__BETWEENNESS)
            s->betweenness = VECTOR(bt)[v];
    }
    goto cleanup;

fail:
    rc = cg_analyze__error(ic, what, err);
cleanup:
    if (inited > 5)
        igraph_vector_int_destroy(&outdeg);
    if (inited > 4)
        igraph_vector_int_destroy(&indeg);
    if (inited > 3)
        igraph_vector_destroy(&auth);
    if (inited > 2)
        igraph_vector_destroy(&hub);
    if (inited > 1)
        igraph_vector_destroy(&bt);
    if (inited > 0)
        igraph_vector_destroy(&pr);
    return rc;
}
