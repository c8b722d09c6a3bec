/* textfile.c: a config or capture file read as text: bounded, stopped at a NUL, UTF-16 converted.
 *
 * Files come from a pull request's snapshot, so reading is bounded before
 * anything is parsed: a file over the size limit is refused from its size
 * (a 4 GB sparse file is not read), and reading stops at the first NUL
 * byte (a binary file is refused after its first block, not read whole).
 * Text editors on Windows save UTF-16 (with a byte-order mark, or without
 * one: then ASCII text shows as every other byte NUL); such a file is
 * converted to UTF-8 rather than called binary. Old Macintosh files end
 * their lines with CR alone: a file without any LF reads its CRs as line
 * ends. Everything that reads a snapshot file (the loader, lint's source
 * index, `routes FILE`) comes through here, so they see the same lines. */
#include "parser.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

/* 1 for UTF-16LE, 2 for UTF-16BE, 0 for neither: a byte-order mark, or
 * two ASCII characters as UTF-16 (a config starts with text: `!`, `:`,
 * `hostname`; a binary file rarely with x 0 y 0). *bom: 2 when b starts
 * with a byte-order mark. */
static int utf16_kind(const unsigned char *b, size_t n, size_t *bom)
{
	*bom = 0;
	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) {
		*bom = 2;
		return b[0] == 0xff ? 1 : 2;
	}
	if (n < 4)
		return 0;
	if (b[0] && b[0] < 0x80 && !b[1] && b[2] && b[2] < 0x80 && !b[3])
		return 1;
	if (!b[0] && b[1] && b[1] < 0x80 && !b[2] && b[3] && b[3] < 0x80)
		return 2;
	return 0;
}

/* One code point as UTF-8 at o; the bytes written. */
static size_t put_utf8(char *o, unsigned long c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* buf[0..*n) (UTF-16, kind as utf16_kind()) converted to UTF-8 in place of
 * *buf; TC_TEXT_READ, or why not: an odd length or an unpaired surrogate
 * (TC_TEXT_BAD_UTF16), U+0000 (TC_TEXT_BINARY), no memory (-1). */
static int from_utf16(char **buf, size_t *n, int kind, size_t bom)
{
	const unsigned char *b = (const unsigned char *)*buf;
	if ((*n - bom) % 2)
		return TC_TEXT_BAD_UTF16;
	/* a unit gives at most 3 bytes; a pair (two units) 4 */
	char *out = malloc((*n - bom) / 2 * 3 + 1);
	if (!out)
		return -1;
	size_t o = 0;
	int why = TC_TEXT_READ;
	for (size_t i = bom; i < *n && why == TC_TEXT_READ; i += 2) {
		unsigned long c = kind == 1 ? (unsigned long)(b[i] | b[i + 1] << 8)
					    : (unsigned long)(b[i] << 8 | b[i + 1]);
		if (c >= 0xd800 && c < 0xdc00 && i + 3 < *n) {
			unsigned long lo = kind == 1 ? (unsigned long)(b[i + 2] | b[i + 3] << 8)
						     : (unsigned long)(b[i + 2] << 8 | b[i + 3]);
			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		if (c >= 0xd800 && c < 0xe000)
			why = TC_TEXT_BAD_UTF16;
		else if (c == 0)
			why = TC_TEXT_BINARY;
		else
			o += put_utf8(out + o, c);
	}
	if (why != TC_TEXT_READ) {
		free(out);
		return why;
	}
	out[o] = '\0';
	free(*buf);
	*buf = out;
	*n = o;
	return TC_TEXT_READ;
}

/* A file with CRs and no LF ends its lines with CR: read them as LF (a
 * file with both keeps its lines as they are, CRLF or stray CRs). */
static void cr_lines(char *buf, size_t n)
{
	if (memchr(buf, '\n', n) || !memchr(buf, '\r', n))
		return;
	for (char *p = buf; (p = memchr(p, '\r', (size_t)(buf + n - p))) != NULL; p++)
		*p = '\n';
}

/* Read f into *out (at most max bytes, growing from cap), stopping at a NUL
 * unless the text is UTF-16. 0 with *why set, TC_ENOMEM, or TC_ERROR. */
static int read_bounded(FILE *f, size_t cap, size_t max, char **out, size_t *len,
			tc_text_refusal *why, int *kind, size_t *bom)
{
	size_t n = 0;
	bool decided = false;
	/* plain malloc: a file too large for memory is reported, not fatal */
	char *buf = malloc(cap);
	*why = TC_TEXT_READ;
	while (buf) {
		/* a block at a time: a NUL stops the reading (pages not yet read are
		 * never touched), and at most max + 1 bytes (to see one too many) */
		size_t want = cap - n - 1 < max + 1 - n ? cap - n - 1 : max + 1 - n;
		want = want < CHUNK ? want : CHUNK;
		size_t got = fread(buf + n, 1, want, f);
		if (!decided && (n + got >= 4 || got < want)) {
			decided = true;
			*kind = utf16_kind((unsigned char *)buf, n + got, bom);
		}
		if (decided && !*kind && memchr(buf + n, '\0', got))
			*why = TC_TEXT_BINARY; /* binary: the rest is not read */
		n += got;
		if (n > max)
			*why = TC_TEXT_TOO_LARGE;
		if (*why || got < want)
			break;
		if (n + 1 < cap)
			continue; /* the next block of a buffer sized from the file */
		char *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (!buf)
		return TC_ENOMEM;
	if (ferror(f)) {
		int e = errno;
		free(buf);
		errno = e;
		return TC_ERROR;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int tc_text_read(char **out, size_t *len, const char *path, size_t max, tc_text_refusal *why)
{
	/* without blocking: a FIFO reads as empty instead of waiting for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
	if (!f) {
		*out = NULL;
		*len = 0;
		*why = TC_TEXT_READ;
		if (fd >= 0)
			close(fd);
		return TC_EIO;
	}
	int rc = tc_text_read_stream(out, len, f, max, why);
	fclose(f);
	return rc;
}

int tc_text_read_stream(char **out, size_t *len, FILE *f, size_t max, tc_text_refusal *why)
{
	*out = NULL;
	*len = 0;
	*why = TC_TEXT_READ;
	if (!max)
		max = TC_FILE_MAX_DEFAULT;
	struct stat sb;
	bool sized = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
	if (sized && (unsigned long long)sb.st_size > max) {
		*why = TC_TEXT_TOO_LARGE; /* refused from its size: not read at all */
		return TC_EPARSE;
	}
	/* the file's size (+1 to see the end) when it has one: no regrowing */
	size_t cap = sized ? (size_t)sb.st_size + 2 : CHUNK, n = 0, bom = 0;
	char *buf = NULL;
	int kind = 0;
	int rc = read_bounded(f, cap, max, &buf, &n, why, &kind, &bom);
	if (rc == 0 && !*why && kind) {
		int r = from_utf16(&buf, &n, kind, bom);
		if (r < 0)
			rc = TC_ENOMEM;
		else
			*why = (tc_text_refusal)r;
	}
	if (rc == TC_ENOMEM)
		errno = ENOMEM;
	if (rc != 0 || *why) {
		free(buf);
		return rc ? rc : TC_EPARSE;
	}
	cr_lines(buf, n);
	*out = buf;
	*len = n;
	return 0;
}

int tc_file_read(char **out, size_t *len, const char *path)
{
	tc_text_refusal why;
	return tc_text_read(out, len, path, TC_FILE_MAX_DEFAULT, &why);
}
