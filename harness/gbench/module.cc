// module.cc - the Google Benchmark engine of the call scenario, built as
// the loadable module dlbench-gbench.so (CMake, only when libbenchmark-dev
// is found) and reached through the C ABI of measure/gbench_abi.h.
//
// One benchmark per workload, registered over the dlsym'd function
// pointers the request carries (no shim library in between), written the
// way Google Benchmark's documentation writes a benchmark: the closure
// captures the pointer, the loop is `for (auto _ : state)`, the result goes
// through benchmark::DoNotOptimize. Each benchmark runs Repetitions(n)
// times on the calling thread (Google Benchmark runs a one-thread benchmark
// on the thread that calls RunSpecifiedBenchmarks, so the main-thread /
// pthread distinction of the call scenario holds), and every repetition is
// handed back through the request's row callback.
//
// Why its numbers can differ from the native engine's, either way: the
// loops differ. DoNotOptimize (and ClobberMemory for noop/floor) has a
// "memory" clobber, after which the compiler must assume any memory
// changed, so the captured function pointer is loaded again from the
// closure before every call (g++ 12 with libbenchmark 1.7.1 emits
// `call *0xe0(%rbp)`); the result stays in a register (g++ picks the "r"
// alternative of "+m,r") and nothing waits for it. The native loop
// (measure/call.c) launders the pointer in a register with an empty asm
// that has no memory clobber, varies the first argument and sums the
// results, so each iteration depends on the previous call's return value.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

extern "C" {
#include "measure/gbench_abi.h"
}

namespace {

using noop_t = void (*)(void);
using add_t = int64_t (*)(int64_t, int64_t);
using fib_t = int64_t (*)(int32_t);
using hello_t = char *(*)(const char *);
using free_t = void (*)(char *);

// Hands the repetitions of one workload's benchmark back to the caller.
class RowReporter : public benchmark::BenchmarkReporter {
  public:
    RowReporter(const gbench_request *rq) : rq_(rq) {}

    bool ReportContext(const Context &) override { return true; }

    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &r : runs) {
            if (r.run_type != Run::RT_Iteration)
                continue; // aggregates: dlbench computes its own
            if (r.error_occurred) {
                error = r.benchmark_name() + ": " + r.error_message;
                continue;
            }
            if (!current || r.iterations <= 0)
                continue;
            double ns = r.real_accumulated_time * 1e9 / static_cast<double>(r.iterations);
            rq_->row(rq_->ctx, current, static_cast<int>(r.repetition_index), ns,
                     static_cast<double>(r.iterations));
        }
    }

    const gbench_workload *current = nullptr;
    std::string error;

  private:
    const gbench_request *rq_;
};

benchmark::internal::Benchmark *register_one(const gbench_request *rq, const gbench_workload *w)
{
    const char *name = w->name;
    switch (w->kind) {
    case GB_NOOP:
    case GB_FLOOR: {
        noop_t f = w->kind == GB_NOOP ? rq->noop : rq->floor_fn;
        return benchmark::RegisterBenchmark(name, [f](benchmark::State &st) {
            for (auto _ : st) {
                f();
                benchmark::ClobberMemory();
            }
        });
    }
    case GB_ADD: {
        add_t f = rq->add;
        return benchmark::RegisterBenchmark(name, [f](benchmark::State &st) {
            int64_t a = 2, b = 3;
            for (auto _ : st) {
                int64_t r = f(a, b);
                benchmark::DoNotOptimize(r);
            }
        });
    }
    case GB_FIB: {
        fib_t f = rq->fib;
        int32_t n = w->fib_n;
        return benchmark::RegisterBenchmark(name, [f, n](benchmark::State &st) {
            for (auto _ : st) {
                int64_t r = f(n);
                benchmark::DoNotOptimize(r);
            }
        });
    }
    case GB_HELLO: {
        hello_t h = rq->hello;
        free_t fr = rq->free_str;
        return benchmark::RegisterBenchmark(name, [h, fr](benchmark::State &st) {
            for (auto _ : st) {
                char *s = h("world");
                benchmark::DoNotOptimize(s);
                if (s)
                    fr(s);
            }
        });
    }
    }
    return nullptr;
}

} // namespace

extern "C" __attribute__((visibility("default"))) int
dlbench_gbench_run(const gbench_request *rq, char *err, size_t errlen)
{
    if (!rq || rq->abi != GBENCH_ABI_VERSION) {
        std::snprintf(err, errlen, "%s speaks ABI %d, dlbench asked for %d (rebuild both)",
                      GBENCH_MODULE_NAME, GBENCH_ABI_VERSION, rq ? rq->abi : -1);
        return -1;
    }
    RowReporter rep(rq);
    // One workload at a time, so the step record names the one running and
    // a library that ends the process is caught in the right place.
    for (size_t i = 0; i < rq->n_w; i++) {
        const gbench_workload *w = &rq->w[i];
        benchmark::ClearRegisteredBenchmarks();
        benchmark::internal::Benchmark *b = register_one(rq, w);
        if (!b)
            continue;
        b->Repetitions(rq->repetitions)
            ->MinTime(rq->min_time_s)
            ->Unit(benchmark::kNanosecond)
            ->ReportAggregatesOnly(false);
        if (rq->warmup_s > 0)
            b->MinWarmUpTime(rq->warmup_s);
        rep.current = w;
        if (rq->step)
            rq->step(rq->ctx, w);
        benchmark::RunSpecifiedBenchmarks(&rep, ".");
    }
    benchmark::ClearRegisteredBenchmarks();
    if (!rep.error.empty()) {
        std::snprintf(err, errlen, "Google Benchmark: %s", rep.error.c_str());
        return -1;
    }
    return 0;
}
