# tests/toml.cmake - known-answer tests of the TOML reader (harness/base/toml_*.c).
# test_toml prints "N passed, M failed" and fails when M > 0.
add_executable(test_toml ${PROJECT_SOURCE_DIR}/tests/toml/test_toml.c)
target_link_libraries(test_toml PRIVATE dlbench_core)
add_test(NAME toml_reader
         COMMAND test_toml ${PROJECT_SOURCE_DIR}/bench.toml)
# A quadratic reader would take minutes on the 10,000-table document.
set_tests_properties(toml_reader PROPERTIES TIMEOUT 60)
