/*
 * agencycard.c - an agency's card on a visitor's list (see agencycard.h).
 */
#include "agencycard.h"

#include <stdlib.h>
#include <string.h>

#include "../core/qr.h"

static int line(lay_result *l, ui_app *app, const char *s, int x, int y, int w, int size,
                unsigned style, lay_color c)
{
    return lay_text(l, &app->lay, s, x, y, w, size, style, c, DOC_ALIGN_LEFT);
}

/* A message with one text filled in, as long as it needs (heap). */
static char *fill(ui_app *app, msg_id m, const char *s)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, ui_msg(app, m), s);
    return strbuf_take(&b);
}

int agency_card(lay_result *l, ui_app *app, const ref_agency *a, int step, const char *why, int y,
                const agency_card_style *st)
{
    int top = y, x = st->tx, w = st->tw;
    size_t card = l->n;
    lay_rect(l, st->box_x, y, st->box_w, 0, LAY_C_QUOTE_BG); /* height set below */
    if (st->bar)
        lay_rect(l, st->box_x, y, st->bar_w, 0, LAY_C_QUOTE_BAR);
    y += st->pad;
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, ui_msg(app, MSG_REF_STEP), step, a->name);
    y += line(l, app, b.s, x, y, w, st->name_px, DOC_S_BOLD, LAY_C_HEADING);
    strbuf_fini(&b);
    if (st->why_px && why && *why)
        y += line(l, app, why, x, y, w, st->why_px, st->why_style, LAY_C_TEXT);
    /* The web page's QR code at the card's right, the lines beside it
     * narrower. */
    int q = st->qr && a->web && *a->web ? st->qr : 0, qy = y;
#define BESIDE (y - qy < q ? w - q - st->qr_gap : w)
    if (a->phone && *a->phone) {
        char *s = fill(app, MSG_REF_PHONE, a->phone);
        y += line(l, app, s, x, y, BESIDE, st->phone_px, DOC_S_BOLD, LAY_C_TEXT);
        free(s);
    }
    if (a->hours && *a->hours) {
        char *s = fill(app, MSG_REF_HOURS, a->hours);
        y += line(l, app, s, x, y, BESIDE, st->hours_px, 0, st->hours_c);
        free(s);
    }
    if (q) {
        char *label = fill(app, MSG_REF_WEB_ADDR, "");
        label[strcspn(label, " ")] = '\0';
        if (qr_url_min_width(&app->lay, a->web, st->web_px, 0) > BESIDE)
            y = MG_MAX(y, qy + q); /* under the code, not smaller */
        y += qr_lay_url(l, &app->lay, label, a->web, x, y, BESIDE, st->web_px, 0, LAY_C_LINK);
        free(label);
    }
    if (st->handles_px) {
        y += st->gap_px;
        y += line(l, app, a->handles ? a->handles : "", x, y, BESIDE, st->handles_px, 0, LAY_C_TEXT);
    }
    if (st->notes_px && a->notes && *a->notes)
        y += line(l, app, a->notes, x, y, BESIDE, st->notes_px, 0, LAY_C_MUTED);
    if (st->checked_px) {
        char *s = fill(app, MSG_REF_CHECKED, a->checked ? a->checked : "-");
        y += line(l, app, s, x, y, BESIDE, st->checked_px, 0, LAY_C_MUTED);
        free(s);
    }
#undef BESIDE
    if (q) {
        qr_lay(l, a->web, x + w - q, qy, q, LAY_C_TEXT);
        y = MG_MAX(y, qy + q);
    }
    y += st->pad;
    l->items[card].h = y - top;
    if (st->bar)
        l->items[card + 1].h = y - top;
    return y;
}

int chapter_button(lay_result *l, ui_app *app, int ch, int y, int w)
{
    int bh = ui_px(app, 64), size = ui_px(app, 26);
    lay_rect(l, 0, y, w, bh, LAY_C_TABLE_HEAD_BG);
    lay_rect(l, 0, y, ui_px(app, 8), bh, LAY_C_QUOTE_BAR);
    lay_text(l, &app->lay, app->content->guide.ch[ch].title, ui_px(app, 24),
             y + (bh - size * 14 / 10) / 2, w - ui_px(app, 48), size, DOC_S_BOLD, LAY_C_LINK,
             DOC_ALIGN_LEFT);
    return bh;
}
