/* A bump allocator for the graph's strings and arrays: one free for millions of blocks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/bigmem.h"
#include "3-graph/graph_internal.h"

#define CHUNK_BYTES ((size_t)8 << 20)

struct cg_graph__chunk {
    cg_graph__chunk_t *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

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
        size_t cap = size > CHUNK_BYTES / 4 ? size : CHUNK_BYTES;
        cg_graph__chunk_t *n = malloc(sizeof *n + cap);

        if (!n)
            return NULL;
        cg_big_hint(n, sizeof *n + cap);
        n->cap = cap;
        n->used = size;
        p->bytes += cap;
        if (cap == size && c) {
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

        free(c);
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
