/* The graph container: nodes and edges, sorting, lookup, subgraphs, enum names. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"

static const char *const node_kind_names[CG_NODE_KIND_COUNT] = {"claim", "speaker", "article",
                                                                "outlet"};
static const char *const edge_type_names[CG_EDGE_TYPE_COUNT] = {
    "asserts", "reported_in", "published_by", "spoke_to", "relayed_by", "disputes", "responds_to"};

const char *cg_node_kind_name(cg_node_kind_t k)
{
    return (unsigned)k < CG_NODE_KIND_COUNT ? node_kind_names[k] : "unknown";
}

const char *cg_edge_type_name(cg_edge_type_t t)
{
    return (unsigned)t < CG_EDGE_TYPE_COUNT ? edge_type_names[t] : "unknown";
}

int cg_node_kind_parse(const char *s)
{
    int i;

    for (i = 0; s && i < CG_NODE_KIND_COUNT; i++)
        if (strcmp(s, node_kind_names[i]) == 0)
            return i;
    return -1;
}

int cg_edge_type_parse(const char *s)
{
    int i;

    for (i = 0; s && i < CG_EDGE_TYPE_COUNT; i++)
        if (strcmp(s, edge_type_names[i]) == 0)
            return i;
    return -1;
}

cg_graph_t *cg_graph__new(void)
{
    cg_graph_t *g = calloc(1, sizeof *g);

    return g;
}

void cg_graph__evidence_clear(cg_evidence_t *e)
{
    free(e->doc);
    free(e->spans);
    free(e->cue);
    free(e->mention);
    memset(e, 0, sizeof *e);
}

void cg_graph__node_clear(cg_node_t *n)
{
    size_t i;

    free(n->id);
    free(n->label);
    switch (n->kind) {
    case CG_NODE_SPEAKER:
        for (i = 0; i < n->naliases; i++)
            free(n->aliases[i]);
        free(n->aliases);
        break;
    case CG_NODE_CLAIM:
        for (i = 0; i < n->nevidence; i++)
            cg_graph__evidence_clear(&n->evidence[i]);
        free(n->evidence);
        break;
    case CG_NODE_ARTICLE:
        free(n->url);
        free(n->date);
        free(n->author);
        break;
    case CG_NODE_OUTLET:
        break;
    }
    memset(n, 0, sizeof *n);
    n->cluster = -1;
}

/** strdup that reports failure only when the source was non-NULL. */
static int dup_opt(char **dst, const char *src)
{
    *dst = cg__strdup(src);
    return src && !*dst ? -1 : 0;
}

static int evidence_copy(cg_evidence_t *dst, const cg_evidence_t *src)
{
    memset(dst, 0, sizeof *dst);
    dst->type = src->type;
    dst->cue_span = src->cue_span;
    if (dup_opt(&dst->doc, src->doc) || dup_opt(&dst->cue, src->cue) ||
        dup_opt(&dst->mention, src->mention))
        goto fail;
    if (src->nspans) {
        dst->spans = malloc(src->nspans * sizeof *dst->spans);
        if (!dst->spans)
            goto fail;
        memcpy(dst->spans, src->spans, src->nspans * sizeof *dst->spans);
        dst->nspans = src->nspans;
    }
    return 0;
fail:
    cg_graph__evidence_clear(dst);
    return -1;
}

int cg_graph__node_copy(cg_node_t *dst, const cg_node_t *src)
{
    size_t i;

    *dst = *src;
    dst->id = dst->label = NULL;
    dst->url = dst->date = dst->author = NULL; /* also the other kinds' fields */
    if (dup_opt(&dst->id, src->id) || dup_opt(&dst->label, src->label))
        goto fail;
    if (src->kind == CG_NODE_ARTICLE &&
        (dup_opt(&dst->url, src->url) || dup_opt(&dst->date, src->date) ||
         dup_opt(&dst->author, src->author)))
        goto fail;
    if (src->kind == CG_NODE_SPEAKER && src->naliases) {
        dst->aliases = calloc(src->naliases, sizeof *dst->aliases);
        if (!dst->aliases)
            goto fail;
        for (i = 0; i < src->naliases; i++) {
            if (dup_opt(&dst->aliases[i], src->aliases[i]))
                goto fail;
            dst->naliases = i + 1;
        }
    }
    if (src->kind == CG_NODE_CLAIM && src->nevidence) {
        dst->evidence = calloc(src->nevidence, sizeof *dst->evidence);
        if (!dst->evidence)
            goto fail;
        for (i = 0; i < src->nevidence; i++) {
            if (evidence_copy(&dst->evidence[i], &src->evidence[i]))
                goto fail;
            dst->nevidence = i + 1;
        }
    }
    return 0;
fail:
    cg_graph__node_clear(dst);
    return -1;
}

cg_node_t *cg_graph__push_node(cg_graph_t *g)
{
    cg_node_t *n;

    if (cg__grow_array((void **)&g->nodes, &g->capnodes, g->nnodes + 1, sizeof *g->nodes))
        return NULL;
    n = &g->nodes[g->nnodes++];
    memset(n, 0, sizeof *n);
    n->cluster = -1;
    return n;
}

int cg_graph__push_edge(cg_graph_t *g, size_t source, size_t target, cg_edge_type_t type,
                        double weight)
{
    cg_edge_t *e;

    if (source > UINT32_MAX || target > UINT32_MAX ||
        cg__grow_array((void **)&g->edges, &g->capedges, g->nedges + 1, sizeof *g->edges))
        return -1;
    e = &g->edges[g->nedges++];
    e->source = source;
    e->target = target;
    e->type = type;
    e->weight = weight;
    return 0;
}

void cg_graph_free(cg_graph_t *g)
{
    size_t i;

    if (!g)
        return;
    if (!g->pooled)
        for (i = 0; i < g->nnodes; i++)
            cg_graph__node_clear(&g->nodes[i]);
    cg_graph__pool_free(&g->pool);
    if (g->nodes_spilled) /* the file's pages out first: the block goes back to malloc */
        cg_spill_forget(g->nodes, g->capnodes * sizeof *g->nodes);
    free(g->nodes);
    free(g->edges);
    free(g);
}

/* ---- sorting ------------------------------------------------------------------ */

typedef struct {
    const char *key;
    size_t index;
} keyed_t;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed_t *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    if (c)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

size_t *cg_graph__order(const void *base, size_t n, size_t size, size_t key_offset)
{
    keyed_t *k;
    size_t *order, i;

    if (!n)
        return NULL;
    k = malloc(n * sizeof *k);
    order = malloc(n * sizeof *order);
    if (!k || !order) {
        free(k);
        free(order);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        memcpy(&k[i].key, (const char *)base + i * size + key_offset, sizeof k[i].key);
        k[i].index = i;
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    for (i = 0; i < n; i++)
        order[i] = k[i].index;
    free(k);
    return order;
}

/** An edge with its position as pushed, so that sorting needs no context. */
typedef struct {
    cg_edge_t e;
    size_t index;
} edge_at_t;

static int cmp_edge_at(const void *a, const void *b)
{
    const edge_at_t *p = a, *q = b;
    const cg_edge_t *x = &p->e, *y = &q->e;

    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return (p->index > q->index) - (p->index < q->index);
}

static int nodes_sorted(const cg_graph_t *g)
{
    size_t i;

    for (i = 1; i < g->nnodes; i++)
        if (strcmp(g->nodes[i - 1].id, g->nodes[i].id) >= 0)
            return 0;
    return 1;
}

/** Sorts nodes by id, checks for duplicates, rewrites edge ends. */
static cg_error_t finish_nodes(cg_graph_t *g, const char *file, cg_errinfo_t *err)
{
    size_t *order = NULL, *where = NULL, i;
    cg_node_t *sorted = NULL;
    cg_error_t rc = CG_OK;

    if (nodes_sorted(g))
        return CG_OK;
    order = cg_graph__order(g->nodes, g->nnodes, sizeof *g->nodes, offsetof(cg_node_t, id));
    where = malloc(g->nnodes * sizeof *where);
    sorted = malloc(g->nnodes * sizeof *sorted);
    if (!order || !where || !sorted) {
        rc = cg_errinfo_set(err, CG_ENOMEM, file, 0, "out of memory sorting nodes");
        goto cleanup;
    }
    for (i = 1; i < g->nnodes; i++) {
        if (strcmp(g->nodes[order[i - 1]].id, g->nodes[order[i]].id) == 0) {
            rc = cg_errinfo_set(err, CG_EINPUT, file, 0,
                                "nodes[%zu].id: duplicate node id \"%s\" (first at nodes[%zu])",
                                order[i], g->nodes[order[i]].id, order[i - 1]);
            goto cleanup;
        }
    }
    for (i = 0; i < g->nnodes; i++) {
        sorted[i] = g->nodes[order[i]];
        where[order[i]] = i;
    }
    memcpy(g->nodes, sorted, g->nnodes * sizeof *sorted);
    for (i = 0; i < g->nedges; i++) {
        g->edges[i].source = (uint32_t)where[g->edges[i].source];
        g->edges[i].target = (uint32_t)where[g->edges[i].target];
    }

cleanup:
    free(order);
    free(where);
    free(sorted);
    return rc;
}

/**
 * Sorts the edges by (source, target, type) with a radix sort on packed keys, stably, and
 * merges or rejects duplicates. 1 when the node count is too large to pack (the caller
 * then sorts by comparison), else CG_OK or an error.
 */
static int sort_edges_packed(cg_graph_t *g, cg_graph__edge_policy_t policy, const char *file,
                             cg_errinfo_t *err, cg_error_t *rc)
{
    cg_kv_t *kv;
    unsigned bits = 1;
    size_t i, n = 0;

    *rc = CG_OK;
    while (bits < 31 && ((size_t)1 << bits) < g->nnodes)
        bits++;
    if (((size_t)1 << bits) < g->nnodes || 2 * bits + 3 > 64)
        return 1;
    kv = cg_big_alloc(g->nedges * sizeof *kv);
    if (!kv) {
        *rc = cg_errinfo_set(err, CG_ENOMEM, file, 0, "out of memory sorting edges");
        return 0;
    }
    for (i = 0; i < g->nedges; i++) {
        const cg_edge_t *e = &g->edges[i];

        kv[i].key = (uint64_t)e->source << (bits + 3) | (uint64_t)e->target << 3 |
                    ((uint64_t)e->type & 7);
        kv[i].val = i;
    }
    if (cg_radix_sort_kv(kv, g->nedges)) {
        free(kv);
        *rc = cg_errinfo_set(err, CG_ENOMEM, file, 0, "out of memory sorting edges");
        return 0;
    }
    if (policy == CG_GRAPH__EDGES_REJECT) {
        for (i = 1; i < g->nedges; i++) {
            if (kv[i].key == kv[i - 1].key) {
                const cg_edge_t *e = &g->edges[kv[i].val];

                *rc = cg_errinfo_set(err, CG_EINPUT, file, 0,
                                     "edges[%zu]: duplicate %s edge from \"%s\" to \"%s\"",
                                     (size_t)kv[i].val, cg_edge_type_name(e->type),
                                     g->nodes[e->source].id, g->nodes[e->target].id);
                free(kv);
                return 0;
            }
        }
    }
    /* edges[i] = old edges[kv[i].val], in place, one cycle at a time */
    for (i = 0; i < g->nedges; i++) {
        size_t j = i;
        cg_edge_t tmp;

        if (kv[i].val >> 63 || kv[i].val == i)
            continue;
        tmp = g->edges[i];
        for (;;) {
            size_t k = (size_t)kv[j].val;

            kv[j].val |= (uint64_t)1 << 63;
            if (k == i) {
                g->edges[j] = tmp;
                break;
            }
            g->edges[j] = g->edges[k];
            j = k;
        }
    }
    free(kv);
    for (i = 0; i < g->nedges; i++) {
        const cg_edge_t *e = &g->edges[i];
        cg_edge_t *last = n ? &g->edges[n - 1] : NULL;

        if (last && last->source == e->source && last->target == e->target &&
            last->type == e->type) {
            last->weight += e->weight;
            continue;
        }
        g->edges[n++] = *e;
    }
    g->nedges = n;
    return 0;
}

cg_error_t cg_graph__finish(cg_graph_t *g, cg_graph__edge_policy_t policy, const char *file,
                            cg_errinfo_t *err)
{
    edge_at_t *at = NULL;
    size_t i, n = 0;
    cg_error_t rc;

    rc = finish_nodes(g, file, err);
    if (rc || !g->nedges)
        goto cleanup;
    if (!sort_edges_packed(g, policy, file, err, &rc))
        goto cleanup;
    at = malloc(g->nedges * sizeof *at);
    if (!at) {
        rc = cg_errinfo_set(err, CG_ENOMEM, file, 0, "out of memory sorting edges");
        goto cleanup;
    }
    for (i = 0; i < g->nedges; i++) {
        at[i].e = g->edges[i];
        at[i].index = i;
    }
    qsort(at, g->nedges, sizeof *at, cmp_edge_at);
    for (i = 0; i < g->nedges; i++) {
        const cg_edge_t *e = &at[i].e;
        cg_edge_t *last = n ? &g->edges[n - 1] : NULL;

        if (last && last->source == e->source && last->target == e->target &&
            last->type == e->type) {
            if (policy == CG_GRAPH__EDGES_REJECT) {
                rc = cg_errinfo_set(err, CG_EINPUT, file, 0,
                                    "edges[%zu]: duplicate %s edge from \"%s\" to \"%s\"",
                                    at[i].index, cg_edge_type_name(e->type), g->nodes[e->source].id,
                                    g->nodes[e->target].id);
                goto cleanup;
            }
            last->weight += e->weight;
            continue;
        }
        g->edges[n++] = *e;
    }
    g->nedges = n;

cleanup:
    free(at);
    return rc;
}

/* ---- accessors ---------------------------------------------------------------- */

size_t cg_graph_node_count(const cg_graph_t *g)
{
    return g ? g->nnodes : 0;
}

size_t cg_graph_edge_count(const cg_graph_t *g)
{
    return g ? g->nedges : 0;
}

const cg_node_t *cg_graph_node(const cg_graph_t *g, size_t i)
{
    return g && i < g->nnodes ? &g->nodes[i] : NULL;
}

const cg_edge_t *cg_graph_edge(const cg_graph_t *g, size_t i)
{
    return g && i < g->nedges ? &g->edges[i] : NULL;
}

long cg_graph_find(const cg_graph_t *g, const char *id)
{
    size_t lo = 0, hi;

    if (!g || !id)
        return -1;
    hi = g->nnodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->nodes[mid].id, id);

        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const cg_analysis_t *cg_graph_analysis(const cg_graph_t *g)
{
    return g ? &g->analysis : NULL;
}

int cg_graph__undirected_adjacency(const cg_graph_t *g, size_t **start, size_t **adj)
{
    size_t i, n = g->nnodes, m = g->nedges;
    size_t *st = calloc(n + 1, sizeof *st), *a = malloc((2 * m + 1) * sizeof *a);
    size_t *fill = malloc((n + 1) * sizeof *fill);

    *start = *adj = NULL;
    if (!st || !a || !fill) {
        free(st);
        free(a);
        free(fill);
        return -1;
    }
    for (i = 0; i < m; i++) {
        st[g->edges[i].source + 1]++;
        st[g->edges[i].target + 1]++;
    }
    for (i = 0; i < n; i++)
        st[i + 1] += st[i];
    memcpy(fill, st, (n + 1) * sizeof *fill);
    for (i = 0; i < m; i++) {
        a[fill[g->edges[i].source]++] = g->edges[i].target;
        a[fill[g->edges[i].target]++] = g->edges[i].source;
    }
    free(fill);
    *start = st;
    *adj = a;
    return 0;
}

void cg_graph__set_cluster(cg_graph_t *g, size_t i, long cluster)
{
    if (g && i < g->nnodes)
        g->nodes[i].cluster = cluster;
}

void cg_graph__set_scores(cg_graph_t *g, size_t i, const cg_scores_t *s)
{
    if (g && s && i < g->nnodes)
        g->nodes[i].scores = *s;
}

void cg_graph__drop_node_pages(cg_graph_t *g)
{
    if (!g)
        return;
    /* a graph that owns each string as its own block (a subgraph): only the array goes */
    if (g->pooled)
        cg_graph__pool_drop_pages(&g->pool);
    cg_big_drop(g->nodes, g->capnodes * sizeof *g->nodes);
}

void cg_graph__drop_edge_pages(cg_graph_t *g)
{
    if (g)
        cg_big_drop(g->edges, g->capedges * sizeof *g->edges);
}

int cg_graph__spill_texts(cg_graph_t *g)
{
    if (!g || !g->pooled || g->pool.bytes < CG_GRAPH_SPILL_MIN)
        return -1;
    if (cg_graph__pool_spill(&g->pool))
        return -1;
    /* the node records too: the analysis reads their kinds once, at its start */
    (void)cg_graph__spill_nodes(g);
    return 0;
}

void cg_graph__restore_texts(cg_graph_t *g)
{
    if (g && g->pooled)
        cg_graph__pool_restore(&g->pool);
    cg_graph__restore_nodes(g);
}

int cg_graph__spill_nodes(cg_graph_t *g)
{
    cg_spill_t file;

    if (!g->nodes_spilled && g->nodes && cg_spill_open(&file) == 0) {
        g->nodes_spilled = cg_spill_move(&file, g->nodes, g->capnodes * sizeof *g->nodes) == 0;
        cg_spill_close(&file);
    }
    return g->nodes_spilled ? 0 : -1;
}

void cg_graph__release_nodes(cg_graph_t *g)
{
    if (g && g->nodes_spilled)
        cg_big_drop(g->nodes, g->capnodes * sizeof *g->nodes);
}

void cg_graph__restore_nodes(cg_graph_t *g)
{
    if (g && g->nodes_spilled && cg_spill_restore(g->nodes, g->capnodes * sizeof *g->nodes) == 0)
        g->nodes_spilled = 0;
}

void cg_graph__set_analysis(cg_graph_t *g, const cg_analysis_t *a)
{
    if (g && a)
        g->analysis = *a;
}

cg_error_t cg_graph_subgraph(cg_graph_t **out, const cg_graph_t *g, const unsigned char *keep)
{
    cg_graph_t *s = NULL;
    size_t *where = NULL, i;
    cg_error_t rc = CG_OK;

    if (!out || !g || (!keep && g->nnodes))
        return CG_EINVAL;
    *out = NULL;
    s = cg_graph__new();
    if (!s)
        return CG_ENOMEM;
    s->analysis = g->analysis;
    if (g->nnodes) {
        where = malloc(g->nnodes * sizeof *where);
        if (!where) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
    }
    /* Kept nodes stay in id order and edges in (source, target, type) order, because
     * the index map is monotone: no sorting needed. */
    for (i = 0; i < g->nnodes; i++) {
        cg_node_t *n;

        where[i] = (size_t)-1;
        if (!keep[i])
            continue;
        n = cg_graph__push_node(s);
        if (!n || cg_graph__node_copy(n, &g->nodes[i])) {
            if (n)
                s->nnodes--;
            rc = CG_ENOMEM;
            goto cleanup;
        }
        where[i] = s->nnodes - 1;
    }
    for (i = 0; i < g->nedges; i++) {
        const cg_edge_t *e = &g->edges[i];

        if (where[e->source] == (size_t)-1 || where[e->target] == (size_t)-1)
            continue;
        if (cg_graph__push_edge(s, where[e->source], where[e->target], e->type, e->weight)) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
    }
    *out = s;
    s = NULL;

cleanup:
    free(where);
    cg_graph_free(s);
    return rc;
}
