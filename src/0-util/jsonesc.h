/*
 * JSON string escaping shared by the two hand-written JSON writers (claims JSON Lines in
 * 2-extract/claims_json.c, graph.json in 3-graph/json_write.c). The bytes are those of
 * Jansson's compact dump: '"', '\\' and the control characters escaped ("\n", "\t", ...,
 * "\u00XX" with upper-case hex), everything else (valid UTF-8) copied as it is.
 */
#ifndef CG_UTIL_JSONESC_H
#define CG_UTIL_JSONESC_H

#include <stddef.h>

/** Length of the run at @p u that a JSON string holds as it is (up to '"', '\\', a
 * control character or the terminating NUL). */
static inline size_t cg__json_plain_run(const unsigned char *u)
{
    const unsigned char *p = u;

    while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
    return (size_t)(p - u);
}

/** The escape of byte @p c ('"', '\\' or a control character) into @p out; its length. */
static inline size_t cg__json_escape_byte(unsigned char c, char out[6])
{
    static const char hex[] = "0123456789ABCDEF";
    char short_form = 0;

    switch (c) {
    case '"': short_form = '"'; break;
    case '\\': short_form = '\\'; break;
    case '\b': short_form = 'b'; break;
    case '\f': short_form = 'f'; break;
    case '\n': short_form = 'n'; break;
    case '\r': short_form = 'r'; break;
    case '\t': short_form = 't'; break;
    default: break;
    }
    out[0] = '\\';
    if (short_form) {
        out[1] = short_form;
        return 2;
    }
    out[1] = 'u';
    out[2] = '0';
    out[3] = '0';
    out[4] = hex[c >> 4];
    out[5] = hex[c & 15];
    return 6;
}

#endif
