/*
 * Hub and authority scores (Kleinberg's HITS) with edge weights, through igraph's ARPACK
 * interface (igraph_arpack_rssolve) with a matrix-vector product of our own.
 *
 * Why not igraph_hub_and_authority_scores: with weights it first builds an incidence
 * list per vertex in both directions (a vector header and a separate allocation for each
 * of the 2n lists) and asks ARPACK for 20 Lanczos vectors; on a 4.6 M-node graph that
 * was 0.55 GB of lists and 0.74 GB of vectors, the largest part of the analysis' memory.
 * The product here streams over the view's own edge arrays (IGRAPH_FROM / IGRAPH_TO, in
 * edge order) with one n-vector of scratch, and asks for fewer Lanczos vectors.
 *
 * The scores are the same quantities: the hub vector is the principal eigenvector of
 * A·Aᵀ (A the weighted adjacency matrix, A[i][j] = weight of i -> j), started, as igraph
 * starts it, from each vertex's degree; the authority vector is Aᵀ·hub. Both are scaled
 * so that their largest entry is 1 (the Perron vector of a non-negative matrix has one
 * sign: the largest entry in absolute value decides it, and what rounding leaves below
 * zero is set to zero).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "4-analyze/igraph_bridge.h"

/*
 * Lanczos vectors kept by ARPACK. The dominant eigenvalue of A·Aᵀ is found in a few
 * restarts with 8 (the 4.6 M-node graph: same scores to the printed digits as with
 * igraph's 20); each vector costs 8 bytes a vertex.
 */
#define HITS_NCV 8

typedef struct {
    const igraph_t *g;
    const igraph_vector_t *w;
    double *tmp; /**< n doubles: Aᵀ·from */
} product_t;

/** to = A·Aᵀ·from, in two passes over the edges. */
static igraph_error_t hub_product(igraph_real_t *to, const igraph_real_t *from, int n,
                                  void *extra)
{
    const product_t *p = extra;
    const igraph_integer_t *src = VECTOR(p->g->from);
    const igraph_integer_t *dst = VECTOR(p->g->to);
    const igraph_real_t *w = VECTOR(*p->w);
    igraph_integer_t e, m = igraph_ecount(p->g);
    double *tmp = p->tmp;

    memset(tmp, 0, (size_t)n * sizeof *tmp);
    for (e = 0; e < m; e++)
        tmp[dst[e]] += w[e] * from[src[e]];
    memset(to, 0, (size_t)n * sizeof *to);
    for (e = 0; e < m; e++)
        to[src[e]] += w[e] * tmp[dst[e]];
    return IGRAPH_SUCCESS;
}

/** Scales @p x so that its entry largest in absolute value is 1; negatives become 0. */
static void scale_to_max(double *x, size_t n)
{
    size_t i, which = 0;
    double amax = 0.0, s;

    for (i = 0; i < n; i++) {
        if (fabs(x[i]) > amax) {
            amax = fabs(x[i]);
            which = i;
        }
    }
    if (amax == 0.0)
        return;
    s = x[which]; /* divided by (not multiplied by 1 / s): the largest is exactly 1 */
    for (i = 0; i < n; i++) {
        x[i] /= s;
        if (x[i] < 0.0)
            x[i] = 0.0;
    }
}

igraph_error_t cg_analyze__hits(const igraph_t *dg, const igraph_vector_t *dw,
                                igraph_vector_t *hub, igraph_vector_t *auth)
{
    igraph_integer_t n = igraph_vcount(dg), m = igraph_ecount(dg), e, i;
    igraph_arpack_options_t options;
    igraph_vector_t values;
    igraph_matrix_t vectors;
    product_t p;
    igraph_error_t ic;

    if ((ic = igraph_vector_resize(hub, n)) || (ic = igraph_vector_resize(auth, n)))
        return ic;
    igraph_vector_null(hub);
    igraph_vector_null(auth);
    if (n == 0 || m == 0)
        return IGRAPH_SUCCESS;
    if (n > INT32_MAX)
        return IGRAPH_EOVERFLOW; /* ARPACK counts in int */
    p.g = dg;
    p.w = dw;
    p.tmp = malloc((size_t)n * sizeof *p.tmp);
    if (!p.tmp)
        return IGRAPH_ENOMEM;
    if ((ic = igraph_vector_init(&values, 0))) {
        free(p.tmp);
        return ic;
    }
    if ((ic = igraph_matrix_init(&vectors, n, 1))) {
        igraph_vector_destroy(&values);
        free(p.tmp);
        return ic;
    }
    /* the start vector: each vertex's degree (1 for an isolated vertex) */
    for (e = 0; e < m; e++) {
        MATRIX(vectors, IGRAPH_FROM(dg, e), 0) += 1.0;
        MATRIX(vectors, IGRAPH_TO(dg, e), 0) += 1.0;
    }
    for (i = 0; i < n; i++)
        if (MATRIX(vectors, i, 0) == 0.0)
            MATRIX(vectors, i, 0) = 1.0;

    igraph_arpack_options_init(&options);
    options.n = (int)n;
    options.nev = 1;
    options.ncv = n > HITS_NCV ? HITS_NCV : 0; /* 0: ARPACK's own choice on tiny graphs */
    options.which[0] = 'L';
    options.which[1] = 'A';
    options.start = 1;
    ic = igraph_arpack_rssolve(hub_product, &p, &options, NULL, &values, &vectors);
    if (!ic) {
        double *h = VECTOR(*hub), *a = VECTOR(*auth);
        const igraph_real_t *w = VECTOR(*dw);

        for (i = 0; i < n; i++)
            h[i] = MATRIX(vectors, i, 0);
        scale_to_max(h, (size_t)n);
        for (e = 0; e < m; e++)
            a[IGRAPH_TO(dg, e)] += w[e] * h[IGRAPH_FROM(dg, e)];
        scale_to_max(a, (size_t)n);
    }
    igraph_matrix_destroy(&vectors);
    igraph_vector_destroy(&values);
    free(p.tmp);
    return ic;
}
