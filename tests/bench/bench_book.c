/*
 * bench_book - the guidebook at scale.  Builds a large EPUB (the bundled
 * guidebook's text repeated into 40 chapters, with 200 photos of noise, so
 * about 40 MB that compresses poorly), then prints: the search index build
 * time, search latency (median and 99th percentile over a fixed set of
 * queries), time from start to the first chapter shown, and peak memory
 * while paging through every chapter.  Figures only.
 */
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

static size_t make_book(const char *path, const guide *g, int chapters, int photos)
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
    for (int c = 0; c < chapters; c++) {
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
            if (++para % 12 == 0) /* five photos a chapter */
                strbuf_printf(&x, "<p><img src=\"../img/p%03d.jpg\" alt=\"\"/></p>\n",
                              (c * 5 + para / 12) % photos);
        }
        strbuf_adds(&x, "</body></html>\n");
        char name[64];
        snprintf(name, sizeof name, "OEBPS/t/c%02d.xhtml", c);
        add(z, name, x.s, x.len, false);
        x.s = NULL;
        strbuf_printf(&opf, "<item id=\"c%d\" href=\"t/c%02d.xhtml\" "
                            "media-type=\"application/xhtml+xml\"/>",
                      c, c);
        strbuf_printf(&nav, "<li><a href=\"t/c%02d.xhtml\">%d. ", c, c + 1);
        esc(&nav, src->title);
        strbuf_adds(&nav, "</a></li>");
    }
    strbuf_adds(&opf, "</manifest><spine>");
    for (int c = 0; c < chapters; c++)
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

int main(int argc, char **argv)
{
    char font[4096], err[512];
    if (!font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char *cdir = content_find_dir(NULL);
    guide bundled;
    guide_load(&bundled, cdir, NULL, NULL);
    if (argc == 3 && !strcmp(argv[1], "--epub")) {
        /* The bundled guidebook as an EPUB (one photo in every twelve
         * paragraphs): the book run.sh hands Calibre and grep. */
        make_book(argv[2], &bundled, (int)bundled.n, 8);
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
    static const char *const queries[] = {"鍵",         "対策",   "詐欺",         "ウイルス",
                                          "ランサムウェア", "パスワード", "バックアップ", "IPA",
                                          "ipa",        "多要素認証", "情報漏えい",   "相談",
                                          "メール",     "不正アクセス", "phishing",  "個人情報",
                                          "SECURITY ACTION", "更新", "社長", "警察"};
    enum { REPS = 10 };
    double lat[MG_ARRAY_LEN(queries) * REPS];
    size_t nl = 0;
    for (int r = 0; r < REPS; r++)
        for (size_t q = 0; q < MG_ARRAY_LEN(queries); q++) {
            search_hit *h;
            double a = now_ms();
            size_t n = search_run(s, queries[q], &h, 100);
            lat[nl++] = now_ms() - a;
            search_hits_free(h, n);
        }
    qsort(lat, nl, sizeof(double), cmp_d);
    printf("search latency over %zu queries (1 to 15 characters): median %.3f ms, p99 %.3f ms\n",
           nl, lat[nl / 2], lat[nl * 99 / 100]);
    printf("BENCH search_p50 %.4f ms\nBENCH search_p99 %.4f ms\n", lat[nl / 2],
           lat[nl * 99 / 100]);
    search_close(s);

    /* 2. A large book. */
    char book[64];
    snprintf(book, sizeof book, "/tmp/bench-book-%d.epub", (int)getpid());
    double b0 = now_ms();
    size_t size = make_book(book, &bundled, 40, 200);
    printf("large book: 40 chapters, 200 photos, %.1f MB (made in %.0f ms)\n", size / 1048576.0,
           now_ms() - b0);
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
    printf("search index of the large book: built in %.1f ms\n", now_ms() - i0);
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
    ui_fini(&app);
    unlink(book);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
    if (system(cmd) != 0)
        return 1;
    free(cdir);
    return 0;
}
