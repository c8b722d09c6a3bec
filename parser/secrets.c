/* secrets.c: secrets masked out of every config line a diagnostic or a lint finding quotes.
 *
 * Design. A line is masked by its command's shape: one table (shapes[]) lists
 * the secret-bearing commands of IOS and ASA, each as a pattern of words that
 * says where its secrets stand. Keywords match as the CLI reads them, by
 * prefix ("enable pass X", "crypto isakmp ke X address A"), and a secret is
 * found by its position, not its text, so a secret that equals a keyword
 * ("username u password password") is masked and the word after it is not.
 * A line is matched without its indentation (a sub-mode command whose
 * indentation was lost is masked the same), after a CLI prompt and a `no`.
 * The first pattern that matches decides; the words after the pattern's end
 * that are not known to be harmless are masked too, as a line of an
 * unexpected shape may carry a secret further on. A line no pattern matches
 * falls back to keywords (defence in depth): the word after a keyword that
 * usually precedes a secret is masked, and what follows it as above. */
#include "parser_int.h"

#include <stdbool.h>
#include <string.h>

#define MASK_TEXT "<removed>"
#define MASK_MAXTOK 256 /* words masked one by one; the rest of a longer line is dropped */
#define MASK_MAXSEC 8	/* secrets one pattern marks */

/* The secret-bearing commands. A pattern is a sequence of items, each
 * matching words of the line from its first (its `no` and prompt aside):
 *   word[s]   a keyword: "word" or its abbreviation "word", "words" ("pas[sword]":
 *             pas, pass ... password); a|b: either keyword
 *   *  #  I  @   any word; a number; an IPv4 address; a word in parentheses
 *   T         an encryption type (0 5 6 7 8 9) before a secret
 *   S         the secret
 *   (...)     optional: tried first, then skipped
 *   ...       any words (as few as possible) up to what follows
 *   $ $a|b    the end of the line, or (with keywords) a word that is one of them, not consumed
 *   !x        the word here is not x (one word item), not consumed
 * Words after the pattern are accepted (and masked unless harmless, when the
 * pattern has a secret). Where a type word could be the
 * secret itself (`crypto isakmp key 6 address A`), the items after it decide. */
static const char *const shapes[] = {
	/* device passwords */
	"ena[ble] (alg[orithm-type] *) p[assword]|s[ecret] (lev[el] #) T S",
	"passwd S",
	"pas[sword] T S", /* line: its sub-line at column 0 */
	"user[name] * ... pa[ssword]|sec[ret] T S",
	"ppp chap pas[sword] T S",
	"ppp pap sent-u[sername] * pas[sword] T S",
	"ip ftp pas[sword] T S",

	/* IKE pre-shared keys: IOS global and keyrings, ASA tunnel-groups */
	"cry[pto] isa[kmp] ke[y] T S $add[ress]|h[ostname]|ipv6 (add[ress]|h[ostname]|ipv6 *)",
	"isa[kmp] ke[y] T S $add[ress]|h[ostname]|ipv6 (add[ress]|h[ostname]|ipv6 *)", /* PIX */
	"pre[-shared-key] S $", /* ASA before 8.4 */
	"pre[-shared-key] add[ress]|h[ostname]|ipv6 ... k[ey] T S",
	"pre[-shared-key] !add[ress]|h[ostname]|ipv6 (loc[al]|rem[ote]) T S",
	"ikev1 pre[-shared-key] T S",
	"ikev2 rem[ote-authentication]|loc[al-authentication] pre[-shared-key] (hex) T S",
	"au[thentication] loc[al]|rem[ote] pre[-share] k[ey] T S", /* IOS IKEv2 profile */
	"fail[over] ipsec pre[-shared-key] T S",
	"fail[over] k[ey] (hex) T S",

	/* IPsec manual keys (crypto map ipsec-manual), key import and export */
	"set session-k[ey] in[bound]|out[bound] ah # S",
	"set session-k[ey] in[bound]|out[bound] esp # (c[ipher] S) (au[thenticator] S)",
	"cry[pto] key imp[ort]|exp[ort] rsa|ec * ... passp[hrase] S",
	"cry[pto] key imp[ort]|exp[ort] rsa|ec * ... S $", /* the passphrase comes last */
	"cry[pto] pki|ca imp[ort]|exp[ort] * ... pas[sword] S",
	"cry[pto] ca imp[ort]|exp[ort] * pkcs12 S", /* ASA */

	/* SNMP */
	"snmp-s[erver] comm[unity] T S",
	"snmp-s[erver] h[ost] !I * * ... comm[unity] T S", /* ASA: interface, host */
	"snmp-s[erver] h[ost] * (vrf *) (inf[orms]|tr[aps]) (v[ersion] * (auth|noauth|priv)) S",
	"snmp-s[erver] u[ser] * * ... au[th] * S (... pr[iv] * (128|192|256) S)",

	/* AAA servers; key lines of their blocks are the `key` lines below */
	"tacacs-s[erver]|radius-s[erver] h[ost] * ... k[ey] T S",
	"tacacs-s[erver]|radius-s[erver] k[ey] T S",
	"aaa-s[erver] * (@) h[ost] * t[imeout] # $", /* ASA, no key */
	"aaa-s[erver] * (@) h[ost] * S",	     /* ASA: the key is positional */
	"radius-c[ommon-pw] S",
	"ldap-login-p[assword] S",
	"server-k[ey] T S",
	"client * ... server-k[ey] T S",
	"server-p[rivate] * ... k[ey] T S",

	/* keys of AAA server blocks, VPN client groups, key chains; a key chain's name is none */
	"k[ey] ch[ain]",
	"k[ey] config-k[ey] p[assword-encrypt]|# S",
	"k[ey] config-k[ey]",
	"k[ey] T S",
	"key-s[tring] T S",

	/* routing protocols and first-hop redundancy */
	"(ip) os[pf] authentication-k[ey] T S",
	"(ip) os[pf] message-d[igest-key] # * T S",
	"ntp authentication-k[ey] # * S",
	"nei[ghbor] * pas[sword] T S",
	"au[thentication] mode hmac-sha-256 T S", /* named EIGRP */
	"au[thentication] k[ey] eigrp # T S",	  /* ASA EIGRP */
	"area-p[assword] T S",
	"domain-p[assword] T S",
	"isis pa[ssword] T S",
	"ip|ipv6 nh[rp] au[thentication] S",
	"ipv6 os[pf] au[thentication] ipsec spi # * T S",
	"ipv6 os[pf] encr[yption] ipsec spi # esp * (128|192|256) (T S) * T S",
	"ospfv3 (#) au[thentication] ipsec spi # * T S",
	"ospfv3 (#) encr[yption] ipsec spi # esp * (128|192|256) (T S) * T S",
	"area * (virtual-link *) au[thentication] ipsec spi # * T S",
	"area * (virtual-link *) encr[yption] ipsec spi # esp * (128|192|256) (T S) * T S",
	"stand[by]|vrrp|glbp (#) au[thentication] md5 key-c[hain]",
	"stand[by]|vrrp|glbp (#) au[thentication] md5 key-s[tring] T S",
	"stand[by]|vrrp|glbp (#) au[thentication] (t[ext]) S",
	"wpa-psk (ascii|hex) T S",
};

/* ---- the fallback: keywords ------------------------------------------------------- */

/* Keywords whose next argument is a secret. */
static const char *const secret_kw[] = {
	"key",
	"password",
	"passwd",
	"secret",
	"key-string",
	"pre-shared-key",
	"community",
	"authentication-key",
	"server-key",
	"password-encrypt",
	"ldap-login-password",
	"wpa-psk",
	"md5",
	"text",
	"shared-secret",
	"psk",
	NULL,
};
/* After `key`, these mean the key word is not followed by a secret. */
static const char *const key_not_secret[] = {"chain",	"config-key", "generate", "pubkey-chain",
					     "zeroize", "import",     "export",	  "decrypt",
					     "encrypt", "storage",    NULL};
/* After `pre-shared-key`: an address follows, the secret comes after `key`. */
static const char *const psk_addr_kw[] = {"address", "hostname", "ipv6", NULL};
/* Encryption-type words between a keyword and its secret. */
static const char *const type_words[] = {"0",	"5",	 "6",	      "7",     "8",	 "9",
					 "hex", "ascii", "encrypted", "local", "remote", NULL};
/* A type digit is the secret itself when one of these follows it. */
static const char *const after_secret[] = {"address", "hostname", "encrypted", "level", NULL};

/* Words that may follow a secret and are never secrets themselves. */
static const char *const safe_after[] = {
	"address",	"hostname",  "local",	"remote",  "encrypted", "level",	"privilege",
	"no-xauth",	"ro",	     "rw",	"view",	   "ipv6",	"nopassword",	"pbkdf2",
	"nt-encrypted", "mschap",    "auth",	"priv",	   "version",	"md5",		"sha",
	"sha256",	"sha512",    "des",	"3des",	   "aes",	"key",		"mask",
	"vrf",		"identity",  "ikev1",	"ikev2",   "timeout",	"2c",		"udp-port",
	"traps",	"informs",   "key-id",	"level-1", "level-2",	"authenticate", "snp",
	"validate",	"send-only", "netmask", NULL,
};

/* A small number (privilege 15) or an address-like word (1.2.3, 10.0.0.0/8). */
static bool small_num(const tc_tok *t)
{
	bool dot = false;
	for (size_t k = 0; k < t->len; k++) {
		if (t->p[k] == '.' || t->p[k] == '/')
			dot = true;
		else if (t->p[k] < '0' || t->p[k] > '9')
			return false;
	}
	return t->len > 0 && (dot || t->len <= 3);
}

static bool is_ip(const tc_tok *t)
{
	uint32_t ip;
	return tc_ip_parse(&ip, t->p, t->len) == 0;
}

/* Mask every word of tk[from, nt) not known to be harmless, up to a keyword
 * that masks on its own (stop_kw) when stop_kw is set. */
static void mask_rest(const tc_tok *tk, size_t from, size_t nt, bool stop_kw, bool *mask)
{
	for (size_t k = from; k < nt && !(stop_kw && tc_tok_in(&tk[k], secret_kw)); k++)
		if (!tc_tok_in(&tk[k], safe_after) && !is_ip(&tk[k]) && !small_num(&tk[k]))
			mask[k] = true;
}

static void mark_keywords(const tc_tok *tk, size_t from, size_t nt, bool *mask)
{
	for (size_t i = from; i + 1 < nt; i++) {
		const tc_tok *w = &tk[i];
		size_t j = i + 1;
		if (!tc_tok_in(w, secret_kw))
			continue;
		if (tc_tok_is(w, "key") && tc_tok_in(&tk[j], key_not_secret))
			continue;
		if (tc_tok_is(w, "pre-shared-key") && tc_tok_in(&tk[j], psk_addr_kw))
			continue;
		if ((tc_tok_is(w, "secret") || tc_tok_is(w, "password")) &&
		    tc_tok_is(&tk[j], "level"))
			j += 2;
		while (j + 1 < nt && tc_tok_in(&tk[j], type_words) &&
		       !tc_tok_in(&tk[j + 1], after_secret))
			j++;
		if (j < nt && tc_tok_in(&tk[j], secret_kw) && !tc_tok_is(&tk[j], "md5") &&
		    !tc_tok_is(&tk[j], "text"))
			continue; /* e.g. "md5 key-string 7 X": the next keyword masks */
		if (j >= nt)
			continue;
		mask[j] = true;
		mask_rest(tk, j + 1, nt, true, mask);
	}
}

/* ---- the shapes --------------------------------------------------------------------- */

typedef struct matcher {
	const tc_tok *tk;
	size_t nt;
	size_t sec[MASK_MAXSEC]; /* the secrets of the path being tried */
	size_t nsec;
	size_t end; /* where the pattern ended, once matched */
} matcher;

/* What follows the end of a group: the rest of the enclosing sequence. */
typedef struct cont {
	const char *p;
	const struct cont *next;
} cont;

/* Whether t is one of the keywords of alts[0..n) ("a[bc]|d"). */
static bool kw_alts(const tc_tok *t, const char *alts, size_t n)
{
	const char *end = alts + n;
	while (alts < end) {
		const char *bar = memchr(alts, '|', (size_t)(end - alts));
		size_t len = bar ? (size_t)(bar - alts) : (size_t)(end - alts);
		const char *br = memchr(alts, '[', len);
		if (!br) {
			if (t->len == len && tc_p_caseeq(t->p, alts, len))
				return true;
		} else {
			/* "pas[sword]": the word spelt out without brackets, at least "pas" */
			char kw[64];
			size_t req = (size_t)(br - alts), opt = len - req - 2;
			if (req + opt < sizeof kw) {
				memcpy(kw, alts, req);
				memcpy(kw + req, br + 1, opt);
				kw[req + opt] = '\0';
				if (tc_tok_abbrev(t, kw, req))
					return true;
			}
		}
		alts += len + 1;
	}
	return false;
}

static bool all_digits(const tc_tok *t)
{
	for (size_t k = 0; k < t->len; k++)
		if (t->p[k] < '0' || t->p[k] > '9')
			return false;
	return t->len > 0;
}

/* Whether the one-word item it[0..n) matches t. */
static bool word_item(const tc_tok *t, const char *it, size_t n)
{
	if (n == 1) {
		switch (it[0]) {
		case '*':
			return true;
		case '#':
			return all_digits(t);
		case 'T':
			return t->len == 1 && t->p[0] != '\0' && strchr("056789", t->p[0]);
		case 'I':
			return is_ip(t);
		case '@':
			return t->len >= 2 && t->p[0] == '(' && t->p[t->len - 1] == ')';
		default:
			break;
		}
	}
	return kw_alts(t, it, n);
}

/* The end of the group opening at p ('('). */
static const char *group_end(const char *p)
{
	int depth = 0;
	for (;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p;
	}
}

/* Whether the sequence of items at p, then k, matches the words from i on. */
static bool match_seq(matcher *m, const char *p, const cont *k, size_t i)
{
	while (*p == ' ')
		p++;
	if (*p == '\0' || *p == ')') {
		if (k)
			return match_seq(m, k->p, k->next, i);
		m->end = i;
		return true;
	}
	if (*p == '(') {
		const char *e = group_end(p);
		cont after = {e + 1, k};
		return match_seq(m, p + 1, &after, i) || match_seq(m, e + 1, k, i);
	}
	size_t n = strcspn(p, " )");
	const char *next = p + n;
	if (n == 3 && memcmp(p, "...", 3) == 0) {
		for (size_t j = i; j <= m->nt; j++)
			if (match_seq(m, next, k, j))
				return true;
		return false;
	}
	if (p[0] == '$') {
		bool end = i == m->nt || (n > 1 && word_item(&m->tk[i], p + 1, n - 1));
		return end && match_seq(m, next, k, i);
	}
	if (p[0] == '!')
		return !(i < m->nt && word_item(&m->tk[i], p + 1, n - 1)) &&
		       match_seq(m, next, k, i);
	if (n == 1 && p[0] == 'T') /* a type word is taken when what follows still matches */
		return (i < m->nt && word_item(&m->tk[i], p, n) && match_seq(m, next, k, i + 1)) ||
		       match_seq(m, next, k, i);
	if (i >= m->nt)
		return false;
	if (n == 1 && p[0] == 'S') {
		if (m->nsec == MASK_MAXSEC)
			return false;
		m->sec[m->nsec++] = i;
		if (match_seq(m, next, k, i + 1))
			return true;
		m->nsec--;
		return false;
	}
	return word_item(&m->tk[i], p, n) && match_seq(m, next, k, i + 1);
}

/* Mark the secrets of the first shape tk[from, nt) matches; false when none does. */
static bool mark_shape(const tc_tok *tk, size_t from, size_t nt, bool *mask)
{
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		matcher m = {tk, nt, {0}, 0, 0};
		if (!match_seq(&m, shapes[s], NULL, from))
			continue;
		size_t last = m.end; /* the words the shape names are no secrets */
		for (size_t k = 0; k < m.nsec; k++) {
			mask[m.sec[k]] = true;
			if (m.sec[k] + 1 > last)
				last = m.sec[k] + 1;
		}
		if (m.nsec > 0)
			mask_rest(tk, last, nt, false, mask);
		return true;
	}
	return false;
}

/* ---- masking a line ----------------------------------------------------------------- */

/* Split line[0..len) into words; the number of words, *more when some were left. */
static size_t split_words(tc_tok *tk, const char *line, size_t len, bool *more)
{
	size_t nt = 0, i = 0;
	*more = false;
	while (i < len) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len)
			break;
		size_t s = i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		if (nt == MASK_MAXTOK) {
			*more = true;
			break;
		}
		tk[nt].p = line + s;
		tk[nt].len = i - s;
		nt++;
	}
	return nt;
}

/* Which words of tk[0, nt) are secrets. */
static void mark_secrets(const tc_tok *tk, size_t nt, bool *mask)
{
	if (nt == 0)
		return;
	/* a pasted session's prompt ("R1(config)#enable secret X") is no part of the command */
	tc_tok w[MASK_MAXTOK];
	memcpy(w, tk, nt * sizeof *tk);
	size_t from = 0;
	int mode;
	size_t pl = tc_p_prompt_len(&w[0], &mode);
	if (pl == w[0].len)
		from = 1;
	else {
		w[0].p += pl;
		w[0].len -= pl;
	}
	if (from < nt && tc_tok_is(&w[from], "no"))
		from++;
	if (!mark_shape(w, from, nt, mask))
		mark_keywords(w, from, nt, mask);
}

void tc_p_mask_line(char *buf, size_t n, const char *line, size_t len, unsigned *col)
{
	if (n == 0)
		return;
	tc_tok tk[MASK_MAXTOK];
	bool mask[MASK_MAXTOK] = {0};
	bool more;
	size_t nt = split_words(tk, line, len, &more);
	mark_secrets(tk, nt, mask);

	size_t o = 0, pos = 0;
	long shift = 0;
	unsigned c0 = col ? *col : 0;
#define PUT(src, cnt)                                                                              \
	do {                                                                                       \
		size_t k_ = (cnt);                                                                 \
		if (o + k_ >= n)                                                                   \
			k_ = n - 1 - o;                                                            \
		memcpy(buf + o, (src), k_);                                                        \
		o += k_;                                                                           \
	} while (0)
	for (size_t t = 0; t < nt; t++) {
		size_t start = (size_t)(tk[t].p - line);
		PUT(line + pos, start - pos);
		if (mask[t]) {
			PUT(MASK_TEXT, sizeof MASK_TEXT - 1);
			if (c0 > start + 1)
				shift += (long)(sizeof MASK_TEXT - 1) - (long)tk[t].len;
		} else {
			PUT(tk[t].p, tk[t].len);
		}
		pos = start + tk[t].len;
	}
	if (more)
		PUT(" " MASK_TEXT, sizeof MASK_TEXT); /* words past MASK_MAXTOK are dropped */
	else
		PUT(line + pos, len - pos);
#undef PUT
	buf[o] = '\0';
	if (col && c0 > 0) {
		long c = (long)c0 + shift;
		*col = c < 1 ? 1 : (unsigned)c;
	}
}

void tc_mask_secrets(char *buf, size_t n, const char *line, size_t len)
{
	tc_p_mask_line(buf, n, line, len, NULL);
}
