# tests/gouser.cmake - the leak question of a Go user, end to end: the
# classic Go c-shared library (tests/fixtures/go-classic: Add and Hello,
# C.CString, no bench_impl_info) brought with only add and hello mapped
# (gouser_classic), a user's Go package built with two Go releases given by
# path (gouser_releases; skipped when Debian's golang-1.21-go and
# golang-1.22-go are not installed: scripts/deps.sh test installs them), and
# a real system library with only a noop mapped (gouser_syslib).
set(GOUSER_FIXTURE_DIR ${CMAKE_BINARY_DIR}/fixtures)
file(MAKE_DIRECTORY ${GOUSER_FIXTURE_DIR})

find_program(DLBENCH_GOUSER_GO go)
if(NOT DLBENCH_GOUSER_GO)
  message(WARNING "go not found on PATH: libgo_classic.so is not built and "
                  "gouser_classic will fail (run `make deps`)")
else()
  set(src ${PROJECT_SOURCE_DIR}/tests/fixtures/go-classic)
  set(lib ${GOUSER_FIXTURE_DIR}/libgo_classic.so)
  add_custom_command(
    OUTPUT ${lib}
    COMMAND sh ${PROJECT_SOURCE_DIR}/scripts/build-go.sh local ${lib}
    WORKING_DIRECTORY ${src}
    DEPENDS ${src}/main.go ${src}/go.mod ${PROJECT_SOURCE_DIR}/scripts/build-go.sh
    COMMENT "Building Go fixture libgo_classic.so"
    VERBATIM)
  add_custom_target(fixture_go_classic ALL DEPENDS ${lib})
endif()

foreach(name classic releases syslib)
  add_test(NAME gouser_${name}
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/gouser/${name}.sh
            $<TARGET_FILE:dlbench> ${GOUSER_FIXTURE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/gouser_tmp/${name})
  set_tests_properties(gouser_${name} PROPERTIES
    LABELS "gouser" TIMEOUT 300 RUN_SERIAL TRUE SKIP_RETURN_CODE 77
    ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<BOOL:${DLBENCH_SANITIZE}>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
endforeach()
# valgrind cannot run an AddressSanitizer build of dlbench.
if(DLBENCH_SANITIZE)
  set_tests_properties(gouser_classic gouser_syslib PROPERTIES DISABLED TRUE)
endif()
