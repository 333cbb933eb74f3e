#pragma once
// For programs about to exit: an object handed here is never destroyed. Freeing a large
// construct tree and its rendered documents node by node took 15 % of a 1,000-copy synthesis
// (lcsynth-bench, callgrind), work the kernel does at once when the process ends. The object
// stays reachable from a static, so LeakSanitizer does not report it.

#include <memory>
#include <mutex>
#include <vector>

namespace lcsynth {

/// Keeps `object` alive, and unfreed, until the process exits. For command-line programs only:
/// a library or a test calling this would grow without bound. Safe to call from several
/// threads at once (synthesis's checking and writing threads both hand documents here).
template <class T>
void keep_until_exit(std::unique_ptr<T> object) {
  static auto* const kept = new std::vector<std::unique_ptr<T>>;
  static auto* const mutex = new std::mutex;
  std::lock_guard lock(*mutex);
  kept->push_back(std::move(object));
}

}  // namespace lcsynth
