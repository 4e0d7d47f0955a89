/*
 * slidelay.c - slide layout and themes (see slidelay.h).
 *
 * The themes look like a public agency's print: plain backgrounds, one
 * strong colour bar along the top, titles underlined, large type.
 * `default` and `gaia` start at the top (a title and its points, as in a
 * briefing paper), `uncover` centres everything; the `lead` class centres
 * a title slide between two bars, `invert` darkens it.
 */
#include "slidelay.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct theme {
    const char *name;
    uint32_t bg, text, heading, accent, muted, soft;
    uint32_t inv_bg, inv_text, inv_heading, inv_accent, inv_muted, inv_soft;
    bool top;    /* content starts at the top (else centred vertically) */
    bool center; /* text centred horizontally */
} theme;

static const theme themes[] = {
    {"default", 0xFFFFFF, 0x1F1F1F, 0x123E7C, 0x0B5CAD, 0x5A6472, 0xE6EEF8,
     0x123E7C, 0xFFFFFF, 0xFFFFFF, 0xFFD166, 0xD0DAE8, 0x2A5594, true, false},
    {"gaia", 0xF4F1EA, 0x232323, 0x0D3B66, 0xC8553D, 0x5F5A50, 0xE7E0D2,
     0x0D3B66, 0xFAF0CA, 0xFFFFFF, 0xF4D35E, 0xD9D2C0, 0x1D4E7E, true, false},
    {"uncover", 0xFDFDFD, 0x202020, 0x202020, 0x0B5CAD, 0x666666, 0xEEEEEE,
     0x202020, 0xF5F5F5, 0xFFFFFF, 0x7FB3E8, 0xBBBBBB, 0x3A3A3A, false, true},
};

static const float heading_scale[6] = {1.8f, 1.45f, 1.2f, 1.05f, 1.0f, 1.0f};
static const float lead_scale[6] = {2.1f, 1.5f, 1.25f, 1.05f, 1.0f, 1.0f};

enum { BASE = 36, PAD_X = 72, PAD_TOP = 68, PAD_BOTTOM = 64, SMALL = 22, BAR = 12 };

static const theme *find_theme(const char *name)
{
    for (size_t i = 0; i < MG_ARRAY_LEN(themes); i++)
        if (name && strcmp(themes[i].name, name) == 0)
            return &themes[i];
    return &themes[0];
}

bool slay_parse_color(const char *s, uint32_t *rgb)
{
    static const struct {
        const char *name;
        uint32_t rgb;
    } names[] = {{"white", 0xFFFFFF}, {"black", 0x000000}, {"red", 0xFF0000},
                 {"navy", 0x000080}, {"blue", 0x0000FF},  {"green", 0x008000},
                 {"gray", 0x808080},  {"grey", 0x808080}, {"yellow", 0xFFFF00},
                 {"orange", 0xFFA500}};
    if (!s)
        return false;
    if (s[0] == '#') {
        size_t n = strlen(s + 1);
        char *end;
        unsigned long v = strtoul(s + 1, &end, 16);
        if (*end || (n != 3 && n != 6))
            return false;
        if (n == 3)
            v = ((v >> 8 & 0xF) * 0x110000) | ((v >> 4 & 0xF) * 0x1100) | ((v & 0xF) * 0x11);
        *rgb = (uint32_t)v;
        return true;
    }
    for (size_t i = 0; i < MG_ARRAY_LEN(names); i++)
        if (strcasecmp(s, names[i].name) == 0) {
            *rgb = names[i].rgb;
            return true;
        }
    return false;
}

void slay_init(slay_slide *s)
{
    memset(s, 0, sizeof *s);
    lay_init(&s->lay);
}

void slay_fini(slay_slide *s)
{
    if (!s)
        return;
    lay_fini(&s->lay);
    memset(s, 0, sizeof *s);
}

void slay_canvas(const deck *k, int *w, int *h)
{
    *w = k->wide ? 1280 : 960;
    *h = 720;
}

static bool has_class(const char *klass, const char *name)
{
    if (!klass)
        return false;
    size_t n = strlen(name);
    for (const char *p = klass; (p = strstr(p, name)); p += n)
        if ((p == klass || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

/* Marp image keywords -> layout: size in canvas px, backgrounds left out. */
static void image_hint(const doc_span *img, lay_image_hint *hint)
{
    deck_img o;
    deck_parse_alt(img->text, img->len, &o);
    hint->w = o.w;
    hint->h = o.h;
    hint->skip = o.bg;
}

static void place_backgrounds(slay_slide *s, const deck_slide *sl, float scale, const lay_ctx *c,
                              int *content_x, int *content_w)
{
    int n = (int)MG_MIN(sl->nbgs, SLAY_MAX_BG);
    if (!n)
        return;
    /* A split takes its share of the slide; the content moves aside. */
    int split = sl->bgs[0].opt.split, pct = sl->bgs[0].opt.split_pct;
    int ax = 0, aw = s->w;
    if (split != DECK_SPLIT_NONE) {
        aw = s->w * pct / 100;
        ax = split == DECK_SPLIT_LEFT ? 0 : s->w - aw;
        *content_w = s->w - aw - 2 * (int)(PAD_X * scale);
        *content_x = (split == DECK_SPLIT_LEFT ? aw : 0) + (int)(PAD_X * scale);
    }
    for (int i = 0; i < n; i++) {
        const deck_bg *b = &sl->bgs[i];
        slay_bg *o = &s->bgs[s->nbgs++];
        o->path = b->path;
        o->src = b->src;
        /* Several backgrounds share the area side by side, as in Marp. */
        o->cx = ax + aw * i / n;
        o->cw = ax + aw * (i + 1) / n - o->cx;
        o->cy = 0;
        o->ch = s->h;
        int iw = 0, ih = 0;
        o->found = b->path && c->m->image_size && c->m->image_size(c->m->ctx, b->path, &iw, &ih) &&
                   iw > 0 && ih > 0;
        if (!o->found) {
            o->x = o->cx;
            o->y = o->cy;
            o->w = o->cw;
            o->h = o->ch;
            continue;
        }
        double sx = (double)o->cw / iw, sy = (double)o->ch / ih, k;
        switch (b->opt.fit) {
        case DECK_FIT_CONTAIN: k = sx < sy ? sx : sy; break;
        case DECK_FIT_AUTO: k = scale; break;
        case DECK_FIT_PERCENT: k = (double)o->cw * b->opt.percent / 100.0 / iw; break;
        default: k = sx > sy ? sx : sy; break; /* cover */
        }
        o->w = (int)(iw * k + 0.5);
        o->h = (int)(ih * k + 0.5);
        o->x = o->cx + (o->cw - o->w) / 2;
        o->y = o->cy + (o->ch - o->h) / 2;
    }
}

static void small_text(slay_slide *s, const lay_ctx *c, const char *text, int x, int y, int w,
                       int size, int align)
{
    if (text && *text)
        lay_text(&s->lay, c, text, x, y, w, size, 0, LAY_C_MUTED, align);
}

void slay_layout(slay_slide *s, const deck *k, size_t i, int w, const lay_ctx *c)
{
    slay_fini(s);
    slay_init(s);
    int cw, ch;
    slay_canvas(k, &cw, &ch);
    float scale = (float)w / cw;
    s->w = w;
    s->h = (int)(ch * scale + 0.5f);
    s->shrink_pct = 100;
    if (i >= k->n)
        return;
    const deck_slide *sl = &k->slides[i];
    const theme *t = find_theme(k->theme);
    bool invert = has_class(sl->klass, "invert"), lead = has_class(sl->klass, "lead");

    s->bg = invert ? t->inv_bg : t->bg;
    uint32_t text = invert ? t->inv_text : t->text, heading = invert ? t->inv_heading : t->heading,
             accent = invert ? t->inv_accent : t->accent, muted = invert ? t->inv_muted : t->muted,
             soft = invert ? t->inv_soft : t->soft;
    uint32_t v;
    if (slay_parse_color(sl->bg_color, &v))
        s->bg = v;
    if (slay_parse_color(sl->color, &v))
        text = heading = v;
    s->color[LAY_C_TEXT] = text;
    s->color[LAY_C_HEADING] = heading;
    s->color[LAY_C_LINK] = accent;
    s->color[LAY_C_MUTED] = muted;
    s->color[LAY_C_MARKER] = accent;
    s->color[LAY_C_RULE] = accent;
    s->color[LAY_C_CODE_BG] = soft;
    s->color[LAY_C_QUOTE_BG] = soft;
    s->color[LAY_C_QUOTE_BAR] = accent;
    s->color[LAY_C_TABLE_BORDER] = muted;
    s->color[LAY_C_TABLE_HEAD_BG] = soft;
    s->color[LAY_C_PLACEHOLDER] = soft;

    int pad_x = (int)(PAD_X * scale), top = (int)(PAD_TOP * scale),
        bottom = (int)(PAD_BOTTOM * scale);
    int content_x = pad_x, content_w = w - 2 * pad_x;
    place_backgrounds(s, sl, scale, c, &content_x, &content_w);
    if (content_w < w / 4)
        content_w = w / 4;
    int avail = s->h - top - bottom;

    /* The colour bar: along the top, and along the bottom of title slides. */
    int bar = (int)(BAR * scale + 0.5f);
    if (!t->center) {
        lay_rect(&s->lay, 0, 0, w, bar, LAY_C_RULE);
        if (lead)
            lay_rect(&s->lay, 0, s->h - 2 * bar, w, 2 * bar, LAY_C_RULE);
    }
    size_t deco = s->lay.n;
    lay_opts o = {
        .width = content_w,
        .line_gap = 1.35f,
        .align = lead || t->center ? DOC_ALIGN_CENTER : DOC_ALIGN_LEFT,
        .heading_scale = lead ? lead_scale : heading_scale,
        .no_heading_rules = lead || t->center,
        .no_captions = true,
        .phrase = true,
        .image_hint = image_hint,
        .image_scale = scale,
        .max_image_h = avail,
    };
    /* Shrink to fit: 100%, 90%, ... down to 50%, then let it be clipped. */
    size_t mark = 0;
    int height = 0;
    for (int pct = 100; pct >= 50; pct -= 10) {
        s->lay.n = deco;
        s->lay.textlines = 0;
        s->lay.height = 0;
        o.base_size = (int)(BASE * scale * pct / 100.0f + 0.5f);
        if (o.base_size < 4)
            o.base_size = 4;
        height = lay_blocks(&s->lay, c, sl->blocks, sl->nblocks, content_x, 0, &o);
        s->shrink_pct = pct;
        if (height <= avail)
            break;
    }
    mark = s->lay.n;
    /* Place the content: centred vertically unless the theme starts at the top. */
    int y0 = top;
    if ((lead || !t->top) && height < avail)
        y0 = top + (avail - height) / 2;
    for (size_t j = deco; j < mark; j++)
        s->lay.items[j].y += y0;

    int small = (int)(SMALL * scale + 0.5f);
    int edge = (int)(24 * scale);
    small_text(s, c, sl->header, pad_x, edge, w - 2 * pad_x, small, DOC_ALIGN_LEFT);
    small_text(s, c, sl->footer, pad_x, s->h - edge - small * 3 / 2, w - 2 * pad_x, small,
               DOC_ALIGN_LEFT);
    if (sl->paginate) {
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        small_text(s, c, num, pad_x, s->h - edge - small * 3 / 2, w - 2 * pad_x, small,
                   DOC_ALIGN_RIGHT);
    }
    s->lay.width = w;
    s->lay.height = s->h;
}

static int ap_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    (void)ctx;
    (void)style;
    int w = 0;
    size_t i = 0;
    while (i < n)
        /* IPAexGothic: CJK 1 em; Latin letters about 0.5 em, digits 0.63 */
        w += cp_is_wide(utf8_next(s, n, &i)) ? size : size * 60 / 100;
    return w;
}
static int ap_ascent(void *ctx, int size)
{
    (void)ctx;
    return size * 88 / 100;
}
static int ap_height(void *ctx, int size)
{
    (void)ctx;
    return size; /* IPAexGothic: ascent 0.88 em + descent 0.12 em */
}

void slay_check(const deck *k, diag_list *d)
{
    static const lay_metrics approx = {NULL, ap_width, ap_ascent, ap_height, NULL};
    lb *l = lb_new();
    lay_ctx c = {&approx, l};
    slay_slide s;
    slay_init(&s);
    int cw, ch;
    slay_canvas(k, &cw, &ch);
    for (size_t i = 0; i < k->n; i++) {
        slay_layout(&s, k, i, cw, &c);
        if (s.shrink_pct < 100)
            diag_warn(d, k->path, k->slides[i].line, MSG_WARN_DECK_OVERFLOW, (int)i + 1,
                      s.shrink_pct);
    }
    slay_fini(&s);
    lb_free(l);
}
