/*
 * cg_graph_build: claims in, provenance graph out (the reduce step of the pipeline).
 *
 * Claim identity. A claim node's id is "claim:" + 16 hex digits of the hash of its
 * speaker's entity id and its normalised text, so the same words from the same speaker
 * are one node with one evidence record per occurrence, in one article or several.
 * Claims whose speaker is unknown ("unknown" or empty) are keyed by their document
 * instead of a speaker: repeats inside one article merge, but two articles' anonymous
 * claims with equal words are not assumed to come from the same person. Such claims
 * get no speaker node and no asserts edge; an interview cue without a speaker cannot
 * make a spoke_to edge, so their intermediary outlets are linked with relayed_by.
 *
 * Identical claim records (the same occurrence given twice, e.g. a shard read twice)
 * count once. Every edge's weight is the number of (deduplicated) claim records that
 * support it. Relations whose target text matches no claim node (or several, with no
 * speaker to choose between them) create nothing.
 *
 * Nothing depends on the order of the input: records are sorted by their full content,
 * speakers come from merge.c, outlets and labels are chosen from counted sets, and the
 * finished graph is sorted by id.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/util.h"

typedef struct {
    const cg_claim_t *c;
    long speaker;   /**< speaker entity, or -1 */
    char *norm;     /**< normalised text (owned) */
    char id[24];    /**< claim node id */
    size_t node;    /**< claim node index */
    size_t article; /**< article node index */
    int dup;        /**< identical to the previous record */
} rec_t;

typedef struct {
    const char *name; /**< surface name (borrowed) */
    size_t count;
    char *key;   /**< outlet key (owned) */
    size_t node; /**< outlet node index, or (size_t)-1 */
} outlet_name_t;

typedef struct {
    cg_graph__speakers_t *speakers;
    size_t *speaker_node; /**< node index per speaker entity */
    rec_t *recs;
    size_t nrecs;
    outlet_name_t *outlets; /**< distinct outlet surface names, sorted */
    size_t noutlets;
    size_t nclaims;          /**< claim nodes are nodes [0, nclaims), sorted by id */
    const char **claim_norm; /**< normalised text per claim node */
    size_t *by_norm;         /**< claim node indexes sorted by (norm, index) */
} ctx_t;

/* ---- comparators ------------------------------------------------------------------ */

static int cmp_str_opt(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_size(size_t a, size_t b)
{
    return (a > b) - (a < b);
}

static int cmp_spans(const cg_span_t *a, size_t na, const cg_span_t *b, size_t nb)
{
    size_t i;
    int c;

    for (i = 0; i < na && i < nb; i++) {
        if ((c = cmp_size(a[i].start, b[i].start)) || (c = cmp_size(a[i].end, b[i].end)))
            return c;
    }
    return cmp_size(na, nb);
}

/** Total order on claim records by content, evidence fields first. */
static int cmp_claim_content(const cg_claim_t *a, const cg_claim_t *b)
{
    size_t i;
    int c;

    if ((c = strcmp(a->doc, b->doc)) || (c = cmp_spans(a->spans, a->nspans, b->spans, b->nspans)) ||
        (c = cmp_size(a->type, b->type)) || (c = strcmp(a->text, b->text)) ||
        (c = cmp_str_opt(a->cue_text, b->cue_text)))
        return c;
    if (a->cue_text && ((c = cmp_spans(&a->cue_span, 1, &b->cue_span, 1))))
        return c;
    if ((c = cmp_str_opt(a->speaker_mention, b->speaker_mention)) ||
        (c = cmp_str_opt(a->speaker_name, b->speaker_name)) ||
        (c = cmp_size(a->speaker_kind, b->speaker_kind)) ||
        (c = cmp_size(!!a->has_speaker_span, !!b->has_speaker_span)))
        return c;
    if (a->has_speaker_span && (c = cmp_spans(&a->speaker_span, 1, &b->speaker_span, 1)))
        return c;
    if ((c = cmp_str_opt(a->outlet, b->outlet)) || (c = cmp_size(a->nvia, b->nvia)))
        return c;
    for (i = 0; i < a->nvia; i++)
        if ((c = cmp_str_opt(a->via[i], b->via[i])))
            return c;
    if ((c = cmp_size(a->nrelations, b->nrelations)))
        return c;
    for (i = 0; i < a->nrelations; i++) {
        const cg_relation_t *x = &a->relations[i], *y = &b->relations[i];

        if ((c = cmp_size(x->type, y->type)) || (c = cmp_str_opt(x->target_text, y->target_text)) ||
            (c = cmp_str_opt(x->target_speaker, y->target_speaker)))
            return c;
    }
    return 0;
}

static int cmp_rec(const void *a, const void *b)
{
    const rec_t *x = a, *y = b;
    int c = strcmp(x->id, y->id);

    return c ? c : cmp_claim_content(x->c, y->c);
}

static int cmp_rec_ptr_doc(const void *a, const void *b)
{
    const rec_t *x = *(rec_t *const *)a, *y = *(rec_t *const *)b;
    int c = strcmp(x->c->doc, y->c->doc);

    return c ? c : cmp_size(x->node, y->node);
}

static int cmp_cstr_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- claim keys ------------------------------------------------------------------- */

/** "claim:<16 hex>" of (speaker id, text) or, without a speaker, of (doc, text). */
static int make_claim_id(char out[24], const char *speaker_id, const char *doc, const char *norm)
{
    cg_buf_t b = CG_BUF_INIT;
    int rc = 0;

    if (speaker_id)
        rc = cg_buf__puts(&b, speaker_id);
    else
        rc = cg_buf__putc(&b, '?') || cg_buf__puts(&b, doc);
    rc = rc || cg_buf__putc(&b, '\0') || cg_buf__puts(&b, norm);
    if (!rc)
        snprintf(out, 24, "claim:%016llx", cg_hash64(b.data, b.len));
    cg_buf__free(&b);
    return rc ? -1 : 0;
}

/* ---- stages ----------------------------------------------------------------------- */

static cg_error_t make_records(ctx_t *x, const cg_claim_t *claims, size_t n, cg_errinfo_t *err)
{
    size_t i;

    x->recs = n ? calloc(n, sizeof *x->recs) : NULL;
    if (n && !x->recs)
        return CG_ENOMEM;
    for (i = 0; i < n; i++) {
        rec_t *r = &x->recs[i];
        const cg_claim_t *c = &claims[i];

        if (!c->doc || !c->text)
            return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "claim %zu has no %s", i,
                                  c->doc ? "text" : "doc");
        if (c->nspans && !c->spans)
            return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "claim %zu: spans missing", i);
        r->c = c;
        r->speaker = cg_graph__speakers_find(x->speakers, c->speaker_name, c->speaker_kind);
        r->norm = cg_graph__normalize(c->text);
        if (!r->norm)
            return CG_ENOMEM;
        x->nrecs = i + 1;
        if (make_claim_id(r->id,
                          r->speaker >= 0
                              ? cg_graph__speakers_get(x->speakers, (size_t)r->speaker)->id
                              : NULL,
                          c->doc, r->norm))
            return CG_ENOMEM;
    }
    if (n)
        qsort(x->recs, n, sizeof *x->recs, cmp_rec);
    for (i = 1; i < n; i++)
        x->recs[i].dup = cmp_rec(&x->recs[i - 1], &x->recs[i]) == 0;
    return CG_OK;
}

static cg_error_t fill_evidence(cg_evidence_t *e, const cg_claim_t *c)
{
    e->doc = cg__strdup(c->doc);
    e->type = c->type;
    if (c->nspans) {
        e->spans = malloc(c->nspans * sizeof *e->spans);
        if (e->spans) {
            memcpy(e->spans, c->spans, c->nspans * sizeof *e->spans);
            e->nspans = c->nspans;
        }
    }
    e->cue = cg__strdup(c->cue_text);
    if (c->cue_text)
        e->cue_span = c->cue_span;
    e->mention = cg__strdup(c->speaker_mention);
    if (!e->doc || (c->nspans && !e->spans) || (c->cue_text && !e->cue) ||
        (c->speaker_mention && !e->mention))
        return CG_ENOMEM;
    return CG_OK;
}

/** One claim node per run of records with equal id (records are sorted by id). */
static cg_error_t make_claim_nodes(ctx_t *x, cg_graph_t *g, cg_errinfo_t *err)
{
    size_t i, j, k;

    x->claim_norm = x->nrecs ? malloc(x->nrecs * sizeof *x->claim_norm) : NULL;
    if (x->nrecs && !x->claim_norm)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i = j) {
        const rec_t *first = &x->recs[i];
        size_t nev = 0;
        cg_node_t *n;

        for (j = i; j < x->nrecs && strcmp(x->recs[j].id, first->id) == 0; j++) {
            const rec_t *r = &x->recs[j];

            if (r->speaker != first->speaker || strcmp(r->norm, first->norm) != 0 ||
                (r->speaker < 0 && strcmp(r->c->doc, first->c->doc) != 0))
                return cg_errinfo_set(err, CG_EINPUT, NULL, 0,
                                      "two different claims hash to the id %s", first->id);
            if (!r->dup)
                nev++;
        }
        n = cg_graph__push_node(g);
        if (!n)
            return CG_ENOMEM;
        n->kind = CG_NODE_CLAIM;
        n->claim_type = first->c->type;
        n->id = cg__strdup(first->id);
        n->label = cg__strdup(first->c->text);
        n->evidence = calloc(nev, sizeof *n->evidence);
        if (!n->id || !n->label || !n->evidence)
            return CG_ENOMEM;
        for (k = i; k < j; k++) {
            x->recs[k].node = g->nnodes - 1;
            if (x->recs[k].dup)
                continue;
            n->nevidence++;
            if (fill_evidence(&n->evidence[n->nevidence - 1], x->recs[k].c))
                return CG_ENOMEM;
        }
        x->claim_norm[x->nclaims++] = first->norm;
    }
    return CG_OK;
}

static cg_error_t make_speaker_nodes(ctx_t *x, cg_graph_t *g)
{
    size_t i, n = cg_graph__speakers_count(x->speakers);

    x->speaker_node = n ? malloc(n * sizeof *x->speaker_node) : NULL;
    if (n && !x->speaker_node)
        return CG_ENOMEM;
    for (i = 0; i < n; i++) {
        cg_graph__speaker_t *s = cg_graph__speakers_get(x->speakers, i);
        cg_node_t *node = cg_graph__push_node(g);

        if (!node)
            return CG_ENOMEM;
        /* The node takes the entity's strings. */
        node->kind = CG_NODE_SPEAKER;
        node->id = s->id;
        node->label = s->label;
        node->speaker_kind = s->kind;
        node->aliases = s->aliases;
        node->naliases = s->naliases;
        s->id = s->label = NULL;
        s->aliases = NULL;
        s->naliases = 0;
        x->speaker_node[i] = g->nnodes - 1;
    }
    return CG_OK;
}

static cg_error_t make_article_nodes(ctx_t *x, cg_graph_t *g)
{
    rec_t **by_doc = NULL;
    size_t i;
    cg_error_t rc = CG_OK;

    if (!x->nrecs)
        return CG_OK;
    by_doc = malloc(x->nrecs * sizeof *by_doc);
    if (!by_doc)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i++)
        by_doc[i] = &x->recs[i];
    qsort(by_doc, x->nrecs, sizeof *by_doc, cmp_rec_ptr_doc);
    for (i = 0; i < x->nrecs; i++) {
        cg_node_t *n;

        if (i && strcmp(by_doc[i]->c->doc, by_doc[i - 1]->c->doc) == 0) {
            by_doc[i]->article = by_doc[i - 1]->article;
            continue;
        }
        n = cg_graph__push_node(g);
        if (!n) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        n->kind = CG_NODE_ARTICLE;
        n->id = cg_graph__article_id(by_doc[i]->c->doc);
        n->label = cg__strdup(by_doc[i]->c->doc);
        if (!n->id || !n->label) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        by_doc[i]->article = g->nnodes - 1;
    }

cleanup:
    free(by_doc);
    return rc;
}

/** Outlet nodes: surface names grouped by key; label = most frequent form. */
static cg_error_t make_outlet_nodes(ctx_t *x, cg_graph_t *g)
{
    const char **names = NULL;
    size_t nnames = 0, total = 0, i, j, *order = NULL;
    cg_error_t rc = CG_OK;

    for (i = 0; i < x->nrecs; i++)
        if (!x->recs[i].dup)
            total += (x->recs[i].c->outlet != NULL) + x->recs[i].c->nvia;
    if (!total)
        return CG_OK;
    names = malloc(total * sizeof *names);
    x->outlets = calloc(total, sizeof *x->outlets);
    if (!names || !x->outlets) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < x->nrecs; i++) {
        const cg_claim_t *c = x->recs[i].c;

        if (x->recs[i].dup)
            continue;
        if (c->outlet)
            names[nnames++] = c->outlet;
        for (j = 0; j < c->nvia; j++)
            if (c->via[j])
                names[nnames++] = c->via[j];
    }
    qsort(names, nnames, sizeof *names, cmp_cstr_ptr);
    for (i = 0; i < nnames; i++) {
        outlet_name_t *o;

        if (x->noutlets && strcmp(x->outlets[x->noutlets - 1].name, names[i]) == 0) {
            x->outlets[x->noutlets - 1].count++;
            continue;
        }
        o = &x->outlets[x->noutlets++];
        o->name = names[i];
        o->count = 1;
        o->node = (size_t)-1;
        o->key = cg_graph__outlet_key(names[i]);
        if (!o->key) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
    }
    if (!x->noutlets)
        goto cleanup;
    order =
        cg_graph__order(x->outlets, x->noutlets, sizeof *x->outlets, offsetof(outlet_name_t, key));
    if (!order) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < x->noutlets; i = j) {
        const outlet_name_t *first = &x->outlets[order[i]], *best = first;
        cg_node_t *n;

        for (j = i; j < x->noutlets && strcmp(x->outlets[order[j]].key, first->key) == 0; j++) {
            const outlet_name_t *o = &x->outlets[order[j]];
            /* order[] runs in byte order of names within a key: ties keep the smaller */
            if (o->count > best->count ||
                (o->count == best->count && strlen(o->name) > strlen(best->name)))
                best = o;
        }
        if (!first->key[0])
            continue; /* no words: no outlet */
        n = cg_graph__push_node(g);
        if (!n) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        n->kind = CG_NODE_OUTLET;
        n->id = cg_graph__id_from_key("outlet:", first->key);
        n->label = cg__strdup(best->name);
        if (!n->id || !n->label) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        for (; i < j; i++)
            x->outlets[order[i]].node = g->nnodes - 1;
    }

cleanup:
    free(names);
    free(order);
    return rc;
}

static size_t outlet_node(const ctx_t *x, const char *name)
{
    size_t lo = 0, hi = x->noutlets;

    if (!name)
        return (size_t)-1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(x->outlets[mid].name, name);

        if (c == 0)
            return x->outlets[mid].node;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

static cg_error_t index_claims_by_text(ctx_t *x)
{
    if (!x->nclaims)
        return CG_OK;
    x->by_norm = cg_graph__order(x->claim_norm, x->nclaims, sizeof *x->claim_norm, 0);
    return x->by_norm ? CG_OK : CG_ENOMEM;
}

/** Index of the claim node with @p id among nodes [0, nclaims), or -1. */
static long find_claim_id(const ctx_t *x, const cg_graph_t *g, const char *id)
{
    size_t lo = 0, hi = x->nclaims;

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

/**
 * The claim node a relation points at: the target speaker's claim with that text when
 * it exists, else the only claim node with that text, else -1.
 */
static long resolve_target(const ctx_t *x, const cg_graph_t *g, const cg_relation_t *rel,
                           cg_error_t *rc)
{
    char *norm = NULL, id[24];
    long ent, found = -1;
    size_t lo = 0, hi = x->nclaims;

    *rc = CG_OK;
    if (!rel->target_text)
        return -1;
    norm = cg_graph__normalize(rel->target_text);
    if (!norm) {
        *rc = CG_ENOMEM;
        return -1;
    }
    ent = rel->target_speaker ? cg_graph__speakers_find_name(x->speakers, rel->target_speaker) : -1;
    if (ent >= 0) {
        /* the entity's id now belongs to its speaker node */
        if (make_claim_id(id, g->nodes[x->speaker_node[ent]].id, NULL, norm)) {
            *rc = CG_ENOMEM;
            goto cleanup;
        }
        found = find_claim_id(x, g, id);
        if (found >= 0)
            goto cleanup;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(x->claim_norm[x->by_norm[mid]], norm) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < x->nclaims && strcmp(x->claim_norm[x->by_norm[lo]], norm) == 0 &&
        (lo + 1 == x->nclaims || strcmp(x->claim_norm[x->by_norm[lo + 1]], norm) != 0))
        found = (long)x->by_norm[lo];

cleanup:
    free(norm);
    return found;
}

/** An edge end already linked from the current record (type -1: an intermediary). */
typedef struct {
    size_t node;
    int type;
} seen_t;

static cg_error_t make_edges(ctx_t *x, cg_graph_t *g)
{
    size_t i, j, k;
    seen_t *seen = NULL;
    size_t cap = 0;
    cg_error_t rc = CG_OK;

#define PUSH(s, t, ty)                                                                             \
    do {                                                                                           \
        if (cg_graph__push_edge(g, (s), (t), (ty), 1.0)) {                                         \
            rc = CG_ENOMEM;                                                                        \
            goto cleanup;                                                                          \
        }                                                                                          \
    } while (0)

    for (i = 0; i < x->nrecs; i++) {
        const rec_t *r = &x->recs[i];
        const cg_claim_t *c = r->c;
        size_t speaker = r->speaker >= 0 ? x->speaker_node[r->speaker] : (size_t)-1;
        size_t outlet, nseen = 0;
        int interview;

        if (r->dup)
            continue;
        if (speaker != (size_t)-1)
            PUSH(speaker, r->node, CG_EDGE_ASSERTS);
        PUSH(r->node, r->article, CG_EDGE_REPORTED_IN);
        outlet = outlet_node(x, c->outlet);
        if (outlet != (size_t)-1)
            PUSH(r->article, outlet, CG_EDGE_PUBLISHED_BY);

        if (cg__grow_array((void **)&seen, &cap, c->nvia + c->nrelations + 1, sizeof *seen)) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        interview = speaker != (size_t)-1 && cg_graph__cue_is_interview(c->cue_text);
        for (j = 0; j < c->nvia; j++) {
            size_t v = outlet_node(x, c->via[j]);

            for (k = 0; k < nseen && (seen[k].node != v || seen[k].type != -1); k++)
                ;
            if (v == (size_t)-1 || k < nseen)
                continue; /* no words, or the same outlet twice */
            seen[nseen].node = v;
            seen[nseen++].type = -1;
            if (interview)
                PUSH(speaker, v, CG_EDGE_SPOKE_TO);
            else
                PUSH(r->node, v, CG_EDGE_RELAYED_BY);
        }
        for (j = 0; j < c->nrelations; j++) {
            cg_edge_type_t type = c->relations[j].type == CG_RELATION_DISPUTES
                                      ? CG_EDGE_DISPUTES
                                      : CG_EDGE_RESPONDS_TO;
            long t = resolve_target(x, g, &c->relations[j], &rc);

            if (rc)
                goto cleanup;
            if (t < 0 || (size_t)t == r->node)
                continue;
            /* The same relation twice in one record counts once. */
            for (k = 0; k < nseen && (seen[k].node != (size_t)t || seen[k].type != (int)type); k++)
                ;
            if (k < nseen)
                continue;
            seen[nseen].node = (size_t)t;
            seen[nseen++].type = (int)type;
            PUSH(r->node, (size_t)t, type);
        }
    }
#undef PUSH

cleanup:
    free(seen);
    return rc;
}

static void ctx_free(ctx_t *x)
{
    size_t i;

    for (i = 0; i < x->nrecs; i++)
        free(x->recs[i].norm);
    free(x->recs);
    for (i = 0; i < x->noutlets; i++)
        free(x->outlets[i].key);
    free(x->outlets);
    free(x->speaker_node);
    free(x->claim_norm);
    free(x->by_norm);
    cg_graph__speakers_free(x->speakers);
}

cg_error_t cg_graph_build(cg_graph_t **out, const cg_claim_t *claims, size_t n, cg_errinfo_t *err)
{
    ctx_t x;
    cg_graph_t *g = NULL;
    cg_error_t rc;

    memset(&x, 0, sizeof x);
    cg_errinfo_clear(err);
    if (!out || (n && !claims))
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_build: bad arguments");
    *out = NULL;
    g = cg_graph__new();
    if (!g) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    rc = cg_graph__speakers_build(&x.speakers, claims, n);
    if (!rc)
        rc = make_records(&x, claims, n, err);
    if (!rc)
        rc = make_claim_nodes(&x, g, err);
    if (!rc)
        rc = index_claims_by_text(&x);
    if (!rc)
        rc = make_speaker_nodes(&x, g);
    if (!rc)
        rc = make_article_nodes(&x, g);
    if (!rc)
        rc = make_outlet_nodes(&x, g);
    if (!rc)
        rc = make_edges(&x, g);
    if (!rc)
        rc = cg_graph__finish(g, CG_GRAPH__EDGES_MERGE, NULL, err);
    if (rc)
        goto cleanup;
    *out = g;
    g = NULL;

cleanup:
    if (rc == CG_ENOMEM && err && !err->message[0])
        cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory building the graph");
    cg_graph_free(g);
    ctx_free(&x);
    return rc;
}
