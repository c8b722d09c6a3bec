/* state_ike.c: the IKE SA lists, sessions and vpn-sessiondb of a state capture, into observed IKE SAs. */
#include "state_int.h"

#include <string.h>

/* Whether every word of ln is a hex number "0x..." (the ASA's anti-replay bitmap rows). */
static bool hex_row(const tc_line *ln)
{
	for (size_t i = 0; i < ln->ntok; i++)
		if (ln->tok[i].len < 3 || ln->tok[i].p[0] != '0' || (ln->tok[i].p[1] | 0x20) != 'x')
			return false;
	return true;
}

int tc_s_ike_row(tc_sstate *ss, const tc_line *ln)
{
	if (ss->sec == TC_SS_IPSEC && hex_row(ln) && (ss->sa || ss->sa_v6)) {
		ss->st.lstat = TC_L_SKIPPED;
		return 0;
	}
	return TC_ENOTFOUND;
}

static tc_cmd ike_cmds[] = {
	{"IPv4 Crypto ISAKMP SA", NULL, 0},
};

tc_cmdtab tc_state_ike_tab = TC_CMDTAB("show crypto isakmp sa", ike_cmds);
