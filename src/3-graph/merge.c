/*
 * Speaker canonicalisation: one speaker node per real entity, however the articles
 * name it.
 *
 * 1. Every distinct (name, kind) pair gets a key: its normalised words, with leading
 *    honorifics removed for persons and speakers of unknown kind ("Lt Gen (R) Talat
 *    Orkney" and "Velma Orkney" both give "velma orkney"). Names with equal keys are
 *    one entity, whatever their kinds.
 * 2. A key group whose resolved kind is person or unknown and whose key is one word
 *    ("orkney") joins the one multi-word person group ending with that word. When no
 *    such group or several exist, it stays alone (ambiguous surnames are not guessed).
 *    Organisations, documents, outlets and groups never take part in this step, nor
 *    do descriptions: both sides need a surface form whose last word is capitalised
 *    (so "analyst" does not join "senior bond analyst").
 * 3. The entity's id is "speaker:" + its key's slug; its label is the most frequent
 *    full-form surface name (ties: the longest, then the smallest in byte order); its
 *    aliases are all its other surface names, sorted; its kind is the most frequent
 *    kind other than unknown (ties: the first in enum order).
 *
 * Everything is computed from sorted, counted sets, so the result depends only on the
 * multiset of (name, kind) pairs, never on the order of the claims: building from
 * shards merged in any order gives the same speakers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"

#define KIND_COUNT (CG_SPEAKER_UNKNOWN + 1)

typedef struct {
    const char *name; /**< borrowed from the claims */
    cg_speaker_kind_t kind;
    size_t count;
    char *key;    /**< owned; "" for a name without words */
    size_t group; /**< index into groups, or (size_t)-1 */
} name_t;

typedef struct {
    const char *key;  /**< borrowed from a name_t */
    const char *last; /**< last word of key */
    size_t ntok;
    size_t kind_counts[KIND_COUNT];
    int personish;
    int namelike;  /**< some surface form ends with a capitalised word */
    size_t parent; /**< group this one is merged into (itself when a root) */
    long entity;
} group_t;

struct cg_graph__speakers {
    name_t *names; /**< sorted by (name, kind) */
    size_t nnames;
    cg_kv_t *by_id; /**< (interned name id << 3 | kind, name index), by key; once the
                                entities are made, the value is the entity + 1 (0: none) */
    uint32_t *first;       /**< per interned string: its first entry in by_id, or NONE */
    size_t nstrs;
    group_t *groups; /**< sorted by key */
    size_t ngroups;
    cg_graph__speaker_t *ents; /**< sorted by id */
    size_t nents;
};

/* ---- comparators --------------------------------------------------------------------- */

typedef struct {
    const char *name;
    cg_speaker_kind_t kind;
    uint64_t id;  /**< interned name id << 3 | kind */
    size_t count; /**< claims with this pair */
} pair_t;

static int cmp_pair(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    if (c)
        return c;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/** (entity, surface name, name index): orders names within their entity. */
typedef struct {
    long entity;
    const char *str;
    size_t name;
} member_t;

static int cmp_member(const void *a, const void *b)
{
    const member_t *x = a, *y = b;
    int c;

    if (x->entity != y->entity)
        return x->entity < y->entity ? -1 : 1;
    c = strcmp(x->str, y->str);
    if (c)
        return c;
    return (x->name > y->name) - (x->name < y->name);
}

/* ---- helpers -------------------------------------------------------------------- */

static int kind_strips_titles(cg_speaker_kind_t k)
{
    return k == CG_SPEAKER_PERSON || k == CG_SPEAKER_UNKNOWN;
}

/** Most frequent kind other than unknown (ties: lowest enum value); else unknown. */
static cg_speaker_kind_t resolve_kind(const size_t *counts)
{
    int k, best = -1;

    for (k = 0; k < KIND_COUNT; k++) {
        if (k == CG_SPEAKER_UNKNOWN || !counts[k])
            continue;
        if (best < 0 || counts[k] > counts[best])
            best = k;
    }
    return best < 0 ? CG_SPEAKER_UNKNOWN : (cg_speaker_kind_t)best;
}

static size_t find_root(const group_t *groups, size_t g)
{
    while (groups[g].parent != g)
        g = groups[g].parent;
    return g;
}

void cg_graph__speakers_free(cg_graph__speakers_t *s)
{
    size_t i, j;

    if (!s)
        return;
    for (i = 0; i < s->nnames; i++)
        free(s->names[i].key);
    free(s->names);
    free(s->by_id);
    free(s->first);
    free(s->groups);
    for (i = 0; i < s->nents; i++) {
        free(s->ents[i].id);
        free(s->ents[i].label);
        for (j = 0; j < s->ents[i].naliases; j++)
            free(s->ents[i].aliases[j]);
        free(s->ents[i].aliases);
    }
    free(s->ents);
    free(s);
}

/** Step 1: distinct (name, kind) pairs with their counts and keys. */
static cg_error_t collect_names(cg_graph__speakers_t *s, const cg_claimset_t *set)
{
    cg_kv_t *keys = NULL;
    pair_t *pairs = NULL;
    size_t nkeys = 0, npairs = 0, n = set->nrecs, i;
    cg_error_t rc = CG_OK;

    if (!n)
        return CG_OK;
    /* distinct (name id, kind) pairs with counts, by integer sort */
    keys = cg_big_alloc(n * sizeof *keys);
    if (!keys)
        return CG_ENOMEM;
    for (i = 0; i < n; i++) {
        const cg_graph__rec_t *r = &set->recs[i];

        if (r->name == CG_GRAPH__NOSTR)
            continue;
        keys[nkeys].key = (uint64_t)r->name << 3 | r->kind;
        keys[nkeys++].val = 0;
    }
    if (cg_radix_sort_kv(keys, nkeys)) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    pairs = malloc((nkeys ? nkeys : 1) * sizeof *pairs);
    if (!pairs) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < nkeys; i++) {
        const char *name = set->strs[keys[i].key >> 3];

        if (npairs && pairs[npairs - 1].id == keys[i].key) {
            pairs[npairs - 1].count++;
            continue;
        }
        if (cg_graph__speaker_is_unknown(name))
            continue; /* no speaker */
        pairs[npairs].name = name;
        pairs[npairs].kind = (cg_speaker_kind_t)(keys[i].key & 7);
        pairs[npairs].id = keys[i].key;
        pairs[npairs].count = 1;
        npairs++;
    }
    free(keys);
    keys = NULL;
    if (!npairs)
        goto cleanup;
    qsort(pairs, npairs, sizeof *pairs, cmp_pair);
    s->names = calloc(npairs, sizeof *s->names);
    s->by_id = malloc(npairs * sizeof *s->by_id);
    if (!s->names || !s->by_id) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < npairs; i++) {
        name_t *nm = &s->names[s->nnames++];

        nm->name = pairs[i].name;
        nm->kind = pairs[i].kind;
        nm->count = pairs[i].count;
        nm->group = (size_t)-1;
        nm->key = cg_graph__speaker_key(nm->name, kind_strips_titles(nm->kind));
        if (!nm->key) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        s->by_id[i].key = pairs[i].id;
        s->by_id[i].val = i;
    }
    if (cg_radix_sort_kv(s->by_id, npairs) ||
        !(s->first = cg_big_alloc(set->nstrs * sizeof *s->first))) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    s->nstrs = set->nstrs;
    memset(s->first, 0xff, set->nstrs * sizeof *s->first);
    for (i = npairs; i-- > 0;)
        s->first[s->by_id[i].key >> 3] = (uint32_t)i;

cleanup:
    free(keys);
    free(pairs);
    return rc;
}

/** Step 1 (cont.): groups of names with equal keys. */
static cg_error_t make_groups(cg_graph__speakers_t *s)
{
    size_t *order = NULL, i;
    cg_error_t rc = CG_OK;

    if (!s->nnames)
        return CG_OK;
    order = cg_graph__order(s->names, s->nnames, sizeof *s->names, offsetof(name_t, key));
    s->groups = calloc(s->nnames, sizeof *s->groups);
    if (!order || !s->groups) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < s->nnames; i++) {
        name_t *nm = &s->names[order[i]];
        group_t *gr;
        const char *p;

        if (!nm->key[0])
            continue; /* no words at all: treated as an unknown speaker */
        if (!s->ngroups || strcmp(s->groups[s->ngroups - 1].key, nm->key) != 0) {
            gr = &s->groups[s->ngroups];
            gr->key = nm->key;
            gr->parent = s->ngroups;
            gr->entity = -1;
            gr->ntok = 1;
            gr->last = nm->key;
            for (p = nm->key; *p; p++) {
                if (*p == ' ') {
                    gr->ntok++;
                    gr->last = p + 1;
                }
            }
            s->ngroups++;
        }
        gr = &s->groups[s->ngroups - 1];
        gr->kind_counts[nm->kind < KIND_COUNT ? nm->kind : CG_SPEAKER_UNKNOWN] += nm->count;
        if (!gr->namelike)
            gr->namelike = cg_graph__last_word_capitalized(nm->name);
        nm->group = s->ngroups - 1;
    }
    for (i = 0; i < s->ngroups; i++)
        s->groups[i].personish = kind_strips_titles(resolve_kind(s->groups[i].kind_counts));

cleanup:
    free(order);
    return rc;
}

/** Step 2: a lone surname joins the one multi-word person name ending with it. */
static cg_error_t merge_surnames(cg_graph__speakers_t *s)
{
    size_t *cands = NULL, ncands = 0, i;
    cg_error_t rc = CG_OK;

    if (!s->ngroups)
        return CG_OK;
    /* all groups by last word, then only the multi-word person names, in that order */
    cands = cg_graph__order(s->groups, s->ngroups, sizeof *s->groups, offsetof(group_t, last));
    if (!cands)
        return CG_ENOMEM;
    for (i = 0; i < s->ngroups; i++) {
        const group_t *gr = &s->groups[cands[i]];

        if (gr->ntok >= 2 && gr->personish && gr->namelike)
            cands[ncands++] = cands[i];
    }
    for (i = 0; i < s->ngroups; i++) {
        group_t *gr = &s->groups[i];
        size_t lo = 0, hi = ncands, first;

        if (gr->ntok != 1 || !gr->personish || !gr->namelike)
            continue;
        while (lo < hi) { /* first candidate whose last word >= this key */
            size_t mid = lo + (hi - lo) / 2;

            if (strcmp(s->groups[cands[mid]].last, gr->key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        first = lo;
        if (first < ncands && strcmp(s->groups[cands[first]].last, gr->key) == 0 &&
            (first + 1 == ncands || strcmp(s->groups[cands[first + 1]].last, gr->key) != 0))
            gr->parent = cands[first];
    }
    free(cands);
    return rc;
}

static int dup_into(char **dst, const char *src)
{
    *dst = cg__strdup(src);
    return *dst ? 0 : -1;
}

/** Fills one entity from its members (a run of @p members with equal entity). */
static cg_error_t fill_entity(cg_graph__speakers_t *s, cg_graph__speaker_t *e, size_t root,
                              const member_t *members, size_t nmembers)
{
    size_t kind_counts[KIND_COUNT] = {0};
    size_t i, j, best = (size_t)-1, best_count = 0, ndistinct = 0;

    /* The label: most frequent full form, then longest, then smallest bytes. */
    for (i = 0; i < nmembers; i = j) {
        const name_t *nm = &s->names[members[i].name];
        size_t count = 0;
        int full = 0;

        for (j = i; j < nmembers && strcmp(s->names[members[j].name].name, nm->name) == 0; j++) {
            const name_t *x = &s->names[members[j].name];

            count += x->count;
            kind_counts[x->kind < KIND_COUNT ? x->kind : CG_SPEAKER_UNKNOWN] += x->count;
            if (x->group == root)
                full = 1;
        }
        ndistinct++;
        if (!full)
            continue;
        if (best == (size_t)-1 || count > best_count ||
            (count == best_count && strlen(nm->name) > strlen(s->names[best].name))) {
            best = members[i].name; /* runs come in byte order: ties keep the smaller */
            best_count = count;
        }
    }
    e->kind = resolve_kind(kind_counts);
    e->id = cg_graph__id_from_key("speaker:", s->groups[root].key);
    if (!e->id || dup_into(&e->label, s->names[best].name))
        return CG_ENOMEM;
    if (ndistinct > 1) {
        e->aliases = calloc(ndistinct - 1, sizeof *e->aliases);
        if (!e->aliases)
            return CG_ENOMEM;
    }
    for (i = 0; i < nmembers; i++) {
        const char *name = s->names[members[i].name].name;

        if (i && strcmp(name, s->names[members[i - 1].name].name) == 0)
            continue;
        if (strcmp(name, e->label) == 0)
            continue;
        if (dup_into(&e->aliases[e->naliases], name))
            return CG_ENOMEM;
        e->naliases++;
    }
    return CG_OK;
}

/** Step 3: entities with ids, labels, aliases and kinds, sorted by id. */
static cg_error_t make_entities(cg_graph__speakers_t *s)
{
    member_t *members = NULL;
    size_t *order = NULL, *roots = NULL, nmembers = 0, i, j;
    long *renum = NULL;
    cg_graph__speaker_t *sorted = NULL;
    cg_error_t rc = CG_OK;

    if (!s->ngroups)
        return CG_OK;
    members = malloc(s->nnames * sizeof *members);
    roots = malloc(s->ngroups * sizeof *roots);
    s->ents = calloc(s->ngroups, sizeof *s->ents);
    if (!members || !roots || !s->ents) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < s->ngroups; i++) {
        if (s->groups[i].parent == i) {
            roots[s->nents] = i;
            s->groups[i].entity = (long)s->nents++;
        }
    }
    for (i = 0; i < s->ngroups; i++)
        s->groups[i].entity = s->groups[find_root(s->groups, i)].entity;
    for (i = 0; i < s->nnames; i++) {
        if (s->names[i].group == (size_t)-1)
            continue;
        members[nmembers].entity = s->groups[s->names[i].group].entity;
        members[nmembers].str = s->names[i].name;
        members[nmembers].name = i;
        nmembers++;
    }
    qsort(members, nmembers, sizeof *members, cmp_member);
    for (i = 0; i < nmembers; i = j) {
        for (j = i; j < nmembers && members[j].entity == members[i].entity; j++)
            ;
        rc = fill_entity(s, &s->ents[members[i].entity], roots[members[i].entity], members + i,
                         j - i);
        if (rc)
            goto cleanup;
    }

    /* Sort entities by id and renumber the groups' references. */
    order = cg_graph__order(s->ents, s->nents, sizeof *s->ents, offsetof(cg_graph__speaker_t, id));
    renum = malloc(s->nents * sizeof *renum);
    sorted = malloc(s->nents * sizeof *sorted);
    if (!order || !renum || !sorted) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < s->nents; i++) {
        sorted[i] = s->ents[order[i]];
        renum[order[i]] = (long)i;
    }
    memcpy(s->ents, sorted, s->nents * sizeof *sorted);
    for (i = 0; i < s->ngroups; i++)
        s->groups[i].entity = renum[s->groups[i].entity];

cleanup:
    free(members);
    free(roots);
    free(order);
    free(renum);
    free(sorted);
    return rc;
}

/** The entity of name entry @p i, or -1. */
static long entity_of_name(const cg_graph__speakers_t *s, size_t i)
{
    return s->names[i].group == (size_t)-1 ? -1 : s->groups[s->names[i].group].entity;
}

cg_error_t cg_graph__speakers_build(cg_graph__speakers_t **out, const cg_claimset_t *set)
{
    cg_graph__speakers_t *s = calloc(1, sizeof *s);
    cg_error_t rc;

    *out = NULL;
    if (!s)
        return CG_ENOMEM;
    rc = collect_names(s, set);
    if (!rc)
        rc = make_groups(s);
    if (!rc)
        rc = merge_surnames(s);
    if (!rc)
        rc = make_entities(s);
    if (!rc) {
        size_t i;

        for (i = 0; i < s->nnames; i++)
            s->by_id[i].val = (uint64_t)(entity_of_name(s, (size_t)s->by_id[i].val) + 1);
    }
    if (rc) {
        cg_graph__speakers_free(s);
        return rc;
    }
    *out = s;
    return CG_OK;
}

size_t cg_graph__speakers_count(const cg_graph__speakers_t *s)
{
    return s->nents;
}

cg_graph__speaker_t *cg_graph__speakers_get(cg_graph__speakers_t *s, size_t i)
{
    return i < s->nents ? &s->ents[i] : NULL;
}

/** First name entry >= (name, kind) in (name, kind) order. */
static size_t lower_bound_name(const cg_graph__speakers_t *s, const char *name, int kind)
{
    size_t lo = 0, hi = s->nnames;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->names[mid].name, name);

        if (c == 0)
            c = (int)s->names[mid].kind - kind;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}


long cg_graph__speakers_find(const cg_graph__speakers_t *s, uint32_t name, cg_speaker_kind_t kind)
{
    uint64_t key = (uint64_t)name << 3 | (uint64_t)kind;
    size_t i;

    if (name == CG_GRAPH__NOSTR || (unsigned)kind > 7 || name >= s->nstrs ||
        s->first[name] == UINT32_MAX)
        return -1;
    /* the entries of one name are side by side, one per kind */
    for (i = s->first[name]; i < s->nnames && (s->by_id[i].key >> 3) == name; i++)
        if (s->by_id[i].key == key)
            return (long)s->by_id[i].val - 1;
    return -1;
}

long cg_graph__speakers_find_name(const cg_graph__speakers_t *s, const char *name)
{
    size_t i, lo = 0, hi = s->ngroups;
    char *key;
    long found = -1;

    if (cg_graph__speaker_is_unknown(name))
        return -1;
    i = lower_bound_name(s, name, -1);
    if (i < s->nnames && strcmp(s->names[i].name, name) == 0)
        return entity_of_name(s, i);
    /* Not seen as a claim's speaker: try its key ("Dr X Y" for "X Y"). */
    key = cg_graph__speaker_key(name, 1);
    if (!key)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->groups[mid].key, key);

        if (c == 0) {
            found = s->groups[mid].entity;
            break;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    free(key);
    return found;
}
