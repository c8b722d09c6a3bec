/* state_ike.c: the IKE SA lists of a state capture (isakmp, ikev1, ikev2; both dialects).
 *
 * The lists are tables whose rows start with an address or a number, no
 * keyword: a header line sets the section, and the row reader of the
 * section reads them (tc_s_ike_row). The shapes:
 *
 *   IOS isakmp sa         dst src state conn-id [slot] status
 *   IOS isakmp sa detail  C-id local remote [i-vrf] status encr hash auth dh lifetime cap
 *   IOS ikev2 sa          tunnel-id local/port remote/port fvrf/ivrf status
 *                         (or tunnel-id fvrf/ivrf status, then "Local A/P", "Remote B/P")
 *   ASA ikev2 sa          tunnel-id local/port remote/port status role
 *   ASA ikev1 sa          "N   IKE Peer: A" then "Rekey : no   State : MM_ACTIVE"
 *   ASA isakmp sa detail  N peer type dir rky state encrypt hash auth lifetime
 *
 * IOS prints an isakmp SA's dst and src as the initiator sent them, so which
 * one is the peer depends on who initiated: the device's own address (its
 * config's interfaces) is the local end; without a config, an address that
 * ends every row of the list is; failing both, dst is taken as the peer.
 * IPv6 SAs are skipped with one note a capture. */
#include "state_int.h"

#include <string.h>

/* An IOS isakmp row whose ends are decided when the capture is over (dst/src). */
struct tc_spend {
	tc_obs_ike *ike;
	uint32_t dst, src;
	struct tc_spend *next;
};
typedef struct tc_spend pend_row;

/* One note a capture for its IPv6 IKE SAs; the line counts as skipped. */
static int skip_v6(tc_sstate *ss)
{
	ss->st.lstat = TC_L_SKIPPED;
	if (!ss->v6_noted)
		tc_p_diag(&ss->st, SIZE_MAX, TC_SEV_NOTE, "unsupported",
			  "IPv6 IKE SA: not modelled; the capture's IPv6 IKE SAs are skipped");
	ss->v6_noted = true;
	return 0;
}

static bool own_addr(const tc_device *d, uint32_t a)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (i->has_addr && i->addr == a)
			return true;
	return false;
}

void tc_s_ike_finish(tc_sstate *ss)
{
	/* the address every row has at one end, when there is one */
	uint32_t common = 0;
	if (ss->pend) {
		uint32_t c1 = ss->pend->dst, c2 = ss->pend->src;
		for (const pend_row *r = ss->pend; r; r = r->next) {
			if (c1 != r->dst && c1 != r->src)
				c1 = 0;
			if (c2 != r->dst && c2 != r->src)
				c2 = 0;
		}
		common = c1 && !c2 ? c1 : c2 && !c1 ? c2 : 0;
	}
	for (pend_row *r = ss->pend; r; r = r->next) {
		bool own_src = own_addr(ss->st.dev, r->src), own_dst = own_addr(ss->st.dev, r->dst);
		/* undecided: src is local, as the row of an SA this device initiated reads */
		bool src_local = own_src != own_dst ? own_src : common ? r->src == common : true;
		r->ike->peer = src_local ? r->dst : r->src;
		r->ike->local_addr = src_local ? r->src : r->dst;
	}
	ss->pend = NULL;
}

/* Token t as an address "A" or "A/PORT": 1 IPv4 (into *out), 0 IPv6, -1 neither. */
static int addr_tok(tc_sstate *ss, const tc_tok *t, uint32_t *out)
{
	if (tc_s_is_v6(*t))
		return 0;
	return tc_s_ip(ss, *t, out) ? 1 : -1;
}

/* IOS "dst src state conn-id [slot] status". */
static int isakmp_row(tc_sstate *ss, const tc_line *ln)
{
	uint32_t dst, src;
	unsigned v;
	if (ln->ntok < 5)
		return TC_ENOTFOUND;
	int a = addr_tok(ss, &ln->tok[0], &dst), b = addr_tok(ss, &ln->tok[1], &src);
	if (a == 0 || b == 0)
		return skip_v6(ss);
	if (a < 0 || b < 0 || !tc_tok_uint(&ln->tok[3], 4294967295u, &v))
		return TC_ENOTFOUND;
	tc_obs_ike *k = tc_s_ike_new(ss, dst, src, 1, &ln->tok[2], tc_s_ike_up(&ln->tok[2]));
	pend_row *r = tc_arena_alloc(ss->st.ctx->scratch, sizeof *r);
	*r = (pend_row){k, dst, src, ss->pend};
	ss->pend = r;
	return 0;
}

/* The status word among the words [from, to) of a row: the first that tc_s_ike_up() or the
 * down list names. */
static const tc_tok *status_word(const tc_line *ln, size_t from, size_t to)
{
	static const char *const down[] = {"INACTIVE", "DELETED", "DOWN", "Inactive", NULL};
	for (size_t i = from; i < to && i < ln->ntok; i++)
		if (tc_s_ike_up(&ln->tok[i]) || tc_tok_in(&ln->tok[i], down))
			return &ln->tok[i];
	return NULL;
}

/* IOS "C-id local remote [i-vrf] status encr hash auth dh lifetime cap". */
static int isakmp_detail_row(tc_sstate *ss, const tc_line *ln)
{
	unsigned cid;
	uint32_t local, remote;
	if (ln->ntok < 4 || !tc_tok_uint(&ln->tok[0], 4294967295u, &cid))
		return TC_ENOTFOUND;
	int a = addr_tok(ss, &ln->tok[1], &local), b = addr_tok(ss, &ln->tok[2], &remote);
	if (a == 0 || b == 0)
		return skip_v6(ss);
	const tc_tok *st = status_word(ln, 3, 5);
	if (a < 0 || b < 0 || !st)
		return TC_ENOTFOUND;
	tc_s_ike_new(ss, remote, local, 1, st, tc_s_ike_up(st));
	return 0;
}

/* IOS/ASA ikev2 "id local/port remote/port ... status [role]", or IOS "id fvrf/ivrf status"
 * whose ends follow on "Local A/P" and "Remote B/P" lines. */
static int ikev2_row(tc_sstate *ss, const tc_line *ln)
{
	unsigned id;
	if (ln->ntok < 3 || !tc_tok_uint(&ln->tok[0], 4294967295u, &id))
		return TC_ENOTFOUND;
	if (ln->ntok == 3) { /* the ends on the next lines: the SA is made at "Remote" */
		tc_tok s = tc_s_trim(ln->tok[2]);
		ss->v2_state = (tc_tok){tc_arena_strndup(ss->st.ctx->scratch, s.p, s.len), s.len};
		ss->v2_line = ln->no;
		ss->v2_wait = true;
		ss->v2_v6 = false;
		ss->v2_local = 0;
		return 0;
	}
	uint32_t local, remote;
	int a = addr_tok(ss, &ln->tok[1], &local), b = addr_tok(ss, &ln->tok[2], &remote);
	if (a == 0 || b == 0)
		return skip_v6(ss);
	const tc_tok *st = status_word(ln, 3, ln->ntok);
	if (a < 0 || b < 0 || !st)
		return TC_ENOTFOUND;
	ss->ike = tc_s_ike_new(ss, remote, local, 2, st, tc_s_ike_up(st));
	return 0;
}

/* ASA "N   IKE Peer: A" (its state follows on a "State :" line), or an older ASA's
 * "N peer type dir rky state encrypt hash auth lifetime". */
static int asa_ikev1_row(tc_sstate *ss, const tc_line *ln)
{
	unsigned n;
	uint32_t peer;
	if (ln->ntok < 3 || !tc_tok_uint(&ln->tok[0], 4294967295u, &n))
		return TC_ENOTFOUND;
	size_t at = 1;
	if (tc_tok_is(&ln->tok[1], "IKE") && tc_tok_is(&ln->tok[2], "Peer:"))
		at = 3;
	if (at >= ln->ntok)
		return TC_ENOTFOUND;
	const char *name;
	if (at == 1 && (ln->ntok < 6 || !memchr(ln->tok[5].p, '_', ln->tok[5].len)))
		return TC_ENOTFOUND; /* no MM_ or AM_ state where the older row has it */
	if (!tc_s_peer(ss, at, &peer, &name))
		return skip_v6(ss);
	tc_obs_ike *k =
		at == 3 ? tc_s_ike_new(ss, peer, 0, 1, NULL, false)
			: tc_s_ike_new(ss, peer, 0, 1, &ln->tok[5], tc_s_ike_up(&ln->tok[5]));
	k->peer_name = name;
	ss->ike = at == 3 ? k : NULL; /* its state follows on a "State :" line */
	return 0;
}

int tc_s_ike_row(tc_sstate *ss, const tc_line *ln)
{
	switch (ss->sec) {
	case TC_SS_ISAKMP:
	case TC_SS_ISAKMP_DETAIL:
		if (tc_tok_is(&ln->tok[0], "Engine-id:Conn-id")) {
			ss->st.lstat = TC_L_SKIPPED; /* a detail row's second line */
			return 0;
		}
		return ss->sec == TC_SS_ISAKMP ? isakmp_row(ss, ln) : isakmp_detail_row(ss, ln);
	case TC_SS_IKEV2:
	case TC_SS_ASA_IKEV2:
		if (ln->tok[0].len > 11 && tc_p_caseeq(ln->tok[0].p, "Session-id:", 11)) {
			ss->st.lstat = TC_L_SKIPPED; /* ASA "Session-id:1, Status:UP-ACTIVE, ..." */
			return 0;
		}
		return ikev2_row(ss, ln);
	case TC_SS_ASA_IKEV1:
		return asa_ikev1_row(ss, ln);
	default:
		return TC_ENOTFOUND;
	}
}

/* ---- header lines -------------------------------------------------------------------- */

static int section(tc_pstate *st, enum tc_ssec sec)
{
	tc_sstate *ss = SS(st);
	tc_s_sa_close(ss);
	ss->sec = sec;
	ss->ike = NULL;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "IPv4 Crypto ISAKMP SA" and "dst src state ..." (IOS isakmp sa) */
static int h_isakmp(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	/* the detail list's own header follows its "IPv4 Crypto ISAKMP SA" */
	return section(st, SS(st)->sec == TC_SS_ISAKMP_DETAIL ? TC_SS_ISAKMP_DETAIL : TC_SS_ISAKMP);
}

static int h_isakmp_hdr(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return section(st, TC_SS_ISAKMP);
}

/* "C-id Local Remote I-VRF Status ..." (IOS isakmp sa detail) */
static int h_isakmp_detail(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return section(st, TC_SS_ISAKMP_DETAIL);
}

/* "IPv4 Crypto IKEv2 SA", "Tunnel-id Local Remote fvrf/ivrf Status" */
static int h_ikev2(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	enum tc_ssec s = SS(st)->sec;
	return section(st, s == TC_SS_ASA_IKEV2 ? s : TC_SS_IKEV2);
}

/* ASA "IKEv2 SAs:", "There are no IKEv2 SAs" */
static int h_asa_ikev2(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return section(st, TC_SS_ASA_IKEV2);
}

/* ASA "IKEv1 SAs:", "IKE Peer Type Dir Rky State ...", "There are no IKEv1 SAs" */
static int h_asa_ikev1(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return section(st, TC_SS_ASA_IKEV1);
}

/* IOS ikev2 "Local A/P" / "Remote B/P" after an "id fvrf/ivrf status" row: the SA, made
 * at its remote end. */
static int two_line_end(tc_pstate *st, const tc_line *ln, size_t at, bool remote)
{
	tc_sstate *ss = SS(st);
	if (!ss->v2_wait || ln->ntok != at + 1)
		return TC_ENOTFOUND;
	uint32_t a;
	int r = addr_tok(ss, &ln->tok[at], &a);
	if (r < 0)
		return TC_ENOTFOUND;
	if (r == 0 || ss->v2_v6) { /* an IPv6 SA: both its ends skipped */
		ss->v2_v6 = !remote;
		ss->v2_wait = !remote;
		return skip_v6(ss);
	}
	if (!remote) {
		ss->v2_local = a;
		return 0;
	}
	ss->v2_wait = false;
	tc_obs_ike *k =
		tc_s_ike_new(ss, a, ss->v2_local, 2, &ss->v2_state, tc_s_ike_up(&ss->v2_state));
	k->line = ss->v2_line;
	return 0;
}

static int h_v2_local(tc_pstate *st, const tc_line *ln, size_t at)
{
	return two_line_end(st, ln, at, false);
}

static int h_v2_remote(tc_pstate *st, const tc_line *ln, size_t at)
{
	return two_line_end(st, ln, at, true);
}

/* ASA ikev1 "Rekey : no   State : MM_ACTIVE" after "N   IKE Peer: A". */
static int h_asa_state(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	for (size_t i = at; i + 2 < ln->ntok; i++)
		if (tc_tok_is(&ln->tok[i], "State") && tc_tok_is(&ln->tok[i + 1], ":")) {
			if (!ss->ike || ss->ike->state)
				return TC_ENOTFOUND;
			tc_tok s = tc_s_trim(ln->tok[i + 2]);
			ss->ike->state = tc_text_clean(tc_arena_strndup(st->m->arena, s.p, s.len));
			ss->ike->up = tc_s_ike_up(&s);
			return 0;
		}
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* Lines of an IKE SA's details that carry nothing kept. */
static int h_ike_skip(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	if (ss->sec != TC_SS_IKEV2 && ss->sec != TC_SS_ASA_IKEV2 && ss->sec != TC_SS_ASA_IKEV1 &&
	    ss->sec != TC_SS_ISAKMP_DETAIL)
		return TC_ENOTFOUND;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

static tc_cmd ike_cmds[] = {
	{"IPv4 Crypto ISAKMP SA", h_isakmp, 0},
	{"IPv6 Crypto ISAKMP SA", h_isakmp, 0},
	{"dst src state", h_isakmp_hdr, 0},
	{"C-id Local Remote", h_isakmp_detail, 0},
	{"IPv4 Crypto IKEv2 SA", h_ikev2, 0},
	{"IPv6 Crypto IKEv2 SA", h_ikev2, 0},
	{"Tunnel-id", h_ikev2, 0},
	{"IKEv2 SAs:", h_asa_ikev2, 0},
	{"There are no IKEv2 SAs", h_asa_ikev2, 0},
	{"IKEv1 SAs:", h_asa_ikev1, 0},
	{"There are no IKEv1 SAs", h_asa_ikev1, 0},
	{"There are no isakmp sas", h_asa_ikev1, 0},
	{"IKE Peer Type", h_asa_ikev1, 0},
	{"Active SA:", h_asa_ikev1, 0},
	{"Rekey SA:", h_ike_skip, 0},
	{"Total IKE SA:", h_ike_skip, 0},
	{"Type :", h_ike_skip, 0},
	{"Rekey :", h_asa_state, 0},
	{"Encrypt :", h_ike_skip, 0},
	{"Auth :", h_ike_skip, 0},
	{"Lifetime Remaining:", h_ike_skip, 0},
	{"Local", h_v2_local, 0},
	{"Remote", h_v2_remote, 0},
	{"Encr:", h_ike_skip, 0},
	{"Life/Active Time:", h_ike_skip, 0},
	{"CE id:", h_ike_skip, 0},
	{"Local spi:", h_ike_skip, 0},
	{"Remote spi:", h_ike_skip, 0},
	{"Status Description:", h_ike_skip, 0},
	{"Local id:", h_ike_skip, 0},
	{"Remote id:", h_ike_skip, 0},
	{"Local req msg id:", h_ike_skip, 0},
	{"Remote req msg id:", h_ike_skip, 0},
	{"Local next msg id:", h_ike_skip, 0},
	{"Remote next msg id:", h_ike_skip, 0},
	{"Local req queued:", h_ike_skip, 0},
	{"Remote req queued:", h_ike_skip, 0},
	{"Local window:", h_ike_skip, 0},
	{"Remote window:", h_ike_skip, 0},
	{"DPD configured for", h_ike_skip, 0},
	{"Fragmentation not configured.", h_ike_skip, 0},
	{"Dynamic Route Update:", h_ike_skip, 0},
	{"Extended Authentication not configured.", h_ike_skip, 0},
	{"NAT-T is not detected", h_ike_skip, 0},
	{"NAT-T is detected", h_ike_skip, 0},
	{"Cisco Trust Security SGT is disabled", h_ike_skip, 0},
	{"Initiator of SA :", h_ike_skip, 0},
	{"PEER TYPE:", h_ike_skip, 0},
	{"PQC Key Exchange:", h_ike_skip, 0},
	{"Quantum-safe encryption using", h_ike_skip, 0},
	{"Child sa:", h_ike_skip, 0},
	{"remote selector", h_ike_skip, 0},
	{"ESP spi in/out:", h_ike_skip, 0},
	{"Parent SA:", h_ike_skip, 0},
	{"Session-id:", h_ike_skip, 0},
	{"IKE count:", h_ike_skip, 0},
};

tc_cmdtab tc_state_ike_tab = TC_CMDTAB("show crypto isakmp|ikev1|ikev2 sa", ike_cmds);
