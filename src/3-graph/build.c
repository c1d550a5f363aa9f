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
 *
 * The claims come from a claim set (claimset.c): interned strings, so per-string work
 * (normalising a text, reading a cue) is done once per distinct string, and the graph
 * points at the set's strings and spans (it takes over the set's pool) instead of
 * copying them. Nodes are laid out directly in id order — articles, claims (sorted by
 * their 64-bit hash, which orders their ids), outlets, speakers — so only the articles'
 * and outlets' ids are ever compared as strings.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/util.h"

#define NONE UINT32_MAX

/* Records and strings are read in an order unrelated to where they lie in memory:
   fetching the next ones early hides the cache misses. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define AMBIGUOUS (UINT32_MAX - 1)

/* A pool of strings or evidence the rest of the build does not read, at least this big,
 * is moved out of memory (cg_graph__pool_spill) as soon as it is complete: at 1 GB of
 * news the texts (250 MB), the claim ids and evidence (320 MB) and the spans and other
 * strings (210 MB) would otherwise sit beside the node records when the build peaks. */
#define BUILD_SPILL_MIN (CG_GRAPH_SPILL_MIN / 4 + 1)

typedef struct {
    uint64_t hash;   /**< of the claim id */
    uint32_t rec;    /**< index into set->recs */
    uint64_t norm;   /**< hash of the normalised text */
    int32_t speaker; /**< speaker entity, or -1 */
    uint32_t node;   /**< claim node index */
    int dup;         /**< identical to the previous record */
} rec_t;

typedef struct {
    const char *id; /**< node id (malloc'ed while building) */
    uint32_t name;  /**< the label's string id */
} named_t;

/** Scratch buffers for computing claim keys (one per thread). */
typedef struct {
    cg_buf_t norm;    /**< the normalised text */
    cg_buf_t scratch; /**< the hashed id */
} keybufs_t;

typedef struct {
    cg_claimset_t *set;
    cg_graph__speakers_t *speakers;
    rec_t *recs;
    size_t nrecs;
    size_t narticles, nclaims, noutlets, nspeakers;
    size_t base_claim, base_outlet, base_speaker;
    uint32_t *article_of; /**< per set string (doc): article node index, or NONE */
    uint32_t *outlet_of;  /**< per set string (outlet name): outlet node index, or NONE */
    signed char *interview; /**< per set string (cue): 1, 0, or -1 when not known yet */
    int32_t *entity_of;   /**< per set string (relation speaker): entity, -1, or -2 unknown */
    uint64_t *claim_hash; /**< per claim node */
    cg_kv_t *by_norm; /**< (normalised text hash, claim node) per claim node, by hash */
    int have_by_norm;
    uint64_t *ekeys;       /**< edges as packed (source, target, type) keys */
    size_t nekeys;
    unsigned ebits;        /**< bits of a node index in a packed edge key */
    keybufs_t kb;
} ctx_t;

/* ---- comparators ------------------------------------------------------------------ */

/** Interned strings in byte order (NULL first); equal ids are equal strings. */
static int cmp_sid(const cg_claimset_t *set, uint32_t a, uint32_t b)
{
    if (a == b)
        return 0;
    if (a == CG_GRAPH__NOSTR || b == CG_GRAPH__NOSTR)
        return (a != CG_GRAPH__NOSTR) - (b != CG_GRAPH__NOSTR);
    return strcmp(set->strs[a], set->strs[b]);
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
static int cmp_claim_content(const cg_claimset_t *set, const cg_graph__rec_t *a,
                             const cg_graph__rec_t *b)
{
    const uint32_t *xa = set->extra ? set->extra + a->extra : NULL;
    const uint32_t *xb = set->extra ? set->extra + b->extra : NULL;
    size_t i;
    int c;

    if ((c = cmp_sid(set, a->doc, b->doc)) ||
        (c = cmp_spans(a->spans, a->nspans, b->spans, b->nspans)) ||
        (c = cmp_size(a->type, b->type)) || (c = cmp_sid(set, a->text, b->text)) ||
        (c = cmp_sid(set, a->cue, b->cue)))
        return c;
    if (a->cue != CG_GRAPH__NOSTR &&
        (c = cmp_spans(a->spans + a->nspans + a->has_speaker_span, 1,
                       b->spans + b->nspans + b->has_speaker_span, 1)))
        return c;
    if ((c = cmp_sid(set, a->mention, b->mention)) || (c = cmp_sid(set, a->name, b->name)) ||
        (c = cmp_size(a->kind, b->kind)) ||
        (c = cmp_size(a->has_speaker_span, b->has_speaker_span)))
        return c;
    if (a->has_speaker_span &&
        (c = cmp_spans(a->spans + a->nspans, 1, b->spans + b->nspans, 1)))
        return c;
    if ((c = cmp_sid(set, a->outlet, b->outlet)) || (c = cmp_size(a->nvia, b->nvia)))
        return c;
    for (i = 0; i < a->nvia; i++)
        if ((c = cmp_sid(set, xa[i], xb[i])))
            return c;
    if ((c = cmp_size(a->nrel, b->nrel)))
        return c;
    xa += a->nvia;
    xb += b->nvia;
    for (i = 0; i < 3 * (size_t)a->nrel; i += 3) {
        if ((c = cmp_size(xa[i], xb[i])) || (c = cmp_sid(set, xa[i + 1], xb[i + 1])) ||
            (c = cmp_sid(set, xa[i + 2], xb[i + 2])))
            return c;
    }
    return 0;
}

/** Records by (hash, content). */
static int cmp_rec(const ctx_t *x, const rec_t *a, const rec_t *b)
{
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return cmp_claim_content(x->set, &x->set->recs[a->rec], &x->set->recs[b->rec]);
}

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const named_t *)a)->id, ((const named_t *)b)->id);
}

/* ---- keys ------------------------------------------------------------------------- */

/** The hash of a claim id: of (speaker id, text) or, without a speaker, of (doc, text). */
static int claim_hash(keybufs_t *kb, const char *speaker_id, const char *doc, const char *norm,
                      uint64_t *out)
{
    cg_buf_t *b = &kb->scratch;
    int rc;

    b->len = 0;
    if (speaker_id)
        rc = cg_buf__puts(b, speaker_id);
    else
        rc = cg_buf__putc(b, '?') || cg_buf__puts(b, doc);
    rc = rc || cg_buf__putc(b, '\0') || cg_buf__puts(b, norm);
    if (!rc)
        *out = cg_hash64(b->data, b->len);
    return rc ? -1 : 0;
}

/** Normalises @p text into kb->norm and hashes it. -1 on ENOMEM. */
static int normalize(keybufs_t *kb, const char *text, uint64_t *hash)
{
    if (cg_graph__normalize_into(&kb->norm, text))
        return -1;
    *hash = cg_hash64(kb->norm.data, kb->norm.len);
    return 0;
}

/** A per-string array of @p size-byte cells, every byte @p fill. NULL on ENOMEM. */
static void *per_string(const ctx_t *x, size_t size, int fill)
{
    void *p = cg_big_alloc((x->set->nstrs ? x->set->nstrs : 1) * size);

    if (p)
        memset(p, fill, x->set->nstrs * size);
    return p;
}

/* ---- stages ----------------------------------------------------------------------- */

/** Records [from, to) of make_records, keyed on one thread. */
typedef struct {
    ctx_t *x;
    cg_kv_t *kv;
    size_t from, to;
    keybufs_t kb;
    int failed;
} key_part_t;

/** Each record's normalised-text hash and id hash, and (id hash, index) into kv. */
static void *key_range(void *arg)
{
    key_part_t *p = arg;
    ctx_t *x = p->x;
    const cg_claimset_t *set = x->set;
    size_t i, n = p->to;

    for (i = p->from; i < n; i++) {
        const cg_graph__rec_t *c = &set->recs[i];
        rec_t *r = &x->recs[i];
        long ent = r->speaker;

        if (i + 8 < n && x->recs[i + 8].speaker >= 0)
            PREFETCH(cg_graph__speakers_get(x->speakers, (size_t)x->recs[i + 8].speaker)->id);
        if (i + 16 < n && x->recs[i + 16].speaker >= 0)
            PREFETCH(cg_graph__speakers_get(x->speakers, (size_t)x->recs[i + 16].speaker));
        if (i + 8 < n)
            PREFETCH(set->strs[set->recs[i + 8].text]);
        r->rec = (uint32_t)i;
        r->dup = 0;
        if (normalize(&p->kb, set->strs[c->text], &r->norm) ||
            claim_hash(&p->kb,
                       ent >= 0 ? cg_graph__speakers_get(x->speakers, (size_t)ent)->id : NULL,
                       set->strs[c->doc], p->kb.norm.data, &r->hash)) {
            p->failed = 1;
            break;
        }
        p->kv[i].key = r->hash;
        p->kv[i].val = i;
    }
    cg_buf__free(&p->kb.norm);
    cg_buf__free(&p->kb.scratch);
    return NULL;
}

/* Below this many records one thread keys them all (a thread costs more than it saves). */
#define KEY_PARALLEL_MIN 100000

/**
 * Keys every record (key_range), the second half of them on a second thread when there
 * are many: a record's keys depend on nothing but the record, so the result is the same.
 * 0, or -1 on ENOMEM.
 */
static int key_records(ctx_t *x, cg_kv_t *kv)
{
    size_t n = x->set->nrecs;
    key_part_t part[2];
    pthread_t tid;
    int threaded;

    memset(part, 0, sizeof part);
    part[0].x = part[1].x = x;
    part[0].kv = part[1].kv = kv;
    part[0].to = n;
    if (n >= KEY_PARALLEL_MIN) {
        part[0].to = part[1].from = n / 2;
        part[1].to = n;
    }
    threaded = n >= KEY_PARALLEL_MIN && pthread_create(&tid, NULL, key_range, &part[1]) == 0;
    key_range(&part[0]);
    if (threaded)
        pthread_join(tid, NULL);
    else if (part[1].to > part[1].from)
        key_range(&part[1]);
    return part[0].failed || part[1].failed ? -1 : 0;
}

/** Claim records with their ids' hashes, sorted by (hash, content), duplicates marked. */
static cg_error_t make_records(ctx_t *x)
{
    cg_claimset_t *set = x->set;
    cg_kv_t *kv = NULL;
    rec_t *sorted = NULL;
    size_t n = set->nrecs, i, j, k;
    cg_error_t rc = CG_OK;

    if (!n)
        return CG_OK;
    x->recs = cg_big_alloc(n * sizeof *x->recs);
    kv = cg_big_alloc(n * sizeof *kv);
    if (!x->recs || !kv) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        const cg_graph__rec_t *c = &set->recs[i];

        x->recs[i].speaker =
            (int32_t)cg_graph__speakers_find(x->speakers, c->name, (cg_speaker_kind_t)c->kind);
    }
    if (key_records(x, kv)) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    x->nrecs = n;
    if (cg_radix_sort_kv(kv, n) || !(sorted = cg_big_alloc(n * sizeof *sorted))) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < n; i++)
        sorted[i] = x->recs[kv[i].val];
    free(x->recs);
    x->recs = sorted;
    /* The set's records in the same order, so that every later pass reads them in
     * sequence instead of jumping around memory. */
    {
        cg_graph__rec_t *recs = cg_big_alloc(n * sizeof *recs);

        if (!recs) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        for (i = 0; i < n; i++) {
            recs[i] = set->recs[x->recs[i].rec];
            x->recs[i].rec = (uint32_t)i;
        }
        free(set->recs);
        set->recs = recs;
        set->caprecs = n;
    }
    /* runs of equal hash (repeats of one claim) by content: insertion sort */
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && x->recs[j].hash == x->recs[i].hash; j++)
            ;
        for (k = i + 1; k < j; k++) {
            rec_t v = x->recs[k];
            size_t m = k;

            for (; m > i && cmp_rec(x, &x->recs[m - 1], &v) > 0; m--)
                x->recs[m] = x->recs[m - 1];
            x->recs[m] = v;
        }
        for (k = i + 1; k < j; k++)
            x->recs[k].dup = cmp_rec(x, &x->recs[k - 1], &x->recs[k]) == 0;
    }

cleanup:
    free(kv);
    return rc;
}

/** Counts the claim nodes (runs of equal hash) and checks that each run is one claim. */
static cg_error_t count_claims(ctx_t *x, cg_errinfo_t *err)
{
    size_t i, j;

    x->claim_hash = x->nrecs ? malloc(x->nrecs * sizeof *x->claim_hash) : NULL;
    if (x->nrecs && !x->claim_hash)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i = j) {
        const rec_t *first = &x->recs[i];
        const cg_graph__rec_t *fc = &x->set->recs[first->rec];

        for (j = i; j < x->nrecs && x->recs[j].hash == first->hash; j++) {
            const rec_t *r = &x->recs[j];

            if (r->speaker != first->speaker || r->norm != first->norm ||
                (r->speaker < 0 && x->set->recs[r->rec].doc != fc->doc))
                return cg_errinfo_set(err, CG_EINPUT, NULL, 0,
                                      "two different claims hash to the id claim:%016llx",
                                      (unsigned long long)first->hash);
            x->recs[j].node = (uint32_t)x->nclaims;
        }
        x->claim_hash[x->nclaims++] = first->hash;
    }
    return CG_OK;
}

/** Article nodes, one per document, in id order. */
static cg_error_t plan_articles(ctx_t *x, named_t **out)
{
    named_t *arts = NULL;
    size_t i, n = 0, cap = 0;

    *out = NULL;
    x->article_of = per_string(x, sizeof *x->article_of, 0xff);
    if (!x->article_of)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i++) {
        uint32_t doc = x->set->recs[x->recs[i].rec].doc;

        if (x->article_of[doc] != NONE)
            continue;
        if (cg__grow_array((void **)&arts, &cap, n + 1, sizeof *arts))
            goto oom;
        *out = arts;
        x->article_of[doc] = (uint32_t)n;
        arts[n].name = doc;
        arts[n].id = cg_graph__article_id(x->set->strs[doc]);
        if (!arts[n].id)
            goto oom;
        x->narticles = ++n;
    }
    if (n)
        qsort(arts, n, sizeof *arts, cmp_named);
    for (i = 0; i < n; i++)
        x->article_of[arts[i].name] = (uint32_t)i;
    return CG_OK;
oom:
    *out = arts;
    return CG_ENOMEM;
}

/**
 * Outlet nodes: surface names grouped by key; label = most frequent form (then the
 * longest, then the smallest in byte order). In id order.
 */
static cg_error_t plan_outlets(ctx_t *x, named_t **out)
{
    const cg_claimset_t *set = x->set;
    cg_kv_t *ids = NULL;
    typedef struct {
        const char *name;
        uint32_t sid;
        size_t count;
        char *key;
    } oname_t;
    oname_t *names = NULL;
    named_t *outs = NULL;
    size_t nids = 0, nnames = 0, nouts = 0, total = 0, i, j, *order = NULL;
    cg_error_t rc = CG_OK;

    *out = NULL;
    x->outlet_of = per_string(x, sizeof *x->outlet_of, 0xff);
    if (!x->outlet_of)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i++) {
        const cg_graph__rec_t *c = &set->recs[x->recs[i].rec];

        if (!x->recs[i].dup)
            total += (c->outlet != CG_GRAPH__NOSTR) + c->nvia;
    }
    if (!total)
        return CG_OK;
    ids = malloc(total * sizeof *ids);
    if (!ids)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i++) {
        const cg_graph__rec_t *c = &set->recs[x->recs[i].rec];

        if (x->recs[i].dup)
            continue;
        if (c->outlet != CG_GRAPH__NOSTR)
            ids[nids++].key = c->outlet;
        for (j = 0; j < c->nvia; j++)
            if (set->extra[c->extra + j] != CG_GRAPH__NOSTR)
                ids[nids++].key = set->extra[c->extra + j];
    }
    for (i = 0; i < nids; i++)
        ids[i].val = 0;
    if (cg_radix_sort_kv(ids, nids) || !(names = calloc(nids ? nids : 1, sizeof *names))) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < nids; i++) {
        if (nnames && names[nnames - 1].sid == ids[i].key) {
            names[nnames - 1].count++;
            continue;
        }
        names[nnames].sid = (uint32_t)ids[i].key;
        names[nnames].name = set->strs[ids[i].key];
        names[nnames++].count = 1;
    }
    if (!nnames)
        goto cleanup;
    /* names in byte order, so that within a key, ties keep the smaller name */
    {
        named_t *tmp = malloc(nnames * sizeof *tmp);
        oname_t *sorted = malloc(nnames * sizeof *sorted);

        if (!tmp || !sorted) {
            free(tmp);
            free(sorted);
            rc = CG_ENOMEM;
            goto cleanup;
        }
        for (i = 0; i < nnames; i++) {
            tmp[i].id = names[i].name;
            tmp[i].name = (uint32_t)i;
        }
        qsort(tmp, nnames, sizeof *tmp, cmp_named);
        for (i = 0; i < nnames; i++)
            sorted[i] = names[tmp[i].name];
        free(tmp);
        free(names);
        names = sorted;
    }
    for (i = 0; i < nnames; i++) {
        names[i].key = cg_graph__outlet_key(names[i].name);
        if (!names[i].key) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
    }
    order = cg_graph__order(names, nnames, sizeof *names, offsetof(oname_t, key));
    outs = calloc(nnames, sizeof *outs);
    if (!order || !outs) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < nnames; i = j) {
        const oname_t *first = &names[order[i]], *best = first;

        for (j = i; j < nnames && strcmp(names[order[j]].key, first->key) == 0; j++) {
            const oname_t *o = &names[order[j]];
            /* order[] runs in byte order of names within a key: ties keep the smaller */
            if (o->count > best->count ||
                (o->count == best->count && strlen(o->name) > strlen(best->name)))
                best = o;
        }
        if (!first->key[0])
            continue; /* no words: no outlet */
        outs[nouts].id = cg_graph__id_from_key("outlet:", first->key);
        outs[nouts].name = best->sid;
        if (!outs[nouts].id) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        /* remember the group in outlet_of for now: its position in outs */
        for (; i < j; i++)
            x->outlet_of[names[order[i]].sid] = (uint32_t)nouts;
        nouts++;
    }
    /* outs in id order; outlet_of maps to the sorted position */
    {
        uint32_t *rank = malloc((nouts ? nouts : 1) * sizeof *rank);
        named_t *tmp = malloc((nouts ? nouts : 1) * sizeof *tmp);
        size_t *pos = cg_graph__order(outs, nouts, sizeof *outs, offsetof(named_t, id));

        if (!rank || !tmp || (nouts && !pos)) {
            free(rank);
            free(tmp);
            free(pos);
            rc = CG_ENOMEM;
            goto cleanup;
        }
        for (i = 0; i < nouts; i++) {
            tmp[i] = outs[pos[i]];
            rank[pos[i]] = (uint32_t)i;
        }
        memcpy(outs, tmp, nouts * sizeof *tmp);
        for (i = 0; i < nnames; i++)
            if (x->outlet_of[names[i].sid] != NONE)
                x->outlet_of[names[i].sid] = rank[x->outlet_of[names[i].sid]];
        free(rank);
        free(tmp);
        free(pos);
    }
    x->noutlets = nouts;

cleanup:
    *out = outs;
    if (rc)
        x->noutlets = nouts;
    if (names)
        for (i = 0; i < nnames; i++)
            free(names[i].key);
    free(names);
    free(ids);
    free(order);
    return rc;
}

/** Copies @p s into the graph's pool; -1 on ENOMEM. */
static int pool_dup(cg_graph_t *g, char **dst, const char *s)
{
    *dst = cg_graph__pool_strndup(&g->pool, s, strlen(s));
    return *dst ? 0 : -1;
}

static cg_error_t push_named(cg_graph_t *g, const ctx_t *x, const named_t *list, size_t n,
                             cg_node_kind_t kind)
{
    size_t i;

    for (i = 0; i < n; i++) {
        cg_node_t *node = cg_graph__push_node(g);

        if (!node || pool_dup(g, &node->id, list[i].id))
            return CG_ENOMEM;
        node->kind = kind;
        node->label = (char *)x->set->strs[list[i].name];
    }
    return CG_OK;
}

/** The article nodes' URL, date and author: the first the claims of each carry. */
static void article_meta(const ctx_t *x, cg_graph_t *g)
{
    const cg_claimset_t *set = x->set;
    size_t i;

    for (i = 0; i < set->nmeta; i++) {
        const cg_graph__meta_t *m = &set->meta[i];
        cg_node_t *n;

        if (x->article_of[m->doc] == NONE)
            continue;
        n = &g->nodes[x->article_of[m->doc]];
        if (!n->url && m->url != CG_GRAPH__NOSTR)
            n->url = (char *)set->strs[m->url];
        if (!n->date && m->date != CG_GRAPH__NOSTR)
            n->date = (char *)set->strs[m->date];
        if (!n->author && m->author != CG_GRAPH__NOSTR)
            n->author = (char *)set->strs[m->author];
    }
}

/** One claim node per run of records with equal hash, with its evidence. */
/** Claim nodes of the records [from, to) (whole runs of one claim), on one thread. */
typedef struct {
    const ctx_t *x;
    cg_graph_t *g;
    size_t from, to;
    cg_graph__pool_t pool; /**< their ids and evidence; adopted by the graph after */
    size_t kept;           /**< pool bytes when it was last moved out of memory */
    int keep;              /**< moving failed once (no room for the file): not again */
    int failed;
} push_part_t;

/** Fills the claim nodes of p's records, in their places in g->nodes. */
static void *push_claim_range(void *arg)
{
    push_part_t *p = arg;
    const ctx_t *x = p->x;
    const cg_claimset_t *set = x->set;
    size_t i, j, k;

    for (i = p->from; i < p->to; i = j) {
        const rec_t *first = &x->recs[i];
        const cg_graph__rec_t *fc = &set->recs[first->rec];
        cg_node_t *n = &p->g->nodes[x->base_claim + first->node];
        size_t nev = 0;
        char id[24];

        for (j = i; j < p->to && x->recs[j].hash == first->hash; j++)
            nev += !x->recs[j].dup;
        n->kind = CG_NODE_CLAIM;
        n->claim_type = (cg_claim_type_t)fc->type;
        {
            static const char hex[] = "0123456789abcdef";
            int d;

            memcpy(id, "claim:", 6);
            for (d = 0; d < 16; d++)
                id[6 + d] = hex[(first->hash >> (60 - 4 * d)) & 15];
            id[22] = '\0';
        }
        n->label = (char *)set->strs[fc->text];
        n->evidence = cg_graph__pool_alloc(&p->pool, nev * sizeof *n->evidence, sizeof(void *));
        n->id = cg_graph__pool_strndup(&p->pool, id, 22);
        if (!n->id || !n->evidence) {
            p->failed = 1;
            return NULL;
        }
        for (k = i; k < j; k++) {
            const cg_graph__rec_t *c = &set->recs[x->recs[k].rec];
            cg_evidence_t *e;

            if (k + 8 < p->to)
                PREFETCH(set->recs[x->recs[k + 8].rec].spans);
            if (x->recs[k].dup)
                continue;
            e = &n->evidence[n->nevidence++];
            memset(e, 0, sizeof *e);
            e->doc = (char *)set->strs[c->doc];
            e->type = (cg_claim_type_t)c->type;
            e->spans = c->nspans ? c->spans : NULL;
            e->nspans = c->nspans;
            if (c->cue != CG_GRAPH__NOSTR) {
                e->cue = (char *)set->strs[c->cue];
                e->cue_span = c->spans[c->nspans + c->has_speaker_span];
            }
            if (c->mention != CG_GRAPH__NOSTR)
                e->mention = (char *)set->strs[c->mention];
        }
        /* finished nodes' ids and evidence are read again only when the graph is
         * written: on a big corpus they leave memory as they are made */
        if (!p->keep && p->pool.bytes - p->kept > BUILD_SPILL_MIN / 2) {
            p->keep = cg_graph__pool_spill(&p->pool) != 0;
            p->kept = p->pool.bytes;
        }
    }
    return NULL;
}

/* Below this many records one thread makes every claim node. */
#define PUSH_PARALLEL_MIN 100000

/**
 * The claim nodes, after the articles: one per run of records with the same id hash,
 * its evidence one per record that is not a duplicate. Many records: the second half of
 * the runs is done by a second thread (each node is a function of its records: the same
 * graph).
 */
static cg_error_t push_claims(ctx_t *x, cg_graph_t *g)
{
    push_part_t part[2];
    size_t i, mid = x->nrecs;
    pthread_t tid;
    int threaded = 0;

    if (g->nnodes != x->base_claim || x->base_claim + x->nclaims > g->capnodes)
        return CG_EINVAL; /* not reached: the nodes array is sized for every node */
    for (i = 0; i < x->nclaims; i++) {
        cg_node_t *n = &g->nodes[x->base_claim + i];

        memset(n, 0, sizeof *n);
        n->cluster = -1;
    }
    g->nnodes += x->nclaims;
    memset(part, 0, sizeof part);
    part[0].x = part[1].x = x;
    part[0].g = part[1].g = g;
    if (x->nrecs >= PUSH_PARALLEL_MIN) {
        mid = x->nrecs / 2; /* moved to the start of a run */
        while (mid < x->nrecs && x->recs[mid].hash == x->recs[mid - 1].hash)
            mid++;
    }
    part[0].to = part[1].from = mid;
    part[1].to = x->nrecs;
    if (mid < x->nrecs)
        threaded = pthread_create(&tid, NULL, push_claim_range, &part[1]) == 0;
    push_claim_range(&part[0]);
    if (threaded)
        pthread_join(tid, NULL);
    else
        push_claim_range(&part[1]);
    cg_graph__pool_adopt(&g->pool, &part[0].pool);
    cg_graph__pool_adopt(&g->pool, &part[1].pool);
    return part[0].failed || part[1].failed ? CG_ENOMEM : CG_OK;
}

static cg_error_t push_speakers(ctx_t *x, cg_graph_t *g)
{
    size_t i, j;

    for (i = 0; i < x->nspeakers; i++) {
        const cg_graph__speaker_t *s = cg_graph__speakers_get(x->speakers, i);
        cg_node_t *node = cg_graph__push_node(g);

        if (!node || pool_dup(g, &node->id, s->id) || pool_dup(g, &node->label, s->label))
            return CG_ENOMEM;
        node->kind = CG_NODE_SPEAKER;
        node->speaker_kind = s->kind;
        if (s->naliases) {
            node->aliases =
                cg_graph__pool_alloc(&g->pool, s->naliases * sizeof *node->aliases, sizeof(void *));
            if (!node->aliases)
                return CG_ENOMEM;
            for (j = 0; j < s->naliases; j++) {
                if (pool_dup(g, &node->aliases[j], s->aliases[j]))
                    return CG_ENOMEM;
                node->naliases = j + 1;
            }
        }
    }
    return CG_OK;
}

/** Index of the claim node with hash @p h, or -1. */
static long find_claim_hash(const ctx_t *x, uint64_t h)
{
    size_t lo = 0, hi = x->nclaims;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (x->claim_hash[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->nclaims && x->claim_hash[lo] == h ? (long)lo : -1;
}

/** (normalised text hash, claim node) per claim node, sorted: made at the first relation. */
static cg_error_t index_claims_by_text(ctx_t *x)
{
    size_t i, n = 0;

    x->have_by_norm = 1;
    x->by_norm = cg_big_alloc((x->nclaims ? x->nclaims : 1) * sizeof *x->by_norm);
    if (!x->by_norm)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i++) {
        if (i && x->recs[i].node == x->recs[i - 1].node)
            continue;
        x->by_norm[n].key = x->recs[i].norm;
        x->by_norm[n++].val = x->recs[i].node;
    }
    return cg_radix_sort_kv(x->by_norm, n) ? CG_ENOMEM : CG_OK;
}

/**
 * The claim node (index among claims) a relation points at: the target speaker's claim
 * with that text when it exists, else the only claim node with that text, else -1.
 */
static long resolve_target(ctx_t *x, uint32_t text, uint32_t speaker, cg_error_t *rc)
{
    long ent = -1, found;
    uint64_t h, nh;
    size_t lo = 0, hi = x->nclaims;

    *rc = CG_OK;
    if (text == CG_GRAPH__NOSTR)
        return -1;
    if (!x->have_by_norm && (*rc = index_claims_by_text(x)))
        return -1;
    if (normalize(&x->kb, x->set->strs[text], &nh)) {
        *rc = CG_ENOMEM;
        return -1;
    }
    if (speaker != CG_GRAPH__NOSTR) {
        if (!x->entity_of && !(x->entity_of = per_string(x, sizeof *x->entity_of, 0xfe))) {
            *rc = CG_ENOMEM;
            return -1;
        }
        if (x->entity_of[speaker] == (int32_t)0xfefefefe)
            x->entity_of[speaker] =
                (int32_t)cg_graph__speakers_find_name(x->speakers, x->set->strs[speaker]);
        ent = x->entity_of[speaker];
    }
    if (ent >= 0) {
        if (claim_hash(&x->kb, cg_graph__speakers_get(x->speakers, (size_t)ent)->id, NULL,
                       x->kb.norm.data, &h)) {
            *rc = CG_ENOMEM;
            return -1;
        }
        found = find_claim_hash(x, h);
        if (found >= 0)
            return found;
    }
    /* the only claim node with this text (one entry per node: a second one is another) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (x->by_norm[mid].key < nh)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < x->nclaims && x->by_norm[lo].key == nh &&
        (lo + 1 == x->nclaims || x->by_norm[lo + 1].key != nh))
        return (long)x->by_norm[lo].val;
    return -1;
}

/** Non-zero when cue string @p cue reads as an interview (computed once per cue). */
static int is_interview(ctx_t *x, uint32_t cue)
{
    if (cue == CG_GRAPH__NOSTR)
        return 0;
    if (x->interview[cue] < 0)
        x->interview[cue] = (signed char)(cg_graph__cue_is_interview(x->set->strs[cue]) != 0);
    return x->interview[cue];
}

/** An edge end already linked from the current record (type -1: an intermediary). */
typedef struct {
    size_t node;
    int type;
} seen_t;

static cg_error_t make_edges(ctx_t *x)
{
    const cg_claimset_t *set = x->set;
    size_t i, j, k;
    seen_t *seen = NULL;
    size_t cap = 0;
    cg_error_t rc = CG_OK;

#define PUSH(s, t, ty)                                                                             \
    (x->ekeys[x->nekeys++] =                                                                       \
         (uint64_t)(s) << (x->ebits + 3) | (uint64_t)(t) << 3 | (uint64_t)(ty))

    x->interview = per_string(x, 1, 0xff);
    if (!x->interview)
        return CG_ENOMEM;
    for (i = 0; i < x->nrecs; i++) {
        const rec_t *r = &x->recs[i];
        const cg_graph__rec_t *c = &set->recs[r->rec];
        /* no via and no relation in the whole set: extra is NULL (no offset on NULL) */
        const uint32_t *via = set->extra ? set->extra + c->extra : NULL;
        const uint32_t *rel = via ? via + c->nvia : NULL;
        size_t node = x->base_claim + r->node;
        size_t article = x->article_of[c->doc];
        size_t speaker = r->speaker >= 0 ? x->base_speaker + (size_t)r->speaker : (size_t)-1;
        size_t nseen = 0;
        int interview;

        if (r->dup)
            continue;
        if (speaker != (size_t)-1)
            PUSH(speaker, node, CG_EDGE_ASSERTS);
        PUSH(node, article, CG_EDGE_REPORTED_IN);
        if (c->outlet != CG_GRAPH__NOSTR && x->outlet_of[c->outlet] != NONE)
            PUSH(article, x->base_outlet + x->outlet_of[c->outlet], CG_EDGE_PUBLISHED_BY);

        if (cg__grow_array((void **)&seen, &cap, (size_t)c->nvia + c->nrel + 1, sizeof *seen)) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        interview = speaker != (size_t)-1 && is_interview(x, c->cue);
        for (j = 0; j < c->nvia; j++) {
            size_t v;

            if (via[j] == CG_GRAPH__NOSTR || x->outlet_of[via[j]] == NONE)
                continue; /* no words */
            v = x->base_outlet + x->outlet_of[via[j]];
            for (k = 0; k < nseen && (seen[k].node != v || seen[k].type != -1); k++)
                ;
            if (k < nseen)
                continue; /* the same outlet twice */
            seen[nseen].node = v;
            seen[nseen++].type = -1;
            if (interview)
                PUSH(speaker, v, CG_EDGE_SPOKE_TO);
            else
                PUSH(node, v, CG_EDGE_RELAYED_BY);
        }
        for (j = 0; j < c->nrel; j++) {
            cg_edge_type_t type = rel[3 * j] == CG_RELATION_DISPUTES ? CG_EDGE_DISPUTES
                                                                     : CG_EDGE_RESPONDS_TO;
            long t = resolve_target(x, rel[3 * j + 1], rel[3 * j + 2], &rc);
            size_t tn;

            if (rc)
                goto cleanup;
            if (t < 0 || (size_t)t == r->node)
                continue;
            tn = x->base_claim + (size_t)t;
            /* The same relation twice in one record counts once. */
            for (k = 0; k < nseen && (seen[k].node != tn || seen[k].type != (int)type); k++)
                ;
            if (k < nseen)
                continue;
            seen[nseen].node = tn;
            seen[nseen++].type = (int)type;
            PUSH(node, tn, type);
        }
    }
#undef PUSH

cleanup:
    free(seen);
    return rc;
}

/** Sorts the packed edge keys and makes the graph's edges: one per distinct key, weighted
 *  by how many records made it. */
static cg_error_t materialize_edges(ctx_t *x, cg_graph_t *g)
{
    uint64_t mask = ((uint64_t)1 << x->ebits) - 1;
    size_t i, n = 0;

    if (!x->nekeys)
        return CG_OK;
    if (cg_radix_sort_u64(x->ekeys, x->nekeys))
        return CG_ENOMEM;
    for (i = 0; i < x->nekeys; i++)
        n += !i || x->ekeys[i] != x->ekeys[i - 1];
    g->edges = cg_big_alloc(n * sizeof *g->edges);
    if (!g->edges)
        return CG_ENOMEM;
    g->capedges = n;
    n = 0;
    for (i = 0; i < x->nekeys; i++) {
        uint64_t k = x->ekeys[i];
        cg_edge_t *e;

        if (i && k == x->ekeys[i - 1]) {
            g->edges[n - 1].weight += 1.0;
            continue;
        }
        e = &g->edges[n++];
        e->source = (uint32_t)(k >> (x->ebits + 3));
        e->target = (uint32_t)((k >> 3) & mask);
        e->type = (cg_edge_type_t)(k & 7);
        e->weight = 1.0;
    }
    g->nedges = n;
    free(x->ekeys);
    x->ekeys = NULL;
    return CG_OK;
}

/**
 * The nodes are laid out in id order, each id once, by construction; this checks it (a
 * failure is a bug, reported as such). Claim ids are compared through their hashes (16
 * hex digits of the hash: the same order), which does not read the ids back from memory
 * that may have been moved out (push_claim_range).
 */
static cg_error_t check_order(const ctx_t *x, const cg_graph_t *g, cg_errinfo_t *err)
{
    size_t i, end_claims = x->base_claim + x->nclaims;

    for (i = 1; i < g->nnodes; i++) {
        int claims = i - 1 >= x->base_claim && i < end_claims;

        if (claims ? x->claim_hash[i - 1 - x->base_claim] >= x->claim_hash[i - x->base_claim]
                   : strcmp(g->nodes[i - 1].id, g->nodes[i].id) >= 0)
            return cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                                  "internal error: graph nodes out of order at \"%s\"",
                                  g->nodes[i].id);
    }
    return CG_OK;
}

/** Frees the build state. */
static void ctx_free(ctx_t *x)
{
    free(x->recs);
    free(x->article_of);
    free(x->outlet_of);
    free(x->interview);
    free(x->entity_of);
    free(x->claim_hash);
    free(x->by_norm);
    free(x->ekeys);
    cg_buf__free(&x->kb.scratch);
    cg_buf__free(&x->kb.norm);
    cg_graph__speakers_free(x->speakers);
    x->recs = NULL;
    x->article_of = NULL;
    x->outlet_of = NULL;
    x->interview = NULL;
    x->entity_of = NULL;
    x->claim_hash = NULL;
    x->by_norm = NULL;
    x->ekeys = NULL;
    x->speakers = NULL;
}

static void free_named(named_t *list, size_t n)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < n; i++)
        free((char *)list[i].id);
    free(list);
}

cg_error_t cg_graph_build_set(cg_graph_t **out, cg_claimset_t *set, cg_errinfo_t *err)
{
    ctx_t x;
    cg_graph_t *g = NULL;
    named_t *arts = NULL, *outs = NULL;
    size_t total;
    cg_error_t rc;

    memset(&x, 0, sizeof x);
    cg_errinfo_clear(err);
    if (!out || !set)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_build: bad arguments");
    *out = NULL;
    x.set = set;
    g = cg_graph__new();
    if (!g) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    g->pooled = 1;
    /* the set's string index is not needed any more */
    free(set->slots);
    free(set->lens);
    set->slots = NULL;
    set->lens = NULL;
    set->nslots = 0;
    rc = cg_graph__speakers_build(&x.speakers, set);
    if (!rc)
        rc = make_records(&x);
    /* The claim texts have been read (normalised and hashed); nothing reads them again
     * before the graph is written but the odd relation target: on a big corpus they
     * leave memory for the rest of the build (best effort). */
    if (!rc && set->tpool.bytes >= BUILD_SPILL_MIN)
        (void)cg_graph__pool_spill(&set->tpool);
    if (!rc)
        rc = count_claims(&x, err);
    if (!rc)
        rc = plan_articles(&x, &arts);
    if (!rc)
        rc = plan_outlets(&x, &outs);
    if (rc)
        goto cleanup;
    x.nspeakers = cg_graph__speakers_count(x.speakers);
    x.base_claim = x.narticles;
    x.base_outlet = x.base_claim + x.nclaims;
    x.base_speaker = x.base_outlet + x.noutlets;
    total = x.base_speaker + x.nspeakers;
    /* Nodes go in id order: "article:" < "claim:" < "outlet:" < "speaker:". */
    if (total) {
        g->nodes = cg_big_alloc(total * sizeof *g->nodes);
        if (!g->nodes) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        g->capnodes = total;
    }
    rc = push_named(g, &x, arts, x.narticles, CG_NODE_ARTICLE);
    if (!rc)
        article_meta(&x, g);
    if (!rc)
        rc = push_claims(&x, g);
    if (!rc)
        rc = push_named(g, &x, outs, x.noutlets, CG_NODE_OUTLET);
    if (!rc)
        rc = push_speakers(&x, g);
    if (!rc)
        rc = check_order(&x, g, err);
    /* The nodes' ids, evidence and spans are read again only when the graph is written;
     * of the set's strings the edges read only a few (cues). */
    if (!rc && g->pool.bytes >= BUILD_SPILL_MIN)
        (void)cg_graph__pool_spill(&g->pool);
    if (!rc && set->pool.bytes >= BUILD_SPILL_MIN)
        (void)cg_graph__pool_spill(&set->pool);
    while (!rc && ((size_t)1 << x.ebits) < total)
        if (++x.ebits > 30)
            rc = CG_ENOMEM; /* a node index does not fit a packed edge key */
    if (!rc && x.nrecs) {
        /* room for every edge the records can make */
        size_t i, need = 0;

        for (i = 0; i < x.nrecs; i++) {
            const cg_graph__rec_t *c = &set->recs[x.recs[i].rec];

            if (!x.recs[i].dup)
                need += 3 + (size_t)c->nvia + c->nrel;
        }
        x.ekeys = cg_big_alloc(need * sizeof *x.ekeys);
        if (!x.ekeys)
            rc = CG_ENOMEM;
    }
    if (!rc)
        rc = make_edges(&x);
    if (rc)
        goto cleanup;
    /* The graph keeps the set's strings and spans; the rest of the set goes now. */
    cg_graph__pool_adopt(&g->pool, &set->pool);
    cg_graph__pool_adopt(&g->pool, &set->tpool);
    free(x.recs);
    x.recs = NULL;
    cg_graph__claimset_clear(set);
    rc = materialize_edges(&x, g);
    if (rc)
        goto cleanup;
    *out = g;
    g = NULL;

cleanup:
    if (rc == CG_ENOMEM && err && !err->message[0])
        cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory building the graph");
    if (g) { /* the set's strings are freed with the graph */
        cg_graph__pool_adopt(&g->pool, &set->pool);
        cg_graph__pool_adopt(&g->pool, &set->tpool);
    }
    cg_graph_free(g);
    free_named(arts, x.narticles);
    free_named(outs, x.noutlets);
    ctx_free(&x);
    cg_graph__claimset_clear(set);
    return rc;
}

cg_error_t cg_graph_build(cg_graph_t **out, const cg_claim_t *claims, size_t n, cg_errinfo_t *err)
{
    cg_claimset_t *set;
    size_t i;
    cg_error_t rc;

    cg_errinfo_clear(err);
    if (!out || (n && !claims))
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_build: bad arguments");
    *out = NULL;
    set = cg_claimset_new();
    if (!set)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory building the graph");
    for (i = 0; i < n; i++) {
        const cg_claim_t *c = &claims[i];

        if (!c->doc || !c->text) {
            rc = cg_errinfo_set(err, CG_EINVAL, NULL, 0, "claim %zu has no %s", i,
                                c->doc ? "text" : "doc");
            goto done;
        }
        if (c->nspans && !c->spans) {
            rc = cg_errinfo_set(err, CG_EINVAL, NULL, 0, "claim %zu: spans missing", i);
            goto done;
        }
        rc = cg_claimset_add(set, c);
        if (rc) {
            cg_errinfo_set(err, rc, NULL, 0,
                           rc == CG_ENOMEM ? "out of memory building the graph"
                                           : "claim %zu cannot be read",
                           i);
            goto done;
        }
    }
    rc = cg_graph_build_set(out, set, err);
done:
    cg_claimset_free(set);
    return rc;
}
