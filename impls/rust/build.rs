//! Records the version of the rustc that compiles the library, so that
//! bench_impl_info names the exact toolchain.
use std::env;
use std::process::Command;

fn main() {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| String::from("rustc"));
    let out = Command::new(&rustc)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run '{}' --version: {}", rustc, e));
    if !out.status.success() {
        panic!("'{}' --version failed: {}", rustc, out.status);
    }
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    println!("cargo:rustc-env=DLBENCH_RUSTC_VERSION={}", version);
    // Cargo already rebuilds everything when the compiler changes; nothing
    // else this script reads can change.
    println!("cargo:rerun-if-changed=build.rs");
}
