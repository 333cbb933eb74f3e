// src/allocator_config.cc's preparation for a large heap: in an executable built like lcsynth's
// (cmake/warnings.cmake, lcsynth_static_runtime), nothing of the heap is advised MADV_HUGEPAGE
// ("hg" in /proc/self/smaps) and a block of 16 MiB is a mapping of its own while the app is
// small; once it has grown large, the heap has at least 512 MiB advised for huge pages, new
// blocks (16 MiB ones too) come from it, and freeing its top block does not shrink it. A program
// of its own, run by CTest.

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lcsynth/app.h"
#include "lcsynth/construct.h"
#include "lcsynth/large_app.h"
#include "lcsynth/stack.h"

namespace {

// One mapping of this process, from /proc/self/smaps: its range, name ("[heap]", "" for an
// anonymous one), size in KiB, and whether it is advised MADV_HUGEPAGE.
struct Mapping {
  bool found = false;
  std::uintptr_t begin = 0, end = 0;
  std::string name;
  size_t kib = 0;
  bool huge = false;
};

std::vector<Mapping> mappings() {
  std::ifstream smaps("/proc/self/smaps");
  std::vector<Mapping> all;
  for (std::string line; std::getline(smaps, line);) {
    if (line.rfind("Size:", 0) == 0 && !all.empty()) all.back().kib = std::stoul(line.substr(5));
    if (line.rfind("VmFlags:", 0) == 0 && !all.empty()) all.back().huge = (line + " ").find(" hg ") != std::string::npos;
    // A mapping's first line: "begin-end perms offset dev inode [name]", in hexadecimal; the
    // other lines are "Key: value", with the colon before the first space.
    if (line.find(':') < line.find(' ')) continue;
    Mapping m{.found = true};
    char dash = 0;
    std::string perms, offset, dev, inode;
    std::istringstream head(line);
    if (!(head >> std::hex >> m.begin >> dash >> m.end >> perms >> offset >> dev >> inode) || dash != '-') continue;
    std::getline(head >> std::ws, m.name);
    all.push_back(std::move(m));
  }
  return all;
}

// The mapping that holds `p` (`found` false when none does).
Mapping mapping_of(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  for (Mapping& m : mappings())
    if (at >= m.begin && at < m.end) return std::move(m);
  return {};
}

// Kibibytes of this process's mappings advised MADV_HUGEPAGE.
size_t advised_kib() {
  size_t total = 0;
  for (const Mapping& m : mappings()) total += m.huge ? m.kib : 0;
  return total;
}

// Allocates `bytes` in 64-byte blocks, each written to, and keeps them.
void allocate(std::vector<std::unique_ptr<char[]>>& kept, size_t bytes) {
  for (size_t i = 0; i < bytes / 64; ++i) {
    kept.push_back(std::make_unique<char[]>(64));
    kept.back()[0] = 1;
  }
}

constexpr size_t kBig = size_t{16} << 20;  // under glibc's largest mmap threshold (32 MiB)

int fail(const std::string& what) {
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  return 1;
}

std::string describe(const Mapping& m) {
  if (!m.found) return "in no mapping";
  return fmt::format("in mapping '{}' of {} KiB{}", m.name, m.kib, m.huge ? ", advised for huge pages" : "");
}

}  // namespace

int main() {
  if (!std::ifstream("/proc/self/smaps")) {
    std::puts("SKIPPED: no /proc/self/smaps to read the mappings from");
    return 0;
  }
  std::vector<std::unique_ptr<char[]>> kept;
  allocate(kept, size_t{32} << 20);
  if (size_t kib = advised_kib(); kib != 0)
    return fail(fmt::format("a 32 MiB heap without a large app asked for huge pages ({} KiB advised)", kib));
  {
    std::unique_ptr<char[]> big(new char[kBig]);  // NOLINT: not value-initialized, on purpose
    if (Mapping m = mapping_of(big.get()); !m.found || m.name == "[heap]")
      return fail(fmt::format("a 16 MiB block while the app is small is not a mapping of its own: {}", describe(m)));
  }

  lcsynth::App app;
  auto& stack = app.add<lcsynth::Stack>("s");
  for (size_t g = 0; g * 64 < lcsynth::kLargeAppConstructs; ++g) {
    auto& group = stack.add<lcsynth::Group>(fmt::format("g{}", g));
    for (size_t c = 0; c < 63; ++c) group.add<lcsynth::Group>(fmt::format("c{}", c));
  }

  int overcommit = 0;
  if (std::ifstream("/proc/sys/vm/overcommit_memory") >> overcommit && overcommit == 2) {
    std::puts("SKIPPED: strict overcommit accounting (vm.overcommit_memory = 2): no reserve is made");
    return 0;
  }
  allocate(kept, size_t{64} << 20);
  Mapping heap = mapping_of(kept.back().get());
  if (heap.name != "[heap]" || !heap.huge || heap.kib < (size_t{512} << 10))
    return fail(fmt::format("a block allocated after the app grew large is not in a heap of at least 512 MiB advised for huge pages: {}", describe(heap)));
  auto* top_before = static_cast<char*>(::sbrk(0));
  {
    std::unique_ptr<char[]> big(new char[kBig]);  // NOLINT: not value-initialized, on purpose
    if (Mapping m = mapping_of(big.get()); m.name != "[heap]" || !m.huge)
      return fail(fmt::format("a 16 MiB block after the app grew large does not come from the advised heap: {}", describe(m)));
  }
  if (::sbrk(0) < top_before) return fail("freeing a 16 MiB block at the heap's top gave memory back to the kernel");
  std::printf("after the app grew large: the heap %s; none advised before\n", describe(heap).c_str());
  return 0;
}
