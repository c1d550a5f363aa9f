/*
 * claimgraph — the driver that runs stages 1 and 2 over many inputs on worker threads.
 *
 * Extraction is a map step: articles are read in input order, extracted on N threads
 * while the next ones are read and the finished ones handed to a sink, in input order,
 * so the output is the same bytes whatever the thread count. Only a bounded window of
 * articles is in memory at once (batch_bytes of text, 32 articles per thread). Graph building is the reduce step: it reads any
 * number of claims files (and articles) into one claim list.
 */
#ifndef CLAIMGRAPH_PIPELINE_H
#define CLAIMGRAPH_PIPELINE_H

#include <stdio.h>

#include "article.h"
#include "claims.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t threads;       /**< worker threads (0 or 1: extract on the calling thread) */
    const char *manifest; /**< sidecar manifest, or NULL */
    size_t batch_bytes;   /**< article text in flight at once (0: 16 MiB) */
    int warm_heap;        /**< fault in 2 MB of each extracting thread's heap with one
                               system call before it starts: pays only when the caller
                               raised malloc's mmap threshold above that (glibc's
                               M_MMAP_THRESHOLD), as `claimgraph extract` does */
} cg_pipeline_options_t;

#define CG_PIPELINE_OPTIONS_INIT {1, NULL, 0, 0}

/** Called once per bad input (or bad JSON Lines record); the run carries on. */
typedef void (*cg_diag_fn)(const cg_errinfo_t *e, void *ud);

/**
 * Called in input order with each article's claims, from one thread at a time (with
 * several threads, not necessarily the caller's: guard any state shared with other
 * threads; the sink's own state needs no lock). The sink may take claims out of
 * @p claims (e.g. with cg_claims_move); the driver frees what is left. Returning an
 * error stops the run with that error.
 */
typedef cg_error_t (*cg_claims_sink_fn)(const cg_article_t *a, cg_claims_t *claims, void *ud);

/**
 * Reads every article of @p inputs and extracts its claims on opts->threads threads.
 * Bad inputs are reported through @p diag and counted in *@p nbad; they do not stop
 * the run. Returns CG_OK, or a fatal error (out of memory, the sink's error, a bad
 * manifest) with @p err filled.
 */
cg_error_t cg_pipeline_extract(const char *const *inputs, size_t n,
                               const cg_pipeline_options_t *opts, cg_claims_sink_fn sink,
                               void *ud, cg_diag_fn diag, void *dud, size_t *nbad,
                               cg_errinfo_t *err);

/**
 * The map step in one call: extracts every article of @p inputs on opts->threads threads
 * and writes their claims to @p out as JSON Lines (cg_claim_write_json), in input order,
 * so the bytes do not depend on the thread count. Claims are serialised on the worker
 * threads; only the writing is serial. A claim that cannot be written (text not valid
 * UTF-8) is skipped, reported through @p diag and counted in *@p nbad, like a bad input
 * (so the run fails unless the caller keeps going). Bad inputs are reported through
 * @p diag and counted in *@p nbad. *@p nclaims (may be NULL) gets
 * the number of claims written. Returns CG_OK, or a fatal error with @p err filled.
 */
cg_error_t cg_pipeline_extract_jsonl(const char *const *inputs, size_t n,
                                     const cg_pipeline_options_t *opts, FILE *out,
                                     cg_diag_fn diag, void *dud, size_t *nbad, size_t *nclaims,
                                     cg_errinfo_t *err);

/**
 * Returns non-zero when @p path is a claims JSON Lines file (its first non-blank line
 * is an object with a "speaker" member), as written by `claimgraph extract`. For "-"
 * (standard input, of any name) it reads ahead to the first non-blank line; the bytes
 * read are handed out again to the readers of cg_pipeline_collect(_set), which then read
 * standard input as claims or as articles.
 */
int cg_pipeline_is_claims_file(const char *path);

/**
 * Collects claims from @p inputs into @p out: claims files are read as they are,
 * everything else goes through extraction. Bad inputs are reported through @p diag
 * and counted in *@p nbad.
 */
cg_error_t cg_pipeline_collect(cg_claims_t *out, const char *const *inputs, size_t n,
                               const cg_pipeline_options_t *opts, cg_diag_fn diag, void *dud,
                               size_t *nbad, cg_errinfo_t *err);

/**
 * cg_pipeline_collect into a claim set (graph.h) instead of a list: each article's
 * claims, or each block of a claims file, are added to @p out as they arrive, so the
 * corpus is never held as cg_claim_t records. The set gets the same claims in the same
 * order.
 */
cg_error_t cg_pipeline_collect_set(cg_claimset_t *out, const char *const *inputs, size_t n,
                                   const cg_pipeline_options_t *opts, cg_diag_fn diag, void *dud,
                                   size_t *nbad, cg_errinfo_t *err);

#ifdef __cplusplus
}
#endif
#endif
