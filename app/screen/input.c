/*
 * input.c - SDL events into actions (see ui.h).
 *
 * Mouse and touch share one path: a press and release that moved less
 * than tap_slop pixels is a tap; anything more is a drag.  A finger is
 * followed by its id; SDL's mouse copies of touches are dropped.
 */
#include "ui.h"

#include <stdlib.h>

static int key_action(const SDL_KeyboardEvent *k, ui_action *out)
{
    SDL_Keycode sym = k->keysym.sym;
    bool shift = k->keysym.mod & KMOD_SHIFT;
    bool ctrl = k->keysym.mod & KMOD_CTRL, alt = k->keysym.mod & KMOD_ALT;
    ui_act a = ACT_NONE;
    if (ctrl) { /* editing keys and the hidden staff entry; nothing else */
        a = alt && sym == SDLK_s ? ACT_STAFF
            : sym == SDLK_c      ? ACT_COPY
            : sym == SDLK_x      ? ACT_CUT
            : sym == SDLK_v      ? ACT_PASTE
            : sym == SDLK_z      ? ACT_UNDO
            : sym == SDLK_a      ? ACT_SELECT_ALL
                                 : ACT_NONE;
        if (a == ACT_NONE)
            return 0;
        *out = (ui_action){.kind = a};
        return 1;
    }
    switch (sym) {
    case SDLK_RIGHT: a = ACT_NEXT; break;
    case SDLK_LEFT: a = ACT_PREV; break;
    case SDLK_UP: a = ACT_UP; break;
    case SDLK_DOWN: a = ACT_DOWN; break;
    case SDLK_PAGEUP: a = ACT_PAGE_UP; break;
    case SDLK_PAGEDOWN: a = ACT_PAGE_DOWN; break;
    case SDLK_SPACE: a = shift ? ACT_PAGE_UP : ACT_PAGE_DOWN; break;
    case SDLK_HOME: a = ACT_FIRST; break;
    case SDLK_END: a = ACT_LAST; break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: a = ACT_SELECT; break;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK: a = ACT_BACK; break;
    case SDLK_BACKSPACE: a = ACT_ERASE; break;
    case SDLK_TAB: a = shift ? ACT_FOCUS_PREV : ACT_FOCUS_NEXT; break;
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_EQUALS: a = ACT_ZOOM_IN; break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: a = ACT_ZOOM_OUT; break;
    case SDLK_b:
    case SDLK_PERIOD:
    case SDLK_SLASH: a = ACT_BLACK; break;
    case SDLK_w:
    case SDLK_COMMA: a = ACT_WHITE; break;
    case SDLK_o: a = ACT_OVERVIEW; break;
    case SDLK_F5: a = ACT_START; break;
    case SDLK_p: a = ACT_CONSOLE; break;
    case SDLK_t: a = ACT_TIMER; break;
    case SDLK_r: a = ACT_TIMER_RESET; break;
    case SDLK_l: a = ACT_POINTER; break;
    case SDLK_s: a = ACT_SPOTLIGHT; break;
    case SDLK_z: a = ACT_BOXZOOM; break;
    default: break;
    }
    if (a == ACT_NONE) {
        int digit = -1;
        if (sym >= SDLK_0 && sym <= SDLK_9)
            digit = (int)(sym - SDLK_0);
        else if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
            digit = (int)(sym - SDLK_KP_1) + 1;
        else if (sym == SDLK_KP_0)
            digit = 0;
        if (digit >= 0) {
            *out = (ui_action){.kind = ACT_DIGIT, .x = digit};
            return 1;
        }
        return 0;
    }
    *out = (ui_action){.kind = a, .shift = shift};
    return 1;
}

static int press(ui_input *st, int x, int y, ui_action out[2])
{
    st->down = true;
    st->down_at = (Uint32)clock_mono(st->clock);
    st->x0 = st->x = x;
    st->y0 = st->y = y;
    st->moved = 0;
    out[0] = (ui_action){.kind = ACT_PRESS, .x = x, .y = y};
    return 1;
}

static int motion(ui_input *st, int x, int y, ui_action out[2])
{
    if (!st->down) {
        if (st->by_finger)
            return 0;
        out[0] = (ui_action){.kind = ACT_HOVER, .x = x, .y = y};
        return 1;
    }
    int dx = x - st->x, dy = y - st->y;
    st->x = x;
    st->y = y;
    int dist = abs(st->x - st->x0) + abs(st->y - st->y0);
    if (dist > st->moved)
        st->moved = dist;
    if (dx == 0 && dy == 0)
        return 0;
    out[0] = (ui_action){.kind = ACT_DRAG, .x = x, .y = y, .dx = dx, .dy = dy};
    return 1;
}

static int release(ui_input *st, int x, int y, ui_action out[2])
{
    if (!st->down)
        return 0;
    st->down = false;
    int n = 0;
    out[n++] = (ui_action){.kind = ACT_RELEASE, .x = x, .y = y};
    int dist = abs(x - st->x0) + abs(y - st->y0);
    if (dist > st->moved)
        st->moved = dist;
    if (st->moved <= st->tap_slop) {
        /* Two seconds held still in the top-left corner: the staff entry. */
        int corner = (st->w < st->h ? st->w : st->h) / 10;
        bool lp = (Uint32)clock_mono(st->clock) - st->down_at >= 2000 && st->x0 < corner && st->y0 < corner;
        out[n++] = (ui_action){.kind = lp ? ACT_STAFF : ACT_TAP, .x = st->x0, .y = st->y0};
    }
    return n;
}

int ui_map_event(ui_input *st, const SDL_Event *ev, ui_action out[2])
{
    if (st->tap_slop <= 0)
        st->tap_slop = 12;
    /* Touch arrives twice: as finger events and as mouse events SDL makes
     * from them.  Fingers are handled; their mouse copies are dropped. */
    if ((ev->type == SDL_MOUSEBUTTONDOWN || ev->type == SDL_MOUSEBUTTONUP) &&
        ev->button.which == SDL_TOUCH_MOUSEID)
        return 0;
    if (ev->type == SDL_MOUSEMOTION && ev->motion.which == SDL_TOUCH_MOUSEID)
        return 0;
    switch (ev->type) {
    case SDL_FINGERDOWN:
        if (st->down)
            return 0; /* a second finger: ignored (no gestures yet) */
        st->finger = ev->tfinger.fingerId;
        st->by_finger = true;
        return press(st, (int)(ev->tfinger.x * st->w), (int)(ev->tfinger.y * st->h), out);
    case SDL_FINGERMOTION:
        if (!st->by_finger || ev->tfinger.fingerId != st->finger)
            return 0;
        return motion(st, (int)(ev->tfinger.x * st->w), (int)(ev->tfinger.y * st->h), out);
    case SDL_FINGERUP:
        if (!st->by_finger || ev->tfinger.fingerId != st->finger)
            return 0;
        st->by_finger = false;
        return release(st, (int)(ev->tfinger.x * st->w), (int)(ev->tfinger.y * st->h), out);
    case SDL_KEYDOWN:
        return key_action(&ev->key, out);
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_X1) { /* the mouse's "back" button */
            out[0] = (ui_action){.kind = ACT_BACK};
            return 1;
        }
        if (ev->button.button != SDL_BUTTON_LEFT || st->by_finger)
            return 0;
        return press(st, ev->button.x, ev->button.y, out);
    case SDL_MOUSEMOTION:
        if (st->by_finger)
            return 0;
        return motion(st, ev->motion.x, ev->motion.y, out);
    case SDL_MOUSEBUTTONUP:
        if (ev->button.button != SDL_BUTTON_LEFT || st->by_finger)
            return 0;
        return release(st, ev->button.x, ev->button.y, out);
    case SDL_MOUSEWHEEL: {
        int dy = ev->wheel.y;
        if (ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED)
            dy = -dy;
        if (dy == 0)
            return 0;
        /* Where the pointer is, so a wheel zoom (picture view) keeps the
         * point under it in place. */
        int mx, my;
#if SDL_VERSION_ATLEAST(2, 26, 0)
        mx = ev->wheel.mouseX;
        my = ev->wheel.mouseY;
#else
        SDL_GetMouseState(&mx, &my);
#endif
        out[0] = (ui_action){.kind = ACT_SCROLL, .x = mx, .y = my, .dy = -dy};
        return 1;
    }
    case SDL_MULTIGESTURE: /* two fingers: a pinch (dy: the distance change, 1/10000) */
        if (ev->mgesture.dDist == 0)
            return 0;
        st->moved = st->tap_slop + 1; /* no tap at the end of a pinch */
        out[0] = (ui_action){.kind = ACT_PINCH, .x = (int)(ev->mgesture.x * st->w),
                             .y = (int)(ev->mgesture.y * st->h),
                             .dy = (int)(ev->mgesture.dDist * 10000)};
        return 1;
    case SDL_QUIT:
        out[0] = (ui_action){.kind = ACT_QUIT};
        return 1;
    case SDL_TEXTINPUT:
        out[0] = (ui_action){.kind = ACT_TEXT, .text = ev->text.text};
        return 1;
    case SDL_TEXTEDITING:
        out[0] = (ui_action){.kind = ACT_COMPOSE, .text = ev->edit.text, .x = ev->edit.start};
        return 1;
    case SDL_TEXTEDITING_EXT: /* long compositions (over 32 bytes) */
        out[0] = (ui_action){.kind = ACT_COMPOSE,
                             .text = ev->editExt.text ? ev->editExt.text : "",
                             .x = ev->editExt.start};
        return 1;
    default:
        return 0;
    }
}
