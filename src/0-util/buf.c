/* Growable buffers and small allocation helpers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"

int cg_buf__grow(cg_buf_t *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (!p)
        return -1;
    p[b->len] = '\0'; /* always a string, even when nothing was appended yet */
    b->data = p;
    b->cap = cap;
    return 0;
}

int cg_buf__append(cg_buf_t *b, const void *data, size_t len)
{
    if (cg_buf__grow(b, len))
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int cg_buf__puts(cg_buf_t *b, const char *s)
{
    return cg_buf__append(b, s, strlen(s));
}

int cg_buf__putc(cg_buf_t *b, char c)
{
    return cg_buf__append(b, &c, 1);
}

char *cg_buf__detach(cg_buf_t *b)
{
    char *p;

    if (!b->data && cg_buf__grow(b, 0))
        return NULL;
    p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void cg_buf__free(cg_buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *cg__strdup(const char *s)
{
    return s ? cg__strndup(s, strlen(s)) : NULL;
}

char *cg__strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);

    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int cg__grow_array(void **items, size_t *cap, size_t need, size_t size)
{
    size_t n;
    void *p;

    if (need <= *cap)
        return 0;
    n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / size)
            return -1;
        n *= 2;
    }
    p = realloc(*items, n * size);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}
