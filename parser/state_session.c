/* state_session.c: IOS `show crypto session`, ASA `show vpn-sessiondb l2l`, `show crypto map`.
 *
 * A session (IOS) is an "Interface: X" block: "Peer: A port P", its IKE SAs
 * ("IKE SA: local A/P remote B/P Active", the IPv6 form wrapped onto a
 * second line) and its flows ("IPSEC FLOW: permit PROTO SRC DST", each an
 * observed SA with the session's interface and peer, no crypto map; detail
 * adds the "#pkts dec'ed N" / "#pkts enc'ed N" counters and the lifetime
 * left; "Active SAs: 0" marks a flow with no SA up).
 *
 * A vpn-sessiondb l2l session (ASA) starts at "Connection : NAME"; its peer
 * is "IP Addr : A"; it is one IKE SA (an l2l session is listed while its
 * IKE SA is up, unless it counts "IKE Sessions: 0"), and each "IPsec:"
 * block of the detail form an SA with "Local Addr : A/M[/PROTO/PORT]",
 * "Remote Addr", "Pkts Tx / Rx" (encaps, decaps) and "Rekey Left(T): N
 * Seconds". A flow or block `show crypto ipsec sa` showed already is that
 * SA (tc_s_sa_merge()).
 *
 * `show crypto map` prints configuration, not state: its lines are
 * recognised and skipped. */
#include "state_int.h"

#include <string.h>

/* ---- IOS show crypto session ------------------------------------------------------------- */

static bool in_session(const tc_sstate *ss)
{
	return ss->sec == TC_SS_SESSION;
}

/* "Crypto session current status" */
static int h_session(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	tc_s_sa_close(ss);
	ss->sec = TC_SS_SESSION;
	ss->flow = NULL;
	ss->has_peer = false;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "Session status: UP-ACTIVE": the block of the "Interface: X" line before it is a session. */
static int h_session_status(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	tc_s_sa_close(ss);
	ss->sec = TC_SS_SESSION;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "Peer: A port P [fvrf: X ivrf: Y]" */
static int h_session_peer(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	if (!in_session(ss) || !tc_s_has(ln, at, 1))
		return TC_ENOTFOUND;
	ss->flow = NULL;
	ss->peer_name = NULL;
	ss->has_peer = tc_s_ip(ss, ln->tok[at], &ss->peer);
	if (!ss->has_peer) {
		st->lstat = TC_L_SKIPPED;
		if (!tc_s_is_v6(ln->tok[at]))
			tc_p_diag(st, at, TC_SEV_WARNING, "unresolved-name",
				  "the peer is not an IPv4 address; its flows are skipped");
	}
	return 0;
}

/* The IKE SA of "local A/P remote B/P STATE" words from `i`; the line is its first (ver:
 * version) or its continuation. */
static int session_ike(tc_sstate *ss, const tc_line *ln, size_t i)
{
	uint32_t a;
	for (; i + 1 < ln->ntok; i += 2) {
		const tc_tok *w = &ln->tok[i], *v = &ln->tok[i + 1];
		if (tc_s_is_v6(*v)) { /* an IPv6 SA: skipped, its wrapped remote end too */
			ss->ike_wait = tc_tok_is(w, "local") && i + 2 >= ln->ntok;
			ss->st.lstat = TC_L_SKIPPED;
			return 0;
		}
		if (!tc_s_ip(ss, *v, &a))
			return TC_ENOTFOUND;
		if (tc_tok_is(w, "local")) {
			ss->ike_local = a;
			ss->ike_wait = true;
			ss->ike_line = ln->no;
		} else if (tc_tok_is(w, "remote") && ss->ike_wait && i + 2 < ln->ntok) {
			const tc_tok *s = &ln->tok[i + 2];
			tc_obs_ike *k =
				tc_s_ike_new(ss, a, ss->ike_local, ss->ike_ver, s, tc_s_ike_up(s));
			k->line = ss->ike_line;
			ss->ike_wait = false;
			return 0;
		} else {
			return TC_ENOTFOUND;
		}
	}
	return ss->ike_wait ? 0 : TC_ENOTFOUND;
}

static int session_ike_line(tc_pstate *st, const tc_line *ln, size_t at, unsigned ver)
{
	tc_sstate *ss = SS(st);
	if (!in_session(ss))
		return TC_ENOTFOUND;
	ss->ike_ver = ver;
	ss->ike_wait = false;
	return session_ike(ss, ln, at);
}

/* "IKE SA: local ..." (IOS 12: IKEv1), "IKEv1 SA: ...", "IKEv2 SA: ..." */
static int h_ike_sa(tc_pstate *st, const tc_line *ln, size_t at)
{
	return session_ike_line(st, ln, at, 1);
}

static int h_ikev2_sa(tc_pstate *st, const tc_line *ln, size_t at)
{
	return session_ike_line(st, ln, at, 2);
}

/* "remote B/P Active": the wrapped end of an IKE SA line */
static int h_remote_cont(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	tc_sstate *ss = SS(st);
	if (!in_session(ss) || !ss->ike_wait)
		return TC_ENOTFOUND;
	return session_ike(ss, ln, 0);
}

/* One side of a flow from token *i: "host A", "A/M", "any", then "port N"; false when it is
 * no IPv4 operand. */
static bool flow_side(tc_sstate *ss, const tc_line *ln, size_t *i, tc_prefix *out, uint16_t *port)
{
	if (*i >= ln->ntok)
		return false;
	const tc_tok *t = &ln->tok[*i];
	uint32_t a, m;
	uint8_t len = 32;
	if (tc_tok_is(t, "host") && *i + 1 < ln->ntok && tc_s_ip(ss, ln->tok[*i + 1], &a)) {
		*i += 2;
	} else if (tc_tok_is(t, "any")) {
		a = 0;
		len = 0;
		*i += 1;
	} else {
		const char *sl = memchr(t->p, '/', t->len);
		if (!sl || tc_ip_parse(&a, t->p, (size_t)(sl - t->p)) != 0 ||
		    tc_ip_parse(&m, sl + 1, (size_t)(t->p + t->len - sl - 1)) != 0 ||
		    !tc_p_mask_len(m, &len))
			return false;
		*i += 1;
	}
	*out = tc_prefix_make(a, len);
	unsigned v = 0;
	if (*i + 1 < ln->ntok && tc_tok_is(&ln->tok[*i], "port") &&
	    tc_tok_uint(&ln->tok[*i + 1], 65535, &v))
		*i += 2;
	*port = (uint16_t)v;
	return true;
}

/* "IPSEC FLOW: permit PROTO SRC DST": an SA of the session's peer. */
static int h_flow(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	static const char *const protos[] = {"ip", "tcp", "udp", "icmp", "esp", "gre", NULL};
	static const uint8_t nums[] = {0, 6, 17, 1, 50, 47};
	if (!in_session(ss) || !tc_s_has(ln, at, 4))
		return TC_ENOTFOUND;
	ss->flow = NULL;
	const tc_tok *p = &ln->tok[at + 1];
	if (tc_tok_is(p, "ipv6") || !ss->has_peer) {
		st->lstat = TC_L_SKIPPED; /* an IPv6 flow, or one of an IPv6 peer */
		return 0;
	}
	unsigned proto = 0;
	size_t k = 0;
	while (protos[k] && !tc_tok_is(p, protos[k]))
		k++;
	if (protos[k])
		proto = nums[k];
	else if (!tc_tok_uint(p, 255, &proto))
		return TC_ENOTFOUND;
	tc_prefix src, dst;
	uint16_t sport, dport;
	size_t i = at + 2;
	if (!flow_side(ss, ln, &i, &src, &sport) || !flow_side(ss, ln, &i, &dst, &dport) ||
	    i != ln->ntok)
		return TC_ENOTFOUND;
	tc_obs_sa *sa = ss->flow = tc_s_sa_new(ss);
	sa->cmap = NULL;
	sa->has_seq = false;
	sa->local_addr = 0;
	sa->local = src;
	sa->remote = dst;
	sa->proto = (uint8_t)proto;
	sa->lport = sport;
	sa->rport = dport;
	sa->peer = ss->peer;
	if (ss->obs->ikes_tail && ss->obs->ikes_tail->peer == ss->peer)
		sa->local_addr = ss->obs->ikes_tail->local_addr;
	ss->flow = tc_s_sa_merge(ss, sa);
	ss->counted = 0;
	return 0;
}

/* The flow a flow's detail line belongs to; NULL after counting the line skipped (a flow
 * skipped) or unknown. */
static tc_obs_sa *cur_flow(tc_sstate *ss)
{
	if (!ss->flow)
		ss->st.lstat = in_session(ss) ? TC_L_SKIPPED : TC_L_UNKNOWN;
	return ss->flow;
}

/* "Active SAs: N, origin: crypto map" */
static int h_active(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	uint64_t n;
	if (!in_session(ss) || !tc_s_has(ln, at, 1) || !tc_s_u64(ln->tok[at], &n))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_flow(ss);
	if (sa && ss->fill_no_sa)
		sa->no_sa = n == 0;
	return 0;
}

/* "Inbound:  #pkts dec'ed N drop D life (KB/Sec) K/S", "Outbound: #pkts enc'ed N ..." */
static int flow_counter(tc_pstate *st, const tc_line *ln, size_t at, bool out)
{
	tc_sstate *ss = SS(st);
	uint64_t n;
	if (!in_session(ss) || !tc_s_has(ln, at, 3) || !tc_s_u64(ln->tok[at + 2], &n))
		return TC_ENOTFOUND;
	tc_obs_sa *sa = cur_flow(ss);
	if (!sa)
		return 0;
	if (ss->fill_counters) {
		*(out ? &sa->encaps : &sa->decaps) = n;
		ss->counted |= out ? 1u : 2u;
		sa->has_counters = ss->counted == 3;
	}
	/* the lifetime: "K/S" or "KB Vol Rekey Disabled/S", the line's last word ("0/0" when no SA
	 * is up: none) */
	const tc_tok *t = &ln->tok[ln->ntok - 1];
	const char *sl = memchr(t->p, '/', t->len);
	uint64_t s;
	if (out && ss->fill_lifetime && !sa->no_sa && sl &&
	    tc_s_u64((tc_tok){sl + 1, (size_t)(t->p + t->len - sl - 1)}, &s) && s <= 0x7fffffff)
		sa->lifetime_s = (long)s;
	return 0;
}

static int h_inbound(tc_pstate *st, const tc_line *ln, size_t at)
{
	return flow_counter(st, ln, at, false);
}

static int h_outbound(tc_pstate *st, const tc_line *ln, size_t at)
{
	return flow_counter(st, ln, at, true);
}

/* Session lines that carry nothing kept; outside a session list they are unknown. */
static int h_session_skip(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	if (!in_session(SS(st)))
		return TC_ENOTFOUND;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* ---- ASA show vpn-sessiondb l2l ------------------------------------------------------------ */

static bool in_l2l(const tc_sstate *ss)
{
	return ss->sec == TC_SS_L2L;
}

/* The value of "KEY : VALUE" at token at (the ":" alone or glued to the key). */
static const tc_tok *kv(const tc_line *ln, size_t at)
{
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], ":"))
		at++;
	return at < ln->ntok ? &ln->tok[at] : NULL;
}

/* The value after the words "KEY:" or "KEY :" anywhere on the line (a second column). */
static const tc_tok *kv_find(const tc_line *ln, const char *key)
{
	size_t n = strlen(key);
	for (size_t i = 0; i + 1 < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		if (t->len == n + 1 && t->p[n] == ':' && tc_p_caseeq(t->p, key, n))
			return &ln->tok[i + 1];
		if (t->len == n && tc_p_caseeq(t->p, key, n) && tc_tok_is(&ln->tok[i + 1], ":") &&
		    i + 2 < ln->ntok)
			return &ln->tok[i + 2];
	}
	return NULL;
}

/* "Session Type: LAN-to-LAN [Detailed]" */
static int h_l2l(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	tc_s_sa_close(ss);
	ss->sec = TC_SS_L2L;
	ss->blk = TC_SB_NONE;
	ss->ike = NULL;
	ss->flow = NULL;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "Connection : NAME": a new session */
static int h_connection(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	if (!in_l2l(ss))
		return TC_ENOTFOUND;
	ss->blk = TC_SB_NONE;
	ss->has_peer = false;
	ss->peer_name = NULL;
	ss->ike = NULL;
	ss->flow = NULL;
	ss->l2l_ver = 0;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "Index : N   IP Addr : A": the session's peer, and its IKE SA */
static int h_index(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	tc_sstate *ss = SS(st);
	const tc_tok *a = kv_find(ln, "Addr");
	if (!in_l2l(ss) || !a)
		return TC_ENOTFOUND;
	ss->has_peer = tc_s_peer(ss, (size_t)(a - ln->tok), &ss->peer, &ss->peer_name);
	if (!ss->has_peer) {
		st->lstat = TC_L_SKIPPED; /* an IPv6 peer: the session is skipped */
		return 0;
	}
	ss->ike = tc_s_ike_new(ss, ss->peer, 0, 0, NULL, true);
	ss->ike->peer_name = ss->peer_name;
	return 0;
}

/* "Protocol : IKEv1 IPsec", "IKEv2 IPsecOverNatT", "IKE IPsec": the IKE version */
static int h_protocol(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	const tc_tok *v = kv(ln, at);
	if (!in_l2l(ss) || !v)
		return TC_ENOTFOUND;
	if (ss->ike && (tc_tok_is(v, "IKEv1") || tc_tok_is(v, "IKE")))
		ss->ike->version = 1;
	else if (ss->ike && tc_tok_is(v, "IKEv2"))
		ss->ike->version = 2;
	else
		st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "IKE:", "IKEv1:", "IKEv2:", "IPsec:", "IPsecOverNatT:", "NAC:" block headers */
static int l2l_block(tc_pstate *st, enum tc_sblk b)
{
	tc_sstate *ss = SS(st);
	if (!in_l2l(ss))
		return TC_ENOTFOUND;
	ss->blk = b;
	ss->flow = NULL;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

static int h_blk_ike(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return l2l_block(st, TC_SB_IKE);
}

static int h_blk_ipsec(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	int rc = l2l_block(st, TC_SB_IPSEC);
	tc_sstate *ss = SS(st);
	if (rc == 0 && ss->has_peer) {
		tc_obs_sa *sa = ss->flow = tc_s_sa_new(ss);
		sa->iface = NULL;
		sa->cmap = NULL;
		sa->has_seq = false;
		sa->local_addr = 0;
		sa->peer = ss->peer;
		sa->peer_name = ss->peer_name;
		ss->fill_counters = ss->fill_lifetime = ss->fill_no_sa = true;
	}
	return rc;
}

static int h_blk_other(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	return l2l_block(st, TC_SB_OTHER);
}

/* "Local Addr : A/M[/PROTO/PORT]" / "Remote Addr : ..." of an IPsec block */
static int l2l_addr(tc_pstate *st, const tc_line *ln, size_t at, bool remote)
{
	tc_sstate *ss = SS(st);
	const tc_tok *v = kv(ln, at);
	if (!in_l2l(ss) || ss->blk != TC_SB_IPSEC || !v)
		return TC_ENOTFOUND;
	tc_obs_sa *sa = ss->flow;
	tc_prefix p;
	uint8_t proto;
	uint16_t port;
	int r = tc_s_ident(*v, &p, &proto, &port);
	if (!sa || r == 0) {
		st->lstat = TC_L_SKIPPED; /* a session skipped, an IPv6 selector */
		return 0;
	}
	if (r < 0)
		return TC_ENOTFOUND;
	*(remote ? &sa->remote : &sa->local) = p;
	*(remote ? &sa->rport : &sa->lport) = port;
	if (!remote)
		sa->proto = proto;
	else
		ss->flow = tc_s_sa_merge(ss, sa); /* the selectors known: Local Addr came first */
	return 0;
}

static int h_local_addr(tc_pstate *st, const tc_line *ln, size_t at)
{
	return l2l_addr(st, ln, at, false);
}

static int h_remote_addr(tc_pstate *st, const tc_line *ln, size_t at)
{
	return l2l_addr(st, ln, at, true);
}

/* "Pkts Tx : N   Pkts Rx : N" of an IPsec block: encaps, decaps */
static int h_pkts(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	tc_sstate *ss = SS(st);
	const tc_tok *tx = kv_find(ln, "Tx"), *rx = kv_find(ln, "Rx");
	uint64_t a, b;
	if (!in_l2l(ss) || !tx || !rx || !tc_s_u64(*tx, &a) || !tc_s_u64(*rx, &b))
		return TC_ENOTFOUND;
	if (ss->blk != TC_SB_IPSEC || !ss->flow) {
		st->lstat = TC_L_SKIPPED;
		return 0;
	}
	if (ss->fill_counters) {
		ss->flow->encaps = a;
		ss->flow->decaps = b;
		ss->flow->has_counters = true;
	}
	return 0;
}

/* "Rekey Int (T): 28800 Seconds   Rekey Left(T): 19174 Seconds": an IPsec block's lifetime */
static int h_rekey(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	tc_sstate *ss = SS(st);
	if (!in_l2l(ss))
		return TC_ENOTFOUND;
	const tc_tok *left = kv_find(ln, "Left(T)");
	uint64_t v;
	if (ss->blk == TC_SB_IPSEC && ss->flow && left && tc_s_u64(*left, &v) && v <= 0x7fffffff) {
		if (ss->fill_lifetime)
			ss->flow->lifetime_s = (long)v;
	} else
		st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "IKE Sessions: 0 IPSec Sessions: 0", "IKEv2 Tunnels: 1": a session whose count is 0 has no
 * IKE SA up */
static int h_ike_count(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_sstate *ss = SS(st);
	uint64_t n;
	if (!in_l2l(ss) || !tc_s_has(ln, at, 1) || !tc_s_u64(ln->tok[at], &n))
		return TC_ENOTFOUND;
	if (ss->ike && n == 0)
		ss->ike->up = false;
	else
		st->lstat = TC_L_SKIPPED;
	return 0;
}

/* vpn-sessiondb lines that carry nothing kept */
static int h_l2l_skip(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	if (!in_l2l(SS(st)))
		return TC_ENOTFOUND;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* ---- show crypto map: recognised, skipped ----------------------------------------------- */

/* "Crypto Map [IPv4|IPv6] "M" SEQ ipsec-isakmp|ipsec-manual [...]", ASA "Crypto Map: "M"
 * interfaces: { outside }" */
static int h_cmap(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	tc_s_sa_close(ss);
	ss->sec = TC_SS_CMAP;
	ss->cmap_ifaces = false;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* "Interfaces using crypto map M:": the interface names follow, one a line */
static int h_cmap_ifaces(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	tc_sstate *ss = SS(st);
	if (ss->sec != TC_SS_CMAP)
		return TC_ENOTFOUND;
	ss->cmap_ifaces = true;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

/* Lines of a crypto map entry (configuration: nothing kept) */
static int h_cmap_skip(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln, (void)at;
	if (SS(st)->sec != TC_SS_CMAP)
		return TC_ENOTFOUND;
	st->lstat = TC_L_SKIPPED;
	return 0;
}

int tc_s_session_row(tc_sstate *ss, const tc_line *ln)
{
	const tc_tok *t0 = &ln->tok[0];
	bool skip = false;
	switch (ss->sec) {
	case TC_SS_SESSION: /* the legend's "K - Keepalives, N - NAT-traversal, ...";
			       "Capabilities:D connid:1042 lifetime:05:50:03" */
		skip = (ln->ntok >= 3 && t0->len == 1 && tc_tok_is(&ln->tok[1], "-")) ||
		       (t0->len > 13 && tc_p_caseeq(t0->p, "Capabilities:", 13));
		break;
	case TC_SS_CMAP: /* a transform set "name: { esp-aes esp-sha-hmac } ,", an interface */
		skip = (ln->ntok >= 2 && tc_tok_is(&ln->tok[1], "{")) ||
		       (ss->cmap_ifaces && ln->ntok == 1);
		break;
	case TC_SS_IPSEC: /* the ASA's anti-replay bitmap rows "0xFFFFFFFF 0xFFFFFFFF" */
		skip = ss->sa || ss->sa_v6;
		for (size_t i = 0; i < ln->ntok && skip; i++)
			skip = ln->tok[i].len > 2 && ln->tok[i].p[0] == '0' &&
			       (ln->tok[i].p[1] | 0x20) == 'x';
		break;
	default:
		break;
	}
	if (!skip)
		return TC_ENOTFOUND;
	ss->st.lstat = TC_L_SKIPPED;
	return 0;
}

static tc_cmd session_cmds[] = {
	/* IOS show crypto session [detail] */
	{"Crypto session current status", h_session, 0},
	{"Code:", h_session_skip, 0},
	{"Session status:", h_session_status, 0},
	{"Peer:", h_session_peer, 0},
	{"IKE SA:", h_ike_sa, 0},
	{"IKEv1 SA:", h_ike_sa, 0},
	{"IKEv2 SA:", h_ikev2_sa, 0},
	{"remote", h_remote_cont, 0},
	{"IPSEC FLOW:", h_flow, 0},
	{"Active SAs:", h_active, 0},
	{"Inbound:", h_inbound, 0},
	{"Outbound:", h_outbound, 0},
	{"Profile:", h_session_skip, 0},
	{"Username:", h_session_skip, 0},
	{"Group:", h_session_skip, 0},
	{"Assigned address:", h_session_skip, 0},
	{"Uptime:", h_session_skip, 0},
	{"Desc:", h_session_skip, 0},
	{"Phase1_id:", h_session_skip, 0},
	{"Session ID:", h_session_skip, 0},
	{"System IP:", h_session_skip, 0},
	{"Capabilities:", h_session_skip, 0},
	/* ASA show vpn-sessiondb l2l [detail] */
	{"Session Type:", h_l2l, 0},
	{"Connection", h_connection, 0},
	{"Connection :", h_connection, 0},
	{"Index", h_index, 0},
	{"Protocol", h_protocol, 0},
	{"IKE:", h_blk_ike, 0},
	{"IKEv1:", h_blk_ike, 0},
	{"IKEv2:", h_blk_ike, 0},
	{"IPsec:", h_blk_ipsec, 0},
	{"IPSec:", h_blk_ipsec, 0},
	{"IPsecOverNatT:", h_blk_ipsec, 0},
	{"NAC:", h_blk_other, 0},
	{"Local Addr", h_local_addr, 0},
	{"Remote Addr", h_remote_addr, 0},
	{"Pkts Tx", h_pkts, 0},
	{"Rekey Int (T):", h_rekey, 0},
	{"Rekey Int (D):", h_l2l_skip, 0},
	{"Encryption", h_l2l_skip, 0},
	{"Encryption :", h_l2l_skip, 0},
	{"Hashing", h_l2l_skip, 0},
	{"Bytes Tx", h_l2l_skip, 0},
	{"Login Time", h_l2l_skip, 0},
	{"Duration", h_l2l_skip, 0},
	{"Filter Name", h_l2l_skip, 0},
	{"IPv6 Filter", h_l2l_skip, 0},
	{"IKE Sessions:", h_ike_count, 0},
	{"IKE Tunnels:", h_ike_count, 0},
	{"IKEv1 Tunnels:", h_ike_count, 0},
	{"IKEv2 Tunnels:", h_ike_count, 0},
	{"IPsec Tunnels:", h_l2l_skip, 0},
	{"IPsecOverNatT Tunnels:", h_l2l_skip, 0},
	{"Session ID", h_l2l_skip, 0},
	{"Tunnel ID", h_l2l_skip, 0},
	{"UDP Src Port", h_l2l_skip, 0},
	{"IKE Neg Mode", h_l2l_skip, 0},
	{"Rem Auth Mode:", h_l2l_skip, 0},
	{"Loc Auth Mode:", h_l2l_skip, 0},
	{"D/H Group", h_l2l_skip, 0},
	{"PRF", h_l2l_skip, 0},
	{"Encapsulation:", h_l2l_skip, 0},
	{"Idle Time Out:", h_l2l_skip, 0},
	{"Reval Int (T):", h_l2l_skip, 0},
	{"SQ Int (T)", h_l2l_skip, 0},
	{"Hold Left (T):", h_l2l_skip, 0},
	{"Redirect URL", h_l2l_skip, 0},
	{"Group Policy", h_l2l_skip, 0},
	{"Tunnel Group", h_l2l_skip, 0},
	{"Last Used Time", h_l2l_skip, 0},
	{"Conn Time Out:", h_l2l_skip, 0},
	{"Security Grp", h_l2l_skip, 0},
	{"Auth Mode", h_l2l_skip, 0},
	{"Integrity", h_l2l_skip, 0},
	/* show crypto map (both dialects) */
	{"Crypto Map", h_cmap, 0},
	{"Crypto Map:", h_cmap, 0},
	{"Interfaces using crypto map", h_cmap_ifaces, 0},
	{"WARNING:", h_cmap_skip, 0},
	{"(missing peer or access-list definitions)", h_cmap_skip, 0},
	{"Peer =", h_cmap_skip, 0},
	{"Current peer:", h_cmap_skip, 0},
	{"Access-List SS dynamic:", h_cmap_skip, 0},
	{"Extended IP access list", h_cmap_skip, 0},
	{"Extended IP access check", h_cmap_skip, 0},
	{"No matching address list set.", h_cmap_skip, 0},
	{"access-list", h_cmap_skip, 0},
	{"Security association lifetime:", h_cmap_skip, 0},
	{"Dualstack (Y/N):", h_cmap_skip, 0},
	{"Responder-Only (Y/N):", h_cmap_skip, 0},
	{"PFS (Y/N):", h_cmap_skip, 0},
	{"Mixed-mode :", h_cmap_skip, 0},
	{"Transform sets={", h_cmap_skip, 0},
	{"IKEv2 Profile:", h_cmap_skip, 0},
	{"ISAKMP Profile:", h_cmap_skip, 0},
	{"IKEv1 Proposals={", h_cmap_skip, 0},
	{"IKEv2 Proposals={", h_cmap_skip, 0},
	{"Reverse Route Injection Enabled", h_cmap_skip, 0},
	{"Local Address:", h_cmap_skip, 0},
	{"Local Address", h_cmap_skip, 0},
	{"}", h_cmap_skip, 0},
};

tc_cmdtab tc_state_session_tab =
	TC_CMDTAB("show crypto session|vpn-sessiondb|crypto map", session_cmds);
