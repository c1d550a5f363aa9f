/* Encoding checks on raw article bytes (stage 1). */
#ifndef CG_INPUT_UTF8_H
#define CG_INPUT_UTF8_H

#include <stddef.h>
#include "claimgraph/error.h"

/**
 * Checks that @p len bytes at @p s are text claimgraph can read: valid UTF-8 (via
 * libunistring), no NUL bytes, not UTF-16/32. On failure fills @p err with @p file, the
 * 1-based @p line_base-relative line (for JSON Lines records, the record's line) and
 * the byte offset, and returns CG_EINPUT.
 */
cg_error_t cg_input__check_text(const char *s, size_t len, const char *file, size_t line,
                                cg_errinfo_t *err);

#endif
