/*
 * Internals shared by the files of stage 3 (and the analysis stage's mutators).
 *
 * pool.c      a bump allocator (the claim set's strings and a built graph's node data)
 * claimset.c  the claim set: claims as small records over interned strings
 * graph.c     the container: nodes, edges, sorting, lookup, subgraph
 * text.c      text normalisation, slugs, honorific stripping, content ids
 * merge.c     speaker canonicalisation (one node per real entity)
 * build.c     cg_graph_build(_set): claims -> nodes and edges
 * json_write.c / json_read.c   graph.json out and in
 *
 * Ownership: a graph made by cg_graph_build or read by cg_graph_read_json is "pooled":
 * its nodes' strings and arrays live in its pool (a built graph's are many of them the
 * claim set's own strings, which the graph took over) and are freed all at once. A graph
 * made by cg_graph_subgraph owns each string as its own malloc'ed block.
 */
#ifndef CG_GRAPH_INTERNAL_H
#define CG_GRAPH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "0-util/bigmem.h"
#include "0-util/buf.h"
#include "0-util/radix.h"
#include "claimgraph/graph.h"

/* ---- pool.c ----------------------------------------------------------------- */

typedef struct cg_graph__chunk cg_graph__chunk_t;

/**
 * A bump allocator: many small blocks carved from large chunks, all freed at once.
 * Stack object, zero-initialised; blocks never move.
 */
typedef struct {
    cg_graph__chunk_t *head;
    size_t bytes; /**< bytes held in chunks */
} cg_graph__pool_t;

/** @p size bytes aligned to @p align (a power of two, <= 16), or NULL on ENOMEM. */
void *cg_graph__pool_alloc(cg_graph__pool_t *p, size_t size, size_t align);
/** A NUL-terminated copy of @p len bytes of @p s in the pool, or NULL on ENOMEM. */
char *cg_graph__pool_strndup(cg_graph__pool_t *p, const char *s, size_t len);
/** Moves every chunk of @p src into @p dst (src is left empty). */
void cg_graph__pool_adopt(cg_graph__pool_t *dst, cg_graph__pool_t *src);
/** Frees every chunk. */
void cg_graph__pool_free(cg_graph__pool_t *p);
/** madvise(MADV_DONTNEED) over the whole pages inside every chunk (cg_graph__drop_node_pages). */
void cg_graph__pool_drop_pages(cg_graph__pool_t *p);
/**
 * Moves every chunk into an unnamed temporary file in $TMPDIR (else /tmp), mapped
 * shared at the same address: blocks keep their addresses and contents, but their pages
 * are the file's, which leave the resident set until they are read again (the kernel may
 * write them out under memory pressure; the file goes when the pool is freed). Chunks
 * moved by an earlier call give back the pages read since. 0, or -1 when the file cannot
 * be made (chunks not moved stay as they were: still valid).
 */
int cg_graph__pool_spill(cg_graph__pool_t *p);
/**
 * Brings moved chunks back into private memory (huge pages where they fit), piece by
 * piece (cg_spill_restore): reading them at random then costs no more than before they
 * were moved. Chunks that cannot be brought back stay the file's (still valid).
 */
void cg_graph__pool_restore(cg_graph__pool_t *p);



struct cg_graph {
    cg_node_t *nodes;
    size_t nnodes, capnodes;
    cg_edge_t *edges;
    size_t nedges, capedges;
    cg_analysis_t analysis;
    /** When set, every string and array the nodes point to lives in @p pool (nodes are
     *  not cleared one by one); otherwise each is its own malloc'ed block. */
    int pooled;
    cg_graph__pool_t pool;
    /** The node array's pages are an unnamed file's (cg_graph__spill_nodes): giving them
     *  back (cg_graph__release_nodes) loses nothing. No node is pushed after that. */
    int nodes_spilled;
};

/**
 * Moves the node array's whole pages into an unnamed temporary file mapped at the same
 * addresses (cg_spill_move; the array is not grown afterwards). 0, or -1 when not moved.
 */
int cg_graph__spill_nodes(cg_graph_t *g);

/* ---- claimset.c ------------------------------------------------------------- */

#define CG_GRAPH__NOSTR UINT32_MAX

/**
 * One claim in a claim set. Strings are ids into the set's interned strings
 * (CG_GRAPH__NOSTR for NULL). spans points into the set's pool: nspans text spans, then
 * the speaker span when has_speaker_span, then the cue span when cue is set. extra
 * indexes the set's extra array: nvia outlet ids, then nrel (type, text, speaker) triples.
 */
typedef struct {
    cg_span_t *spans;
    uint32_t doc, text, name, mention, cue, outlet;
    uint32_t nspans, extra, nvia, nrel;
    uint8_t type, kind, has_speaker_span;
} cg_graph__rec_t;

/** A document's metadata (string ids; CG_GRAPH__NOSTR for none). */
typedef struct {
    uint32_t doc, url, date, author;
} cg_graph__meta_t;

struct cg_claimset {
    cg_graph__pool_t pool;  /**< strings and spans */
    cg_graph__pool_t tpool; /**< claim texts (strings first seen as one): the build reads
                                 them once, to key the claims, and can then move them
                                 out of memory (build.c) */
    const char **strs;     /**< interned strings by id */
    uint32_t *lens;
    size_t nstrs, capstrs;
    uint64_t *slots; /**< hash table: (upper 32 bits of hash, which also give the home
                          slot) << 32 | (id + 1); 0 = empty */
    size_t nslots;
    cg_graph__rec_t *recs;
    size_t nrecs, caprecs;
    uint32_t *extra;
    size_t nextra, capextra;
    cg_graph__meta_t *meta; /**< documents' metadata: an entry where a run of claims of one
                                 document that carry any begins (the build keeps the
                                 first of each document) */
    size_t nmeta, capmeta;
};

/** Frees what @p set holds and leaves it empty (its pool's strings, unless a graph took
 * the pool over, are freed with it). */
void cg_graph__claimset_clear(cg_claimset_t *set);

/** The id of @p s (length @p len) in @p set, interning it; CG_GRAPH__NOSTR on ENOMEM. */
uint32_t cg_graph__intern(cg_claimset_t *set, const char *s, size_t len);
/** cg_graph__intern with a new string's bytes put in @p pool (set->pool or set->tpool). */
uint32_t cg_graph__intern_in(cg_claimset_t *set, cg_graph__pool_t *pool, const char *s,
                             size_t len);
/** The id of @p s if it is interned, else CG_GRAPH__NOSTR. Never inserts. */
uint32_t cg_graph__lookup(const cg_claimset_t *set, const char *s, size_t len);

/* ---- graph.c ---------------------------------------------------------------- */

/** A new empty graph, or NULL on ENOMEM. */
cg_graph_t *cg_graph__new(void);

/**
 * Appends a zeroed node (cluster -1) and returns it (borrowed until the next push),
 * or NULL on ENOMEM. The caller fills it with malloc'ed strings the graph then owns.
 */
cg_node_t *cg_graph__push_node(cg_graph_t *g);

/** Appends an edge between node indexes (as they are now). 0, or -1 on ENOMEM. */
int cg_graph__push_edge(cg_graph_t *g, size_t source, size_t target, cg_edge_type_t type,
                        double weight);

/** Frees what a node owns (not the node itself). */
void cg_graph__node_clear(cg_node_t *n);

/** Deep copy of @p src into @p dst (zeroed first). 0, or -1 on ENOMEM (dst cleared). */
int cg_graph__node_copy(cg_node_t *dst, const cg_node_t *src);

/** Frees what an evidence record owns. */
void cg_graph__evidence_clear(cg_evidence_t *e);

/** How cg_graph__finish treats two edges with the same (source, target, type). */
typedef enum { CG_GRAPH__EDGES_MERGE, CG_GRAPH__EDGES_REJECT } cg_graph__edge_policy_t;

/**
 * Sorts the nodes by id (rewriting edge ends), then the edges by (source id, target id,
 * type). Duplicate node ids are an error (CG_EINPUT). Duplicate edges are merged
 * (weights summed) or rejected (CG_EINPUT), per @p policy. Messages name the nodes'
 * or edges' positions as they were pushed ("nodes[3]", "edges[7]"). @p file is put in
 * the error record. Edges may be pushed after the nodes were already finished by a
 * previous call: the node sort is then a no-op.
 */
cg_error_t cg_graph__finish(cg_graph_t *g, cg_graph__edge_policy_t policy, const char *file,
                            cg_errinfo_t *err);

/**
 * The indexes 0..n-1 of an array of @p n elements of @p size bytes, ordered by the
 * string pointer found @p key_offset bytes into each element (strcmp), ties by index.
 * Reentrant (no file-level state, unlike a qsort comparator reading a global).
 * Returns a malloc'ed array (caller frees; NULL on ENOMEM or when n is 0).
 */
size_t *cg_graph__order(const void *base, size_t n, size_t size, size_t key_offset);


/* ---- text.c ----------------------------------------------------------------- */

/**
 * Lowercase word tokens joined by single spaces. Words are runs of Unicode letters,
 * marks and digits (bytes that are not valid UTF-8 count as word characters).
 * Returns a new string (caller frees), or NULL on ENOMEM.
 */
char *cg_graph__normalize(const char *s);
/** cg_graph__normalize into @p out (its contents replaced; NUL-terminated). 0 or -1. */
int cg_graph__normalize_into(cg_buf_t *out, const char *s);

/** Non-zero when @p tok (one normalised token) is a general honorific or rank. */
int cg_graph__is_title(const char *tok, size_t len);

/**
 * The normalised key of a speaker name: tokens, with leading honorifics removed when
 * @p strip_titles and a non-title word follows them ("prime minister" stays whole).
 * "" when the name has no word.
 * Caller frees; NULL on ENOMEM.
 */
char *cg_graph__speaker_key(const char *name, int strip_titles);

/**
 * Non-zero when the last word of @p s starts with an upper-case letter ("Alma Quist",
 * "Mr O'Neill"), i.e. it reads as a proper name rather than a description ("analyst").
 */
int cg_graph__last_word_capitalized(const char *s);

/** The normalised key of an outlet name (a leading "the" dropped). Caller frees. */
char *cg_graph__outlet_key(const char *name);

/** "<prefix><key with spaces as '-'>". Caller frees; NULL on ENOMEM. */
char *cg_graph__id_from_key(const char *prefix, const char *key);

/**
 * The id of the article node for document @p doc: "article:<doc>" when doc uses only
 * [a-z0-9._/-], else "article:<slug>~<8 hex of its hash>". Caller frees.
 */
char *cg_graph__article_id(const char *doc);

/** Non-zero when @p cue reads as an interview ("told", "speaking to", ...). */
int cg_graph__cue_is_interview(const char *cue);

/** Non-zero when @p name stands for no speaker (NULL, "", "unknown"). */
int cg_graph__speaker_is_unknown(const char *name);

/* ---- merge.c ---------------------------------------------------------------- */

/** One speaker entity: the node a set of surface names resolves to. */
typedef struct {
    char *id;    /**< "speaker:<slug>" */
    char *label; /**< canonical surface name */
    cg_speaker_kind_t kind;
    char **aliases; /**< other surface names, sorted */
    size_t naliases;
} cg_graph__speaker_t;

typedef struct cg_graph__speakers cg_graph__speakers_t;

/**
 * Resolves the speakers of the claims of @p set into entities. The result depends only on
 * the multiset of (speaker_name, speaker_kind) pairs, never on the claims' order.
 * Caller frees with cg_graph__speakers_free.
 */
cg_error_t cg_graph__speakers_build(cg_graph__speakers_t **out, const cg_claimset_t *set);
void cg_graph__speakers_free(cg_graph__speakers_t *s);

size_t cg_graph__speakers_count(const cg_graph__speakers_t *s);
/** Entity @p i (borrowed); entities are sorted by id. */
cg_graph__speaker_t *cg_graph__speakers_get(cg_graph__speakers_t *s, size_t i);

/** The entity of a claim's speaker (interned name id and kind), or -1 (unknown). O(log n). */
long cg_graph__speakers_find(const cg_graph__speakers_t *s, uint32_t name, cg_speaker_kind_t kind);
/** The entity of a bare name (any kind seen with it), or -1. O(log n). */
long cg_graph__speakers_find_name(const cg_graph__speakers_t *s, const char *name);

#endif
