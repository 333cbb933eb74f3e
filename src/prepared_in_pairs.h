#pragma once
// Internal: items 0..n-1 prepared on two threads at once, the caller's and a helper's, each by
// whichever thread claims it first, and taken on the caller's thread in their order. The
// rendering of a module's leaf modules is split this way (stack_renderer.cc): preparing is
// what can run on either thread, taking (handing the document on, in order) what cannot.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "background_queue.h"

namespace lcsynth::detail {

class PreparedInPairs {
 public:
  /// `prepare(i)` prepares item i and returns whether it could; it runs on either thread, at
  /// most once per item, and must not throw. `helper` runs the helper's share: a queue with a
  /// thread of its own, idle. Neither thread prepares an item `ahead` or more past the next one
  /// to take, which bounds the items prepared and not yet taken.
  PreparedInPairs(BackgroundQueue& helper, size_t n, size_t ahead, std::function<bool(size_t)> prepare);
  /// stop()s.
  ~PreparedInPairs();
  PreparedInPairs(const PreparedInPairs&) = delete;
  PreparedInPairs& operator=(const PreparedInPairs&) = delete;

  /// Waits until item `i` is prepared, preparing later unclaimed items on this thread
  /// meanwhile, and returns whether prepare(i) succeeded. Items are taken in order: `i` is 0,
  /// then one more than the last item passed to taken().
  bool wait_for(size_t i);
  /// Item `i`, prepared, is taken: the helper may claim one more.
  void taken(size_t i);
  /// No item is claimed from now on; returns once the helper has finished the item it was
  /// preparing. Then prepared(i) tells which items were.
  void stop();
  bool prepared(size_t i) const { return state_[i].load(std::memory_order_acquire) != kOpen; }

 private:
  enum : std::uint8_t { kOpen, kPrepared, kFailed };
  /// Claims the next item and prepares it; false when none is left (or stop()ped). The
  /// helper then waits until that item is less than `ahead` past the next to take; the caller
  /// claims none that is not.
  bool claim_one(bool helper);

  BackgroundQueue& helper_;
  const size_t n_, ahead_;
  std::function<bool(size_t)> prepare_;
  std::unique_ptr<std::atomic<std::uint8_t>[]> state_;
  std::atomic<size_t> next_claim_{0};
  std::atomic<size_t> next_take_{0};  // set to n_ by stop(), to free a helper waiting for room
  std::atomic<bool> stopping_{false};
  bool stopped_ = false;
};

}  // namespace lcsynth::detail
