# tests/fuzz.cmake - libFuzzer targets for the TOML reader (fuzz_toml) and
# the config loader (fuzz_config), and the replay of their seed corpora.
#
# DLBENCH_FUZZ=ON (clang only): fuzz_<t> are libFuzzer binaries built with
#   -fsanitize=fuzzer,address,undefined against dlbench_fuzzcore, a copy of
#   the core library compiled with the same instrumentation. ctest replays the
#   corpus once (-runs=0); to fuzz, new inputs going to the build folder:
#     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDLBENCH_FUZZ=ON
#     cmake --build build-fuzz --target fuzz_toml
#     mkdir -p build-fuzz/corpus-toml
#     build-fuzz/fuzz_toml -dict=tests/fuzz/corpus/toml.dict -max_total_time=60 \
#         build-fuzz/corpus-toml tests/fuzz/corpus/toml
# DLBENCH_FUZZ=OFF: fuzz_<t> are plain executables with replay_main.c as
#   main(), and ctest "fuzz_corpus_<t>" replays tests/fuzz/corpus/<t>/ in
#   every normal test run (under ASan/UBSan too when DLBENCH_SANITIZE=ON).
set(DLBENCH_FUZZ_DIR ${PROJECT_SOURCE_DIR}/tests/fuzz)

set(DLBENCH_FUZZ_TARGETS toml config)

if(DLBENCH_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DLBENCH_FUZZ needs clang: cmake -DCMAKE_C_COMPILER=clang -DDLBENCH_FUZZ=ON")
  endif()
  # The library gets coverage instrumentation without libFuzzer's main();
  # the targets link libFuzzer.
  set(DLBENCH_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_library(dlbench_fuzzcore STATIC ${DLBENCH_CORE_SOURCES})
  target_include_directories(dlbench_fuzzcore PUBLIC
    ${PROJECT_SOURCE_DIR}/harness ${PROJECT_SOURCE_DIR}/impls)
  target_compile_definitions(dlbench_fuzzcore PUBLIC
    DLBENCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_compile_options(dlbench_fuzzcore PUBLIC ${DLBENCH_FUZZ_FLAGS})
  target_link_libraries(dlbench_fuzzcore PUBLIC ${CMAKE_DL_LIBS} Threads::Threads m)
  foreach(t ${DLBENCH_FUZZ_TARGETS})
    add_executable(fuzz_${t} ${DLBENCH_FUZZ_DIR}/fuzz_${t}.c)
    target_link_libraries(fuzz_${t} PRIVATE dlbench_fuzzcore)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer,address,undefined)
    add_test(NAME fuzz_corpus_${t}
             COMMAND fuzz_${t} -runs=0 ${DLBENCH_FUZZ_DIR}/corpus/${t})
    set_tests_properties(fuzz_corpus_${t} PROPERTIES LABELS "fuzz" TIMEOUT 120)
  endforeach()
else()
  foreach(t ${DLBENCH_FUZZ_TARGETS})
    add_executable(fuzz_${t} ${DLBENCH_FUZZ_DIR}/fuzz_${t}.c ${DLBENCH_FUZZ_DIR}/replay_main.c)
    target_link_libraries(fuzz_${t} PRIVATE dlbench_core)
    add_test(NAME fuzz_corpus_${t}
             COMMAND fuzz_${t} ${DLBENCH_FUZZ_DIR}/corpus/${t})
    set_tests_properties(fuzz_corpus_${t} PROPERTIES LABELS "fuzz" TIMEOUT 120)
  endforeach()
endif()
