/*
 * claimgraph — errors.
 *
 * Every fallible function returns a cg_error_t: CG_OK (0) on success, a negative
 * code on failure. Functions that can say more fill a caller-provided cg_errinfo_t
 * (which may be NULL) with the file, the line/column or byte offset, and a message.
 */
#ifndef CLAIMGRAPH_ERROR_H
#define CLAIMGRAPH_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes. Negative on failure; lower-level codes are passed up unchanged. */
typedef enum {
    CG_OK = 0,
    CG_ENOMEM = -1,   /**< out of memory */
    CG_EIO = -2,      /**< reading or writing a file failed (see errno in message) */
    CG_EINPUT = -3,   /**< input is malformed (bad JSON, bad encoding, bad field) */
    CG_EINVAL = -4,   /**< invalid argument from the caller */
    CG_EIGRAPH = -5,  /**< igraph reported an error */
    CG_EGRAPHVIZ = -6 /**< Graphviz reported an error */
} cg_error_t;

/** Detail record for an error, like Jansson's json_error_t. */
typedef struct {
    char file[512];    /**< file the error is about ("" when none; "-" for stdin) */
    size_t line;       /**< 1-based line, 0 when not applicable */
    size_t column;     /**< 1-based column, 0 when not applicable */
    size_t offset;     /**< byte offset, meaningful when has_offset is set */
    int has_offset;
    char message[512]; /**< human-readable description, without the file name */
} cg_errinfo_t;

/** Static description of an error code; never NULL. */
const char *cg_strerror(cg_error_t code);

/** Clears @p info (safe with NULL). */
void cg_errinfo_clear(cg_errinfo_t *info);

/**
 * Fills @p info (safe with NULL) with @p file, @p line and a printf-style message.
 * Returns @p code so callers can write `return cg_errinfo_set(...)`.
 */
cg_error_t cg_errinfo_set(cg_errinfo_t *info, cg_error_t code, const char *file, size_t line,
                          const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/**
 * Formats @p info as "file:line:column: message" (the parts that are known) into
 * @p buf of @p size bytes. Returns @p buf.
 */
char *cg_errinfo_format(const cg_errinfo_t *info, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
