/* state_int.h: what the state capture parser's files (state.c, state_*.c) share. */
#ifndef TC_STATE_INT_H
#define TC_STATE_INT_H

#include "parser_int.h"

/* Which command's output the lines belong to: set by a command line, a
 * header ("IPv4 Crypto ISAKMP SA", "Crypto session current status") or the
 * first line only one command prints; decides how a bare table row reads. */
enum tc_ssec {
	TC_SS_NONE = 0,
	TC_SS_IPSEC,	     /* show crypto ipsec sa [detail] (both dialects) */
	TC_SS_ISAKMP,	     /* IOS show crypto isakmp sa: dst src state conn-id status */
	TC_SS_ISAKMP_DETAIL, /* IOS show crypto isakmp sa detail: C-id Local Remote ... */
	TC_SS_IKEV2,	     /* IOS show crypto ikev2 sa [detailed] */
	TC_SS_ASA_IKEV1,     /* ASA show crypto ikev1 sa [detail] / show crypto isakmp sa */
	TC_SS_ASA_IKEV2,     /* ASA show crypto ikev2 sa */
	TC_SS_SESSION,	     /* IOS show crypto session [detail] */
	TC_SS_L2L,	     /* ASA show vpn-sessiondb l2l [detail] */
	TC_SS_CMAP,	     /* show crypto map (both dialects): read and skipped */
	TC_SS_OTHER,	     /* another command's output: its lines are not read */
};

/* Where the rows of the current ESP SA list go. */
enum tc_sdir { TC_SD_NONE = 0, TC_SD_IN, TC_SD_OUT, TC_SD_OTHER };

/* vpn-sessiondb detail: the block of a session being read. */
enum tc_sblk { TC_SB_NONE = 0, TC_SB_IKE, TC_SB_IPSEC, TC_SB_OTHER };

typedef struct tc_sstate {
	tc_pstate st; /* first: the line handlers get &st (SS() casts back) */
	tc_obs *obs;
	enum tc_ssec sec;
	/* show crypto ipsec sa: the block being read (state_ipsec.c) */
	const char *iface; /* "interface: X" (arena); also the session's "Interface: X" */
	const char *cmap;  /* "Crypto map tag: M" (arena) */
	unsigned seq;
	bool has_seq;
	uint32_t local_addr; /* "local addr A" of the map tag line */
	tc_obs_sa *sa;	     /* the SA block being read, or NULL */
	bool sa_v6;	     /* the block is an IPv6 one: its lines are skipped */
	enum tc_sdir dir;    /* the ESP SA list being read */
	uint32_t esp_spi;    /* the SPI of the ESP SA being read */
	bool esp_seen;	     /* an ESP SA is listed in the block */
	unsigned counted;    /* counters read for the SA or flow: 1 encaps, 2 decaps (both:
				has_counters) */
	/* IKE lists (state_ike.c) */
	struct tc_spend *pend; /* IOS isakmp rows whose ends are decided at the end */
	bool v6_noted;	       /* the note on IPv6 IKE SAs was given */
	bool v2_wait;	       /* an ikev2 "id fvrf/ivrf status" row waits for its ends */
	bool v2_v6;	       /* its local end was IPv6: the remote one is skipped too */
	tc_tok v2_state;       /* its status (scratch copy) */
	unsigned v2_line;
	uint32_t v2_local; /* its "Local A/P" */
	tc_obs_ike *ike;   /* the IKE SA whose lines follow (ASA ikev1 "State :", l2l) */
	/* sessions and vpn-sessiondb (state_session.c) */
	uint32_t peer;	       /* "Peer: A port P", "IP Addr : A" */
	const char *peer_name; /* "IP Addr : NAME" (tc_s_peer()) */
	bool has_peer;
	tc_obs_sa *flow; /* the session's IPSEC FLOW / l2l IPsec block being read */
	/* the flow is an SA an earlier command showed (tc_s_sa_merge()): what it gives only fills
	 * what that one lacks */
	bool fill_counters, fill_lifetime, fill_no_sa;
	bool ike_wait;	    /* an "IKEv2 SA: local A/P" waits for its "remote B/P S" line */
	unsigned ike_ver;   /* its version */
	uint32_t ike_local; /* its local end */
	unsigned ike_line;
	enum tc_sblk blk;  /* vpn-sessiondb: the block being read */
	unsigned l2l_ver;  /* vpn-sessiondb: the session's IKE version (Protocol line) */
	bool cmap_ifaces;  /* show crypto map: "Interfaces using crypto map M:" read */
	unsigned sec_no;   /* sections read so far (a new one at each change of sec) */
	unsigned *ike_sec; /* per IKE SA in capture order, the section it was read in (scratch) */
	size_t ike_cap;
} tc_sstate;

#define SS(st) ((tc_sstate *)(st))

/* The line tables of the commands (state_ipsec.c, state_ike.c), prepared once. */
extern tc_cmdtab tc_state_ipsec_tab, tc_state_ike_tab, tc_state_session_tab;

/* A new SA of the capture at the current line, with the map tag's context, appended. */
tc_obs_sa *tc_s_sa_new(tc_sstate *ss);
/* A new IKE SA of the capture at the current line, appended. */
tc_obs_ike *tc_s_ike_new(tc_sstate *ss, uint32_t peer, uint32_t local, unsigned version,
			 const tc_tok *state, bool up);
/* sa (the capture's last SA, of a session or vpn-sessiondb) or, when `show crypto ipsec sa`
 * showed the same SA (proxy pair, protocol, ports, peer) earlier, that one, sa unlinked;
 * sets ss->fill_*: the lines that follow fill only what the SA lacks. */
tc_obs_sa *tc_s_sa_merge(tc_sstate *ss, tc_obs_sa *sa);
/* One IKE SA shown by two commands (an IKE list and a session list, or vpn-sessiondb) is
 * kept once: the later one of another section with the same peer, and the same version and
 * local address where both say, fills what the earlier lacks and is dropped. */
void tc_s_ike_dedupe(tc_sstate *ss);
/* Close the SA block being read (its no_sa flag). */
void tc_s_sa_close(tc_sstate *ss);
/* Token t without trailing punctuation (",", ";", ":" and ")"). */
tc_tok tc_s_trim(tc_tok t);
/* An IPv4 address at t (trailing punctuation and "/PORT" cut, a "(" prefix skipped; an ASA
 * `name` of the device's config resolved); false when it is not one. */
bool tc_s_ip(tc_sstate *ss, tc_tok t, uint32_t *out);
/* The peer at token i of the current line: its address into *out, or (an ASA `name` no
 * config defines) 0 and *name the name as printed (arena), with an unresolved-name warning;
 * false when it is an IPv6 address. */
bool tc_s_peer(tc_sstate *ss, size_t i, uint32_t *out, const char **name);
/* A decimal number of up to 20 digits at t (trailing punctuation cut). */
bool tc_s_u64(tc_tok t, uint64_t *out);
/* Whether t holds an IPv6 address (a ':' among hex digits), trailing punctuation cut. */
bool tc_s_is_v6(tc_tok t);
/* "A/M" or "A/M/PROTO/PORT" (an ident, an l2l selector) at t, trailing punctuation cut: 1 read
 * (proto and port 0 when not printed), 0 an IPv6 one, -1 neither. */
int tc_s_ident(tc_tok t, tc_prefix *pfx, uint8_t *proto, uint16_t *port);
/* The IKE state word t is an established one (QM_IDLE, MM_ACTIVE, READY, UP-ACTIVE, Active). */
bool tc_s_ike_up(const tc_tok *t);
/* The rows of an IKE list (they start with no keyword); 0, or TC_ENOTFOUND. */
int tc_s_ike_row(tc_sstate *ss, const tc_line *ln);
/* Decide the ends of the capture's IOS isakmp rows (at the end of the capture). */
void tc_s_ike_finish(tc_sstate *ss);
/* The rows of a session list or crypto map without a keyword (legend, transform sets,
 * interface names), and the ASA's anti-replay bitmap rows; 0, or TC_ENOTFOUND. */
int tc_s_session_row(tc_sstate *ss, const tc_line *ln);
/* The current line's `at`-th word onwards ends the line with `n` words. */
static inline bool tc_s_has(const tc_line *ln, size_t at, size_t n)
{
	return ln->ntok >= at + n;
}

#endif
