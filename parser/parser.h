/* parser.h: the public interface of tunnelcast's Cisco ASA / IOS config and routing-table parser.
 *
 * The parser turns configuration text into calls on the model builders
 * (model/model.h). It never fails on bad input: every line it does not
 * understand becomes a diagnostic on the model (code "unknown-line",
 * "bad-syntax", "undefined-object", ...) and m->unknown_lines counts the
 * lines that were not understood. Secrets never reach a diagnostic: every
 * diagnostic's text goes through tc_mask_secrets(), and pre-shared keys are
 * kept only as a digest (tc_secret_digest()).
 *
 * Threads: the functions below may run concurrently on different models;
 * they share only the compiled pattern table, which is built once, on first
 * use, under pthread_once().
 */
#ifndef TC_PARSER_H
#define TC_PARSER_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

/* The largest file tc_snapshot_load() reads by default (--max-file-size):
 * a config of 100 000 devices' worth of lines is under 100 MiB. */
#define TC_FILE_MAX_DEFAULT ((size_t)256 * 1024 * 1024)

typedef struct tc_parse_opts {
	tc_dialect dialect;   /* TC_DIALECT_UNKNOWN = detect per file */
	unsigned jobs;	      /* tc_snapshot_load(): threads reading files; 0 or 1: one. The
				 model is the same whatever the number */
	size_t max_file_size; /* tc_snapshot_load(): a larger file is skipped with an
				 error; 0: TC_FILE_MAX_DEFAULT */
	void (*progress)(void *ctx, size_t done, size_t total); /* or NULL: tc_snapshot_load()
				 calls it with the config files read so far, on its caller's
				 thread only (a progress line) */
	void *progress_ctx;					/* progress's ctx */
} tc_parse_opts;

/* Parse one config text buf[0..len) named `file` into a new device of m.
 * opts may be NULL (detect the dialect). Never fails on bad input: unknown
 * lines become diagnostics. Returns 0, or TC_ENOMEM (TC_ERROR only if the
 * built-in pattern table failed to compile, which is a bug). *out (out may
 * be NULL) gets the device, owned by m. */
int tc_parse_config(tc_device **out, tc_model *m, const char *file, const char *buf, size_t len,
		    const tc_parse_opts *opts);

/* Parse a `show ip route` (IOS) / `show route` (ASA) capture buf[0..len)
 * named `file` into d's captured routes (origin TC_RT_CAPTURED; the model
 * then builds d's FIB from the capture alone). The line shapes of both
 * dialects are recognised whatever d->dialect says. Routes of a VRF
 * (`Routing Table: NAME`) are skipped with a note. Returns 0, TC_ENOMEM, or
 * TC_ERROR as tc_parse_config(). */
int tc_parse_routes(tc_model *m, tc_device *d, const char *file, const char *buf, size_t len);

/* Parse a capture of a device's live crypto state buf[0..len) named `file`
 * into d->obs (a new tc_obs, arena-allocated, replacing any earlier one):
 * the output of any of, one after the other, with or without the command
 * line and its prompt: IOS/IOS-XE `show crypto ipsec sa [detail]`, `show
 * crypto isakmp sa [detail]`, `show crypto ikev2 sa [detailed]`, `show
 * crypto session [detail]`, `show crypto map`; ASA `show crypto ipsec sa
 * [detail]`, `show crypto ikev1 sa`, `show crypto ikev2 sa`, `show
 * vpn-sessiondb l2l [detail]`, `show crypto map`. The line shapes of both
 * dialects are recognised whatever d->dialect says; an ASA `name` printed
 * for an address is resolved through d's config. Lines not understood are
 * "unknown-state-line" warnings (d->obs->stats, m->unknown_lines); IPv6 SAs
 * are skipped with a note. Returns 0, TC_ENOMEM, or TC_ERROR as
 * tc_parse_config(). */
int tc_parse_state(tc_model *m, tc_device *d, const char *file, const char *buf, size_t len);

/* Load a snapshot directory: SNAPSHOT/configs/<files> (its folders too,
 * files named "site-a/r1.cfg"; links to folders not followed) (or
 * SNAPSHOT/<files> when there is no configs/ directory; or SNAPSHOT itself when it is a
 * regular file, a one-device snapshot), in file-name order; then, for each
 * device, SNAPSHOT/routes/<hostname>.txt (or routes/<config file stem>.txt)
 * when present, and SNAPSHOT/state/<hostname>.txt (or state/<config file
 * stem>.txt) into d->obs the same way; a state/ file that names no device
 * gets a note. Hidden files (.*), README* and *.md are skipped. A file that
 * cannot be read, is empty, looks binary (NUL bytes), is over
 * opts->max_file_size or is UTF-16 that does not convert gets one error
 * diagnostic and is skipped; a symbolic link leaving the snapshot gets a
 * warning and is not read; the rest is still loaded. Does not call
 * tc_model_finalize(). Returns 0; TC_EIO with a message in err[0..errlen)
 * when the snapshot path cannot be opened or holds no config file at all;
 * TC_ENOMEM. */
int tc_snapshot_load(tc_model *m, const char *path, const tc_parse_opts *opts, char *err,
		     size_t errlen);

/* Why tc_text_read() refused a file it could read. */
typedef enum tc_text_refusal {
	TC_TEXT_READ = 0,  /* not refused */
	TC_TEXT_BINARY,	   /* it holds a NUL byte (reading stopped at the first) */
	TC_TEXT_TOO_LARGE, /* more than max bytes (not read, when its size says so) */
	TC_TEXT_BAD_UTF16, /* UTF-16 (a byte-order mark or ASCII every other byte) that does
			      not convert: an odd length or an unpaired surrogate */
} tc_text_refusal;

/* The file at path as text into *out (malloc'd, free() it; NUL-terminated,
 * no NUL inside) and its length into *len: UTF-16 converted to UTF-8, a
 * file whose lines end in CR alone given LF ends (textfile.c). At most max
 * bytes are read (0: TC_FILE_MAX_DEFAULT). 0; TC_EPARSE with *why when the
 * file is refused; TC_EIO when it cannot be opened, TC_ERROR when reading
 * it fails, TC_ENOMEM (errno says why). *out is NULL on any failure. */
int tc_text_read(char **out, size_t *len, const char *path, size_t max, tc_text_refusal *why);
/* The same from an open stream f (standard input for `-`), read to its end; f stays open. */
int tc_text_read_stream(char **out, size_t *len, FILE *f, size_t max, tc_text_refusal *why);
/* tc_text_read() with the default limit, for callers that need no reason. */
int tc_file_read(char **out, size_t *len, const char *path);

/* The dialect a config text is written in. A version banner decides ("ASA
 * Version", "PIX Version", "FWSM Version"; IOS's "version 15.2"); else the
 * lines only one dialect writes are counted (ASA: indented nameif or
 * security-level, tunnel-group, names, "access-list NAME extended", object
 * network, crypto ikev1 / ipsec ikev1|ikev2, one-line crypto map attributes;
 * IOS: ip route|access-list|nat|vrf|host, crypto keyring, crypto isakmp
 * key|profile, crypto map NAME SEQ ipsec-isakmp, a dynamic map entry block,
 * crypto pki, key chain, line, boot-start-marker)
 * and TC_DIALECT_ASA wins when it has more; TC_DIALECT_IOS otherwise. */
tc_dialect tc_detect_dialect(const char *buf, size_t len);

/* Copy line[0..len) into buf[0..n) (always NUL-terminated when n > 0,
 * truncated if needed) with every secret replaced by "<removed>". Secrets are
 * found by the shape of the command (IOS and ASA, keywords abbreviated as the
 * CLI accepts them, indentation and a CLI prompt ignored): passwords and
 * secrets of enable, username, line, PPP; IKE pre-shared keys (crypto isakmp
 * key, keyrings, tunnel-groups, IKEv2 profiles, failover); IPsec manual
 * session keys; key import/export passphrases; SNMP communities and user
 * passphrases; TACACS+/RADIUS/AAA server keys (ASA's positional aaa-server
 * key too); key chains; OSPF, OSPFv3 IPsec, BGP, EIGRP, IS-IS, NTP, NHRP,
 * HSRP, VRRP and GLBP authentication. The words after a secret that are not
 * known to be harmless go too. A line of no known shape has the word after a
 * key, password, secret, community ... keyword masked. An encryption type
 * digit (`key 7 X`) is kept, X is removed. Used for every quoted line. */
void tc_mask_secrets(char *buf, size_t n, const char *line, size_t len);

/* Config files read back to quote their lines: lint places a finding's
 * column on the line the model names (the model keeps file and line, not
 * text). Each file is read once, on first use, and kept with where each of
 * its lines starts until tc_srcindex_free(); not safe for concurrent use. */
typedef struct tc_srcindex tc_srcindex;

/* A new, empty index (never NULL: kit.h's out-of-memory policy); free with
 * tc_srcindex_free(). */
tc_srcindex *tc_srcindex_new(void);
/* Free ix and every file it read (NULL is fine). */
void tc_srcindex_free(tc_srcindex *ix);
/* Line `line` (1-based) of the file at path, without its line end and with
 * secrets masked by tc_mask_secrets(), into buf[0..n). 0, or TC_ENOTFOUND
 * when the file cannot be read or has no such line. */
int tc_srcindex_line(tc_srcindex *ix, const char *path, unsigned line, char *buf, size_t n);

/* An inline lint suppression written in a config (suppress.c): `tunnelcast: disable=RULE[,RULE]
 * [REASON]` (or `disable-file=`) in a `!` comment, an ASA `:` comment at column 0, an ACL
 * `remark` or a `description`. */
typedef struct tc_suppression {
	unsigned line;	      /* the comment's line */
	unsigned first, last; /* the lines it covers (disable-file: 1, UINT_MAX) */
	char *rules;	      /* the rule list as written, "TC104,TC105" (malloc'd) */
	char *reason;	      /* the text after it, or NULL (malloc'd) */
} tc_suppression;

/* The suppressions in the config at path, in line order, into *out (malloc'd; free with
 * tc_suppressions_free()) and their number into *n. What a suppression covers: disable-file,
 * the whole file; in a `description`, the block it stands in (the line above it at a smaller
 * indent, with its sub-mode lines); otherwise the command that follows (the next line that is
 * not blank or a comment) with its sub-mode lines; 0, 0 when nothing follows. 0, or TC_EIO /
 * TC_ERROR / TC_ENOMEM as tc_file_read(). */
int tc_parse_suppressions(tc_suppression **out, size_t *n, const char *path);
void tc_suppressions_free(tc_suppression *v, size_t n);

#endif
