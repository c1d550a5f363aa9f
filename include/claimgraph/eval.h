/*
 * claimgraph — evaluation: score extracted claims against gold annotations.
 *
 * Two gold formats are read (JSON Lines), told apart by the keys of the first record:
 *
 *   claims gold  one object per gold claim: {"id", "doc", "speaker", "aliases",
 *                "content", "required", ...}. Scored exactly like score.py: a claim
 *                matches the gold claim of its document (the claim's doc path ends with
 *                "/" + the gold doc) with the best token F1 when that is >= 0.5; optional
 *                gold claims absorb matches without counting; attribution = match + the
 *                claim's speaker among the gold aliases (titles ignored).
 *
 *   span gold    one object per document: {"doc", "text", "attributions": [{"content":
 *                [{"b": [[s, e]], ...}], "source": [...], "cue": [...]}]}. Scored exactly
 *                like to_spans.py followed by score_spans.py --bytes: claims join a gold
 *                document by file stem; content and speaker spans are compared as sets of
 *                alphanumeric byte positions; one-to-one greedy matching at the overlap
 *                thresholds 1.0, 0.8 and 0.3; cues compared as exact byte spans.
 *
 * The figures are computed in double precision in the same order of operations as the
 * reference scripts, so they agree with them to every printed decimal.
 */
#ifndef CLAIMGRAPH_EVAL_H
#define CLAIMGRAPH_EVAL_H

#include <stddef.h>
#include <stdio.h>
#include "claims.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Loaded gold annotations (opaque). */
typedef struct cg_gold cg_gold_t;

/** The two gold formats. */
typedef enum { CG_GOLD_CLAIMS, CG_GOLD_SPANS } cg_gold_format_t;

/**
 * Reads a gold JSON Lines file (blank lines skipped) and detects its format from the
 * first record. On success *@p out is a new gold set the caller frees with cg_gold_free.
 * Returns CG_OK, CG_EIO (cannot read), CG_EINPUT (bad JSON or a bad field; @p err names
 * the file and the line) or CG_ENOMEM.
 */
cg_error_t cg_gold_load(cg_gold_t **out, const char *path, cg_errinfo_t *err);

/** Frees @p gold (NULL is fine). */
void cg_gold_free(cg_gold_t *gold);

/** The format detected by cg_gold_load. */
cg_gold_format_t cg_gold_format(const cg_gold_t *gold);

/** "claims" or "spans". */
const char *cg_gold_format_name(cg_gold_format_t f);

/** Precision, recall and F1 of @p tp true positives out of @p npred and @p ngold. */
typedef struct {
    size_t tp;
    size_t npred; /**< predictions counted */
    size_t ngold; /**< gold items counted */
    double p;     /**< tp / npred, 0 when npred is 0 */
    double r;     /**< tp / ngold, 0 when ngold is 0 */
    double f1;    /**< 2pr / (p + r), 0 when p + r is 0 */
} cg_eval_prf_t;

/** Figures for claims gold (the fields of score.py's output). */
typedef struct {
    size_t gold;               /**< required gold claims */
    size_t predicted_counted;  /**< matched required gold claims + false positives */
    size_t false_pos;          /**< claims matching no gold claim of their document */
    cg_eval_prf_t claim;       /**< a claim matched a required gold claim */
    cg_eval_prf_t attribution; /**< ... and its speaker is one of the gold aliases */
    /** Distinct predicted speaker names per gold speaker over correct attributions
        (ideal 1; 0 when there are none). score.py prints it to 2 decimals. */
    double speaker_names_per_speaker;
} cg_eval_claims_result_t;

#define CG_EVAL_NTHRESHOLDS 3

/** Figures at one content-overlap threshold (span gold). */
typedef struct {
    double threshold;         /**< 1.0 (exact), 0.8 or 0.3 */
    cg_eval_prf_t content;    /**< one-to-one content matches */
    size_t speaker_ok;        /**< matched pairs whose speaker spans agree */
    double speaker_acc;       /**< speaker_ok / content.tp, 0 when no match */
    cg_eval_prf_t end_to_end; /**< content match and speaker agree */
} cg_eval_threshold_t;

/** Figures for span gold (the lines of score_spans.py's output). */
typedef struct {
    size_t gold;      /**< gold attributions with content */
    size_t predicted; /**< claims with spans in gold documents */
    size_t ignored;   /**< claims whose document is not in the gold (not counted) */
    cg_eval_threshold_t at[CG_EVAL_NTHRESHOLDS]; /**< thresholds 1.0, 0.8, 0.3 */
    cg_eval_prf_t cue;                           /**< distinct exact cue spans per document */
} cg_eval_spans_result_t;

/** The result of cg_eval_score: @p claims or @p spans, according to @p format. */
typedef struct {
    cg_gold_format_t format;
    cg_eval_claims_result_t claims;
    cg_eval_spans_result_t spans;
} cg_eval_result_t;

/**
 * Scores @p n claims (borrowed) against @p gold and fills *@p out (zeroed first).
 * Claims are taken in the given order, which decides ties as in the reference scripts.
 * Time: linear in the input plus, per document, (claims x gold items) comparisons.
 * Returns CG_OK, CG_ENOMEM or CG_EINVAL (NULL arguments).
 */
cg_error_t cg_eval_score(cg_eval_result_t *out, const cg_gold_t *gold, const cg_claim_t *claims,
                         size_t n, cg_errinfo_t *err);

/** Writes @p r as a readable table (figures to 3 decimals). Returns CG_OK or CG_EIO. */
cg_error_t cg_eval_write_text(const cg_eval_result_t *r, FILE *fp);

/**
 * Writes @p r as one JSON object and a newline, fixed key order, figures rounded to 3
 * decimals (speaker_names_per_speaker to 2, as score.py). Returns CG_OK or CG_EIO.
 */
cg_error_t cg_eval_write_json(const cg_eval_result_t *r, FILE *fp);

#ifdef __cplusplus
}
#endif
#endif
