/* junit.c: lint findings as a JUnit XML report for GitLab and Jenkins test views.
 *
 * One testsuite per rule that ran (named "TC101 crypto-map-not-applied");
 * one testcase per finding, named by device and location, failing for an
 * error or a warning, passing for a note, skipped when suppressed; a rule
 * without findings gets one passing "no findings" case so the report shows
 * what was checked. */
#include "lint_int.h"

#include <string.h>

static void put_case_name(FILE *out, const tc_finding *f)
{
	tc_render_xml_puts(out, f->device ? f->device->hostname : "model", TC_XML_DOC);
	fputs(" ", out);
	if (f->loc.file) {
		tc_render_xml_puts(out, f->loc.file, TC_XML_DOC);
		if (f->loc.line)
			fprintf(out, ":%u", f->loc.line);
		fputs(" ", out);
	}
	tc_render_xml_puts(out, f->subject, TC_XML_DOC);
}

static void put_case(FILE *out, const tc_finding *f)
{
	fputs("    <testcase classname=\"", out);
	tc_render_xml_puts(out, f->rule->id, TC_XML_DOC);
	fputs(".", out);
	tc_render_xml_puts(out, f->device ? f->device->hostname : "model", TC_XML_DOC);
	fputs("\" name=\"", out);
	put_case_name(out, f);
	fputs("\"", out);
	if (f->loc.file) {
		fputs(" file=\"", out);
		tc_render_xml_puts(out, f->loc.file, TC_XML_DOC);
		fputs("\"", out);
		if (f->loc.line)
			fprintf(out, " line=\"%u\"", f->loc.line);
	}
	fputs(">\n", out);
	if (f->suppressed) {
		fputs("      <skipped message=\"", out);
		tc_render_xml_puts(out, f->reason ? f->reason : "suppressed", TC_XML_DOC);
		fputs("\"/>\n", out);
	} else if (f->sev != TC_SEV_NOTE) {
		fprintf(out, "      <failure type=\"%s\" message=\"", tc_render_sev_name(f->sev));
		tc_render_xml_puts(out, f->msg, TC_XML_DOC);
		fputs("\">", out);
		if (f->loc.file) {
			tc_render_xml_puts(out, f->loc.file, TC_XML_DOC);
			fprintf(out, ":%u:%u: ", f->loc.line, f->loc.col);
		}
		fprintf(out, "%s: %s ", tc_render_sev_name(f->sev), f->rule->id);
		tc_render_xml_puts(out, f->msg, TC_XML_DOC);
		putc('\n', out);
		for (size_t i = 0; i < f->nrelated; i++) {
			tc_render_xml_puts(out, f->related[i].file, TC_XML_DOC);
			fprintf(out, ":%u:%u: note: ", f->related[i].line, f->related[i].col);
			tc_render_xml_puts(out, f->related[i].label, TC_XML_DOC);
			putc('\n', out);
		}
		fputs("</failure>\n", out);
	} else {
		fputs("      <system-out>", out);
		tc_render_xml_puts(out, f->msg, TC_XML_DOC);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

int tc_render_junit(FILE *out, const tc_findings *f, const char *name)
{
	size_t nrules;
	const tc_lint_rule *rules = tc_lint_rules(&nrules);
	size_t tests = 0, failures = 0, skipped = 0;
	for (size_t r = 0; r < nrules; r++) {
		if (f->ran && !f->ran[r])
			continue;
		size_t n = 0;
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].rule == &rules[r]) {
				n++;
				skipped += f->v[i].suppressed;
				failures += !f->v[i].suppressed && f->v[i].sev != TC_SEV_NOTE;
			}
		tests += n ? n : 1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fputs("<testsuites name=\"tunnelcast lint ", out);
	tc_render_xml_puts(out, name ? name : "", TC_XML_DOC);
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", tests,
		failures, skipped);
	for (size_t r = 0; r < nrules; r++) {
		if (f->ran && !f->ran[r])
			continue;
		size_t n = 0, fail = 0, skip = 0;
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].rule == &rules[r]) {
				n++;
				skip += f->v[i].suppressed;
				fail += !f->v[i].suppressed && f->v[i].sev != TC_SEV_NOTE;
			}
		fprintf(out,
			"  <testsuite name=\"%s %s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
			rules[r].id, rules[r].name, n ? n : 1, fail, skip);
		if (n == 0) {
			fprintf(out, "    <testcase classname=\"%s\" name=\"%s: no findings\"/>\n",
				rules[r].id, rules[r].name);
		}
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].rule == &rules[r])
				put_case(out, &f->v[i]);
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
	return ferror(out) ? TC_ERROR : 0;
}
