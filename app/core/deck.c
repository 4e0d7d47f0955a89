/*
 * deck.c - Marp-subset decks (see deck.h).
 *
 * The body is parsed once by doc_parse (md4c), so setext headings and
 * thematic breaks follow CommonMark exactly as Marp's markdown-it does;
 * the top-level block list is then cut into slides at each DOC_RULE.
 */
#include "deck.h"

#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "fm.h"
#include "frag.h"
#include "util.h"

static const char *const themes[] = {"default", "gaia", "madoguchi", "uncover"};
static const char *const global_keys[] = {"marp", "theme", "size", "title", "author",
                                          "description", "lang"};
static const char *const local_keys[] = {"paginate", "header", "footer", "class",
                                         "backgroundColor", "color"};
/* Marp directives we deliberately do not support: reported, not ignored. */
static const char *const unsupported_keys[] = {
    "style", "headingDivider", "math", "image", "url", "backgroundImage", "backgroundPosition",
    "backgroundRepeat", "backgroundSize", "transition", "paginate-skip"};
static const char *const filters[] = {"blur",   "brightness", "contrast", "drop-shadow",
                                      "grayscale", "hue-rotate", "invert", "opacity",
                                      "saturate",  "sepia"};

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

bool deck_theme_known(const char *name)
{
    return name && in_list(name, themes, MG_ARRAY_LEN(themes));
}

static int parse_px(const char *v)
{
    /* "300", "300px": pixels; other units are rare in decks and ignored. */
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || n <= 0 || n > 10000)
        return 0;
    return (int)n;
}

void deck_parse_alt(const char *alt, size_t len, deck_img *o)
{
    memset(o, 0, sizeof *o);
    o->split_pct = 50;
    char buf[256];
    size_t i = 0;
    while (i < len) {
        while (i < len && isspace((unsigned char)alt[i]))
            i++;
        size_t s = i;
        while (i < len && !isspace((unsigned char)alt[i]))
            i++;
        size_t n = i - s;
        if (n == 0 || n >= sizeof buf)
            continue;
        memcpy(buf, alt + s, n);
        buf[n] = '\0';
        char *colon = strchr(buf, ':');
        const char *val = colon ? colon + 1 : NULL;
        if (colon)
            *colon = '\0';
        if (strcmp(buf, "bg") == 0)
            o->bg = true;
        else if (strcmp(buf, "w") == 0 || strcmp(buf, "width") == 0)
            o->w = val ? parse_px(val) : 0;
        else if (strcmp(buf, "h") == 0 || strcmp(buf, "height") == 0)
            o->h = val ? parse_px(val) : 0;
        else if (strcmp(buf, "cover") == 0)
            o->fit = DECK_FIT_COVER;
        else if (strcmp(buf, "contain") == 0 || strcmp(buf, "fit") == 0)
            o->fit = DECK_FIT_CONTAIN;
        else if (strcmp(buf, "auto") == 0)
            o->fit = DECK_FIT_AUTO;
        else if (strcmp(buf, "left") == 0 || strcmp(buf, "right") == 0) {
            o->split = buf[0] == 'l' ? DECK_SPLIT_LEFT : DECK_SPLIT_RIGHT;
            if (val) {
                int p = atoi(val);
                if (p > 0 && p < 100)
                    o->split_pct = p;
            }
        } else if (in_list(buf, filters, MG_ARRAY_LEN(filters)))
            o->filter = true;
        else if (!colon && n > 1 && buf[n - 1] == '%' && isdigit((unsigned char)buf[0])) {
            o->fit = DECK_FIT_PERCENT;
            o->percent = atoi(buf);
        }
    }
}

/* ---- comments ---- */

/* First occurrence of needle in s[0..n), or NULL. */
static const char *strstr_n(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, needle, m) == 0)
            return s + i;
    return NULL;
}

/* The text inside <!-- --> with surrounding blanks trimmed; NULL if s is
 * not exactly one comment (then it is raw HTML). */
static char *comment_text(const char *s, size_t n, int *lead)
{
    if (lead)
        *lead = 0;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    if (n < 7 || strncmp(s, "<!--", 4) != 0 || strncmp(s + n - 3, "-->", 3) != 0)
        return NULL;
    const char *a = s + 4, *b = s + n - 3;
    /* One comment only: no "-->" before the end. */
    for (const char *p = a; p + 3 <= b; p++)
        if (strncmp(p, "-->", 3) == 0)
            return NULL;
    while (a < b && isspace((unsigned char)*a)) {
        if (lead && *a == '\n')
            (*lead)++; /* so directive keys report their own line */
        a++;
    }
    while (b > a && isspace((unsigned char)b[-1]))
        b--;
    return xstrndup(a, (size_t)(b - a));
}

/* An HTML block may hold several comments in a row (markdown-it and md4c
 * both keep adjacent comment lines in one block; Marp reads each).  Fills
 * texts[] (heap strings, caller frees) and lines[] (line offsets within the
 * block); returns how many, or -1 when the block holds anything else. */
static int split_comments(const char *s, size_t n, char **texts, int *lines, int max)
{
    int count = 0, line = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)s[i]))
            line += s[i++] == '\n';
        if (i == n)
            break;
        const char *end = n - i >= 4 && strncmp(s + i, "<!--", 4) == 0
                              ? strstr_n(s + i + 4, n - i - 4, "-->")
                              : NULL;
        if (!end || count == max) {
            for (int k = 0; k < count; k++)
                free(texts[k]);
            return -1;
        }
        size_t stop = (size_t)(end - s) + 3;
        int lead;
        texts[count] = comment_text(s + i, stop - i, &lead);
        lines[count++] = line + lead;
        for (size_t k = i; k < stop; k++)
            line += s[k] == '\n';
        i = stop;
    }
    return count;
}

typedef struct parser {
    deck *k;
    diag_list *d;
    const char *file;
    /* local directives in force */
    bool paginate;
    const char *header, *footer, *klass, *bg_color, *color;
    strbuf notes;
    int note_lines;
} parser;

static const char *keep(parser *p, const char *v)
{
    return arena_strdup(&p->k->mem, v);
}

static bool parse_bool(parser *p, const char *key, const char *v, int line, bool *out)
{
    if (strcmp(v, "true") == 0)
        *out = true;
    else if (strcmp(v, "false") == 0)
        *out = false;
    else {
        diag_error(p->d, p->file, line, MSG_ERR_DECK_BOOL, key, v);
        return false;
    }
    return true;
}

/* Apply one global directive. */
static void set_global(parser *p, const char *key, const char *v, int line)
{
    if (strcmp(key, "theme") == 0) {
        if (deck_theme_known(v))
            p->k->theme = keep(p, v);
        else
            diag_error(p->d, p->file, line, MSG_ERR_DECK_THEME, v);
    } else if (strcmp(key, "size") == 0) {
        if (strcmp(v, "16:9") == 0)
            p->k->wide = true;
        else if (strcmp(v, "4:3") == 0)
            p->k->wide = false;
        else
            diag_error(p->d, p->file, line, MSG_ERR_DECK_SIZE, v);
    } else if (strcmp(key, "title") == 0)
        p->k->title = keep(p, v);
    else if (strcmp(key, "author") == 0)
        p->k->author = keep(p, v);
}

/* Apply a local directive to the values in force (or to one slide). */
static void set_local(parser *p, deck_slide *s, const char *key, const char *v, int line)
{
    bool *pag = s ? &s->paginate : &p->paginate;
    const char **hdr = s ? &s->header : &p->header, **ftr = s ? &s->footer : &p->footer,
               **cls = s ? &s->klass : &p->klass, **bgc = s ? &s->bg_color : &p->bg_color,
               **col = s ? &s->color : &p->color;
    if (strcmp(key, "paginate") == 0)
        parse_bool(p, key, v, line, pag);
    else if (strcmp(key, "header") == 0)
        *hdr = keep(p, v);
    else if (strcmp(key, "footer") == 0)
        *ftr = keep(p, v);
    else if (strcmp(key, "class") == 0)
        *cls = keep(p, v);
    else if (strcmp(key, "backgroundColor") == 0)
        *bgc = keep(p, v);
    else if (strcmp(key, "color") == 0)
        *col = keep(p, v);
}

typedef enum { KEY_GLOBAL, KEY_LOCAL, KEY_UNSUPPORTED, KEY_UNKNOWN } key_kind;

static key_kind classify(const char *key)
{
    const char *k = key[0] == '_' ? key + 1 : key;
    if (key[0] != '_' && in_list(k, global_keys, MG_ARRAY_LEN(global_keys)))
        return KEY_GLOBAL;
    if (in_list(k, local_keys, MG_ARRAY_LEN(local_keys)))
        return KEY_LOCAL;
    if (in_list(k, unsupported_keys, MG_ARRAY_LEN(unsupported_keys)))
        return KEY_UNSUPPORTED;
    return KEY_UNKNOWN;
}

/*
 * Is this comment a directive comment?  As in Marp: its text must read as
 * `key: value` lines and name at least one directive.  If so the pairs are
 * returned in f (caller fm_fini) and true.
 */
static bool directive_comment(const char *text, fm *f)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "---\n%s\n---\n", text);
    fm_init(f);
    bool ok = fm_parse(f, b.s, b.len, "-", NULL) && f->present && f->n > 0;
    strbuf_fini(&b);
    if (ok) {
        ok = false;
        for (size_t i = 0; i < f->n && !ok; i++)
            ok = classify(f->items[i].key) != KEY_UNKNOWN;
    }
    if (!ok)
        fm_fini(f);
    return ok;
}

/* Report keys of a directive comment or the front matter we cannot honour. */
static void check_keys(parser *p, const fm *f, int line0)
{
    for (size_t i = 0; i < f->n; i++) {
        int line = line0 + f->items[i].line - 2;
        key_kind kk = classify(f->items[i].key);
        if (kk == KEY_UNSUPPORTED)
            diag_error(p->d, p->file, line, MSG_ERR_DECK_UNSUPPORTED, f->items[i].key);
        else if (kk == KEY_UNKNOWN)
            diag_error(p->d, p->file, line, MSG_ERR_DECK_DIRECTIVE, f->items[i].key);
    }
}

static void add_note(parser *p, const char *text)
{
    if (!*text)
        return;
    if (p->notes.len)
        strbuf_adds(&p->notes, "\n\n");
    strbuf_adds(&p->notes, text);
    int lines = 1;
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    p->note_lines += lines;
}

/* Is '$' at i the start of inline math ($x$, no blank inside the ends)? */
static bool looks_like_math(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '$')
            continue;
        if (s[i + 1] == '$')
            return true;
        if (isspace((unsigned char)s[i + 1]) || isdigit((unsigned char)s[i + 1]))
            continue;
        for (size_t j = i + 2; j < n; j++)
            if (s[j] == '$') {
                if (!isspace((unsigned char)s[j - 1]))
                    return true;
                break;
            }
    }
    return false;
}

/* Walk a block's inline content: notes from inline comments, errors for
 * raw HTML, math, filters and remote images. */
static void scan_inline(parser *p, const doc_block *b)
{
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *s = &b->spans[i];
        if (s->kind == DOC_SPAN_HTML) {
            char *c = comment_text(s->text, s->len, NULL);
            if (c)
                add_note(p, c);
            else {
                char shown[80];
                snprintf(shown, sizeof shown, "%.*s", (int)MG_MIN(s->len, 60), s->text);
                diag_error(p->d, p->file, b->line, MSG_ERR_DECK_HTML, shown);
            }
            free(c);
        } else if (s->kind == DOC_SPAN_IMAGE) {
            deck_img o;
            deck_parse_alt(s->text, s->len, &o);
            if (!s->path)
                diag_error(p->d, p->file, b->line, MSG_ERR_IMAGE_REMOTE, s->href);
            if (o.filter) {
                char shown[80];
                snprintf(shown, sizeof shown, "%.*s", (int)MG_MIN(s->len, 60), s->text);
                diag_error(p->d, p->file, b->line, MSG_ERR_DECK_FILTER, shown);
            }
        } else if (s->kind == DOC_SPAN_TEXT && !(s->style & DOC_S_CODE) &&
                   looks_like_math(s->text, s->len)) {
            diag_error(p->d, p->file, b->line, MSG_ERR_DECK_MATH);
        }
    }
    for (const doc_block *k = b->first; k; k = k->next)
        scan_inline(p, k);
}

/* A paragraph made only of background images goes behind the slide. */
static bool take_backgrounds(parser *p, deck_slide *sl, const doc_block *b)
{
    if (b->kind != DOC_PARA && b->kind != DOC_IMAGE)
        return false;
    size_t imgs = 0;
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *s = &b->spans[i];
        if (s->kind == DOC_SPAN_IMAGE) {
            deck_img o;
            deck_parse_alt(s->text, s->len, &o);
            if (!o.bg)
                return false;
            imgs++;
        } else if (s->kind == DOC_SPAN_TEXT) {
            for (size_t k = 0; k < s->len; k++)
                if (!isspace((unsigned char)s->text[k]))
                    return false;
        } else if (s->kind != DOC_SPAN_SOFTBREAK && s->kind != DOC_SPAN_BREAK)
            return false;
    }
    if (!imgs)
        return false;
    sl->bgs = xrealloc(sl->bgs, (sl->nbgs + imgs) * sizeof(deck_bg));
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *s = &b->spans[i];
        if (s->kind != DOC_SPAN_IMAGE)
            continue;
        deck_bg *bg = &sl->bgs[sl->nbgs++];
        bg->path = s->path;
        bg->src = s->href;
        deck_parse_alt(s->text, s->len, &bg->opt);
    }
    scan_inline(p, b); /* remote sources and filters are still errors */
    return true;
}

static void build_slide(parser *p, deck_slide *sl, const doc_block *first, const doc_block *end,
                        int line)
{
    sl->line = line;
    /* First pass: directives (deck-wide ones apply from this slide on). */
    typedef struct {
        fm f;
        int line;
    } dc;
    dc *dirs = NULL;
    size_t ndirs = 0;
    for (const doc_block *b = first; b != end; b = b->next) {
        if (b->kind != DOC_HTML || !b->nspans)
            continue;
        char *texts[64];
        int offs[64];
        int nc = split_comments(b->spans[0].text, b->spans[0].len, texts, offs, 64);
        for (int i = 0; i < nc; i++) {
            fm f;
            if (texts[i] && directive_comment(texts[i], &f)) {
                dirs = xrealloc(dirs, (ndirs + 1) * sizeof(dc));
                dirs[ndirs++] = (dc){f, b->line + offs[i]};
                check_keys(p, &f, b->line + offs[i]);
            }
            free(texts[i]);
        }
    }
    for (size_t i = 0; i < ndirs; i++)
        for (size_t j = 0; j < dirs[i].f.n; j++) {
            const fm_pair *kv = &dirs[i].f.items[j];
            key_kind kk = classify(kv->key);
            int l = dirs[i].line + kv->line - 2;
            if (kk == KEY_GLOBAL)
                set_global(p, kv->key, kv->value, l);
            else if (kk == KEY_LOCAL && kv->key[0] != '_')
                set_local(p, NULL, kv->key, kv->value, l);
        }
    sl->paginate = p->paginate;
    sl->header = p->header;
    sl->footer = p->footer;
    sl->klass = p->klass;
    sl->bg_color = p->bg_color;
    sl->color = p->color;
    for (size_t i = 0; i < ndirs; i++) {
        for (size_t j = 0; j < dirs[i].f.n; j++) {
            const fm_pair *kv = &dirs[i].f.items[j];
            if (kv->key[0] == '_' && classify(kv->key) == KEY_LOCAL)
                set_local(p, sl, kv->key + 1, kv->value, dirs[i].line + kv->line - 2);
        }
        fm_fini(&dirs[i].f);
    }
    free(dirs);

    /* Second pass: content, notes, backgrounds, errors. */
    strbuf_init(&p->notes);
    p->note_lines = 0;
    size_t cap = 0;
    for (const doc_block *b = first; b != end; b = b->next) {
        if (b->kind == DOC_HTML) {
            const char *t = b->nspans ? b->spans[0].text : "";
            size_t n = b->nspans ? b->spans[0].len : 0;
            char *texts[64];
            int offs[64];
            int nc = split_comments(t, n, texts, offs, 64);
            for (int i = 0; i < nc; i++) {
                fm f;
                if (texts[i] && directive_comment(texts[i], &f))
                    fm_fini(&f);
                else if (texts[i])
                    add_note(p, texts[i]);
                free(texts[i]);
            }
            if (nc < 0 && n >= 6 && strncasecmp(t, "<style", 6) == 0) {
                /* Marp applies a deck's own CSS; we draw the theme's: the
                 * slide still shows, but not as its preview did. */
                diag_warn(p->d, p->file, b->line, MSG_WARN_DECK_STYLE);
            } else if (nc < 0) {
                char shown[80];
                snprintf(shown, sizeof shown, "%.*s", (int)MG_MIN(n, 60), t);
                for (char *q = shown; *q; q++)
                    if (*q == '\n')
                        *q = ' ';
                diag_error(p->d, p->file, b->line, MSG_ERR_DECK_HTML, shown);
            }
            continue;
        }
        if (take_backgrounds(p, sl, b))
            continue;
        scan_inline(p, b);
        vec_reserve((void **)&sl->blocks, &cap, sl->nblocks + 1, sizeof(doc_block *));
        sl->blocks[sl->nblocks++] = b;
        if (!sl->title && b->kind == DOC_HEADING) {
            /* "# <!-- fit --> Title": the comment leaves a space, not the title's */
            sl->title = doc_block_text(b);
            size_t lead = strspn(sl->title, " \t");
            size_t len = strlen(sl->title + lead);
            while (len && (sl->title[lead + len - 1] == ' ' || sl->title[lead + len - 1] == '\t'))
                len--;
            memmove(sl->title, sl->title + lead, len);
            sl->title[len] = '\0';
        }
    }
    frag_collect(sl);
    if (!sl->title)
        sl->title = xstrdup("");
    sl->notes = strbuf_take(&p->notes);
    sl->note_lines = p->note_lines;
}

deck *deck_parse(const char *text, size_t len, const char *file, diag_list *d)
{
    deck *k = xcalloc(1, sizeof *k);
    arena_init(&k->mem);
    k->path = xstrdup(file ? file : "-");
    k->doc = doc_parse(text, len, file, d);
    k->theme = "default";
    k->wide = true;
    parser p = {.k = k, .d = d, .file = k->path};

    /* Front matter: global directives, and local ones from the first slide. */
    const fm *f = &k->doc->front;
    if (!f->present || !fm_get(f, "marp") || strcmp(fm_get(f, "marp"), "true") != 0)
        diag_warn(d, k->path, f->present ? 1 : 0, MSG_WARN_DECK_NOMARP);
    for (size_t i = 0; i < f->n; i++) {
        const fm_pair *kv = &f->items[i];
        key_kind kk = classify(kv->key);
        if (kk == KEY_GLOBAL)
            set_global(&p, kv->key, kv->value, kv->line);
        else if (kk == KEY_LOCAL)
            set_local(&p, NULL, kv->key, kv->value, kv->line);
        else if (kk == KEY_UNSUPPORTED)
            diag_error(d, k->path, kv->line, MSG_ERR_DECK_UNSUPPORTED, kv->key);
        else
            diag_error(d, k->path, kv->line, MSG_ERR_DECK_DIRECTIVE, kv->key);
    }

    /* Cut the top-level blocks into slides at each thematic break. */
    size_t cap = 0;
    const doc_block *start = k->doc->root->first;
    int line = k->doc->front.body_line;
    for (const doc_block *b = k->doc->root->first;; b = b->next) {
        if (b && b->kind != DOC_RULE)
            continue;
        vec_reserve((void **)&k->slides, &cap, k->n + 1, sizeof(deck_slide));
        deck_slide *sl = &k->slides[k->n++];
        memset(sl, 0, sizeof *sl);
        build_slide(&p, sl, start, b, start && start != b ? start->line : line);
        if (!b)
            break;
        start = b->next;
        line = b->line + 1;
    }
    return k;
}

deck *deck_load(const char *path, diag_list *d)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_error(d, path, 0, MSG_ERR_READ, strerror(errno));
        return NULL;
    }
    deck *k = deck_parse(text, len, path, d);
    free(text);
    return k;
}

void deck_free(deck *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++) {
        free(k->slides[i].blocks);
        free(k->slides[i].bgs);
        free(k->slides[i].frags);
        free(k->slides[i].title);
        free(k->slides[i].notes);
    }
    free(k->slides);
    doc_free(k->doc);
    arena_fini(&k->mem);
    free(k->path);
    free(k);
}
