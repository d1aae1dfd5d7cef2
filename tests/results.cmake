# tests/results.cmake - the run model (harness/results/runmodel.c) on the
# fixture run folders of tests/report/runs and tests/plot/run1, the one
# formatter and version comparator (harness/base/units.c) and the
# per-process rule (harness/results/aggregate.c).
add_executable(test_results ${PROJECT_SOURCE_DIR}/tests/results/test_results.c)
target_link_libraries(test_results PRIVATE dlbench_core)
add_test(NAME results_model
  COMMAND test_results ${PROJECT_SOURCE_DIR}/tests ${CMAKE_CURRENT_BINARY_DIR}/results_tmp)
set_tests_properties(results_model PROPERTIES
  LABELS "unit" FAIL_REGULAR_EXPRESSION "FAIL line" TIMEOUT 60)
