/* Claims as JSON Lines, for the pipeline: appended to a buffer, without a FILE. */
#ifndef CG_EXTRACT_CLAIMS_JSON_H
#define CG_EXTRACT_CLAIMS_JSON_H

#include "0-util/buf.h"
#include "claimgraph/claims.h"

/**
 * Appends claim @p c to @p b as one JSON Lines record, the bytes cg_claim_write_json
 * writes. CG_OK; CG_EINPUT when a string is not valid UTF-8, CG_ENOMEM: then @p b is as
 * it was (its capacity aside).
 */
cg_error_t cg_claim__json_append(cg_buf_t *b, const cg_claim_t *c);

#endif
