// Package main is a leak-check fixture: the full bench_abi.h in Go, except
// that every bench_add keeps 300 bytes of Go memory reachable from a global
// forever - a leak far below a page per call, that only adds up over many
// cycles (20,000 calls: ~6 MB). valgrind sees nothing (not malloc); the
// live Go heap (gctrace) and RSS grow steadily. The verdict must find it
// without lang = "go" in bench.toml: the library is recognised as Go from
// its .go.buildinfo section.
package main

/*
#include <stdint.h>
#include <stdlib.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

var implInfo = C.CString("go " + runtime.Version() + " (fixture: goheap300)")

// kept is what leaks: one 300-byte block per bench_add.
var kept [][]byte

//export bench_noop
func bench_noop() {}

//export bench_add
func bench_add(a, b C.int64_t) C.int64_t {
	kept = append(kept, make([]byte, 300))
	return a + b
}

func fib(n int32) int64 {
	if n < 2 {
		return int64(n)
	}
	return fib(n-1) + fib(n-2)
}

//export bench_fib
func bench_fib(n C.int32_t) C.int64_t {
	if n < 0 {
		return 0
	}
	return C.int64_t(fib(int32(n)))
}

//export bench_hello
func bench_hello(name *C.char) *C.char {
	return C.CString("Hello, " + C.GoString(name) + "!")
}

//export bench_free
func bench_free(s *C.char) {
	C.free(unsafe.Pointer(s))
}

//export bench_impl_info
func bench_impl_info() *C.char {
	return implInfo
}

func main() {}
