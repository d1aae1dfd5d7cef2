# tests/leak.cmake - `run --leak-check` (harness/leakcheck.c): the parsers
# and the verdict on fixed inputs (leak_parse), known answers of the triple
# check on fixture libraries (leak_known_answers), and what happens when
# valgrind cannot run or is missing (leak_not_applicable).
#
# Two Go fixtures are built with scripts/build-go.sh into
# ${CMAKE_BINARY_DIR}/fixtures: libleak_goheap.so (tests/leak/goheap: every
# bench_add keeps 256 KiB on the Go heap), libleak_goheap300.so
# (tests/leak/goheap300: 300 B per bench_add) and libleak_goimpl.so
# (impls/go, the real Go implementation: allocates nothing per call).
set(LEAK_FIXTURE_DIR ${CMAKE_BINARY_DIR}/fixtures)
file(MAKE_DIRECTORY ${LEAK_FIXTURE_DIR})

find_program(DLBENCH_LEAK_GO go)
if(NOT DLBENCH_LEAK_GO)
  message(WARNING "go not found on PATH: the Go leak fixtures are not built and "
                  "the leak_known_answers test will fail (run `make deps`)")
else()
  foreach(entry "goheap;${PROJECT_SOURCE_DIR}/tests/leak/goheap;main.go"
                "goheap300;${PROJECT_SOURCE_DIR}/tests/leak/goheap300;main.go"
                "goimpl;${PROJECT_SOURCE_DIR}/impls/go;bench.go")
    list(GET entry 0 name)
    list(GET entry 1 src)
    list(GET entry 2 gofile)
    set(lib ${LEAK_FIXTURE_DIR}/libleak_${name}.so)
    add_custom_command(
      OUTPUT ${lib}
      COMMAND sh ${PROJECT_SOURCE_DIR}/scripts/build-go.sh local ${lib}
      WORKING_DIRECTORY ${src}
      DEPENDS ${src}/${gofile} ${src}/go.mod ${PROJECT_SOURCE_DIR}/scripts/build-go.sh
      COMMENT "Building Go leak fixture libleak_${name}.so"
      VERBATIM)
    add_custom_target(leak_fixture_${name} ALL DEPENDS ${lib})
  endforeach()
endif()

add_executable(test_leakcheck tests/leak/test_leakcheck.c)
target_link_libraries(test_leakcheck PRIVATE dlbench_core)
add_test(NAME leak_parse COMMAND test_leakcheck)
set_tests_properties(leak_parse PROPERTIES LABELS "leak" TIMEOUT 60)

foreach(name known_answers not_applicable verdicts)
  add_test(NAME leak_${name}
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/leak/${name}.sh
            $<TARGET_FILE:dlbench> ${LEAK_FIXTURE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/leak_tmp/${name})
  set_tests_properties(leak_${name} PROPERTIES
    LABELS "leak" TIMEOUT 300 RUN_SERIAL TRUE
    ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<BOOL:${DLBENCH_SANITIZE}>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
endforeach()

# valgrind cannot run an AddressSanitizer build of dlbench (both want to own
# the address space): under DLBENCH_SANITIZE the known answers are shown as
# "Not Run (Disabled)" by ctest, never passed silently.
# leak_verdicts checks valgrind's part of each verdict and RSS slopes, which
# ASan's quarantine changes (freed memory stays resident): disabled there
# too, and run by every `make test`.
if(DLBENCH_SANITIZE)
  set_tests_properties(leak_known_answers leak_verdicts PROPERTIES DISABLED TRUE)
endif()
