/*
 * Document model: golden files.  Each tests/data/doc/NAME.md is parsed and
 * dumped; the dump must equal NAME.expected (checked by hand when written).
 * MG_UPDATE_GOLDEN=1 rewrites the expected files.
 */
#include <dirent.h>

#include "../app/core/doc.h"
#include "test.h"

static char *data_dir(void)
{
    const char *src = getenv("MG_SOURCE_DIR");
    return path_join(src ? src : "..", "tests/data/doc");
}

static void golden(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    diag_list d;
    diag_init(&d, LANG_EN);
    doc_t *doc = doc_load(path, &d);
    CHECK(doc != NULL);
    strbuf out;
    strbuf_init(&out);
    if (doc)
        doc_dump(doc, &out);
    /* Diagnostics are part of the golden output, without the folder. */
    for (size_t i = 0; i < d.n; i++)
        strbuf_printf(&out, "diag %d: %s\n", d.items[i].line, d.items[i].text);
    size_t l = strlen(path);
    strbuf exp;
    strbuf_init(&exp);
    strbuf_add(&exp, path, l - 3);
    strbuf_adds(&exp, ".expected");
    if (getenv("MG_UPDATE_GOLDEN")) {
        FILE *f = fopen(exp.s, "w");
        fputs(out.s ? out.s : "", f);
        fclose(f);
    }
    size_t n;
    char *want = read_file(exp.s, &n);
    CHECK(want != NULL);
    if (want && strcmp(want, out.s ? out.s : "") != 0) {
        fprintf(stderr, "golden mismatch for %s\n--- got\n%s--- expected\n%s", name, out.s, want);
        CHECK(0);
    }
    free(want);
    strbuf_fini(&exp);
    strbuf_fini(&out);
    doc_free(doc);
    diag_fini(&d);
    free(path);
}

TEST(golden_files)
{
    char *dir = data_dir();
    DIR *dh = opendir(dir);
    CHECK(dh != NULL);
    int count = 0;
    struct dirent *de;
    while (dh && (de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l > 3 && strcmp(de->d_name + l - 3, ".md") == 0) {
            golden(dir, de->d_name);
            count++;
        }
    }
    if (dh)
        closedir(dh);
    CHECK(count >= 5);
    free(dir);
}

TEST(front_matter_and_lines)
{
    const char *t = "---\ntitle: 章\norder: 2\n---\n\n# 見出し\n\n本文\n";
    doc_t *doc = doc_parse(t, strlen(t), "x/ch.md", NULL);
    CHECK_STR(fm_get(&doc->front, "title"), "章");
    const doc_block *h = doc->root->first;
    CHECK_INT(h->kind, DOC_HEADING);
    CHECK_INT(h->line, 6);
    CHECK_INT(h->next->line, 8);
    CHECK_STR(doc->dir, "x");
    doc_free(doc);
}

TEST(image_paths_resolved_and_checked)
{
    const char *t = "![a](missing.png)\n\n![b](http://x.jp/b.png)\n";
    doc_t *doc = doc_parse(t, strlen(t), "/nonexistent/dir/ch.md", NULL);
    const doc_block *b = doc->root->first;
    CHECK_INT(b->kind, DOC_IMAGE);
    CHECK_STR(b->spans[0].path, "/nonexistent/dir/missing.png");
    CHECK(b->next->spans[0].path == NULL);
    diag_list d;
    diag_init(&d, LANG_EN);
    doc_check_images(doc, &d);
    CHECK_INT(d.n, 2);
    CHECK_INT(d.items[0].line, 1);
    CHECK_CONTAINS(d.items[0].text, "image not found: missing.png");
    CHECK_INT(d.items[1].line, 3);
    CHECK_CONTAINS(d.items[1].text, "remote images");
    diag_fini(&d);
    doc_free(doc);
}

TEST(pathological_inputs_do_not_crash)
{
    /* Deep nesting, many brackets, NULs, empty input. */
    strbuf s;
    strbuf_init(&s);
    for (int i = 0; i < 200; i++)
        strbuf_adds(&s, "> ");
    strbuf_adds(&s, "deep\n\n");
    for (int i = 0; i < 150; i++) {
        for (int k = 0; k < i; k++)
            strbuf_adds(&s, "  ");
        strbuf_adds(&s, "- item\n");
    }
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&s, "[*");
    strbuf_add(&s, "\0a\0", 3);
    doc_t *doc = doc_parse(s.s, s.len, "p.md", NULL);
    CHECK(doc && doc->root->first);
    doc_free(doc);
    doc = doc_parse("", 0, NULL, NULL);
    CHECK(doc && !doc->root->first);
    doc_free(doc);
    strbuf_fini(&s);
}

TEST(unreadable_file)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK(doc_load("/nonexistent/file.md", &d) == NULL);
    CHECK_INT(d.n, 1);
    CHECK_CONTAINS(d.items[0].text, "cannot read");
    diag_fini(&d);
}

int main(void)
{
    RUN(golden_files);
    RUN(front_matter_and_lines);
    RUN(image_paths_resolved_and_checked);
    RUN(pathological_inputs_do_not_crash);
    RUN(unreadable_file);
    return test_summary();
}
