/* Standard input with a look ahead (see stdin.h). One reader at a time, like stdin. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "1-input/stdin.h"

/* bytes read ahead: data[pos, len) are still to be handed out */
static char *ahead;
static size_t ahead_pos, ahead_len, ahead_cap;
static int ahead_eof;

/** Reads more of standard input behind what is kept; bytes read, 0 at the end, -1. */
static ssize_t read_ahead(void)
{
    ssize_t k;

    if (ahead_cap - ahead_len < 4096) {
        size_t cap = ahead_cap ? 2 * ahead_cap : 65536;
        char *p = realloc(ahead, cap);

        if (!p) {
            errno = ENOMEM;
            return -1;
        }
        ahead = p;
        ahead_cap = cap;
    }
    do
        k = read(STDIN_FILENO, ahead + ahead_len, ahead_cap - ahead_len);
    while (k < 0 && errno == EINTR);
    if (k > 0)
        ahead_len += (size_t)k;
    else if (k == 0)
        ahead_eof = 1;
    return k;
}

int cg_input__stdin_first_line(const char **line, size_t *len)
{
    size_t i = ahead_pos, start = ahead_pos;

    for (;;) {
        for (; i < ahead_len; i++) {
            char c = ahead[i];

            if (c == '\n') {
                if (i > start) {
                    *line = ahead + start;
                    *len = i - start;
                    return 0;
                }
                start = i + 1; /* a blank line */
            } else if (c == ' ' || c == '\t' || c == '\r') {
                if (i == start)
                    start = i + 1;
            }
        }
        if (ahead_eof || ahead_len - ahead_pos >= CG_INPUT__PEEK_MAX)
            break;
        if (read_ahead() < 0)
            return -1;
    }
    *line = ahead + start;
    *len = ahead_len - start;
    return 1;
}

ssize_t cg_input__stdin_read(void *buf, size_t n)
{
    ssize_t k;

    if (ahead_pos < ahead_len) {
        size_t m = ahead_len - ahead_pos < n ? ahead_len - ahead_pos : n;

        memcpy(buf, ahead + ahead_pos, m);
        ahead_pos += m;
        if (ahead_pos == ahead_len) { /* all handed out: the buffer goes */
            free(ahead);
            ahead = NULL;
            ahead_pos = ahead_len = ahead_cap = 0;
        }
        return (ssize_t)m;
    }
    if (ahead_eof)
        return 0;
    do
        k = read(STDIN_FILENO, buf, n);
    while (k < 0 && errno == EINTR);
    return k;
}

static ssize_t cookie_read(void *cookie, char *buf, size_t n)
{
    (void)cookie;
    return cg_input__stdin_read(buf, n);
}

FILE *cg_input__stdin_file(void)
{
    cookie_io_functions_t io = {cookie_read, NULL, NULL, NULL};

    return fopencookie(NULL, "r", io);
}
