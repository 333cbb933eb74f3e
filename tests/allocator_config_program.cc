// src/allocator_config.cc's huge pages: an executable linked with jemalloc and lcsynth's
// allocator options asks for huge pages (MADV_HUGEPAGE, "hg" in /proc/self/smaps) for what
// jemalloc maps once an App has grown large, and not before. A program of its own, built like
// lcsynth's executables (cmake/warnings.cmake, lcsynth_static_runtime), run by CTest when they
// link jemalloc.

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
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
  return 0;
}
