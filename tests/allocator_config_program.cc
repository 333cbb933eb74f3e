// src/allocator_config.cc's preparation for a large heap: an executable linked with jemalloc and
// lcsynth's allocator options asks for huge pages (MADV_HUGEPAGE, "hg" in /proc/self/smaps) for
// what jemalloc maps once an App has grown large, and faults that memory in on a helper thread
// (a block it never touches becomes resident), and does neither before. A program of its own,
// built like lcsynth's executables (cmake/warnings.cmake, lcsynth_static_runtime), run by CTest
// when they link jemalloc.

#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "lcsynth/app.h"
#include "lcsynth/construct.h"
#include "lcsynth/large_app.h"
#include "lcsynth/stack.h"

namespace {

// Kibibytes of this process's mappings advised MADV_HUGEPAGE.
size_t advised_kib() {
  std::ifstream smaps("/proc/self/smaps");
  size_t total = 0;
  size_t size = 0;
  for (std::string line; std::getline(smaps, line);) {
    if (line.rfind("Size:", 0) == 0) size = std::stoul(line.substr(5));
    if (line.rfind("VmFlags:", 0) == 0 && (line + " ").find(" hg ") != std::string::npos) total += size;
  }
  return total;
}

// Allocates `bytes` in 64-byte blocks, each written to, and keeps them.
void allocate(std::vector<std::unique_ptr<char[]>>& kept, size_t bytes) {
  for (size_t i = 0; i < bytes / 64; ++i) {
    kept.push_back(std::make_unique<char[]>(64));
    kept.back()[0] = 1;
  }
}

// The share of `block`'s pages that are resident, 0 to 1.
double resident_share(const char* block, size_t bytes) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  std::uintptr_t begin = reinterpret_cast<std::uintptr_t>(block) / page * page;
  std::uintptr_t end = reinterpret_cast<std::uintptr_t>(block) + bytes;
  std::vector<unsigned char> pages((end - begin + page - 1) / page);
  if (::mincore(reinterpret_cast<void*>(begin), end - begin, pages.data()) != 0) return -1;
  size_t resident = 0;
  for (unsigned char p : pages) resident += p & 1;
  return static_cast<double>(resident) / static_cast<double>(pages.size());
}

// 16 blocks of 1 MiB that this program never reads or writes. (Of a size jemalloc serves from
// its arena; blocks over 8 MiB come from a separate one, which the options leave alone.)
constexpr size_t kBlocks = 16;
constexpr size_t kBlock = size_t{1} << 20;
std::vector<std::unique_ptr<char[]>> untouched() {
  std::vector<std::unique_ptr<char[]>> blocks;
  for (size_t i = 0; i < kBlocks; ++i) blocks.emplace_back(new char[kBlock]);  // NOLINT: not value-initialized, on purpose
  return blocks;
}

// The share of the blocks' pages that are resident, 0 to 1.
double resident_share(const std::vector<std::unique_ptr<char[]>>& blocks) {
  double total = 0;
  for (const auto& b : blocks) total += resident_share(b.get(), kBlock);
  return total / static_cast<double>(blocks.size());
}

int fail(const char* what, size_t kib) {
  std::fprintf(stderr, "FAILED: %s (%zu KiB of mappings advised MADV_HUGEPAGE)\n", what, kib);
  return 1;
}

}  // namespace

int main() {
  if (!std::ifstream("/proc/self/smaps")) {
    std::puts("SKIPPED: no /proc/self/smaps to read the advice from");
    return 0;
  }
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled")) {
    std::puts("SKIPPED: this kernel has no transparent huge pages to advise");
    return 0;
  }
  std::vector<std::unique_ptr<char[]>> kept;
  allocate(kept, size_t{32} << 20);
  if (size_t kib = advised_kib(); kib != 0) return fail("a 32 MiB heap without a large app asked for huge pages", kib);
  auto before = untouched();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // what a helper would have had to fault them in
  if (double share = resident_share(before); share < 0 || share > 0.5)
    return fail("16 untouched blocks of 1 MiB allocated without a large app became resident", advised_kib());

  lcsynth::App app;
  auto& stack = app.add<lcsynth::Stack>("s");
  for (size_t g = 0; g * 64 < lcsynth::kLargeAppConstructs; ++g) {
    auto& group = stack.add<lcsynth::Group>("g" + std::to_string(g));
    for (size_t c = 0; c < 63; ++c) group.add<lcsynth::Group>("c" + std::to_string(c));
  }
  allocate(kept, size_t{64} << 20);
  size_t kib = advised_kib();
  if (kib < (size_t{32} << 10)) return fail("64 MiB allocated after an app grew large, but under 32 MiB of it advised", kib);
  std::printf("%zu KiB advised MADV_HUGEPAGE after the app grew large, none before\n", kib);

  if (::madvise(nullptr, 0, MADV_POPULATE_WRITE) != 0) {
    std::puts("SKIPPED: this kernel cannot fault memory in without touching it (MADV_POPULATE_WRITE, Linux 5.14)");
    return 0;
  }
  // The helper faults in what jemalloc maps from now on, however long that takes on a busy
  // machine: the check waits for it, it does not time it.
  auto after = untouched();
  double share = 0;
  for (int i = 0; i < 3000 && (share = resident_share(after)) < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (share < 1) {
    std::fprintf(stderr, "FAILED: 16 untouched blocks of 1 MiB allocated after the app grew large are %.0f %% resident after 30 s\n", share * 100);
    return 1;
  }
  std::puts("16 untouched blocks of 1 MiB allocated after the app grew large became resident, and those allocated before did not");
  return 0;
}
