/* Option parsing and --help from one table per subcommand. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "claimgraph/claimgraph.h"
#include "options.h"

static int find_long(const cli_cmd_t *cmd, const char *name, size_t len)
{
    int i;

    for (i = 0; cmd->opts[i].name; i++)
        if (strlen(cmd->opts[i].name) == len && strncmp(cmd->opts[i].name, name, len) == 0)
            return i;
    return -1;
}

static int find_short(const cli_cmd_t *cmd, char c)
{
    int i;

    for (i = 0; cmd->opts[i].name; i++)
        if (cmd->opts[i].short_name == c)
            return i;
    return -1;
}

int cli_parse(const cli_cmd_t *cmd, int argc, char **argv, cli_args_t *args)
{
    int i, only_operands = 0;

    memset(args, 0, sizeof *args);
    args->operands = calloc((size_t)argc + 1, sizeof *args->operands);
    if (!args->operands) {
        fprintf(stderr, "claimgraph: out of memory\n");
        return CLI_FAIL;
    }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        int k;
        const char *val = NULL;

        if (only_operands || a[0] != '-' || strcmp(a, "-") == 0) {
            args->operands[args->noperands++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_operands = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            args->help = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            k = find_long(cmd, a + 2, len);
            if (eq)
                val = eq + 1;
        } else {
            k = a[2] ? -1 : find_short(cmd, a[1]);
        }
        if (k < 0) {
            fprintf(stderr, "claimgraph %s: unknown option '%s'\nTry 'claimgraph %s --help'.\n",
                    cmd->name, a, cmd->name);
            goto usage;
        }
        if (cmd->opts[k].arg) {
            if (!val) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "claimgraph %s: option '%s' needs a value (%s)\n", cmd->name,
                            a, cmd->opts[k].arg);
                    goto usage;
                }
                val = argv[++i];
            }
        } else if (val) {
            fprintf(stderr, "claimgraph %s: option '--%s' takes no value\n", cmd->name,
                    cmd->opts[k].name);
            goto usage;
        } else {
            val = "1";
        }
        args->values[k] = val;
    }
    return 0;
usage:
    free(args->operands);
    args->operands = NULL;
    return CLI_USAGE;
}

const char *cli_get(const cli_cmd_t *cmd, const cli_args_t *args, const char *name)
{
    int k = find_long(cmd, name, strlen(name));

    return k < 0 ? NULL : args->values[k];
}

void cli_help(const cli_cmd_t *cmd, FILE *fp)
{
    int i;

    fprintf(fp, "usage: claimgraph %s %s\n\n%s\n\noptions:\n", cmd->name, cmd->usage,
            cmd->summary);
    for (i = 0; cmd->opts[i].name; i++) {
        const cli_opt_t *o = &cmd->opts[i];
        char left[64];

        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        fprintf(fp, "  %-28s %s\n", left, o->help);
    }
    fprintf(fp, "  %-28s %s\n", "-h, --help", "show this help and exit");
    if (cmd->details)
        fprintf(fp, "\n%s\n", cmd->details);
    fprintf(fp, "\nexit status: 0 ok, 1 failure (the message names the file), 2 usage error\n");
}

int cli_size(const char *cmdname, const char *opt, const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!s || !*s || *s == '-')
        goto bad;
    v = strtoull(s, &end, 10);
    if (errno || *end)
        goto bad;
    *out = (size_t)v;
    return 0;
bad:
    fprintf(stderr, "claimgraph %s: --%s needs a non-negative integer, not '%s'\n", cmdname, opt,
            s ? s : "");
    return -1;
}

int cli_double(const char *cmdname, const char *opt, const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    if (!s || !*s)
        goto bad;
    v = strtod(s, &end);
    if (errno || *end || v != v)
        goto bad;
    *out = v;
    return 0;
bad:
    fprintf(stderr, "claimgraph %s: --%s needs a number, not '%s'\n", cmdname, opt, s ? s : "");
    return -1;
}

/* Length of the valid UTF-8 sequence at @p s (at most @p n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n, unsigned long *cp)
{
    size_t len, i;
    unsigned long c;

    if (s[0] < 0xC2 || s[0] > 0xF4)
        return 0;
    len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    if (n < len)
        return 0;
    c = s[0] & (0x3F >> (len - 1));
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

void cli_put_safe(FILE *fp, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text), i = 0;

    while (i < n) {
        unsigned long c = s[i];
        size_t k = c < 0x80 ? 1 : utf8_len(s + i, n - i, &c);

        /* C0 and C1 controls, DEL, bidirectional overrides and bytes that are not UTF-8
           would drive or garble the terminal: show them as \xNN (\u{N} for the others) */
        if (k == 0 || c < 0x20 || c == 0x7F) {
            fprintf(fp, "\\x%02X", s[i]);
            i++;
            continue;
        }
        if ((c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069))
            fprintf(fp, "\\u{%lX}", c);
        else
            fwrite(s + i, 1, k, fp);
        i += k;
    }
}

void cli_error(const char *cmdname, const void *errinfo)
{
    char buf[1400];

    cg_errinfo_format(errinfo, buf, sizeof buf);
    fprintf(stderr, "claimgraph %s: ", cmdname);
    cli_put_safe(stderr, buf);
    fputc('\n', stderr);
}
