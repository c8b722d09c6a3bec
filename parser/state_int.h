/* state_int.h: what the files of the state capture parser share (state.c, state_ipsec.c, state_ike.c). */
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

typedef struct tc_sstate {
	tc_pstate st; /* first: the line handlers get &st (SS() casts back) */
	tc_obs *obs;
	enum tc_ssec sec;
	/* show crypto ipsec sa: the block being read */
	const char *iface; /* "interface: X" (arena) */
	const char *cmap;  /* "Crypto map tag: M" (arena) */
	unsigned seq;
	bool has_seq;
	uint32_t local_addr; /* "local addr A" of the map tag line */
	tc_obs_sa *sa;	     /* the SA block being read, or NULL */
	bool sa_v6;	     /* the block is an IPv6 one: its lines are skipped */
	enum tc_sdir dir;    /* the ESP SA list being read */
	uint32_t esp_spi;    /* the SPI of the ESP SA being read */
	bool esp_seen;	     /* an ESP SA is listed in the block */
	/* show crypto session / ikev2 sa detail / vpn-sessiondb: the peer block */
	uint32_t peer; /* "Peer: A port P", "Connection : A", "Remote A/500" */
	bool has_peer;
	uint32_t local;	  /* "Local A/500" (ikev2 two-line rows) */
	tc_obs_ike *ike;  /* the IKE SA being read (ikev2 multi-line rows) */
	tc_obs_sa *flow;  /* the session's IPSEC FLOW being read */
	unsigned ike_ver; /* "IKEv1 SA:", "IKEv2 SA:"; session headers */
	bool l2l_ike;	  /* vpn-sessiondb: inside an "IKE:" / "IKEv2:" block */
} tc_sstate;

#define SS(st) ((tc_sstate *)(st))

/* The line tables of the commands (state_ipsec.c, state_ike.c), prepared once. */
extern tc_cmdtab tc_state_ipsec_tab, tc_state_ike_tab;

/* A new SA of the capture at the current line, with the map tag's context, appended. */
tc_obs_sa *tc_s_sa_new(tc_sstate *ss);
/* A new IKE SA of the capture at the current line, appended. */
tc_obs_ike *tc_s_ike_new(tc_sstate *ss, uint32_t peer, uint32_t local, unsigned version,
			 const tc_tok *state, bool up);
/* Close the SA block being read (its no_sa flag). */
void tc_s_sa_close(tc_sstate *ss);
/* Token t without trailing punctuation (",", ";", ":" and ")"). */
tc_tok tc_s_trim(tc_tok t);
/* An IPv4 address at t (trailing punctuation and "/PORT" cut, a "(" prefix skipped; an ASA
 * `name` of the device's config resolved); false when it is not one. */
bool tc_s_ip(tc_sstate *ss, tc_tok t, uint32_t *out);
/* A decimal number of up to 20 digits at t (trailing punctuation cut). */
bool tc_s_u64(tc_tok t, uint64_t *out);
/* Whether t holds an IPv6 address (a ':' among hex digits), trailing punctuation cut. */
bool tc_s_is_v6(tc_tok t);
/* The IKE state word t is an established one (QM_IDLE, MM_ACTIVE, READY, UP-ACTIVE, Active). */
bool tc_s_ike_up(const tc_tok *t);
/* The rows of a section that start with no keyword (table rows); 0, or TC_ENOTFOUND. */
int tc_s_ike_row(tc_sstate *ss, const tc_line *ln);
/* The current line's `at`-th word onwards ends the line with `n` words. */
static inline bool tc_s_has(const tc_line *ln, size_t at, size_t n)
{
	return ln->ntok >= at + n;
}

#endif
