/* state_ipsec.c: `show crypto ipsec sa [detail]`, IOS/IOS-XE and ASA, into observed SAs.
 *
 * Both dialects print one block per proxy pair under "interface: X" and a
 * "Crypto map tag: M, [seq num: N,] local addr A" line (the ASA repeats the
 * tag line for every block, IOS once for the map): the idents, the current
 * peer, the packet counters, the endpoints, the current SPIs and the lists
 * of inbound and outbound ESP SAs with their remaining lifetimes. A block
 * starts at its "local ident" line (IOS: after "protected vrf"). An IOS
 * block with "current outbound spi: 0x0" and no ESP SA is a flow with no SA
 * up (tc_obs_sa.no_sa). IPv6 blocks ("addr/prefixlen") are skipped with a
 * note: the model is IPv4. */
#include "state_int.h"

#include <string.h>

/* The SA block a line belongs to, or NULL: inside an IPv6 block the line is counted as
 * skipped (no_block() then says 0), outside any block it is not this command's (no_block()
 * says TC_ENOTFOUND: another table or the unknown-line report takes it). */
static tc_obs_sa *cur_sa(tc_sstate *ss)
{
	if (!ss->sa && ss->sa_v6)
		ss->st.lstat = TC_L_SKIPPED;
	return ss->sa;
}

static int no_block(const tc_sstate *ss)
{
	return ss->sa_v6 ? 0 : TC_ENOTFOUND;
}

/* "interface: X" (also the session list's "Interface: X": its next lines tell which). */
static int h_interface(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	if (!tc_s_has(ln, at, 1))
		return TC_ENOTFOUND;
	tc_s_sa_close(ss);
	ss->iface = tc_text_clean(tc_p_dup(st, ln, at));
	ss->cmap = NULL;
	ss->has_seq = false;
	ss->local_addr = 0;
	ss->flow = NULL;
	ss->has_peer = false;
	if (ss->sec == TC_SS_NONE)
		ss->sec = TC_SS_IPSEC; /* the first line of a capture without its command */
	return 0;
}

/* "Crypto map tag: M, local addr A" (IOS); "Crypto map tag: M, seq num: N, local addr: A"
 * (ASA). */
static int h_map_tag(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	if (!tc_s_has(ln, at, 1))
		return TC_ENOTFOUND;
	tc_s_sa_close(ss);
	ss->sec = TC_SS_IPSEC;
	tc_tok name = tc_s_trim(ln->tok[at]);
	ss->cmap = tc_text_clean(tc_arena_strndup(st->m->arena, name.p, name.len));
	ss->has_seq = false;
	ss->local_addr = 0;
	for (size_t i = at + 1; i + 1 < ln->ntok; i++) {
		unsigned v;
		tc_tok w = tc_s_trim(ln->tok[i + 1]);
		if (tc_tok_is(&ln->tok[i], "num:") && tc_tok_uint(&w, 65535, &v)) {
			ss->seq = v;
			ss->has_seq = true;
		} else if (tc_tok_is(&ln->tok[i], "addr") || tc_tok_is(&ln->tok[i], "addr:")) {
			if (!tc_s_ip(ss, ln->tok[i + 1], &ss->local_addr))
				tc_p_diag(st, i + 1, TC_SEV_NOTE, "unresolved-name",
					  "local address is a name no `name` line of the config "
					  "defines; not kept");
		}
	}
	return 0;
}

/* "(A/M/P/PORT)" of an ident line: tc_s_ident() inside the parentheses. */
static int ident(const tc_tok *t, tc_prefix *pfx, uint8_t *proto, uint16_t *port)
{
	tc_tok w = tc_s_trim(*t);
	if (w.len < 2 || w.p[0] != '(')
		return -1;
	return tc_s_ident((tc_tok){w.p + 1, w.len - 1}, pfx, proto, port);
}

/* "local ident (addr/mask/prot/port): (A/M/P/PORT)": a new SA block. */
static int h_local_ident(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	if (!tc_s_has(ln, at, 1))
		return TC_ENOTFOUND;
	tc_s_sa_close(ss);
	tc_prefix p;
	uint8_t proto;
	uint16_t port;
	int r = ident(&ln->tok[ln->ntok - 1], &p, &proto, &port);
	if (r < 0)
		return TC_ENOTFOUND;
	if (r == 0) {
		ss->sa_v6 = true;
		st->lstat = TC_L_SKIPPED;
		tc_p_diag(st, SIZE_MAX, TC_SEV_NOTE, "unsupported",
			  "IPv6 SA: not modelled; its block is skipped");
		return 0;
	}
	tc_obs_sa *sa = ss->sa = tc_s_sa_new(ss);
	sa->local = p;
	sa->proto = proto;
	sa->lport = port;
	return 0;
}

/* "remote ident (addr/mask/prot/port): (A/M/P/PORT)" */
static int h_remote_ident(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	if (!tc_s_has(ln, at, 1))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_sa(ss);
	if (!sa)
		return no_block(ss);
	uint8_t proto;
	int r = ident(&ln->tok[ln->ntok - 1], &sa->remote, &proto, &sa->rport);
	if (r <= 0)
		return TC_ENOTFOUND;
	if (proto != sa->proto)
		tc_p_diag(st, ln->ntok - 1, TC_SEV_NOTE, "state-mismatch",
			  "the remote ident's protocol differs from the local one's; the local "
			  "one is kept");
	return 0;
}

/* "current_peer A port P" (IOS), "current_peer: A" (ASA). */
static int h_peer(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	if (!tc_s_has(ln, at, 1))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_sa(ss);
	if (!sa)
		return no_block(ss);
	if (!tc_s_peer(ss, at, &sa->peer, &sa->peer_name))
		return TC_ENOTFOUND; /* IPv6 in an IPv4 block */
	return 0;
}

/* "#pkts encaps: N, ..." / "#pkts decaps: N, ..." */
static int counter(tc_pstate *st, const tc_line *ln, size_t at, bool encaps)
{
	tc_sstate *ss = SS(st);
	uint64_t v;
	if (!tc_s_has(ln, at, 1) || !tc_s_u64(ln->tok[at], &v))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_sa(ss);
	if (!sa)
		return no_block(ss);
	*(encaps ? &sa->encaps : &sa->decaps) = v;
	ss->counted |= encaps ? 1u : 2u;
	sa->has_counters = ss->counted == 3;
	return 0;
}

static int h_encaps(tc_pstate *st, const tc_line *ln, size_t at)
{
	return counter(st, ln, at, true);
}

static int h_decaps(tc_pstate *st, const tc_line *ln, size_t at)
{
	return counter(st, ln, at, false);
}

/* "local crypto endpt.: A[/PORT], remote crypto endpt.: B[/PORT]": the local address when
 * the map tag line gave none. */
static int h_endpoints(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	tc_obs_sa *sa = cur_sa(ss);
	uint32_t a;
	if (!sa)
		return no_block(ss);
	if (tc_s_has(ln, at, 1) && !sa->local_addr && tc_s_ip(ss, ln->tok[at], &a))
		sa->local_addr = a;
	else
		st->lstat = TC_L_SKIPPED;
	return 0;
}

/* An SPI: "0x1234ABCD(305441741)", "0x0(0)", or the ASA's bare "DC15BF68". */
static bool spi(const tc_tok *t, uint32_t *out)
{
	const char *s = t->p, *e = t->p + t->len;
	const char *par = memchr(s, '(', t->len);
	if (par)
		e = par;
	if (e - s > 2 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	if (s == e || e - s > 8)
		return false;
	uint32_t v = 0;
	for (; s < e; s++) {
		unsigned c = (unsigned char)*s, d = c - '0';
		if (d > 9) {
			d = (c | 0x20u) - 'a';
			if (d > 5)
				return false;
			d += 10;
		}
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* "current outbound spi: X" / ASA "current inbound spi : X" */
static int current_spi(tc_pstate *st, const tc_line *ln, bool out)
{
	tc_sstate *ss = SS(st);
	uint32_t v;
	if (ln->ntok < 4 || !spi(&ln->tok[ln->ntok - 1], &v))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_sa(ss);
	if (!sa)
		return no_block(ss);
	*(out ? &sa->spi_out : &sa->spi_in) = v;
	return 0;
}

static int h_cur_out(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	return current_spi(st, ln, true);
}

static int h_cur_in(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	return current_spi(st, ln, false);
}

/* "inbound esp sas:" and the other lists: where the next "spi:" rows go. */
static int sa_list(tc_pstate *st, enum tc_sdir dir)
{
	tc_sstate *ss = SS(st);
	if (!cur_sa(ss))
		return no_block(ss);
	ss->dir = dir;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

static int h_in_esp(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return sa_list(st, TC_SD_IN);
}

static int h_out_esp(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return sa_list(st, TC_SD_OUT);
}

static int h_other_list(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return sa_list(st, TC_SD_OTHER);
}

/* "spi: 0xABCD1234(2882343476)" of an SA list: the inbound SPI (the last one listed, the
 * newest, when the ASA printed no current one). */
static int h_spi(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	uint32_t v;
	if (!tc_s_has(ln, at, 1) || !spi(&ln->tok[at], &v))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_sa(ss);
	if (!sa)
		return no_block(ss);
	ss->esp_spi = v;
	if (ss->dir == TC_SD_IN || ss->dir == TC_SD_OUT)
		ss->esp_seen = true;
	if (ss->dir == TC_SD_IN)
		sa->spi_in = v;
	else
		st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "sa timing: remaining key lifetime (k/sec): (4332649/3205)", "(sec): 548": the seconds
 * left on the current outbound SA. */
static int h_timing(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	tc_sstate *ss = SS(st);
	tc_obs_sa *sa = cur_sa(ss);
	if (!sa)
		return no_block(ss);
	if (ss->dir != TC_SD_OUT || (sa->spi_out && ss->esp_spi != sa->spi_out)) {
		st->lstat = TC_L_SKIPPED;
		return 0;
	}
	tc_tok t = tc_s_trim(ln->tok[ln->ntok - 1]);
	const char *sl = t.p + t.len;
	while (sl > t.p && sl[-1] != '/')
		sl--;
	sl = sl > t.p ? sl - 1 : NULL;
	if (sl) {
		t.len -= (size_t)(sl + 1 - t.p);
		t.p = sl + 1;
	} else if (t.len && t.p[0] == '(') {
		t.p++;
		t.len--;
	}
	uint64_t v;
	if (!tc_s_u64(t, &v) || v > 0x7fffffff)
		return TC_ENOTFOUND;
	sa->lifetime_s = (long)v;
	return 0;
}

/* Lines of an SA block that carry nothing kept; outside one they are unknown. */
static int h_block_skip(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	if (!cur_sa(SS(st)))
		return no_block(SS(st));
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* Lines between the map tag and the block's idents ("protected vrf: X", the ASA's
 * "access-list ..." of the block): nothing kept; before any map tag they are unknown. */
static int h_tag_skip(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	if (!ss->cmap && !ss->sa)
		return TC_ENOTFOUND;
	tc_s_sa_close(ss);
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "There are no ipsec sas" (ASA), "No SAs found" */
static int h_none(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	SS(st)->sec = TC_SS_IPSEC;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

static tc_cmd ipsec_cmds[] = {
	{"interface:", h_interface, 0},
	{"Crypto map tag:", h_map_tag, 0},
	{"local ident", h_local_ident, 0},
	{"remote ident", h_remote_ident, 0},
	{"current_peer", h_peer, 0},
	{"current_peer:", h_peer, 0},
	{"#pkts encaps:", h_encaps, 0},
	{"#pkts decaps:", h_decaps, 0},
	{"#pkts", h_block_skip, 0},
	{"##pkts", h_block_skip, 0},
	{"#pre-frag", h_block_skip, 0},
	{"#PMTUs", h_block_skip, 0},
	{"#TFC", h_block_skip, 0},
	{"#Valid", h_block_skip, 0},
	{"#send", h_block_skip, 0},
	{"#fragments", h_block_skip, 0},
	{"local crypto endpt.:", h_endpoints, 0},
	{"current outbound spi:", h_cur_out, 0},
	{"current inbound spi", h_cur_in, 0},
	{"inbound esp sas:", h_in_esp, 0},
	{"outbound esp sas:", h_out_esp, 0},
	{"inbound ah sas:", h_other_list, 0},
	{"outbound ah sas:", h_other_list, 0},
	{"inbound pcp sas:", h_other_list, 0},
	{"outbound pcp sas:", h_other_list, 0},
	{"spi:", h_spi, 0},
	{"sa timing:", h_timing, 0},
	{"protected vrf:", h_tag_skip, 0},
	{"dynamic allocated peer ip:", h_block_skip, 0},
	{"PERMIT,", h_block_skip, 0},
	{"DENY,", h_block_skip, 0},
	{"access-list", h_tag_skip, 0},
	{"path mtu", h_block_skip, 0},
	{"plaintext mtu", h_block_skip, 0},
	{"PMTU time remaining", h_block_skip, 0},
	{"ICMP error validation:", h_block_skip, 0},
	{"PFS (Y/N):", h_block_skip, 0},
	{"transform:", h_block_skip, 0},
	{"in use settings", h_block_skip, 0},
	{"conn id:", h_block_skip, 0},
	{"slot:", h_block_skip, 0},
	{"SA State:", h_block_skip, 0},
	{"IV size:", h_block_skip, 0},
	{"replay detection support:", h_block_skip, 0},
	{"Status:", h_block_skip, 0},
	{"Anti replay bitmap:", h_block_skip, 0},
	{"Kilobyte Volume Rekey", h_block_skip, 0},
	{"There are no ipsec sas", h_none, 0},
	{"No SAs found", h_none, 0},
};

tc_cmdtab tc_state_ipsec_tab = TC_CMDTAB("show crypto ipsec sa", ipsec_cmds);
