# tests/formats.cmake - results.json (Google Benchmark JSON) and results.txt
# (benchstat) against golden files, from the report fixtures and from a
# run with known processes; `dlbench report --format` for every format,
# and the real benchstat and compare.py on them when installed.
# Regenerate the goldens after an intended change, then review the diff:
#   UPDATE_GOLDEN=1 ctest -R formats_unit
add_executable(test_formats ${PROJECT_SOURCE_DIR}/tests/formats/test_formats.c)
target_link_libraries(test_formats PRIVATE dlbench_core)
add_test(NAME formats_unit
  COMMAND test_formats ${PROJECT_SOURCE_DIR}/tests ${CMAKE_CURRENT_BINARY_DIR}/formats_tmp/unit)
set_tests_properties(formats_unit PROPERTIES
  LABELS "unit" FAIL_REGULAR_EXPRESSION "FAIL line" TIMEOUT 60)
add_test(NAME formats_cli
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/formats/cli.sh
          $<TARGET_FILE:dlbench> ${CMAKE_BINARY_DIR}/fixtures
          ${CMAKE_CURRENT_BINARY_DIR}/formats_tmp/cli)
set_tests_properties(formats_cli PROPERTIES
  LABELS "run" TIMEOUT 300 RUN_SERIAL TRUE FAIL_REGULAR_EXPRESSION "FAIL "
  ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
