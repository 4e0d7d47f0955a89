/*
 * slidelay.c - slide layout and themes (see slidelay.h).
 *
 * Marp's own themes (default, gaia, uncover) as data taken from Marp Core
 * 4.4's theme CSS: the section's font size, padding, line height, heading
 * sizes and margins, colours (light and `invert`), where the header,
 * footer and page number sit, and whether the content is centred
 * vertically (default and uncover always, gaia for `lead`).  The desk's
 * own look (a colour bar along the top, titles underlined, title slides
 * between two bars) is the theme `madoguchi`, also shipped as
 * slides/madoguchi.css so Marp's preview draws it the same way.
 */
#include "slidelay.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One colour scheme of a theme; a = alpha (0..100) of the header text over
 * the slide's background, as the CSS blends it. */
typedef struct scheme {
    uint32_t bg, text, h1, link, muted, code_bg, rule, header;
    int header_a;
    uint32_t page; /* page number */
} scheme;

typedef struct theme {
    const char *name;
    scheme c[3]; /* light, invert, gaia's `gaia` class */
    int base;    /* the section's font size */
    int pad_x, pad_y;
    float line;  /* line height */
    float hs[6]; /* h1..h6 in em */
    lay_margins m;
    /* header and footer: size, left/right inset, the line's centre from the
     * top (header) and from the bottom (footer) */
    int hf_size, hf_inset, hf_cy;
    int pg_size, pg_right, pg_cy; /* page number: right inset, centre from the bottom */
    int pg_corner;                /* uncover: a shaded corner this wide behind it */
    bool middle;                  /* content centred vertically */
    bool lead_middle;             /* `lead` centres it (and its text) */
    bool center;                  /* text centred */
    bool hf_center;               /* header and footer centred */
    bool desk;                    /* the desk's own look: bars, rules, its sizes */
} theme;

/* Marp Core 4.4's themes; sizes on the 1280x720 canvas, margins in em of
 * the section's font size (CSS px / base). */
static const theme themes[] = {
    {.name = "default",
     .c = {{0xFFFFFF, 0x1F2328, 0x224466, 0x0969DA, 0x59636E, 0xF6F8FA, 0xD1D9E0, 0x666666, 75,
            0x777777},
           {0x0D1117, 0xF0F6FC, 0xCEE7FF, 0x4493F8, 0x9198A1, 0x151B23, 0x3D444D, 0x999999, 75,
            0x999999},
           {0}},
     .base = 29,
     .pad_x = 78,
     .pad_y = 78,
     .line = 1.5f,
     .hs = {1.6f, 1.3f, 1.1f, 1.05f, 1.0f, 0.9f},
     .m = {.h_top = {.83f, .83f, .83f, .83f, .83f, .83f},
           .h_bottom = {.55f, .55f, .55f, .55f, .55f, .55f},
           .h_pad = {.48f, .39f},
           .top = 0,
           .bottom = .55f,
           .li = .25f,
           .h_line = 1.25f,
           .indent = 2.0f},
     .hf_size = 18,
     .hf_inset = 30,
     .hf_cy = 34,
     .pg_size = 24,
     .pg_right = 30,
     .pg_cy = 39,
     .middle = true},
    {.name = "gaia",
     .c = {{0xFFF8E1, 0x455A64, 0x455A64, 0x0288D1, 0x6A7A7D, 0xECE8D8, 0x455A64, 0x6A7A7D, 100,
            0x455A64},
           {0x455A64, 0xFFF8E1, 0xFFF8E1, 0x81D4FA, 0xDAD8C8, 0x56696F, 0xFFF8E1, 0xDAD8C8, 100,
            0xFFF8E1},
           {0x0288D1, 0xFFF8E1, 0xFFF8E1, 0x81D4FA, 0xCCE2DE, 0x2496D5, 0xFFF8E1, 0xCCE2DE, 100,
            0xFFF8E1}},
     .base = 35,
     .pad_x = 70,
     .pad_y = 70,
     .line = 1.35f,
     .hs = {1.8f, 1.5f, 1.3f, 1.1f, 1.0f, 0.9f},
     .m = {.h_top = {.9f, .75f, .65f, .55f, .5f, .45f},
           .h_bottom = {0},
           .top = 1.0f,
           .bottom = 0,
           .li = .3f,
           .h_line = 1.35f,
           .indent = 1.14f},
     .hf_size = 23,
     .hf_inset = 25,
     .hf_cy = 35,
     .pg_size = 28,
     .pg_right = 25,
     .pg_cy = 35,
     .lead_middle = true},
    {.name = "madoguchi",
     .c = {{0xFFFFFF, 0x1F1F1F, 0x123E7C, 0x0B5CAD, 0x5A6472, 0xE6EEF8, 0x0B5CAD, 0x5A6472, 100,
            0x5A6472},
           {0x123E7C, 0xFFFFFF, 0xFFFFFF, 0xFFD166, 0xD0DAE8, 0x2A5594, 0xFFD166, 0xD0DAE8, 100,
            0xD0DAE8},
           {0}},
     .base = 36,
     .pad_x = 72,
     .pad_y = 68,
     .line = 1.35f,
     .hs = {1.8f, 1.45f, 1.2f, 1.05f, 1.0f, 1.0f},
     .m = {.top = 0}, /* desk_margins */
     .hf_size = 22,
     .hf_inset = 72,
     .pg_size = 22,
     .pg_right = 72,
     .lead_middle = true,
     .desk = true},
    {.name = "uncover",
     .c = {{0xFDFCFF, 0x202228, 0x202228, 0x009DD5, 0x636363, 0xF2F1F4, 0x202228, 0x202228, 40,
            0x202228},
           {0x202228, 0xFFFFFF, 0xFFFFFF, 0x009DD5, 0x999999, 0x2B2D33, 0xFFFFFF, 0xFFFFFF, 40,
            0xFFFFFF},
           {0}},
     .base = 40,
     .pad_x = 70,
     .pad_y = 30,
     .line = 1.4f,
     .hs = {2.0f, 1.7f, 1.4f, 1.2f, 1.0f, 0.8f},
     .m = {.h_top = {.375f, .375f, .375f, .375f, .375f, .375f},
           .h_bottom = {.75f, .75f, .75f, .75f, .75f, .75f},
           .top = 0,
           .bottom = .375f,
           .li = 0,
           .h_line = 1.4f,
           .indent = 1.0f},
     .hf_size = 18,
     .hf_inset = 70,
     .hf_cy = 43,
     .pg_size = 24,
     .pg_right = 30,
     .pg_cy = 47,
     .pg_corner = 140,
     .middle = true,
     .center = true,
     .hf_center = true},
};

/* The desk's theme: its title slides' larger headings, bars and paddings. */
static const float lead_scale[6] = {2.1f, 1.5f, 1.25f, 1.05f, 1.0f, 1.0f};
enum { PAD_BOTTOM = 64, SMALL = 22, BAR = 12 };

static const theme *find_theme(const char *name)
{
    for (size_t i = 0; i < MG_ARRAY_LEN(themes); i++)
        if (name && strcmp(themes[i].name, name) == 0)
            return &themes[i];
    return &themes[0];
}

/* a over b at alpha pct (0..100) */
static uint32_t blend(uint32_t a, uint32_t b, int pct)
{
    uint32_t out = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        int ca = (int)(a >> sh & 0xFF), cb = (int)(b >> sh & 0xFF);
        out |= (uint32_t)((ca * pct + cb * (100 - pct) + 50) / 100) << sh;
    }
    return out;
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

static void place_backgrounds(slay_slide *s, const deck_slide *sl, float scale, int pad_x,
                              const lay_ctx *c, int *content_x, int *content_w)
{
    int n = (int)MG_MIN(sl->nbgs, SLAY_MAX_BG);
    if (!n)
        return;
    /* A split takes its share of the slide; the content moves aside and
     * keeps the theme's padding (Marpit's split backgrounds). */
    int split = sl->bgs[0].opt.split, pct = sl->bgs[0].opt.split_pct;
    int ax = 0, aw = s->w;
    if (split != DECK_SPLIT_NONE) {
        aw = s->w * pct / 100;
        ax = split == DECK_SPLIT_LEFT ? 0 : s->w - aw;
        *content_w = s->w - aw - 2 * pad_x;
        *content_x = (split == DECK_SPLIT_LEFT ? aw : 0) + pad_x;
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
        if (!o->found) { /* painted as nothing, as Marp shows nothing */
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

/* One line of small text whose line box is centred on cy. */
static void small_text(slay_slide *s, const lay_ctx *c, const char *text, int x, int cy, int w,
                       int size, lay_color color, int align)
{
    if (!text || !*text)
        return;
    int lh = (int)(c->m->height(c->m->ctx, size) * 1.3f + 0.5f);
    lay_text(&s->lay, c, text, x, cy - lh / 2, w, size, 0, color, align);
}

/* Only h1 takes the heading colour in Marp's default theme; the rest are
 * in the text colour. */
static void recolour_headings(slay_slide *s, const deck_slide *sl, size_t from)
{
    for (size_t j = from; j < s->lay.n; j++) {
        lay_item *it = &s->lay.items[j];
        if (it->color != LAY_C_HEADING)
            continue;
        bool h1 = false;
        for (size_t b = 0; b < sl->nblocks && !h1; b++)
            h1 = sl->blocks[b]->kind == DOC_HEADING && sl->blocks[b]->level == 1 &&
                 sl->blocks[b]->line == it->line;
        if (!h1)
            it->color = LAY_C_TEXT;
    }
}

/* The desk's margins: its gaps between blocks, titles underlined. */
static const lay_margins desk_margins = {
    .h_top = {.67f, .67f, .67f, .67f, .67f, .67f},
    .h_bottom = {.5f, .5f, .5f, .5f, .5f, .5f},
    .top = 0,
    .bottom = .6f,
    .li = .15f,
    .h_line = 1.3f,
    .indent = 1.5f,
};

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
    const scheme *sc = &t->c[invert ? 1 : 0];
    if (t->c[2].bg && has_class(sl->klass, t->name)) /* gaia's own `gaia` class */
        sc = &t->c[2];

    s->bg = sc->bg;
    uint32_t text = sc->text, h1 = sc->h1, page = sc->page, v;
    if (slay_parse_color(sl->bg_color, &v))
        s->bg = v;
    if (slay_parse_color(sl->color, &v)) {
        text = h1 = v;
        if (page == sc->text)
            page = v;
    }
    uint32_t header = blend(sc->header, s->bg, sc->header_a);
    s->color[LAY_C_TEXT] = text;
    s->color[LAY_C_HEADING] = h1;
    s->color[LAY_C_LINK] = sc->link;
    s->color[LAY_C_MUTED] = header;
    s->color[LAY_C_MARKER] = t->desk ? sc->link : text;
    s->color[LAY_C_RULE] = sc->rule;
    s->color[LAY_C_CODE_BG] = sc->code_bg;
    s->color[LAY_C_QUOTE_BG] = t->desk ? sc->code_bg : s->bg;
    s->color[LAY_C_QUOTE_BAR] = t->desk ? sc->link : t->pg_corner ? s->bg : sc->rule;
    s->color[LAY_C_TABLE_BORDER] = t->desk ? sc->muted : sc->rule;
    s->color[LAY_C_TABLE_HEAD_BG] = t->desk || t->lead_middle ? sc->code_bg : s->bg;
    s->color[LAY_C_PLACEHOLDER] = sc->code_bg;
    s->color[LAY_C_PAGE] = page;

    int pad_x = (int)(t->pad_x * scale + 0.5f), top = (int)(t->pad_y * scale + 0.5f),
        bottom = t->desk ? (int)(PAD_BOTTOM * scale) : top;
    int content_x = pad_x, content_w = w - 2 * pad_x;
    place_backgrounds(s, sl, scale, pad_x, c, &content_x, &content_w);
    if (content_w < w / 4)
        content_w = w / 4;
    int avail = s->h - top - bottom;

    if (t->desk) { /* the colour bar: along the top, and along the bottom of title slides */
        int bar = (int)(BAR * scale + 0.5f);
        lay_rect(&s->lay, 0, 0, w, bar, LAY_C_RULE);
        if (lead)
            lay_rect(&s->lay, 0, s->h - 2 * bar, w, 2 * bar, LAY_C_RULE);
    }
    if (t->pg_corner && sl->paginate) {
        /* uncover's shaded corner behind the page number, in steps */
        int side = (int)(t->pg_corner * scale + 0.5f), step = MG_MAX(1, side / 28);
        for (int d = 0; d < side; d += step)
            lay_rect(&s->lay, w - side + d, s->h - d - step, side - d, step, LAY_C_CODE_BG);
    }
    size_t deco = s->lay.n;
    bool centred = t->middle || (lead && t->lead_middle);
    lay_opts o = {
        .width = content_w,
        .line_gap = t->line,
        .align = t->center || (lead && t->lead_middle) ? DOC_ALIGN_CENTER : DOC_ALIGN_LEFT,
        .heading_scale = t->desk && lead ? lead_scale : t->hs,
        .no_heading_rules = !t->desk || lead,
        .no_captions = true,
        .phrase = true,
        .image_hint = image_hint,
        .image_scale = scale,
        .max_image_h = avail,
        .margins = t->desk ? &desk_margins : &t->m,
    };
    /* Shrink to fit: 100%, 90%, ... down to 50%, then let it be clipped. */
    int height = 0;
    for (int pct = 100; pct >= 50; pct -= 10) {
        s->lay.n = deco;
        s->lay.textlines = 0;
        s->lay.height = 0;
        o.base_size = (int)(t->base * scale * pct / 100.0f + 0.5f);
        if (o.base_size < 4)
            o.base_size = 4;
        height = lay_blocks(&s->lay, c, sl->blocks, sl->nblocks, content_x, 0, &o);
        s->shrink_pct = pct;
        if (height <= avail)
            break;
    }
    size_t mark = s->lay.n;
    /* Place the content: centred vertically where the theme centres it. */
    int y0 = top;
    if (centred && height < avail)
        y0 = top + (avail - height) / 2;
    for (size_t j = deco; j < mark; j++)
        s->lay.items[j].y += y0;
    if (!t->desk)
        recolour_headings(s, sl, deco);

    int small = (int)(t->hf_size * scale + 0.5f), inset = (int)(t->hf_inset * scale + 0.5f);
    int align = t->hf_center ? DOC_ALIGN_CENTER : DOC_ALIGN_LEFT;
    int hy = (int)(t->hf_cy * scale + 0.5f), fy = s->h - hy;
    if (t->desk) {
        int edge = (int)(24 * scale);
        hy = edge + small * 13 / 20;
        fy = s->h - edge - small * 3 / 2 + small * 13 / 20;
    }
    small_text(s, c, sl->header, inset, hy, w - 2 * inset, small, LAY_C_MUTED, align);
    small_text(s, c, sl->footer, inset, fy, w - 2 * inset, small, LAY_C_MUTED, align);
    if (sl->paginate) {
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        int ps = (int)(t->pg_size * scale + 0.5f), right = (int)(t->pg_right * scale + 0.5f);
        int py = t->desk ? fy : s->h - (int)(t->pg_cy * scale + 0.5f);
        small_text(s, c, num, 0, py, w - right, ps, LAY_C_PAGE, DOC_ALIGN_RIGHT);
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
