/* Internals shared by the eval module's files: the gold set, text helpers, span sets. */
#ifndef CG_EVAL_INTERNAL_H
#define CG_EVAL_INTERNAL_H

#include <stddef.h>

#include "0-util/buf.h"
#include "claimgraph/eval.h"

#define CG_EVAL_NONE ((size_t)-1)

/* ---- a string -> index map (open addressing; keys copied) ---------------------------- */

typedef struct {
    char *key;
    size_t len;
    size_t val;
} cg_eval__slot_t;

typedef struct {
    cg_eval__slot_t *slots;
    size_t cap; /* power of two, or 0 */
    size_t count;
} cg_eval__map_t;

void cg_eval__map_free(cg_eval__map_t *m);
/** The value stored for the key, or CG_EVAL_NONE. */
size_t cg_eval__map_get(const cg_eval__map_t *m, const char *key, size_t len);
/**
 * Stores @p val for the key unless the key is present. *@p found receives the value now
 * stored. Returns 1 when inserted, 0 when present, -1 on ENOMEM.
 */
int cg_eval__map_put(cg_eval__map_t *m, const char *key, size_t len, size_t val, size_t *found);

/* ---- text, as score.py sees it ----------------------------------------------------- */

/**
 * Finds the next token of @p s (UTF-8) from *@p pos: a run of [0-9a-z] after Python's
 * str.lower() (so U+212A KELVIN SIGN is "k" and U+0130 is "i" followed by a
 * separator). Writes it to @p tok (reset first). Returns 1, 0 at the end, -1 on ENOMEM.
 */
int cg_eval__next_token(const char *s, size_t len, size_t *pos, cg_buf_t *tok);

/** score.py's norm_name: the tokens joined by single spaces (caller frees), NULL on ENOMEM. */
char *cg_eval__norm_name(const char *s, size_t len);

/** score.py's strip_titles on a normalised name (caller frees), NULL on ENOMEM. */
char *cg_eval__strip_titles(const char *norm);

/* ---- sets of alphanumeric byte positions (score_spans.py's cset with --bytes) -------- */

/** Sorted, disjoint, non-touching runs of positions; size = number of positions. */
typedef struct {
    cg_span_t *runs;
    size_t nruns;
    size_t size;
} cg_eval__cset_t;

/**
 * Builds the set of positions covered by @p spans (sorted in place) that are below
 * @p len and whose byte, read as Latin-1, is alphanumeric for Python. 0 or -1 on ENOMEM.
 */
int cg_eval__cset_build(cg_eval__cset_t *out, cg_span_t *spans, size_t n, const char *text,
                        size_t len);
void cg_eval__cset_free(cg_eval__cset_t *c);
/** |a ∩ b|. */
size_t cg_eval__cset_inter(const cg_eval__cset_t *a, const cg_eval__cset_t *b);

/* ---- the gold set ------------------------------------------------------------------- */

typedef struct {
    char *norm;     /* norm_name(alias), never empty */
    char *stripped; /* strip_titles(norm) */
    int multi;      /* two words or more */
} cg_eval__alias_t;

typedef struct {
    size_t doc;  /* index into gold docs */
    size_t slot; /* index of the first gold claim with the same id */
    int required;
    char *speaker;
    size_t *toks; /* token ids, sorted */
    size_t ntoks;
    cg_eval__alias_t *aliases;
    size_t naliases;
} cg_eval__gclaim_t;

typedef struct {
    cg_eval__cset_t content;
    cg_eval__cset_t source;
    cg_span_t *cues; /* exact spans as given */
    size_t ncues;
} cg_eval__gatt_t;

typedef struct {
    char *name;
    /* claims gold: this document's gold claims, in file order */
    size_t *items;
    size_t nitems;
    size_t cap;
    /* span gold */
    char *text;
    size_t len;
    cg_eval__gatt_t *atts; /* attributions with content */
    size_t natts;
} cg_eval__gdoc_t;

struct cg_gold {
    cg_gold_format_t format;
    cg_eval__gdoc_t *docs; /* in order of first appearance */
    size_t ndocs;
    size_t docs_cap;
    cg_eval__map_t doc_index; /* doc name -> index */
    /* claims gold */
    cg_eval__gclaim_t *claims;
    size_t nclaims;
    size_t claims_cap;
    cg_eval__map_t ids;    /* id key -> first gold claim with that id */
    cg_eval__map_t tokens; /* token -> id */
};

/** Fills @p out from tp, npred, ngold as the reference scripts' prf(). */
void cg_eval__prf(cg_eval_prf_t *out, size_t tp, size_t npred, size_t ngold);

cg_error_t cg_eval__score_claims(cg_eval_claims_result_t *out, const cg_gold_t *gold,
                                 const cg_claim_t *claims, size_t n, cg_errinfo_t *err);
cg_error_t cg_eval__score_spans(cg_eval_spans_result_t *out, const cg_gold_t *gold,
                                const cg_claim_t *claims, size_t n, cg_errinfo_t *err);

#endif
