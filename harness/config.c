/* config.c - bench.toml -> struct config (being written). */
#include "config.h"
