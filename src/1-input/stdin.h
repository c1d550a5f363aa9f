/*
 * Standard input with a look ahead. `build -` must know whether standard input holds
 * claims (written by `extract`) or articles before anything reads it, and a pipe cannot
 * be read twice: the bytes read to look at the first line are kept here and handed out
 * again, before the rest, to whoever reads standard input next (the article reader, or
 * the claims reader through cg_input__stdin_file).
 */
#ifndef CG_INPUT_STDIN_H
#define CG_INPUT_STDIN_H

#include <stdio.h>
#include <sys/types.h>

/**
 * The first line of standard input that is not blank (without its newline; at most
 * CG_INPUT__PEEK_MAX bytes of it): *@p line points into the look-ahead buffer, valid
 * until standard input is read. 0; 1 when there is none (empty input, or no newline
 * within the limit: then *@p len is what was read); -1 with errno on a read error or
 * ENOMEM.
 */
int cg_input__stdin_first_line(const char **line, size_t *len);
#define CG_INPUT__PEEK_MAX ((size_t)1 << 20)

/** read(2) on standard input, the looked-ahead bytes first. Retries on EINTR. */
ssize_t cg_input__stdin_read(void *buf, size_t n);

/** A stdio stream over cg_input__stdin_read (fclose it; standard input stays open). */
FILE *cg_input__stdin_file(void);

#endif
