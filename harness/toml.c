/* toml.c - strict TOML subset reader (being written). */
#include "toml.h"
