/*
 * claimgraph — claims: the records that extraction produces and graph building reads.
 *
 * A claim is one attributed statement: its words, where they stand in the article
 * (UTF-8 byte offsets, half-open), who made it, the cue, the article's outlet and any
 * intermediary outlets. Claims travel between stages as JSON Lines (see
 * schema/claims.schema.json), so extraction (map) and graph building (reduce) can run
 * on different machines.
 */
#ifndef CLAIMGRAPH_CLAIMS_H
#define CLAIMGRAPH_CLAIMS_H

#include <stddef.h>
#include <stdio.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A half-open UTF-8 byte range [start, end) in an article. */
typedef struct {
    size_t start;
    size_t end;
} cg_span_t;

typedef enum { CG_CLAIM_DIRECT, CG_CLAIM_INDIRECT, CG_CLAIM_MIXED } cg_claim_type_t;

typedef enum {
    CG_SPEAKER_PERSON,
    CG_SPEAKER_ORGANIZATION,
    CG_SPEAKER_DOCUMENT,
    CG_SPEAKER_OUTLET,
    CG_SPEAKER_GROUP,
    CG_SPEAKER_UNKNOWN
} cg_speaker_kind_t;

typedef enum { CG_RELATION_DISPUTES, CG_RELATION_RESPONDS_TO } cg_relation_type_t;

/** A claim-to-claim relation: this claim disputes / responds to the target claim. */
typedef struct {
    cg_relation_type_t type;
    char *target_text;    /**< the target claim's text (owned) */
    char *target_speaker; /**< the target claim's speaker name (owned) */
} cg_relation_t;

/** One claim. Every pointer is owned by the claim; optional strings may be NULL. */
typedef struct {
    char *doc;                   /**< document name as the reader gave it */
    cg_claim_type_t type;
    char *text;                  /**< the claim's words as they stand in the file (pieces
                                      joined with a single space when interrupted) */
    cg_span_t *spans;            /**< byte spans of the text in the file, in order */
    size_t nspans;
    char *speaker_name;          /**< canonical name ("" never; "unknown" when unresolved) */
    char *speaker_mention;       /**< surface form at this claim, or NULL */
    cg_span_t speaker_span;      /**< valid when has_speaker_span */
    int has_speaker_span;
    cg_speaker_kind_t speaker_kind;
    char *cue_text;              /**< NULL when there is no cue */
    cg_span_t cue_span;          /**< valid when cue_text != NULL */
    char *outlet;                /**< the article's outlet, or NULL */
    char *url;                   /**< the article's URL, date and author as its metadata
                                      gave them (JSON Lines fields, manifest), or NULL */
    char *date;
    char *author;
    char **via;                  /**< intermediary outlets, in order of mention */
    size_t nvia;
    cg_relation_t *relations;
    size_t nrelations;
} cg_claim_t;

/** A growable list of claims. Stack object: cg_claims_init / cg_claims_destroy. */
typedef struct {
    cg_claim_t *items;
    size_t count;
    size_t cap;
} cg_claims_t;

void cg_claims_init(cg_claims_t *list);
/** Frees every claim and the array; leaves @p list empty and reusable. */
void cg_claims_destroy(cg_claims_t *list);
/** Frees what one claim owns (not the claim itself). */
void cg_claim_clear(cg_claim_t *c);

/**
 * Appends a zeroed claim and returns it (borrowed: valid until the next push or
 * destroy), or NULL when out of memory.
 */
cg_claim_t *cg_claims_push(cg_claims_t *list);

/** Moves every claim of @p src to the end of @p dst; @p src is left empty. */
cg_error_t cg_claims_move(cg_claims_t *dst, cg_claims_t *src);

/** Adds a span to @p c. */
cg_error_t cg_claim_add_span(cg_claim_t *c, size_t start, size_t end);
/** Adds an intermediary outlet (copied; duplicates ignored). */
cg_error_t cg_claim_add_via(cg_claim_t *c, const char *outlet);
/** Adds a relation (strings copied). */
cg_error_t cg_claim_add_relation(cg_claim_t *c, cg_relation_type_t type, const char *target_text,
                                 const char *target_speaker);

/** Names used in JSON for the enums ("direct", "person", "disputes", ...). */
const char *cg_claim_type_name(cg_claim_type_t t);
const char *cg_speaker_kind_name(cg_speaker_kind_t k);
const char *cg_relation_type_name(cg_relation_type_t t);
/** Parses those names; return -1 when unknown. */
int cg_claim_type_parse(const char *s);
int cg_speaker_kind_parse(const char *s);
int cg_relation_type_parse(const char *s);

/**
 * Writes one claim as a single JSON line (with a trailing newline) to @p fp, with a
 * fixed key order. Returns CG_OK or CG_EIO.
 */
cg_error_t cg_claim_write_json(FILE *fp, const cg_claim_t *c);

/**
 * Parses one JSON line into @p out (zeroed first; caller clears with cg_claim_clear).
 * @p file and @p line are used for error messages. Returns CG_EINPUT on a bad record.
 */
cg_error_t cg_claim_parse_json(cg_claim_t *out, const char *json, size_t len, const char *file,
                               size_t line, cg_errinfo_t *err);

/** Returns non-zero when a JSON object line looks like a claim (has "speaker"). */
int cg_claims_line_is_claim(const char *json, size_t len);

/**
 * Reads a claims JSON Lines file ("-" for stdin) and appends its claims to @p list.
 * Blank lines are skipped. Returns CG_OK, or an error naming the file and line.
 */
cg_error_t cg_claims_read_file(cg_claims_t *list, const char *path, cg_errinfo_t *err);

/** Takes claim @p c over (moving or clearing it) and returns 0; or returns non-zero (out
 * of memory) and leaves @p c to the caller. */
typedef int (*cg_claim_sink_fn)(cg_claim_t *c, void *ud);

/**
 * Reads a claims JSON Lines file ("-" for stdin) one line at a time and hands each claim
 * to @p sink, in file order. Blank lines are skipped. Returns CG_OK, or an error naming
 * the file and line (the first bad line ends the file; CG_ENOMEM when the sink fails).
 */
cg_error_t cg_claims_read_each(const char *path, cg_claim_sink_fn sink, void *ud,
                               cg_errinfo_t *err);

#ifdef __cplusplus
}
#endif
#endif
