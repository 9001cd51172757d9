/*
 * error.c — names of error codes, and the one free for what veille hands
 * out.
 */
#include "util/alloc.h"
#include "veille.h"

const char *vl_strerror(int code)
{
	switch (code) {
	case VL_OK: return "success";
	case VL_ENOMEM: return "out of memory";
	case VL_EINVAL: return "invalid argument";
	case VL_EIO: return "input/output error";
	case VL_EUTF8: return "invalid UTF-8";
	case VL_ETOOBIG: return "input too large";
	case VL_EFORMAT: return "malformed input";
	case VL_EEMPTY: return "empty input";
	case VL_EBINARY: return "binary input";
	case VL_ENOTFOUND: return "not found";
	case VL_EDB: return "storage error";
	case VL_ESCHEMA: return "database made by a newer veille";
	case VL_ESTOPPED: return "stopped";
	default: return "unknown error";
	}
}

void vl_free(void *ptr)
{
	vl__freep(ptr);
}
