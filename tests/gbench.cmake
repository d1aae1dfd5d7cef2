# tests/gbench.cmake - the Google Benchmark engine of the call scenario
# (harness/gbench/module.cc, built as dlbench-gbench.so when
# libbenchmark-dev is found): known answers through it, engine both, and
# the messages without the module (those run either way).
add_test(NAME gbench_engine
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/gbench/engine.sh
          $<TARGET_FILE:dlbench> ${CMAKE_BINARY_DIR}/fixtures
          ${CMAKE_CURRENT_BINARY_DIR}/gbench_tmp)
set_tests_properties(gbench_engine PROPERTIES
  LABELS "measure" TIMEOUT 300 RUN_SERIAL TRUE
  FAIL_REGULAR_EXPRESSION "FAIL "
  ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<IF:$<BOOL:${DLBENCH_SANITIZE}>,1,0>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
