/* Internal helpers: a growable byte buffer, checked allocation, string duplication. */
#ifndef CG_UTIL_BUF_H
#define CG_UTIL_BUF_H

#include <stddef.h>

/** A growable byte buffer, always NUL-terminated when data != NULL. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} cg_buf_t;

#define CG_BUF_INIT {NULL, 0, 0}

/** Ensures room for @p extra more bytes plus a NUL. Returns 0, or -1 on ENOMEM. */
int cg_buf__grow(cg_buf_t *b, size_t extra);
int cg_buf__append(cg_buf_t *b, const void *data, size_t len);
int cg_buf__puts(cg_buf_t *b, const char *s);
int cg_buf__putc(cg_buf_t *b, char c);
/** Takes the data (caller frees); leaves @p b empty. Never NULL unless ENOMEM. */
char *cg_buf__detach(cg_buf_t *b);
void cg_buf__free(cg_buf_t *b);

/** strdup that accepts NULL (returns NULL). */
char *cg__strdup(const char *s);
/** Copies @p len bytes and NUL-terminates; NULL on ENOMEM. */
char *cg__strndup(const char *s, size_t len);

/** Grows *@p items (of @p size bytes each) so that index @p need - 1 fits. 0 or -1. */
int cg__grow_array(void **items, size_t *cap, size_t need, size_t size);

#endif
