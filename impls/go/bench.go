// Package main is the Go implementation of impls/bench_abi.h, built by
// scripts/build-go.sh with -buildmode=c-shared. Each exported function
// crosses the cgo boundary the way any Go library called from C does.
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

// implInfo is allocated once, when the library is initialised, and never
// freed: bench_impl_info hands out a static string.
var implInfo = C.CString("go " + runtime.Version())

//export bench_noop
func bench_noop() {}

//export bench_add
func bench_add(a, b C.int64_t) C.int64_t {
	// Go's signed integer arithmetic wraps on overflow.
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

// main is required by -buildmode=c-shared and never runs.
func main() {}
