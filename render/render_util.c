/* render_util.c: shared by every renderer: domain order and IDs, names, escaping, report header. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

#ifndef TC_VERSION
#define TC_VERSION "unknown"
#endif

const char *tc_render_version(void)
{
	return TC_VERSION;
}

void tc_jw_open_report(tc_jw *w)
{
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "tool", "tunnelcast");
	tc_jw_str(w, "version", TC_VERSION);
	tc_jw_uint(w, "format_version", TC_JSON_FORMAT_VERSION);
}

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_uint(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

static int cmp_domain(const void *a, const void *b)
{
	const tc_domain *x = *(const tc_domain *const *)a, *y = *(const tc_domain *const *)b;
	int c = cmp_str_null(x->device ? x->device->hostname : NULL,
			     y->device ? y->device->hostname : NULL);
	if (c)
		return c;
	c = cmp_str_null(x->entry ? x->entry->map : NULL, y->entry ? y->entry->map : NULL);
	if (c)
		return c;
	c = cmp_uint(x->entry ? x->entry->seq : 0, y->entry ? y->entry->seq : 0);
	if (c)
		return c;
	c = cmp_uint(x->ace_index, y->ace_index);
	if (c)
		return c;
	c = tc_prefix_cmp(x->local, y->local);
	if (c)
		return c;
	c = tc_prefix_cmp(x->remote, y->remote);
	if (c)
		return c;
	/* both point into p->domains: position keeps qsort deterministic */
	return (x > y) - (x < y);
}

const tc_domain **tc_render_domains(const tc_prediction *p)
{
	if (!p || p->ndomains == 0)
		return NULL;
	const tc_domain **v = tc_xcalloc(p->ndomains, sizeof *v);
	for (size_t i = 0; i < p->ndomains; i++)
		v[i] = &p->domains[i];
	qsort(v, p->ndomains, sizeof *v, cmp_domain);
	return v;
}

bool tc_render_has_computed_routes(const tc_model *m)
{
	for (size_t k = 0; m && k < m->ndevs; k++)
		if (m->devs[k]->computed || m->devs[k]->rri_via)
			return true;
	return false;
}

const char *tc_render_sev_name(tc_severity s)
{
	switch (s) {
	case TC_SEV_ERROR:
		return "error";
	case TC_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

const char *tc_render_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

size_t tc_render_ndiags(const tc_model *m)
{
	return m->ndiags[TC_SEV_NOTE] + m->ndiags[TC_SEV_WARNING] + m->ndiags[TC_SEV_ERROR];
}

void tc_render_puts(FILE *out, const char *s, bool keep_tabs)
{
	if (!s)
		return;
	for (size_t n = strlen(s); *s;) {
		size_t run = 0; /* printable ASCII goes out in one call */
		while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7f)
			run++;
		fwrite(s, 1, run, out);
		s += run;
		n -= run;
		if (!n)
			break;
		tc_char c = tc_text_char(s, n);
		if (c.cp == '\t')
			putc(keep_tabs ? '\t' : ' ', out);
		else if (c.unsafe)
			putc('?', out); /* ill-formed UTF-8 too: names are raw config bytes */
		else
			fwrite(s, 1, c.len, out);
		s += c.len;
		n -= c.len;
	}
}

const char *tc_render_owner_name(char *buf, size_t n, const tc_device *dev, bool has, uint32_t addr,
				 const char *none)
{
	if (dev && dev->hostname)
		return dev->hostname;
	return has ? tc_ip_format(buf, n, addr) : none;
}

void tc_render_owners_seen(FILE *out, const tc_domain *d)
{
	if (d->nowners_seen == 0)
		fputs("none", out);
	for (size_t i = 0; i < d->nowners_seen; i++) {
		if (i)
			fputs(", ", out);
		tc_render_puts(out, d->owners_seen[i], false);
	}
}

size_t tc_render_width(const char *s)
{
	size_t w = 0;
	for (size_t n = strlen(s); n;) {
		size_t len = tc_utf8_len(s, n);
		len = len ? len : 1; /* an ill-formed byte is written as one '?' */
		s += len;
		n -= len;
		w++;
	}
	return w;
}

const char *tc_render_owners_cell(tc_arena *a, const tc_domain *d, bool mark_assumed)
{
	char ip[TC_IP_STRLEN];
	const char *s = d->nowners ? ""
				   : tc_render_owner_name(ip, sizeof ip, d->owner,
							  d->has_owner_addr, d->owner_addr, "-");
	for (size_t i = 0; i < d->nowners; i++) /* U+21C4: they take turns */
		s = tc_arena_printf(a, "%s%s%s", s, i ? "\u21c4" : "", d->owners[i]);
	if (!mark_assumed || (!d->assumed && !d->hashed))
		return tc_arena_strdup(a, s);
	return tc_arena_printf(a, "%s (%s%s%s)", s, d->assumed ? "assumed" : "",
			       d->assumed && d->hashed ? ", " : "", d->hashed ? "hashed" : "");
}

const char *tc_render_spokes_cell(tc_arena *a, const tc_domain *d)
{
	const char *s = "dynamic:";
	for (size_t i = 0; i < d->nspokes; i++)
		s = tc_arena_printf(a, "%s%s %s", s, i ? "," : "", d->spokes[i]->hostname);
	return s;
}

void tc_render_jw_owners(tc_jw *w, const tc_domain *d)
{
	tc_jw_open(w, "owners", '[');
	for (size_t i = 0; i < d->nowners; i++)
		tc_jw_str(w, NULL, d->owners[i]);
	tc_jw_close(w, ']');
	tc_jw_bool(w, "assumed", d->assumed);
	if (d->hashed) /* only when set: a rare mark */
		tc_jw_bool(w, "hashed", true);
}

/* " or ": "R3", "R3 or R4", "R3, R4 or link 5.100.34.0/24" */
static const char *or_list(tc_arena *a, const char *const *v, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = tc_arena_printf(a, "%s%s%s", s, !i ? "" : i + 1 < n ? ", " : " or ", v[i]);
	return s;
}

const char *tc_render_state_cell(tc_arena *a, const tc_domain *d)
{
	const char *name = tc_state_name(d->state);
	if (d->state != TC_STATE_STANDBY || !d->takeover)
		return name;
	if (!d->ntakeover && !d->ntakeover_one_way)
		return tc_arena_printf(a, "%s, never used", name);
	const char *s = name;
	if (d->ntakeover)
		s = tc_arena_printf(a, "%s, takes over if %s fails", s,
				    or_list(a, d->takeover, d->ntakeover));
	if (d->ntakeover_one_way)
		s = tc_arena_printf(a, "%s%s takes over one way only if %s fails", s,
				    d->ntakeover ? ";" : ",",
				    or_list(a, d->takeover_one_way, d->ntakeover_one_way));
	return s;
}

/* ---- domain IDs ------------------------------------------------------------ */

const char *tc_render_seq(char *buf, size_t n, const tc_domain *d)
{
	if (d->entry && !d->tunnel)
		snprintf(buf, n, "%u", d->entry->seq);
	else
		snprintf(buf, n, "-");
	return buf;
}

char *tc_render_domain_id(char *buf, size_t n, const tc_domain *d)
{
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN], seq[16];
	if (n > 0)
		snprintf(buf, n, "%s:%s:%s:%s>%s",
			 d->device && d->device->hostname ? d->device->hostname : "-",
			 d->entry && d->entry->map ? d->entry->map : "-",
			 tc_render_seq(seq, sizeof seq, d), tc_prefix_format(l, sizeof l, d->local),
			 tc_prefix_format(r, sizeof r, d->remote));
	return buf;
}

/* "12" as a row number 1..n, else 0. */
static size_t row_number(const char *s, size_t n)
{
	size_t v = 0;
	if (!*s || strlen(s) > 9)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (size_t)(*s - '0');
	}
	return v <= n ? v : 0;
}

int tc_render_domain_find(const tc_domain **out, const tc_prediction *p, const char *id, char *err,
			  size_t errlen)
{
	const tc_domain **v = tc_render_domains(p);
	size_t n = p ? p->ndomains : 0, hits = 0;
	int rc = TC_ENOTFOUND;

	*out = NULL;
	if (err && errlen > 0)
		err[0] = '\0';
	size_t row = row_number(id, n);
	if (row > 0) {
		*out = v[row - 1];
		rc = 0;
		goto out;
	}
	/* "ID#LINE": the line number picks among equal IDs */
	const char *hash = strrchr(id, '#');
	unsigned line = hash ? (unsigned)row_number(hash + 1, 99999) : 0;
	size_t idlen = line ? (size_t)(hash - id) : strlen(id);
	for (size_t i = 0; i < n; i++) {
		char buf[TC_DOMAIN_ID_MAX * 2];
		tc_render_domain_id(buf, sizeof buf, v[i]);
		if (strlen(buf) != idlen || strncmp(buf, id, idlen) != 0)
			continue;
		if (line && v[i]->ace_index != line)
			continue;
		if (hits++ == 0)
			*out = v[i];
	}
	if (hits == 1) {
		rc = 0;
	} else if (hits > 1) {
		*out = NULL;
		rc = TC_ERROR;
		if (err && errlen > 0)
			snprintf(
				err, errlen,
				"domain '%s' names %zu permit lines; add #LINE (the ACL line) or use "
				"the row number",
				id, hits);
	} else if (err && errlen > 0) {
		snprintf(err, errlen,
			 "no domain '%s'; use a row number (1 to %zu) or an ID such as "
			 "DEVICE:MAP:SEQ:LOCAL>REMOTE as `tunnelcast predict` shows",
			 id, n);
	}
out:
	free(v);
	return rc;
}

/* Decimal digits of n, for right-aligned step numbers. */
static unsigned step_digits(size_t n)
{
	unsigned d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

void tc_render_events(FILE *out, const tc_trace *t)
{
	unsigned width = step_digits(t->nevents);
	for (size_t i = 0; i < t->nevents; i++) {
		const tc_event evt = tc_trace_event(t, i), *ev = &evt;
		fprintf(out, "  %*u. ", (int)width, ev->step);
		if (ev->device && ev->device->hostname) {
			putc('[', out);
			tc_render_puts(out, ev->device->hostname, false);
			fputs("] ", out);
		}
		tc_render_puts(out, ev->text, false);
		if (ev->rule) {
			fputs("  (", out);
			tc_render_puts(out, ev->rule, false);
			if (ev->confidence) {
				fputs(", ", out);
				tc_render_puts(out, ev->confidence, false);
			}
			putc(')', out);
		}
		putc('\n', out);
	}
}

/* ---- XML and HTML escaping ------------------------------------------------- */

/* What the character at s (left > 0 bytes) becomes in mode: its text in
 * *rep, *replen bytes long. Returns how many bytes of s it takes. */
static size_t xml_char(const char *s, size_t left, tc_xml_mode mode, const char **rep,
		       size_t *replen)
{
	tc_char c = tc_text_char(s, left);
	*rep = s;
	*replen = c.len;
	switch (c.cp) {
	case '&':
		*rep = "&amp;";
		break;
	case '<':
		*rep = "&lt;";
		break;
	case '>':
		*rep = "&gt;";
		break;
	case '"':
		*rep = "&quot;";
		break;
	case '\'':
		/* HTML 4 has no &apos; */
		*rep = mode == TC_XML_HTML ? "&#39;" : "&apos;";
		break;
	default:
		if (mode == TC_XML_DOC && (c.cp == '\t' || c.cp == '\n'))
			return 1;
		/* XML 1.0 allows no other C0 control and no U+FFFE/U+FFFF; ill-formed
		 * UTF-8 is raw config bytes */
		if (c.unsafe) {
			*rep = "?";
			*replen = 1;
		}
		return c.len;
	}
	*replen = strlen(*rep);
	return 1;
}

const char *tc_render_cut(tc_arena *a, const char *s, size_t max)
{
	size_t left = s ? strlen(s) : 0, n = 0;
	if (left <= max)
		return s ? s : "";
	for (size_t c; n < max && (c = tc_utf8_len(s + n, left - n)) && n + c <= max;)
		n += c;
	if (n < max && !tc_utf8_len(s + n, left - n)) /* ill-formed: tc_render_xml shows '?' */
		n = max;
	return tc_arena_printf(a, "%.*s…", (int)n, s);
}

/* How many bytes from s on are printable ASCII that no mode escapes: xml_char() would give
 * each back as it is, so they are copied in one piece (the report writes ~100 MB of such
 * text for 40 000 domains). */
static size_t xml_plain(const char *s, size_t left)
{
	size_t n = 0;
	for (unsigned char c; n < left && (c = (unsigned char)s[n]) >= 0x20 && c < 0x7f &&
			      c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';)
		n++;
	return n;
}

char *tc_render_xml(tc_arena *a, const char *s, tc_xml_mode mode)
{
	const char *rep;
	size_t replen, n = 0, left = s ? strlen(s) : 0;
	for (size_t i = 0, run; i < left;) {
		if ((run = xml_plain(s + i, left - i))) {
			i += run;
			n += run;
			continue;
		}
		i += xml_char(s + i, left - i, mode, &rep, &replen);
		n += replen;
	}
	char *out = tc_arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0, run; i < left;) {
		if ((run = xml_plain(s + i, left - i))) {
			memcpy(o, s + i, run);
			i += run;
			o += run;
			continue;
		}
		i += xml_char(s + i, left - i, mode, &rep, &replen);
		memcpy(o, rep, replen);
		o += replen;
	}
	*o = '\0';
	return out;
}

void tc_render_xml_puts(FILE *out, const char *s, tc_xml_mode mode)
{
	const char *rep;
	size_t replen, left = s ? strlen(s) : 0;
	for (size_t i = 0, run; i < left;) {
		if ((run = xml_plain(s + i, left - i))) {
			fwrite(s + i, 1, run, out);
			i += run;
			continue;
		}
		i += xml_char(s + i, left - i, mode, &rep, &replen);
		fwrite(rep, 1, replen, out);
	}
}

/* What the character at s (left > 0 bytes) becomes in Markdown: *rep (NULL:
 * s itself), and how many bytes of s it takes. Unsafe characters (tc_char)
 * become U+FFFD, a tab a space; outside a code span, text from a config
 * must not turn into markup: '\\', '[', ']' (links, images), '`', '|'
 * (table cells), '*' and '~' are backslash-escaped; '<', '>' and '&' are
 * entities (autolinks, HTML); "://" loses its colon to an entity (bare
 * URLs); '@' and '#' are followed by a zero-width space, which GitHub's
 * mention and issue links do not cross (a backslash does not stop them). */
static size_t md_char(const char *s, size_t left, bool code, const char **rep)
{
	static const char *const esc[128] = {
		['\\'] = "\\\\", ['['] = "\\[",	  [']'] = "\\]",      ['`'] = "\\`",
		['|'] = "\\|",	 ['*'] = "\\*",	  ['~'] = "\\~",      ['<'] = "&lt;",
		['>'] = "&gt;",	 ['&'] = "&amp;", ['@'] = "@&#8203;", ['#'] = "#&#8203;",
	};
	tc_char c = tc_text_char(s, left);
	*rep = c.cp == '\t' ? " " : c.unsafe ? "\uFFFD" : NULL;
	if (code || *rep || c.cp >= 128)
		return c.len;
	*rep = c.cp == ':' && strncmp(s, "://", 3) == 0 ? "&#58;" : esc[c.cp];
	return 1;
}

static void md_write(FILE *out, const char *s, bool code)
{
	const char *rep;
	for (size_t left = s ? strlen(s) : 0; left;) {
		size_t len = md_char(s, left, code, &rep);
		fputs(rep ? rep : "", out);
		if (!rep)
			fwrite(s, 1, len, out);
		s += len;
		left -= len;
	}
}

/* Text from a config in a table cell or a sentence. */
void tc_render_md_puts(FILE *out, const char *s)
{
	md_write(out, s, false);
}

/* s, then suffix (no backtick in it), as a code span, where no markup
 * works: fenced by one backtick more than the longest run of them in s,
 * padded with spaces when s starts or ends with one (CommonMark's rule);
 * "``" for an empty s. Not in table cells: a '|' there would end the cell. */
void tc_render_md_code(FILE *out, const char *s, const char *suffix)
{
	size_t run = 0, longest = 0, n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	bool pad = n && (s[0] == '`' || (s[n - 1] == '`' && !*suffix));
	for (size_t i = 0; i <= longest; i++)
		putc('`', out);
	fputs(pad ? " " : "", out);
	md_write(out, s, true);
	fputs(suffix, out);
	fputs(pad ? " " : "", out);
	for (size_t i = 0; i <= longest; i++)
		putc('`', out);
}

tc_drift *tc_render_drift(const tc_model *m, const tc_prediction *p)
{
	bool any = false;
	for (size_t i = 0; i < m->ndevs && !any; i++)
		any = m->devs[i]->obs != NULL;
	tc_drift *dr = NULL;
	if (any && p && tc_drift_compute(&dr, m, p) != 0)
		dr = NULL;
	return dr;
}
