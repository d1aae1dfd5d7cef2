# tests/plot.cmake - charts (harness/plot.c, scripts/plot/) on the fixture
# run folder tests/plot/run1 (made by tests/plot/make_fixture.py), and the
# whole-process cold start (harness/process.c) under hyperfine on a tiny
# library of our own. Tests that need gnuplot or hyperfine pass with a
# "skipped" line when the tool is absent.
add_library(plot_tinylib SHARED ${PROJECT_SOURCE_DIR}/tests/plot/tinylib.c)
target_include_directories(plot_tinylib PRIVATE ${PROJECT_SOURCE_DIR}/impls)
add_executable(test_plot ${PROJECT_SOURCE_DIR}/tests/plot/test_plot.c)
target_link_libraries(test_plot PRIVATE dlbench_core)
foreach(part charts toolchains nocycle cli json process trust)
  add_test(NAME plot_${part}
           COMMAND test_plot ${part} ${PROJECT_SOURCE_DIR}/tests/plot/run1
                   $<TARGET_FILE:dlbench> $<TARGET_FILE:plot_tinylib>)
  set_tests_properties(plot_${part} PROPERTIES LABELS "plot" TIMEOUT 180)
endforeach()
