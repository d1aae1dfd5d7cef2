# tests/cli.cmake - the command line and the language table: the option
# table parser (base/options.c) and matrix/lang.c as unit tests, and a
# suite whose languages the table does not know, built through its recipes
# (tests/cli/lang.sh).
add_executable(test_cli ${PROJECT_SOURCE_DIR}/tests/cli/test_options.c)
target_link_libraries(test_cli PRIVATE dlbench_core)
add_test(NAME cli_options COMMAND test_cli)
set_tests_properties(cli_options PROPERTIES
  LABELS "unit"
  FAIL_REGULAR_EXPRESSION "FAIL line"
  TIMEOUT 60)

add_test(NAME cli_lang
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/cli/lang.sh
          $<TARGET_FILE:dlbench> ${CMAKE_BINARY_DIR}/fixtures
          ${CMAKE_CURRENT_BINARY_DIR}/cli_tmp/lang)
set_tests_properties(cli_lang PROPERTIES
  LABELS "matrix" TIMEOUT 300
  ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<BOOL:${DLBENCH_SANITIZE}>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
