/* Centrality measures: names, a node's score, and ranking nodes by score. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "5-export/export_internal.h"

static const char *const measure_names[] = {"pagerank",  "betweenness", "indegree",
                                            "outdegree", "hub",         "authority"};

#define CG_NMEASURES (sizeof measure_names / sizeof measure_names[0])

int cg_measure_parse(const char *s)
{
    size_t i;

    if (!s)
        return -1;
    for (i = 0; i < CG_NMEASURES; i++)
        if (strcmp(s, measure_names[i]) == 0)
            return (int)i;
    if (strcmp(s, "in-degree") == 0 || strcmp(s, "in") == 0)
        return CG_BY_INDEGREE;
    if (strcmp(s, "out-degree") == 0 || strcmp(s, "out") == 0)
        return CG_BY_OUTDEGREE;
    return -1;
}

const char *cg_measure_name(cg_measure_t m)
{
    return (size_t)m < CG_NMEASURES ? measure_names[m] : "pagerank";
}

double cg_node_score(const cg_node_t *n, cg_measure_t m)
{
    switch (m) {
    case CG_BY_PAGERANK:
        return n->scores.pagerank;
    case CG_BY_BETWEENNESS:
        return n->scores.betweenness;
    case CG_BY_INDEGREE:
        return (double)n->scores.indegree;
    case CG_BY_OUTDEGREE:
        return (double)n->scores.outdegree;
    case CG_BY_HUB:
        return n->scores.hub;
    case CG_BY_AUTHORITY:
        return n->scores.authority;
    }
    return n->scores.pagerank;
}

int cg_export__measure_is_count(cg_measure_t m)
{
    return m == CG_BY_INDEGREE || m == CG_BY_OUTDEGREE;
}

long cg_export__cluster_count(const cg_graph_t *g)
{
    size_t i, n = cg_graph_node_count(g);
    long max = -1;

    for (i = 0; i < n; i++) {
        long c = cg_graph_node(g, i)->cluster;

        if (c > max)
            max = c;
    }
    return max + 1;
}

/* qsort has no context argument in C11: the ranking state lives here for one call. */
static const cg_graph_t *rank_graph;
static cg_measure_t rank_by;

static int rank_cmp(const void *a, const void *b)
{
    const cg_node_t *x = cg_graph_node(rank_graph, *(const size_t *)a);
    const cg_node_t *y = cg_graph_node(rank_graph, *(const size_t *)b);
    double sx = cg_node_score(x, rank_by), sy = cg_node_score(y, rank_by);
    int nx = isnan(sx), ny = isnan(sy);

    if (nx != ny)
        return nx - ny;
    if (!nx && sx != sy)
        return sx > sy ? -1 : 1;
    return strcmp(x->id, y->id);
}

cg_error_t cg_export__rank(const cg_graph_t *g, cg_measure_t by, int kind,
                           const unsigned char *keep, size_t **out, size_t *n)
{
    size_t i, total = cg_graph_node_count(g), k = 0;
    size_t *idx = malloc((total ? total : 1) * sizeof *idx);

    *out = NULL;
    *n = 0;
    if (!idx)
        return CG_ENOMEM;
    for (i = 0; i < total; i++) {
        if (keep && !keep[i])
            continue;
        if (kind >= 0 && (int)cg_graph_node(g, i)->kind != kind)
            continue;
        idx[k++] = i;
    }
    rank_graph = g;
    rank_by = by;
    qsort(idx, k, sizeof *idx, rank_cmp);
    rank_graph = NULL;
    *out = idx;
    *n = k;
    return CG_OK;
}
