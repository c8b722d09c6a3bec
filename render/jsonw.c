/* jsonw.c: the one JSON writer of the renderers: two-space indentation, members in call order. */
#include "render_int.h"

/* Separator, newline and indent before a member; then its key, if any. */
static void member(tc_jw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->fresh)
			putc(',', w->out);
		fprintf(w->out, "\n%*s", (int)(2 * w->depth), "");
	}
	w->fresh = false;
	if (key) {
		tc_render_json_string(w->out, key);
		fputs(": ", w->out);
	}
}

void tc_jw_open(tc_jw *w, const char *key, char bracket)
{
	member(w, key);
	putc(bracket, w->out);
	w->depth++;
	w->fresh = true;
}

void tc_jw_close(tc_jw *w, char bracket)
{
	w->depth--;
	if (!w->fresh)
		fprintf(w->out, "\n%*s", (int)(2 * w->depth), "");
	putc(bracket, w->out);
	w->fresh = false;
}

void tc_jw_str(tc_jw *w, const char *key, const char *s)
{
	member(w, key);
	if (s)
		tc_render_json_string(w->out, s);
	else
		fputs("null", w->out);
}

void tc_jw_uint(tc_jw *w, const char *key, unsigned long long v)
{
	member(w, key);
	fprintf(w->out, "%llu", v);
}

void tc_jw_uint_if(tc_jw *w, const char *key, bool has, unsigned long long v)
{
	if (has)
		tc_jw_uint(w, key, v);
	else
		tc_jw_null(w, key);
}

void tc_jw_bool(tc_jw *w, const char *key, bool v)
{
	member(w, key);
	fputs(v ? "true" : "false", w->out);
}

void tc_jw_null(tc_jw *w, const char *key)
{
	member(w, key);
	fputs("null", w->out);
}

void tc_jw_raw(tc_jw *w, const char *key, const char *json)
{
	member(w, key);
	fputs(json, w->out);
}

void tc_jw_ip(tc_jw *w, const char *key, bool has, uint32_t ip)
{
	char buf[TC_IP_STRLEN];
	tc_jw_str(w, key, has ? tc_ip_format(buf, sizeof buf, ip) : NULL);
}

void tc_jw_prefix(tc_jw *w, const char *key, tc_prefix p)
{
	char buf[TC_PREFIX_STRLEN];
	tc_jw_str(w, key, tc_prefix_format(buf, sizeof buf, p));
}
