/*
 * Handouts, read back with real tools: qpdf --check, pdffonts (the
 * Japanese font embedded), pdftotext (the Japanese text, in reading order)
 * and pdfinfo (pages and A4 size), with not one warning from poppler (a
 * valid ToUnicode CMap), and mupdf's text the same; the text sizes in the
 * page content (10.5 pt at least on what visitors take home); the QR
 * codes read back by a decoder, on paper and on the screen; bad input
 * leaves no file behind; and screen and paper break the same paragraphs
 * at the same places.
 */
#include "smalldisk.h" /* first: it asks for _GNU_SOURCE */

#include <SDL_image.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/content.h"
#include "../app/core/font.h"
#include "../app/core/guide.h"
#include "../app/paper/handout.h"
#include "../app/paper/pdf.h"
#include "../app/screen/ui.h"
#include "epub_fixture.h"
#include "run.h"
#include "test.h"

static const char *bin, *src;
static char dir[] = "/tmp/mghandoutXXXXXX";

#define runf test_runf /* run.h: the command line printf-formatted */

__attribute__((noinline)) static char *text_of(const char *file)
{
    char *out;
    runf(&out, "pdftotext '%s' - 2>/dev/null", file);
    return out;
}

/* Every check a printed handout must pass. */
static void check_pdf(const char *file, int pages, bool landscape)
{
    char *out;
    CHECK_INT(runf(&out, "qpdf --check '%s'", file), 0);
    CHECK_CONTAINS(out, "No syntax or stream encoding errors");
    free(out);
    CHECK_INT(runf(&out, "pdffonts '%s'", file), 0);
    /* the face found (BIZ UD Gothic, whose real Bold is embedded too), else IPAexGothic */
    char face[4096], ferr[256];
    CHECK(font_find(NULL, face, sizeof face, ferr, sizeof ferr, LANG_JA));
    CHECK_CONTAINS(out, strstr(face, "BIZUDGothic") ? "BIZUDGothic-Regular" : "IPAexGothic");
    CHECK_CONTAINS(out, "CID TrueType");
    /* Every font embedded and subset: the emb and sub columns, read by
     * their place under the header (a " yes " anywhere matched the uni
     * column even with the font left out). */
    const char *hdr = out, *emb = strstr(hdr, " emb "), *sub = strstr(hdr, " sub ");
    const char *dash = strstr(hdr, "\n---");
    int fonts = 0, whole = 0;
    if (emb && sub && dash) {
        const char *h0 = emb; /* the header line's start: poppler may have spoken first */
        while (h0 > hdr && h0[-1] != '\n')
            h0--;
        size_t e = (size_t)(emb + 1 - h0), u = (size_t)(sub + 1 - h0);
        for (const char *line = strchr(dash + 1, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
            const char *l = line + 1, *end = strchr(l, '\n');
            size_t len = end ? (size_t)(end - l) : strlen(l);
            if (!strncmp(l, "Syntax ", 7) || !strncmp(l, "Internal Error", 14))
                continue; /* poppler's own remarks, on stderr, mixed in */
            fonts++;
            if (len < u + 3 || strncmp(l + e, "yes", 3) != 0 || strncmp(l + u, "yes", 3) != 0)
                whole++;
        }
    }
    CHECK(fonts > 0);
    CHECK_INT(whole, 0);
    free(out);
    CHECK_INT(runf(&out, "pdfinfo '%s'", file), 0);
    const char *pg = strstr(out, "Pages:");
    CHECK(pg != NULL);
    if (pg && pages > 0)
        CHECK_INT(atoi(pg + 6), pages);
    CHECK_CONTAINS(out, landscape ? "841.89 x 595.276 pts (A4)" : "595.276 x 841.89 pts (A4)");
    CHECK_CONTAINS(out, "Title:");
    free(out);
    /* Not a word from poppler on stderr: libharu's ToUnicode CMap made it
     * warn "Invalid 'begincidrange' operator" on every page. */
    CHECK_INT(runf(&out, "pdftotext '%s' /dev/null", file), 0);
    CHECK_STR(out, "");
    free(out);
    CHECK_INT(runf(&out, "pdffonts '%s' 2>&1 >/dev/null", file), 0);
    CHECK_STR(out, "");
    free(out);
    /* A second reader (mupdf) gets the same text out. */
    if (system("command -v mutool >/dev/null 2>&1") != 0) {
        TEST_SKIP("mutool (mupdf-tools) is not installed; scripts/setup.sh test installs it");
    } else {
        CHECK_INT(runf(&out, "mutool draw -q -F txt -o - '%s' 2>/dev/null", file), 0);
        CHECK_CONTAINS(out, "中小企業サイバーセキュリティ相談窓口");
        free(out);
    }
}

/* The smallest and largest text size (points) the pages' content sets. */
static void text_sizes(const char *file, double *min, double *max)
{
    char *out;
    runf(&out, "qpdf --qdf --object-streams=disable '%s' - 2>/dev/null | grep -a ' Tf$'", file);
    *min = 1e9;
    *max = 0;
    for (char *l = out; l && *l;) {
        char *end = strchr(l, '\n'), *tf = strstr(l, " Tf");
        if (end)
            *end = '\0';
        const char *num = strrchr(l, ' ');
        if (tf && num && num > l) { /* "/F1 10.5 Tf": the number before " Tf" */
            *tf = '\0';
            num = strrchr(l, ' ');
            double v = num ? atof(num + 1) : 0;
            if (v > 0) {
                *min = v < *min ? v : *min;
                *max = v > *max ? v : *max;
            }
        }
        l = end ? end + 1 : l + strlen(l);
    }
    free(out);
}

/* The desk's own phone number and hours on every page (the header). */
static void desk_on_every_page(const char *file)
{
    char *t = text_of(file);
    int pages = 0, with = 0;
    for (char *pg = t; pg && *pg;) {
        char *ff = strchr(pg, '\f');
        if (ff)
            *ff = '\0';
        if (*pg) {
            pages++;
            with += strstr(pg, "03-5320-4773") != NULL && strstr(pg, "9:00") != NULL;
        }
        pg = ff ? ff + 1 : pg + strlen(pg);
    }
    CHECK(pages > 0);
    CHECK_INT(with, pages);
    free(t);
}

/* A visitor handout: no text under 10.5 pt, the desk on every page. */
static void check_visitor(const char *file)
{
    double lo, hi;
    text_sizes(file, &lo, &hi);
    if (lo < 10.5)
        fprintf(stderr, "%s: text at %.2f pt\n", file, lo);
    CHECK(lo >= 10.5 && hi > lo);
    desk_on_every_page(file);
}

/* The QR codes zbarimg reads on page (1-based; -1 every page) of a PDF at
 * 150 dpi, or on a PNG when page is 0; one a line.  NULL (and a skip) without zbarimg. */
static char *qr_codes(const char *file, int page)
{
    if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
        TEST_SKIP("zbarimg (zbar-tools) is not installed; scripts/setup.sh test installs it");
        return NULL;
    }
    char *out;
    if (page > 0)
        runf(&out, "pdftoppm -png -r 150 -f %d -l %d '%s' %s/qrpage && "
                   "zbarimg -q --raw %s/qrpage*.png 2>/dev/null; rm -f %s/qrpage*.png",
             page, page, file, dir, dir, dir);
    else if (page < 0) /* every page */
        runf(&out, "pdftoppm -png -r 150 '%s' %s/qrpage && "
                   "zbarimg -q --raw %s/qrpage*.png 2>/dev/null; rm -f %s/qrpage*.png",
             file, dir, dir, dir);
    else
        runf(&out, "zbarimg -q --raw '%s' 2>/dev/null", file);
    return out;
}


/* a before b in s */
static bool in_order(const char *s, const char *a, const char *b)
{
    const char *x = strstr(s, a), *y = x ? strstr(x, b) : NULL;
    if (!y)
        fprintf(stderr, "\"%s\" then \"%s\" not found in order\n", a, b);
    return y != NULL;
}

TEST(deck_handouts)
{
    static const struct {
        const char *layout;
        int pages;
        bool landscape;
    } cases[] = {{"1", 18, true}, {"2", 9, false}, {"3", 6, false}, {"6", 3, false},
                 {"notes", 18, false}};
    for (size_t i = 0; i < MG_ARRAY_LEN(cases); i++) {
        char file[128], *out;
        snprintf(file, sizeof file, "%s/deck-%s.pdf", dir, cases[i].layout);
        CHECK_INT(runf(&out, "%s handout deck %s/slides/bcp.md --layout %s -o %s", bin, src,
                       cases[i].layout, file),
                  0);
        free(out);
        check_pdf(file, cases[i].pages, cases[i].landscape);
        char *t = text_of(file);
        CHECK(in_order(t, "BCPにおけるセキュリティ対策", "BCP（事業継続計画）とは"));
        CHECK_CONTAINS(t, "中小企業サイバーセキュリティ相談窓口");
        desk_on_every_page(file);
        if (!strcmp(cases[i].layout, "notes"))
            CHECK_CONTAINS(t, "本日はご参加いただき"); /* the speaker notes */
        free(t);
    }
}

TEST(guide_referrals_consult)
{
    char file[128], *out;
    snprintf(file, sizeof file, "%s/guide.pdf", dir);
    CHECK_INT(runf(&out, "%s handout guide 5 3 -o %s", bin, file), 0);
    free(out);
    check_pdf(file, 0, false);
    char *t = text_of(file);
    CHECK(in_order(t, "もしものときの対応", "今すぐ取り組む対策")); /* chapters in the order asked */
    CHECK(in_order(t, "最初に覚えておいてほしいこと", "慌てず"));
    free(t);

    snprintf(file, sizeof file, "%s/refs.pdf", dir);
    CHECK_INT(runf(&out, "%s handout referrals -o %s", bin, file), 0);
    free(out);
    check_pdf(file, 0, false); /* each problem's order, then the quick list */
    check_visitor(file);
    t = text_of(file);
    CHECK_CONTAINS(t, "03-5805-1731");
    CHECK_CONTAINS(t, "消費者ホットライン 188");
    CHECK(in_order(t, "個人情報保護委員会", "警視庁")); /* the leak list's order */
    CHECK_CONTAINS(t, "3〜5日以内なので"); /* with its why-line (a line may break before it) */
    CHECK(strstr(t, "要確認") == NULL); /* the staff's marks never reach a visitor */
    CHECK(in_order(t, "スマートフォンで QR", "https://cybersecurity-tokyo.jp/")); /* the portal */
    free(t);
    double lo, hi;
    text_sizes(file, &lo, &hi);
    CHECK(hi >= 21); /* the numbers of each problem's order, large */
    /* Each web address whole on a line, or broken after a '/' only (the
     * host never cut): every piece that starts one ends in '/' or is whole. */
    runf(&t, "pdftotext -layout '%s' - 2>/dev/null", file);
    char *known;
    runf(&known, "sed -n 's/^web = //p' '%s/assets/referrals.ini'", src);
    int urls = 0, bad = 0;
    for (const char *u = strstr(t, "https://"); u; u = strstr(u + 1, "https://")) {
        size_t n = strcspn(u, " \n\f");
        char piece[256];
        snprintf(piece, sizeof piece, "%.*s\n", (int)n, u);
        bool ok = u[n - 1] == '/' ? memchr(u + 8, '/', n - 9) != NULL || n > 9 /* host whole */
                                  : strstr(known, piece) != NULL;
        urls++;
        if (!ok) {
            bad++;
            fprintf(stderr, "a web address cut badly: %s", piece);
        }
    }
    free(known);
    if (urls < 12)
        fprintf(stderr, "%d web addresses found\n", urls);
    CHECK(urls >= 12);
    CHECK_INT(bad, 0);
    free(t);
    /* Staff still see the marks: check lists every unconfirmed agency. */
    CHECK_INT(runf(&out, "%s check", bin), 0);
    CHECK_CONTAINS(out, "要確認");
    CHECK_CONTAINS(out, "assets/referrals.ini:");
    CHECK_CONTAINS(out, "03-5320-4773");
    free(out);
    /* The codes read back: an agency's page and the desk's portal. */
    t = qr_codes(file, -1);
    if (t) {
        CHECK_CONTAINS(t, "https://www.ipa.go.jp/security/support/soudan.html\n");
        CHECK_CONTAINS(t, "https://www.keishicho.metro.tokyo.lg.jp/kurashi/cyber/\n");
        CHECK_CONTAINS(t, "https://cybersecurity-tokyo.jp/\n");
        free(t);
    }

    /* a consultation: the visitor's words and advice, nothing internal */
    char db[128];
    snprintf(db, sizeof db, "%s/n.db", dir);
    CHECK_INT(runf(&out, "%s notes add --db %s --question 'ランサムウェアで画面に脅迫文が出た' "
                         "--category breach --answer 'LANケーブルを抜き、電源は切らずに相談する' "
                         "--referral ipa-corp --referral mpd-cyber --company '秘密商事'",
                   bin, db),
              0);
    char id[37];
    snprintf(id, sizeof id, "%.36s", out);
    free(out);
    snprintf(file, sizeof file, "%s/consult.pdf", dir);
    CHECK_INT(runf(&out, "%s handout consult %s --db %s -o %s", bin, id, db, file), 0);
    free(out);
    check_pdf(file, 1, false);
    check_visitor(file);
    t = text_of(file);
    CHECK(in_order(t, "ご相談の内容", "ランサムウェアで画面に脅迫文が出た"));
    CHECK(in_order(t, "① 対策", "LANケーブルを抜き"));
    CHECK(in_order(t, "② 相談・届出先", "IPA 企業組織向け"));
    CHECK(in_order(t, "ランサムウェアで画面に脅迫文が出た", "LANケーブルを抜き"));
    CHECK(in_order(t, "IPA 企業組織向け", "警視庁 サイバー犯罪相談窓口"));
    CHECK_CONTAINS(t, "03-5805-1731");
    CHECK_CONTAINS(t, "知っておきたいサイバー攻撃"); /* a chapter to read, by keyword */
    CHECK(strstr(t, "breach") == NULL && strstr(t, "緊急") == NULL); /* no category */
    CHECK(strstr(t, "秘密商事") == NULL);  /* not even the company's name */
    CHECK(strstr(t, "要確認") == NULL);
    free(t);
    t = qr_codes(file, 1);
    if (t) { /* beside each agency, and the desk's portal */
        CHECK_CONTAINS(t, "https://www.keishicho.metro.tokyo.lg.jp/kurashi/cyber/\n");
        CHECK_CONTAINS(t, "https://cybersecurity-tokyo.jp/\n");
        free(t);
    }

    /* No answer yet and no agency: no empty 「① 対策」 or 「② 相談・届出先」. */
    CHECK_INT(runf(&out, "%s notes add --db %s --question '不審なメールを開いてしまった' "
                         "--category prevention",
                   bin, db),
              0);
    snprintf(id, sizeof id, "%.36s", out);
    free(out);
    snprintf(file, sizeof file, "%s/consult-bare.pdf", dir);
    CHECK_INT(runf(&out, "%s handout consult %s --db %s -o %s", bin, id, db, file), 0);
    free(out);
    check_pdf(file, 1, false);
    check_visitor(file);
    t = text_of(file);
    CHECK_CONTAINS(t, "不審なメールを開いてしまった");
    CHECK(strstr(t, "① 対策") == NULL);
    CHECK(strstr(t, "② 相談・届出先") == NULL);
    CHECK_CONTAINS(t, "03-5320-4773"); /* whom to call all the same */
    free(t);
}

TEST(missing_pictures_and_characters)
{
    /* A deck naming a missing picture, a "PNG" that is text, and a
     * character IPAexGothic does not have: a valid PDF all the same. */
    char deckf[160], bad[160], file[128], *out;
    snprintf(deckf, sizeof deckf, "%s/odd.md", dir);
    snprintf(bad, sizeof bad, "%s/fake.png", dir);
    FILE *f = fopen(bad, "w");
    fputs("this is not a picture", f);
    fclose(f);
    f = fopen(deckf, "w");
    fputs("---\nmarp: true\n---\n\n# 絵のないスライド\n\n![無い図](missing.png)\n\n---\n\n"
          "# 壊れた絵\n\n![壊れ](fake.png)\n\n- 絵文字 \xF0\x9F\x98\x80 と 한글\n",
          f);
    fclose(f);
    snprintf(file, sizeof file, "%s/odd.pdf", dir);
    CHECK_INT(runf(&out, "%s handout deck %s --layout 1 -o %s", bin, deckf, file), 0);
    free(out);
    check_pdf(file, 2, true);
    char *t = text_of(file);
    /* pictures that cannot be shown are left out, as Marp does (check names them) */
    CHECK(strstr(t, "missing.png") == NULL && strstr(t, "fake.png") == NULL);
    CHECK_CONTAINS(t, "絵文字");
    free(t);
}

TEST(portal_qr_when_configured)
{
    /* A copy of the content whose desk.ini names a portal. */
    char *out;
    CHECK_INT(runf(&out, "cp -r %s/assets %s/slides %s/ 2>&1 && printf '[desk]\\nportal = "
                         "https://example.jp/desk/\\n' > %s/assets/desk.ini",
                   src, src, dir, dir),
              0);
    free(out);
    char file[128];
    snprintf(file, sizeof file, "%s/refs-portal.pdf", dir);
    CHECK_INT(runf(&out, "%s handout referrals --content %s -o %s", bin, dir, file), 0);
    free(out);
    check_pdf(file, 0, false);
    char *t = text_of(file);
    CHECK_CONTAINS(t, "https://example.jp/desk/");
    free(t);
    t = qr_codes(file, -1);
    if (t) {
        CHECK_CONTAINS(t, "https://example.jp/desk/\n");
        free(t);
    }
    /* the bundled desk.ini names the desk's own */
    snprintf(file, sizeof file, "%s/refs-none.pdf", dir);
    CHECK_INT(runf(&out, "%s handout referrals -o %s", bin, file), 0);
    free(out);
    t = text_of(file);
    CHECK(strstr(t, "example.jp/desk") == NULL);
    CHECK_CONTAINS(t, "https://cybersecurity-tokyo.jp/");
    free(t);
}

TEST(qr_codes_on_the_screen)
{
    /* The referral screen draws the same codes (core/qr through the
     * layout), read back from screenshots; no 要確認 for visitors. */
    char png[160], *out, *t;
    snprintf(png, sizeof png, "%s/refs-screen.png", dir);
    CHECK_INT(runf(&out, "%s screenshot referrals virus --size 1280x720 -o %s", bin, png), 0);
    free(out);
    t = qr_codes(png, 0);
    if (t) {
        CHECK_CONTAINS(t, "https://www.ipa.go.jp/security/support/soudan.html\n");
        free(t);
    }
    CHECK_INT(runf(&out, "%s screenshot referrals virus --size 800x480 --page-down 40 -o %s", bin,
                   png),
              0);
    free(out);
    t = qr_codes(png, 0);
    if (t) { /* the desk's card at the foot of the list */
        CHECK_CONTAINS(t, "https://cybersecurity-tokyo.jp/\n");
        free(t);
    }
}

TEST(dated_by_the_callers_clock)
{
    /* The PDF's date and its footers come from the time the caller gives
     * (the app's clock), not from the system's. */
    char font[4096], err[512], file[160], *out;
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    content *c = content_open(src, NULL, LANG_JA, 0);
    CHECK(c != NULL);
    if (!c)
        return;
    snprintf(file, sizeof file, "%s/dated.pdf", dir);
    handout_ctx h = {.font = font, .lang = LANG_JA, .book = &c->guide, .portal = c->desk.portal,
                     .desk_phone = c->desk.phone, .desk_hours = c->desk.hours,
                     .now_ms = 1893585600000LL}; /* 2030-01-02 12:00 UTC */
    CHECK(handout_referrals(&h, &c->refs, file, err, sizeof err));
    content_close(c);
    CHECK_INT(runf(&out, "pdfinfo -isodates '%s'", file), 0);
    CHECK_CONTAINS(out, "2030-01-02T12:00:00");
    free(out);
    char *t = text_of(file);
    CHECK_CONTAINS(t, "2030-01-02");
    free(t);
    check_visitor(file);
}

TEST(bad_input_leaves_no_file)
{
    char file[128], *out;
    snprintf(file, sizeof file, "%s/none.pdf", dir);
    CHECK_INT(runf(&out, "%s handout guide 99 -o %s", bin, file), 2);
    CHECK_CONTAINS(out, "99");
    free(out);
    CHECK(access(file, F_OK) != 0);
    CHECK_INT(runf(&out, "%s handout deck %s/slides/bcp.md --layout 5 -o %s", bin, src, file), 2);
    CHECK_CONTAINS(out, "--layout");
    free(out);
    CHECK(access(file, F_OK) != 0);
    /* a folder that does not exist: a message, no file, no temporary either */
    CHECK_INT(runf(&out, "%s handout referrals -o /nonexistent/dir/x.pdf", bin), 2);
    CHECK_CONTAINS(out, "/nonexistent/dir/x.pdf");
    free(out);
    CHECK(access("/nonexistent/dir/x.pdf.tmp", F_OK) != 0);
    CHECK_INT(runf(&out, "%s handout consult 00000000-0000-0000-0000-000000000000 --lang en --db %s/n.db -o %s",
                   bin, dir, file),
              2);
    CHECK_CONTAINS(out, "no note");
    free(out);
    CHECK(access(file, F_OK) != 0);
}

/* The child's half of full_and_read_only_folder: exit status = failures. */
static int folder_child(const char *d)
{
    if (!small_disk(d, "64k")) /* smaller than any guidebook handout */
        return SMALL_DISK_UNAVAILABLE;
    char *out;
    CHECK_INT(runf(&out, "%s handout guide 1 2 3 -o %s/g.pdf", bin, d), 2);
    CHECK_CONTAINS(out, "g.pdf: No space left on device");
    free(out);
    char file[300];
    snprintf(file, sizeof file, "%s/g.pdf", d);
    CHECK(access(file, F_OK) != 0);
    snprintf(file, sizeof file, "%s/g.pdf.tmp", d);
    CHECK(access(file, F_OK) != 0);
    CHECK(small_disk_readonly(d));
    CHECK_INT(runf(&out, "%s handout referrals -o %s/r.pdf", bin, d), 2);
    CHECK_CONTAINS(out, "r.pdf: Read-only file system");
    free(out);
    return test_failures;
}

TEST(full_and_read_only_folder)
{
    CHECK_INT(small_disk_run(folder_child, "/tmp/mgfolderXXXXXX", "full_and_read_only_folder"), 0);
}

TEST(screen_and_paper_break_alike)
{
    /* The same paragraphs laid out by the screen's metrics (the font's own
     * advances through FreeType) and the paper's (libharu's width table for
     * the embedded font), at the same size and width: one engine, so the
     * same lines. */
    char font[4096], err[512];
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    ui_config cfg = {.w = 800, .h = 600, .headless = true, .font = font, .content_dir = src};
    ui_app app;
    CHECK(ui_init(&app, &cfg, err, sizeof err));
    pdf *p = pdf_new(font, "t", "t", err, sizeof err);
    CHECK(p != NULL);
    lb *l = lb_new();
    lay_ctx screen = {txt_metrics(app.txt), l}, paper = {pdf_metrics(p), l};
    int compared = 0, same = 0;
    for (size_t c = 0; c < app.content->guide.n; c++)
        for (const doc_block *b = app.content->guide.ch[c].doc->root->first; b; b = b->next) {
            if (b->kind != DOC_PARA)
                continue;
            lay_result a, z;
            lay_init(&a);
            lay_init(&z);
            lay_spans(&a, &screen, b->spans, b->nspans, 0, 0, 300 * 24, 300, 0, LAY_C_TEXT, 0, 1.5f);
            lay_spans(&z, &paper, b->spans, b->nspans, 0, 0, 300 * 24, 300, 0, LAY_C_TEXT, 0, 1.5f);
            /* The same lines, each with the same text. */
            strbuf sa, sz;
            strbuf_init(&sa);
            strbuf_init(&sz);
            for (size_t i = 0; i < a.n; i++)
                strbuf_printf(&sa, "%d:%.*s|", a.items[i].textline, (int)a.items[i].len, a.items[i].text);
            for (size_t i = 0; i < z.n; i++)
                strbuf_printf(&sz, "%d:%.*s|", z.items[i].textline, (int)z.items[i].len, z.items[i].text);
            compared++;
            if (sa.s && sz.s && !strcmp(sa.s, sz.s))
                same++;
            else if (compared - same <= 3)
                fprintf(stderr, "differs:\n screen %s\n paper  %s\n", sa.s, sz.s);
            strbuf_fini(&sa);
            strbuf_fini(&sz);
            lay_fini(&a);
            lay_fini(&z);
        }
    printf("screen and paper: %d of %d paragraphs break identically\n", same, compared);
    CHECK(compared > 100);
    CHECK_INT(same, compared);
    lb_free(l);
    pdf_free(p);
    ui_fini(&app);
}


/* Display column of the first b on a line of s (code points). */
static int column_of(const char *line_start, const char *at)
{
    return (int)utf8_count(line_start, (size_t)(at - line_start));
}

/* The line of page that holds what, and where on it; NULL when none. */
static const char *line_with(const char *page, const char *end, const char *what,
                             const char **line)
{
    const char *at = strstr(page, what);
    if (!at || at >= end)
        return NULL;
    const char *ls = at;
    while (ls > page && ls[-1] != '\n')
        ls--;
    *line = ls;
    return at;
}

TEST(table_header_repeats_on_a_new_page)
{
    /* A response table longer than a page, with merged cells: on the second
     * page the header rows come again, and each continuation stands under
     * its own column's heading (pdftotext -layout keeps the columns). */
    strbuf x;
    strbuf_init(&x);
    strbuf_adds(&x, "<h1>初動対応</h1>\n<table>\n<thead><tr><th>段階</th><th>すること</th>"
                    "<th>相談先</th></tr></thead>\n<tbody>\n");
    for (int i = 1; i <= 40; i++) {
        if (i % 4 == 1)
            strbuf_printf(&x, "<tr><td rowspan=\"2\">STEP%d</td><td>手順%dを確かめる</td>"
                              "<td rowspan=\"4\">窓口%d</td></tr>\n",
                          i, i, i);
        else if (i % 4 == 3)
            strbuf_printf(&x, "<tr><td rowspan=\"2\">STEP%d</td><td>手順%dを確かめる</td></tr>\n",
                          i, i);
        else
            strbuf_printf(&x, "<tr><td>手順%dを確かめる</td></tr>\n", i);
    }
    strbuf_adds(&x, "</tbody></table>\n");
    char book[128], file[128], *out;
    snprintf(book, sizeof book, "%s/table.epub", dir);
    snprintf(file, sizeof file, "%s/table.pdf", dir);
    CHECK(fixture_epub_body(book, x.s));
    strbuf_fini(&x);
    CHECK_INT(runf(&out, "%s handout guide 1 --guidebook %s -o %s", bin, book, file), 0);
    free(out);
    check_pdf(file, 0, false);
    char *t;
    runf(&t, "pdftotext -layout '%s' - 2>/dev/null", file);
    const char *p2 = strchr(t, '\f');
    CHECK(p2 != NULL); /* more than one page */
    if (p2) {
        p2++;
        const char *end = strchr(p2, '\f');
        if (!end)
            end = p2 + strlen(p2);
        const char *hl, *bl;
        const char *h_step = line_with(p2, end, "段階", &hl);
        CHECK(h_step != NULL); /* the header again */
        const char *h_todo = h_step ? strstr(hl, "すること") : NULL;
        const char *h_refs = h_step ? strstr(hl, "相談先") : NULL;
        CHECK(h_todo && h_refs);
        /* A body row of the second page: the last row's step text and a
         * referral cell, each under its own heading. */
        const char *todo = line_with(p2, end, "手順40を確かめる", &bl);
        CHECK(todo != NULL);
        if (h_todo && h_refs && todo) {
            int want = column_of(hl, h_todo), got = column_of(bl, todo);
            if (abs(want - got) > 2)
                fprintf(stderr, "手順40 at column %d, すること at %d\n", got, want);
            CHECK(abs(want - got) <= 2);
            const char *rl;
            const char *ref = line_with(p2, end, "窓口37", &rl);
            CHECK(ref != NULL);
            if (ref) {
                int rw = column_of(hl, h_refs), rg = column_of(rl, ref);
                if (abs(rw - rg) > 2)
                    fprintf(stderr, "窓口37 at column %d, 相談先 at %d\n", rg, rw);
                CHECK(abs(rw - rg) <= 2);
            }
        }
        if (!h_step)
            fprintf(stderr, "second page:\n%.*s\n", (int)(end - p2), p2);
    }
    free(t);
}

/* A w x h picture with detail in it (noise on a gradient, so a JPEG of it
 * is not tiny), with a transparent band when alpha; saved as name (.jpg or
 * .png) in dir. */
static void make_picture(const char *path, int w, int h, bool alpha)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    srand(7);
    for (int y = 0; y < h; y++) {
        unsigned char *row = (unsigned char *)s->pixels + (size_t)s->pitch * (size_t)y;
        for (int x = 0; x < w; x++) {
            row[x * 4] = (unsigned char)(x * 255 / w);
            row[x * 4 + 1] = (unsigned char)(y * 255 / h);
            row[x * 4 + 2] = (unsigned char)(rand() >> 8);
            row[x * 4 + 3] = alpha && y < h / 4 ? 0x40 : 0xFF;
        }
    }
    CHECK(strstr(path, ".png") ? IMG_SavePNG(s, path) == 0 : IMG_SaveJPG(s, path, 85) == 0);
    SDL_FreeSurface(s);
}

/* pdfimages -list of file: each image's width, height, type and object. */
typedef struct pdf_pic {
    int w, h, obj;
    char type[16], enc[16];
} pdf_pic;

static size_t list_images(const char *file, pdf_pic *out, size_t max)
{
    char *t;
    size_t n = 0;
    CHECK_INT(runf(&t, "pdfimages -list '%s'", file), 0);
    for (const char *l = t; l && *l && n < max; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        int page, num, comp, bpc;
        char color[16], interp[8];
        pdf_pic q;
        if (sscanf(l, "%d %d %15s %d %d %15s %d %d %15s %7s %d", &page, &num, q.type, &q.w, &q.h,
                   color, &comp, &bpc, q.enc, interp, &q.obj) == 11)
            out[n++] = q;
    }
    free(t);
    return n;
}

TEST(pictures_at_their_printed_size)
{
    /* Big pictures drawn small go in at 200 dpi of their drawn size, each
     * once; a photo that is about the size it prints at goes in as it is. */
    char big[160], png[160], small[160], file[160], face[4096], err[256];
    snprintf(big, sizeof big, "%s/big.jpg", dir);
    snprintf(png, sizeof png, "%s/big.png", dir);
    snprintf(small, sizeof small, "%s/small.jpg", dir);
    snprintf(file, sizeof file, "%s/pictures.pdf", dir);
    make_picture(big, 2400, 1800, false);
    make_picture(png, 2000, 1500, true);
    make_picture(small, 300, 200, false);
    CHECK(font_find(NULL, face, sizeof face, err, sizeof err, LANG_JA));
    pdf *p = pdf_new(face, "写真", "窓口", err, sizeof err);
    CHECK(p != NULL);
    if (!p)
        return;
    int W, H;
    pdf_page(p, false, &W, &H);
    pdf_image(p, big, 0, 0, 1440, 1080);    /* 2 x 1.5 inches: 400 x 300 at 200 dpi */
    pdf_image(p, big, 0, 1200, 1440, 1080); /* the same picture: the same image */
    pdf_image(p, png, 0, 2400, 720, 540);   /* 1 inch: 200 pixels */
    pdf_image(p, small, 0, 3000, 1080, 720); /* 1.5 inches: 300 pixels, as it is */
    CHECK(pdf_save(p, file, err, sizeof err));
    pdf_free(p);
    char *out;
    CHECK_INT(runf(&out, "qpdf --check '%s'", file), 0);
    CHECK_CONTAINS(out, "No syntax or stream encoding errors");
    free(out);
    CHECK_INT(runf(&out, "pdftoppm -r 20 -png '%s' %s/pictures 2>&1", file, dir), 0);
    CHECK_STR(out, ""); /* poppler draws every picture without a word */
    free(out);
    pdf_pic pics[16];
    size_t n = list_images(file, pics, 16);
    CHECK_INT((int)n, 5); /* big twice, the PNG and its soft mask, the small photo */
    int bigs = 0, masks = 0, smalls = 0, big_obj = -1;
    for (size_t i = 0; i < n; i++) {
        const pdf_pic *q = &pics[i];
        if (q->w > 401 || q->h > 301) /* never the decoded size (2400 x 1800) */
            fprintf(stderr, "image %d: %d x %d %s\n", q->obj, q->w, q->h, q->enc);
        CHECK(q->w <= 401 && q->h <= 301);
        if (q->w == 400 && q->h == 300 && !strcmp(q->enc, "jpeg")) {
            CHECK(big_obj < 0 || big_obj == q->obj);
            big_obj = q->obj;
            bigs++;
        }
        if (!strcmp(q->type, "smask") && q->w == 200 && q->h == 150)
            masks++;
        if (q->w == 300 && q->h == 200 && !strcmp(q->enc, "jpeg"))
            smalls++;
    }
    CHECK_INT(bigs, 2);
    CHECK_INT(masks, 1);
    CHECK_INT(smalls, 1);
    /* The small photo's own bytes: the PDF holds the file whole. */
    size_t jl = 0, pl = 0;
    char *jb = read_file(small, &jl), *pb = read_file(file, &pl);
    CHECK(jb && pb && memmem(pb, pl, jb, jl) != NULL);
    free(jb);
    /* Far below the 13 MB of the big photo's pixels, and the 9 MB of the PNG's. */
    CHECK(pl < 600 * 1024);
    free(pb);
}

/* A one-chapter book of paragraphs with the picture pic (PNG bytes) after
 * every few of them, more text each time, so pictures fall at every height
 * of the page. */
static bool book_with_pictures(const char *path, const void *pic, size_t piclen)
{
    static const char opf[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\n"
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "<dc:identifier id=\"id\">p</dc:identifier><dc:title>絵</dc:title>"
        "<dc:language>ja</dc:language></metadata>\n<manifest>\n"
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        "<item id=\"t\" href=\"text/t.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "<item id=\"i\" href=\"image/tall.png\" media-type=\"image/png\"/>\n"
        "</manifest>\n<spine><itemref idref=\"t\"/></spine>\n</package>\n";
    static const char nav[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
        "<head><title>目次</title></head><body><nav epub:type=\"toc\"><ol>\n"
        "<li><a href=\"text/t.xhtml\">絵の章</a></li></ol></nav></body></html>\n";
    strbuf x;
    strbuf_init(&x);
    strbuf_adds(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/"
                    "1999/xhtml\"><head><title>t</title></head>\n<body>\n<h1>絵の章</h1>\n");
    for (int i = 0; i < 14; i++) {
        for (int k = 0; k <= i % 7; k++)
            strbuf_adds(&x, "<p>パスワードは長く、使い回さず、多要素認証と組み合わせましょう。"
                            "不審なメールの添付ファイルは開かずに、まず窓口へ相談してください。</p>\n");
        strbuf_adds(&x, "<p><img src=\"../image/tall.png\" alt=\"図\"/></p>\n");
    }
    strbuf_adds(&x, "</body></html>\n");
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    bool ok = z && fx_add(z, "mimetype", "application/epub+zip", 20, true) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false) &&
              fx_add(z, "OEBPS/content.opf", opf, strlen(opf), false) &&
              fx_add(z, "OEBPS/nav.xhtml", nav, strlen(nav), false) &&
              fx_add(z, "OEBPS/text/t.xhtml", x.s, x.len, false) &&
              fx_add(z, "OEBPS/image/tall.png", pic, piclen, true);
    if (z && zip_close(z) != 0) { /* the data is read here: x is freed after */
        zip_discard(z);
        ok = false;
    }
    strbuf_fini(&x);
    return ok;
}

TEST(pictures_stay_inside_the_page)
{
    /* Tall pictures at every height of the page: each is drawn whole
     * between the header's rule and the footer, none across the page foot
     * (a picture is never cut). */
    char png[160], book[160], file[160], qdf[160];
    snprintf(png, sizeof png, "%s/tall.png", dir);
    snprintf(book, sizeof book, "%s/tall.epub", dir);
    snprintf(file, sizeof file, "%s/tall.pdf", dir);
    snprintf(qdf, sizeof qdf, "%s/tall-qdf.pdf", dir);
    make_picture(png, 600, 900, false);
    size_t len = 0;
    char *bytes = read_file(png, &len), *out;
    CHECK(bytes && book_with_pictures(book, bytes, len));
    free(bytes);
    CHECK_INT(runf(&out, "%s handout guide 1 --guidebook %s -o %s", bin, book, file), 0);
    free(out);
    CHECK_INT(runf(&out, "qpdf --qdf --object-streams=disable '%s' '%s'", file, qdf), 0);
    free(out);
    size_t ql = 0;
    char *q = read_file(qdf, &ql);
    CHECK(q != NULL);
    int pictures = 0;
    /* memmem: the file holds binary streams (a NUL stops strstr) */
    for (const char *l = q; q && (l = memmem(l, ql - (size_t)(l - q), " cm\n/X", 6)); l++) {
        const char *ls = l;
        while (ls > q && ls[-1] != '\n')
            ls--;
        float w, a, b, h, x, y;
        if (sscanf(ls, "%f %f %f %f %f %f cm", &w, &a, &b, &h, &x, &y) != 6)
            continue;
        pictures++;
        /* A4 portrait: the footer's top 62 pt up, the header's rule 783 pt */
        if (y < 62 || y + h > 780)
            fprintf(stderr, "a picture from %.1f to %.1f pt up the page\n", y, y + h);
        CHECK(y >= 62 && y + h <= 780);
    }
    CHECK_INT(pictures, 14);
    free(q);
}

/* A photo of noise (it compresses as badly as a real photograph). */
static void make_noise(const char *path, int w, int h, unsigned seed)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    srand(seed);
    for (int y = 0; y < h; y++) {
        unsigned char *row = (unsigned char *)s->pixels + (size_t)s->pitch * (size_t)y;
        for (int x = 0; x < w * 3; x++)
            row[x] = (unsigned char)(rand() >> 7);
    }
    CHECK(IMG_SaveJPG(s, path, 75) == 0);
    SDL_FreeSurface(s);
}

/* Six photos and a diagram, each on its own page, saved with a limit of
 * max bytes (0: the default); the file's size back. */
static long long photo_book(const char *file, size_t max, const char photos[6][160], const char *png)
{
    char face[4096], err[256];
    CHECK(font_find(NULL, face, sizeof face, err, sizeof err, LANG_JA));
    pdf *p = pdf_new(face, "写真の本", "窓口", err, sizeof err);
    CHECK(p != NULL);
    if (!p)
        return -1;
    pdf_set_max_bytes(p, max);
    lb *l = lb_new();
    lay_ctx ctx = {pdf_metrics(p), l};
    uint32_t colors[LAY_C_COUNT];
    pdf_default_colors(colors);
    for (int i = 0; i < 7; i++) {
        int W, H;
        pdf_page(p, false, &W, &H);
        char line[64];
        snprintf(line, sizeof line, "写真 %d", i + 1);
        lay_result r;
        lay_init(&r);
        lay_text(&r, &ctx, line, 0, 0, W, 105, 0, LAY_C_TEXT, 0);
        pdf_paint(p, &r, 0, 0, colors);
        lay_fini(&r);
        /* 800 x 600 at 150 dpi: 5.33 x 4 inches, 384 x 288 points */
        pdf_image(p, i < 6 ? photos[i] : png, 0, 400, 3840, 2880);
    }
    bool ok = pdf_save(p, file, err, sizeof err);
    lb_free(l);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    CHECK(ok);
    pdf_free(p);
    struct stat st;
    return ok && stat(file, &st) == 0 ? (long long)st.st_size : -1;
}

/* The photos, the diagram and the unfitted size, for the disk child. */
static char fit_photos[6][160], fit_png[160];
static long long fit_big;

/* A disk with room for the whole document but not for it and a fitted
 * one: the whole one is the handout, no temporary file is left. */
static int fit_disk_child(const char *d)
{
    char size[32];
    snprintf(size, sizeof size, "%lldk", fit_big * 3 / 2 / 1024);
    if (!small_disk(d, size))
        return SMALL_DISK_UNAVAILABLE;
    char file[300];
    snprintf(file, sizeof file, "%s/f.pdf", d);
    CHECK(photo_book(file, (size_t)fit_big * 6 / 10, (const char(*)[160])fit_photos, fit_png) ==
          fit_big);
    snprintf(file, sizeof file, "%s/f.pdf.tmp", d);
    CHECK(access(file, F_OK) != 0);
    snprintf(file, sizeof file, "%s/f.pdf.fit.tmp", d);
    CHECK(access(file, F_OK) != 0);
    return test_failures;
}

TEST(photos_fitted_to_the_size_limit)
{
    /* Under the limit, photos go in as they are; over it, the document is
     * written again with every photo scaled by one factor and re-encoded,
     * so it fits, no photo below 90 dpi; the diagram (PNG) stays whole. */
    char photos[6][160], png[160], whole[160], fitted[160];
    for (int i = 0; i < 6; i++) {
        snprintf(photos[i], sizeof photos[i], "%s/noise%d.jpg", dir, i);
        make_noise(photos[i], 800, 600, (unsigned)i + 1);
    }
    snprintf(png, sizeof png, "%s/diagram.png", dir);
    make_picture(png, 200, 150, false);
    snprintf(whole, sizeof whole, "%s/photos-whole.pdf", dir);
    snprintf(fitted, sizeof fitted, "%s/photos-fitted.pdf", dir);
    long long big = photo_book(whole, 0, photos, png);
    size_t jl = 0, pl = 0;
    char *jb = read_file(photos[0], &jl), *pb = read_file(whole, &pl);
    CHECK(jb && pb && memmem(pb, pl, jb, jl) != NULL); /* the photo's own bytes */
    free(pb);
    CHECK(big > (long long)(6 * jl)); /* the photos as they are */
    /* A limit of 60 % of that: under it, with room for the text and the PNG. */
    size_t max = (size_t)big * 6 / 10;
    long long small = photo_book(fitted, max, photos, png);
    CHECK(small > 0 && small <= (long long)max);
    CHECK(small > (long long)max / 2); /* the room is used, not thrown away */
    pb = read_file(fitted, &pl);
    CHECK(pb && memmem(pb, pl, jb, jl) == NULL);
    free(pb);
    free(jb);
    char *out;
    CHECK_INT(runf(&out, "qpdf --check '%s'", fitted), 0);
    CHECK_CONTAINS(out, "No syntax or stream encoding errors");
    free(out);
    CHECK_INT(runf(&out, "pdftoppm -r 20 -png '%s' %s/fitted 2>&1", fitted, dir), 0);
    CHECK_STR(out, ""); /* every picture drawn without a word */
    free(out);
    char *t = text_of(fitted);
    CHECK_CONTAINS(t, "写真 1");
    CHECK_CONTAINS(t, "写真 7");
    free(t);
    pdf_pic pics[16];
    size_t n = list_images(fitted, pics, 16);
    CHECK_INT((int)n, 7);
    int scaled = 0, diagram = 0;
    for (size_t i = 0; i < n; i++) {
        const pdf_pic *q = &pics[i];
        if (!strcmp(q->enc, "jpeg")) {
            /* one factor for all, and 90 dpi of 5.33 inches at least */
            CHECK(q->w < 800 && q->w >= 480 && q->w == pics[0].w && q->h == pics[0].h);
            scaled++;
        } else if (q->w == 200 && q->h == 150)
            diagram++;
    }
    CHECK_INT(scaled, 6);
    CHECK_INT(diagram, 1);
    /* No room on the disk for the second document: the first one stands. */
    memcpy(fit_photos, photos, sizeof fit_photos);
    snprintf(fit_png, sizeof fit_png, "%s", png);
    fit_big = big;
    CHECK_INT(small_disk_run(fit_disk_child, "/tmp/mgfitXXXXXX", "photos_fitted_to_the_size_limit"), 0);
    /* A limit no photo can meet: the photos at 90 dpi (480 pixels across
     * 5.33 inches) and no lower, and still a handout. */
    char floor[160];
    snprintf(floor, sizeof floor, "%s/photos-floor.pdf", dir);
    long long least = photo_book(floor, (size_t)big / 10, photos, png);
    CHECK(least > (long long)big / 10 && least < small);
    n = list_images(floor, pics, 16);
    CHECK_INT((int)n, 7);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pics[i].enc, "jpeg"))
            CHECK(pics[i].w == 480 && pics[i].h == 360);
}

TEST(large_photos_scaled_without_sdl)
{
    /* A book whose photo is far larger than it prints: scaled and written
     * again by libjpeg-turbo in madoguchi-cli, none of SDL's libraries
     * loaded (the arm64 wrapper runs the whole program: not checked there). */
    if (!test_bin_is_front(bin)) {
        TEST_SKIP("MG_BINARY is not the front (the arm64 wrapper runs madoguchi-app)");
        return;
    }
    char jpg[160], book[160], file[160];
    snprintf(jpg, sizeof jpg, "%s/large.jpg", dir);
    snprintf(book, sizeof book, "%s/large.epub", dir);
    snprintf(file, sizeof file, "%s/large.pdf", dir);
    make_picture(jpg, 3000, 4000, false);
    size_t len = 0;
    char *bytes = read_file(jpg, &len), *out;
    /* (stored as image/tall.png: pictures are known by their bytes, not their names) */
    CHECK(bytes && book_with_pictures(book, bytes, len));
    free(bytes);
    CHECK_INT(runf(&out, "LD_DEBUG=libs %s handout guide 1 --guidebook %s -o %s", bin, book, file), 0);
    CHECK_CONTAINS(out, "libhpdf");
    CHECK(strstr(out, "libSDL2") == NULL);
    free(out);
    pdf_pic pics[4];
    size_t n = list_images(file, pics, 4);
    CHECK_INT((int)n, 4); /* the same image on each page it is drawn on */
    for (size_t i = 0; i < n; i++) {
        CHECK_STR(pics[i].enc, "jpeg");
        CHECK(pics[i].w < 3000 && abs(pics[i].w * 4 - pics[i].h * 3) < 8); /* 3:4 kept */
    }
}

TEST(desk_contact_once_a_page)
{
    /* The desk's phone and hours, however long, once on each page: in the
     * header when they fit beside the name, else in the footer (once both
     * for widths near the edge). */
    char face[4096], err[256], file[160];
    CHECK(font_find(NULL, face, sizeof face, err, sizeof err, LANG_JA));
    snprintf(file, sizeof file, "%s/contact.pdf", dir);
    bool header = false, footer = false;
    for (int k = 0; k <= 26; k++) {
        strbuf c;
        strbuf_init(&c);
        strbuf_adds(&c, "電話 03-0000-1111 受付");
        for (int i = 0; i < k; i++)
            strbuf_adds(&c, "平日");
        pdf *p = pdf_new(face, "連絡先", "窓口", err, sizeof err);
        CHECK(p != NULL);
        if (!p)
            break;
        pdf_set_contact(p, c.s);
        strbuf_fini(&c);
        int W, H;
        pdf_page(p, false, &W, &H);
        pdf_page(p, true, &W, &H);
        CHECK(pdf_save(p, file, err, sizeof err));
        pdf_free(p);
        char *t;
        runf(&t, "pdftotext -layout '%s' - 2>/dev/null", file);
        int page = 0;
        for (const char *pg = t; pg && *pg && page < 2; page++) {
            const char *end = strchr(pg, '\f');
            if (!end)
                end = pg + strlen(pg);
            int count = 0;
            const char *first = NULL;
            for (const char *at = pg; (at = strstr(at, "03-0000-1111")) && at < end; at++) {
                count++;
                first = first ? first : at;
            }
            if (count != 1)
                fprintf(stderr, "%d extra characters, page %d: the phone %d times\n", k * 2,
                        page + 1, count);
            CHECK_INT(count, 1);
            if (first) { /* in the header: on the first line, with the name */
                const char *nl = strchr(pg, '\n');
                if (nl && first < nl)
                    header = true;
                else
                    footer = true;
            }
            pg = *end ? end + 1 : end;
        }
        CHECK_INT(page, 2);
        free(t);
    }
    CHECK(header && footer); /* both places were tried */
}

int main(void)
{
    bin = getenv("MG_BINARY");
    src = getenv("MG_SOURCE_DIR");
    CHECK(bin && src && mkdtemp(dir));
    if (!bin || !src)
        return test_summary();
    RUN(deck_handouts);
    RUN(guide_referrals_consult);
    RUN(missing_pictures_and_characters);
    RUN(portal_qr_when_configured);
    RUN(qr_codes_on_the_screen);
    RUN(dated_by_the_callers_clock);
    RUN(bad_input_leaves_no_file);
    RUN(full_and_read_only_folder);
    RUN(screen_and_paper_break_alike);
    RUN(table_header_repeats_on_a_new_page);
    RUN(pictures_at_their_printed_size);
    RUN(pictures_stay_inside_the_page);
    RUN(large_photos_scaled_without_sdl);
    RUN(desk_contact_once_a_page);
    RUN(photos_fitted_to_the_size_limit);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return test_summary();
}
