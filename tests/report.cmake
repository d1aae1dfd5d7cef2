# tests/report.cmake - report.md/report.html/terminal summary and `compare`
# on the fixed run folders in tests/report/runs (written by
# tests/report/make_fixtures.py), against tests/report/golden.
# Regenerate the goldens after an intended change, then review the diff:
#   UPDATE_GOLDEN=1 ctest -R report_unit   (or run test_report by hand)
# Expected statistics come from tests/report/expected.py (scipy; not a
# dependency of the build).
add_executable(test_report ${PROJECT_SOURCE_DIR}/tests/report/test_report.c)
target_link_libraries(test_report PRIVATE dlbench_core)
add_test(NAME report_unit
  COMMAND test_report ${PROJECT_SOURCE_DIR}/tests/report
          ${CMAKE_CURRENT_BINARY_DIR}/report_tmp)
set_tests_properties(report_unit PROPERTIES
  LABELS "unit" FAIL_REGULAR_EXPRESSION "FAIL line" TIMEOUT 60)
add_test(NAME report_compare_cli
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/report/cli.sh $<TARGET_FILE:dlbench>
          ${PROJECT_SOURCE_DIR}/tests/report)
set_tests_properties(report_compare_cli PROPERTIES
  LABELS "unit" FAIL_REGULAR_EXPRESSION "FAIL:" TIMEOUT 60)
# The comparison rows of findings.csv and the sentences rendered from them:
# known answers, a findings.csv with edited rows, one of an older dlbench.
add_executable(test_rows ${PROJECT_SOURCE_DIR}/tests/report/test_rows.c)
target_link_libraries(test_rows PRIVATE dlbench_core)
add_test(NAME report_rows
  COMMAND test_rows ${PROJECT_SOURCE_DIR}/tests/report ${CMAKE_CURRENT_BINARY_DIR}/rows_tmp)
set_tests_properties(report_rows PROPERTIES
  LABELS "unit" FAIL_REGULAR_EXPRESSION "FAIL line" TIMEOUT 60)
