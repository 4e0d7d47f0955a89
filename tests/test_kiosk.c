/*
 * The kiosk as an appliance: no visitor can set the staff PIN or guess it
 * (the lock kept in the database across Back and a restart), no visitor
 * event quits it, the system's SIGTERM closes it with the note being typed
 * saved, and when left alone it forgets the last visitor and shows the
 * attract loop (fake clock).
 */
#include "smalldisk.h" /* first: it asks for _GNU_SOURCE */

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/core/notes.h"
#include "../app/core/pin.h"
#include "../app/core/seal.h"
#include "../app/core/sync.h"
#include "../app/screen/attract.h"
#include "../app/screen/health.h"
#include "../app/screen/slides.h"
#include "../app/screen/staff.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"
#include "conflict_fixture.h"
#include "run.h"
#include "test.h"

static char font[4096];
static const char *src;
static Uint32 now_ms = 5000;

static int64_t fake_mono(void *ctx)
{
    return *(Uint32 *)ctx;
}
static int64_t fake_wall(void *ctx)
{
    return INT64_C(1780000000000) + *(Uint32 *)ctx;
}
static mg_clock fake_clock(Uint32 *now)
{
    return (mg_clock){.mono_ms = fake_mono, .wall_ms = fake_wall, .ctx = now};
}

/* A headless kiosk (kiosk mode on: no quitting, idle -> home) on db, on
 * the fake clock, with staff mode wired as main.c does. */
static bool open_kiosk(ui_app *app, const char *db, int w, int h)
{
    ui_config cfg = {.w = w, .h = h, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .db = db, .root = &home_view};
    char err[512];
    if (!ui_init(app, &cfg, err, sizeof err)) {
        fprintf(stderr, "ui_init: %s\n", err);
        return false;
    }
    app->kiosk = true;
    app->clock = fake_clock(&now_ms);
    app->last_input = now_ms;
    staff_install(app);
    return true;
}

static const char *top_name(const ui_app *app)
{
    return app->ops[app->depth - 1]->name;
}

static void key(ui_app *app, ui_act kind, int x)
{
    ui_dispatch(app, &(ui_action){.kind = kind, .x = x});
}

static void enter_pin(ui_app *app, const char *pin)
{
    for (const char *d = pin; *d; d++)
        key(app, ACT_DIGIT, *d - '0');
    key(app, ACT_SELECT, 0);
}

/* A key press as SDL delivers it, through the input mapping. */
static void sdl_key(ui_app *app, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = sym;
    ev.key.keysym.mod = mod;
    ui_action out[2];
    int n = ui_map_event(&app->input, &ev, out);
    for (int i = 0; i < n; i++)
        ui_dispatch(app, &out[i]);
}

static char *tmpdir(void)
{
    char *d = test_tmpdir("mgkiosk");
    CHECK(d != NULL);
    return d;
}

static void rmdir_all(char *dir)
{
    CHECK(test_rmdir(dir));
    free(dir);
}

/* What fn(arg) writes on stderr, into buf. */
static void capture_stderr(void (*fn)(void *), void *arg, char *buf, size_t n)
{
    char path[] = "/tmp/mgerrXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    ssize_t got = pread(fd, buf, n - 1, 0);
    buf[got > 0 ? got : 0] = '\0';
    close(fd);
    remove(path);
}

static void press_ctrl_alt_s(void *arg)
{
    sdl_key(arg, SDLK_s, KMOD_LCTRL | KMOD_LALT);
}

/* A database copied in with notes (company names) but no PIN: in kiosk
 * mode Ctrl+Alt+S opens nothing, offers no PIN, and the log says how. */
TEST(no_pin_no_staff_mode)
{
    char *dir = tmpdir();
    char *db = path_join(dir, "n.db");
    char err[512];
    store *s = store_open(db, err, sizeof err);
    CHECK(s != NULL);
    note x = {0};
    x.question = "請求書メールの相談";
    x.company = "株式会社サンプル商事";
    x.category = "breach";
    CHECK(notes_save(s, &x, 1700000000000, err, sizeof err));
    free(x.kiosk);
    store_close(s);

    ui_app app;
    CHECK(open_kiosk(&app, db, 1280, 720));
    char log[2048];
    capture_stderr(press_ctrl_alt_s, &app, log, sizeof log);
    CHECK_STR(top_name(&app), "home");
    CHECK_INT(app.depth, 1);
    CHECK(!app.staff);
    CHECK_CONTAINS(log, "madoguchi pin set");
    /* the long press in the corner is the same way in: nothing either */
    key(&app, ACT_STAFF, 0);
    CHECK_STR(top_name(&app), "home");
    /* and digits typed at home set no PIN */
    enter_pin(&app, "123456");
    enter_pin(&app, "123456");
    s = store_open(db, err, sizeof err);
    CHECK(s && pin_is_set(s, err, sizeof err) == 0);
    store_close(s);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK(strstr(txt_log(app.txt), "サンプル商事") == NULL);
    ui_fini(&app);

    /* Outside kiosk mode (staff at their own machine in a window) the pad
     * still sets the first PIN, of six digits at least. */
    CHECK(open_kiosk(&app, db, 1280, 720));
    app.kiosk = false;
    key(&app, ACT_STAFF, 0);
    CHECK_STR(top_name(&app), "pin");
    enter_pin(&app, "2468"); /* too short */
    enter_pin(&app, "2468");
    CHECK(!app.staff);
    enter_pin(&app, "246813");
    enter_pin(&app, "246813");
    CHECK(app.staff);
    ui_fini(&app);
    free(db);
    rmdir_all(dir);
}

/* Wrong PINs: the wait grows and is kept in the database, so neither
 * closing the pad with Back nor a restart (a new app on the same
 * database) lifts it. */
TEST(lockout_survives_back_and_restart)
{
    char *dir = tmpdir();
    char *db = path_join(dir, "n.db");
    char err[512];
    store *s = store_open(db, err, sizeof err);
    CHECK(s && pin_set(s, "246813", err, sizeof err));
    store_close(s);

    ui_app app;
    CHECK(open_kiosk(&app, db, 1280, 720));
    key(&app, ACT_STAFF, 0);
    CHECK_STR(top_name(&app), "pin");
    Uint32 waits[] = {1000, 2000, 4000, 8000};
    for (int i = 0; i < 4; i++) {
        enter_pin(&app, "000000");
        CHECK(!app.staff);
        /* Back and in again: still waiting, the right PIN is not tried */
        key(&app, ACT_BACK, 0);
        CHECK_STR(top_name(&app), "home");
        key(&app, ACT_STAFF, 0);
        CHECK_STR(top_name(&app), "pin");
        enter_pin(&app, "246813");
        CHECK(!app.staff);
        now_ms += waits[i];
    }
    enter_pin(&app, "000000"); /* the fifth: a minute */
    ui_fini(&app);

    /* A restart: a new app on the same database, a second later. */
    now_ms += 1000;
    CHECK(open_kiosk(&app, db, 1280, 720));
    key(&app, ACT_STAFF, 0);
    CHECK_STR(top_name(&app), "pin");
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "59 秒間ロックしています");
    enter_pin(&app, "246813");
    CHECK(!app.staff);
    ui_fini(&app);
    s = store_open(db, err, sizeof err);
    pin_guard g;
    CHECK(s && pin_guard_load(s, &g, err, sizeof err));
    CHECK_INT(g.failures, 5);
    store_close(s);

    /* After the minute, the right PIN opens staff mode and clears the count. */
    now_ms += 59000;
    CHECK(open_kiosk(&app, db, 1280, 720));
    key(&app, ACT_STAFF, 0);
    enter_pin(&app, "246813");
    CHECK(app.staff);
    CHECK_STR(top_name(&app), "notes");
    ui_fini(&app);
    s = store_open(db, err, sizeof err);
    CHECK(s && pin_guard_load(s, &g, err, sizeof err));
    CHECK_INT(g.failures, 0);
    store_close(s);
    free(db);
    rmdir_all(dir);
}

/* A kiosk on a real window (SDL's dummy video driver): kiosk mode as
 * main.c starts it, fullscreen, no --window. */
static bool open_real_kiosk(ui_app *app, const char *db)
{
    ui_config cfg = {.lang = LANG_JA, .font = font, .content_dir = src, .db = db,
                     .root = &home_view};
    char err[512];
    if (!ui_init(app, &cfg, err, sizeof err)) {
        fprintf(stderr, "ui_init: %s\n", err);
        return false;
    }
    app->clock = fake_clock(&now_ms);
    app->last_input = now_ms;
    staff_install(app);
    return app->kiosk && app->win;
}

static void push_key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = sym;
    ev.key.keysym.mod = mod;
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    SDL_PushEvent(&ev);
}

/* Every way a visitor could try to quit, as SDL events: the kiosk keeps
 * running, at home.  Only the system's SDL_QUIT (a signal) closes it. */
TEST(no_visitor_event_quits)
{
    char *dir = tmpdir();
    char *db = path_join(dir, "n.db");
    ui_app app;
    if (!open_real_kiosk(&app, db)) {
        CHECK(0);
        ui_fini(&app);
        free(db);
        rmdir_all(dir);
        return;
    }
    CHECK(!SDL_IsScreenSaverEnabled()); /* the screen never blanks */
    struct {
        const char *what;
        SDL_Keycode sym;
        Uint16 mod;
    } keys[] = {{"Alt+F4", SDLK_F4, KMOD_LALT},   {"Escape", SDLK_ESCAPE, 0},
                {"Ctrl+Q", SDLK_q, KMOD_LCTRL},   {"Ctrl+W", SDLK_w, KMOD_LCTRL},
                {"F11", SDLK_F11, 0},             {"Ctrl+Shift+Q", SDLK_q, KMOD_LCTRL | KMOD_LSHIFT},
                {"Alt+Tab", SDLK_TAB, KMOD_LALT}, {"Ctrl+Alt+Delete", SDLK_DELETE, KMOD_LCTRL | KMOD_LALT},
                {"Ctrl+C", SDLK_c, KMOD_LCTRL},   {"Ctrl+Alt+Backspace", SDLK_BACKSPACE, KMOD_LCTRL | KMOD_LALT},
                {"AC Back", SDLK_AC_BACK, 0}};
    for (size_t i = 0; i < MG_ARRAY_LEN(keys); i++) {
        push_key(keys[i].sym, keys[i].mod);
        ui_pump(&app);
        ui_turn(&app, 0);
        if (app.quit || app.depth != 1)
            fprintf(stderr, "%s left the kiosk\n", keys[i].what);
        CHECK(!app.quit);
        CHECK_STR(top_name(&app), "home");
    }
    /* the window's close button (or a window manager's Alt+F4) */
    SDL_Event ev = {0};
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = SDL_WINDOWEVENT_CLOSE;
    ev.window.windowID = SDL_GetWindowID(app.win);
    SDL_PushEvent(&ev);
    ui_pump(&app);
    ui_turn(&app, 0);
    CHECK(!app.quit);
    CHECK(app.win != NULL);
    /* the mouse's back button at home */
    ev = (SDL_Event){0};
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_X1;
    SDL_PushEvent(&ev);
    ui_pump(&app);
    CHECK(!app.quit);
    CHECK_STR(top_name(&app), "home");
    /* A quit action reaching the views some other way (a view, a future
     * input path) is refused too: the shell's own check, not only the
     * event filter, keeps the kiosk up. */
    ui_dispatch(&app, &(ui_action){.kind = ACT_QUIT});
    CHECK(!app.quit);
    /* The system's request (SIGTERM through SDL) does close it. */
    ev = (SDL_Event){0};
    ev.type = SDL_QUIT;
    SDL_PushEvent(&ev);
    ui_pump(&app);
    CHECK(app.quit);
    CHECK(app.quit_by_system);
    ui_fini(&app);
    free(db);
    rmdir_all(dir);
}

static const char typed[] = "取引先を名乗るメールで振込先の変更を求められた";

/* The child of sigterm_saves_the_note: a kiosk with a note being typed,
 * then the loop until the signal.  The clock stands still, so only the
 * clean close can save it.  Exit status: 0 after a clean close. */
static int typing_child(const char *db, int ready_fd)
{
    ui_app app;
    if (!open_real_kiosk(&app, db))
        return 3;
    app.staff = true; /* the PIN is tested above */
    ui_push(&app, &staff_view, NULL);
    ui_push(&app, &editor_view, NOTE_ID(NULL));
    ui_dispatch(&app, &(ui_action){.kind = ACT_TEXT, .text = typed});
    editor_info e;
    if (!editor_state(&app, &e) || !e.pending)
        return 4;
    ui_turn(&app, 0);
    if (write(ready_fd, "r", 1) != 1)
        return 5;
    ui_run(&app);
    bool by_system = app.quit_by_system;
    ui_fini(&app);
    return by_system ? 0 : 6;
}

/* SIGTERM and SIGHUP from the system close the kiosk cleanly: the note
 * being typed (not yet autosaved) is in the database afterwards. */
TEST(sigterm_saves_the_note)
{
    int sigs[] = {SIGTERM, SIGHUP};
    for (size_t k = 0; k < MG_ARRAY_LEN(sigs); k++) {
        char *dir = tmpdir();
        char *db = path_join(dir, "n.db");
        int fds[2];
        CHECK(pipe(fds) == 0);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            _exit(typing_child(db, fds[1]));
        }
        close(fds[1]);
        char c;
        CHECK(read(fds[0], &c, 1) == 1);
        close(fds[0]);
        usleep(100000); /* in its wait for events */
        CHECK(kill(pid, sigs[k]) == 0);
        int status = 0;
        for (int i = 0; i < 200 && waitpid(pid, &status, WNOHANG) == 0; i++)
            usleep(50000);
        if (!WIFEXITED(status)) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        CHECK(WIFEXITED(status));
        CHECK_INT(WEXITSTATUS(status), 0);
        char err[512];
        store *s = store_open(db, err, sizeof err);
        note *v = NULL;
        size_t n = 0;
        CHECK(s && notes_list(s, 0, &v, &n, err, sizeof err));
        CHECK_INT(n, 1);
        if (n == 1)
            CHECK_STR(v[0].question, typed);
        notes_free(v, n);
        store_close(s);
        free(db);
        rmdir_all(dir);
    }
}

/* Where text was drawn (the middle of its first box); false if nowhere. */
static bool find_text(ui_app *app, const char *text, int *x, int *y)
{
    txt_log_enable(app->txt, true);
    txt_log_clear(app->txt);
    ui_draw(app);
    const char *log = txt_log(app->txt);
    size_t n = strlen(text);
    for (const char *p = log; *p;) {
        const char *nl = strchr(p, '\n');
        int bx, by, bw, bh;
        if (strncmp(p, text, n) == 0 && p[n] == '\t' &&
            sscanf(p + n + 1, "%d,%d,%d,%d", &bx, &by, &bw, &bh) == 4) {
            *x = bx + bw / 2;
            *y = by + bh / 2;
            return true;
        }
        p = nl + 1;
    }
    fprintf(stderr, "\"%s\" was not drawn\n", text);
    return false;
}

/* A click as SDL delivers it (press and release at x, y), mapped and
 * dispatched as the loop does. */
static void click(ui_app *app, int x, int y)
{
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = x;
    ev.button.y = y;
    ui_action out[2];
    for (int k = 0; k < 2; k++) {
        int n = ui_map_event(&app->input, &ev, out);
        for (int i = 0; i < n; i++)
            ui_dispatch(app, &out[i]);
        ev.type = SDL_MOUSEBUTTONUP;
    }
}

/* Turn the loop on the fake clock, moving it by what each turn says it
 * may sleep, until the top view is `name` (at most 20 turns).  Returns the
 * ms that passed, or -1 if it never got there. */
static long run_until(ui_app *app, const char *name)
{
    Uint32 start = now_ms;
    for (int turns = 0; turns < 20; turns++) {
        if (strcmp(top_name(app), name) == 0)
            return (long)(now_ms - start);
        int t = ui_turn(app, 0);
        if (strcmp(top_name(app), name) == 0)
            break;
        if (t > 0)
            now_ms += (Uint32)t;
        else if (t < 0)
            break;
    }
    return strcmp(top_name(app), name) == 0 ? (long)(now_ms - start) : -1;
}

static guide_view_info guide_now(ui_app *app)
{
    guide_view_info g = {0};
    ui_draw(app);
    CHECK(guide_view_state(app, &g));
    return g;
}

/* After the idle time every trace of the last visitor is gone; each one
 * checked on its own. */
TEST(idle_forgets_the_visitor)
{
    ui_app app;
    CHECK(open_kiosk(&app, NULL, 1280, 720));
    attract_install(&app);
    CHECK_INT(app.idle_ms, 90000); /* the default */
    ui_turn(&app, 0);

    /* the search words */
    ui_push(&app, &search_view, SEARCH_FOR("パスワード"));
    search_view_info sv;
    CHECK(search_view_state(&app, &sv) && strcmp(sv.query, "パスワード") == 0);
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    CHECK_INT(app.depth, 1);
    ui_push(&app, &search_view, NULL);
    CHECK(search_view_state(&app, &sv));
    CHECK_STR(sv.query, "");
    CHECK_INT(sv.nhits, 0);
    ui_home(&app);

    /* the scroll position */
    ui_push(&app, &guide_view, GUIDE_AT(0));
    guide_view_info g0 = guide_now(&app);
    for (int i = 0; i < 3; i++)
        key(&app, ACT_PAGE_DOWN, 0);
    CHECK(guide_now(&app).scroll > 0);
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    ui_push(&app, &guide_view, GUIDE_AT(0));
    CHECK_INT(guide_now(&app).scroll, 0);
    ui_home(&app);

    /* the text size: larger text makes the chapter longer */
    ui_push(&app, &guide_view, GUIDE_AT(0));
    key(&app, ACT_ZOOM_IN, 0);
    CHECK(guide_now(&app).max_scroll > g0.max_scroll);
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    ui_push(&app, &guide_view, GUIDE_AT(0));
    CHECK_INT(guide_now(&app).max_scroll, g0.max_scroll);
    ui_home(&app);

    /* the open chapter: the guidebook tile opens the contents again */
    int x, y;
    CHECK(find_text(&app, "ガイドブックを読む", &x, &y));
    click(&app, x, y);
    CHECK_STR(top_name(&app), "guide");
    ui_push(&app, &guide_view, GUIDE_AT(3));
    CHECK_INT(guide_now(&app).chapter, 3);
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    CHECK_INT(app.depth, 1);
    CHECK(find_text(&app, "ガイドブックを読む", &x, &y));
    click(&app, x, y);
    CHECK_INT(guide_now(&app).chapter, -1);
    ui_home(&app);

    /* the self-check answers */
    ui_push(&app, &selfcheck_view, NULL);
    selfcheck_view_info sc;
    ui_draw(&app);
    CHECK(selfcheck_view_state(&app, &sc) && sc.at == 0);
    click(&app, sc.button[0].x + sc.button[0].w / 2, sc.button[0].y + sc.button[0].h / 2);
    ui_draw(&app);
    CHECK(selfcheck_view_state(&app, &sc) && sc.at == 1);
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    ui_push(&app, &selfcheck_view, NULL);
    CHECK(selfcheck_view_state(&app, &sc));
    CHECK_INT(sc.at, 0);
    ui_home(&app);

    /* the problem finder's problem and the FAQ item read: the tiles again */
    ui_push(&app, &finder_view, NULL);
    ui_push(&app, &finder_view, FINDER_FOR(REF_MONEY));
    ui_push(&app, &faq_view, FAQ_ITEM(3));
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    CHECK_INT(app.depth, 1);
    ui_push(&app, &finder_view, NULL);
    pick_view_info pk;
    CHECK(finder_view_state(&app, &pk) && pk.problem == -1);
    ui_home(&app);
    ui_push(&app, &faq_view, NULL);
    CHECK(faq_view_state(&app, &pk) && pk.item == -1 && pk.category == -1);
    ui_home(&app);

    /* the print dialog */
    ui_print(&app, HANDOUT_CHAPTER, 0, NULL, "chapter");
    CHECK_STR(top_name(&app), "print");
    app.last_input = now_ms;
    /* The deadlines alone: no update step, so no PDF is started in /tmp
     * (test_screen counts the print folders there at the same time). */
    ui_idle(&app, now_ms + 89999);
    CHECK_STR(top_name(&app), "print");
    ui_idle(&app, now_ms + 90000);
    CHECK_INT(app.depth, 1);
    now_ms += 90000;

    /* the clipboard (text copied from a field), even at home */
    strbuf_adds(&app.clipboard, "取引先の口座番号");
    app.last_input = now_ms;
    CHECK(ui_turn(&app, 0) == 90000);
    now_ms += 90000;
    ui_turn(&app, 0);
    CHECK_INT(app.clipboard.len, 0);

    /* staff mode is not the visitor's: the idle reset leaves it alone (it
     * has its own, longer lock) */
    app.staff = true;
    ui_push(&app, &staff_view, NULL);
    app.last_input = now_ms;
    now_ms += 120000;
    ui_turn(&app, 0);
    CHECK_STR(top_name(&app), "notes");
    ui_fini(&app);
}

/* Left alone longer, the attract loop: it starts, cycles between slides and
 * guidebook highlights, and the first touch goes home without pressing
 * the tile under it. */
TEST(attract_loop)
{
    ui_app app;
    CHECK(open_kiosk(&app, NULL, 800, 480));
    attract_install(&app);
    int gx, gy;
    CHECK(find_text(&app, "ガイドブックを読む", &gx, &gy));
    ui_push(&app, &guide_view, GUIDE_AT(2));
    app.last_input = now_ms;
    CHECK_INT(run_until(&app, "home"), 90000);
    CHECK_INT(run_until(&app, "attract"), app.attract_ms - 90000);
    txt_log_enable(app.txt, true);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "画面にふれてください\t");
    char err[256];
    CHECK(ui_save_png(&app, "attract-800x480.png", err, sizeof err));
    /* it cycles every few seconds, sleeping in between (no busy loop),
     * through slides and guidebook chapters */
    attract_info at;
    CHECK(attract_state(&app, &at));
    CHECK_INT(at.cur, 0);
    CHECK(at.n > 4);
    bool slide = false, chapter = false;
    for (int i = 0; i < 6; i++) {
        CHECK(attract_state(&app, &at));
        slide |= at.deck >= 0;
        chapter |= at.deck < 0;
        unsigned long frames = app.frames;
        int t = ui_turn(&app, 0);
        if (i == 0)
            t = ui_turn(&app, 0);
        CHECK(t > 0 && t <= 7000);
        now_ms += (Uint32)t;
        ui_turn(&app, 0);
        attract_info next;
        CHECK(attract_state(&app, &next));
        CHECK_INT(next.cur, (at.cur + 1) % at.n);
        CHECK(app.frames > frames);
    }
    CHECK(slide && chapter);
    CHECK_STR(top_name(&app), "attract"); /* the idle deadlines leave it be */
    /* a click where the guidebook tile is: home, and the tile not pressed */
    click(&app, gx, gy);
    ui_turn(&app, 0);
    CHECK_STR(top_name(&app), "home");
    CHECK_INT(app.depth, 1);
    /* the next click is the visitor's: the tile opens */
    click(&app, gx, gy);
    CHECK_STR(top_name(&app), "guide");
    /* a key also ends the loop, and does nothing else */
    ui_home(&app);
    app.last_input = now_ms;
    CHECK(run_until(&app, "attract") == (long)app.attract_ms);
    sdl_key(&app, SDLK_RETURN, 0);
    CHECK_STR(top_name(&app), "home");
    ui_fini(&app);

    /* and at full HD */
    CHECK(open_kiosk(&app, NULL, 1920, 1080));
    attract_install(&app);
    app.last_input = now_ms;
    CHECK(run_until(&app, "attract") == (long)app.attract_ms);
    for (int i = 0; i < 3; i++) { /* a chapter's highlights */
        now_ms += 7000;
        ui_turn(&app, 0);
    }
    CHECK(attract_state(&app, &at) && at.deck < 0);
    ui_draw(&app);
    CHECK(ui_save_png(&app, "attract-1920x1080.png", err, sizeof err));
    ui_fini(&app);
}

/* The health lines: what loaded, the display, memory; and why it stopped. */
TEST(health_lines)
{
    ui_app app;
    CHECK(open_kiosk(&app, NULL, 1280, 720));
    app.lang = LANG_EN;
    char *buf = NULL;
    size_t len = 0;
    FILE *log = open_memstream(&buf, &len);
    health_start(&app, 420, "seminar-1", log);
    app.quit_by_system = true;
    health_stop(&app, 3600000, log);
    fclose(log);
    char want[256];
    snprintf(want, sizeof want, "started in 420 ms: %d decks, %d chapters, %d referral entries",
             (int)app.ndecks, (int)app.content->guide.n, (int)app.content->refs.n);
    CHECK_CONTAINS(buf, want);
    CHECK(app.ndecks > 0 && app.content->guide.n > 0 && app.content->refs.n > 0);
    CHECK_CONTAINS(buf, "(1280x720, headless, renderer software)");
    CHECK_CONTAINS(buf, "kiosk seminar-1 (kiosk)");
    CHECK_CONTAINS(buf, "stopped: the system asked (SIGTERM or SIGINT); up 3600 s; peak memory ");
    CHECK(strstr(buf, "memory -1") == NULL); /* /proc was read */
    health_mem m = health_memory();
    CHECK(m.rss_kib > 1000 && m.peak_kib >= m.rss_kib && m.private_kib > 0);
    free(buf);
    ui_fini(&app);
}


static void tap_at(ui_app *app, SDL_Rect r)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_TAP, .x = r.x + r.w / 2, .y = r.y + r.h / 2});
}

/* Staff close the kiosk with 終了 in staff mode, behind the PIN, and a
 * second press within 3 s; the place of the button does nothing for a
 * visitor, and one press alone arms it only for 3 s (the app's clock). */
TEST(staff_quit_after_the_pin)
{
    char *dir = tmpdir();
    char *db = path_join(dir, "n.db");
    char err[512];
    store *s = store_open(db, err, sizeof err);
    CHECK(s && pin_set(s, "246813", err, sizeof err));
    store_close(s);
    ui_app app;
    CHECK(open_kiosk(&app, db, 1280, 720));
    key(&app, ACT_STAFF, 0);
    enter_pin(&app, "246813");
    CHECK_STR(top_name(&app), "notes");
    ui_draw(&app);
    staff_list_info li;
    CHECK(staff_list_state(&app, &li));
    CHECK(li.quit.w > 0 && li.usb.w > 0);
    /* Locked again: a visitor's taps there close nothing. */
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "home");
    tap_at(&app, li.quit);
    tap_at(&app, li.quit);
    ui_dispatch(&app, &(ui_action){.kind = ACT_QUIT});
    CHECK(!app.quit);
    ui_home(&app);
    key(&app, ACT_STAFF, 0);
    enter_pin(&app, "246813");
    CHECK_STR(top_name(&app), "notes");
    ui_draw(&app);
    tap_at(&app, li.quit);
    CHECK(!app.quit);
    CHECK(staff_list_state(&app, &li) && li.quit_armed);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "もう一度「終了」を押すと窓口を閉じます");
    /* The banner lies over the first row of filter chips: a tap on it
     * does not reach the chip it hides. */
    const char *chip = ui_msg(&app, rec_categories[0].label);
    SDL_Rect cr = {0};
    const char *at = strstr(txt_log(app.txt), chip);
    CHECK(at && sscanf(at + strlen(chip), "\t%d,%d,%d,%d", &cr.x, &cr.y, &cr.w, &cr.h) == 4);
    CHECK(staff_list_state(&app, &li) && li.banner.h > 0);
    SDL_Point mid = {cr.x + cr.w / 2, cr.y + cr.h / 2};
    CHECK(SDL_PointInRect(&mid, &li.banner));
    tap_at(&app, cr);
    CHECK(staff_list_state(&app, &li) && li.filter == -1 && li.quit_armed);
    now_ms += 3500; /* too late for the second press: disarmed */
    ui_update(&app);
    CHECK(staff_list_state(&app, &li) && !li.quit_armed);
    ui_draw(&app);
    tap_at(&app, cr); /* the banner gone, the chip takes the tap */
    CHECK(staff_list_state(&app, &li) && li.filter == 0);
    tap_at(&app, li.quit);
    CHECK(!app.quit);
    now_ms += 1000;
    tap_at(&app, li.quit);
    CHECK(app.quit && app.quit_by_staff && !app.quit_by_system);
    char *buf = NULL;
    size_t len = 0;
    FILE *log = open_memstream(&buf, &len);
    health_stop(&app, 1000, log);
    fclose(log);
    CHECK_CONTAINS(buf, "職員が PIN のあとで終了");
    free(buf);
    ui_fini(&app);
    free(db);
    rmdir_all(dir);
}

static seal_office office;

/* A kiosk database with a PIN, the office key enrolled and n notes whose
 * company is the one looked for in the export's bytes. */
static void kiosk_db(const char *db, int n)
{
    char err[512], text[SEAL_KEY_TEXT_MAX];
    store *s = store_open(db, err, sizeof err);
    CHECK(s && pin_set(s, "246813", err, sizeof err));
    seal_key_text(office.pk, text);
    CHECK(s && store_set_setting(s, SEAL_SETTING_PUBLIC, text, err, sizeof err));
    for (int i = 0; s && i < n; i++) {
        note x = {0};
        x.question = "請求書メールの相談";
        x.company = "株式会社サンプル商事";
        x.category = "breach";
        CHECK(notes_save(s, &x, 1700000000000 + i, err, sizeof err));
        free(x.kiosk);
    }
    store_close(s);
}

static size_t count_notes(store *s)
{
    char err[512];
    note *v = NULL;
    size_t n = 0;
    if (s && store_locked(s)) /* encrypted under kiosk_db's PIN: it opens them, as the pad does */
        CHECK(store_unlock(s, "246813", err, sizeof err));
    CHECK(s && notes_list(s, 0, &v, &n, err, sizeof err));
    notes_free(v, n);
    return n;
}

/* The files in dir (but filler), as "name,name,". */
static void listing(const char *dir, char *out, size_t n)
{
    size_t count = 0;
    char **names = dir_list(dir, "", &count);
    out[0] = '\0';
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], "filler") != 0)
            snprintf(out + strlen(out), n - strlen(out), "%s,", names[i]);
    strv_free(names, count);
}

/* The child of usb_export: /media of its own (a tmpfs) with a 256 KB
 * "stick" mounted on /media/STICK, found by sys_drives as a real one. */
static int usb_child(const char *dir)
{
    if (!small_disk_ns())
        return SMALL_DISK_UNAVAILABLE;
    const char *stick = "/media/STICK";
    CHECK(small_disk_mount("/media", "1m"));
    CHECK(mkdir(stick, 0755) == 0);
    CHECK(small_disk_mount(stick, "256k"));
    char *db = path_join(dir, "n.db");
    kiosk_db(db, 3);
    ui_app app;
    CHECK(open_kiosk(&app, db, 1280, 720));
    key(&app, ACT_STAFF, 0);
    enter_pin(&app, "246813");
    ui_draw(&app);
    staff_list_info li;
    CHECK(staff_list_state(&app, &li));
    tap_at(&app, li.usb);
    CHECK_STR(top_name(&app), "usb");
    ui_draw(&app);
    usb_info u;
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.drives, 1);
    CHECK_INT(u.result, -1);
    CHECK(u.purge.w == 0); /* nothing verified yet: no purge */
    /* No office key enrolled: said, and nothing written. */
    char err[512], ktext[SEAL_KEY_TEXT_MAX];
    seal_key_text(office.pk, ktext);
    CHECK(store_set_setting(app.notes, SEAL_SETTING_PUBLIC, "", err, sizeof err));
    tap_at(&app, u.first_drive);
    CHECK(usb_state(&app, &u));
    CHECK_CONTAINS(u.status, "事務局の鍵が登録されていません");
    char names[1024];
    listing(stick, names, sizeof names);
    CHECK_STR(names, "");
    CHECK(store_set_setting(app.notes, SEAL_SETTING_PUBLIC, ktext, err, sizeof err));
    tap_at(&app, u.first_drive);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.result, SYNC_W_OK);
    CHECK_INT(u.notes, 3);
    CHECK(strncmp(u.path, "/media/STICK/madoguchi-", 23) == 0);
    CHECK_CONTAINS(u.status, "相談記録 3 件を /media/STICK/madoguchi-");
    CHECK_CONTAINS(u.status, "読み戻して確かめました");
    /* Sealed: no company name in the bytes; the office opens all three. */
    size_t len = 0;
    char *file = read_file(u.path, &len);
    CHECK(file && len > SEAL_HEADER_BYTES);
    CHECK(file && !memmem(file, len, "サンプル商事", strlen("サンプル商事")));
    sync_file *f = NULL;
    seal_status st;
    CHECK(file && sync_read(&office, file, len, &f, &st, err, sizeof err));
    CHECK(f && f->n == 3);
    sync_file_free(f);
    free(file);
    char first[4096];
    snprintf(first, sizeof first, "%s", u.path);
    /* Again: nothing new, no file. */
    tap_at(&app, u.first_drive);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.result, SYNC_W_NOTHING);
    CHECK_CONTAINS(u.status, "書き出す相談記録はありません");
    /* A new note, and the stick full: said, and nothing left on it. */
    note x = {0};
    x.question = "USB の相談";
    x.category = "general";
    CHECK(notes_save(app.notes, &x, 1700000001000, err, sizeof err));
    free(x.kiosk);
    char before[1024], after[1024];
    listing(stick, before, sizeof before);
    small_disk_fill(stick);
    tap_at(&app, u.first_drive);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.result, SYNC_W_FULL);
    CHECK_CONTAINS(u.status, "USB メモリがいっぱいで書き出せませんでした");
    listing(stick, after, sizeof after);
    CHECK_STR(after, before);
    /* Write-protected: said, nothing written. */
    char filler[64];
    snprintf(filler, sizeof filler, "%s/filler", stick);
    CHECK(unlink(filler) == 0);
    CHECK(small_disk_readonly(stick));
    tap_at(&app, u.first_drive);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.result, SYNC_W_READ_ONLY);
    CHECK_CONTAINS(u.status, "書き込み禁止");
    listing(stick, after, sizeof after);
    CHECK_STR(after, before);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "書き込み禁止");
    /* Writable again: the note that did not go out goes now. */
    CHECK(mount(NULL, stick, NULL, MS_REMOUNT, NULL) == 0);
    tap_at(&app, u.first_drive);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.result, SYNC_W_OK);
    CHECK_INT(u.notes, 1);
    CHECK(strcmp(u.path, first) != 0);
    /* Verified: staff clear the exported notes from the kiosk. */
    ui_draw(&app);
    CHECK(usb_state(&app, &u) && u.purge.w > 0);
    tap_at(&app, u.purge);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.purged, 4);
    CHECK_INT(count_notes(app.notes), 0);
    /* The stick pulled out: none found, said. */
    CHECK(umount2(stick, MNT_DETACH) == 0);
    ui_draw(&app);
    tap_at(&app, u.rescan);
    CHECK(usb_state(&app, &u));
    CHECK_INT(u.drives, 0);
    CHECK_CONTAINS(u.status, "USB メモリが見つかりません");
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "notes");
    ui_fini(&app);
    free(db);
    return 0;
}

TEST(usb_export)
{
    CHECK_INT(small_disk_run(usb_child, "/tmp/mgusbXXXXXX", "usb_export"), 0);
}

/* A file on the stick with text. */
static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char *enrolled_key(ui_app *app)
{
    char *v = NULL, err[512];
    CHECK(store_setting(app->notes, SEAL_SETTING_PUBLIC, &v, err, sizeof err) >= 0);
    return v;
}

/* The child of key_from_stick: the key file found on a "stick" mounted
 * on /media/STICK (its own /media, as usb_child's). */
static int enrol_child(const char *dir)
{
    if (!small_disk_ns())
        return SMALL_DISK_UNAVAILABLE;
    const char *stick = "/media/STICK";
    CHECK(small_disk_mount("/media", "1m"));
    CHECK(mkdir(stick, 0755) == 0);
    char *db = path_join(dir, "n.db");
    kiosk_db(db, 0);
    ui_app app;
    CHECK(open_kiosk(&app, db, 800, 480));
    app.staff = true;
    char err[512];
    CHECK(staff_open_notes(&app, err, sizeof err) != NULL);
    CHECK(store_set_setting(app.notes, SEAL_SETTING_PUBLIC, "", err, sizeof err));
    ui_push(&app, &staff_view, NULL);
    ui_draw(&app);
    staff_list_info li;
    CHECK(staff_list_state(&app, &li));
    tap_at(&app, li.usb);
    ui_draw(&app);
    usb_info u;
    CHECK(usb_state(&app, &u) && u.enrol.w >= 48 && u.enrol.h >= 48);
    tap_at(&app, u.enrol);
    CHECK_STR(top_name(&app), "enrol");
    ui_draw(&app);
    enrol_info e;
    /* No drive. */
    CHECK(enrol_state(&app, &e));
    CHECK_INT(e.drives, 0);
    CHECK_CONTAINS(e.status, "USB メモリが見つかりません");
    CHECK_CONTAINS(e.status, "madoguchi-office.key");
    CHECK(e.enrol.w == 0);
    /* A stick, but no key file on it. */
    CHECK(small_disk_mount(stick, "256k"));
    put("/media/STICK/notes.txt", "hello");
    tap_at(&app, e.rescan);
    ui_draw(&app);
    CHECK(enrol_state(&app, &e));
    CHECK_INT(e.drives, 1);
    CHECK_CONTAINS(e.status, "事務局の鍵のファイル（madoguchi-office.key）がありません");
    /* Not a key. */
    put("/media/STICK/madoguchi-office.key", "こんにちは\n");
    tap_at(&app, e.rescan);
    ui_draw(&app);
    CHECK(enrol_state(&app, &e) && e.phase == ENROL_SAID);
    CHECK_CONTAINS(e.status, "は使えません：事務局の鍵ではありません");
    /* A damaged key: a changed character. */
    char text[SEAL_KEY_TEXT_MAX];
    seal_key_text(office.pk, text);
    char typo[SEAL_KEY_TEXT_MAX];
    snprintf(typo, sizeof typo, "%s", text);
    typo[20] = typo[20] == 'x' ? 'y' : 'x';
    put("/media/STICK/madoguchi-office.key", typo);
    tap_at(&app, e.rescan);
    ui_draw(&app);
    CHECK(enrol_state(&app, &e) && e.phase == ENROL_SAID);
    CHECK_CONTAINS(e.status, "チェックサムが合いません");
    char *now = enrolled_key(&app);
    CHECK(now && strcmp(now, "") == 0); /* nothing stored yet */
    free(now);
    /* The key file office key -o writes: its fingerprint shown, asked. */
    strbuf kf;
    strbuf_init(&kf);
    seal_key_file_text(office.pk, &kf);
    put("/media/STICK/madoguchi-office.key", kf.s);
    strbuf_fini(&kf);
    tap_at(&app, e.rescan);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    char fp[SEAL_FINGERPRINT_MAX];
    seal_fingerprint(office.pk, fp);
    CHECK(enrol_state(&app, &e));
    CHECK_INT(e.phase, ENROL_ASK);
    CHECK_STR(e.fingerprint, fp);
    CHECK_CONTAINS(e.status, "事務局の指紋と見比べ");
    CHECK_CONTAINS(txt_log(app.txt), fp);
    CHECK(e.enrol.w >= 48 && e.enrol.h >= 48);
    CHECK(ui_save_png(&app, "enrol-800x480.png", err, sizeof err));
    now = enrolled_key(&app);
    CHECK(now && strcmp(now, "") == 0); /* only once staff say so */
    free(now);
    tap_at(&app, e.enrol);
    CHECK(enrol_state(&app, &e));
    CHECK_CONTAINS(e.status, "事務局の鍵を登録しました");
    now = enrolled_key(&app);
    CHECK(now && strcmp(now, text) == 0);
    free(now);
    /* Again: already enrolled, nothing asked. */
    tap_at(&app, e.rescan);
    CHECK(enrol_state(&app, &e) && e.phase == ENROL_SAID);
    CHECK_CONTAINS(e.status, "この鍵はもう登録されています");
    /* Two key files: staff choose. */
    put("/media/STICK/madoguchi-office (1).key", "x");
    tap_at(&app, e.rescan);
    CHECK(enrol_state(&app, &e) && e.phase == ENROL_SAID);
    CHECK_CONTAINS(e.status, "事務局の鍵のファイルが 2 個あります");
    CHECK_CONTAINS(e.status, "madoguchi-office (1).key");
    CHECK(unlink("/media/STICK/madoguchi-office (1).key") == 0);
    /* Another office's key: replace only when asked to. */
    seal_office other;
    CHECK(seal_office_generate(&other));
    strbuf_init(&kf);
    seal_key_file_text(other.pk, &kf);
    put("/media/STICK/madoguchi-office.key", kf.s);
    strbuf_fini(&kf);
    tap_at(&app, e.rescan);
    ui_draw(&app);
    CHECK(enrol_state(&app, &e));
    CHECK_INT(e.phase, ENROL_REPLACE);
    CHECK_CONTAINS(e.status, fp); /* the one enrolled now */
    CHECK(ui_save_png(&app, "enrol-replace-800x480.png", err, sizeof err));
    now = enrolled_key(&app);
    CHECK(now && strcmp(now, text) == 0);
    free(now);
    tap_at(&app, e.enrol);
    char otext[SEAL_KEY_TEXT_MAX];
    seal_key_text(other.pk, otext);
    now = enrolled_key(&app);
    CHECK(now && strcmp(now, otext) == 0);
    free(now);
    seal_office_fini(&other);
    /* A folder of that name is no key file. */
    CHECK(unlink("/media/STICK/madoguchi-office.key") == 0);
    CHECK(mkdir("/media/STICK/madoguchi-office.key", 0755) == 0);
    tap_at(&app, e.rescan);
    CHECK(enrol_state(&app, &e));
    CHECK_CONTAINS(e.status, "事務局の鍵ではありません");
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "usb");
    ui_fini(&app);
    free(db);
    return 0;
}

TEST(key_from_stick)
{
    CHECK_INT(small_disk_run(enrol_child, "/tmp/mgenrolXXXXXX", "key_from_stick"), 0);
}

/* The view on the smallest screen (looked at: usb-800x480.png). */
TEST(usb_view_small_screen)
{
    char *dir = tmpdir();
    char *db = path_join(dir, "n.db");
    char err[512];
    ui_app app;
    CHECK(open_kiosk(&app, db, 800, 480));
    app.staff = true;
    ui_push(&app, &staff_view, NULL);
    ui_draw(&app);
    CHECK(ui_save_png(&app, "notes-800x480.png", err, sizeof err));
    ui_push(&app, &usb_view, NULL);
    CHECK_STR(top_name(&app), "usb");
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "USB メモリに書き出す");
    CHECK_CONTAINS(txt_log(app.txt), "探し直す");
    CHECK(ui_save_png(&app, "usb-800x480.png", err, sizeof err));
    ui_fini(&app);
    free(db);
    rmdir_all(dir);
}

static SDL_Color pixel_at(ui_app *app, int x, int y)
{
    SDL_Surface *s = app->target;
    Uint32 v = ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x];
    SDL_Color c;
    SDL_GetRGB(v, s->format, &c.r, &c.g, &c.b);
    return c;
}

/* Pixels of colour c inside r. */
static int count_colour(ui_app *app, SDL_Rect r, SDL_Color c)
{
    int n = 0;
    for (int y = MG_MAX(r.y, 0); y < r.y + r.h && y < app->h; y++)
        for (int x = MG_MAX(r.x, 0); x < r.x + r.w && x < app->w; x += 2) {
            SDL_Color p = pixel_at(app, x, y);
            n += p.r == c.r && p.g == c.g && p.b == c.b;
        }
    return n;
}

/* Staff open the conflicted note from the list, see both versions with
 * the differences marked, keep the second, confirm once: the store shows
 * it as the note's one head and the list no longer marks it.  At the
 * smallest and the largest screen (looked at: conflict-WxH*.png). */
static void conflict_on(int w, int h)
{
    char *dir = tmpdir();
    char *kdb = path_join(dir, "k.db"), *mdb = path_join(dir, "m.db");
    char err[512], id[37], png[64];
    store *k = store_open(kdb, err, sizeof err), *m = store_open(mdb, err, sizeof err);
    CHECK(k && m && fix_conflict(k, m, &office, id));
    store_close(k);
    store_close(m);
    ui_app app;
    CHECK(open_kiosk(&app, mdb, w, h));
    app.staff = true; /* the PIN is tested above */
    ui_push(&app, &staff_view, NULL);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    staff_list_info li;
    CHECK(staff_list_state(&app, &li));
    CHECK_INT(li.conflicts, 1);
    CHECK(li.first_conflict.w > 0);
    CHECK_CONTAINS(txt_log(app.txt), "競合している記録が 1 件あります");
    CHECK_CONTAINS(txt_boxes(app.txt), "競合");
    snprintf(png, sizeof png, "conflict-list-%dx%d.png", w, h);
    CHECK(ui_save_png(&app, png, err, sizeof err));
    tap_at(&app, li.first_conflict);
    CHECK_STR(top_name(&app), "conflict");
    txt_log_clear(app.txt);
    ui_draw(&app);
    conflict_view_info cv;
    CHECK(conflict_view_state(&app, &cv));
    CHECK_INT(cv.found, 1);
    CHECK_INT(cv.sides, 2);
    CHECK_INT(cv.differ, 3); /* answer, category, follow-up: not the times saved in the same second */
    CHECK(cv.max_scroll > 0); /* every field of both: more than a screen */
    const char *log = txt_log(app.txt);
    CHECK_CONTAINS(log, "版 1：ほかの端末で編集");
    CHECK_CONTAINS(log, "版 2：このデータベースで編集");
    /* What differs is marked in the highlight colour. */
    CHECK(count_colour(&app, cv.list, ui_color(PAL_HIGHLIGHT)) > 100);
    snprintf(png, sizeof png, "conflict-%dx%d.png", w, h);
    CHECK(ui_save_png(&app, png, err, sizeof err));
    /* Down to the second version's button, fully on screen. */
    for (int i = 0; i < 40 && conflict_view_state(&app, &cv) &&
                    (cv.keep[1].y < cv.list.y || cv.keep[1].y + cv.keep[1].h > cv.list.y + cv.list.h);
         i++) {
        ui_dispatch(&app, &(ui_action){.kind = ACT_PAGE_DOWN});
        ui_draw(&app);
    }
    /* Every field went by, the differing ones marked in words too. */
    log = txt_log(app.txt);
    CHECK_CONTAINS(log, "分類（違いあり）");
    CHECK_CONTAINS(log, "① 対策（具体的な解決策）（違いあり）");
    CHECK_CONTAINS(log, "株式会社サンプル商事");
    CHECK_CONTAINS(log, "メモ");
    CHECK(conflict_view_state(&app, &cv));
    CHECK(cv.keep[1].y >= cv.list.y && cv.keep[1].y + cv.keep[1].h <= cv.list.y + cv.list.h);
    CHECK(cv.keep[1].h >= 48 && cv.keep[0].w >= 48);
    char kept[64];
    snprintf(kept, sizeof kept, "%s", cv.rev[1] ? cv.rev[1] : "");
    snprintf(png, sizeof png, "conflict-end-%dx%d.png", w, h);
    CHECK(ui_save_png(&app, png, err, sizeof err));
    tap_at(&app, cv.keep[1]);
    CHECK(conflict_view_state(&app, &cv));
    CHECK_INT(cv.confirm, 1); /* asked once, nothing changed yet */
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "版 2 を残します");
    CHECK(conflict_view_state(&app, &cv) && cv.yes.w >= 48 && cv.yes.h >= 48);
    snprintf(png, sizeof png, "conflict-confirm-%dx%d.png", w, h);
    CHECK(ui_save_png(&app, png, err, sizeof err));
    char **c = NULL;
    size_t nc = 0;
    CHECK(sync_conflicts(app.notes, &c, &nc, err, sizeof err) && nc == 1);
    strv_free(c, nc);
    tap_at(&app, cv.yes);
    CHECK_STR(top_name(&app), "notes");
    /* In the store: one head, shown, replacing the kept one, with its fields. */
    CHECK(sync_conflicts(app.notes, &c, &nc, err, sizeof err));
    CHECK_INT(nc, 0);
    strv_free(c, nc);
    sync_rev_info *rv = NULL;
    size_t nr = 0;
    CHECK(sync_revisions(app.notes, id, &rv, &nr, err, sizeof err));
    int heads = 0;
    for (size_t i = 0; i < nr; i++) {
        if (!rv[i].head)
            continue;
        heads++;
        CHECK(rv[i].shown);
        CHECK(strstr(rv[i].parents, kept) != NULL);
        CHECK_STR(rv[i].n.answer, FIX_OFFICE_ANSWER); /* the second version: the office's */
        CHECK_STR(rv[i].n.category, "general");
    }
    CHECK_INT(heads, 1);
    sync_rev_info_free(rv, nr);
    note got;
    CHECK_INT(notes_get(app.notes, id, &got, err, sizeof err), 1);
    CHECK_STR(got.answer, FIX_OFFICE_ANSWER);
    note_fini(&got);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK(staff_list_state(&app, &li));
    CHECK_INT(li.conflicts, 0);
    CHECK(li.first_conflict.w == 0);
    CHECK(strstr(txt_log(app.txt), "競合している記録") == NULL);
    ui_fini(&app);
    free(kdb);
    free(mdb);
    rmdir_all(dir);
}

TEST(conflict_resolved_on_screen)
{
    conflict_on(800, 480);
    conflict_on(1920, 1080);
}

struct start_arg {
    ui_app *app;
    const char *db;
};
static void start_kiosk(void *p)
{
    struct start_arg *a = p;
    CHECK(open_kiosk(a->app, a->db, 1280, 720));
}

/* kiosk purge-after N: at each start, the notes exported more than N days
 * before go; a note never exported stays. */
TEST(purge_at_start)
{
    char *dir = tmpdir();
    char *db = path_join(dir, "n.db");
    char *out = path_join(dir, "x.mdgx");
    kiosk_db(db, 3);
    char err[512];
    store *s = store_open(db, err, sizeof err);
    CHECK(s && store_unlock(s, "246813", err, sizeof err));
    sync_written w;
    long long t0 = fake_wall(&now_ms);
    CHECK(s && sync_export_file(s, office.pk, false, NULL, out, t0, &w, err, sizeof err) ==
                   SYNC_W_OK);
    CHECK(s && store_set_setting(s, SYNC_SETTING_PURGE_DAYS, "30", err, sizeof err));
    note x = {0};
    x.question = "まだ書き出していない";
    x.category = "general";
    CHECK(s && notes_save(s, &x, t0, err, sizeof err));
    free(x.kiosk);
    CHECK_INT(count_notes(s), 4);
    store_close(s);
    ui_app app;
    struct start_arg a = {&app, db};
    char log[2048];
    now_ms += 29u * 86400000u; /* 29 days on: all kept */
    capture_stderr(start_kiosk, &a, log, sizeof log);
    CHECK(strstr(log, "起動時") == NULL);
    CHECK_INT(count_notes(app.notes), 4);
    ui_fini(&app);
    now_ms += 2u * 86400000u; /* 31 days: the exported three go */
    capture_stderr(start_kiosk, &a, log, sizeof log);
    CHECK_CONTAINS(log, "書き出しから 30 日を過ぎた相談記録を起動時に 3 件消しました");
    CHECK_INT(count_notes(app.notes), 1);
    ui_fini(&app);
    now_ms = 5000;
    free(out);
    free(db);
    rmdir_all(dir);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL);
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    RUN(no_pin_no_staff_mode);
    RUN(lockout_survives_back_and_restart);
    RUN(no_visitor_event_quits);
    RUN(sigterm_saves_the_note);
    RUN(idle_forgets_the_visitor);
    RUN(attract_loop);
    RUN(health_lines);
    CHECK(seal_office_generate(&office));
    RUN(staff_quit_after_the_pin);
    RUN(usb_export);
    RUN(usb_view_small_screen);
    RUN(key_from_stick);
    RUN(conflict_resolved_on_screen);
    RUN(purge_at_start);
    seal_office_fini(&office);
    return test_summary();
}
