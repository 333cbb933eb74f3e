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

#include <jemalloc/jemalloc.h>
#include <sys/mman.h>

#include "lcsynth/large_app.h"

extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): the name jemalloc looks for
extern const char* malloc_conf;
const char* malloc_conf = "narenas:1";
}

namespace {

extent_hooks_t* g_jemalloc_hooks = nullptr;  // jemalloc's own, which do the work
extent_hooks_t g_hooks;                      // the same, but for alloc

void* alloc_extent(extent_hooks_t* /*self*/, void* new_addr, size_t size, size_t alignment, bool* zero, bool* commit, unsigned arena) {
  void* p = g_jemalloc_hooks->alloc(g_jemalloc_hooks, new_addr, size, alignment, zero, commit, arena);
  if (p != nullptr) ::madvise(p, size, MADV_HUGEPAGE);  // advice: a kernel without THP ignores it
  return p;
}

// Puts alloc_extent() in front of arena 0's hooks (narenas:1: the one arena). jemalloc calls it
// for each new mapping, which it makes in geometrically growing sizes.
void prefer_huge_pages() {
  extent_hooks_t* current = nullptr;
  size_t size = sizeof(current);
  if (mallctl("arena.0.extent_hooks", &current, &size, nullptr, 0) != 0 || current == nullptr) return;
  g_jemalloc_hooks = current;
  g_hooks = *current;
  g_hooks.alloc = alloc_extent;
  extent_hooks_t* ours = &g_hooks;
  mallctl("arena.0.extent_hooks", nullptr, nullptr, &ours, sizeof(ours));
}

[[maybe_unused]] const bool kHookSet = (lcsynth::on_large_app(&prefer_huge_pages), true);

}  // namespace
