// jemalloc's options for lcsynth's executables, read by jemalloc at its start (it looks for this
// symbol; the MALLOC_CONF environment variable still overrides them). Compiled only into the
// executables that link jemalloc (lcsynth_static_runtime in cmake/warnings.cmake).
//
// narenas:1 - one arena for every thread. Synthesis allocates on one thread and frees on
//   another (a document is rendered on the main thread and freed where it is written); with an
//   arena per thread, pages freed in one were not reused by the next allocations in another
//   (N = 1000 copies of LibreChat: peak RSS about 120 -> 110 MiB).
// Freed pages are left to jemalloc's default decay (10 s, which a synth never reaches), so they
// are reused by the next allocations without going back to the kernel. Returning them at once
// (dirty_decay_ms:0, sessions 5 to 11) cost N = 1000 a madvise() per freed run and a page
// fault at each reuse, on three threads sharing the process's page tables: 475 -> 424 ms
// (median of 20, tmpfs), 29.5 K -> 25 K faults, 0.06 s less system time, for 2.3 MiB more peak
// RSS (98.8 -> 101.0 MiB); LibreChat and N = 1 unchanged (docs/benchmarks.md, session 12).
//
// Huge pages for large construct trees: once an App is large (kLargeAppConstructs constructs,
// src/large_app.h), what jemalloc maps from then on is advised MADV_HUGEPAGE (transparent huge
// pages, on kernels set to "madvise" or "always"), through an extent hook put in front of
// jemalloc's own. A 1,000-copy synthesis builds a 100 MiB tree: 28,000 page faults of 4 KiB
// without, 3,800-5,300 with (session 13, on tmpfs: 432 -> 394 and 458 -> 388 ms, medians of 20
// interleaved runs; user time 0.55 -> 0.48 s, peak RSS 109 -> 101 MiB). For every heap (jemalloc's thp:always) the
// LibreChat synth paid 0.35 ms and 5 MiB, a 2 MiB page zeroed for a 5 MiB process; the hook
// installed before main() cost lcsynth-bench --copies 1 30 page faults and 0.17 ms. Installed
// when the app becomes large, it costs small apps nothing.
//
// Memory faulted in on another thread, from then on too: the kernel zeroes each page of fresh
// memory when it is first written, and on these virtual machines that zeroing (clear_page) was
// up to 35 % of the main thread's time at N = 1000 copies (perf: 564 of 984 samples while the
// tree was built), varying from run to run with the host's state. Building the tree is the user's
// code, on one thread, while the second core is idle: a helper thread faults in each region
// jemalloc maps (madvise MADV_POPULATE_WRITE, Linux 5.14; it neither reads nor writes the
// memory) from its start, as the main thread takes it from its start, and the main thread mostly
// finds its pages ready. Regions are at most kRegionLimit (jemalloc's retain_grow_limit), so the
// helper faults in at most that much the process would not have used. N = 1000, tmpfs, 15
// interleaved runs: building the tree 104 -> 68 ms (median; 69-238 -> 62-86 ms), peak RSS
// 101.3 -> 103.3 MiB (session 14).

#include <jemalloc/jemalloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <system_error>
#include <thread>

#include "lcsynth/large_app.h"

extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): the name jemalloc looks for
extern const char* malloc_conf;
const char* malloc_conf = "narenas:1";
}

namespace {

// --- Faulting in on a helper thread ----------------------------------------------------------
// The regions jemalloc maps reach the helper through a fixed array: they are published from
// inside jemalloc (its extent hook), where nothing may allocate.

struct Region {
  std::uintptr_t begin = 0;
  size_t size = 0;
};
constexpr size_t kRegions = 4096;                 // 16 GiB of kRegionLimit regions; later ones are not faulted in
constexpr size_t kRegionLimit = size_t{4} << 20;  // jemalloc maps at most this at a time (more for one larger block)
constexpr size_t kFaultStep = size_t{2} << 20;    // one huge page per madvise(), so that no call holds the process's mappings long
std::array<Region, kRegions> g_regions;
std::atomic<std::uint32_t> g_published{0};  // g_regions[0, g_published) are ready for the helper
std::atomic_flag g_publishing = ATOMIC_FLAG_INIT;

void publish(void* begin, size_t size) {
  while (g_publishing.test_and_set(std::memory_order_acquire)) {
  }  // jemalloc maps regions one at a time (one arena): never contended in practice
  std::uint32_t n = g_published.load(std::memory_order_relaxed);
  if (n < kRegions) {
    g_regions[n] = {reinterpret_cast<std::uintptr_t>(begin), size};
    g_published.store(n + 1, std::memory_order_release);
  }
  g_publishing.clear(std::memory_order_release);
  g_published.notify_one();
}

// The helper: faults in each published region, front to back, then waits for the next. It runs
// until the process exits.
void fault_in_regions() {
  for (std::uint32_t next = 0;;) {
    std::uint32_t published = g_published.load(std::memory_order_acquire);
    if (next == published) {
      g_published.wait(published, std::memory_order_acquire);
      continue;
    }
    const Region r = g_regions[next++];
    for (size_t at = 0; at < r.size; at += kFaultStep)
      if (::madvise(reinterpret_cast<void*>(r.begin + at), std::min(kFaultStep, r.size - at), MADV_POPULATE_WRITE) != 0) break;
  }
}

// Starts the helper; false when it cannot run (the kernel lacks MADV_POPULATE_WRITE, jemalloc
// may unmap what it maps, no thread can be started).
bool start_fault_in_helper() {
  bool retain = false;
  size_t size = sizeof(retain);
  if (mallctl("opt.retain", &retain, &size, nullptr, 0) != 0 || !retain) return false;  // mapped regions stay mapped
  if (::madvise(nullptr, 0, MADV_POPULATE_WRITE) != 0) return false;                     // EINVAL before Linux 5.14
  size_t limit = kRegionLimit;
  if (mallctl("arena.0.retain_grow_limit", nullptr, nullptr, &limit, sizeof(limit)) != 0) return false;
  try {
    std::thread(fault_in_regions).detach();
  } catch (const std::system_error&) {
    return false;
  }
  return true;
}

// --- jemalloc's extent hook ------------------------------------------------------------------

extent_hooks_t* g_jemalloc_hooks = nullptr;  // jemalloc's own, which do the work
extent_hooks_t g_hooks;                      // the same, but for alloc
bool g_fault_in = false;                     // whether the helper runs

void* alloc_extent(extent_hooks_t* /*self*/, void* new_addr, size_t size, size_t alignment, bool* zero, bool* commit, unsigned arena) {
  void* p = g_jemalloc_hooks->alloc(g_jemalloc_hooks, new_addr, size, alignment, zero, commit, arena);
  if (p != nullptr) {
    ::madvise(p, size, MADV_HUGEPAGE);  // advice: a kernel without THP ignores it
    if (g_fault_in) publish(p, size);
  }
  return p;
}

// Puts alloc_extent() in front of arena 0's hooks (narenas:1: the one arena). jemalloc calls it
// for each new mapping, which it makes in geometrically growing sizes (up to kRegionLimit when
// the helper runs).
void prepare_for_large_heap() {
  extent_hooks_t* current = nullptr;
  size_t size = sizeof(current);
  if (mallctl("arena.0.extent_hooks", &current, &size, nullptr, 0) != 0 || current == nullptr) return;
  g_jemalloc_hooks = current;
  g_hooks = *current;
  g_hooks.alloc = alloc_extent;
  g_fault_in = start_fault_in_helper();
  extent_hooks_t* ours = &g_hooks;
  mallctl("arena.0.extent_hooks", nullptr, nullptr, &ours, sizeof(ours));
}

[[maybe_unused]] const bool kHookSet = (lcsynth::on_large_app(&prepare_for_large_heap), true);

}  // namespace
