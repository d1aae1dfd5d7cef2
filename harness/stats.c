/* stats.c - pure statistics (being written). */
#include "stats.h"
