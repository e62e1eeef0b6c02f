// CPrefetch is header-only (a static inline function); SwiftPM wants one source file per C target.
#include "CPrefetch.h"
