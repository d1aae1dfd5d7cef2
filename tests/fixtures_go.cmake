# tests/fixtures_go.cmake - Go fault fixtures and the build-script test.
#
# Builds tests/fixtures/go-panic (bench_add panics) and tests/fixtures/go-exit
# (bench_add calls os.Exit(4)) with scripts/build-go.sh and the `go` on PATH
# into ${CMAKE_BINARY_DIR}/fixtures/libgo_panic.so and libgo_exit.so. They
# are rebuilt only when their sources or the build script change.
set(DLBENCH_FIXTURES_DIR ${CMAKE_BINARY_DIR}/fixtures)
file(MAKE_DIRECTORY ${DLBENCH_FIXTURES_DIR})

find_program(DLBENCH_GO go)
if(NOT DLBENCH_GO)
  message(WARNING "go not found on PATH: the Go fixtures libgo_panic.so and "
                  "libgo_exit.so are not built (run `make deps`)")
else()
  foreach(kind panic exit)
    set(fixture_src ${PROJECT_SOURCE_DIR}/tests/fixtures/go-${kind})
    set(fixture_lib ${DLBENCH_FIXTURES_DIR}/libgo_${kind}.so)
    add_custom_command(
      OUTPUT ${fixture_lib}
      COMMAND sh ${PROJECT_SOURCE_DIR}/scripts/build-go.sh local ${fixture_lib}
      WORKING_DIRECTORY ${fixture_src}
      DEPENDS ${fixture_src}/main.go ${fixture_src}/go.mod
              ${PROJECT_SOURCE_DIR}/scripts/build-go.sh
      COMMENT "Building Go fixture libgo_${kind}.so"
      VERBATIM)
    add_custom_target(fixture_go_${kind} ALL DEPENDS ${fixture_lib})
  endforeach()
endif()

# The contract of scripts/build-{c,go,rust}.sh: clear one-line failures for
# missing toolchains, OUT untouched on failure, an ELF .so on success.
add_test(NAME impls_build_scripts
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/fixtures_go/impls_build_scripts.sh
          ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/impls_build_scripts)
set_tests_properties(impls_build_scripts PROPERTIES
  LABELS "scripts"
  FAIL_REGULAR_EXPRESSION "FAIL "
  TIMEOUT 120)
