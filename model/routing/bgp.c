/* bgp.c: BGP in the control-plane pass (routing_int.h). Not written yet: offers nothing. */
#include "routing_int.h"

void rt_bgp_run(rt_pass *rp)
{
	(void)rp;
}
