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

/** Text files read in one batch (io_uring), private to reader.c. */
typedef struct cg_reader_batch cg_reader_batch_t;

/**
 * What a thread keeps to read text files with cg_reader__read_text: the folder of the
 * last file (opened relative to it), a read buffer and the files it read ahead in a
 * batch. Start with CG_READER_TEXTIO_INIT.
 */
typedef struct {
    int dir_fd; /**< -1: none */
    char *dir_path;
    size_t dir_len;
    char *fbuf;
    size_t fbuf_cap;
    cg_reader_batch_t *batch; /**< NULL until the first batch */
} cg_reader_textio_t;

#define CG_READER_TEXTIO_INIT {-1, NULL, 0, NULL, 0, NULL}

void cg_reader__textio_free(cg_reader_textio_t *t);

/**
 * Like cg_reader__next_any, but a text file is not read: returns 3 with *@p item set,
 * for cg_reader__read_text to read on any thread (so that reading files overlaps, and
 * the caller's lock is held only to pick the next input).
 */
int cg_reader__next_lazy(cg_reader_t *r, cg_article_t **out, cg_reader_record_t *rec,
                         const void **item, cg_errinfo_t *err);

/**
 * Reads the text file @p item from cg_reader__next_lazy with the calling thread's @p t
 * (thread-safe: it reads only what the reader fixed when it was made). Returns 1 with
 * *@p out set (seq 0), or a negative cg_error_t with @p err naming the file. Its
 * descriptor is left in *@p fd (-1: none) for cg_reader__release_fd; *@p emfile is set
 * when open() ran out of descriptors (cg_reader__close_fds, then try again).
 */
int cg_reader__read_text(const cg_reader_t *r, cg_reader_textio_t *t, const void *item,
                         cg_article_t **out, int *fd, int *emfile, cg_errinfo_t *err);

/**
 * Reads the text files @p items (from cg_reader__next_lazy, in the order they will be
 * read) ahead in one batch with the calling thread's @p t, one system call for all where
 * io_uring is there, so that cg_reader__read_text with the same @p t then finds them
 * read. Only regular files in the folder of the first are taken, at most
 * CG_READER_BATCH; the others are read the usual way. Returns how many were taken (0:
 * none, io_uring is not there). A file that failed in the batch is read again the usual
 * way by cg_reader__read_text, which reports its error as it always did.
 */
size_t cg_reader__read_ahead(const cg_reader_t *r, cg_reader_textio_t *t,
                             const void *const *items, size_t n);

/**
 * Makes @p t ready for cg_reader__read_ahead on the calling thread (its io_uring ring and
 * buffers), which would otherwise do it on first use: a thread that waits for the reader
 * to be made can do it meanwhile. Nothing happens where io_uring is not there.
 */
void cg_reader__textio_prepare(cg_reader_textio_t *t);

/** Text files one batch may hold at most. */
#define CG_READER_BATCH 32

/** Descriptors cg_reader__release_fd may hand back at once. */
#define CG_READER_FD_BATCH 64

/**
 * Hands a descriptor from cg_reader__read_text back, to be closed in a batch (one
 * thread at a time). When a batch is full, its descriptors are moved to @p batch (room
 * for CG_READER_FD_BATCH) and their number returned: the caller closes them with
 * cg_reader__close_batch, outside its lock (closing 64 files takes a while). Else 0.
 */
size_t cg_reader__release_fd(cg_reader_t *r, int fd, int *batch);
void cg_reader__close_batch(int *fds, size_t n);
/** Closes the descriptors handed back so far, now (one thread at a time). */
void cg_reader__close_fds(cg_reader_t *r);

#endif
