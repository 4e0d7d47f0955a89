/*
 * bench_book - the guidebook at scale.  Builds a large EPUB shaped like
 * the desk's (the bundled guidebook's text repeated into 120 spine
 * documents grouped by the nav into 13 chapters, with photos of noise, so
 * about 38 MB that compresses poorly), then prints: the search index build
 * time, search latency in the process (median and 99th percentile over a
 * fixed set of queries) on the bundled book and on the large one, time
 * from start to the first chapter shown, peak memory while paging through
 * every chapter, and, given the madoguchi binary as argv[1], `madoguchi
 * search` as a whole process with a warm index and the whole book as one
 * handout (time and peak memory).  Figures only.
 *
 * bench_book --epub FILE and --large-epub FILE only write the bundled
 * book as an EPUB, or the large one (for run.sh's peers).
 */
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "../../app/core/content.h"
#include "../../app/core/font.h"
#include "../../app/core/search.h"
#include "../../app/screen/ui.h"
#include "../../app/screen/views.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void esc(strbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            strbuf_adds(b, "&lt;");
        else if (*s == '>')
            strbuf_adds(b, "&gt;");
        else if (*s == '&')
            strbuf_adds(b, "&amp;");
        else
            strbuf_addc(b, *s);
    }
}

static void add(zip_t *z, const char *name, char *data, size_t len, bool store)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 1); /* zip frees data */
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    if (store)
        zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

static void *dup_bytes(const void *p, size_t n)
{
    void *d = malloc(n);
    memcpy(d, p, n);
    return d;
}

/* docs spine documents, grouped by the nav's top entries into chapters
 * (each document after a chapter's first is a section of it). */
static size_t make_book(const char *path, const guide *g, int docs, int chapters, int photos)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    add(z, "mimetype", dup_bytes("application/epub+zip", 20), 20, true);
    const char *cont = "<?xml version=\"1.0\"?><container version=\"1.0\" "
                       "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
                       "<rootfile full-path=\"OEBPS/book.opf\" media-type=\"application/"
                       "oebps-package+xml\"/></rootfiles></container>";
    add(z, "META-INF/container.xml", dup_bytes(cont, strlen(cont)), strlen(cont), false);
    strbuf opf, nav;
    strbuf_init(&opf);
    strbuf_init(&nav);
    strbuf_adds(&opf, "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" "
                      "version=\"3.0\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                      "<dc:title>大きな本</dc:title></metadata><manifest>"
                      "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
                      "properties=\"nav\"/>");
    strbuf_adds(&nav, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" "
                      "xmlns:epub=\"http://www.idpf.org/2007/ops\"><body><nav epub:type=\"toc\"><ol>");
    /* Photos: noise compresses badly, like real photographs. */
    SDL_Surface *ph = SDL_CreateRGBSurfaceWithFormat(0, 800, 600, 24, SDL_PIXELFORMAT_RGB24);
    srand(42);
    for (int i = 0; i < photos; i++) {
        unsigned char *px = ph->pixels;
        for (int k = 0; k < ph->pitch * ph->h; k++)
            px[k] = (unsigned char)(rand() >> 7);
        char tmp[64], name[64];
        snprintf(tmp, sizeof tmp, "/tmp/bench-photo-%d.jpg", (int)getpid());
        IMG_SaveJPG(ph, tmp, 60);
        size_t n;
        char *bytes = read_file(tmp, &n);
        unlink(tmp);
        snprintf(name, sizeof name, "OEBPS/img/p%03d.jpg", i);
        add(z, name, bytes, n, true);
        strbuf_printf(&opf, "<item id=\"p%d\" href=\"img/p%03d.jpg\" media-type=\"image/jpeg\"/>",
                      i, i);
    }
    SDL_FreeSurface(ph);
    for (int c = 0; c < docs; c++) {
        const guide_chapter *src = &g->ch[(size_t)c % g->n];
        strbuf x;
        strbuf_init(&x);
        strbuf_printf(&x, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
                          "<body><h1>%d. ",
                      c + 1);
        esc(&x, src->title);
        strbuf_adds(&x, "</h1>\n");
        int para = 0;
        for (const doc_block *b = src->doc->root->first; b; b = b->next) {
            char *t = doc_block_text(b);
            if (*t) {
                strbuf_adds(&x, b->kind == DOC_HEADING ? "<h2>" : "<p>");
                esc(&x, t);
                strbuf_adds(&x, b->kind == DOC_HEADING ? "</h2>\n" : "</p>\n");
            }
            free(t);
            if (++para % 24 == 0) /* a few photos a document */
                strbuf_printf(&x, "<p><img src=\"../img/p%03d.jpg\" alt=\"\"/></p>\n",
                              (c * 3 + para / 24) % photos);
        }
        strbuf_adds(&x, "</body></html>\n");
        char name[64];
        snprintf(name, sizeof name, "OEBPS/t/c%03d.xhtml", c);
        add(z, name, x.s, x.len, false);
        x.s = NULL;
        strbuf_printf(&opf, "<item id=\"c%d\" href=\"t/c%03d.xhtml\" "
                            "media-type=\"application/xhtml+xml\"/>",
                      c, c);
        int ch = c * chapters / docs; /* the chapter this document is in */
        if (c == 0 || ch != (c - 1) * chapters / docs) { /* it starts: a top entry, sections nested */
            if (c)
                strbuf_adds(&nav, "</ol></li>");
            strbuf_printf(&nav, "<li><a href=\"t/c%03d.xhtml\">第%d章 ", c, ch + 1);
            esc(&nav, src->title);
            strbuf_adds(&nav, "</a><ol>");
        } else {
            strbuf_printf(&nav, "<li><a href=\"t/c%03d.xhtml\">%d. ", c, c + 1);
            esc(&nav, src->title);
            strbuf_adds(&nav, "</a></li>");
        }
    }
    strbuf_adds(&nav, "</ol></li>");
    strbuf_adds(&opf, "</manifest><spine>");
    for (int c = 0; c < docs; c++)
        strbuf_printf(&opf, "<itemref idref=\"c%d\"/>", c);
    strbuf_adds(&opf, "</spine></package>");
    strbuf_adds(&nav, "</ol></nav></body></html>");
    add(z, "OEBPS/book.opf", opf.s, opf.len, false);
    add(z, "OEBPS/nav.xhtml", nav.s, nav.len, false);
    zip_close(z);
    size_t size;
    char *all = read_file(path, &size);
    free(all);
    return size;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *const queries[] = {"鍵",         "対策",   "詐欺",         "ウイルス",
                                      "ランサムウェア", "パスワード", "バックアップ", "IPA",
                                      "ipa",        "多要素認証", "情報漏えい",   "相談",
                                      "メール",     "不正アクセス", "phishing",  "個人情報",
                                      "SECURITY ACTION", "更新", "社長", "警察"};

static void latency(search *s, const char *what)
{
    enum { REPS = 10, NQ = MG_ARRAY_LEN(queries) };
    double lat[NQ * REPS], cpu[NQ * REPS], each[NQ][REPS];
    size_t nl = 0, hits[NQ];
    for (int r = 0; r < REPS; r++)
        for (size_t q = 0; q < NQ; q++) {
            search_hit *h;
            double a = now_ms(), ca = cpu_ms();
            size_t n = search_run(s, queries[q], &h, 100);
            cpu[nl] = cpu_ms() - ca;
            lat[nl++] = now_ms() - a;
            each[q][r] = cpu[nl - 1];
            hits[q] = n;
            search_hits_free(h, n);
        }
    /* Each query's median CPU time and hits, in the log (what p99 is made of). */
    printf("  per query (CPU median ms, hits):");
    for (size_t q = 0; q < NQ; q++) {
        qsort(each[q], REPS, sizeof(double), cmp_d);
        printf(" %s %.3f/%zu;", queries[q], each[q][REPS / 2], hits[q]);
    }
    printf("\n");
    qsort(lat, nl, sizeof(double), cmp_d);
    qsort(cpu, nl, sizeof(double), cmp_d);
    /* CPU time too: on a loaded machine the wall clock's tail is the
     * scheduler's, not the search's. */
    printf("search latency in the process, %s, over %zu queries (1 to 15 characters): wall median "
           "%.3f ms, p99 %.3f ms; CPU median %.3f ms, p99 %.3f ms (goal: p99 under 1 ms)\n",
           what, nl, lat[nl / 2], lat[nl * 99 / 100], cpu[nl / 2], cpu[nl * 99 / 100]);
    /* one row each in make bench's report: the bundled book, then the large one */
    const char *tag = strstr(what, "large") ? "large_book" : "bundled_book";
    printf("BENCH search_p50_%s %.4f ms\nBENCH search_p99_%s %.4f ms\n", tag, lat[nl / 2], tag,
           lat[nl * 99 / 100]);
    printf("BENCH search_p99_CPU_%s %.4f ms\n", tag, cpu[nl * 99 / 100]);
}

/* Run argv with stdout and stderr to /dev/null and wait for it; its wall
 * time, CPU time (user + system) and peak memory, written to out_fd as one
 * line.  This is `bench_book --measure FD CMD...`, a small process of its
 * own: a child forked from the bench itself would start its peak RSS at
 * the bench's size (the kernel counts the forked copy's pages), so every
 * command measured from here is started by this fresh process. */
static int measure(int out_fd, char *const argv[])
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        dup2(fd, 1);
        dup2(fd, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    int st = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &st, 0, &ru) != pid)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    double cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 +
                 ru.ru_stime.tv_usec / 1e3;
    dprintf(out_fd, "%f %f %ld %d\n", wall, cpu, ru.ru_maxrss,
            WIFEXITED(st) && WEXITSTATUS(st) <= 1);
    return 0;
}

/* Run argv (through bench_book --measure, see measure); its wall time, CPU
 * time and peak memory.  False when it did not exit 0 or 1. */
static bool run(char *const argv[], double *wall, double *cpu, long *maxrss_kb)
{
    int fd[2];
    if (pipe(fd) != 0)
        return false;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        char fds[16];
        snprintf(fds, sizeof fds, "%d", fd[1]);
        char *m[64] = {"/proc/self/exe", "--measure", fds};
        int n = 3;
        for (int i = 0; argv[i] && n < 63; i++)
            m[n++] = argv[i];
        m[n] = NULL;
        execv(m[0], m);
        _exit(127);
    }
    close(fd[1]);
    char line[128] = "";
    ssize_t got = pid < 0 ? -1 : read(fd[0], line, sizeof line - 1);
    close(fd[0]);
    int st = 0;
    if (pid > 0)
        waitpid(pid, &st, 0);
    int ok = 0;
    line[got > 0 ? got : 0] = '\0';
    return sscanf(line, "%lf %lf %ld %d", wall, cpu, maxrss_kb, &ok) == 4 && ok;
}

/* The size of the newest search index (search-*.sqlite) in dir, bytes. */
static long long index_bytes(const char *dir)
{
    DIR *d = opendir(dir);
    long long size = 0;
    double newest = -1;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (strncmp(e->d_name, "search-", 7) != 0)
            continue;
        char *p = path_join(dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9 > newest) {
            newest = st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9;
            size = (long long)st.st_size;
        }
        free(p);
    }
    if (d)
        closedir(d);
    return size;
}

/* In-process latency of the fixed queries on s: median and p99. */
static void latency(search *s, const char *what);

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "--measure")) /* before anything grows: see measure */
        return measure(atoi(argv[2]), argv + 3);
    setvbuf(stdout, NULL, _IOLBF, 0); /* each figure as soon as it is known */
    char font[4096], err[512];
    if (!font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char *cdir = content_find_dir(NULL);
    guide bundled;
    guide_load(&bundled, cdir, NULL, NULL);
    if (argc == 3 && !strcmp(argv[1], "--epub")) {
        /* The bundled guidebook as an EPUB, a document a chapter with a
         * few photos: the book run.sh hands Calibre and grep. */
        make_book(argv[2], &bundled, (int)bundled.n, (int)bundled.n, 8);
        guide_fini(&bundled);
        free(cdir);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--large-epub")) {
        /* The large book alone: run.sh's whole-process search beside grep, and
         * the handout measured by hand. */
        make_book(argv[2], &bundled, 120, 13, 185);
        guide_fini(&bundled);
        free(cdir);
        return 0;
    }

    /* 1. Index build, then search latency, on the bundled book. */
    char cache[] = "/tmp/mgbenchXXXXXX";
    if (!mkdtemp(cache))
        return 1;
    double t0 = now_ms();
    char *syn = path_join(cdir, "assets/synonyms.ini"); /* the normalisation as shipped */
    search *s = search_open_with(&bundled, cache, syn, err, sizeof err);
    free(syn);
    double t1 = now_ms();
    printf("search index of the bundled guidebook (%zu chapters): built in %.1f ms\n", bundled.n,
           t1 - t0);
    latency(s, "the bundled guidebook");
    search_close(s);

    /* 2. A large book. */
    char book[64];
    snprintf(book, sizeof book, "/tmp/bench-book-%d.epub", (int)getpid());
    double b0 = now_ms();
    size_t size = make_book(book, &bundled, 120, 13, 185);
    printf("large book like the desk's: 120 documents in 13 chapters, 185 photos, %.1f MB (made in "
           "%.0f ms)\n",
           size / 1048576.0, now_ms() - b0);
    guide_fini(&bundled);

    double s0 = now_ms();
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .font = font, .content_dir = cdir,
                     .guidebook = book, .root = &home_view};
    ui_app app;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    ui_push(&app, &guide_view, GUIDE_AT(0));
    ui_draw(&app);
    double s1 = now_ms();
    printf("start to the first chapter of the large book shown: %.1f ms\n", s1 - s0);

    double i0 = now_ms();
    s = search_open(&app.content->guide, cache, err, sizeof err);
    double built = now_ms() - i0;
    long long ib = index_bytes(cache);
    printf("search index of the large book: built in %.1f ms, %.2f MB on disk\n", built,
           ib / 1048576.0);
    printf("BENCH search_index_build_large_book %.1f ms\nBENCH search_index_size_large_book %.2f "
           "MiB\n",
           built, ib / 1048576.0);
    latency(s, "the large book");
    search_close(s);

    /* 3. Page through every chapter, as a visitor would. */
    size_t max_img = 0;
    int pages = 0;
    double p0 = now_ms();
    for (size_t c = 0; c < app.content->guide.n; c++) {
        if (c)
            ui_dispatch(&app, &(ui_action){.kind = ACT_NEXT});
        for (int k = 0; k < 400; k++) {
            ui_draw(&app);
            pages++;
            txt_stats st = txt_get_stats(app.txt);
            if (st.image_bytes > max_img)
                max_img = st.image_bytes;
            guide_view_info g;
            guide_view_state(&app, &g);
            if (g.scroll >= g.max_scroll)
                break;
            ui_dispatch(&app, &(ui_action){.kind = ACT_PAGE_DOWN});
        }
    }
    double p1 = now_ms();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    txt_stats st = txt_get_stats(app.txt);
    printf("paged through %zu chapters (%d screens) in %.0f ms: %lu photos decoded, picture "
           "textures at most %.1f MB, peak RSS %.1f MB\n",
           app.content->guide.n, pages, p1 - p0, st.decodes, max_img / 1048576.0, ru.ru_maxrss / 1024.0);
    size_t nch = app.content->guide.n;
    ui_fini(&app);

    /* 4. The whole process: `madoguchi search` with a warm index, and the
     * whole book as one handout. */
    if (argc > 1) {
        char cachevar[128];
        snprintf(cachevar, sizeof cachevar, "%s", cache);
        setenv("XDG_CACHE_HOME", cachevar, 1);
        char *bin = argv[1];
        char *sargv[] = {bin, "search", "パスワード", "--guidebook", book, NULL};
        double wall, cpu;
        long rss;
        if (run(sargv, &wall, &cpu, &rss))
            printf("madoguchi search, cold (index built): %.0f ms\n", wall);
        enum { RUNS = 21 };
        double w[RUNS], c[RUNS];
        int ok = 0;
        for (int i = 0; i < RUNS; i++)
            if (run(sargv, &w[ok], &c[ok], &rss))
                ok++;
        if (ok) {
            qsort(w, (size_t)ok, sizeof(double), cmp_d);
            qsort(c, (size_t)ok, sizeof(double), cmp_d);
            printf("madoguchi search, whole process, warm index, %.1f MB book: wall median %.1f ms, "
                   "fastest %.1f ms; CPU median %.1f ms (goal: 5 ms)\n",
                   size / 1048576.0, w[ok / 2], w[0], c[ok / 2]);
            /* CPU: the wall clock of a 5 ms process is the scheduler's on a busy machine */
            printf("BENCH search_process_CPU_large_book %.1f ms\n", c[ok / 2]);
        }
        char pdf[64];
        snprintf(pdf, sizeof pdf, "/tmp/bench-book-%d.pdf", (int)getpid());
        char *hargv[40] = {bin, "handout", "guide"};
        int na = 3;
        char nums[32][8];
        for (size_t i = 0; i < nch && i < 32; i++) {
            snprintf(nums[i], sizeof nums[i], "%zu", i + 1);
            hargv[na++] = nums[i];
        }
        hargv[na++] = "--guidebook";
        hargv[na++] = book;
        hargv[na++] = "-o";
        hargv[na++] = pdf;
        hargv[na] = NULL;
        /* The median of 5 runs (the machine is shared: one wall time says
         * little), the largest peak RSS; then the instruction count, and
         * Calibre's ebook-convert on the same book as the peer. */
        enum { HRUNS = 5 };
        double hw[HRUNS], hc[HRUNS];
        long hrss = 0;
        int hok = 0;
        for (int i = 0; i < HRUNS; i++)
            if (run(hargv, &hw[hok], &hc[hok], &rss)) {
                hrss = rss > hrss ? rss : hrss;
                hok++;
            }
        if (hok) {
            qsort(hw, (size_t)hok, sizeof(double), cmp_d);
            qsort(hc, (size_t)hok, sizeof(double), cmp_d);
            struct stat fst;
            long long bytes = stat(pdf, &fst) == 0 ? (long long)fst.st_size : -1;
            printf("the whole book as one handout (%zu chapters): wall median %.0f ms, CPU median "
                   "%.0f ms, peak RSS %.1f MiB, a PDF of %.2f MB (goal: under 3 s and 20 MB; "
                   "the EPUB %.1f MB)\n",
                   nch, hw[hok / 2], hc[hok / 2], hrss / 1024.0, bytes / 1e6, (double)size / 1e6);
            double peer_ms = -1, peer_mb = -1, peer_pdf = -1;
            const char *quick = getenv("MG_BENCH_QUICK");
            char calibre[] = "/usr/bin/ebook-convert";
            if (access(calibre, X_OK) == 0 && !(quick && !strcmp(quick, "1"))) {
                char cpdf[64];
                snprintf(cpdf, sizeof cpdf, "/tmp/bench-book-%d-calibre.pdf", (int)getpid());
                char *cargv[] = {calibre, book, cpdf, NULL};
                double cw, cc;
                long crss;
                /* as run.sh starts it: Qt WebEngine as root needs no sandbox */
                setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox", 1);
                setenv("QT_QPA_PLATFORM", "offscreen", 1);
                struct stat cst;
                if (run(cargv, &cw, &cc, &crss) && stat(cpdf, &cst) == 0 && cst.st_size > 0) {
                    peer_ms = cw;
                    peer_mb = crss / 1024.0;
                    peer_pdf = (double)cst.st_size / 1e6;
                    printf("Calibre ebook-convert, the same book: %.0f ms wall, %.0f ms CPU, peak RSS "
                           "%.1f MiB (the largest of its processes), a PDF of %.2f MB\n",
                           cw, cc, peer_mb, peer_pdf);
                }
                unlink(cpdf);
            }
            if (peer_ms >= 0) {
                printf("BENCH book_handout %.0f ms %.0f Calibre ebook-convert\n", hw[hok / 2], peer_ms);
                printf("BENCH book_handout_peak_RSS %.1f MiB %.1f Calibre ebook-convert\n",
                       hrss / 1024.0, peer_mb);
            } else {
                printf("BENCH book_handout %.0f ms\n", hw[hok / 2]);
                printf("BENCH book_handout_peak_RSS %.1f MiB\n", hrss / 1024.0);
            }
            printf("BENCH book_handout_CPU %.0f ms\n", hc[hok / 2]);
            if (peer_pdf >= 0)
                printf("BENCH book_handout_PDF %.2f MB %.2f Calibre ebook-convert\n", bytes / 1e6,
                       peer_pdf);
            else
                printf("BENCH book_handout_PDF %.2f MB\n", bytes / 1e6);
            /* What the binary costs before it does anything (its libraries):
             * part of every peak RSS above. */
            char *bargv[] = {bin, "handout", "--help", NULL}; /* madoguchi-cli, which makes it */
            if (run(bargv, &wall, &cpu, &rss))
                printf("BENCH process_baseline_RSS %.1f MiB\n", rss / 1024.0);
        } else
            printf("the whole book as one handout: failed\n");
        unlink(pdf);
    }
    unlink(book);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
    if (system(cmd) != 0)
        return 1;
    free(cdir);
    return 0;
}
