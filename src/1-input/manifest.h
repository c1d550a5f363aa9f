/* Sidecar manifests: metadata (url, outlet, date, author, title) for plain-text inputs. */
#ifndef CG_INPUT_MANIFEST_H
#define CG_INPUT_MANIFEST_H

#include <stddef.h>
#include "claimgraph/article.h"

typedef struct {
    char *key; /* "doc" or "path" as written in the manifest */
    char *url, *outlet, *date, *author, *title;
} cg_manifest_entry_t;

/** Entries sorted by key for binary search. */
typedef struct {
    cg_manifest_entry_t *items;
    size_t count, cap;
} cg_manifest_t;

/**
 * Reads a JSON Lines manifest and adds its entries to @p m. Errors name the file and
 * line. A record needs "doc" or "path" (string); other fields are optional strings.
 */
cg_error_t cg_manifest__load(cg_manifest_t *m, const char *path, cg_errinfo_t *err);

/** Sorts entries after loading (later entries win on equal keys). */
void cg_manifest__seal(cg_manifest_t *m);

/**
 * Finds metadata for @p doc: an entry whose key equals @p doc, else one whose key
 * equals @p doc's base name. Borrowed; NULL when none.
 */
const cg_manifest_entry_t *cg_manifest__find(const cg_manifest_t *m, const char *doc);

/** Copies the metadata strings of @p e into @p a where @p a has none. 0 or -1 (ENOMEM). */
int cg_manifest__apply(const cg_manifest_entry_t *e, cg_article_t *a);

void cg_manifest__free(cg_manifest_t *m);

#endif
