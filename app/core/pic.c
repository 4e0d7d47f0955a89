/*
 * pic.c - picture headers (see pic.h).
 *
 * Each format's header is read by offset from its specification (PNG,
 * JFIF/EXIF JPEG markers, GIF89a, BMP, RIFF WebP, the SVG root element);
 * nothing here decodes pixels.  Every read is checked against len first.
 */
#include "pic.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "util.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[1] << 8 | p[0];
}

/* PNG: the signature, IHDR first, then chunks that each fit, up to IEND. */
static pic_status png(const unsigned char *b, size_t len, pic_info *info)
{
    if (len < 8 + 8 + 13 + 4)
        return PIC_TRUNCATED;
    if (be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4) != 0)
        return PIC_BAD;
    uint32_t w = be32(b + 16), h = be32(b + 20);
    info->w = w > (uint32_t)INT32_MAX ? INT32_MAX : (int)w;
    info->h = h > (uint32_t)INT32_MAX ? INT32_MAX : (int)h;
    if (w == 0 || h == 0)
        return PIC_BAD;
    if (w > PIC_MAX_SIDE || h > PIC_MAX_SIDE || (uint64_t)w * h > (uint64_t)PIC_MAX_PIXELS)
        return PIC_TOO_LARGE;
    bool idat = false;
    for (size_t off = 8;;) {
        if (len - off < 12)
            return PIC_TRUNCATED;
        uint32_t n = be32(b + off);
        if (n > len - off - 12)
            return PIC_TRUNCATED;
        const unsigned char *type = b + off + 4;
        if (!memcmp(type, "IDAT", 4))
            idat = true;
        if (!memcmp(type, "IEND", 4))
            return idat ? PIC_OK : PIC_TRUNCATED;
        off += 12 + (size_t)n;
    }
}

/* JPEG: markers up to the frame header (SOFn), then the end marker after
 * the scan (0xFF 0xD9 cannot occur inside entropy-coded data). */
static pic_status jpeg(const unsigned char *b, size_t len, pic_info *info)
{
    size_t off = 2;
    bool frame = false;
    for (;;) {
        while (off < len && b[off] == 0xFF && off + 1 < len && b[off + 1] == 0xFF)
            off++; /* fill bytes */
        if (off + 4 > len)
            return PIC_TRUNCATED;
        if (b[off] != 0xFF)
            return PIC_BAD;
        unsigned m = b[off + 1];
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            off += 2; /* no length */
            continue;
        }
        if (m == 0xD9)
            return PIC_TRUNCATED; /* the end before any scan */
        unsigned n = be16(b + off + 2);
        if (n < 2)
            return PIC_BAD;
        if (n > len - off - 2)
            return PIC_TRUNCATED;
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (n < 7)
                return PIC_BAD;
            info->h = (int)be16(b + off + 5);
            info->w = (int)be16(b + off + 7);
            if (info->w == 0 || info->h == 0)
                return PIC_BAD; /* a height of 0 (set by a later DNL) is not read here */
            if (info->w > PIC_MAX_SIDE || info->h > PIC_MAX_SIDE ||
                (long)info->w * info->h > PIC_MAX_PIXELS)
                return PIC_TOO_LARGE;
            frame = true;
        }
        if (m == 0xDA) { /* start of scan: the end marker must come after it */
            if (!frame)
                return PIC_BAD;
            size_t scan = off + 2 + n;
            for (size_t i = len - 1; i > scan; i--)
                if (b[i] == 0xD9 && b[i - 1] == 0xFF)
                    return PIC_OK;
            return PIC_TRUNCATED;
        }
        off += 2 + n;
    }
}

static bool over(long w, long h)
{
    return w > PIC_MAX_SIDE || h > PIC_MAX_SIDE || w * h > PIC_MAX_PIXELS;
}

/* GIF: the logical screen, then the blocks up to the first image, whose
 * size is what a decoder allocates (SDL_image decodes the first frame
 * only), so both must be within the limits; then the trailer. */
static pic_status gif(const unsigned char *b, size_t len, pic_info *info)
{
    if (len < 14)
        return PIC_TRUNCATED;
    info->w = (int)le16(b + 6);
    info->h = (int)le16(b + 8);
    if (info->w == 0 || info->h == 0)
        return PIC_BAD;
    if (over(info->w, info->h))
        return PIC_TOO_LARGE;
    size_t off = 13;
    if (b[10] & 0x80)
        off += 3u << ((b[10] & 7) + 1); /* the global colour table */
    for (;;) {
        if (off >= len)
            return PIC_TRUNCATED;
        if (b[off] == 0x2C) { /* image descriptor */
            if (len - off < 10)
                return PIC_TRUNCATED;
            int w = (int)le16(b + off + 5), h = (int)le16(b + off + 7);
            if (w == 0 || h == 0)
                return PIC_BAD;
            if (over(w, h))
                return PIC_TOO_LARGE;
            info->w = w;
            info->h = h;
            break;
        }
        if (b[off] != 0x21) /* the trailer before any image, or no block at all */
            return PIC_BAD;
        if (len - off < 2)
            return PIC_TRUNCATED;
        off += 2; /* extension: introducer and label, then sub-blocks */
        while (off < len && b[off])
            off += 1 + (size_t)b[off];
        off++;
    }
    return b[len - 1] == 0x3B ? PIC_OK : PIC_TRUNCATED; /* the trailer */
}

static pic_status bmp(const unsigned char *b, size_t len, pic_info *info)
{
    if (len < 26)
        return PIC_TRUNCATED;
    uint32_t size = le32(b + 2), dib = le32(b + 14);
    long w, h;
    if (dib == 12) {
        w = le16(b + 18);
        h = le16(b + 20);
    } else if (dib >= 40) {
        w = (int32_t)le32(b + 18);
        h = (int32_t)le32(b + 22);
    } else
        return PIC_BAD;
    if (h < 0)
        h = -h; /* top-down rows */
    info->w = w > INT32_MAX ? INT32_MAX : (int)w;
    info->h = h > INT32_MAX ? INT32_MAX : (int)h;
    if (w <= 0 || h <= 0)
        return PIC_BAD;
    if (w > PIC_MAX_SIDE || h > PIC_MAX_SIDE || w * h > PIC_MAX_PIXELS)
        return PIC_TOO_LARGE;
    return size && size > len ? PIC_TRUNCATED : PIC_OK;
}

static pic_status webp(const unsigned char *b, size_t len, pic_info *info)
{
    if (len < 30)
        return PIC_TRUNCATED;
    uint32_t riff = le32(b + 4);
    const unsigned char *c = b + 12;
    if (!memcmp(c, "VP8X", 4)) {
        info->w = (int)(((uint32_t)b[24] | (uint32_t)b[25] << 8 | (uint32_t)b[26] << 16) + 1);
        info->h = (int)(((uint32_t)b[27] | (uint32_t)b[28] << 8 | (uint32_t)b[29] << 16) + 1);
    } else if (!memcmp(c, "VP8L", 4)) {
        if (b[20] != 0x2F)
            return PIC_BAD;
        uint32_t bits = le32(b + 21);
        info->w = (int)(bits & 0x3FFF) + 1;
        info->h = (int)((bits >> 14) & 0x3FFF) + 1;
    } else if (!memcmp(c, "VP8 ", 4)) {
        if (b[23] != 0x9D || b[24] != 0x01 || b[25] != 0x2A)
            return PIC_BAD;
        info->w = (int)(le16(b + 26) & 0x3FFF);
        info->h = (int)(le16(b + 28) & 0x3FFF);
    } else
        return PIC_BAD;
    if (info->w == 0 || info->h == 0)
        return PIC_BAD;
    if (info->w > PIC_MAX_SIDE || info->h > PIC_MAX_SIDE || (long)info->w * info->h > PIC_MAX_PIXELS)
        return PIC_TOO_LARGE;
    return riff > len - 8 ? PIC_TRUNCATED : PIC_OK;
}

/* ---- SVG: the root element's width, height and viewBox ---- */

/* The value of attribute name in the tag s..e (NULL if absent); *n its length. */
static const char *attr(const char *s, const char *e, const char *name, size_t *n)
{
    size_t k = strlen(name);
    for (const char *p = s; p + k + 2 < e; p++) {
        if ((p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n' && p[-1] != '\r') ||
            memcmp(p, name, k) != 0)
            continue;
        const char *q = p + k;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q >= e || *q != '=')
            continue;
        q++;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q >= e || (*q != '"' && *q != '\''))
            continue;
        char quote = *q++;
        const char *v = q;
        while (q < e && *q != quote)
            q++;
        *n = (size_t)(q - v);
        return v;
    }
    return NULL;
}

/* A length in CSS pixels (96 per inch, as SDL_image's nanosvg reads it);
 * -1 for a percentage or anything unreadable. */
static double length_px(const char *v, size_t n)
{
    char buf[64];
    if (!v || n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, v, n);
    buf[n] = '\0';
    char *end;
    double x = strtod(buf, &end);
    if (end == buf || x != x)
        return -1;
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double px;
    } units[] = {{"", 1}, {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4},
                 {"cm", 96 / 2.54}, {"in", 96}, {"em", 16}, {"ex", 8}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(end, units[i].unit))
            return x * units[i].px;
    return -1;
}

static pic_status svg(const char *s, size_t len, pic_info *info)
{
    /* The root element: the first "<svg" followed by a blank or '>'. */
    const char *tag = NULL;
    for (size_t i = 0; i + 5 <= len && !tag; i++)
        if (!memcmp(s + i, "<svg", 4) &&
            (s[i + 4] == ' ' || s[i + 4] == '\t' || s[i + 4] == '\n' || s[i + 4] == '\r' ||
             s[i + 4] == '>'))
            tag = s + i + 4;
    if (!tag)
        return PIC_BAD;
    const char *e = memchr(tag, '>', len - (size_t)(tag - s));
    if (!e)
        return PIC_TRUNCATED;
    size_t wn = 0, hn = 0, vn = 0;
    const char *wv = attr(tag, e, "width", &wn), *hv = attr(tag, e, "height", &hn);
    const char *vb = attr(tag, e, "viewBox", &vn);
    double w = length_px(wv, wn), h = length_px(hv, hn);
    if ((w < 0 || h < 0) && vb && vn < 128) {
        char buf[128];
        memcpy(buf, vb, vn);
        buf[vn] = '\0';
        for (char *p = buf; *p; p++)
            if (*p == ',')
                *p = ' ';
        double x0, y0, vw, vh;
        char *p = buf, *q;
        x0 = strtod(p, &q);
        y0 = strtod(q, &p);
        vw = strtod(p, &q);
        vh = strtod(q, &p);
        (void)x0;
        (void)y0;
        if (p != q) {
            if (w < 0)
                w = vw;
            if (h < 0)
                h = vh;
        }
    }
    if (!(w >= 0) || !(h >= 0)) /* sized by its drawing: nanosvg finds the bounds */
        return PIC_OK;
    if (w > PIC_MAX_SIDE || h > PIC_MAX_SIDE || w * h > (double)PIC_MAX_PIXELS) {
        info->w = w > INT32_MAX ? INT32_MAX : (int)w;
        info->h = h > INT32_MAX ? INT32_MAX : (int)h;
        return PIC_TOO_LARGE;
    }
    info->w = (int)(w + 0.5);
    info->h = (int)(h + 0.5);
    return PIC_OK;
}

static bool looks_like_svg(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (i >= len || s[i] != '<')
        return false;
    /* An XML declaration, a comment or a doctype may come first. */
    size_t look = len - i < 4096 ? len - i : 4096;
    for (size_t k = i; k + 4 <= i + look; k++)
        if (!memcmp(s + k, "<svg", 4))
            return true;
    return false;
}

pic_status pic_probe(const void *bytes, size_t len, pic_info *info)
{
    const unsigned char *b = bytes;
    pic_info tmp;
    if (!info)
        info = &tmp;
    memset(info, 0, sizeof *info);
    if (!b || len == 0)
        return PIC_TRUNCATED;
    if (len > PIC_MAX_BYTES)
        return PIC_TOO_LARGE;
    if (len >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) {
        info->fmt = PIC_FMT_PNG;
        return png(b, len, info);
    }
    if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        info->fmt = PIC_FMT_JPEG;
        return jpeg(b, len, info);
    }
    if (len >= 6 && (!memcmp(b, "GIF87a", 6) || !memcmp(b, "GIF89a", 6))) {
        info->fmt = PIC_FMT_GIF;
        return gif(b, len, info);
    }
    if (len >= 2 && b[0] == 'B' && b[1] == 'M') {
        info->fmt = PIC_FMT_BMP;
        return bmp(b, len, info);
    }
    if (len >= 12 && !memcmp(b, "RIFF", 4) && !memcmp(b + 8, "WEBP", 4)) {
        info->fmt = PIC_FMT_WEBP;
        return webp(b, len, info);
    }
    if (looks_like_svg((const char *)b, len)) {
        info->fmt = PIC_FMT_SVG;
        return svg((const char *)b, len, info);
    }
    /* The start of a PNG or JPEG signature, cut: still a cut-short file. */
    if ((len < 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", len)) || (len < 3 && b[0] == 0xFF))
        return PIC_TRUNCATED;
    return PIC_UNKNOWN;
}

/* Bytes of filtered image data a PNG of w x h needs (one filter byte a row),
 * with Adam7's seven passes when interlaced. */
static uint64_t png_data_size(uint32_t w, uint32_t h, unsigned bits, bool adam7)
{
    static const int x0[7] = {0, 4, 0, 2, 0, 1, 0}, y0[7] = {0, 0, 4, 0, 2, 0, 1},
                     dx[7] = {8, 8, 4, 4, 2, 2, 1}, dy[7] = {8, 8, 8, 4, 4, 2, 2};
    if (!adam7)
        return (uint64_t)h * (1 + ((uint64_t)w * bits + 7) / 8);
    uint64_t total = 0;
    for (int p = 0; p < 7; p++) {
        uint64_t pw = w > (uint32_t)x0[p] ? (w - x0[p] + dx[p] - 1) / dx[p] : 0;
        uint64_t ph = h > (uint32_t)y0[p] ? (h - y0[p] + dy[p] - 1) / dy[p] : 0;
        if (pw && ph)
            total += ph * (1 + (pw * bits + 7) / 8);
    }
    return total;
}

/* Inflate the IDAT chunks of a PNG that probed well; enough data? */
static pic_status png_data(const unsigned char *b, size_t len)
{
    static const unsigned channels[7] = {1, 0, 3, 1, 2, 0, 4}; /* by colour type */
    unsigned depth = b[24], type = b[25];
    if (type > 6 || channels[type] == 0 || (depth != 1 && depth != 2 && depth != 4 && depth != 8 &&
                                            depth != 16))
        return PIC_BAD;
    uint64_t need = png_data_size(be32(b + 16), be32(b + 20), depth * channels[type], b[28] == 1);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return PIC_BAD;
    unsigned char out[65536];
    uint64_t got = 0;
    int rc = Z_OK;
    for (size_t off = 8; off + 12 <= len && rc == Z_OK && got < need;) {
        uint32_t n = be32(b + off);
        if (n > len - off - 12 || !memcmp(b + off + 4, "IEND", 4))
            break; /* pic_probe saw every chunk up to IEND fit; nothing after it is read */
        if (!memcmp(b + off + 4, "IDAT", 4)) {
            z.next_in = (unsigned char *)b + off + 8;
            z.avail_in = n;
            while (z.avail_in && rc == Z_OK && got < need) {
                z.next_out = out;
                z.avail_out = sizeof out;
                rc = inflate(&z, Z_NO_FLUSH);
                got += sizeof out - z.avail_out;
                if (rc == Z_BUF_ERROR)
                    rc = Z_OK; /* needs more input: the next chunk */
            }
        }
        off += 12 + (size_t)n;
    }
    inflateEnd(&z);
    if (got >= need)
        return PIC_OK;
    return rc == Z_OK || rc == Z_STREAM_END ? PIC_TRUNCATED : PIC_BAD;
}

pic_status pic_verify(const void *bytes, size_t len, pic_info *info)
{
    pic_status st = pic_probe(bytes, len, info);
    if (st == PIC_OK && info && info->fmt == PIC_FMT_PNG)
        st = png_data(bytes, len);
    return st;
}

void *pic_read_file(const char *path, size_t *len)
{
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)PIC_MAX_BYTES)
        return NULL;
    size_t n = 0;
    char *b = read_file(path, &n);
    if (b && n > PIC_MAX_BYTES) { /* it grew since */
        free(b);
        return NULL;
    }
    if (len)
        *len = n;
    return b;
}

void pic_report(diag_list *d, const char *file, int line, const char *what, pic_status status,
                const pic_info *info, size_t len)
{
    switch (status) {
    case PIC_OK: break;
    case PIC_UNKNOWN: diag_error(d, file, line, MSG_ERR_PIC_UNKNOWN, what); break;
    case PIC_TRUNCATED: diag_error(d, file, line, MSG_ERR_PIC_TRUNCATED, what); break;
    case PIC_BAD: diag_error(d, file, line, MSG_ERR_PIC_BAD, what); break;
    case PIC_TOO_LARGE:
        if (!info || len > PIC_MAX_BYTES)
            diag_error(d, file, line, MSG_ERR_PIC_FILE_TOO_LARGE, what, (int)(len >> 20),
                       (int)(PIC_MAX_BYTES >> 20));
        else
            diag_error(d, file, line, MSG_ERR_PIC_TOO_LARGE, what, info->w, info->h, PIC_MAX_SIDE,
                       (int)(PIC_MAX_PIXELS / 1000000));
        break;
    }
}
