# tests/measure.cmake - known-answer tests of `dlbench measure` (the
# instrument): C fixture libraries with known behaviour, and POSIX sh
# scripts in tests/measure/ that run the scenarios on them and check the
# answers. Tests that time something are RUN_SERIAL.
set(MEASURE_FIXTURE_DIR ${CMAKE_BINARY_DIR}/fixtures)
file(MAKE_DIRECTORY ${MEASURE_FIXTURE_DIR})

# Each tests/fixtures/<name>.c -> fixtures/lib<name>.so
set(MEASURE_FIXTURES clean spin2us leak256k leakcall nodelete sleep30ms segv
    abort loop exit3 wrongadd nofib byo exit0add exit0fib exit0measure banner
    closeout nullout setsid setsidloop fdload threadload mmapload keyload unloadable
    closechan reusechan scribble forkcall sigstop chdirload affinity
    reachlist cacheonce setenvload zombieload popenload childonce)
foreach(fx ${MEASURE_FIXTURES})
  add_library(measure_fixture_${fx} SHARED ${PROJECT_SOURCE_DIR}/tests/fixtures/${fx}.c)
  target_include_directories(measure_fixture_${fx} PRIVATE ${PROJECT_SOURCE_DIR}/impls)
  set_target_properties(measure_fixture_${fx} PROPERTIES
    OUTPUT_NAME ${fx}
    PREFIX lib
    LIBRARY_OUTPUT_DIRECTORY ${MEASURE_FIXTURE_DIR})
endforeach()
foreach(fx nodelete reachlist cacheonce childonce)
  target_link_options(measure_fixture_${fx} PRIVATE -Wl,-z,nodelete)
endforeach()
# The fixtures are the libraries under test, not harness code: never
# sanitized, so that a null store is a SIGSEGV and not a UBSan report.
if(DLBENCH_SANITIZE)
  foreach(fx ${MEASURE_FIXTURES})
    target_compile_options(measure_fixture_${fx} PRIVATE -fno-sanitize=all)
    target_link_options(measure_fixture_${fx} PRIVATE -fno-sanitize=all)
  endforeach()
endif()

add_custom_target(measure_fixtures ALL)
foreach(fx ${MEASURE_FIXTURES})
  add_dependencies(measure_fixtures measure_fixture_${fx})
endforeach()

# Under ASan/UBSan timings and RSS slopes mean nothing and a null store is
# caught by ASan: the scripts relax those checks when this is 1.
if(DLBENCH_SANITIZE)
  set(MEASURE_SANITIZE 1)
else()
  set(MEASURE_SANITIZE 0)
endif()

# name, script, serial (1 = times something)
set(MEASURE_TESTS
  "format format.sh 1"
  "options options.sh 0"
  "call call.sh 1"
  "load load.sh 1"
  "cycle cycle.sh 1"
  "size size.sh 0"
  "verify verify.sh 0"
  "crash crash.sh 0"
  "records records.sh 0"
  "counters counters.sh 1")
foreach(entry ${MEASURE_TESTS})
  string(REPLACE " " ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 script)
  list(GET parts 2 serial)
  add_test(NAME measure_${name}
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/measure/${script}
            $<TARGET_FILE:dlbench> ${MEASURE_FIXTURE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/measure_tmp/${name})
  set_tests_properties(measure_${name} PROPERTIES
    LABELS "measure"
    TIMEOUT 120
    ENVIRONMENT "MEASURE_SANITIZE=${MEASURE_SANITIZE};ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
  if(serial)
    set_tests_properties(measure_${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
endforeach()

# The callgrind dump reader on fixed texts (no valgrind needed).
add_executable(test_cgdump tests/measure/test_cgdump.c)
target_link_libraries(test_cgdump PRIVATE dlbench_core)
add_test(NAME measure_cgdump COMMAND test_cgdump)
set_tests_properties(measure_cgdump PROPERTIES LABELS "measure")

# proc_children and proc_children_scan on known children (a zombie,
# sleepers, one forked by a pthread, a grandchild that is not ours).
add_executable(test_procinfo tests/measure/test_procinfo.c)
target_link_libraries(test_procinfo PRIVATE dlbench_core Threads::Threads)
add_test(NAME measure_procinfo COMMAND test_procinfo)
set_tests_properties(measure_procinfo PROPERTIES
  LABELS "measure" FAIL_REGULAR_EXPRESSION "FAIL line" TIMEOUT 60)
