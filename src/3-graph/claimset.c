/*
 * The claim set: claims as small records over interned strings, so the reduce step holds
 * a corpus in a fraction of the memory cg_claim_t lists take (one copy of each document
 * name, speaker, cue and outlet; claim texts and spans packed in a pool the graph later
 * takes over instead of copying).
 */
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/util.h"

cg_claimset_t *cg_claimset_new(void)
{
    return calloc(1, sizeof(cg_claimset_t));
}

void cg_graph__claimset_clear(cg_claimset_t *set)
{
    cg_graph__pool_free(&set->pool);
    cg_graph__pool_free(&set->tpool);
    free(set->strs);
    free(set->lens);
    free(set->slots);
    free(set->recs);
    free(set->extra);
    free(set->meta);
    memset(set, 0, sizeof *set);
}

void cg_claimset_free(cg_claimset_t *set)
{
    if (!set)
        return;
    cg_graph__claimset_clear(set);
    free(set);
}

size_t cg_claimset_count(const cg_claimset_t *set)
{
    return set ? set->nrecs : 0;
}

/*
 * The string table: open addressing, linear probing, at most half full. A slot holds the
 * upper 32 bits of the string's 64-bit hash (its tag) and its id + 1 (0: empty). The
 * home slot comes from the tag too, so that doubling the table moves slots without
 * reading a single string back: at 1 GB the table holds ~5 M strings, scattered over the
 * pools, and re-hashing them took a cache miss or two each at every doubling.
 */
static size_t home_slot(uint64_t h, size_t mask)
{
    return (size_t)(h >> 32) & mask;
}

/** The slot where @p s is, or the empty slot where it would go. */
static size_t find_slot(const cg_claimset_t *set, const char *s, size_t len, uint64_t h)
{
    size_t mask = set->nslots - 1, i = home_slot(h, mask);
    uint64_t tag = h >> 32;

    for (;; i = (i + 1) & mask) {
        uint64_t v = set->slots[i];
        uint32_t id;

        if (!v)
            return i;
        id = (uint32_t)(v & 0xffffffffu) - 1;
        if ((v >> 32) == tag && set->lens[id] == len && memcmp(set->strs[id], s, len) == 0)
            return i;
    }
}

/** Doubles the hash table (or makes the first one). 0, or -1 on ENOMEM. */
static int grow_slots(cg_claimset_t *set)
{
    size_t n = set->nslots ? set->nslots * 2 : 1024, i;
    uint64_t *old = set->slots, *slots = calloc(n, sizeof *slots);
    size_t oldn = set->nslots;

    if (!slots)
        return -1;
    cg_big_hint(slots, n * sizeof *slots);
    set->slots = slots;
    set->nslots = n;
    for (i = 0; i < oldn; i++) {
        uint64_t v = old[i];
        size_t j;

        if (!v)
            continue;
        for (j = home_slot(v, n - 1); slots[j]; j = (j + 1) & (n - 1))
            ;
        slots[j] = v;
    }
    free(old);
    return 0;
}

/** Room in the table for @p more strings without growing. 0, or -1 on ENOMEM. */
static int reserve_slots(cg_claimset_t *set, size_t more)
{
    while ((set->nstrs + more) * 2 > set->nslots)
        if (grow_slots(set))
            return -1;
    return 0;
}

uint32_t cg_graph__lookup(const cg_claimset_t *set, const char *s, size_t len)
{
    uint64_t h, v;

    if (!set->nslots)
        return CG_GRAPH__NOSTR;
    h = cg_hash64(s, len);
    v = set->slots[find_slot(set, s, len, h)];
    return v ? (uint32_t)(v & 0xffffffffu) - 1 : CG_GRAPH__NOSTR;
}

uint32_t cg_graph__intern(cg_claimset_t *set, const char *s, size_t len)
{
    return cg_graph__intern_in(set, &set->pool, s, len);
}

/** cg_graph__intern_in with the hash of the string already computed (cg_hash64). */
static uint32_t intern_hashed(cg_claimset_t *set, cg_graph__pool_t *pool, const char *s,
                              size_t len, uint64_t h)
{
    size_t i;
    char *copy;

    if (len >= UINT32_MAX || set->nstrs >= UINT32_MAX - 2 || reserve_slots(set, 1))
        return CG_GRAPH__NOSTR;
    i = find_slot(set, s, len, h);
    if (set->slots[i])
        return (uint32_t)(set->slots[i] & 0xffffffffu) - 1;
    if (set->nstrs == set->capstrs) {
        size_t cap = set->capstrs;

        if (cg__grow_array((void **)&set->strs, &cap, set->nstrs + 1, sizeof *set->strs))
            return CG_GRAPH__NOSTR;
        cap = set->capstrs;
        if (cg__grow_array((void **)&set->lens, &cap, set->nstrs + 1, sizeof *set->lens))
            return CG_GRAPH__NOSTR;
        set->capstrs = cap;
        cg_big_hint(set->strs, cap * sizeof *set->strs);
        cg_big_hint(set->lens, cap * sizeof *set->lens);
    }
    copy = cg_graph__pool_strndup(pool, s, len);
    if (!copy)
        return CG_GRAPH__NOSTR;
    set->strs[set->nstrs] = copy;
    set->lens[set->nstrs] = (uint32_t)len;
    set->slots[i] = (h >> 32) << 32 | (uint64_t)(set->nstrs + 1);
    return (uint32_t)set->nstrs++;
}

uint32_t cg_graph__intern_in(cg_claimset_t *set, cg_graph__pool_t *pool, const char *s,
                             size_t len)
{
    return intern_hashed(set, pool, s, len, cg_hash64(s, len));
}

/** Interns an optional string: NULL stays CG_GRAPH__NOSTR. -1 on ENOMEM. */
static int intern_opt(cg_claimset_t *set, const char *s, uint32_t *out)
{
    *out = CG_GRAPH__NOSTR;
    if (!s)
        return 0;
    *out = cg_graph__intern(set, s, strlen(s));
    return *out == CG_GRAPH__NOSTR ? -1 : 0;
}

/*
 * Interns the claim's text, document, speaker name and mention, cue and outlet into
 * @p r. Their home slots are looked up all at once first (hashed, then prefetched):
 * in a table of millions of slots each is a cache miss, and six misses waited for
 * together cost about one. -1 on ENOMEM.
 */
static int intern_main(cg_claimset_t *set, const cg_claim_t *c, cg_graph__rec_t *r)
{
    enum { TEXT, DOC, NAME, MENTION, CUE, OUTLET, N };
    const char *str[N];
    uint32_t *id[N];
    size_t len[N], k;
    uint64_t h[N];

    str[TEXT] = c->text;
    str[DOC] = c->doc;
    str[NAME] = c->speaker_name;
    str[MENTION] = c->speaker_mention;
    str[CUE] = c->cue_text;
    str[OUTLET] = c->outlet;
    id[TEXT] = &r->text;
    id[DOC] = &r->doc;
    id[NAME] = &r->name;
    id[MENTION] = &r->mention;
    id[CUE] = &r->cue;
    id[OUTLET] = &r->outlet;
    if (reserve_slots(set, N))
        return -1;
    for (k = 0; k < N; k++) {
        if (!str[k])
            continue;
        len[k] = strlen(str[k]);
        h[k] = cg_hash64(str[k], len[k]);
#if defined(__GNUC__)
        __builtin_prefetch(&set->slots[home_slot(h[k], set->nslots - 1)]);
#endif
    }
    for (k = 0; k < N; k++) {
        *id[k] = CG_GRAPH__NOSTR;
        if (str[k] && (*id[k] = intern_hashed(set, k == TEXT ? &set->tpool : &set->pool,
                                              str[k], len[k], h[k])) == CG_GRAPH__NOSTR)
            return -1;
    }
    return 0;
}

/** Appends @p v to the extra array. -1 on ENOMEM. */
static int push_extra(cg_claimset_t *set, uint32_t v)
{
    if (set->nextra == set->capextra) {
        if (cg__grow_array((void **)&set->extra, &set->capextra, set->nextra + 1,
                           sizeof *set->extra))
            return -1;
        cg_big_hint(set->extra, set->capextra * sizeof *set->extra);
    }
    set->extra[set->nextra++] = v;
    return 0;
}

/*
 * Notes the article metadata claim @p c carries for its document @p doc, unless the
 * claim before was of the same document (an article's claims come together, with the
 * same metadata). -1 on ENOMEM.
 */
static int add_meta(cg_claimset_t *set, const cg_claim_t *c, uint32_t doc)
{
    cg_graph__meta_t m;

    if (!c->url && !c->date && !c->author)
        return 0;
    if (set->nmeta && set->meta[set->nmeta - 1].doc == doc)
        return 0;
    m.doc = doc;
    if (intern_opt(set, c->url, &m.url) || intern_opt(set, c->date, &m.date) ||
        intern_opt(set, c->author, &m.author) ||
        cg__grow_array((void **)&set->meta, &set->capmeta, set->nmeta + 1, sizeof *set->meta))
        return -1;
    set->meta[set->nmeta++] = m;
    return 0;
}

cg_error_t cg_claimset_add(cg_claimset_t *set, const cg_claim_t *c)
{
    cg_graph__rec_t r;
    size_t nsp, i, mark;

    if (!set || !c || !c->doc || !c->text || (c->nspans && !c->spans) ||
        (c->nvia && !c->via) || (c->nrelations && !c->relations))
        return CG_EINVAL;
    if (c->nspans > UINT32_MAX - 2 || c->nvia > UINT32_MAX || c->nrelations > UINT32_MAX / 3 ||
        set->nextra > UINT32_MAX - c->nvia - 3 * c->nrelations)
        return CG_ENOMEM;
    memset(&r, 0, sizeof r);
    mark = set->nextra;
    r.type = (uint8_t)c->type;
    r.kind = (uint8_t)c->speaker_kind;
    r.has_speaker_span = c->has_speaker_span != 0;
    r.nspans = (uint32_t)c->nspans;
    nsp = c->nspans + (c->has_speaker_span != 0) + (c->cue_text != NULL);
    if (nsp) {
        r.spans = cg_graph__pool_alloc(&set->pool, nsp * sizeof *r.spans, sizeof(size_t));
        if (!r.spans)
            return CG_ENOMEM;
        if (c->nspans)
            memcpy(r.spans, c->spans, c->nspans * sizeof *r.spans);
        nsp = c->nspans;
        if (c->has_speaker_span)
            r.spans[nsp++] = c->speaker_span;
        if (c->cue_text)
            r.spans[nsp++] = c->cue_span;
    }
    if (intern_main(set, c, &r))
        return CG_ENOMEM;
    r.extra = (uint32_t)set->nextra;
    r.nvia = (uint32_t)c->nvia;
    r.nrel = (uint32_t)c->nrelations;
    for (i = 0; i < c->nvia; i++) {
        uint32_t id;

        if (intern_opt(set, c->via[i], &id) || push_extra(set, id))
            goto oom;
    }
    for (i = 0; i < c->nrelations; i++) {
        const cg_relation_t *rel = &c->relations[i];
        uint32_t t, s;

        if (intern_opt(set, rel->target_text, &t) || intern_opt(set, rel->target_speaker, &s) ||
            push_extra(set, (uint32_t)rel->type) || push_extra(set, t) || push_extra(set, s))
            goto oom;
    }
    if (add_meta(set, c, r.doc))
        goto oom;
    if (set->nrecs == set->caprecs) {
        if (cg__grow_array((void **)&set->recs, &set->caprecs, set->nrecs + 1, sizeof *set->recs))
            goto oom;
        cg_big_hint(set->recs, set->caprecs * sizeof *set->recs);
    }
    set->recs[set->nrecs++] = r;
    return CG_OK;
oom:
    set->nextra = mark;
    return CG_ENOMEM;
}
