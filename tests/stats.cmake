# tests/stats.cmake - known-answer unit tests of harness/stats.c: fixed
# arrays, no benchmark runs. Expected values and their sources are in
# tests/stats/test_stats.c (tests/stats/expected.py regenerates the ones
# computed with scipy, tests/stats/expected_mde.py the mde_pct values with
# the standard library only; neither is part of the build).
add_executable(test_stats ${PROJECT_SOURCE_DIR}/tests/stats/test_stats.c)
target_link_libraries(test_stats PRIVATE dlbench_core)
add_test(NAME stats_unit COMMAND test_stats)
set_tests_properties(stats_unit PROPERTIES
  LABELS "unit"
  FAIL_REGULAR_EXPRESSION "FAIL line"
  TIMEOUT 60)
