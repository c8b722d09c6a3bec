/* pngstat.c: test helper: is a PNG screenshot a real picture? Prints its size and colour spread.
 *
 * usage: pngstat FILE
 * prints "WIDTH HEIGHT COLOURS INK" where COLOURS is the number of distinct
 * RGB colours and INK the per-mille of pixels that
 * differ from the top-left pixel (the page background). Exit 0, or 1 with
 * a message when the file is not an 8-bit RGB/RGBA non-interlaced PNG
 * (what Chromium writes). Uses zlib only; not part of tunnelcast. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int fail(const char *what)
{
	fprintf(stderr, "pngstat: %s\n", what);
	return 1;
}

static unsigned paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	return (unsigned)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return fail("usage: pngstat FILE");
	FILE *f = fopen(argv[1], "rb");
	if (!f)
		return fail("cannot open the file");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
	if (!buf || size < 33 || fread(buf, 1, (size_t)size, f) != (size_t)size)
		return fail("cannot read the file");
	fclose(f);
	if (memcmp(buf, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(buf + 12, "IHDR", 4) != 0)
		return fail("not a PNG");
	uint32_t w = be32(buf + 16), h = be32(buf + 20);
	unsigned depth = buf[24], type = buf[25], interlace = buf[28];
	unsigned bpp = type == 6 ? 4 : type == 2 ? 3 : 0;
	if (depth != 8 || !bpp || interlace || w == 0 || h == 0 || w > 20000 || h > 20000)
		return fail("only 8-bit RGB/RGBA non-interlaced PNGs are read");

	/* the IDAT chunks, concatenated */
	size_t zlen = 0;
	unsigned char *z = malloc((size_t)size);
	for (long at = 8; at + 12 <= size;) {
		uint32_t len = be32(buf + at);
		if (at + 12 + (long)len > size)
			return fail("truncated chunk");
		if (memcmp(buf + at + 4, "IDAT", 4) == 0) {
			memcpy(z + zlen, buf + at + 8, len);
			zlen += len;
		}
		at += 12 + (long)len;
	}
	size_t stride = (size_t)w * bpp, rawlen = (stride + 1) * h;
	unsigned char *raw = malloc(rawlen);
	uLongf got = (uLongf)rawlen;
	if (!z || !raw || uncompress(raw, &got, z, (uLong)zlen) != Z_OK || got != rawlen)
		return fail("bad image data");

	/* undo the per-line filters in place */
	for (uint32_t y = 0; y < h; y++) {
		unsigned char *line = raw + y * (stride + 1), *px = line + 1;
		unsigned char *up = y ? raw + (y - 1) * (stride + 1) + 1 : NULL;
		for (size_t i = 0; i < stride; i++) {
			int a = i >= bpp ? px[i - bpp] : 0, b = up ? up[i] : 0;
			int c = up && i >= bpp ? up[i - bpp] : 0;
			switch (line[0]) {
			case 0:
				break;
			case 1:
				px[i] = (unsigned char)(px[i] + a);
				break;
			case 2:
				px[i] = (unsigned char)(px[i] + b);
				break;
			case 3:
				px[i] = (unsigned char)(px[i] + (a + b) / 2);
				break;
			case 4:
				px[i] = (unsigned char)(px[i] + paeth(a, b, c));
				break;
			default:
				return fail("bad filter type");
			}
		}
	}

	static uint8_t seen[(1u << 24) / 8]; /* one bit per RGB colour */
	size_t ncolours = 0, ink = 0;
	const unsigned char *bg = raw + 1;
	for (uint32_t y = 0; y < h; y++) {
		const unsigned char *px = raw + y * (stride + 1) + 1;
		for (uint32_t x = 0; x < w; x++, px += bpp) {
			uint32_t rgb = (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2];
			if (memcmp(px, bg, 3) != 0)
				ink++;
			bool known = seen[rgb / 8] & (1u << (rgb % 8));
			seen[rgb / 8] |= (uint8_t)(1u << (rgb % 8));
			ncolours += !known;
		}
	}
	printf("%u %u %zu %zu\n", w, h, ncolours, ink * 1000 / ((size_t)w * h));
	free(raw);
	free(z);
	free(buf);
	return 0;
}
