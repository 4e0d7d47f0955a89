/*
 * programs.c - find the program beside this one, and become it (see
 * programs.h).
 */
#include "programs.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/msg.h"

#ifndef MG_LIBEXEC_DIR
#define MG_LIBEXEC_DIR "/usr/local/libexec/madoguchi"
#endif

void program_path(const char *name, char *out, size_t size)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            slash[1] = '\0';
            snprintf(out, size, "%s%s", self, name);
            if (access(out, X_OK) == 0)
                return;
        }
    }
    snprintf(out, size, "%s/%s", MG_LIBEXEC_DIR, name);
}

int program_become(const char *name, char **argv)
{
    char prog[PATH_MAX + 64];
    program_path(name, prog, sizeof prog);
    fflush(NULL);
    execv(prog, argv);
    fprintf(stderr, "madoguchi: ");
    fprintf(stderr, msg_get(LANG_JA, MSG_ERR_PROGRAM), prog);
    fprintf(stderr, "\n");
    return 127;
}
