module dlbench/impls/go

// go 1.19 (not newer) so that every toolchain dlbench may compare, old
// ones included, builds the same module without switching toolchains.
go 1.19
