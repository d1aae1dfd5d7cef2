# tests/run.cmake - `dlbench run`: output writers against golden files, the
# planner with a mock executor (no processes), and end-to-end runs (faults,
# a missing Go release, SIGINT).
add_executable(test_writers tests/run/test_writers.c)
target_link_libraries(test_writers PRIVATE dlbench_core)
add_test(NAME run_writers COMMAND test_writers ${PROJECT_SOURCE_DIR}/tests/run/golden)

add_executable(test_plan tests/run/test_plan.c)
target_link_libraries(test_plan PRIVATE dlbench_core)
add_test(NAME run_plan COMMAND test_plan)
set_tests_properties(run_plan PROPERTIES LABELS "run" TIMEOUT 60)

foreach(name faults go_missing sigint truth helpers folder counters channel)
  add_test(NAME run_${name}
    COMMAND sh ${PROJECT_SOURCE_DIR}/tests/run/${name}.sh
            $<TARGET_FILE:dlbench> ${CMAKE_BINARY_DIR}/fixtures
            ${CMAKE_CURRENT_BINARY_DIR}/run_tmp/${name})
  set_tests_properties(run_${name} PROPERTIES
    LABELS "run" TIMEOUT 600 RUN_SERIAL TRUE
    ENVIRONMENT "DLBENCH_SOURCE=${PROJECT_SOURCE_DIR};MEASURE_SANITIZE=$<BOOL:${DLBENCH_SANITIZE}>;ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_abort=0")
endforeach()
