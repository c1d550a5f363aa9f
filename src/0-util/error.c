/* Error codes and detail records (cg_error_t, cg_errinfo_t). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claimgraph/error.h"

const char *cg_strerror(cg_error_t code)
{
    switch (code) {
    case CG_OK:
        return "success";
    case CG_ENOMEM:
        return "out of memory";
    case CG_EIO:
        return "input/output error";
    case CG_EINPUT:
        return "malformed input";
    case CG_EINVAL:
        return "invalid argument";
    case CG_EIGRAPH:
        return "igraph error";
    case CG_EGRAPHVIZ:
        return "Graphviz error";
    }
    return "unknown error";
}

void cg_errinfo_clear(cg_errinfo_t *info)
{
    if (info)
        memset(info, 0, sizeof *info);
}

cg_error_t cg_errinfo_set(cg_errinfo_t *info, cg_error_t code, const char *file, size_t line,
                          const char *fmt, ...)
{
    va_list ap;

    if (!info)
        return code;
    memset(info, 0, sizeof *info);
    if (file)
        snprintf(info->file, sizeof info->file, "%s", file);
    info->line = line;
    va_start(ap, fmt);
    vsnprintf(info->message, sizeof info->message, fmt, ap);
    va_end(ap);
    return code;
}

char *cg_errinfo_format(const cg_errinfo_t *info, char *buf, size_t size)
{
    size_t n = 0;

    if (!size)
        return buf;
    buf[0] = '\0';
    if (!info)
        return buf;
#define CG_APPEND(...)                                                                    \
    do {                                                                                  \
        if (n < size) {                                                                   \
            int k_ = snprintf(buf + n, size - n, __VA_ARGS__);                            \
            if (k_ > 0)                                                                   \
                n += (size_t)k_;                                                          \
        }                                                                                 \
    } while (0)
    if (info->file[0])
        CG_APPEND("%s:", info->file);
    if (info->line) {
        CG_APPEND("%zu:", info->line);
        if (info->column)
            CG_APPEND("%zu:", info->column);
    } else if (info->has_offset) {
        CG_APPEND("byte %zu:", info->offset);
    }
    if (n)
        CG_APPEND(" ");
    CG_APPEND("%s", info->message[0] ? info->message : "error");
#undef CG_APPEND
    return buf;
}
