/*
 * Stage 2 entry points: cg_extract_init / cg_extract_article. Runs the pipeline of
 * src/2-extract/ over one article and turns the internal claim records into
 * cg_claim_t (sorted by position, duplicates dropped, speaker names canonical).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "0-util/buf.h"
#include "0-util/u8check.h"
#include "2-extract/extract_int.h"
#include "2-extract/claims_json.h"
#include "2-extract/extract_read.h"
#include "claimgraph/extract.h"

cg_error_t cg_extract_init(void)
{
    return cg_lex__init() ? CG_ENOMEM : CG_OK;
}

void cg_extract_shutdown(void)
{
    cg_lex__free();
}

/* The arrays of a context, kept between articles (see cg_extract_article_with). */
struct cg_extract_scratch {
    cg_tok_t *t;
    size_t tcap;
    cg_para_t *p;
    size_t pcap;
    cg_sent_t *s;
    size_t scap;
    cg_quote_t *q;
    size_t qcap;
    cg_ent_t *ents;
    size_t ecap;
    cg_xclaim_t *cl;
    size_t clcap;
    cg_x_map_t names;
};

/* Arrays larger than this many bytes are not kept: one huge article does not pin its
   memory, nor make the next article clear a huge name map. */
#define SCRATCH_KEEP ((size_t)4 << 20)

cg_extract_scratch_t *cg_extract_scratch_new(void)
{
    return calloc(1, sizeof(cg_extract_scratch_t));
}

void cg_extract_scratch_free(cg_extract_scratch_t *sc)
{
    if (!sc)
        return;
    free(sc->t);
    free(sc->p);
    free(sc->s);
    free(sc->q);
    free(sc->ents);
    free(sc->cl);
    cg_x__map_free(&sc->names);
    free(sc);
}

/* Lends the scratch's arrays to a fresh context (counts 0, the name map empty). */
static void ctx_borrow(cg_x_ctx_t *x, cg_extract_scratch_t *sc)
{
    x->t = sc->t;
    x->tcap = sc->tcap;
    x->p = sc->p;
    x->pcap = sc->pcap;
    x->s = sc->s;
    x->scap = sc->scap;
    x->q = sc->q;
    x->qcap = sc->qcap;
    x->ents = sc->ents;
    x->ecap = sc->ecap;
    x->cl = sc->cl;
    x->clcap = sc->clcap;
    x->names = sc->names;
    x->names.count = 0;
    if (x->names.cap)
        memset(x->names.keys, 0, x->names.cap * sizeof *x->names.keys);
    memset(sc, 0, sizeof *sc);
}

/* Hands a context's arrays back to the scratch, freeing those that grew too large. */
static void ctx_return(cg_x_ctx_t *x, cg_extract_scratch_t *sc)
{
#define KEEP(arr, cap)                                                                             \
    do {                                                                                           \
        if (x->cap * sizeof *x->arr <= SCRATCH_KEEP) {                                             \
            sc->arr = x->arr;                                                                      \
            sc->cap = x->cap;                                                                      \
        } else {                                                                                   \
            free(x->arr);                                                                          \
        }                                                                                          \
    } while (0)
    KEEP(t, tcap);
    KEEP(p, pcap);
    KEEP(s, scap);
    KEEP(q, qcap);
    KEEP(ents, ecap);
    KEEP(cl, clcap);
#undef KEEP
    if (x->names.cap * sizeof *x->names.keys <= SCRATCH_KEEP / 4)
        sc->names = x->names;
    else
        cg_x__map_free(&x->names);
}

static void ctx_free(cg_x_ctx_t *x)
{
    free(x->t);
    free(x->p);
    free(x->s);
    free(x->q);
    free(x->ents);
    free(x->cl);
    cg_x__map_free(&x->names);
}

/** Copies bytes [s, e) with runs of white space collapsed to one space. */
static int put_collapsed(cg_buf_t *b, const char *txt, size_t s, size_t e)
{
    size_t i;
    int space = 0;
    char *o;

    char *first;

    /* each run of white space becomes at most one space: never longer than the input */
    if (cg_buf__grow(b, e - s))
        return -1;
    o = first = b->data + b->len;
    for (i = s; i < e; i++) {
        unsigned char c = (unsigned char)txt[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0) {
            space = 1;
            continue;
        }
        if (space && o != first)
            *o++ = ' ';
        space = 0;
        *o++ = (char)c;
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

/** Appends the claim's text to @p b: its spans as they stand, joined by one space. */
static int put_claim_text(cg_buf_t *b, const cg_x_ctx_t *x, const cg_xclaim_t *c)
{
    size_t total = 0;
    int k;

    /* the spans and the spaces between them: one allocation, not one per doubling */
    for (k = 0; k < c->nsp; k++)
        total += c->sp[k][1] - c->sp[k][0] + 1;
    if (cg_buf__grow(b, total))
        return -1;
    for (k = 0; k < c->nsp; k++) {
        if (k && cg_buf__putc(b, ' '))
            return -1;
        if (cg_buf__append(b, x->txt + c->sp[k][0], c->sp[k][1] - c->sp[k][0]))
            return -1;
    }
    return 0;
}

static cg_speaker_kind_t speaker_kind(const cg_x_ctx_t *x, int e)
{
    const cg_ent_t *en;

    if (e < 0)
        return CG_SPEAKER_UNKNOWN;
    en = &x->ents[e];
    switch (en->kind) {
    case CG_EK_PERSON:
        return CG_SPEAKER_PERSON;
    case CG_EK_ORG:
        return CG_SPEAKER_ORGANIZATION;
    case CG_EK_DOC:
        return CG_SPEAKER_DOCUMENT;
    case CG_EK_OUTLET:
        return CG_SPEAKER_OUTLET;
    case CG_EK_GROUP:
        return CG_SPEAKER_GROUP;
    default:
        if (en->person_evidence || (en->ntok >= 2 && en->ntok <= 4))
            return CG_SPEAKER_PERSON;
        return CG_SPEAKER_UNKNOWN;
    }
}

static int cmp_claims(const void *a, const void *b)
{
    const cg_xclaim_t *ca = *(const cg_xclaim_t *const *)a, *cb = *(const cg_xclaim_t *const *)b;

    if (ca->sp[0][0] != cb->sp[0][0])
        return ca->sp[0][0] < cb->sp[0][0] ? -1 : 1;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** The claims in output order (by position), or NULL on ENOMEM; x->ncl > 0. */
static cg_xclaim_t **claims_in_order(cg_x_ctx_t *x)
{
    cg_xclaim_t **order = malloc(x->ncl * sizeof *order);
    size_t i;

    if (!order)
        return NULL;
    for (i = 0; i < x->ncl; i++)
        order[i] = &x->cl[i];
    /* claims are mostly found in text order already: sort only when they are not (the
       order is total, so the result is the same either way) */
    for (i = 1; i < x->ncl && cmp_claims(&order[i - 1], &order[i]) < 0; i++)
        ;
    if (i < x->ncl)
        qsort(order, x->ncl, sizeof *order, cmp_claims);
    return order;
}

/** Whether claim @p c is output: not dropped, and not the same content as the claim
    before it (two patterns agreeing: the first is kept). */
static int claim_kept(const cg_xclaim_t *c, size_t *prev_s, size_t *prev_e)
{
    if (c->dropped || c->nsp == 0)
        return 0;
    if (c->sp[0][0] == *prev_s && c->sp[0][1] == *prev_e)
        return 0;
    *prev_s = c->sp[0][0];
    *prev_e = c->sp[0][1];
    return 1;
}

/* A string put into a claim's string buffer: its offset, turned into a pointer once the
   buffer stops moving. */
static int put_end(cg_buf_t *b, size_t *off, size_t start)
{
    *off = start;
    return cg_buf__putc(b, '\0');
}

/** Claim @p c's text as one string of @p sb, at *@p off. */
static int put_text_at(cg_buf_t *sb, const cg_x_ctx_t *x, const cg_xclaim_t *c, size_t *off)
{
    size_t st = sb->len;

    return put_claim_text(sb, x, c) || put_end(sb, off, st);
}

/** Entity @p e's name ("unknown" when there is none) as one string of @p sb, at *@p off. */
static int put_name_at(cg_buf_t *sb, const cg_x_ctx_t *x, int e, size_t *off)
{
    size_t st = sb->len;

    return (e >= 0 ? cg_x__entity_name_put(x, e, sb) : cg_buf__puts(sb, "unknown")) ||
           put_end(sb, off, st);
}

/** Where a claim's borrowed view keeps its strings and arrays (reused claim to claim). */
typedef struct {
    cg_buf_t sb;
    cg_span_t spans[4];
    char *via[3];
    cg_relation_t rel;
} claim_view_t;

/**
 * Claim @p c as a cg_claim_t @p o whose strings lie in v->sb and whose arrays are v's:
 * borrowed, valid until the next call with @p v (no allocation per string). -1 on ENOMEM.
 */
static int view_claim(cg_x_ctx_t *x, const cg_xclaim_t *c, const char *outlet, claim_view_t *v,
                      cg_claim_t *o)
{
    cg_buf_t *sb = &v->sb;
    size_t o_text, o_name, o_mention = 0, o_cue = 0, o_via[3], o_rt = 0, o_rs = 0, st;
    int k, nvia = 0, has_rel;

    memset(o, 0, sizeof *o);
    sb->len = 0;
    if (put_text_at(sb, x, c, &o_text) || put_name_at(sb, x, c->ent, &o_name))
        return -1;
    st = sb->len;
    if (c->has_m && (put_collapsed(sb, x->txt, c->ms, c->me) || put_end(sb, &o_mention, st)))
        return -1;
    st = sb->len;
    if (c->has_cue && (put_collapsed(sb, x->txt, c->cs, c->ce) || put_end(sb, &o_cue, st)))
        return -1;
    for (k = 0; k < c->nvia; k++) {
        int dup = 0, j;

        st = sb->len;
        if (cg_x__entity_name_put(x, c->via[k], sb) || put_end(sb, &o_via[nvia], st))
            return -1;
        /* as cg_claim_add_via: an outlet named twice is listed once */
        for (j = 0; j < nvia && !dup; j++)
            dup = strcmp(sb->data + o_via[j], sb->data + o_via[nvia]) == 0;
        if (!dup)
            nvia++;
    }
    has_rel = c->rel_type >= 0 && c->rel_target >= 0 && (size_t)c->rel_target < x->ncl;
    if (has_rel) {
        const cg_xclaim_t *t = &x->cl[c->rel_target];

        if (put_text_at(sb, x, t, &o_rt) || put_name_at(sb, x, t->ent, &o_rs))
            return -1;
    }
    /* the buffer is complete: offsets become pointers */
    o->doc = (char *)(x->a->doc ? x->a->doc : "");
    o->type = (cg_claim_type_t)c->type;
    o->text = sb->data + o_text;
    for (k = 0; k < c->nsp; k++) {
        v->spans[k].start = c->sp[k][0];
        v->spans[k].end = c->sp[k][1];
    }
    o->spans = v->spans;
    o->nspans = (size_t)c->nsp;
    o->speaker_name = sb->data + o_name;
    o->speaker_kind = speaker_kind(x, c->ent);
    if (c->has_m) {
        o->speaker_mention = sb->data + o_mention;
        o->speaker_span.start = c->ms;
        o->speaker_span.end = c->me;
        o->has_speaker_span = 1;
    }
    if (c->has_cue) {
        o->cue_text = sb->data + o_cue;
        o->cue_span.start = c->cs;
        o->cue_span.end = c->ce;
    }
    o->outlet = (char *)outlet;
    o->url = x->a->url;
    o->date = x->a->date;
    o->author = x->a->author;
    for (k = 0; k < nvia; k++)
        v->via[k] = sb->data + o_via[k];
    o->via = v->via;
    o->nvia = (size_t)nvia;
    if (has_rel) {
        v->rel.type = (cg_relation_type_t)c->rel_type;
        v->rel.target_text = sb->data + o_rt;
        v->rel.target_speaker = sb->data + o_rs;
        o->relations = &v->rel;
        o->nrelations = 1;
    }
    return 0;
}

/** @p dst (zeroed, e.g. by cg_claims_push) as a copy of the borrowed claim @p src. */
static cg_error_t copy_claim(cg_claim_t *dst, const cg_claim_t *src)
{
    size_t k;

    dst->type = src->type;
    dst->speaker_kind = src->speaker_kind;
    dst->speaker_span = src->speaker_span;
    dst->has_speaker_span = src->has_speaker_span;
    dst->cue_span = src->cue_span;
    if (!(dst->doc = cg__strdup(src->doc)) || !(dst->text = cg__strdup(src->text)) ||
        !(dst->speaker_name = cg__strdup(src->speaker_name)) ||
        (src->speaker_mention && !(dst->speaker_mention = cg__strdup(src->speaker_mention))) ||
        (src->cue_text && !(dst->cue_text = cg__strdup(src->cue_text))) ||
        (src->outlet && !(dst->outlet = cg__strdup(src->outlet))) ||
        (src->url && !(dst->url = cg__strdup(src->url))) ||
        (src->date && !(dst->date = cg__strdup(src->date))) ||
        (src->author && !(dst->author = cg__strdup(src->author))))
        return CG_ENOMEM;
    for (k = 0; k < src->nspans; k++)
        if (cg_claim_add_span(dst, src->spans[k].start, src->spans[k].end))
            return CG_ENOMEM;
    for (k = 0; k < src->nvia; k++)
        if (cg_claim_add_via(dst, src->via[k]))
            return CG_ENOMEM;
    for (k = 0; k < src->nrelations; k++)
        if (cg_claim_add_relation(dst, src->relations[k].type, src->relations[k].target_text,
                                  src->relations[k].target_speaker))
            return CG_ENOMEM;
    return CG_OK;
}

/* Where extract() puts the claims: a list, or JSON Lines appended to a buffer. */
typedef struct {
    cg_claims_t *list;
    cg_buf_t *json;
    size_t *nout, *nskip;
} sink_t;

/*
 * The kept claims, in text order, to @p to: each viewed once (view_claim), then copied
 * into the list, or written as JSON with the claims files' writer (a claim with a string
 * that is not valid UTF-8 is then skipped and counted).
 */
static cg_error_t emit(sink_t *to, cg_x_ctx_t *x)
{
    cg_xclaim_t **order = NULL;
    char *outlet = NULL;
    claim_view_t v;
    size_t i, prev_s = (size_t)-1, prev_e = 0;
    cg_error_t rc = CG_OK;

    if (!x->ncl)
        return CG_OK;
    if (!(order = claims_in_order(x)))
        return CG_ENOMEM;
    memset(&v, 0, sizeof v);
    outlet = cg_extract_outlet(x->a);
    for (i = 0; i < x->ncl && !rc; i++) {
        const cg_xclaim_t *c = order[i];
        cg_claim_t o, *slot;

        if (!claim_kept(c, &prev_s, &prev_e))
            continue;
        if (view_claim(x, c, outlet, &v, &o)) {
            rc = CG_ENOMEM;
        } else if (to->list) {
            rc = (slot = cg_claims_push(to->list)) ? copy_claim(slot, &o) : CG_ENOMEM;
        } else {
            rc = cg_claim__json_append(to->json, &o);
            if (rc == CG_OK || rc == CG_EINPUT)
                (*(rc == CG_OK ? to->nout : to->nskip))++;
            if (rc == CG_EINPUT)
                rc = CG_OK;
        }
    }
    cg_buf__free(&v.sb);
    free(outlet);
    free(order);
    return rc == CG_OK ? CG_OK : CG_ENOMEM;
}

cg_error_t cg_extract_article(cg_claims_t *out, const cg_article_t *a, cg_errinfo_t *err)
{
    return cg_extract_article_with(out, a, NULL, err);
}

static cg_error_t extract(sink_t *to, const cg_article_t *a, cg_extract_scratch_t *scratch,
                          int checked, cg_errinfo_t *err);

cg_error_t cg_extract_article_with(cg_claims_t *out, const cg_article_t *a,
                                   cg_extract_scratch_t *scratch, cg_errinfo_t *err)
{
    sink_t to = {out, NULL, NULL, NULL};

    return extract(out ? &to : NULL, a, scratch, 0, err);
}

cg_error_t cg_extract__article_read(cg_claims_t *out, const cg_article_t *a,
                                    cg_extract_scratch_t *scratch, cg_errinfo_t *err)
{
    sink_t to = {out, NULL, NULL, NULL};

    return extract(out ? &to : NULL, a, scratch, 1, err);
}

cg_error_t cg_extract__article_json(cg_buf_t *json, const cg_article_t *a,
                                    cg_extract_scratch_t *scratch, size_t *nout, size_t *nskip,
                                    cg_errinfo_t *err)
{
    sink_t to = {NULL, json, nout, nskip};

    return extract(&to, a, scratch, 1, err);
}

/* @p checked: the text is known to be valid UTF-8 (the reader checked it). */
static cg_error_t extract(sink_t *to, const cg_article_t *a, cg_extract_scratch_t *scratch,
                          int checked, cg_errinfo_t *err)
{
    cg_x_ctx_t x;
    cg_error_t rc = CG_OK;
    const uint8_t *bad;

    if (!to || !a)
        return CG_EINVAL;
    if (cg_extract_init())
        return CG_ENOMEM;
    if (!a->text && a->len)
        return CG_EINVAL;
    if (a->len >= UINT32_MAX)
        return cg_errinfo_set(err, CG_EINPUT, a->doc ? a->doc : "", 0,
                              "article too large for extraction (%zu bytes)", a->len);
    if (!checked && a->len && (bad = cg__u8_check((const uint8_t *)a->text, a->len)) != NULL) {
        rc = cg_errinfo_set(err, CG_EINPUT, a->doc ? a->doc : "", 0, "invalid UTF-8 at byte %zu",
                            (size_t)(bad - (const uint8_t *)a->text));
        if (err) {
            err->offset = (size_t)(bad - (const uint8_t *)a->text);
            err->has_offset = 1;
        }
        return rc;
    }
    memset(&x, 0, sizeof x);
    if (scratch)
        ctx_borrow(&x, scratch);
    x.a = a;
    x.txt = a->text ? a->text : "";
    x.len = a->len;
    x.last_speaker = x.last_person = x.last_subject = x.last_group = -1;
    x.last_org = x.last_outlet = x.last_doc = x.last_reporter = x.last_claim = -1;
    x.list_ent = -1;
    if (cg_x__tokenize(&x) || cg_x__sentences(&x) || cg_x__quotes(&x) || cg_x__boilerplate(&x) ||
        cg_x__attribute(&x) || x.oom) {
        rc = CG_ENOMEM;
        goto cleanup;
    }
    rc = emit(to, &x);
cleanup:
    if (scratch)
        ctx_return(&x, scratch);
    else
        ctx_free(&x);
    return rc;
}
