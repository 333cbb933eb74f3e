// Items prepared on two threads, taken in order on one (prepared_in_pairs.h).

#include "prepared_in_pairs.h"

#include <utility>

namespace lcsynth::detail {

PreparedInPairs::PreparedInPairs(BackgroundQueue& helper, size_t n, size_t ahead, std::function<bool(size_t)> prepare)
    : helper_(helper),
      n_(n),
      ahead_(ahead == 0 ? 1 : ahead),
      prepare_(std::move(prepare)),
      state_(std::make_unique<std::atomic<std::uint8_t>[]>(n)) {  // value-initialized: kOpen
  helper_.post([this] {
    while (claim_one(true)) {
    }
  });
}

PreparedInPairs::~PreparedInPairs() { stop(); }

bool PreparedInPairs::claim_one(bool helper) {
  if (stopping_.load(std::memory_order_acquire)) return false;
  size_t i = 0;
  if (helper) {
    i = next_claim_.fetch_add(1, std::memory_order_acq_rel);
    if (i >= n_) return false;
    // Not too far ahead of the caller. The item the caller waits for was claimed before this
    // one, so it is prepared, or being prepared on the caller's thread: this never waits for it.
    for (size_t take = next_take_.load(std::memory_order_acquire); i >= take + ahead_; take = next_take_.load(std::memory_order_acquire))
      next_take_.wait(take, std::memory_order_acquire);
    if (stopping_.load(std::memory_order_acquire)) return false;  // claimed, left unprepared
  } else {
    // The caller claims nothing that far ahead either (next_take_ changes on its thread only).
    i = next_claim_.load(std::memory_order_acquire);
    do {
      if (i >= n_ || i >= next_take_.load(std::memory_order_relaxed) + ahead_) return false;
    } while (!next_claim_.compare_exchange_weak(i, i + 1, std::memory_order_acq_rel));
  }
  bool ok = prepare_(i);
  state_[i].store(ok ? kPrepared : kFailed, std::memory_order_release);
  state_[i].notify_one();
  return true;
}

bool PreparedInPairs::wait_for(size_t i) {
  for (;;) {
    std::uint8_t s = state_[i].load(std::memory_order_acquire);
    if (s != kOpen) return s == kPrepared;
    // Item i is claimed by the helper (or not yet by anyone: then this claims it, since every
    // item before it was taken): meanwhile, prepare the next unclaimed one here.
    if (claim_one(false)) continue;
    state_[i].wait(kOpen, std::memory_order_acquire);
  }
}

void PreparedInPairs::taken(size_t i) {
  next_take_.store(i + 1, std::memory_order_release);
  next_take_.notify_one();
}

void PreparedInPairs::stop() {
  if (stopped_) return;
  stopped_ = true;
  stopping_.store(true, std::memory_order_release);
  next_take_.store(n_, std::memory_order_release);  // past any wait for room
  next_take_.notify_all();
  helper_.wait();  // the helper's share returns: its prepare_() never throws
}

}  // namespace lcsynth::detail
