// Native reference loop of the bridge benchmark: drives the Verilated mac_array model from C++
// exactly as BridgeBench drives it from Java (same inputs, same per-cycle reads, same checksum).
// Usage: mac_array_main CYCLES   prints "CYCLES CHECKSUM WALL_NS CPU_NS" (wall-clock and thread CPU
// time of the cycle loop only).
#include "Vmac_array.h"
#include "verilated.h"

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

static long long thread_cpu_ns() {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

static const uint64_t SEED = 0x9E3779B97F4A7C15ULL;
static const uint64_t FNV_OFFSET = 0xcbf29ce484222325ULL;
static const uint64_t FNV_PRIME = 0x100000001b3ULL;

static inline uint64_t xorshift(uint64_t& x) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
}

int main(int argc, char** argv) {
    long long cycles = argc > 1 ? std::atoll(argv[1]) : 1000000;
    VerilatedContext ctx;
    Vmac_array top{&ctx};
    top.rst = 1;
    top.clk = 0;
    top.eval();
    top.clk = 1;
    top.eval();
    top.rst = 0;
    top.eval();

    uint64_t x = SEED, h = FNV_OFFSET;
    uint64_t a[8], b[8], acc[32];
    long long cpu0 = thread_cpu_ns();
    auto t0 = std::chrono::steady_clock::now();
    for (long long c = 0; c < cycles; ++c) {
        for (int j = 0; j < 8; ++j) a[j] = xorshift(x);
        for (int j = 0; j < 8; ++j) b[j] = xorshift(x);
        std::memcpy(top.a.data(), a, sizeof a);
        std::memcpy(top.b.data(), b, sizeof b);
        top.clk = 0;
        top.eval();
        top.clk = 1;
        top.eval();
        h = (h ^ static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(top.dot)))) * FNV_PRIME;
        std::memcpy(acc, top.acc.data(), sizeof acc);
        for (int j = 0; j < 32; ++j) h = (h ^ acc[j]) * FNV_PRIME;
    }
    auto t1 = std::chrono::steady_clock::now();
    long long cpu = thread_cpu_ns() - cpu0;
    long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
    std::printf("%lld %" PRIu64 " %lld %lld\n", cycles, h, ns, cpu);
    top.final();
    return 0;
}
