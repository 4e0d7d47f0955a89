/*
 * slide_ssim.c - how alike two slide pictures look: SSIM (Wang et al.
 * 2004) over grey images scaled down to 160x90, the size at which the
 * blocks of a slide (where its title, its text and its pictures are) show
 * and the shapes of single letters do not.  Used by tests/marp/compare.sh
 * to hold our slides against Marp's own rendering of the same deck.
 *
 *   slide_ssim A.png B.png [PAIR.png]
 *
 * Prints the score (1 = the same picture, 0 = nothing alike) with three
 * decimals; with PAIR.png also writes the two side by side (A left) at half
 * size, for a person to look at.  Exit 2 when a picture cannot be read.
 *
 * Depends on: SDL2, SDL2_image.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

enum { GW = 160, GH = 90, WIN = 8 };

/* pic scaled to GW x GH grey (box filter over the source pixels); false if
 * it cannot be read. */
static bool load_grey(const char *path, double *out)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "slide_ssim: %s: %s\n", path, IMG_GetError());
        return false;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!s)
        return false;
    for (int gy = 0; gy < GH; gy++)
        for (int gx = 0; gx < GW; gx++) {
            int x0 = gx * s->w / GW, x1 = (gx + 1) * s->w / GW;
            int y0 = gy * s->h / GH, y1 = (gy + 1) * s->h / GH;
            double sum = 0;
            int n = 0;
            for (int y = y0; y < y1; y++) {
                const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
                for (int x = x0; x < x1; x++) {
                    const Uint8 *p = row + 4 * x;
                    double a = p[3] / 255.0; /* transparent parts on white */
                    double g = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
                    sum += g * a + 255.0 * (1 - a);
                    n++;
                }
            }
            out[gy * GW + gx] = n ? sum / n : 255.0;
        }
    SDL_FreeSurface(s);
    return true;
}

/* Mean SSIM over WIN x WIN windows, a step of 2 pixels. */
static double ssim(const double *a, const double *b)
{
    const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
    double total = 0;
    int count = 0;
    for (int y = 0; y + WIN <= GH; y += 2)
        for (int x = 0; x + WIN <= GW; x += 2) {
            double ma = 0, mb = 0;
            for (int j = 0; j < WIN; j++)
                for (int i = 0; i < WIN; i++) {
                    ma += a[(y + j) * GW + x + i];
                    mb += b[(y + j) * GW + x + i];
                }
            ma /= WIN * WIN;
            mb /= WIN * WIN;
            double va = 0, vb = 0, cov = 0;
            for (int j = 0; j < WIN; j++)
                for (int i = 0; i < WIN; i++) {
                    double da = a[(y + j) * GW + x + i] - ma, db = b[(y + j) * GW + x + i] - mb;
                    va += da * da;
                    vb += db * db;
                    cov += da * db;
                }
            va /= WIN * WIN - 1;
            vb /= WIN * WIN - 1;
            cov /= WIN * WIN - 1;
            total += ((2 * ma * mb + c1) * (2 * cov + c2)) /
                     ((ma * ma + mb * mb + c1) * (va + vb + c2));
            count++;
        }
    return count ? total / count : 0;
}

/* A and B side by side at half size into path. */
static bool write_pair(const char *pa, const char *pb, const char *path)
{
    SDL_Surface *a = IMG_Load(pa), *b = IMG_Load(pb);
    bool ok = false;
    if (a && b) {
        int w = a->w / 2, h = a->h / 2;
        SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, 2 * w + 8, h, 32,
                                                          SDL_PIXELFORMAT_RGBA32);
        if (out) {
            SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, 40, 40, 40, 255));
            SDL_Rect da = {0, 0, w, h}, db = {w + 8, 0, w, h};
            SDL_BlitScaled(a, NULL, out, &da);
            SDL_BlitScaled(b, NULL, out, &db);
            ok = IMG_SavePNG(out, path) == 0;
            SDL_FreeSurface(out);
        }
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: slide_ssim A.png B.png [PAIR.png]\n");
        return 2;
    }
    static double a[GW * GH], b[GW * GH];
    if (!load_grey(argv[1], a) || !load_grey(argv[2], b))
        return 2;
    printf("%.3f\n", ssim(a, b));
    if (argc == 4 && !write_pair(argv[1], argv[2], argv[3])) {
        fprintf(stderr, "slide_ssim: cannot write %s\n", argv[3]);
        return 2;
    }
    return 0;
}
