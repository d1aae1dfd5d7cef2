# tests/matrix.cmake - the commands over a whole suite: bench.toml errors,
# build (recipes, toolchains, rebuild-only-what-changed) and verify (known
# answers through dlopen, bring-your-own libraries).
set(MATRIX_TESTS config build verify defaults suite)
foreach(name ${MATRIX_TESTS})
  add_test(NAME matrix_${name}
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/matrix/${name}.sh
            $<TARGET_FILE:dlbench> ${CMAKE_BINARY_DIR}/fixtures
            ${CMAKE_CURRENT_BINARY_DIR}/matrix_tmp/${name})
  set_tests_properties(matrix_${name} PROPERTIES
    LABELS "matrix" TIMEOUT 600
    ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<BOOL:${DLBENCH_SANITIZE}>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
endforeach()

# The instrument's own footprint: every object in dlbench's global scope is
# searched when a measured library's symbols are bound, so dlbench needs
# libc alone (libm is loaded RTLD_LOCAL on demand; harness/dbmath.h).
if(NOT DLBENCH_SANITIZE)
  add_test(NAME matrix_lean_binary
    COMMAND sh -c "needed=$(readelf -d \"$1\" | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p' | tr '\\n' ' '); echo \"NEEDED: $needed\"; [ \"$needed\" = 'libc.so.6 ' ]"
            sh $<TARGET_FILE:dlbench>)
endif()

# Go release names ("1.22", "go1.22.12") resolved offline: fake GOROOTs and
# a fixed module-proxy toolchain list (matrix/gorelease.h).
add_executable(test_gorelease ${PROJECT_SOURCE_DIR}/tests/matrix/test_gorelease.c)
target_link_libraries(test_gorelease PRIVATE dlbench_core)
add_test(NAME matrix_gorelease
  COMMAND test_gorelease ${CMAKE_CURRENT_BINARY_DIR}/gorelease_tmp)
set_tests_properties(matrix_gorelease PROPERTIES
  LABELS "unit" FAIL_REGULAR_EXPRESSION "FAIL line" TIMEOUT 60)
