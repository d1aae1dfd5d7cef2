# tests/matrix.cmake - the commands over a whole suite: bench.toml errors,
# build (recipes, toolchains, rebuild-only-what-changed) and verify (known
# answers through dlopen, bring-your-own libraries).
set(MATRIX_TESTS config build verify defaults)
foreach(name ${MATRIX_TESTS})
  add_test(NAME matrix_${name}
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/matrix/${name}.sh
            $<TARGET_FILE:dlbench> ${CMAKE_BINARY_DIR}/fixtures
            ${CMAKE_CURRENT_BINARY_DIR}/matrix_tmp/${name})
  set_tests_properties(matrix_${name} PROPERTIES
    LABELS "matrix" TIMEOUT 600
    ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<BOOL:${DLBENCH_SANITIZE}>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
endforeach()
