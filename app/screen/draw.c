/*
 * draw.c - drawing helpers and the screen painter of layout output (see
 * draw.h).
 */
#include "draw.h"

#include "ui.h"

int ui_px(const ui_app *app, float v)
{
    return (int)(v * app->scale + 0.5f);
}

void ui_fill(ui_app *app, SDL_Color c, int x, int y, int w, int h)
{
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, c.a);
    SDL_Rect r = {x, y, w, h};
    SDL_RenderFillRect(app->ren, &r);
}

void ui_frame(ui_app *app, SDL_Color c, int x, int y, int w, int h, int t)
{
    ui_fill(app, c, x, y, w, t);
    ui_fill(app, c, x, y + h - t, w, t);
    ui_fill(app, c, x, y, t, h);
    ui_fill(app, c, x + w - t, y, t, h);
}

bool ui_hit(const SDL_Rect *r, int x, int y)
{
    return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

const char *ui_msg(const ui_app *app, msg_id id)
{
    return msg_get(app->lang, id);
}

void ui_paint(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip)
{
    ui_paint_colors(app, r, dx, dy, clip, app->theme.lay);
}

void ui_paint_colors(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip,
                     const SDL_Color colors[LAY_C_COUNT])
{
    if (clip)
        SDL_RenderSetClipRect(app->ren, clip);
    /* Without a clip the target may be larger than the window (slides
     * rendered into textures): cull nothing. */
    int top = clip ? clip->y : -(1 << 30), bottom = clip ? clip->y + clip->h : 1 << 30;
    for (size_t i = 0; i < r->n; i++) {
        const lay_item *it = &r->items[i];
        int x = it->x + dx, y = it->y + dy;
        if (y > bottom || y + it->h < top) /* off screen: skip the work */
            continue;
        switch (it->kind) {
        case LAY_RECT:
            ui_fill(app, colors[it->color], x, y, it->w, it->h);
            break;
        case LAY_TEXT: {
            SDL_Color c = colors[it->color];
            /* Glyph boxes are centred in the line box by the layout's ascent. */
            int gy = y + it->ascent - txt_ascent(app->txt, it->size);
            txt_draw(app->txt, it->text, it->len, it->size, it->style, c, x, gy);
            if (it->style & DOC_S_LINK)
                ui_fill(app, c, x, y + it->ascent + it->size / 8, it->w, it->size / 14 + 1);
            break;
        }
        case LAY_IMAGE: {
            SDL_Rect d = {x, y, it->w, it->h};
            if (!it->path || !txt_draw_image(app->txt, it->path, &d))
                ui_frame(app, colors[LAY_C_RULE], x, y, it->w, it->h, 2);
            break;
        }
        }
    }
    if (clip)
        SDL_RenderSetClipRect(app->ren, NULL);
}
