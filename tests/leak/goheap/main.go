// Package main is a leak-check fixture: the full bench_abi.h in Go, except
// that every bench_add keeps 256 KiB of Go memory reachable from a global
// forever. The leak is on the Go heap only: valgrind (which sees malloc,
// not the Go runtime's own mappings) must find nothing, GODEBUG=gctrace=1
// must show the live heap growing by ~256 KiB per call. A Go library is
// never unloaded, so the global survives every dlclose.
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

var implInfo = C.CString("go " + runtime.Version() + " (fixture: goheap)")

// kept is what leaks: one 256 KiB block per bench_add.
var kept [][]byte

//export bench_noop
func bench_noop() {}

//export bench_add
func bench_add(a, b C.int64_t) C.int64_t {
	block := make([]byte, 256*1024)
	for i := 0; i < len(block); i += 4096 {
		block[i] = 1 // touch every page: resident, as a real leak would be
	}
	kept = append(kept, block)
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
