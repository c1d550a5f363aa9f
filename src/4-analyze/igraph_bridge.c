/* igraph set-up, error translation and conversion of claimgraph graphs to igraph_t. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/bigmem.h"
#include "0-util/radix.h"
#include "4-analyze/igraph_bridge.h"

#ifdef CG_HAVE_OPENMP
#include <omp.h>
#endif

/* igraph's error state is global in Debian's build (no thread safety): so is this. */
static char last_reason[256];
static int installed;

/**
 * igraph calls this instead of aborting. Like igraph_error_handler_printignore it must
 * free igraph's FINALLY stack; it records the reason instead of printing it.
 */
static void error_handler(const char *reason, const char *file, int line,
                          igraph_error_t igraph_errno)
{
    (void)file;
    (void)line;
    snprintf(last_reason, sizeof last_reason, "%s (%s)", reason ? reason : "",
             igraph_strerror(igraph_errno));
    IGRAPH_FINALLY_FREE();
}

/** Warnings (e.g. about convergence) are not errors: they are dropped. */
static void warning_handler(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

void cg_analyze_init(void)
{
    if (installed)
        return;
    igraph_set_error_handler(error_handler);
    igraph_set_warning_handler(warning_handler);
#ifdef CG_HAVE_OPENMP
    /* Debian's igraph runs PRPACK (PageRank) on OpenMP threads whose reductions sum in
     * a varying order: the last digits of the scores changed from run to run. One
     * thread makes graph.json byte-identical across runs. */
    omp_set_num_threads(1);
#endif
    installed = 1;
}

cg_error_t cg_analyze__error(igraph_error_t code, const char *what, cg_errinfo_t *err)
{
    if (code == IGRAPH_ENOMEM)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory %s", what);
    return cg_errinfo_set(err, CG_EIGRAPH, NULL, 0, "igraph failed %s: %s", what,
                          last_reason[0] ? last_reason : igraph_strerror(code));
}

cg_error_t cg_analyze__order(size_t **pos, const cg_graph_t *g, cg_errinfo_t *err)
{
    size_t i, n = cg_graph_node_count(g), head = 0, tail = 0, *start = NULL, *adj = NULL;
    size_t *queue = malloc((n + 1) * sizeof *queue), *p = malloc((n + 1) * sizeof *p);

    *pos = NULL;
    if (!queue || !p || cg_graph__undirected_adjacency(g, &start, &adj)) {
        free(queue);
        free(p);
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory ordering the graph");
    }
    /* breadth-first, each connected component from its smallest node */
    for (i = 0; i < n; i++)
        p[i] = (size_t)-1;
    for (i = 0; i < n; i++) {
        if (p[i] != (size_t)-1)
            continue;
        p[i] = tail;
        queue[tail++] = i;
        while (head < tail) {
            size_t v = queue[head++], k;
            for (k = start[v]; k < start[v + 1]; k++)
                if (p[adj[k]] == (size_t)-1) {
                    p[adj[k]] = tail;
                    queue[tail++] = adj[k];
                }
        }
    }
    free(start);
    free(adj);
    free(queue);
    *pos = p;
    return CG_OK;
}

/**
 * The edges as (smaller end << 32 | larger end, edge index) for an undirected view, or
 * (source << 32 | target, edge index) for a directed one, with node i as vertex
 * vertex_of[i], sorted (stably: ties keep the graph's edge order). NULL on ENOMEM (also
 * when there are no edges: check the count first).
 */
static cg_kv_t *sorted_ends(const cg_graph_t *g, const size_t *vertex_of, int undirected)
{
    size_t i, m = cg_graph_edge_count(g);
    cg_kv_t *kv = m ? cg_big_alloc(m * sizeof *kv) : NULL;

    if (!kv)
        return NULL;
    for (i = 0; i < m; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);
        uint64_t s = vertex_of[e->source], t = vertex_of[e->target]; /* < 2^32 */

        kv[i].key = undirected && t < s ? t << 32 | s : s << 32 | t;
        kv[i].val = i;
    }
    if (cg_radix_sort_kv(kv, m)) {
        free(kv);
        return NULL;
    }
    return kv;
}

/*
 * The directed view numbers its edges in vertex order (by source, then target vertex):
 * the edges of a vertex are then neighbours in igraph's arrays, where the graph's own
 * order (by node id, i.e. by hash for claims) scattered them and every step of PageRank,
 * HITS and betweenness waited on a cache miss. Each vertex sees its incident edges in
 * the same order as before (igraph orders them by the other end), so the scores do not
 * change.
 */
cg_error_t cg_analyze__directed(igraph_t *out, igraph_vector_t *weights, const cg_graph_t *g,
                                const size_t *pos, cg_errinfo_t *err)
{
    size_t i, n = cg_graph_node_count(g), m = cg_graph_edge_count(g);
    cg_kv_t *kv = NULL;
    igraph_vector_int_t ends;
    igraph_error_t ic;
    int have_ends = 0, have_weights = 0;
    cg_error_t rc = CG_OK;

    if (m && !(kv = sorted_ends(g, pos, 0)))
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory building the graph");
    if ((ic = igraph_vector_int_init(&ends, (igraph_integer_t)(2 * m))))
        goto fail;
    have_ends = 1;
    if ((ic = igraph_vector_init(weights, (igraph_integer_t)m)))
        goto fail;
    have_weights = 1;
    for (i = 0; i < m; i++) {
        VECTOR(ends)[2 * i] = (igraph_integer_t)(kv[i].key >> 32);
        VECTOR(ends)[2 * i + 1] = (igraph_integer_t)(kv[i].key & 0xffffffffu);
        VECTOR(*weights)[i] = cg_graph_edge(g, (size_t)kv[i].val)->weight;
    }
    free(kv);
    kv = NULL;
    if ((ic = igraph_create(out, &ends, (igraph_integer_t)n, IGRAPH_DIRECTED)))
        goto fail;
    goto cleanup;

fail:
    rc = cg_analyze__error(ic, "building the directed graph", err);
    if (have_weights)
        igraph_vector_destroy(weights);
cleanup:
    if (have_ends)
        igraph_vector_int_destroy(&ends);
    free(kv);
    return rc;
}

cg_error_t cg_analyze__undirected(igraph_t *out, igraph_vector_t *weights, const cg_graph_t *g,
                                  const size_t *vertex_of, size_t nvertices, cg_errinfo_t *err)
{
    size_t i, k = 0, m = cg_graph_edge_count(g);
    cg_kv_t *pairs = NULL; /* key: smaller vertex << 32 | larger vertex; val: edge index */
    igraph_vector_int_t ends;
    igraph_error_t ic = IGRAPH_SUCCESS;
    int have_ends = 0, have_weights = 0;
    cg_error_t rc = CG_OK;

    if (m && !(pairs = sorted_ends(g, vertex_of, 1)))
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory building the graph");
    /* count the distinct pairs: the vectors are sized once */
    for (i = 0; i < m; i++)
        if (!i || pairs[i].key != pairs[i - 1].key)
            k++;
    if ((ic = igraph_vector_int_init(&ends, (igraph_integer_t)(2 * k))))
        goto fail;
    have_ends = 1;
    if ((ic = igraph_vector_init(weights, (igraph_integer_t)k)))
        goto fail;
    have_weights = 1;
    for (i = 0, k = 0; i < m; i++) {
        double w = cg_graph_edge(g, (size_t)pairs[i].val)->weight;

        if (i && pairs[i].key == pairs[i - 1].key) {
            VECTOR(*weights)[k - 1] += w; /* reciprocal or parallel: one edge, summed */
            continue;
        }
        VECTOR(ends)[2 * k] = (igraph_integer_t)(pairs[i].key >> 32);
        VECTOR(ends)[2 * k + 1] = (igraph_integer_t)(pairs[i].key & 0xffffffffu);
        VECTOR(*weights)[k++] = w;
    }
    free(pairs);
    pairs = NULL;
    if ((ic = igraph_create(out, &ends, (igraph_integer_t)nvertices, IGRAPH_UNDIRECTED)))
        goto fail;
    goto cleanup;

fail:
    rc = cg_analyze__error(ic, "building the undirected graph", err);
    if (have_weights)
        igraph_vector_destroy(weights);
cleanup:
    if (have_ends)
        igraph_vector_int_destroy(&ends);
    free(pairs);
    return rc;
}

/**
 * The anchor of every claim that has one, UINT32_MAX for other nodes: the speaker with
 * the heaviest "asserts" edge to it, else the article with the heaviest "reported in"
 * edge from it; ties go to the smaller node index. Anchors are never claims.
 */
static uint32_t *claim_anchors(const cg_graph_t *g)
{
    size_t i, n = cg_graph_node_count(g), m = cg_graph_edge_count(g);
    uint32_t *anchor = malloc((n ? n : 1) * sizeof *anchor);
    double *weight = malloc((n ? n : 1) * sizeof *weight); /* of the anchor's edge */
    unsigned char *rank = malloc(n ? n : 1);                /* 2 speaker, 1 article */

    if (!anchor || !weight || !rank) {
        free(anchor);
        anchor = NULL;
        goto done;
    }
    for (i = 0; i < n; i++)
        anchor[i] = UINT32_MAX;
    for (i = 0; i < m; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);
        uint32_t claim, other;
        unsigned char r;

        if (e->type == CG_EDGE_ASSERTS)
            claim = e->target, other = e->source, r = 2;
        else if (e->type == CG_EDGE_REPORTED_IN)
            claim = e->source, other = e->target, r = 1;
        else
            continue;
        if (cg_graph_node(g, claim)->kind != CG_NODE_CLAIM ||
            cg_graph_node(g, other)->kind == CG_NODE_CLAIM)
            continue;
        if (anchor[claim] == UINT32_MAX || r > rank[claim] ||
            (r == rank[claim] && (e->weight > weight[claim] ||
                                  (e->weight == weight[claim] && other < anchor[claim])))) {
            anchor[claim] = other;
            weight[claim] = e->weight;
            rank[claim] = r;
        }
    }
done:
    free(weight);
    free(rank);
    return anchor;
}

cg_error_t cg_analyze__fold(size_t **vertex_of, size_t *nvertices, const cg_graph_t *g,
                            const size_t *pos, cg_errinfo_t *err)
{
    size_t i, n = cg_graph_node_count(g), nv = 0;
    uint32_t *anchor = claim_anchors(g);
    size_t *at = malloc((n ? n : 1) * sizeof *at); /* the node at each position of pos */
    size_t *v = malloc((n ? n : 1) * sizeof *v);

    *vertex_of = NULL;
    *nvertices = 0;
    if (!anchor || !at || !v) {
        free(anchor);
        free(at);
        free(v);
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory folding the claims");
    }
    for (i = 0; i < n; i++)
        at[pos[i]] = i;
    /* the vertices keep the order of pos (neighbours stay close in memory) */
    for (i = 0; i < n; i++)
        if (anchor[at[i]] == UINT32_MAX)
            v[at[i]] = nv++;
    for (i = 0; i < n; i++)
        if (anchor[i] != UINT32_MAX)
            v[i] = v[anchor[i]];
    free(anchor);
    free(at);
    *vertex_of = v;
    *nvertices = nv;
    return CG_OK;
}
