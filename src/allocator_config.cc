// glibc malloc's preparation for a large heap, in lcsynth's executables (lcsynth_static_runtime
// in cmake/warnings.cmake): nothing changes for a small app, and once an App grows large
// (kLargeAppConstructs constructs, include/lcsynth/large_app.h) the main thread's heap is made
// ready for a tree of tens or hundreds of MiB:
//
// - Its top is grown at once by kReserve of address space (M_TOP_PAD, then one block asked for
//   and given back), and that range is advised MADV_HUGEPAGE (transparent huge pages, on kernels
//   set to "madvise" or "always"): the tree is built on 2 MiB pages, a page fault each instead
//   of 512. glibc does the same with its glibc.malloc.hugetlb=1 tunable, which can only be set in
//   the environment before the process starts. Only what is written becomes resident. Not done
//   when the kernel counts address space as committed memory (vm.overcommit_memory = 2), where
//   the reserve would take from what other processes may commit.
// - Blocks up to 32 MiB come from that heap (M_MMAP_THRESHOLD, glibc's largest), not from
//   mappings of their own without huge pages, and freed memory at its top stays for reuse
//   (M_TRIM_THRESHOLD) instead of going back to the kernel and being faulted in again. Past the
//   reserve, the heap grows 64 MiB at a time (on small pages).
//
// N = 1000 copies of LibreChat, tmpfs, medians of 5 (docs/benchmarks.md, session 25): glibc's
// malloc alone 239-257 ms, with this 199-211 ms; peak RSS 109-112 -> 110-114 MiB.
//
// Why glibc's malloc and not jemalloc (sessions 5 to 24): jemalloc's start (its arena, size
// classes and a first slab per class: 78 more page faults) cost the LibreChat synth 0.12-0.16 ms
// of 1.6, 6-10 %. At N = 1000 jemalloc was faster (175-194 ms on tmpfs), with a helper thread
// faulting in each region it mapped on the idle core; both sizes meet their targets with
// glibc's, and only the LibreChat synth was short of its target with jemalloc.

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "lcsynth/large_app.h"

namespace {

constexpr size_t kReserve = size_t{1} << 30;   // address space for the heap to grow into on huge pages
constexpr size_t kHugePage = size_t{2} << 20;  // x86-64's transparent huge page
constexpr int kMmapThreshold = 32 << 20;       // glibc's largest (HEAP_MAX_SIZE / 2 on 64-bit)
constexpr int kGrowth = 64 << 20;              // past the reserve, the heap grows this much at a time

// Whether the kernel counts address space as committed memory (strict overcommit accounting).
bool strict_overcommit() {
  std::ifstream mode("/proc/sys/vm/overcommit_memory");
  int value = 0;
  return mode >> value && value == 2;
}

void prepare_for_large_heap() {
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
  if (strict_overcommit()) return;
  // The heap's top grows by the request and M_TOP_PAD: a request larger than the free top
  // (mallinfo2's keepcost) makes glibc move the break once, by about kReserve.
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  auto* before = static_cast<char*>(::sbrk(0));
  void* volatile block = std::malloc(mallinfo2().keepcost + (size_t{1} << 20));  // volatile: kept by the compiler
  std::free(block);
  auto* after = static_cast<char*>(::sbrk(0));
  mallopt(M_TOP_PAD, kGrowth);
  const auto begin = (reinterpret_cast<std::uintptr_t>(before) + kHugePage - 1) / kHugePage * kHugePage;
  const auto end = reinterpret_cast<std::uintptr_t>(after);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: a kernel without THP ignores it
}

[[maybe_unused]] const bool kHookSet = (lcsynth::on_large_app(&prepare_for_large_heap), true);

}  // namespace
