/* Claim records: the list container and the small builders extraction uses. */
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "claimgraph/claims.h"

void cg_claims_init(cg_claims_t *list)
{
    memset(list, 0, sizeof *list);
}

void cg_claim_clear(cg_claim_t *c)
{
    size_t i;

    if (!c)
        return;
    free(c->doc);
    free(c->text);
    free(c->spans);
    free(c->speaker_name);
    free(c->speaker_mention);
    free(c->cue_text);
    free(c->outlet);
    free(c->url);
    free(c->date);
    free(c->author);
    for (i = 0; i < c->nvia; i++)
        free(c->via[i]);
    free(c->via);
    for (i = 0; i < c->nrelations; i++) {
        free(c->relations[i].target_text);
        free(c->relations[i].target_speaker);
    }
    free(c->relations);
    memset(c, 0, sizeof *c);
}

void cg_claims_destroy(cg_claims_t *list)
{
    size_t i;

    for (i = 0; i < list->count; i++)
        cg_claim_clear(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

cg_claim_t *cg_claims_push(cg_claims_t *list)
{
    cg_claim_t *c;

    if (cg__grow_array((void **)&list->items, &list->cap, list->count + 1, sizeof *c))
        return NULL;
    c = &list->items[list->count++];
    memset(c, 0, sizeof *c);
    c->speaker_kind = CG_SPEAKER_UNKNOWN;
    return c;
}

cg_error_t cg_claims_move(cg_claims_t *dst, cg_claims_t *src)
{
    if (!src->count)
        return CG_OK;
    if (cg__grow_array((void **)&dst->items, &dst->cap, dst->count + src->count,
                       sizeof *dst->items))
        return CG_ENOMEM;
    memcpy(dst->items + dst->count, src->items, src->count * sizeof *src->items);
    dst->count += src->count;
    src->count = 0;
    return CG_OK;
}

cg_error_t cg_claim_add_span(cg_claim_t *c, size_t start, size_t end)
{
    cg_span_t *p = realloc(c->spans, (c->nspans + 1) * sizeof *p);

    if (!p)
        return CG_ENOMEM;
    c->spans = p;
    c->spans[c->nspans].start = start;
    c->spans[c->nspans].end = end;
    c->nspans++;
    return CG_OK;
}

cg_error_t cg_claim_add_via(cg_claim_t *c, const char *outlet)
{
    char **p;
    size_t i;

    for (i = 0; i < c->nvia; i++)
        if (strcmp(c->via[i], outlet) == 0)
            return CG_OK;
    p = realloc(c->via, (c->nvia + 1) * sizeof *p);
    if (!p)
        return CG_ENOMEM;
    c->via = p;
    if (!(c->via[c->nvia] = cg__strdup(outlet)))
        return CG_ENOMEM;
    c->nvia++;
    return CG_OK;
}

cg_error_t cg_claim_add_relation(cg_claim_t *c, cg_relation_type_t type, const char *target_text,
                                 const char *target_speaker)
{
    cg_relation_t *p = realloc(c->relations, (c->nrelations + 1) * sizeof *p);
    cg_relation_t *r;

    if (!p)
        return CG_ENOMEM;
    c->relations = p;
    r = &c->relations[c->nrelations];
    r->type = type;
    r->target_text = cg__strdup(target_text ? target_text : "");
    r->target_speaker = cg__strdup(target_speaker ? target_speaker : "unknown");
    if (!r->target_text || !r->target_speaker) {
        free(r->target_text);
        free(r->target_speaker);
        return CG_ENOMEM;
    }
    c->nrelations++;
    return CG_OK;
}

static const char *const claim_types[] = {"direct", "indirect", "mixed"};
static const char *const speaker_kinds[] = {"person", "organization", "document",
                                            "outlet", "group",        "unknown"};
static const char *const relation_types[] = {"disputes", "responds_to"};

#define CG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int parse_name(const char *const *names, size_t n, const char *s)
{
    size_t i;

    if (!s)
        return -1;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

const char *cg_claim_type_name(cg_claim_type_t t)
{
    return (size_t)t < CG_COUNT(claim_types) ? claim_types[t] : "indirect";
}

const char *cg_speaker_kind_name(cg_speaker_kind_t k)
{
    return (size_t)k < CG_COUNT(speaker_kinds) ? speaker_kinds[k] : "unknown";
}

const char *cg_relation_type_name(cg_relation_type_t t)
{
    return (size_t)t < CG_COUNT(relation_types) ? relation_types[t] : "responds_to";
}

int cg_claim_type_parse(const char *s)
{
    return parse_name(claim_types, CG_COUNT(claim_types), s);
}

int cg_speaker_kind_parse(const char *s)
{
    return parse_name(speaker_kinds, CG_COUNT(speaker_kinds), s);
}

int cg_relation_type_parse(const char *s)
{
    return parse_name(relation_types, CG_COUNT(relation_types), s);
}
