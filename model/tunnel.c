/* tunnel.c: tunnel interfaces and IPsec profiles (route-based VPNs): builders, their
 * cross-references at finalize, and what two tunnel ends must share to come up. */
#include "model.h"
#include "model_int.h"

#include <string.h>

tc_tunnel *tc_iface_tunnel(tc_model *m, tc_iface *i)
{
	if (!i->tun)
		i->tun = tc_arena_alloc(m->arena, sizeof *i->tun);
	return i->tun;
}

const tc_ipsec_profile *tc_ipsec_profile_find(const tc_device *d, const char *name)
{
	for (const tc_ipsec_profile *p = d->ipsec_profiles; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

tc_ipsec_profile *tc_ipsec_profile_get(tc_model *m, tc_device *d, const char *name)
{
	tc_ipsec_profile **tail = &d->ipsec_profiles;
	for (; *tail; tail = &(*tail)->next)
		if (strcmp((*tail)->name, name) == 0)
			return *tail;
	tc_ipsec_profile *p = tc_arena_alloc(m->arena, sizeof *p);
	p->name = tc_arena_strdup(m->arena, name);
	/* an entry of no map: built as tc_entry_get builds one, kept out of d->entries */
	tc_entry *e = tc_arena_alloc(m->arena, sizeof *e);
	e->map = p->name;
	e->default_peer = -1;
	e->ike_version = 1;
	p->sa = e;
	*tail = p;
	return p;
}

/* The profiles' transform sets; each tunnel's source interface and profile. */
void tc_tunnels_resolve(tc_model *m, tc_device *d)
{
	for (tc_ipsec_profile *p = d->ipsec_profiles; p; p = p->next)
		for (unsigned i = 0; i < p->sa->ntsets; i++)
			if (!(p->sa->tsets[i] = tc_tset_find(d, p->sa->tset_names[i])))
				tc_model_diag(
					m, p->file, p->line, 0, TC_SEV_ERROR,
					"undefined-transform-set", NULL,
					"IPsec profile %s uses transform set %s, which is not "
					"defined",
					p->name, p->sa->tset_names[i]);
	for (tc_iface *i = d->ifaces; i; i = i->next) {
		tc_tunnel *t = i->tun;
		if (!t)
			continue;
		if (t->src_ifname) {
			t->src_iface = tc_iface_find(d, t->src_ifname);
			if (!t->src_iface)
				tc_model_diag(
					m, i->file, t->line, 0, TC_SEV_ERROR, "undefined-interface",
					NULL,
					"tunnel %s takes its source from interface %s, which is "
					"not defined",
					i->name, t->src_ifname);
			else if (t->src_iface->has_addr)
				t->src = t->src_iface->addr;
		}
		if (t->profile_name && !(t->profile = tc_ipsec_profile_find(d, t->profile_name)))
			tc_model_diag(m, i->file, t->line, 0, TC_SEV_ERROR,
				      "undefined-ipsec-profile", NULL,
				      "tunnel %s is protected by IPsec profile %s, which is not "
				      "defined",
				      i->name, t->profile_name);
		if (t->mode == TC_TUN_IPSEC && !t->profile_name)
			tc_model_diag(
				m, i->file, t->line, 0, TC_SEV_WARNING, "vti-without-protection",
				NULL,
				"tunnel %s is a static VTI (tunnel mode ipsec) without tunnel "
				"protection: it stays down",
				i->name);
	}
}

bool tc_tunnel_protected(const tc_tunnel *t)
{
	return t->mode == TC_TUN_IPSEC || t->profile_name;
}
