/*
 * Internals of the reader shared with the extraction pool (6-pipeline): JSON Lines
 * records handed out unparsed, so that worker threads parse them in parallel.
 */
#ifndef CG_INPUT_READER_H
#define CG_INPUT_READER_H

#include <stddef.h>
#include "claimgraph/article.h"

/** One JSON Lines record as read, before parsing. */
typedef struct {
    const char *data; /**< the line (with its '\n' when it has one); borrowed from the
                           reader, valid until its next call */
    size_t len;       /**< bytes at data */
    const char *path; /**< the JSON Lines file; borrowed, valid until the reader is freed */
    size_t line;      /**< 1-based line number */
} cg_reader_record_t;

/**
 * Like cg_reader_next(), but a JSON Lines record is not parsed: returns 2 with @p rec
 * filled (parse it with cg_reader__parse, on any thread), 1 with *@p out set for any
 * other article, 0 at the end, or a negative cg_error_t with @p err filled.
 * The article's seq field is left 0: the caller numbers articles.
 */
int cg_reader__next_any(cg_reader_t *r, cg_article_t **out, cg_reader_record_t *rec,
                        cg_errinfo_t *err);

/**
 * Parses a record from cg_reader__next_any into an article (caller frees with
 * cg_article_free; seq left 0). Thread-safe: reads only the reader's sealed manifest.
 * Returns 1, or a negative cg_error_t with @p err naming the file and line.
 */
int cg_reader__parse(const cg_reader_t *r, const char *data, size_t len, const char *path,
                     size_t line, cg_article_t **out, cg_errinfo_t *err);

#endif
