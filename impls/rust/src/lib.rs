//! The Rust implementation of impls/bench_abi.h, built by
//! scripts/build-rust.sh as a cdylib with panic = "abort".
//!
//! Nothing here uses thread-local storage with a destructor: such a
//! destructor registers the library with __cxa_thread_atexit_impl and glibc
//! then never unloads it on dlclose (rust-lang/rust#59629).

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;

/// "rust " + `rustc --version` of the compiler, as captured by build.rs.
static IMPL_INFO: &str = concat!("rust ", env!("DLBENCH_RUSTC_VERSION"), "\0");

#[no_mangle]
pub extern "C" fn bench_noop() {}

#[no_mangle]
pub extern "C" fn bench_add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

fn fib(n: i32) -> i64 {
    if n < 2 {
        return i64::from(n);
    }
    fib(n - 1) + fib(n - 2)
}

#[no_mangle]
pub extern "C" fn bench_fib(n: i32) -> i64 {
    if n < 0 {
        return 0;
    }
    fib(n)
}

/// # Safety
/// `name` is NULL or points to a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn bench_hello(name: *const c_char) -> *mut c_char {
    let name: &[u8] = if name.is_null() {
        b""
    } else {
        CStr::from_ptr(name).to_bytes()
    };
    // Bytes, not str: the name is copied as is, like the C version does,
    // whether or not it is valid UTF-8.
    let mut s = Vec::with_capacity(b"Hello, !".len() + name.len() + 1);
    s.extend_from_slice(b"Hello, ");
    s.extend_from_slice(name);
    s.push(b'!');
    match CString::new(s) {
        Ok(s) => s.into_raw(),
        Err(_) => ptr::null_mut(), // unreachable: `name` holds no NUL
    }
}

/// # Safety
/// `s` is NULL or a pointer returned by `bench_hello`, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn bench_free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}

#[no_mangle]
pub extern "C" fn bench_impl_info() -> *const c_char {
    IMPL_INFO.as_ptr().cast()
}
