# dlbench - thin driver around CMake. Every target first makes sure the
# tools it needs are installed (scripts/deps.sh), then builds in build/.
#
#   make bench                      run the default bench.toml end to end
#   make bench GO="go1.21.6 local"  compare Go releases in one run
#   make bench QUICK=1              the same code paths with tiny budgets
#   make precision                  two default runs back to back: mde, agreement,
#                                   A/A false positives, instruction counts
#   make test                       build and run the test suite
#   make test-sanitize              the test suite against an ASan+UBSan build
#   make fuzz [FUZZ_SECONDS=600]    libFuzzer on the TOML reader and config layer
#   make lint                       cppcheck, clang-tidy and the structure check on harness/
#   make precision-aa               A/A check of the C variants: two identical runs, at most 1 of
#                                   10 timing rows may claim a change
BUILD   ?= build
CONFIG  ?= bench.toml
GO      ?=
QUICK   ?=
ARGS    ?=
CMAKE_FLAGS ?=
JOBS    ?= 2

DLBENCH = $(BUILD)/dlbench
RUN_FLAGS = -c $(CONFIG) $(if $(GO),--go "$(GO)") $(if $(QUICK),--quick) $(ARGS)

FUZZ_SECONDS ?= 600

.PHONY: all deps deps-test build build-tool bench test test-sanitize fuzz fuzz-ci lint clean \
        precision precision-aa

all: build

# What `make bench` needs (compilers, Go, Rust, gnuplot, hyperfine,
# valgrind); `deps-test` adds the test, lint and fuzz tools.
# (the config is passed so that engine = "gbench"/"both" adds libbenchmark-dev)
deps:
	@sh scripts/deps.sh bench $(CONFIG)

deps-test:
	@sh scripts/deps.sh test

# Everything: dlbench, the test programs, fixtures and fuzz replays.
build: deps-test
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# dlbench alone, quietly: the build system's output goes to
# $(BUILD)/build-tool.log and is shown only when the build fails.
build-tool: deps
	@mkdir -p $(BUILD)
	@{ cmake -S . -B $(BUILD) $(CMAKE_FLAGS) && \
	   cmake --build $(BUILD) -j$(JOBS) --target dlbench; } >$(BUILD)/build-tool.log 2>&1 || \
	  { tail -n 40 $(BUILD)/build-tool.log; echo "make: building dlbench failed (log: $(BUILD)/build-tool.log)"; exit 1; }

bench: build-tool
	@$(DLBENCH) run $(RUN_FLAGS)

# A benchmark of the instrument (scripts, not tests: they time things).
# precision: two default runs back to back (scripts/precision.py): every
# result's mde_pct, whether the runs' findings agree, the A/A false
# positives of compare, instruction counts across the runs.
precision: build-tool
	@python3 scripts/precision.py $(DLBENCH) $(CONFIG) $(if $(GO),--go "$(GO)") $(if $(QUICK),--quick) $(ARGS)

# precision-aa: two identical runs of the C variants compared
# (scripts/precision.sh); fails when more than 1 of 10 timing rows claims a change.
precision-aa: build-tool
	@sh scripts/precision.sh $(DLBENCH)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# The whole suite again with AddressSanitizer and UBSan in the harness.
test-sanitize: deps-test
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDLBENCH_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# libFuzzer (clang) on the TOML reader and on bench.toml -> config; new
# inputs go to build-fuzz/corpus-*, crashes to build-fuzz/crash-*.
fuzz: deps-test
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDLBENCH_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j$(JOBS) --target fuzz_toml fuzz_config
	@for t in toml:65536 config:8192; do \
	  name=$${t%%:*}; len=$${t##*:}; \
	  mkdir -p build-fuzz/corpus-$$name && \
	  echo "fuzz_$$name: $(FUZZ_SECONDS) s" && \
	  build-fuzz/fuzz_$$name -dict=tests/fuzz/corpus/toml.dict -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$$len -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/crash-$$name- \
	    build-fuzz/corpus-$$name tests/fuzz/corpus/$$name >build-fuzz/fuzz_$$name.log 2>&1 || \
	    { tail -n 40 build-fuzz/fuzz_$$name.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units" build-fuzz/fuzz_$$name.log; \
	done

# Static analysis of the harness; findings are errors (suppressions are one
# by one, with a reason, in .clang-tidy or inline).
lint: build
	python3 scripts/check-structure.py
	@cmake -S . -B $(BUILD) -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
	cppcheck --enable=warning,portability,performance --std=c11 --inline-suppr \
	  --error-exitcode=1 --quiet --suppress=missingIncludeSystem -I harness -I impls harness
	clang-tidy -p $(BUILD) --quiet harness/*/*.c

# The bounded run CI does.
fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

clean:
	rm -rf $(BUILD) build-asan build-fuzz
