/*
 * A libcgraph id discipline that numbers named objects in creation order.
 *
 * libcgraph's default discipline (AgIdDisc) uses the address of a name's interned copy
 * as the object's id, and agwrite writes subgraphs in id order: the order of the
 * cluster_<k> blocks in our DOT would depend on where malloc put their names. Letting
 * the discipline refuse names (so cgraph keeps them in its internal map) gives
 * sequential ids, but 2.42's agclose never frees that map's entries (a leak per node,
 * found by valgrind). So this discipline keeps the names itself: a named object gets
 * the even id 2 * (1 + its index in a table), an anonymous one the next odd id, and
 * everything is freed when the root graph closes. Names are interned with agstrdup,
 * as libcgraph expects of the strings agnameof returns.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "5-export/export_internal.h"

typedef struct {
    Agraph_t *root; /**< names are interned in its string dictionary */
    char **names;   /**< by index; id = 2 * (index + 1); agstrdup'ed */
    size_t count, cap;
    size_t *slots;    /**< open-addressing hash table of index + 1 (0: empty) */
    size_t nslots;    /**< a power of two */
    IDTYPE anonymous; /**< last odd id given */
} seqid_t;

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return (size_t)h;
}

/** Makes room for one more name, keeping the table at most half full. 0 or -1. */
static int grow(seqid_t *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 64, i;
    size_t *slots;

    if (t->nslots && (t->count + 1) * 2 <= t->nslots)
        return 0;
    if (!(slots = calloc(n, sizeof *slots)))
        return -1;
    for (i = 0; i < t->count; i++) {
        size_t k = hash(t->names[i]) & (n - 1);

        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
    return 0;
}

/** Index of @p name, or (size_t)-1; *@p slot receives where it is or would go. */
static size_t lookup(const seqid_t *t, const char *name, size_t *slot)
{
    size_t k = hash(name) & (t->nslots - 1);

    while (t->slots[k]) {
        if (strcmp(t->names[t->slots[k] - 1], name) == 0) {
            *slot = k;
            return t->slots[k] - 1;
        }
        k = (k + 1) & (t->nslots - 1);
    }
    *slot = k;
    return (size_t)-1;
}

static void *seqid_open(Agraph_t *g, Agdisc_t *disc)
{
    seqid_t *t = calloc(1, sizeof *t);

    (void)disc;
    if (t && grow(t)) {
        free(t);
        return NULL;
    }
    if (t) {
        t->root = g;
        t->anonymous = 1;
    }
    return t;
}

static long seqid_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    seqid_t *t = state;
    size_t slot, i;
    char *copy;

    (void)objtype;
    if (!t)
        return 0;
    if (!str) {
        t->anonymous += 2;
        *id = t->anonymous;
        return 1;
    }
    i = lookup(t, str, &slot);
    if (i != (size_t)-1) {
        *id = (IDTYPE)(2 * (i + 1));
        return 1;
    }
    if (!createflag || grow(t))
        return 0;
    lookup(t, str, &slot); /* the table may have been rehashed */
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **names = realloc(t->names, cap * sizeof *names);

        if (!names)
            return 0;
        t->names = names;
        t->cap = cap;
    }
    /* interned: agwrite reads the header of a refstr before a name (aghtmlstr) */
    if (!(copy = agstrdup(t->root, str)))
        return 0;
    t->names[t->count] = copy;
    t->slots[slot] = ++t->count;
    *id = (IDTYPE)(2 * t->count);
    return 1;
}

static long seqid_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state;
    (void)objtype;
    (void)request;
    return 0; /* no caller-chosen ids, as in AgIdDisc */
}

static void seqid_free(void *state, int objtype, IDTYPE id)
{
    /* names live until the root graph closes: a deleted object's name may come back */
    (void)state;
    (void)objtype;
    (void)id;
}

static char *seqid_print(void *state, int objtype, IDTYPE id)
{
    seqid_t *t = state;

    (void)objtype;
    if (id % 2 == 1 || id == 0 || id / 2 > t->count)
        return NULL;
    return t->names[id / 2 - 1];
}

static void seqid_close(void *state)
{
    seqid_t *t = state;
    size_t i;

    if (!t)
        return;
    /* agclose calls this before it closes the string dictionary */
    for (i = 0; i < t->count; i++)
        agstrfree(t->root, t->names[i]);
    free(t->names);
    free(t->slots);
    free(t);
}

static void seqid_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t seqid_disc = {seqid_open,  seqid_map,   seqid_alloc,   seqid_free,
                                seqid_print, seqid_close, seqid_register};

Agdisc_t *cg_export__sequential_disc(void)
{
    static Agdisc_t disc;

    disc.mem = &AgMemDisc;
    disc.id = &seqid_disc;
    disc.io = &AgIoDisc;
    return &disc;
}
