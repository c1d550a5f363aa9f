/*
 * claimgraph — stage 1: reading articles.
 *
 * Inputs are plain-text files, folders (every *.txt inside, recursively, in sorted
 * byte order), JSON Lines files (*.jsonl: one article object per line with "text" and
 * optional "doc"/"id", "url", "outlet", "date", "author", "title"), or "-" for stdin
 * (JSON Lines when the first non-blank byte is '{', plain text otherwise).
 *
 * A sidecar manifest (JSON Lines, one object per line with "doc" or "path" naming an
 * input file and any of "url", "outlet", "date", "author", "title") supplies metadata
 * for plain-text files. A folder's "manifest.jsonl" is read automatically.
 */
#ifndef CLAIMGRAPH_ARTICLE_H
#define CLAIMGRAPH_ARTICLE_H

#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One article. All strings are owned by the article and NUL-terminated. */
typedef struct {
    char *doc;    /**< document name: the input path as given, or "path:LINE" / the
                       record's "doc"/"id" field for JSON Lines */
    char *text;   /**< the article's bytes (valid UTF-8 after loading; a UTF-8 BOM is
                       kept so offsets stay file offsets) */
    size_t len;   /**< length of text in bytes */
    char *url;    /**< NULL when unknown */
    char *outlet; /**< publisher supplied by metadata; NULL when unknown */
    char *date;   /**< NULL when unknown */
    char *author; /**< NULL when unknown */
    char *title;  /**< NULL when unknown */
    size_t seq;   /**< 0-based position of the article in the input stream */
} cg_article_t;

/** Frees an article and everything it owns (NULL is fine). */
void cg_article_free(cg_article_t *a);

/** Options for cg_reader_new(). Initialise with CG_READER_OPTIONS_INIT. */
typedef struct {
    const char *manifest; /**< path of a sidecar manifest, or NULL */
    size_t max_bytes;     /**< refuse articles larger than this (0: 1 GiB) */
} cg_reader_options_t;

#define CG_READER_OPTIONS_INIT {NULL, 0}

/** A streaming reader over a list of inputs. Opaque. */
typedef struct cg_reader cg_reader_t;

/**
 * Creates a reader over @p inputs (@p n paths; "-" is stdin). Paths are copied.
 * Caller frees with cg_reader_free(). Returns CG_OK, or an error (with @p err filled)
 * when the manifest cannot be read.
 */
cg_error_t cg_reader_new(cg_reader_t **out, const char *const *inputs, size_t n,
                         const cg_reader_options_t *opts, cg_errinfo_t *err);

/**
 * Reads the next article into @p out (caller frees with cg_article_free()).
 * Returns 1 when an article was read, 0 at the end of all inputs, or a negative
 * cg_error_t for a bad input, with @p err naming the file (and line). After an error
 * the reader moves on to the next input, so the caller may keep calling.
 * Bytes that are not valid UTF-8 are an error naming the byte offset; UTF-16 input
 * (with a BOM) is an error too.
 */
int cg_reader_next(cg_reader_t *r, cg_article_t **out, cg_errinfo_t *err);

/** Frees the reader (NULL is fine). */
void cg_reader_free(cg_reader_t *r);

/**
 * Makes an article from a buffer (copied). @p doc names it. Used by tests and fuzzers.
 * Returns CG_EINPUT (with @p err) when @p text is not valid UTF-8.
 */
cg_error_t cg_article_from_buffer(cg_article_t **out, const char *doc, const char *text,
                                  size_t len, cg_errinfo_t *err);

#ifdef __cplusplus
}
#endif
#endif
