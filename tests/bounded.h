/*
 * bounded.h - run a piece of a test in a forked child with a bound on
 * time and memory, for the hostile-file regression tests.
 *
 *   CHECK(bounded_run("spine x20000", child, arg, 10, 512));
 *
 * The child gets alarm(seconds) and, outside AddressSanitizer (whose
 * shadow memory reserves terabytes of address space), RLIMIT_AS of the
 * bound plus room for the program; its peak resident memory, read back
 * with wait4(), must stay under the bound too, so the check holds under
 * ASan as well.  The child's own CHECK failures come back in its exit
 * status.  Returns true when the child finished in time, within memory and
 * with no failed check; says why not on stderr.
 */
#ifndef MG_BOUNDED_H
#define MG_BOUNDED_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define BOUNDED_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOUNDED_ASAN 1
#endif
#endif

/* child returns its number of failed checks (0 = all well). */
static inline bool bounded_run(const char *name, int (*child)(void *), void *arg, unsigned seconds,
                               long max_mb)
{
    fflush(NULL);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
#ifndef BOUNDED_ASAN
        /* Address space: the bound, plus what the program and its
         * libraries (ICU data, fonts) map before the test starts. */
        struct rlimit rl = {(rlim_t)(max_mb + 512) << 20, (rlim_t)(max_mb + 512) << 20};
        setrlimit(RLIMIT_AS, &rl);
#endif
        alarm(seconds);
        _exit(child(arg) ? 1 : 0);
    }
    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    wait4(pid, &st, 0, &ru);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    long mb = ru.ru_maxrss / 1024; /* kilobytes on Linux */
    fprintf(stderr, "%s: %.2f s, peak %ld MB\n", name, secs, mb);
    if (WIFSIGNALED(st)) {
        fprintf(stderr, "%s: killed by signal %d%s\n", name, WTERMSIG(st),
                WTERMSIG(st) == SIGALRM ? " (took too long)" : "");
        return false;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "%s: child failed (status %d)\n", name, WEXITSTATUS(st));
        return false;
    }
    if (mb > max_mb) {
        fprintf(stderr, "%s: used %ld MB, more than %ld\n", name, mb, max_mb);
        return false;
    }
    return true;
}

#endif
