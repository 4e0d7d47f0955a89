/*
 * A photo from a phone: stored on its side with an EXIF orientation tag,
 * shown upright (as browsers, and so Marp, show it) on the screen and on
 * paper.  Each of the eight orientations is made from one JPEG with a
 * green corner, and the corner must land where the tag says; a handout
 * of a deck with such a photo must hold it turned.
 */
#include <SDL_image.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "../app/paper/picture.h"
#include "test.h"

enum { W = 64, H = 32, MARK = 16 };

/* A W x H JPEG: a green MARK x MARK corner at the top left, red elsewhere
 * on the left half, blue on the right; with an EXIF APP1 segment holding
 * orientation o (none when o is 0).  Heap, *len its size. */
static unsigned char *photo(int o, size_t *len)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 24, SDL_PIXELFORMAT_RGB24);
    SDL_FillRect(s, &(SDL_Rect){0, 0, W / 2, H}, SDL_MapRGB(s->format, 220, 0, 0));
    SDL_FillRect(s, &(SDL_Rect){W / 2, 0, W / 2, H}, SDL_MapRGB(s->format, 0, 0, 220));
    SDL_FillRect(s, &(SDL_Rect){0, 0, MARK, MARK}, SDL_MapRGB(s->format, 0, 220, 0));
    char path[64];
    snprintf(path, sizeof path, "photo-%d.jpg", (int)getpid());
    CHECK(IMG_SaveJPG(s, path, 95) == 0);
    SDL_FreeSurface(s);
    FILE *f = fopen(path, "rb");
    unsigned char *jpg = malloc(1 << 20);
    size_t n = f ? fread(jpg, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    unlink(path);
    /* APP1: "Exif\0\0", a big-endian TIFF header, IFD0 with one entry
     * (0x0112 Orientation, SHORT, 1) and no next IFD. */
    static const unsigned char app1[] = {
        0xFF, 0xE1, 0x00, 0x22, 'E',  'x',  'i',  'f',  0,    0,    'M',  'M',
        0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    size_t extra = o ? sizeof app1 : 0;
    unsigned char *out = malloc(n + extra);
    memcpy(out, jpg, 2); /* SOI */
    if (o) {
        memcpy(out + 2, app1, sizeof app1);
        out[2 + 29] = (unsigned char)o; /* the SHORT's low byte */
    }
    memcpy(out + 2 + extra, jpg + 2, n - 2);
    free(jpg);
    *len = n + extra;
    return out;
}

/* The colour at (x, y) of s: 'g', 'r', 'b' or '?'. */
static char colour(SDL_Surface *s, int x, int y)
{
    Uint32 px = 0;
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    px = ((Uint32 *)((char *)c->pixels + y * c->pitch))[x];
    SDL_FreeSurface(c);
    int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
    return g > 150 && r < 80 && b < 80   ? 'g'
           : r > 150 && g < 80 && b < 80 ? 'r'
           : b > 150 && r < 80 && g < 80 ? 'b'
                                         : '?';
}

TEST(every_orientation_lands_upright)
{
    /* Where the source point (sx, sy) lands, for each orientation (the
     * TIFF/EXIF definitions, as browsers apply them). */
    for (int o = 0; o <= 8; o++) {
        size_t len;
        unsigned char *b = photo(o, &len);
        CHECK_INT(picture_orientation(b, len), o ? o : 1);
        int w = 0, h = 0;
        SDL_Surface *s = picture_decode(b, len, 0, &w, &h, NULL);
        CHECK(s != NULL);
        if (!s) {
            free(b);
            continue;
        }
        bool side = o >= 5;
        CHECK_INT(w, side ? H : W);
        CHECK_INT(h, side ? W : H);
        CHECK_INT(s->w, w);
        /* the green corner's middle, and a point well inside the blue half */
        int pts[2][2] = {{MARK / 2, MARK / 2}, {W - 8, H / 2}};
        char want[2] = {'g', 'b'};
        for (int k = 0; k < 2; k++) {
            int sx = pts[k][0], sy = pts[k][1], dx, dy;
            switch (o) {
            case 2:
                dx = W - 1 - sx, dy = sy;
                break;
            case 3:
                dx = W - 1 - sx, dy = H - 1 - sy;
                break;
            case 4:
                dx = sx, dy = H - 1 - sy;
                break;
            case 5:
                dx = sy, dy = sx;
                break;
            case 6:
                dx = H - 1 - sy, dy = sx;
                break;
            case 7:
                dx = H - 1 - sy, dy = W - 1 - sx;
                break;
            case 8:
                dx = sy, dy = W - 1 - sx;
                break;
            default:
                dx = sx, dy = sy;
                break;
            }
            if (colour(s, dx, dy) != want[k])
                fprintf(stderr, "orientation %d: (%d,%d) is '%c', not '%c'\n", o, dx, dy,
                        colour(s, dx, dy), want[k]);
            CHECK(colour(s, dx, dy) == want[k]);
        }
        SDL_FreeSurface(s);
        free(b);
    }
}

TEST(broken_exif_is_as_stored)
{
    size_t len;
    unsigned char *b = photo(6, &len);
    b[2 + 29] = 9; /* not an orientation */
    CHECK_INT(picture_orientation(b, len), 1);
    memset(b + 2 + 10, 0xEE, 8); /* no TIFF header */
    CHECK_INT(picture_orientation(b, len), 1);
    CHECK_INT(picture_orientation(b, 3), 1);
    CHECK_INT(picture_orientation("\x89PNG", 4), 1);
    int w = 0, h = 0;
    SDL_Surface *s = picture_decode(b, len, 0, &w, &h, NULL);
    CHECK(s && w == W && h == H);
    SDL_FreeSurface(s);
    free(b);
}

/* A deck with the photo, printed: the PDF holds it upright (H wide, W
 * tall), not the stored JPEG passed through on its side. */
TEST(photos_scaled_for_paper)
{
    /* picture_jpeg, as a handout scales a photo: an upright one by
     * libjpeg-turbo alone (the DCT at 3/8, then 24 -> 20 pixels), one on its
     * side through SDL_image, turned; both land upright at the size asked,
     * the corner and the halves where they were.  A cut file is refused. */
    const int orient[2] = {0, 6};
    for (int k = 0; k < 2; k++) {
        size_t len, n = 0;
        unsigned char *b = photo(orient[k], &len), *out = NULL;
        bool side = orient[k] >= 5;
        int tw = side ? 10 : 20, th = side ? 20 : 10;
        CHECK(picture_jpeg(b, len, tw, th, 90, &out, &n));
        int w = 0, h = 0;
        SDL_Surface *s = out ? picture_decode(out, n, 0, &w, &h, NULL) : NULL;
        CHECK(s != NULL);
        if (s) {
            CHECK_INT(w, tw);
            CHECK_INT(h, th);
            /* the green corner (a quarter of the height), the blue half */
            CHECK(colour(s, side ? tw - 2 : 2, 2) == 'g');
            CHECK(colour(s, side ? tw / 2 : tw - 3, side ? th - 3 : th / 2) == 'b');
            CHECK(colour(s, side ? tw / 2 : 3, side ? 3 : th - 2) != 'b');
            SDL_FreeSurface(s);
        }
        free(out);
        out = NULL;
        CHECK(!picture_jpeg(b, len / 2, tw, th, 90, &out, &n)); /* cut in the middle */
        CHECK(out == NULL);
        free(b);
    }
}

TEST(handout_prints_it_upright)
{
    const char *bin = getenv("MG_BINARY");
    if (!bin || system("command -v pdfimages >/dev/null 2>&1") != 0)
        TEST_SKIP("needs MG_BINARY and pdfimages (poppler-utils)");
    char dir[] = "/tmp/mgpictureXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    size_t len;
    unsigned char *b = photo(6, &len);
    snprintf(path, sizeof path, "%s/side.jpg", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(b, 1, len, f) == len);
    if (f)
        fclose(f);
    free(b);
    snprintf(path, sizeof path, "%s/deck.md", dir);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("---\nmarp: true\n---\n\n# 写真\n\n![w:300](side.jpg)\n", f);
        fclose(f);
    }
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd %s && '%s' handout deck deck.md --layout 1 -o deck.pdf >/dev/null 2>&1 &&"
             " pdfimages -list deck.pdf | awk 'NR > 2 {print $4 \"x\" $5}' > sizes.txt",
             dir, bin);
    CHECK_INT(system(cmd), 0);
    snprintf(path, sizeof path, "%s/sizes.txt", dir);
    f = fopen(path, "r");
    char got[64] = "";
    if (f) {
        if (!fgets(got, sizeof got, f))
            got[0] = '\0';
        fclose(f);
    }
    char want[32];
    snprintf(want, sizeof want, "%dx%d\n", H, W);
    CHECK_STR(got, want);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
}

int main(void)
{
    RUN(every_orientation_lands_upright);
    RUN(broken_exif_is_as_stored);
    RUN(handout_prints_it_upright);
    RUN(photos_scaled_for_paper);
    return test_summary();
}
