/*
 * claimgraph — stage 2: attribution extraction.
 *
 * Finds every attributed statement in one article: direct quotes, reported speech,
 * mixed quotes, statements of reports and documents; resolves each speaker within the
 * article (pronouns, titles, descriptions, surnames, misspellings); finds the
 * article's own outlet and intermediary outlets; links claims that dispute or answer
 * each other. Word lists (reporting verbs, attribution nouns, titles, pronouns, ...)
 * live in data/lexicons/ and are compiled in.
 *
 * Thread safety: cg_extract_article may run on many threads at once after
 * cg_extract_init() has returned.
 */
#ifndef CLAIMGRAPH_EXTRACT_H
#define CLAIMGRAPH_EXTRACT_H

#include "article.h"
#include "claims.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Prepares the compiled-in lexicons. Idempotent; call once before starting threads
 * (cg_extract_article calls it too, but not thread-safely).
 */
cg_error_t cg_extract_init(void);

/** Frees the lexicons (for leak checkers; optional). */
void cg_extract_shutdown(void);

/**
 * Appends the claims found in @p a to @p out, in order of their position in the text.
 * Time and memory are linear in the article's length.
 * Returns CG_OK, CG_ENOMEM, or CG_EINPUT for text that is not valid UTF-8.
 */
cg_error_t cg_extract_article(cg_claims_t *out, const cg_article_t *a, cg_errinfo_t *err);

/** Working memory kept from one extraction to the next, for one thread. Opaque. */
typedef struct cg_extract_scratch cg_extract_scratch_t;

/** A new, empty scratch (NULL on ENOMEM). Free with cg_extract_scratch_free(). */
cg_extract_scratch_t *cg_extract_scratch_new(void);

/** Frees @p s and the memory it keeps (NULL is fine). */
void cg_extract_scratch_free(cg_extract_scratch_t *s);

/**
 * cg_extract_article, with the working arrays taken from @p scratch and kept there
 * afterwards, so that a thread extracting many articles allocates (and faults in) its
 * memory once. @p scratch may be NULL; one scratch serves one thread at a time.
 * Same result as cg_extract_article.
 */
cg_error_t cg_extract_article_with(cg_claims_t *out, const cg_article_t *a,
                                   cg_extract_scratch_t *scratch, cg_errinfo_t *err);

/**
 * The outlet that published @p a: its metadata when given, else one found in the
 * text (copyright line, domain, byline block). Returns a newly allocated string
 * (caller frees with free()) or NULL when none is found.
 */
char *cg_extract_outlet(const cg_article_t *a);

#ifdef __cplusplus
}
#endif
#endif
