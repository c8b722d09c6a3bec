/* sarif.c: lint findings as SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * One run. tool.driver.rules is the whole catalogue in id order (a result's
 * ruleIndex is the rule's position there), each with short and full
 * descriptions, help text and its default level. A result carries its
 * message, level, one physical location (file as a relative URI, region with
 * startLine and, when known, startColumn), related locations with ids and
 * labels, a partial fingerprint built from rule, device and subject (stable
 * when lines move), and, when suppressed, its suppression (§3.27.23): kind
 * inSource for a `tunnelcast: disable=` comment in the config, external for
 * the ignore file, with the reason as justification. Messages end with a period, as SARIF asks. */
#include "lint_int.h"

#include <string.h>

/* A path as a URI reference: unreserved bytes and '/' kept, the rest %XX. */
void tc_sarif_uri(tc_jw *w, const char *path)
{
	char buf[4096];
	size_t n = 0;
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *s = (const unsigned char *)path; *s && n + 4 < sizeof buf; s++) {
		unsigned char c = *s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			buf[n++] = (char)c;
		} else {
			buf[n++] = '%';
			buf[n++] = hex[c >> 4];
			buf[n++] = hex[c & 15];
		}
	}
	buf[n] = '\0';
	tc_jw_str(w, "uri", buf);
}

/* msg with a final period. */
void tc_sarif_message(tc_jw *w, const char *key, const char *msg)
{
	char buf[2048];
	size_t len = strlen(msg);
	bool stop = len > 0 && (msg[len - 1] == '.' || msg[len - 1] == '!' || msg[len - 1] == '?');
	snprintf(buf, sizeof buf, "%s%s", msg, stop ? "" : ".");
	tc_jw_open(w, key, '{');
	tc_jw_str(w, "text", buf);
	tc_jw_close(w, '}');
}

static void put_physical(tc_jw *w, const tc_lint_loc *l)
{
	tc_jw_open(w, "physicalLocation", '{');
	tc_jw_open(w, "artifactLocation", '{');
	tc_sarif_uri(w, l->file);
	tc_jw_close(w, '}');
	if (l->line) {
		tc_jw_open(w, "region", '{');
		tc_jw_uint(w, "startLine", l->line);
		if (l->col)
			tc_jw_uint(w, "startColumn", l->col);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, '}');
}

void tc_sarif_pascal(tc_jw *w, const char *key, const char *kebab)
{
	char buf[128];
	size_t n = 0;
	bool up = true;
	for (const char *s = kebab; *s && n + 1 < sizeof buf; s++) {
		if (*s == '-') {
			up = true;
			continue;
		}
		buf[n++] = up && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
		up = false;
	}
	buf[n] = '\0';
	tc_jw_str(w, key, buf);
}

static void put_rule(tc_jw *w, const tc_lint_rule *r)
{
	char first[1024];
	size_t para = strcspn(r->help, "\n");
	snprintf(first, sizeof first, "%.*s", (int)para, r->help);
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "id", r->id);
	tc_sarif_pascal(w, "name", r->name);
	tc_sarif_message(w, "shortDescription", r->title);
	tc_sarif_message(w, "fullDescription", first);
	tc_jw_open(w, "help", '{');
	tc_jw_str(w, "text", r->help);
	tc_jw_close(w, '}');
	tc_jw_open(w, "defaultConfiguration", '{');
	tc_jw_str(w, "level", tc_render_sev_name(r->sev));
	tc_jw_close(w, '}');
	tc_jw_open(w, "properties", '{');
	tc_jw_open(w, "tags", '[');
	tc_jw_str(w, NULL, "ipsec");
	tc_jw_str(w, NULL,
		  r->id[2] == '2'   ? "prediction"
		  : r->id[2] == '3' ? "suppression"
				    : "configuration");
	tc_jw_close(w, ']');
	tc_jw_str(w, "check", r->check);
	tc_jw_str(w, "basis", r->basis);
	tc_jw_close(w, '}');
	tc_jw_close(w, '}');
}

static void put_result(tc_jw *w, const tc_finding *f, size_t rule_index)
{
	char fp[64], key[1024];
	snprintf(key, sizeof key, "%s|%s|%s", f->rule->id, f->device ? f->device->hostname : "",
		 f->subject);
	snprintf(fp, sizeof fp, "%016llx", (unsigned long long)tc_secret_digest(key, strlen(key)));
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "ruleId", f->rule->id);
	tc_jw_uint(w, "ruleIndex", rule_index);
	tc_jw_str(w, "level", tc_render_sev_name(f->sev));
	tc_sarif_message(w, "message", f->msg);
	tc_jw_open(w, "locations", '[');
	if (f->loc.file) {
		tc_jw_open(w, NULL, '{');
		put_physical(w, &f->loc);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
	if (f->nrelated) {
		tc_jw_open(w, "relatedLocations", '[');
		for (size_t i = 0; i < f->nrelated; i++) {
			tc_jw_open(w, NULL, '{');
			tc_jw_uint(w, "id", i + 1);
			put_physical(w, &f->related[i]);
			tc_sarif_message(w, "message", f->related[i].label);
			tc_jw_close(w, '}');
		}
		tc_jw_close(w, ']');
	}
	tc_jw_open(w, "partialFingerprints", '{');
	tc_jw_str(w, "tunnelcastFinding/v1", fp);
	tc_jw_close(w, '}');
	if (f->suppressed) {
		tc_jw_open(w, "suppressions", '[');
		tc_jw_open(w, NULL, '{');
		tc_jw_str(w, "kind", f->in_source ? "inSource" : "external");
		if (f->reason)
			tc_jw_str(w, "justification", f->reason);
		tc_jw_close(w, '}');
		tc_jw_close(w, ']');
	}
	tc_jw_open(w, "properties", '{');
	tc_jw_str(w, "device", f->device ? f->device->hostname : NULL);
	tc_jw_close(w, '}');
	tc_jw_close(w, '}');
}

void tc_sarif_open(tc_jw *w)
{
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	tc_jw_str(w, "version", "2.1.0");
	tc_jw_open(w, "runs", '[');
	tc_jw_open(w, NULL, '{');
	tc_jw_open(w, "tool", '{');
	tc_jw_open(w, "driver", '{');
	tc_jw_str(w, "name", "tunnelcast");
	tc_jw_str(w, "version", tc_render_version());
	tc_jw_str(w, "semanticVersion", tc_render_version());
	tc_jw_open(w, "rules", '[');
}

void tc_sarif_close_rules(tc_jw *w)
{
	tc_jw_close(w, ']');
	tc_jw_close(w, '}');
	tc_jw_close(w, '}');
}

int tc_render_sarif(FILE *out, const tc_findings *f)
{
	size_t nrules;
	const tc_lint_rule *rules = tc_lint_rules(&nrules);
	tc_jw w = {.out = out, .fresh = true};
	tc_sarif_open(&w);
	for (size_t i = 0; i < nrules; i++)
		put_rule(&w, &rules[i]);
	tc_sarif_close_rules(&w);
	tc_jw_str(&w, "columnKind", "unicodeCodePoints");
	tc_jw_open(&w, "results", '[');
	for (size_t i = 0; i < f->n; i++)
		put_result(&w, &f->v[i], (size_t)(f->v[i].rule - rules));
	tc_jw_close(&w, ']');
	tc_jw_close(&w, '}');
	tc_jw_close(&w, ']');
	return tc_jw_finish(&w, '}');
}
