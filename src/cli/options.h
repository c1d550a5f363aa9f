/* The CLI's option tables: one table per subcommand parses argv and prints --help. */
#ifndef CG_CLI_OPTIONS_H
#define CG_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#define CLI_MAX_OPTS 24

/** One option. @p arg is the value's name, or NULL for a flag. */
typedef struct {
    const char *name;  /**< long name without "--" */
    char short_name;   /**< 0 when none */
    const char *arg;
    const char *help;
} cli_opt_t;

/** A subcommand's description; @p opts ends with a {NULL} entry. */
typedef struct {
    const char *name;
    const char *usage;   /**< e.g. "INPUT... [-o FILE]" */
    const char *summary; /**< one line */
    const char *details; /**< printed after the options, or NULL */
    const cli_opt_t *opts;
} cli_cmd_t;

/** Parsed arguments: the value of each option (NULL when absent) and the operands. */
typedef struct {
    const char *values[CLI_MAX_OPTS];
    const char **operands;
    size_t noperands;
    int help;
} cli_args_t;

/** Exit codes. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/**
 * Parses argv (after the subcommand name). Returns 0, or CLI_USAGE after printing a
 * message to stderr. Caller frees args->operands with free().
 */
int cli_parse(const cli_cmd_t *cmd, int argc, char **argv, cli_args_t *args);

/** The value of option @p name, or NULL. */
const char *cli_get(const cli_cmd_t *cmd, const cli_args_t *args, const char *name);

/** Prints the subcommand's help to @p fp. */
void cli_help(const cli_cmd_t *cmd, FILE *fp);

/** Parses a non-negative integer option; prints a usage error and returns -1 if bad. */
int cli_size(const char *cmdname, const char *opt, const char *s, size_t *out);
/** Parses a number option; prints a usage error and returns -1 if bad. */
int cli_double(const char *cmdname, const char *opt, const char *s, double *out);

/**
 * Writes @p text to @p fp with control characters (C0, DEL, C1), bidirectional
 * overrides and bytes that are not UTF-8 escaped as \xNN or \u{N}: names and messages
 * that come from input must not reach the terminal raw.
 */
void cli_put_safe(FILE *fp, const char *text);

/** Prints "claimgraph CMD: <formatted cg_errinfo_t>" to stderr, escaped (cli_put_safe). */
void cli_error(const char *cmdname, const void *errinfo);

#endif
