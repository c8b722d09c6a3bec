/* state.c: a device's observed crypto state (d->obs, a state capture) as a table or as JSON. */
#include "render.h"
#include "render_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* "10.0.0.0/24" of an ident, with ":PROTO/PORT" when the ident is narrower than any IP. */
static const char *ident_text(char *buf, size_t n, tc_prefix p, uint8_t proto, uint16_t port)
{
	char pfx[TC_PREFIX_STRLEN];
	tc_prefix_format(pfx, sizeof pfx, p);
	if (proto || port)
		snprintf(buf, n, "%s:%u/%u", pfx, proto, port);
	else
		snprintf(buf, n, "%s", pfx);
	return buf;
}

/* "0x1234ABCD" of an SPI into buf; NULL when none was shown. */
static const char *spi_text(char *buf, size_t n, uint32_t spi)
{
	if (!spi)
		return NULL;
	snprintf(buf, n, "0x%08" PRIX32, spi);
	return buf;
}

static void put_cell(FILE *out, const char *s, int width)
{
	char buf[256];
	size_t k = 0;
	for (; s && s[k] && k + 1 < sizeof buf; k++)
		buf[k] = (unsigned char)s[k] < 0x20 || s[k] == 0x7f ? '?' : s[k];
	buf[k] = '\0';
	fprintf(out, "%-*s ", width, k ? buf : "-");
}

static void text_sa(FILE *out, const tc_obs_sa *sa)
{
	char a[64], b[64], seq[16], ip[TC_IP_STRLEN], num[32];
	put_cell(out, sa->iface, 18);
	if (sa->has_seq)
		snprintf(seq, sizeof seq, "%u", sa->seq);
	snprintf(b, sizeof b, "%s%s%s", sa->cmap ? sa->cmap : "-", sa->has_seq ? " " : "",
		 sa->has_seq ? seq : "");
	put_cell(out, b, 16);
	put_cell(out, ident_text(a, sizeof a, sa->local, sa->proto, sa->lport), 20);
	put_cell(out, ident_text(b, sizeof b, sa->remote, sa->proto, sa->rport), 20);
	put_cell(out, sa->peer ? tc_ip_format(ip, sizeof ip, sa->peer) : sa->peer_name, 15);
	put_cell(out, sa->local_addr ? tc_ip_format(ip, sizeof ip, sa->local_addr) : NULL, 15);
	if (sa->has_counters)
		snprintf(num, sizeof num, "%" PRIu64 "/%" PRIu64, sa->encaps, sa->decaps);
	put_cell(out, sa->has_counters ? num : NULL, 17);
	put_cell(out, spi_text(a, sizeof a, sa->spi_in), 10);
	put_cell(out, spi_text(b, sizeof b, sa->spi_out), 10);
	if (sa->lifetime_s >= 0)
		snprintf(num, sizeof num, "%lds", sa->lifetime_s);
	fprintf(out, "%s\n", sa->no_sa ? "no SA" : sa->lifetime_s >= 0 ? num : "-");
}

int tc_render_state_text(FILE *out, const tc_device *d)
{
	const tc_obs *o = d->obs;
	fprintf(out, "%-18s %-16s %-20s %-20s %-15s %-15s %-17s %-10s %-10s %s\n", "INTERFACE",
		"MAP SEQ", "LOCAL", "REMOTE", "PEER", "LOCAL ADDR", "ENCAPS/DECAPS", "SPI IN",
		"SPI OUT", "LIFETIME");
	for (const tc_obs_sa *sa = o ? o->sas : NULL; sa; sa = sa->next)
		text_sa(out, sa);
	fprintf(out, "\n%-15s %-15s %-7s %s\n", "IKE PEER", "LOCAL ADDR", "VERSION", "STATE");
	char ip[TC_IP_STRLEN], ver[8];
	for (const tc_obs_ike *k = o ? o->ikes : NULL; k; k = k->next) {
		put_cell(out, k->peer ? tc_ip_format(ip, sizeof ip, k->peer) : k->peer_name, 15);
		put_cell(out, k->local_addr ? tc_ip_format(ip, sizeof ip, k->local_addr) : NULL,
			 15);
		snprintf(ver, sizeof ver, "IKEv%u", k->version);
		put_cell(out, k->version ? ver : NULL, 7);
		fprintf(out, "%s%s\n", k->state ? k->state : "-", k->up ? " (up)" : "");
	}
	tc_linestats s = o ? o->stats : (tc_linestats){0};
	unsigned understood = s.modelled + s.skipped;
	fprintf(out, "%zu SA%s, %zu IKE SA%s; %u lines, %u understood (%.1f%%)\n", o ? o->nsas : 0,
		o && o->nsas == 1 ? "" : "s", o ? o->nikes : 0, o && o->nikes == 1 ? "" : "s",
		s.lines, understood, s.lines ? 100.0 * understood / s.lines : 100.0);
	return ferror(out) ? TC_ERROR : 0;
}

void tc_jw_obs_sa(tc_jw *j, const char *key, const tc_obs_sa *sa)
{
	char buf[64];
	tc_jw_open(j, key, '{');
	tc_jw_str(j, "interface", sa->iface);
	tc_jw_str(j, "crypto_map", sa->cmap);
	tc_jw_uint_if(j, "seq", sa->has_seq, sa->seq);
	tc_jw_prefix(j, "local", sa->local);
	tc_jw_prefix(j, "remote", sa->remote);
	tc_jw_uint(j, "protocol", sa->proto);
	tc_jw_uint(j, "local_port", sa->lport);
	tc_jw_uint(j, "remote_port", sa->rport);
	tc_jw_ip(j, "peer", sa->peer != 0, sa->peer);
	tc_jw_str(j, "peer_name", sa->peer_name);
	tc_jw_ip(j, "local_address", sa->local_addr != 0, sa->local_addr);
	tc_jw_uint_if(j, "encaps", sa->has_counters, sa->encaps);
	tc_jw_uint_if(j, "decaps", sa->has_counters, sa->decaps);
	tc_jw_str(j, "spi_in", spi_text(buf, sizeof buf, sa->spi_in));
	tc_jw_str(j, "spi_out", spi_text(buf, sizeof buf, sa->spi_out));
	tc_jw_uint_if(j, "lifetime", sa->lifetime_s >= 0, (unsigned long long)sa->lifetime_s);
	tc_jw_bool(j, "established", !sa->no_sa);
	tc_jw_uint(j, "line", sa->line);
	tc_jw_close(j, '}');
}

void tc_jw_obs_ike(tc_jw *j, const char *key, const tc_obs_ike *k)
{
	tc_jw_open(j, key, '{');
	tc_jw_ip(j, "peer", k->peer != 0, k->peer);
	tc_jw_str(j, "peer_name", k->peer_name);
	tc_jw_ip(j, "local_address", k->local_addr != 0, k->local_addr);
	tc_jw_uint_if(j, "version", k->version != 0, k->version);
	tc_jw_str(j, "state", k->state);
	tc_jw_bool(j, "up", k->up);
	tc_jw_uint(j, "line", k->line);
	tc_jw_close(j, '}');
}

int tc_render_state_json(FILE *out, const tc_device *d)
{
	const tc_obs *o = d->obs;
	tc_jw j = {.out = out, .fresh = true};
	tc_jw_open_report(&j);
	tc_jw_open(&j, "sas", '[');
	for (const tc_obs_sa *sa = o ? o->sas : NULL; sa; sa = sa->next)
		tc_jw_obs_sa(&j, NULL, sa);
	tc_jw_close(&j, ']');
	tc_jw_open(&j, "ike_sas", '[');
	for (const tc_obs_ike *k = o ? o->ikes : NULL; k; k = k->next)
		tc_jw_obs_ike(&j, NULL, k);
	tc_jw_close(&j, ']');
	tc_linestats s = o ? o->stats : (tc_linestats){0};
	tc_jw_open(&j, "lines", '{');
	tc_jw_uint(&j, "lines", s.lines);
	tc_jw_uint(&j, "modelled", s.modelled);
	tc_jw_uint(&j, "skipped", s.skipped);
	tc_jw_uint(&j, "unknown", s.unknown);
	tc_jw_close(&j, '}');
	return tc_jw_finish(&j, '}');
}
