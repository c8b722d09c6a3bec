/* re.c: the parser's PCRE2 pattern table, compiled and JIT-compiled once at start-up.
 *
 * Every pattern is anchored inside its own text (JIT ignores match-time
 * PCRE2_ANCHORED), its named groups are looked up once into a table indexed
 * by enum tc_re_group, and each parse owns one match data per pattern
 * (tc_pctx), reused for every line. Nothing here allocates per line. */
#include "parser_int.h"

#include <pthread.h>
#include <string.h>

#define IP "(?:\\d{1,3}\\.){3}\\d{1,3}"
/* route code: "S", "S*", "O E2", "O*E2", "i L2", "D EX", "B+", "V", IOS-XE NAT "n*Nd" ... */
#define CODE                                                                                       \
	"(?<code>[A-Za-z]{1,2}[*+%&]*(?:[ ]?(?:E1|E2|N1|N2|IA|EX|L1|L2|ia|su|Ni|No|Nd)[*+%]*)?)"
/* an ASA `name` alias in the network column, but never a route sub-code */
#define ALIAS "(?!(?:E1|E2|N1|N2|IA|EX|L1|L2|ia|su|Ni|No|Nd)\\s)[A-Za-z][\\w.-]*"
#define REST_START "(?:\\[|is\\s|connected\\s|via\\s)"
/* an IPv6 next hop (6PE: "via FC01:101:8:E007:: (default:ipv6)") */
#define IP6 "[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*"

static const char *const re_src[TC_RE_COUNT] = {
	[TC_RE_RT_LEGEND] = "^(?:Codes:|\\s*\\S{1,3} - \\S)",
	[TC_RE_RT_SKIP] = "^(?:Gateway of last resort\\b|Load for\\b|Time source is\\b"
			  "|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\S+ +\\d+ |\\*?\\d{1,2}:\\d{2}:\\d{2}"
			  "|\\S+[#>]\\s*sh(?:ow)?\\s|show\\s|%)",
	[TC_RE_RT_TABLE] = "^Routing Table:\\s*(?<name>\\S+)",
	[TC_RE_RT_HEADER] = "^\\s+(?<net>" IP ")/(?<len>\\d{1,2})"
			    "\\s+is\\s+(?:variably\\s+)?subnetted\\b",
	[TC_RE_RT_ASA] = "^" CODE "\\s+(?<net>" IP "|" ALIAS ")\\s+(?<mask>" IP ")"
			 "(?:\\s+(?<rest>\\S.*?))?\\s*$",
	[TC_RE_RT_IOS] = "^" CODE "\\s+(?<net>" IP ")(?:/(?<len>\\d{1,2}))?"
			 "(?:\\s+(?<rest>" REST_START ".*?))?\\s*$",
	[TC_RE_RT_CONT] = "^\\s+(?<rest>" REST_START ".*?)\\s*$",
	/* "[AD/METRIC]" or ASA "[AD]"; "via A" (IPv4) or an IPv6 next hop (nh6); (name): the next
	 * hop's VRF */
	[TC_RE_RT_VIA] = "^\\[(?<ad>\\d+)(?:/(?<metric>\\d+))?\\]"
			 "(?:\\s+via\\s+(?:(?<nh>" IP ")|(?<nh6>" IP6 ")))?"
			 "(?:\\s*\\((?<name>[^)]*)\\))?(?<tail>.*)$",
	/* ASA: a further equal-cost path printed as "via A, IF" without its [AD/METRIC] */
	[TC_RE_RT_VIA_BARE] = "^via\\s+(?<nh>" IP ")(?<tail>,.*)$",
	[TC_RE_RT_CONN] = ("^(?:is directly connected|connected by VPN \\(advertised\\)"
			   "|is a summary)(?<tail>.*)$"),
};

static const char *const group_name[TC_G_COUNT] = {
	[TC_G_CODE] = "code",	  [TC_G_NET] = "net",	[TC_G_LEN] = "len", [TC_G_MASK] = "mask",
	[TC_G_REST] = "rest",	  [TC_G_AD] = "ad",	[TC_G_NH] = "nh",   [TC_G_TAIL] = "tail",
	[TC_G_METRIC] = "metric", [TC_G_NAME] = "name", [TC_G_NH6] = "nh6",
};

static struct {
	pcre2_code *code;
	int group[TC_G_COUNT]; /* group number, 0 when the pattern lacks it */
} re_tab[TC_RE_COUNT];

static pthread_once_t re_once = PTHREAD_ONCE_INIT;
static int re_status = TC_ERROR;

static void re_compile_all(void)
{
	for (int id = 0; id < TC_RE_COUNT; id++) {
		int err = 0;
		PCRE2_SIZE off = 0;
		pcre2_code *c = pcre2_compile((PCRE2_SPTR)re_src[id], PCRE2_ZERO_TERMINATED, 0,
					      &err, &off, NULL);
		if (!c)
			return; /* a bug in the table: every parse reports TC_ERROR */
		pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
		re_tab[id].code = c;
		for (int g = 0; g < TC_G_COUNT; g++) {
			int n = pcre2_substring_number_from_name(c, (PCRE2_SPTR)group_name[g]);
			re_tab[id].group[g] = n > 0 ? n : 0;
		}
	}
	if (tc_ios_prepare() != 0 || tc_asa_prepare() != 0 || tc_state_prepare() != 0)
		return; /* out of memory at start-up: every parse reports TC_ERROR */
	re_status = 0;
}

int tc_re_init(void)
{
	if (pthread_once(&re_once, re_compile_all) != 0)
		return TC_ERROR;
	return re_status;
}

int tc_pctx_init(tc_pctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	int rc = tc_re_init();
	if (rc)
		return rc;
	ctx->scratch = tc_arena_new();
	if (!ctx->scratch)
		return TC_ENOMEM;
	for (int id = 0; id < TC_RE_COUNT; id++) {
		ctx->md[id] = pcre2_match_data_create_from_pattern(re_tab[id].code, NULL);
		if (!ctx->md[id]) {
			tc_pctx_fini(ctx);
			return TC_ENOMEM;
		}
	}
	return 0;
}

void tc_pctx_fini(tc_pctx *ctx)
{
	for (int id = 0; id < TC_RE_COUNT; id++)
		pcre2_match_data_free(ctx->md[id]);
	tc_arena_free(ctx->scratch);
	memset(ctx, 0, sizeof *ctx);
}

bool tc_re_match(tc_pctx *ctx, enum tc_re_id id, const char *s, size_t len)
{
	return pcre2_match(re_tab[id].code, (PCRE2_SPTR)s, len, 0, 0, ctx->md[id], NULL) > 0;
}

bool tc_re_group(tc_pctx *ctx, enum tc_re_id id, enum tc_re_group g, const char *s, tc_tok *out)
{
	int n = re_tab[id].group[g];
	if (n == 0)
		return false;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ctx->md[id]);
	if (ov[2 * n] == PCRE2_UNSET)
		return false;
	out->p = s + ov[2 * n];
	out->len = ov[2 * n + 1] - ov[2 * n];
	return true;
}
