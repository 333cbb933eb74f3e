// Workers: a task pinned to a worker runs on that worker's thread, after the tasks posted to it
// before; a free task runs on whichever worker is free; (asked to) everything runs at once on
// the posting thread; the first exception stops the rest and comes back from wait().

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "src/workers.h"

using lcsynth::detail::Workers;

TEST_CASE("tasks pinned to a worker run in the order they were posted, on that worker's thread", "[workers]") {
  std::vector<int> order[2];  // each touched by its worker only, read after wait()
  std::set<std::thread::id> threads[2];
  Workers workers(2, Workers::Runs::kOnTheirThreads, 2);  // smaller than the number of tasks: posting waits for room
  for (int i = 0; i < 100; ++i) {
    size_t w = static_cast<size_t>(i % 2);
    workers.post(w, [&, i, w] {
      order[w].push_back(i);
      threads[w].insert(std::this_thread::get_id());
    });
  }
  workers.wait();
  for (size_t w = 0; w < 2; ++w) {
    REQUIRE(order[w].size() == 50);
    for (size_t k = 0; k < 50; ++k) CHECK(order[w][k] == static_cast<int>(2 * k + w));
    REQUIRE(threads[w].size() == 1);
    CHECK(*threads[w].begin() != std::this_thread::get_id());
  }
  CHECK(*threads[0].begin() != *threads[1].begin());
}

// Worker 0 is held by a pinned task until a free task has run: only worker 1 can run it, so the
// free task does not wait behind the busy worker (the old order would time out).
TEST_CASE("a free task runs on a worker that is free while the other is busy", "[workers]") {
  std::mutex mutex;
  std::condition_variable changed;
  bool free_ran = false;
  std::thread::id pinned_thread, free_thread;
  bool saw_free = false;
  Workers workers(2, Workers::Runs::kOnTheirThreads);
  workers.post(0, [&] {
    pinned_thread = std::this_thread::get_id();
    std::unique_lock lock(mutex);
    saw_free = changed.wait_for(lock, std::chrono::seconds(10), [&] { return free_ran; });
  });
  workers.post(Workers::kAny, [&] {
    std::lock_guard lock(mutex);
    free_thread = std::this_thread::get_id();
    free_ran = true;
    changed.notify_all();
  });
  workers.wait();
  CHECK(saw_free);
  CHECK(free_thread != pinned_thread);
  CHECK(free_thread != std::this_thread::get_id());
}

TEST_CASE("free tasks are shared by both workers and each runs once", "[workers]") {
  std::atomic<int> ran{0};
  std::mutex mutex;
  std::set<std::thread::id> threads;
  Workers workers(2, Workers::Runs::kOnTheirThreads, 4);
  for (int i = 0; i < 200; ++i)
    workers.post(Workers::kAny, [&] {
      ++ran;
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // long enough that one worker cannot take them all
      std::lock_guard lock(mutex);
      threads.insert(std::this_thread::get_id());
    });
  workers.wait();
  CHECK(ran == 200);
  CHECK(threads.size() == 2);
  CHECK(threads.count(std::this_thread::get_id()) == 0);
}

TEST_CASE("the first exception of a task drops the later tasks and comes back from wait", "[workers]") {
  auto runs = GENERATE(Workers::Runs::kOnTheirThreads, Workers::Runs::kOnPostingThread);
  std::atomic<int> ran{0};
  Workers workers(1, runs);
  workers.post(0, [&] { ++ran; });
  workers.post(0, [] { throw std::runtime_error("disk full"); });
  workers.post(Workers::kAny, [&] { ++ran; });  // dropped: queued behind the failure, or refused after it
  workers.post(0, [] { throw std::logic_error("not reported: the first failure wins"); });
  CHECK_THROWS_WITH(workers.wait(), "disk full");
  CHECK(ran == 1);
  workers.post(0, [&] { ++ran; });  // once reported, the workers take tasks again
  CHECK_NOTHROW(workers.wait());
  CHECK(ran == 2);
}

TEST_CASE("workers asked to run tasks on the posting thread run each inside post, in posting order", "[workers]") {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<std::string> order;
  Workers workers(2, Workers::Runs::kOnPostingThread);
  for (size_t i = 0; i < 3; ++i) {
    workers.post(0, [&, i] {
      CHECK(std::this_thread::get_id() == caller);
      order.push_back("check " + std::to_string(i));
    });
    workers.post(Workers::kAny, [&, i] { order.push_back("write " + std::to_string(i)); });
    CHECK(order.size() == 2 * (i + 1));  // both ran before post() returned
  }
  workers.wait();
  CHECK(order == std::vector<std::string>{"check 0", "write 0", "check 1", "write 1", "check 2", "write 2"});
}

TEST_CASE("a task for a worker that does not exist is refused", "[workers]") {
  Workers workers(2, Workers::Runs::kOnTheirThreads);
  CHECK_THROWS_AS(workers.post(2, [] {}), std::out_of_range);
  CHECK_THROWS_AS(Workers(0, Workers::Runs::kOnTheirThreads), std::invalid_argument);
}
