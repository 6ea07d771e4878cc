#ifndef TME_CLIBPQ_SHIM_H
#define TME_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
