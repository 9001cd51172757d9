/* The public header must compile alone, pedantic. */
#include "veille.h"
int vl_header_test(void);
int vl_header_test(void) { return VL_OK; }
