/* The word lists of data/lexicons/, embedded at build time by cmake/embed.cmake. */
#ifndef CG_LEXICON_DATA_H
#define CG_LEXICON_DATA_H

#include <stddef.h>

typedef struct {
    const char *name; /**< file name without .txt */
    const char *text; /**< file contents, NUL-terminated */
    size_t len;
} cg_lexicon_blob_t;

/** Terminated by an entry whose name is NULL. */
extern const cg_lexicon_blob_t cg_lexicon_blobs[];

#endif
