// PreparedInPairs: every item prepared once, by the caller's thread or the helper's, taken in
// order; the helper no further ahead than allowed; a failed item stops the run, and stop() tells
// which items were prepared.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "src/prepared_in_pairs.h"

using lcsynth::detail::BackgroundQueue;
using lcsynth::detail::PreparedInPairs;

namespace {
// Waits (bounded: a broken run fails instead of hanging) until `done` holds.
template <class Done>
bool eventually(Done done) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done())
    if (std::chrono::steady_clock::now() > until) return false;
  return true;
}

struct Record {
  explicit Record(size_t n) : times(std::make_unique<std::atomic<int>[]>(n)), by_helper(std::make_unique<std::atomic<bool>[]>(n)) {}
  std::unique_ptr<std::atomic<int>[]> times;  // how often each item was prepared
  std::unique_ptr<std::atomic<bool>[]> by_helper;
};
}  // namespace

TEST_CASE("every item is prepared once, on both threads, and taken in order", "[prepared_in_pairs]") {
  constexpr size_t kItems = 300;
  const std::thread::id caller = std::this_thread::get_id();
  Record record(kItems);
  std::atomic<bool> helper_prepared{false}, caller_prepared{false};
  BackgroundQueue helper;
  PreparedInPairs run(helper, kItems, 4, [&](size_t i) {
    bool mine = std::this_thread::get_id() == caller;
    (mine ? caller_prepared : helper_prepared) = true;
    record.by_helper[i] = !mine;
    ++record.times[i];
    // Item 0 waits until the other thread has prepared an item: whichever thread claims it, the
    // other one claims the next.
    if (i == 0) CHECK(eventually([&] { return mine ? helper_prepared.load() : caller_prepared.load(); }));
    return true;
  });
  std::vector<size_t> taken;
  for (size_t i = 0; i < kItems; ++i) {
    REQUIRE(run.wait_for(i));
    CHECK(record.times[i] == 1);  // prepared before it is taken
    taken.push_back(i);
    run.taken(i);
  }
  run.stop();
  for (size_t i = 0; i < kItems; ++i) {
    CHECK(record.times[i] == 1);
    CHECK(run.prepared(i));
  }
  CHECK(helper_prepared);
  CHECK(caller_prepared);
  CHECK(taken.size() == kItems);
}

TEST_CASE("neither thread prepares an item `ahead` or more past the next to take", "[prepared_in_pairs]") {
  constexpr size_t kItems = 64, kAhead = 3;
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<size_t> next_take{0};
  std::atomic<size_t> furthest{0};  // the largest (item - next to take) prepared
  std::atomic<size_t> helper_items{0};
  BackgroundQueue helper;
  PreparedInPairs run(helper, kItems, kAhead, [&](size_t i) {
    size_t past = i - next_take.load();
    size_t seen = furthest.load();
    while (past > seen && !furthest.compare_exchange_weak(seen, past)) {
    }
    if (std::this_thread::get_id() != caller) ++helper_items;
    return true;
  });
  // The caller takes slowly: the helper would run to the end if nothing held it back.
  for (size_t i = 0; i < kItems; ++i) {
    REQUIRE(run.wait_for(i));
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    next_take = i + 1;
    run.taken(i);
  }
  run.stop();
  CHECK(helper_items > 0);
  CHECK(furthest < kAhead);
}

TEST_CASE("a failed item stops the run, and stop() tells which later items were prepared", "[prepared_in_pairs]") {
  constexpr size_t kItems = 100, kFailing = 10;
  Record record(kItems);
  BackgroundQueue helper;
  PreparedInPairs run(helper, kItems, 8, [&](size_t i) {
    ++record.times[i];
    return i != kFailing;
  });
  size_t i = 0;
  for (; i < kItems && run.wait_for(i); ++i) run.taken(i);
  CHECK(i == kFailing);
  run.stop();
  // Nothing is prepared after stop(): what prepared() says now stays true.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (size_t j = 0; j < kItems; ++j) {
    CAPTURE(j);
    CHECK(record.times[j] <= 1);
    CHECK(run.prepared(j) == (record.times[j] == 1));
  }
  CHECK(run.prepared(kFailing));
  for (size_t j = kFailing + 8; j < kItems; ++j) CHECK_FALSE(run.prepared(j));  // within reach of the next to take
}

TEST_CASE("a run left early stops its helper, which can serve the next run", "[prepared_in_pairs]") {
  BackgroundQueue helper;
  std::atomic<size_t> prepared{0};
  {
    PreparedInPairs run(helper, 1000, 2, [&](size_t) {
      ++prepared;
      return true;
    });
    REQUIRE(run.wait_for(0));
  }  // destroyed after taking nothing: stops
  size_t after_first = prepared;
  CHECK(after_first < 1000);
  PreparedInPairs again(helper, 5, 2, [&](size_t) {
    ++prepared;
    return true;
  });
  for (size_t i = 0; i < 5; ++i) {
    REQUIRE(again.wait_for(i));
    again.taken(i);
  }
  again.stop();
  CHECK(prepared == after_first + 5);
}
