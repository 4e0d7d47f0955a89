/*
 * programs.h - the three programs behind the command `madoguchi`, and how
 * one becomes another.
 *
 *   madoguchi       front.c: answers a warm search itself; a handout goes
 *                   to madoguchi-cli, everything else to madoguchi-app
 *   madoguchi-cli   main.c without the screen (MG_CLI): every command but
 *                   the kiosk, screenshot, present and setup, which it
 *                   hands to madoguchi-app.  It links core and paper only,
 *                   so a handout loads none of SDL's libraries.
 *   madoguchi-app   main.c: every command, the screen's too
 *
 * Each becomes the next with execv: the same process id, argv as given.
 *
 * Depends on: nothing.
 */
#ifndef MG_PROGRAMS_H
#define MG_PROGRAMS_H

#include <stddef.h>

/* The file of the program called name: beside the running one (the build
 * folder), else in MG_LIBEXEC_DIR (installed). */
void program_path(const char *name, char *out, size_t size);

/* Become the program called name with argv; returns only when that fails,
 * after saying so on stderr: the exit status to give (127). */
int program_become(const char *name, char **argv);

#endif
