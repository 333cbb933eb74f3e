// BackgroundQueue: tasks run in posting order on one other thread; the first exception stops
// the rest and comes back from wait().

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "src/background_queue.h"

using lcsynth::detail::BackgroundQueue;

TEST_CASE("background tasks run in the order they were posted, on another thread", "[background_queue]") {
  std::vector<int> order;  // touched by the worker only, read after wait()
  std::vector<std::thread::id> threads;
  BackgroundQueue queue(2);  // smaller than the number of tasks: posting waits for room
  for (int i = 0; i < 100; ++i)
    queue.post([&, i] {
      order.push_back(i);
      threads.push_back(std::this_thread::get_id());
    });
  queue.wait();
  REQUIRE(order.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(order[i] == i);
  for (const auto& id : threads) CHECK(id != std::this_thread::get_id());
}

TEST_CASE("the first exception of a background task drops the later tasks and comes back from wait", "[background_queue]") {
  std::atomic<int> ran{0};
  BackgroundQueue queue;
  queue.post([&] { ++ran; });
  queue.post([] { throw std::runtime_error("disk full"); });
  queue.post([&] { ++ran; });  // dropped: queued behind the failure, or refused after it
  queue.post([] { throw std::logic_error("not reported: the first failure wins"); });
  CHECK_THROWS_WITH(queue.wait(), "disk full");
  CHECK(ran == 1);
  queue.post([&] { ++ran; });  // once reported, the queue takes tasks again
  CHECK_NOTHROW(queue.wait());
  CHECK(ran == 2);
}
