/*
 * A bump allocator for the graph's strings and arrays: one free for millions of blocks.
 *
 * Chunks are anonymous mappings of their own (not malloc'ed) so that cg_graph__pool_spill
 * can move them into a file: the texts, ids and evidence of a big graph are not read
 * for most of its build nor while it is analysed, and as file pages they leave the
 * resident set until the graph is written out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "0-util/bigmem.h"
#include "3-graph/graph_internal.h"

#define CHUNK_BYTES ((size_t)8 << 20)

struct cg_graph__chunk {
    cg_graph__chunk_t *next;
    size_t used, cap;
    size_t mapped; /**< bytes of the mapping this header starts */
    int spilled;   /**< the mapping is a file's (cg_graph__pool_spill) */
    _Alignas(16) unsigned char data[];
};

/** A chunk of at least @p cap data bytes (all of its pages' bytes), or NULL on ENOMEM. */
static cg_graph__chunk_t *chunk_new(size_t cap)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), len;
    cg_graph__chunk_t *c;
    void *m;

    if (cap > SIZE_MAX - sizeof *c - page)
        return NULL;
    len = (sizeof *c + cap + page - 1) & ~(page - 1);
    m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    cg_big_hint(m, len);
    c = m;
    c->next = NULL;
    c->mapped = len;
    c->cap = len - sizeof *c;
    c->used = 0;
    c->spilled = 0;
    return c;
}

void *cg_graph__pool_alloc(cg_graph__pool_t *p, size_t size, size_t align)
{
    cg_graph__chunk_t *c = p->head;
    size_t at;

    if (c) {
        at = (c->used + align - 1) & ~(align - 1);
        if (at <= c->cap && size <= c->cap - at) {
            c->used = at + size;
            return c->data + at;
        }
    }
    {
        int big = size > CHUNK_BYTES / 4;
        cg_graph__chunk_t *n = chunk_new(big ? size : CHUNK_BYTES);

        if (!n)
            return NULL;
        n->used = size;
        p->bytes += n->cap;
        if (big && c) {
            /* a big block: its own chunk, behind the current one so that stays in use */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            p->head = n;
        }
        return n->data;
    }
}

char *cg_graph__pool_strndup(cg_graph__pool_t *p, const char *s, size_t len)
{
    char *d = cg_graph__pool_alloc(p, len + 1, 1);

    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void cg_graph__pool_adopt(cg_graph__pool_t *dst, cg_graph__pool_t *src)
{
    cg_graph__chunk_t *last = src->head;

    if (!last)
        return;
    /* src's chunks go behind dst's current one, which keeps serving small blocks */
    while (last->next)
        last = last->next;
    if (dst->head) {
        last->next = dst->head->next;
        dst->head->next = src->head;
    } else {
        dst->head = src->head;
    }
    dst->bytes += src->bytes;
    src->head = NULL;
    src->bytes = 0;
}

void cg_graph__pool_free(cg_graph__pool_t *p)
{
    cg_graph__chunk_t *c = p->head;

    while (c) {
        cg_graph__chunk_t *next = c->next;

        munmap(c, c->mapped);
        c = next;
    }
    p->head = NULL;
    p->bytes = 0;
}

void cg_graph__pool_drop_pages(cg_graph__pool_t *p)
{
    cg_graph__chunk_t *c;

    for (c = p->head; c; c = c->next)
        cg_big_drop(c->data, c->cap);
}

int cg_graph__pool_spill(cg_graph__pool_t *p)
{
    cg_graph__chunk_t *c;
    cg_spill_t file;

    if (cg_spill_open(&file))
        return -1;
    for (c = p->head; c; c = c->next) {
        if (c->spilled) { /* moved before: what was read since goes again (nothing lost) */
            cg_big_drop(c, c->mapped);
            continue;
        }
        /* a chunk is a whole mapping: every page of it moves, header included */
        if (cg_spill_move(&file, c, c->mapped))
            break;
        c->spilled = 1;
    }
    cg_spill_close(&file);
    return c ? -1 : 0;
}

void cg_graph__pool_restore(cg_graph__pool_t *p)
{
    cg_graph__chunk_t *c;

    for (c = p->head; c; c = c->next)
        if (c->spilled && cg_spill_restore(c, c->mapped) == 0)
            c->spilled = 0;
}
