/* Extraction of articles that came from the reader, for the pipeline. */
#ifndef CG_EXTRACT_EXTRACT_READ_H
#define CG_EXTRACT_EXTRACT_READ_H

#include "claimgraph/extract.h"

/**
 * cg_extract_article_with for an article from the reader (cg_reader_next and the
 * pipeline's own reading), whose text the reader has already found to be valid UTF-8
 * (every way in checks it: text files, standard input, JSON Lines): the same claims,
 * without checking the text a second time.
 */
cg_error_t cg_extract__article_read(cg_claims_t *out, const cg_article_t *a,
                                    cg_extract_scratch_t *scratch, cg_errinfo_t *err);

#endif
