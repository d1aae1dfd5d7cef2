# dlbench - thin driver around CMake. Every target first makes sure the
# tools it needs are installed (scripts/deps.sh), then builds in build/.
#
#   make bench                      run the default bench.toml end to end
#   make bench GO="go1.21.6 local"  compare Go releases in one run
#   make bench QUICK=1              the same code paths with tiny budgets
#   make test                       build and run the test suite
BUILD   ?= build
CONFIG  ?= bench.toml
GO      ?=
QUICK   ?=
ARGS    ?=
CMAKE_FLAGS ?=
JOBS    ?= 2

DLBENCH = $(BUILD)/dlbench
RUN_FLAGS = -c $(CONFIG) $(if $(GO),--go "$(GO)") $(if $(QUICK),--quick) $(ARGS)

.PHONY: all deps build bench test test-sanitize fuzz lint clean

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

bench: build
	$(DLBENCH) run $(RUN_FLAGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
