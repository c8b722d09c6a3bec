/* tcgen.c: deterministic, seedable generator of synthetic inputs for tunnelcast's benchmarks.
 *
 * Three outputs:
 *
 *   tcgen snapshot -o DIR [options]   a whole hub-and-spoke VPN estate (configs/ and routes/)
 *   tcgen config -o FILE [options]    one large running-config (parser throughput), or
 *                                     one router with many interfaces and static routes
 *   tcgen routes -o FILE [options]    one large `show ip route` capture (route ingestion)
 *
 * The snapshot is built to be correct: every peer is reachable through the
 * transit routers, both ends of every tunnel share the pre-shared key, IKE
 * policy, transform set and PFS group, and every spoke ACL mirrors its hub
 * ACL line for line. What makes predictions move is deliberate and
 * controlled: a share of the remote sites return some hub networks through a
 * backup gateway (the owner moves to it, as in the founding lab's scenario B)
 * or split a hub network's return between two gateways (the domain
 * oscillates, as in samples/split-return), and a share of the entries carry
 * one extra ACL line that overlaps two of their own lines.
 *
 * Topology (every device counts toward --devices):
 *   HUBn    head-end gateway (ASA or IOS), one crypto map entry per
 *           (hub, remote site, entry): peers = that site's gateways, in order
 *   HLANn   the hub's LAN router: its networks 10.n.x.0/24 are the local side
 *   SnGWk   gateway k of remote site n (ASA or IOS), a mirrored entry per hub entry
 *   SnLAN   the site's LAN router: its networks are the remote side; it returns
 *           each hub network via gateway 1 (floating statics via the others)
 *   ISPn    transit routers, up to 60 customer /30s each; CORE joins them
 *   BRn     branch routers without crypto, filling the device count
 *
 * Everything is a pure function of the parameters and --seed: the same
 * command line writes the same bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- deterministic randomness --------------------------------------------- */

static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A uniform 64-bit value for (seed, tag, a, b): stable however the other
 * parameters change, so doubling one parameter does not reshuffle the rest. */
static uint64_t hash4(uint64_t seed, uint64_t tag, uint64_t a, uint64_t b)
{
	return mix64(mix64(mix64(seed ^ mix64(tag)) ^ a) ^ b);
}

static double unit(uint64_t h)
{
	return (double)(h >> 11) / 9007199254740992.0;
}

/* ---- small output helpers ----------------------------------------------------- */

static char ipbuf[16][16];
static unsigned ipnext;

/* Dotted quad in a rotating static buffer (up to 16 alive at once). */
static const char *ip(uint32_t a)
{
	char *b = ipbuf[ipnext++ % 16];
	snprintf(b, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	return b;
}

static uint32_t maskof(unsigned len)
{
	return len ? 0xffffffffu << (32 - len) : 0;
}

static const char *mask(unsigned len)
{
	return ip(maskof(len));
}

static const char *wild(unsigned len)
{
	return ip(~maskof(len));
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "tcgen: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (fflush(f) != 0 || ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "tcgen: error writing %s\n", path);
		exit(1);
	}
}

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);
	if (!p) {
		fputs("tcgen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void mkdir_p(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "tcgen: cannot create %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* ---- parameters ----------------------------------------------------------------- */

typedef struct params {
	uint64_t seed;
	unsigned devices;	/* total devices in the snapshot */
	unsigned entries;	/* crypto map entries on the hubs, in total */
	unsigned peers;		/* peers per hub entry = gateways per remote site, 1..4 */
	unsigned acl_lines;	/* permit lines per crypto ACL */
	unsigned routes;	/* routes per capture */
	double asym;		/* share of (site, hub network) pairs returned asymmetrically */
	double overlap;		/* share of entries with an extra overlapping ACL line */
	double asa;		/* share of ASA among the crypto gateways */
	unsigned hubs;		/* 0: one per 64 devices */
	unsigned hub_nets;	/* 0: every entry has its own local /24s; N: a pool of N per hub */
	unsigned statics;	/* extra static routes per crypto gateway */
	const char *capture;	/* "hubs" (default), "all" (every crypto gateway) or "none" */
	bool ospf;		/* --igp ospf: every device runs OSPF (ios_ospf) */
	const char *dialect;	/* config/routes: "ios" or "asa" */
	double mb;		/* config: target size in MB (10^6 bytes) */
	unsigned ifaces;	/* config: sub-interfaces of the ifaces shape */
	unsigned static_routes; /* config: static routes of the ifaces shape */
	bool iface_shape;	/* config: --ifaces or --static-routes given */
	const char *out;
} params;

/* ---- route captures ----------------------------------------------------------------- */

/* A route a capture lists besides the filler: connected, local, static. */
typedef struct caproute {
	uint32_t net;
	uint8_t len;
	char code[4];	    /* "C", "L", "S", "S*" */
	uint32_t nh;	    /* 0: directly connected */
	const char *ifname; /* IOS interface name or ASA nameif */
} caproute;

/* Filler routes live in 32.0.0.0/3, which nothing else in a snapshot uses:
 * they load the FIB and the parser without touching any tunnel. */
#define FILLER_BASE 0x20000000u
#define FILLER_END 0x40000000u

typedef struct filler {
	uint32_t net;
	uint8_t len;
	uint8_t kind; /* index into filler_codes */
	bool inside;  /* learnt from the inside neighbour (else the outside one) */
	uint8_t ecmp; /* equal-cost paths beyond the first (0..1) */
	bool wrap;    /* printed on two lines */
} filler;

static const char *const filler_codes[] = {"B", "O", "O IA", "O E2", "D", "D EX", "i L2", "S"};
static const unsigned filler_ad[] = {20, 110, 110, 110, 90, 170, 115, 1};

/* n filler routes, distinct and aligned, ascending; deterministic in seed. */
static filler *make_filler(uint64_t seed, unsigned n)
{
	static const uint8_t lens[] = {22, 23, 24, 24, 24, 24, 25, 26, 27, 28, 30, 32};
	filler *v = xcalloc(n, sizeof *v);
	uint64_t cur = FILLER_BASE;
	for (unsigned i = 0; i < n; i++) {
		uint64_t h = hash4(seed, 11, i, 0);
		uint8_t len = lens[h % (sizeof lens)];
		uint64_t size = 1ull << (32 - len);
		cur = (cur + size - 1) & ~(size - 1);
		if (cur + size > FILLER_END) {
			fprintf(stderr, "tcgen: too many filler routes (%u) for 32.0.0.0/3\n", n);
			exit(1);
		}
		v[i].net = (uint32_t)cur;
		v[i].len = len;
		v[i].kind = (uint8_t)((h >> 8) % 8);
		v[i].inside = ((h >> 16) & 3) == 0;
		v[i].ecmp = v[i].kind == 1 && ((h >> 20) & 7) == 0;
		v[i].wrap = v[i].kind == 3 && ((h >> 24) & 15) == 0;
		cur += size;
		/* leave holes now and then, as real tables do */
		if (((h >> 28) & 7) == 0)
			cur += size * (1 + ((h >> 32) & 3));
	}
	return v;
}

static const char *age(uint64_t h)
{
	static char b[4][16];
	static unsigned k;
	char *s = b[k++ % 4];
	switch (h % 4) {
	case 0:
		snprintf(s, 16, "%02u:%02u:%02u", (unsigned)(h >> 8) % 24, (unsigned)(h >> 16) % 60,
			 (unsigned)(h >> 24) % 60);
		break;
	case 1:
		snprintf(s, 16, "%uw%ud", 1 + (unsigned)(h >> 8) % 9, (unsigned)(h >> 16) % 7);
		break;
	case 2:
		snprintf(s, 16, "%ud%uh", 1 + (unsigned)(h >> 8) % 6, (unsigned)(h >> 16) % 24);
		break;
	default:
		snprintf(s, 16, "%02u:%02u:%02u", (unsigned)(h >> 8) % 24, (unsigned)(h >> 16) % 60,
			 (unsigned)(h >> 24) % 60);
	}
	return s;
}

/* Classful network of an address, as IOS groups `show ip route`. */
static uint8_t classful(uint32_t a)
{
	return a < 0x80000000u ? 8 : a < 0xc0000000u ? 16 : 24;
}

/* Path text of a filler route: "[AD/metric] via NH, AGE, IF" (IOS) or the
 * same with the ASA nameif. */
static void filler_path(FILE *f, const filler *r, uint64_t seed, unsigned i, uint32_t nh,
			const char *ifname, bool asa)
{
	uint64_t h = hash4(seed, 12, i, 0);
	unsigned ad = filler_ad[r->kind];
	unsigned metric = r->kind == 0 ? 0 : r->kind == 7 ? 0 : 10 + (unsigned)(h % 3000000);
	if (r->kind == 0 && !asa) /* iBGP/eBGP routes print no interface */
		fprintf(f, "[%u/%u] via %s, %s", ad, metric, ip(nh), age(h >> 8));
	else if (r->kind == 7)
		fprintf(f, "[%u/%u] via %s%s%s", ad, metric, ip(nh), asa ? ", " : "",
			asa ? ifname : "");
	else
		fprintf(f, "[%u/%u] via %s, %s, %s", ad, metric, ip(nh), age(h >> 8), ifname);
}

/* One `show ip route` (IOS) or `show route` (ASA) capture: the legend, the
 * gateway of last resort, the device's own routes (fixed) and nfill filler
 * routes via the inside or the outside neighbour. */
static void write_capture(FILE *f, bool asa, const caproute *fixed, unsigned nfixed,
			  const filler *fill, unsigned nfill, uint64_t seed, uint32_t out_nh,
			  const char *out_if, uint32_t in_nh, const char *in_if)
{
	if (asa) {
		fputs("\nCodes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
		      "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\n"
		      "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
		      "       E1 - OSPF external type 1, E2 - OSPF external type 2, V - VPN\n"
		      "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
		      "       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
		      "       o - ODR, P - periodic downloaded static route, + - replicated route\n",
		      f);
	} else {
		fputs("Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
		      "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n"
		      "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
		      "       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
		      "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
		      "       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
		      "       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP\n"
		      "       + - replicated route, % - next hop override\n",
		      f);
	}
	fprintf(f, "\nGateway of last resort is %s to network 0.0.0.0\n\n", ip(out_nh));
	if (asa) {
		for (unsigned i = 0; i < nfixed; i++) {
			const caproute *r = &fixed[i];
			if (r->nh)
				fprintf(f, "%-8s %s %s [1/0] via %s, %s\n", r->code, ip(r->net),
					mask(r->len), ip(r->nh), r->ifname);
			else
				fprintf(f, "%-8s %s %s is directly connected, %s\n", r->code,
					ip(r->net), mask(r->len), r->ifname);
		}
		for (unsigned i = 0; i < nfill; i++) {
			const filler *r = &fill[i];
			uint32_t nh = r->inside ? in_nh : out_nh;
			const char *ifn = r->inside ? in_if : out_if;
			fprintf(f, "%-8s %s %s", filler_codes[r->kind], ip(r->net), mask(r->len));
			fputs(r->wrap ? "\n           " : " ", f);
			filler_path(f, r, seed, i, nh, ifn, true);
			fputc('\n', f);
			if (r->ecmp) { /* the second path goes out the other uplink */
				fputs("                              ", f);
				filler_path(f, r, seed, i + 1, r->inside ? out_nh : in_nh,
					    r->inside ? out_if : in_if, true);
				fputc('\n', f);
			}
		}
		return;
	}
	/* IOS: routes grouped under their classful network; a header line says
	 * whether the lines carry their own length ("variably subnetted") */
	for (unsigned i = 0; i < nfixed; i++) {
		const caproute *r = &fixed[i];
		if (r->len == 0) {
			fprintf(f, "%-8s %s/0 [1/0] via %s\n", r->code, ip(r->net), ip(r->nh));
			continue;
		}
		if (r->nh)
			fprintf(f, "%-8s %s/%u [1/0] via %s\n", r->code, ip(r->net), r->len,
				ip(r->nh));
		else
			fprintf(f, "%-8s %s/%u is directly connected, %s\n", r->code, ip(r->net),
				r->len, r->ifname);
	}
	for (unsigned i = 0; i < nfill;) {
		uint8_t cl = classful(fill[i].net);
		uint32_t major = fill[i].net & maskof(cl);
		unsigned j = i, nmask = 0;
		bool seen[33] = {0};
		while (j < nfill && (fill[j].net & maskof(cl)) == major) {
			if (!seen[fill[j].len]) {
				seen[fill[j].len] = true;
				nmask++;
			}
			j++;
		}
		bool same = nmask == 1;
		if (same)
			fprintf(f, "      %s/%u is subnetted, %u subnets\n", ip(major), fill[i].len,
				j - i);
		else
			fprintf(f, "      %s/%u is variably subnetted, %u subnets, %u masks\n",
				ip(major), cl, j - i, nmask);
		for (unsigned k = i; k < j; k++) {
			const filler *r = &fill[k];
			uint32_t nh = r->inside ? in_nh : out_nh;
			const char *ifn = r->inside ? in_if : out_if;
			if (same)
				fprintf(f, "%-8s %s", filler_codes[r->kind], ip(r->net));
			else
				fprintf(f, "%-8s %s/%u", filler_codes[r->kind], ip(r->net), r->len);
			fputs(r->wrap ? " \n           " : " ", f);
			filler_path(f, r, seed, k, nh, ifn, false);
			fputc('\n', f);
			if (r->ecmp) {
				fputs("                  ", f);
				filler_path(f, r, seed, k + 1, r->inside ? out_nh : in_nh,
					    r->inside ? out_if : in_if, false);
				fputc('\n', f);
			}
		}
		i = j;
	}
}

/* ---- the snapshot -------------------------------------------------------------------- */

enum { MAX_PEERS = 4, ISP_PORTS = 60 };

typedef struct dev {
	char name[24];
	bool asa;
	unsigned cust;	   /* customer index on the transit routers */
	uint32_t out_addr; /* outside /30: this end */
	uint32_t out_nh;   /*   and the ISP's end */
	uint32_t in_addr;  /* inside /30 (hub, gateway): this end */
	uint32_t in_nh;	   /*   and the LAN router's end */
} dev;

typedef struct entry {
	unsigned hub, site;
	unsigned hub_seq;  /* sequence on the hub's map */
	unsigned site_seq; /* sequence on each site gateway's map */
	unsigned nl, nr;   /* local networks (hub pool indices from l0) x remote networks */
	unsigned l0;	   /* first local network index in its hub's block (wraps around a pool) */
	unsigned r0;	   /* first remote /24 index within the site block */
	unsigned nlines;   /* permit lines of the cross product used */
	bool overlap;	   /* extra line: local l0 to the /23 over remote r0, r0+1 */
	unsigned tset;	   /* 0: TS-AES256, 1: TS-AES128 */
	unsigned pfs;	   /* 0 or a DH group */
	bool objects;	   /* ASA hub: written with object network names */
	bool numbered;	   /* IOS: numbered access-list (else a named extended list) */
} entry;

typedef struct site {
	dev gw[MAX_PEERS];
	dev lan;
	uint32_t block;	   /* first address of its remote block */
	unsigned nremote;  /* remote /24s in use */
	unsigned *entries; /* indices into the entry table */
	unsigned nentries, capentries;
} rsite;

typedef struct snap {
	const params *p;
	unsigned H, S, K, B; /* hubs, sites, transit routers, branches */
	bool core;
	dev *hub, *hlan, *isp, *br;
	rsite *sites;
	entry *ent;
	unsigned E;
	unsigned block_len;	/* remote block prefix length */
	unsigned hub_block_len; /* prefix length of each hub's block of local networks */
	unsigned *hub_nnets;	/* local /24s in use per hub */
	unsigned ncust, per_isp;
	uint32_t link_next; /* next inside /30 */
} snap;

/* Transit router k's customer /24. */
static uint32_t isp_block(unsigned k)
{
	return (5u << 24) | ((100u + k / 256) << 16) | ((k % 256) << 8);
}

static uint32_t ix_addr(unsigned k) /* transit router k on the exchange LAN 5.99.0.0/16 */
{
	return (5u << 24) | (99u << 16) | (k + 2);
}

static void attach_customer(snap *s, dev *d)
{
	d->cust = s->ncust++;
	unsigned k = d->cust / s->per_isp, port = d->cust % s->per_isp;
	d->out_nh = isp_block(k) + 4 * port + 1;
	d->out_addr = d->out_nh + 1;
}

static void inside_link(snap *s, dev *d)
{
	d->in_addr = (172u << 24) | (16u << 16); /* 172.16.0.0/12 */
	d->in_addr += s->link_next * 4 + 1;
	d->in_nh = d->in_addr + 1;
	s->link_next++;
}

/* Hub h's x-th local /24, in its block of 10.0.0.0/9. */
static uint32_t hub_net(const snap *s, unsigned h, unsigned x)
{
	return 0x0a000000u + ((h << (24 - s->hub_block_len)) << 8) + (x << 8);
}

static uint32_t remote_net(const snap *s, unsigned site, unsigned r)
{
	return s->sites[site].block + (r << 8);
}

/* Index of entry e's i-th local network in its hub's block. */
static unsigned local_index(const snap *s, const entry *e, unsigned i)
{
	return s->p->hub_nets ? (e->l0 + i) % s->p->hub_nets : e->l0 + i;
}

static void entry_local(const snap *s, const entry *e, unsigned i, uint32_t *net)
{
	*net = hub_net(s, e->hub, local_index(s, e, i));
}

/* How many devices of each role: hubs, their LAN routers, as many remote
 * sites of (peers + 1) devices as fit with the transit routers they need, and
 * branch routers for what is left. */
static void plan(snap *s)
{
	const params *p = s->p;
	unsigned D = p->devices, P = p->peers;
	s->H = p->hubs ? p->hubs : (D / 64 > 1 ? D / 64 : 1);
	if (s->H > 126) {
		fprintf(stderr, "tcgen: at most 126 hubs (10.0-125.x.x are their networks)\n");
		exit(2);
	}
	for (unsigned S = (D > 2 * s->H + 1 ? (D - 2 * s->H - 1) / (P + 1) : 0) + 1; S-- > 0;) {
		unsigned rest = D - 2 * s->H - S * (P + 1);
		for (unsigned K = 1; K <= rest; K++) {
			unsigned core = K > 1;
			if (K + core > rest)
				break;
			unsigned B = rest - K - core;
			unsigned cust = s->H + S * P + B;
			if (cust <= K * ISP_PORTS) {
				s->S = S;
				s->K = K;
				s->core = core;
				s->B = B;
				goto found;
			}
		}
		if (S == 0)
			break;
	}
	fprintf(stderr, "tcgen: %u devices are too few for %u hub(s) and one site of %u gateways\n",
		D, s->H, P);
	exit(2);
found:
	if (s->S == 0) {
		fprintf(stderr, "tcgen: %u devices leave no room for a remote site\n", D);
		exit(2);
	}
	unsigned ncust = s->H + s->S * P + s->B;
	s->per_isp = (ncust + s->K - 1) / s->K;
}

static unsigned grid_side(unsigned lines)
{
	unsigned nl = 1;
	while (nl * nl < lines)
		nl++;
	return nl;
}

static void build(snap *s)
{
	const params *p = s->p;
	plan(s);
	s->hub = xcalloc(s->H, sizeof *s->hub);
	s->hlan = xcalloc(s->H, sizeof *s->hlan);
	s->isp = xcalloc(s->K, sizeof *s->isp);
	s->br = xcalloc(s->B, sizeof *s->br);
	s->sites = xcalloc(s->S, sizeof *s->sites);
	s->E = p->entries;
	s->ent = xcalloc(s->E, sizeof *s->ent);

	for (unsigned h = 0; h < s->H; h++) {
		dev *d = &s->hub[h];
		snprintf(d->name, sizeof d->name, "HUB%u", h + 1);
		d->asa = h % 2 == 0; /* the founding lab's hub is an ASA */
		attach_customer(s, d);
		inside_link(s, d);
		snprintf(s->hlan[h].name, sizeof s->hlan[h].name, "HLAN%u", h + 1);
	}
	for (unsigned i = 0; i < s->S; i++) {
		rsite *st = &s->sites[i];
		for (unsigned k = 0; k < p->peers; k++) {
			dev *g = &st->gw[k];
			snprintf(g->name, sizeof g->name, "S%uGW%u", i + 1, k + 1);
			g->asa = unit(hash4(p->seed, 1, i, k)) < p->asa;
			attach_customer(s, g);
			inside_link(s, g);
		}
		snprintf(st->lan.name, sizeof st->lan.name, "S%uLAN", i + 1);
	}
	for (unsigned b = 0; b < s->B; b++) {
		snprintf(s->br[b].name, sizeof s->br[b].name, "BR%u", b + 1);
		attach_customer(s, &s->br[b]);
	}
	for (unsigned k = 0; k < s->K; k++)
		snprintf(s->isp[k].name, sizeof s->isp[k].name, "ISP%u", k + 1);

	/* entries: round robin over hubs and sites */
	unsigned nl = grid_side(p->acl_lines);
	unsigned nr = (p->acl_lines + nl - 1) / nl;
	if (p->hub_nets && nl > p->hub_nets)
		nl = p->hub_nets, nr = (p->acl_lines + nl - 1) / nl;
	s->hub_nnets = xcalloc(s->H, sizeof *s->hub_nnets);
	unsigned *hub_seq = xcalloc(s->H, sizeof *hub_seq);
	for (unsigned j = 0; j < s->E; j++) {
		entry *e = &s->ent[j];
		e->hub = j % s->H;
		e->site = j % s->S;
		rsite *st = &s->sites[e->site];
		e->hub_seq = 10 * ++hub_seq[e->hub];
		e->site_seq = 10 * (st->nentries + 1);
		e->nl = nl;
		e->nr = nr;
		e->nlines = p->acl_lines;
		if (p->hub_nets) {
			e->l0 = (j / s->H * nl) % p->hub_nets;
			s->hub_nnets[e->hub] = p->hub_nets;
		} else {
			e->l0 = s->hub_nnets[e->hub];
			s->hub_nnets[e->hub] += nl;
		}
		e->r0 = st->nremote;
		st->nremote += nr + (nr & 1); /* keep each entry's block even-aligned */
		uint64_t h = hash4(p->seed, 2, j, 0);
		e->overlap = nr >= 2 && unit(h) < p->overlap;
		e->tset = (h >> 60) & 1;
		e->pfs = ((h >> 56) & 3) == 0 ? 14 : 0;
		e->objects = ((h >> 52) & 3) == 0;
		e->numbered = ((h >> 48) & 3) == 0;
		if (st->nentries == st->capentries) {
			st->capentries = st->capentries ? 2 * st->capentries : 8;
			st->entries = realloc(st->entries, st->capentries * sizeof *st->entries);
			if (!st->entries)
				exit(1);
		}
		st->entries[st->nentries++] = j;
	}
	free(hub_seq);

	/* hub blocks: one aligned power-of-two block of /24s per hub in 10.0.0.0/9 */
	unsigned hneed = 1;
	for (unsigned h = 0; h < s->H; h++)
		if (s->hub_nnets[h] > hneed)
			hneed = s->hub_nnets[h];
	unsigned hbits = 0;
	while ((1u << hbits) < hneed)
		hbits++;
	if (((uint64_t)s->H << hbits) > (1u << 15)) {
		fprintf(stderr, "tcgen: too many hub networks for 10.0.0.0/9 (%u hubs x %u /24s)\n",
			s->H, 1u << hbits);
		exit(2);
	}
	s->hub_block_len = 24 - hbits;

	/* remote blocks: one aligned power-of-two block of /24s per site */
	unsigned need = 1;
	for (unsigned i = 0; i < s->S; i++)
		if (s->sites[i].nremote > need)
			need = s->sites[i].nremote;
	unsigned bits = 0;
	while ((1u << bits) < need)
		bits++;
	s->block_len = 24 - bits;
	uint64_t total = (uint64_t)s->S << bits;
	uint32_t base = 0x0a800000u; /* 10.128.0.0/9 */
	if (total > (1u << 15)) {
		base = 0x80000000u; /* 128.0.0.0/2 */
		if (total > (1u << 22)) {
			fprintf(stderr, "tcgen: too many remote networks (%" PRIu64 " /24s)\n",
				total);
			exit(2);
		}
	}
	for (unsigned i = 0; i < s->S; i++)
		s->sites[i].block = base + (uint32_t)(((uint64_t)i << bits) << 8);
}

/* Return routing of a (site, hub network) pair: 0 via gateway 1 (symmetric),
 * 1 via another gateway (the owner moves), 2 split in two /25s via two
 * gateways (the domain oscillates). */
static unsigned asym_mode(const snap *s, unsigned site, unsigned hub, unsigned x, unsigned *gw)
{
	const params *p = s->p;
	if (p->peers < 2)
		return 0;
	uint64_t h = hash4(p->seed, 3, site, ((uint64_t)hub << 32) | x);
	if (unit(h) >= p->asym)
		return 0;
	*gw = 1 + (unsigned)((h >> 8) % (p->peers - 1));
	return (h >> 40) & 1 ? 2 : 1;
}

static const char *key_for(const snap *s, unsigned hub, unsigned site)
{
	static char b[2][32];
	static unsigned k;
	char *out = b[k++ % 2];
	snprintf(out, 32, "Vpn%04x-%u-%u", (unsigned)(hash4(s->p->seed, 4, hub, site) & 0xffff),
		 hub + 1, site + 1);
	return out;
}

static const char *ts_name(unsigned t)
{
	return t ? "TS-AES128" : "TS-AES256";
}

/* ---- IOS and ASA skeletons ------------------------------------------------------------ */

static void ios_head(FILE *f, const char *host, uint64_t h)
{
	fprintf(f, "!\n! Last configuration change at %02u:%02u:%02u UTC Mon Jan 2 2012\n!\n",
		(unsigned)(h % 24), (unsigned)(h >> 8) % 60, (unsigned)(h >> 16) % 60);
	fputs("version 15.6\nservice timestamps debug datetime msec\nservice timestamps log datetime msec\n"
	      "no service password-encryption\n!\n",
	      f);
	fprintf(f, "hostname %s\n!\nboot-start-marker\nboot-end-marker\n!\nno aaa new-model\n!\n",
		host);
}

static void ios_tail(FILE *f)
{
	fputs("!\ncontrol-plane\n!\nline con 0\nline aux 0\nline vty 0 4\n login\n transport input none\n!\nend\n",
	      f);
}

static void ios_iface(FILE *f, const char *name, const char *descr, uint32_t addr, unsigned len,
		      const char *cmap)
{
	fprintf(f, "interface %s\n description %s\n ip address %s %s\n", name, descr, ip(addr),
		mask(len));
	if (strncmp(name, "Loopback", 8) != 0 && !strchr(name, '.'))
		fputs(" duplex auto\n speed auto\n", f);
	if (cmap)
		fprintf(f, " crypto map %s\n", cmap);
	fputs("!\n", f);
}

static void ios_subif(FILE *f, unsigned port, unsigned vlan, const char *descr, uint32_t addr,
		      unsigned len)
{
	fprintf(f,
		"interface GigabitEthernet0/%u.%u\n description %s\n encapsulation dot1Q %u\n"
		" ip address %s %s\n!\n",
		port, vlan, descr, vlan, ip(addr), mask(len));
}

static void ios_crypto_common(FILE *f)
{
	fputs("crypto isakmp policy 10\n encr aes 256\n hash sha\n authentication pre-share\n group 14\n",
	      f);
}

static void ios_tsets(FILE *f)
{
	fputs("!\ncrypto ipsec transform-set TS-AES256 esp-aes 256 esp-sha-hmac\n mode tunnel\n"
	      "crypto ipsec transform-set TS-AES128 esp-aes esp-sha-hmac\n mode tunnel\n!\n",
	      f);
}

static void asa_head(FILE *f, const char *host, uint64_t h)
{
	fprintf(f, ": Saved\n\n:\n: Serial Number: 9A%08" PRIX64 "\n", h & 0xffffffffu);
	fputs(": Hardware:   ASAv, 2048 MB RAM, CPU Xeon 4100/6100/8100 series 2200 MHz\n:\n"
	      "ASA Version 9.8(4)\n!\n",
	      f);
	fprintf(f, "hostname %s\nnames\n\n!\n", host);
}

static void asa_iface(FILE *f, const char *name, const char *descr, const char *nameif, int level,
		      uint32_t addr, unsigned len)
{
	fprintf(f,
		"interface %s\n description %s\n nameif %s\n security-level %d\n ip address %s %s\n!\n",
		name, descr, nameif, level, ip(addr), mask(len));
}

static void asa_middle(FILE *f)
{
	fputs("pager lines 23\nmtu outside 1500\nmtu inside 1500\nno failover\n"
	      "icmp unreachable rate-limit 1 burst-size 1\nno arp permit-nonconnected\n",
	      f);
}

static void asa_crypto_common(FILE *f)
{
	fputs("timeout xlate 3:00:00\nno snmp-server location\n"
	      "crypto ipsec ikev1 transform-set TS-AES256 esp-aes-256 esp-sha-hmac\n"
	      "crypto ipsec ikev1 transform-set TS-AES128 esp-aes esp-sha-hmac\n"
	      "crypto ipsec security-association pmtu-aging infinite\n",
	      f);
}

static void asa_ike(FILE *f)
{
	fputs("crypto ikev1 enable outside\ncrypto ikev1 policy 10\n authentication pre-share\n"
	      " encryption aes-256\n hash sha\n group 14\n lifetime 86400\n!\n",
	      f);
}

static void asa_tail(FILE *f, uint64_t h)
{
	fprintf(f,
		"!\nprompt hostname context\nCryptochecksum:%016" PRIx64 "%016" PRIx64 "\n: end\n",
		mix64(h), mix64(h + 1));
}

/* --igp ospf: OSPF process 1, area 0, on net/len (len 0: every interface), the interface
 * toward the Internet passive. The transit routers put only their exchange LAN in it, so each
 * hub site, remote site and the transit core is an OSPF domain of its own, as in real estates
 * where sites do not run OSPF with their provider. */
static void ios_ospf(FILE *f, const params *p, const char *passive, uint32_t net, unsigned len)
{
	if (!p->ospf)
		return;
	fputs("router ospf 1\n", f);
	if (passive)
		fprintf(f, " passive-interface %s\n", passive);
	fprintf(f, " network %s ", ip(len ? net : 0));
	fprintf(f, "%s area 0\n!\n", len ? ip(~0u >> len) : "255.255.255.255");
}

/* The same on an ASA: its inside network only (ASA writes a mask, not a wildcard). */
static void asa_ospf(FILE *f, const params *p, uint32_t inside, unsigned len)
{
	if (!p->ospf)
		return;
	fprintf(f, "router ospf 1\n network %s ", ip(inside & ~(~0u >> len)));
	fprintf(f, "%s area 0\n!\n", mask(len));
}

static void asa_tunnel_group(FILE *f, uint32_t peer, const char *key)
{
	fprintf(f,
		"tunnel-group %s type ipsec-l2l\ntunnel-group %s ipsec-attributes\n ikev1 pre-shared-key %s\n",
		ip(peer), ip(peer), key);
}

/* Extra static routes of a crypto gateway: management and partner networks in
 * 198.18.0.0/15 via the inside neighbour. */
static uint32_t static_net(unsigned idx, unsigned i)
{
	return 0xc6120000u + (((idx * 37u + i * 101u) % 1024u) << 7);
}

static void statics(FILE *f, const snap *s, const dev *d, unsigned idx, bool asa)
{
	for (unsigned i = 0; i < s->p->statics; i++) {
		uint32_t net = static_net(idx, i);
		if (asa)
			fprintf(f, "route inside %s %s %s 1\n", ip(net), mask(25), ip(d->in_nh));
		else
			fprintf(f, "ip route %s %s %s name MGMT-%u\n", ip(net), mask(25),
				ip(d->in_nh), i + 1);
	}
}

/* ---- crypto ACLs -------------------------------------------------------------- */

/* The ACL name of entry j, on the hub (hub_side) or on the site gateways. */
static const char *acl_name(const snap *s, unsigned j, bool hub_side, bool asa)
{
	static char b[2][40];
	static unsigned k;
	char *out = b[k++ % 2];
	const entry *e = &s->ent[j];
	unsigned n = (hub_side ? e->hub_seq : e->site_seq) / 10 - 1; /* ordinal in its map */
	if (!asa && e->numbered && n < 800) /* extended numbered lists: 100-199, then 2000-2699 */
		snprintf(out, 40, "%u", n < 100 ? 100 + n : 2000 + (n - 100));
	else if (hub_side)
		snprintf(out, 40, "VPN-S%u-%u", e->site + 1, e->hub_seq);
	else
		snprintf(out, 40, "VPN-HUB%u-%u", e->hub + 1, e->hub_seq);
	return out;
}

/* The (local, remote) prefixes of permit line i of entry e, hub side. */
static void entry_line(const snap *s, const entry *e, unsigned i, uint32_t *l, uint8_t *ll,
		       uint32_t *r, uint8_t *rl)
{
	if (i == e->nlines) { /* the overlapping line */
		entry_local(s, e, 0, l);
		*ll = 24;
		*r = remote_net(s, e->site, e->r0);
		*rl = 23;
		return;
	}
	entry_local(s, e, i / e->nr, l);
	*ll = 24;
	*r = remote_net(s, e->site, e->r0 + i % e->nr);
	*rl = 24;
}

static unsigned entry_nlines(const entry *e)
{
	return e->nlines + e->overlap;
}

static void acl_ios(FILE *f, const snap *s, unsigned j, bool hub_side)
{
	const entry *e = &s->ent[j];
	const char *name = acl_name(s, j, hub_side, false);
	bool numbered = e->numbered && name[0] >= '0' && name[0] <= '9';
	if (!numbered)
		fprintf(f, "ip access-list extended %s\n", name);
	for (unsigned i = 0; i < entry_nlines(e); i++) {
		uint32_t l, r;
		uint8_t ll, rl;
		entry_line(s, e, i, &l, &ll, &r, &rl);
		if (!hub_side) {
			uint32_t t = l;
			uint8_t tl = ll;
			l = r, ll = rl, r = t, rl = tl;
		}
		if (numbered)
			fprintf(f, "access-list %s permit ip %s %s %s %s\n", name, ip(l), wild(ll),
				ip(r), wild(rl));
		else
			fprintf(f, " permit ip %s %s %s %s\n", ip(l), wild(ll), ip(r), wild(rl));
	}
	fputs("!\n", f);
}

static void acl_asa(FILE *f, const snap *s, unsigned j, bool hub_side)
{
	const entry *e = &s->ent[j];
	const char *name = acl_name(s, j, hub_side, true);
	for (unsigned i = 0; i < entry_nlines(e); i++) {
		uint32_t l, r;
		uint8_t ll, rl;
		entry_line(s, e, i, &l, &ll, &r, &rl);
		if (e->objects && i < e->nlines) {
			unsigned li = local_index(s, e, i / e->nr), ri = e->r0 + i % e->nr;
			if (hub_side)
				fprintf(f,
					"access-list %s extended permit ip object H%u-NET-%u object S%u-NET-%u\n",
					name, e->hub + 1, li, e->site + 1, ri);
			else
				fprintf(f,
					"access-list %s extended permit ip object S%u-NET-%u object H%u-NET-%u\n",
					name, e->site + 1, ri, e->hub + 1, li);
			continue;
		}
		if (!hub_side) {
			uint32_t t = l;
			uint8_t tl = ll;
			l = r, ll = rl, r = t, rl = tl;
		}
		fprintf(f, "access-list %s extended permit ip %s %s %s %s\n", name, ip(l), mask(ll),
			ip(r), mask(rl));
	}
}

/* ---- per-role configs ------------------------------------------------------------ */

static void write_hub(FILE *f, const snap *s, unsigned h)
{
	const dev *d = &s->hub[h];
	const params *p = s->p;
	uint64_t hh = hash4(p->seed, 5, h, 0);
	char descr[64];
	/* the entries of this hub and the gateways they name */
	if (d->asa) {
		asa_head(f, d->name, hh);
		snprintf(descr, sizeof descr, "to ISP%u (Internet)", d->cust / s->per_isp + 1);
		asa_iface(f, "GigabitEthernet0/0", descr, "outside", 0, d->out_addr, 30);
		asa_iface(f, "GigabitEthernet0/1", "to the hub LAN", "inside", 100, d->in_addr, 30);
		fputs("ftp mode passive\n", f);
		/* object names are defined once per device */
		bool *hub_obj = xcalloc(s->hub_nnets[h], sizeof *hub_obj);
		for (unsigned j = h; j < s->E; j += s->H) {
			const entry *e = &s->ent[j];
			if (!e->objects)
				continue;
			for (unsigned i = 0; i < e->nl; i++) {
				unsigned x = local_index(s, e, i);
				if (!hub_obj[x]) {
					hub_obj[x] = true;
					fprintf(f, "object network H%u-NET-%u\n subnet %s %s\n",
						h + 1, x, ip(hub_net(s, h, x)), mask(24));
				}
			}
			for (unsigned i = 0; i < e->nr; i++)
				fprintf(f, "object network S%u-NET-%u\n subnet %s %s\n",
					e->site + 1, e->r0 + i,
					ip(remote_net(s, e->site, e->r0 + i)), mask(24));
		}
		free(hub_obj);
		for (unsigned j = h; j < s->E; j += s->H)
			acl_asa(f, s, j, true);
		asa_middle(f);
		fprintf(f, "route outside 0.0.0.0 0.0.0.0 %s 1\n", ip(d->out_nh));
		fprintf(f, "route inside %s %s %s 1\n", ip(hub_net(s, h, 0)),
			mask(s->hub_block_len), ip(d->in_nh));
		statics(f, s, d, h, true);
		asa_crypto_common(f);
		for (unsigned j = h; j < s->E; j += s->H) {
			const entry *e = &s->ent[j];
			const rsite *st = &s->sites[e->site];
			fprintf(f, "crypto map OUTSIDE_MAP %u match address %s\n", e->hub_seq,
				acl_name(s, j, true, true));
			fprintf(f, "crypto map OUTSIDE_MAP %u set peer", e->hub_seq);
			for (unsigned k = 0; k < p->peers; k++)
				fprintf(f, " %s", ip(st->gw[k].out_addr));
			fputc('\n', f);
			fprintf(f, "crypto map OUTSIDE_MAP %u set ikev1 transform-set %s\n",
				e->hub_seq, ts_name(e->tset));
			if (e->pfs)
				fprintf(f, "crypto map OUTSIDE_MAP %u set pfs group%u\n",
					e->hub_seq, e->pfs);
		}
		fputs("crypto map OUTSIDE_MAP interface outside\n", f);
		asa_ike(f);
		/* one tunnel group per gateway this hub peers with */
		for (unsigned i = 0; i < s->S; i++) {
			if (i >= s->E)
				break;
			bool serves = false;
			for (unsigned q = 0; q < s->sites[i].nentries && !serves; q++)
				serves = s->ent[s->sites[i].entries[q]].hub == h;
			if (!serves)
				continue;
			for (unsigned k = 0; k < p->peers; k++)
				asa_tunnel_group(f, s->sites[i].gw[k].out_addr, key_for(s, h, i));
		}
		asa_ospf(f, s->p, d->in_addr, 30);
		asa_tail(f, hh);
		return;
	}
	ios_head(f, d->name, hh);
	ios_crypto_common(f);
	for (unsigned i = 0; i < s->S && i < s->E; i++) {
		bool serves = false;
		for (unsigned q = 0; q < s->sites[i].nentries && !serves; q++)
			serves = s->ent[s->sites[i].entries[q]].hub == h;
		if (serves)
			for (unsigned k = 0; k < p->peers; k++)
				fprintf(f, "crypto isakmp key %s address %s\n", key_for(s, h, i),
					ip(s->sites[i].gw[k].out_addr));
	}
	ios_tsets(f);
	for (unsigned j = h; j < s->E; j += s->H) {
		const entry *e = &s->ent[j];
		const rsite *st = &s->sites[e->site];
		fprintf(f, "crypto map CMAP %u ipsec-isakmp\n description S%u\n", e->hub_seq,
			e->site + 1);
		for (unsigned k = 0; k < p->peers; k++)
			fprintf(f, " set peer %s\n", ip(st->gw[k].out_addr));
		fprintf(f, " set transform-set %s\n", ts_name(e->tset));
		if (e->pfs)
			fprintf(f, " set pfs group%u\n", e->pfs);
		fprintf(f, " match address %s\n", acl_name(s, j, true, false));
	}
	fputs("!\n", f);
	snprintf(descr, sizeof descr, "to ISP%u (Internet)", d->cust / s->per_isp + 1);
	ios_iface(f, "GigabitEthernet0/0", descr, d->out_addr, 30, "CMAP");
	ios_iface(f, "GigabitEthernet0/1", "to the hub LAN", d->in_addr, 30, NULL);
	fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	fprintf(f, "ip route 0.0.0.0 0.0.0.0 %s\n", ip(d->out_nh));
	fprintf(f, "ip route %s %s %s\n", ip(hub_net(s, h, 0)), mask(s->hub_block_len),
		ip(d->in_nh));
	statics(f, s, d, h, false);
	fputs("!\n", f);
	for (unsigned j = h; j < s->E; j += s->H)
		acl_ios(f, s, j, true);
	ios_ospf(f, s->p, "GigabitEthernet0/0", 0, 0);
	ios_tail(f);
}

static void write_hlan(FILE *f, const snap *s, unsigned h)
{
	const dev *hub = &s->hub[h];
	ios_head(f, s->hlan[h].name, hash4(s->p->seed, 6, h, 0));
	ios_iface(f, "GigabitEthernet0/0", "to the hub", hub->in_nh, 30, NULL);
	fputs("interface GigabitEthernet0/1\n description trunk to the data centre\n no ip address\n!\n",
	      f);
	for (unsigned x = 0; x < s->hub_nnets[h]; x++) {
		char descr[32];
		if (x % 4000 == 0 && x)
			fprintf(f,
				"interface GigabitEthernet0/%u\n description trunk to the data centre\n no ip address\n!\n",
				1 + x / 4000);
		snprintf(descr, sizeof descr, "DC network %u", x);
		ios_subif(f, 1 + x / 4000, 10 + x % 4000, descr, hub_net(s, h, x) + 1, 24);
	}
	fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	fprintf(f, "ip route 0.0.0.0 0.0.0.0 %s\n", ip(hub->in_addr));
	ios_ospf(f, s->p, NULL, 0, 0);
	ios_tail(f);
}

static void write_gw(FILE *f, const snap *s, unsigned i, unsigned k)
{
	const rsite *st = &s->sites[i];
	const dev *d = &st->gw[k];
	const params *p = s->p;
	uint64_t hh = hash4(p->seed, 7, i, k);
	char descr[64];
	snprintf(descr, sizeof descr, "to ISP%u (Internet)", d->cust / s->per_isp + 1);
	/* hubs this site peers with */
	bool *hubs = xcalloc(s->H, sizeof *hubs);
	for (unsigned q = 0; q < st->nentries; q++)
		hubs[s->ent[st->entries[q]].hub] = true;
	if (d->asa) {
		asa_head(f, d->name, hh);
		asa_iface(f, "GigabitEthernet0/0", descr, "outside", 0, d->out_addr, 30);
		asa_iface(f, "GigabitEthernet0/1", "to the site LAN", "inside", 100, d->in_addr,
			  30);
		fputs("ftp mode passive\n", f);
		size_t *hub_off = xcalloc(s->H + 1, sizeof *hub_off);
		for (unsigned h = 0; h < s->H; h++)
			hub_off[h + 1] = hub_off[h] + s->hub_nnets[h];
		bool *hub_obj = xcalloc(hub_off[s->H], sizeof *hub_obj);
		for (unsigned q = 0; q < st->nentries; q++) {
			const entry *e = &s->ent[st->entries[q]];
			if (!e->objects)
				continue;
			for (unsigned x = 0; x < e->nl; x++) {
				uint32_t l;
				entry_local(s, e, x, &l);
				bool *seen = &hub_obj[hub_off[e->hub] + local_index(s, e, x)];
				if (*seen)
					continue;
				*seen = true;
				fprintf(f, "object network H%u-NET-%u\n subnet %s %s\n", e->hub + 1,
					local_index(s, e, x), ip(l), mask(24));
			}
			for (unsigned x = 0; x < e->nr; x++)
				fprintf(f, "object network S%u-NET-%u\n subnet %s %s\n",
					e->site + 1, e->r0 + x,
					ip(remote_net(s, e->site, e->r0 + x)), mask(24));
		}
		free(hub_obj);
		free(hub_off);
		for (unsigned q = 0; q < st->nentries; q++)
			acl_asa(f, s, st->entries[q], false);
		asa_middle(f);
		fprintf(f, "route outside 0.0.0.0 0.0.0.0 %s 1\n", ip(d->out_nh));
		fprintf(f, "route inside %s %s %s 1\n", ip(st->block), mask(s->block_len),
			ip(d->in_nh));
		statics(f, s, d, 1000 + i * 4 + k, true);
		asa_crypto_common(f);
		for (unsigned q = 0; q < st->nentries; q++) {
			unsigned j = st->entries[q];
			const entry *e = &s->ent[j];
			fprintf(f, "crypto map OUTSIDE_MAP %u match address %s\n", e->site_seq,
				acl_name(s, j, false, true));
			fprintf(f, "crypto map OUTSIDE_MAP %u set peer %s\n", e->site_seq,
				ip(s->hub[e->hub].out_addr));
			fprintf(f, "crypto map OUTSIDE_MAP %u set ikev1 transform-set %s\n",
				e->site_seq, ts_name(e->tset));
			if (e->pfs)
				fprintf(f, "crypto map OUTSIDE_MAP %u set pfs group%u\n",
					e->site_seq, e->pfs);
		}
		if (st->nentries)
			fputs("crypto map OUTSIDE_MAP interface outside\n", f);
		asa_ike(f);
		for (unsigned h = 0; h < s->H; h++)
			if (hubs[h])
				asa_tunnel_group(f, s->hub[h].out_addr, key_for(s, h, i));
		asa_ospf(f, s->p, d->in_addr, 30);
		asa_tail(f, hh);
		free(hubs);
		return;
	}
	ios_head(f, d->name, hh);
	ios_crypto_common(f);
	for (unsigned h = 0; h < s->H; h++)
		if (hubs[h])
			fprintf(f, "crypto isakmp key %s address %s\n", key_for(s, h, i),
				ip(s->hub[h].out_addr));
	ios_tsets(f);
	for (unsigned q = 0; q < st->nentries; q++) {
		unsigned j = st->entries[q];
		const entry *e = &s->ent[j];
		fprintf(f, "crypto map CMAP %u ipsec-isakmp\n description HUB%u\n set peer %s\n",
			e->site_seq, e->hub + 1, ip(s->hub[e->hub].out_addr));
		fprintf(f, " set transform-set %s\n", ts_name(e->tset));
		if (e->pfs)
			fprintf(f, " set pfs group%u\n", e->pfs);
		fprintf(f, " match address %s\n", acl_name(s, j, false, false));
	}
	fputs("!\n", f);
	ios_iface(f, "GigabitEthernet0/0", descr, d->out_addr, 30, st->nentries ? "CMAP" : NULL);
	ios_iface(f, "GigabitEthernet0/1", "to the site LAN", d->in_addr, 30, NULL);
	fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	fprintf(f, "ip route 0.0.0.0 0.0.0.0 %s\n", ip(d->out_nh));
	fprintf(f, "ip route %s %s %s\n", ip(st->block), mask(s->block_len), ip(d->in_nh));
	statics(f, s, d, 1000 + i * 4 + k, false);
	fputs("!\n", f);
	for (unsigned q = 0; q < st->nentries; q++)
		acl_ios(f, s, st->entries[q], false);
	ios_ospf(f, s->p, "GigabitEthernet0/0", 0, 0);
	ios_tail(f);
	free(hubs);
}

/* Counts of what the asymmetric routing did, for the plan summary. */
static unsigned long nmoved, nsplit;

static void write_slan(FILE *f, const snap *s, unsigned i)
{
	const rsite *st = &s->sites[i];
	const params *p = s->p;
	ios_head(f, st->lan.name, hash4(p->seed, 8, i, 0));
	for (unsigned k = 0; k < p->peers; k++) {
		char name[32], descr[32];
		snprintf(name, sizeof name, "GigabitEthernet0/%u", k);
		snprintf(descr, sizeof descr, "to %s", st->gw[k].name);
		ios_iface(f, name, descr, st->gw[k].in_nh, 30, NULL);
	}
	/* the remote networks: sub-interfaces on trunks, 4000 VLANs a port */
	for (unsigned r = 0; r < st->nremote; r++) {
		unsigned port = p->peers + r / 4000, vlan = 10 + r % 4000;
		if (r % 4000 == 0)
			fprintf(f,
				"interface GigabitEthernet0/%u\n description trunk to the site core\n no ip address\n!\n",
				port);
		char descr[32];
		snprintf(descr, sizeof descr, "site network %u", r);
		ios_subif(f, port, vlan, descr, remote_net(s, i, r) + 1, 24);
	}
	fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	/* return routes: each hub's /16 via gateway 1, floating via the others */
	bool *hubs = xcalloc(s->H, sizeof *hubs);
	for (unsigned q = 0; q < st->nentries; q++)
		hubs[s->ent[st->entries[q]].hub] = true;
	for (unsigned h = 0; h < s->H; h++) {
		if (!hubs[h])
			continue;
		for (unsigned k = 0; k < p->peers; k++) {
			if (k == 0)
				fprintf(f, "ip route %s %s %s\n", ip(hub_net(s, h, 0)),
					mask(s->hub_block_len), ip(st->gw[k].in_addr));
			else
				fprintf(f, "ip route %s %s %s %u\n", ip(hub_net(s, h, 0)),
					mask(s->hub_block_len), ip(st->gw[k].in_addr),
					10 * (k + 1));
		}
		/* asymmetric returns, once per hub network this site's entries use */
		bool *done = xcalloc(s->hub_nnets[h], sizeof *done);
		for (unsigned q = 0; q < st->nentries; q++) {
			const entry *e = &s->ent[st->entries[q]];
			if (e->hub != h)
				continue;
			for (unsigned x0 = 0; x0 < e->nl; x0++) {
				unsigned x = local_index(s, e, x0), gw = 0;
				if (done[x])
					continue;
				done[x] = true;
				unsigned mode = asym_mode(s, i, h, x, &gw);
				if (mode == 1) {
					fprintf(f, "ip route %s %s %s\n", ip(hub_net(s, h, x)),
						mask(24), ip(st->gw[gw].in_addr));
					nmoved++;
				} else if (mode == 2) {
					fprintf(f, "ip route %s %s %s\n", ip(hub_net(s, h, x)),
						mask(25), ip(st->gw[gw].in_addr));
					fprintf(f, "ip route %s %s %s\n",
						ip(hub_net(s, h, x) + 128), mask(25),
						ip(st->gw[0].in_addr));
					nsplit++;
				}
			}
		}
		free(done);
	}
	free(hubs);
	ios_ospf(f, s->p, NULL, 0, 0);
	ios_tail(f);
}

static void write_isp(FILE *f, const snap *s, unsigned k, const dev *const *cust, unsigned ncust)
{
	ios_head(f, s->isp[k].name, hash4(s->p->seed, 9, k, 0));
	for (unsigned c = k * s->per_isp; c < ncust && c < (k + 1) * s->per_isp; c++) {
		char name[32], descr[48];
		snprintf(name, sizeof name, "GigabitEthernet0/%u", c - k * s->per_isp);
		snprintf(descr, sizeof descr, "to %s", cust[c]->name);
		ios_iface(f, name, descr, cust[c]->out_nh, 30, NULL);
	}
	if (s->core) {
		ios_iface(f, "TenGigabitEthernet1/0", "exchange LAN to CORE", ix_addr(k), 16, NULL);
		fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
		fprintf(f, "ip route 0.0.0.0 0.0.0.0 %s\n", ip(ix_addr(0) - 1)); /* CORE */
	} else {
		fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	}
	if (s->core)
		ios_ospf(f, s->p, NULL, ix_addr(k), 16);
	else
		ios_ospf(f, s->p, NULL, 0, 0);
	ios_tail(f);
}

static void write_core(FILE *f, const snap *s)
{
	ios_head(f, "CORE", hash4(s->p->seed, 10, 0, 0));
	ios_iface(f, "TenGigabitEthernet1/0", "exchange LAN", ix_addr(0) - 1, 16, NULL);
	fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	for (unsigned k = 0; k < s->K; k++)
		fprintf(f, "ip route %s %s %s\n", ip(isp_block(k)), mask(24), ip(ix_addr(k)));
	ios_ospf(f, s->p, NULL, 0, 0);
	ios_tail(f);
}

static void write_branch(FILE *f, const snap *s, unsigned b)
{
	const dev *d = &s->br[b];
	ios_head(f, d->name, hash4(s->p->seed, 13, b, 0));
	char descr[48];
	snprintf(descr, sizeof descr, "to ISP%u (Internet)", d->cust / s->per_isp + 1);
	ios_iface(f, "GigabitEthernet0/0", descr, d->out_addr, 30, NULL);
	ios_iface(f, "Loopback0", "branch LAN", 0xc0a80000u + ((b % 4096) << 4) + 1, 28, NULL);
	fputs("ip forward-protocol nd\n!\nno ip http server\n", f);
	fprintf(f, "ip route 0.0.0.0 0.0.0.0 %s\n", ip(d->out_nh));
	ios_ospf(f, s->p, "GigabitEthernet0/0", 0, 0);
	ios_tail(f);
}

/* A capture for a hub or gateway: its connected, local and static routes as
 * the device itself would print them, then the filler. */
static void write_dev_capture(const char *path, const snap *s, const dev *d, unsigned idx,
			      uint32_t static_net0, unsigned static_len, const filler *fill,
			      unsigned nfill)
{
	FILE *f = open_out(path);
	const char *oif = d->asa ? "outside" : "GigabitEthernet0/0";
	const char *iif = d->asa ? "inside" : "GigabitEthernet0/1";
	unsigned n = 0;
	caproute *fixed = xcalloc(6 + s->p->statics, sizeof *fixed);
	fixed[n++] = (caproute){0, 0, "S*", d->out_nh, oif};
	fixed[n++] = (caproute){d->out_addr & maskof(30), 30, "C", 0, oif};
	fixed[n++] = (caproute){d->out_addr, 32, "L", 0, oif};
	fixed[n++] = (caproute){d->in_addr & maskof(30), 30, "C", 0, iif};
	fixed[n++] = (caproute){d->in_addr, 32, "L", 0, iif};
	fixed[n++] = (caproute){static_net0, (uint8_t)static_len, "S", d->in_nh, iif};
	for (unsigned i = 0; i < s->p->statics; i++) /* the config's extra statics, as printed */
		fixed[n++] = (caproute){static_net(idx, i), 25, "S", d->in_nh, iif};
	write_capture(f, d->asa, fixed, n, fill, nfill, s->p->seed, d->out_nh, oif, d->in_nh, iif);
	free(fixed);
	close_out(f, path);
}

static void write_snapshot(const params *p)
{
	snap s = {.p = p};
	build(&s);
	char path[4096];
	mkdir_p(p->out);
	snprintf(path, sizeof path, "%s/configs", p->out);
	mkdir_p(path);
	bool captures = strcmp(p->capture, "none") != 0 && p->routes > 0;
	if (captures) {
		snprintf(path, sizeof path, "%s/routes", p->out);
		mkdir_p(path);
	}
	filler *fill = captures ? make_filler(p->seed, p->routes) : NULL;
	unsigned nfill = captures ? p->routes : 0;

	for (unsigned h = 0; h < s.H; h++) {
		snprintf(path, sizeof path, "%s/configs/%s.cfg", p->out, s.hub[h].name);
		FILE *f = open_out(path);
		write_hub(f, &s, h);
		close_out(f, path);
		snprintf(path, sizeof path, "%s/configs/%s.cfg", p->out, s.hlan[h].name);
		f = open_out(path);
		write_hlan(f, &s, h);
		close_out(f, path);
		if (captures) {
			snprintf(path, sizeof path, "%s/routes/%s.txt", p->out, s.hub[h].name);
			write_dev_capture(path, &s, &s.hub[h], h, hub_net(&s, h, 0),
					  s.hub_block_len, fill, nfill);
		}
	}
	for (unsigned i = 0; i < s.S; i++) {
		const rsite *st = &s.sites[i];
		for (unsigned k = 0; k < p->peers; k++) {
			snprintf(path, sizeof path, "%s/configs/%s.cfg", p->out, st->gw[k].name);
			FILE *f = open_out(path);
			write_gw(f, &s, i, k);
			close_out(f, path);
			if (captures && strcmp(p->capture, "all") == 0) {
				snprintf(path, sizeof path, "%s/routes/%s.txt", p->out,
					 st->gw[k].name);
				write_dev_capture(path, &s, &st->gw[k], 1000 + i * 4 + k, st->block,
						  s.block_len, fill, nfill);
			}
		}
		snprintf(path, sizeof path, "%s/configs/%s.cfg", p->out, st->lan.name);
		FILE *f = open_out(path);
		write_slan(f, &s, i);
		close_out(f, path);
	}
	const dev **cust = xcalloc(s.ncust, sizeof *cust);
	for (unsigned h = 0; h < s.H; h++)
		cust[s.hub[h].cust] = &s.hub[h];
	for (unsigned i = 0; i < s.S; i++)
		for (unsigned k = 0; k < p->peers; k++)
			cust[s.sites[i].gw[k].cust] = &s.sites[i].gw[k];
	for (unsigned b = 0; b < s.B; b++) {
		cust[s.br[b].cust] = &s.br[b];
		snprintf(path, sizeof path, "%s/configs/%s.cfg", p->out, s.br[b].name);
		FILE *f = open_out(path);
		write_branch(f, &s, b);
		close_out(f, path);
	}
	for (unsigned k = 0; k < s.K; k++) {
		snprintf(path, sizeof path, "%s/configs/%s.cfg", p->out, s.isp[k].name);
		FILE *f = open_out(path);
		write_isp(f, &s, k, cust, s.ncust);
		close_out(f, path);
	}
	if (s.core) {
		snprintf(path, sizeof path, "%s/configs/CORE.cfg", p->out);
		FILE *f = open_out(path);
		write_core(f, &s);
		close_out(f, path);
	}

	unsigned long hub_lines = 0;
	for (unsigned j = 0; j < s.E; j++)
		hub_lines += entry_nlines(&s.ent[j]);
	unsigned long domains = hub_lines * (1 + p->peers);
	snprintf(path, sizeof path, "%s/README.md", p->out);
	FILE *f = open_out(path);
	fprintf(f,
		"# Synthetic snapshot written by bench/tcgen\n\n"
		"    tcgen snapshot --seed %" PRIu64
		" --devices %u --entries %u --peers %u --acl-lines %u"
		" --routes %u --asym %g --overlap %g --asa %g --hub-nets %u --statics %u --capture %s%s\n\n"
		"- devices: %u (%u hubs, %u hub LAN routers, %u sites of %u gateways and a LAN router,"
		" %u transit routers%s, %u branch routers)\n"
		"- crypto map entries: %u on the hubs, mirrored on every gateway of their site\n"
		"- domains (permit lines of crypto ACLs, both ends): %lu\n"
		"- (site, hub network) return routes: %lu moved to a backup gateway, %lu split between two\n",
		p->seed, p->devices, p->entries, p->peers, p->acl_lines, p->routes, p->asym,
		p->overlap, p->asa, p->hub_nets, p->statics, p->capture,
		p->ospf ? " --igp ospf" : "", p->devices, s.H, s.H, s.S, p->peers, s.K,
		s.core ? " and CORE" : "", s.B, s.E, domains, nmoved, nsplit);
	close_out(f, path);
	fprintf(stderr,
		"tcgen: %u devices (%u hubs, %u sites x %u gateways, %u transit, %u branches), %u entries, %lu domains, %lu moved / %lu split returns\n",
		p->devices, s.H, s.S, p->peers, s.K + s.core, s.B, s.E, domains, nmoved, nsplit);
	free(cust);
	free(fill);
	for (unsigned i = 0; i < s.S; i++)
		free(s.sites[i].entries);
	free(s.sites);
	free(s.ent);
	free(s.hub);
	free(s.hub_nnets);
	free(s.hlan);
	free(s.isp);
	free(s.br);
}

/* ---- one large config ------------------------------------------------------------- */

/* Unit u of a big config: one crypto map entry toward two peers, its ACL of
 * p->acl_lines lines (an nl-by-nr grid of /24s), their keys and a route to
 * the remote side; IOS adds a LAN sub-interface. */
static void write_unit(FILE *f, const params *p, bool asa, unsigned u, unsigned nr)
{
	uint64_t h = hash4(p->seed, 21, u, 0);
	uint32_t peer = 0x06000000u + (u << 3) + 2; /* 6.0.0.0/8, one /29 per unit */
	uint32_t local = 0x0a000000u + ((u % 65536) << 8);
	uint32_t remote = 0x80000000u + ((uint32_t)u * 8 << 8);
	unsigned seq = 1 + u % 65000; /* sequence numbers stay < 65536 */
	char map[32];
	snprintf(map, sizeof map, "%s%s%.0u", asa ? "OUTSIDE_MAP" : "CMAP", u >= 65000 ? "-" : "",
		 u / 65000);
	char acl[32];
	snprintf(acl, sizeof acl, "VPN-%u", u);
	if (asa) {
		for (unsigned i = 0; i < p->acl_lines; i++)
			fprintf(f, "access-list %s extended permit ip %s %s %s %s\n", acl,
				ip(local + ((i / nr) << 8) % 0x10000), mask(24),
				ip(remote + ((i % nr) << 8)), mask(24));
		fprintf(f, "route outside %s %s %s 1\n", ip(remote), mask(21), ip(0x05640e04u));
		fprintf(f, "crypto map %s %u match address %s\n", map, seq, acl);
		fprintf(f, "crypto map %s %u set peer %s %s\n", map, seq, ip(peer), ip(peer + 1));
		fprintf(f, "crypto map %s %u set ikev1 transform-set %s\n", map, seq,
			ts_name(h & 1));
		if ((h >> 4 & 3) == 0)
			fprintf(f, "crypto map %s %u set pfs group14\n", map, seq);
		asa_tunnel_group(f, peer, key_for(&(snap){.p = p}, 0, u));
		asa_tunnel_group(f, peer + 1, key_for(&(snap){.p = p}, 0, u));
		return;
	}
	fprintf(f, "crypto isakmp key %s address %s\n", key_for(&(snap){.p = p}, 0, u), ip(peer));
	fprintf(f, "crypto isakmp key %s address %s\n", key_for(&(snap){.p = p}, 0, u),
		ip(peer + 1));
	fprintf(f,
		"crypto map %s %u ipsec-isakmp\n description unit %u\n set peer %s\n set peer %s\n"
		" set transform-set %s\n",
		map, seq, u, ip(peer), ip(peer + 1), ts_name(h & 1));
	if ((h >> 4 & 3) == 0)
		fputs(" set pfs group14\n", f);
	fprintf(f, " match address %s\n", acl);
	ios_subif(f, 2 + u / 4000, 10 + u % 4000, "LAN segment", 0xc0000000u + (u << 8) + 1, 24);
	fprintf(f, "ip access-list extended %s\n", acl);
	for (unsigned i = 0; i < p->acl_lines; i++)
		fprintf(f, " permit ip %s %s %s %s\n", ip(local + ((i / nr) << 8) % 0x10000),
			wild(24), ip(remote + ((i % nr) << 8)), wild(24));
	fprintf(f, "ip route %s %s %s name SITE-%u\n", ip(remote), mask(21), ip(0x05640e04u), u);
	fputs("!\n", f);
}

/* The start of a big config: the head, the outside and inside interfaces. */
static void big_head(FILE *f, bool asa, uint64_t hh)
{
	if (asa) {
		asa_head(f, "BIGFW", hh);
		asa_iface(f, "GigabitEthernet0/0", "to the Internet", "outside", 0, 0x05640e01u,
			  24);
		asa_iface(f, "GigabitEthernet0/1", "to the LAN", "inside", 100, 0xac100001u, 30);
		fputs("ftp mode passive\n", f);
	} else {
		ios_head(f, "BIGHUB", hh);
		ios_crypto_common(f);
		ios_tsets(f);
		ios_iface(f, "GigabitEthernet0/0", "to the Internet", 0x05640e01u, 24, "CMAP");
		ios_iface(f, "GigabitEthernet0/1", "to the LAN", 0xac100001u, 30, NULL);
	}
}

static void big_tail(FILE *f, bool asa, uint64_t hh)
{
	if (asa) {
		asa_middle(f);
		asa_crypto_common(f);
		fputs("crypto map OUTSIDE_MAP interface outside\n", f);
		asa_ike(f);
		asa_tail(f, hh);
	} else {
		ios_tail(f);
	}
}

/* A head-end config of about p->mb megabytes: the same kinds of lines as a
 * snapshot hub (entries, keys, sub-interfaces, ACLs, static routes), unit
 * after unit, with distinct addresses. */
static void write_big_config(const params *p)
{
	bool asa = strcmp(p->dialect, "asa") == 0;
	FILE *f = open_out(p->out);
	uint64_t target = (uint64_t)(p->mb * 1e6);
	uint64_t hh = hash4(p->seed, 20, 0, 0);
	big_head(f, asa, hh);
	unsigned nl = grid_side(p->acl_lines), nr = (p->acl_lines + nl - 1) / nl;
	for (unsigned u = 0; (uint64_t)ftell(f) < target; u++)
		write_unit(f, p, asa, u, nr);
	big_tail(f, asa, hh);
	close_out(f, p->out);
}

/* The ifaces shape's sub-interface k: GigabitEthernet0/(3 + k / 4000).(10 + k % 4000), its
 * /29 in 100.64.0.0/10 (CGNAT space, unused elsewhere), nameif lan<k> on an ASA. */
#define SUBIF_BASE 0x64400000u
#define SUBIF_MAX (1u << 19) /* /29s in 100.64.0.0/10 */

static void subif_name(char *buf, size_t n, unsigned k)
{
	snprintf(buf, n, "GigabitEthernet0/%u.%u", 3 + k / 4000, 10 + k % 4000);
}

/* One ASA or IOS router with p->ifaces sub-interfaces (besides outside and
 * inside) and p->static_routes static routes to distinct /24s in
 * 32.0.0.0/3, each out of a sub-interface picked by hash, and one crypto
 * map entry: the parser's and the FIB's lookups of interfaces by name at
 * scale. ASA routes name the nameif (`route lanK NET MASK NH`), and an
 * `access-group` applies an ACL to each sub-interface; IOS routes take
 * turns between `ip route NET MASK IFACE NH`, `... NH` and `... IFACE`. */
static void write_iface_config(const params *p)
{
	bool asa = strcmp(p->dialect, "asa") == 0;
	FILE *f = open_out(p->out);
	uint64_t hh = hash4(p->seed, 20, 0, 0);
	big_head(f, asa, hh);
	char name[48], nameif[32];
	for (unsigned k = 0; k < p->ifaces; k++) {
		uint32_t a = SUBIF_BASE + 8 * k + 1;
		unsigned vlan = 10 + k % 4000;
		subif_name(name, sizeof name, k);
		if (asa)
			fprintf(f,
				"interface %s\n description LAN %u\n vlan %u\n nameif lan%u\n"
				" security-level 50\n ip address %s %s\n!\n",
				name, k, vlan, k, ip(a), mask(29));
		else
			ios_subif(f, 3 + k / 4000, vlan, "LAN", a, 29);
	}
	unsigned nl = grid_side(p->acl_lines), nr = (p->acl_lines + nl - 1) / nl;
	write_unit(f, p, asa, 0, nr);
	if (asa && p->ifaces) /* a reference to each interface by nameif, as real ASAs have */
		fputs("access-list LAN-IN extended permit ip any any\n", f);
	for (unsigned k = 0; asa && k < p->ifaces; k++)
		fprintf(f, "access-group LAN-IN in interface lan%u\n", k);
	for (unsigned j = 0; j < p->static_routes; j++) {
		uint64_t h = hash4(p->seed, 22, j, 0);
		unsigned k = p->ifaces ? (unsigned)(h % p->ifaces) : 0;
		uint32_t net = FILLER_BASE + (j << 8);
		uint32_t nh = p->ifaces ? SUBIF_BASE + 8 * k + 2 + (unsigned)(h >> 32) % 5
					: 0xac100002u; /* the inside neighbour */
		subif_name(name, sizeof name, k);
		snprintf(nameif, sizeof nameif, "lan%u", k);
		if (asa)
			fprintf(f, "route %s %s %s %s 1\n", p->ifaces ? nameif : "inside", ip(net),
				mask(24), ip(nh));
		else if (!p->ifaces || (h >> 40) % 3 == 1)
			fprintf(f, "ip route %s %s %s\n", ip(net), mask(24), ip(nh));
		else if ((h >> 40) % 3 == 0)
			fprintf(f, "ip route %s %s %s %s\n", ip(net), mask(24), name, ip(nh));
		else
			fprintf(f, "ip route %s %s %s\n", ip(net), mask(24), name);
	}
	big_tail(f, asa, hh);
	close_out(f, p->out);
}

/* ---- one large capture ------------------------------------------------------------- */

static void write_big_routes(const params *p)
{
	bool asa = strcmp(p->dialect, "asa") == 0;
	filler *fill = make_filler(p->seed, p->routes);
	dev d = {.asa = asa,
		 .out_addr = 0x05640e01u,
		 .out_nh = 0x05640e04u,
		 .in_addr = 0xac100001u,
		 .in_nh = 0xac100002u};
	params q = *p;
	q.statics = 0;
	snap s = {.p = &q};
	write_dev_capture(p->out, &s, &d, 0, 0x0a000000u, 16, fill, p->routes);
	free(fill);
}

/* ---- command line ---------------------------------------------------------------------- */

static const char usage[] =
	"usage: tcgen snapshot -o DIR [--devices N] [--entries N] [--peers N] [--acl-lines N]\n"
	"                      [--routes N] [--asym F] [--overlap F] [--asa F] [--hubs N]\n"
	"                      [--hub-nets N] [--statics N] [--capture hubs|all|none]\n"
	"                      [--igp ospf|none] [--seed N]\n"
	"       tcgen config -o FILE [--mb N] [--dialect ios|asa] [--acl-lines N] [--seed N]\n"
	"       tcgen config -o FILE --ifaces N --static-routes N [--dialect ios|asa] [--seed N]\n"
	"       tcgen routes -o FILE [--routes N] [--dialect ios|asa] [--seed N]\n"
	"\n"
	"Writes deterministic synthetic input for tunnelcast's benchmarks: the same\n"
	"arguments always give the same bytes.\n"
	"\n"
	"snapshot defaults: 8 devices, 250 entries, 2 peers, 25 ACL lines, 15000 routes per\n"
	"capture (hubs only), --asym 0.1, --overlap 0.02, --asa 0.33, --hub-nets 0 (own\n"
	"local networks per entry; N: a pool of N shared by the entries of a hub),\n"
	"--statics 4, --igp none (ospf: every device runs OSPF inside its own site), seed 1.\n"
	"config: --mb 100, ios; with --ifaces or --static-routes (default 0 each) one router\n"
	"with N sub-interfaces and N static routes out of them instead of --mb of entries.\n"
	"routes: --routes 400000, ios.\n";

static unsigned long num(const char *opt, const char *v, unsigned long lo, unsigned long hi)
{
	char *end = NULL;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (errno || !end || *end || n < lo || n > hi) {
		fprintf(stderr, "tcgen: %s needs a number from %lu to %lu, not '%s'\n", opt, lo, hi,
			v);
		exit(2);
	}
	return n;
}

static double frac(const char *opt, const char *v, double hi)
{
	char *end = NULL;
	double x = strtod(v, &end);
	if (!end || *end || !(x >= 0 && x <= hi)) {
		fprintf(stderr, "tcgen: %s needs a number from 0 to %g, not '%s'\n", opt, hi, v);
		exit(2);
	}
	return x;
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *mode = argv[1];
	params p = {.seed = 1,
		    .devices = 8,
		    .entries = 250,
		    .peers = 2,
		    .acl_lines = 25,
		    .routes = 15000,
		    .asym = 0.1,
		    .overlap = 0.02,
		    .asa = 0.33,
		    .hub_nets = 0,
		    .statics = 4,
		    .capture = "hubs",
		    .dialect = "ios",
		    .mb = 100};
	bool routes_set = false;
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (i + 1 >= argc) {
			fprintf(stderr, "tcgen: %s needs a value\n%s", o, usage);
			return 2;
		}
		const char *v = argv[++i];
		if (strcmp(o, "-o") == 0 || strcmp(o, "--output") == 0)
			p.out = v;
		else if (strcmp(o, "--seed") == 0)
			p.seed = num(o, v, 0, ~0ul);
		else if (strcmp(o, "--devices") == 0)
			p.devices = (unsigned)num(o, v, 1, 1000000);
		else if (strcmp(o, "--entries") == 0)
			p.entries = (unsigned)num(o, v, 1, 10000000);
		else if (strcmp(o, "--peers") == 0)
			p.peers = (unsigned)num(o, v, 1, MAX_PEERS);
		else if (strcmp(o, "--acl-lines") == 0)
			p.acl_lines = (unsigned)num(o, v, 1, 4096);
		else if (strcmp(o, "--routes") == 0)
			p.routes = (unsigned)num(o, v, 0, 20000000), routes_set = true;
		else if (strcmp(o, "--asym") == 0)
			p.asym = frac(o, v, 1);
		else if (strcmp(o, "--overlap") == 0)
			p.overlap = frac(o, v, 1);
		else if (strcmp(o, "--asa") == 0)
			p.asa = frac(o, v, 1);
		else if (strcmp(o, "--hubs") == 0)
			p.hubs = (unsigned)num(o, v, 1, 126);
		else if (strcmp(o, "--hub-nets") == 0)
			p.hub_nets = (unsigned)num(o, v, 0, 32768);
		else if (strcmp(o, "--statics") == 0)
			p.statics = (unsigned)num(o, v, 0, 512);
		else if (strcmp(o, "--igp") == 0 &&
			 (strcmp(v, "ospf") == 0 || strcmp(v, "none") == 0))
			p.ospf = strcmp(v, "ospf") == 0;
		else if (strcmp(o, "--capture") == 0 &&
			 (strcmp(v, "hubs") == 0 || strcmp(v, "all") == 0 ||
			  strcmp(v, "none") == 0))
			p.capture = v;
		else if (strcmp(o, "--dialect") == 0 &&
			 (strcmp(v, "ios") == 0 || strcmp(v, "asa") == 0))
			p.dialect = v;
		else if (strcmp(o, "--mb") == 0)
			p.mb = frac(o, v, 100000);
		else if (strcmp(o, "--ifaces") == 0)
			p.ifaces = (unsigned)num(o, v, 0, SUBIF_MAX), p.iface_shape = true;
		else if (strcmp(o, "--static-routes") == 0)
			p.static_routes = (unsigned)num(o, v, 0, 1u << 21), p.iface_shape = true;
		else {
			fprintf(stderr, "tcgen: bad option %s %s\n%s", o, v, usage);
			return 2;
		}
	}
	if (!p.out) {
		fprintf(stderr, "tcgen: -o is required\n%s", usage);
		return 2;
	}
	if (strcmp(mode, "snapshot") == 0)
		write_snapshot(&p);
	else if (strcmp(mode, "config") == 0 && p.iface_shape)
		write_iface_config(&p);
	else if (strcmp(mode, "config") == 0)
		write_big_config(&p);
	else if (strcmp(mode, "routes") == 0) {
		if (!routes_set)
			p.routes = 400000;
		write_big_routes(&p);
	} else {
		fprintf(stderr, "tcgen: unknown mode '%s'\n%s", mode, usage);
		return 2;
	}
	return 0;
}
