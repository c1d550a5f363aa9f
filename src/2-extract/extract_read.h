/* Extraction of articles that came from the reader, for the pipeline. */
#ifndef CG_EXTRACT_EXTRACT_READ_H
#define CG_EXTRACT_EXTRACT_READ_H

#include "0-util/buf.h"
#include "claimgraph/extract.h"

/**
 * cg_extract_article_with for an article from the reader (cg_reader_next and the
 * pipeline's own reading), whose text the reader has already found to be valid UTF-8
 * (every way in checks it: text files, standard input, JSON Lines): the same claims,
 * without checking the text a second time.
 */
cg_error_t cg_extract__article_read(cg_claims_t *out, const cg_article_t *a,
                                    cg_extract_scratch_t *scratch, cg_errinfo_t *err);

/**
 * cg_extract__article_read, with the claims appended to @p json as JSON Lines (the bytes
 * cg_claim_write_json writes for each) instead of made into a list: no allocation per
 * claim. A claim with a string that is not valid UTF-8 is left out and counted in
 * *@p nskip; *@p nout counts the claims written. CG_ENOMEM may leave part of an
 * article's claims in @p json.
 */
cg_error_t cg_extract__article_json(cg_buf_t *json, const cg_article_t *a,
                                    cg_extract_scratch_t *scratch, size_t *nout, size_t *nskip,
                                    cg_errinfo_t *err);

#endif
