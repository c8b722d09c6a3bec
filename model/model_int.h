/* model_int.h: helpers shared by the model's own files; no other module includes it. */
#ifndef TC_MODEL_INT_H
#define TC_MODEL_INT_H

#include "model.h"

/* Build d->fib from its interfaces and static routes, or from its captured
 * routes when it has a capture. Adds diagnostics for unresolvable routes. */
void tc_fib_build(tc_model *m, tc_device *d);

#endif
