// BackgroundQueue: tasks run in posting order on one other thread (or, asked to, at once on the
// posting thread); the first exception stops the rest and comes back from wait().

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "src/background_queue.h"

using lcsynth::detail::BackgroundQueue;

TEST_CASE("background tasks run in the order they were posted, on another thread", "[background_queue]") {
  std::vector<int> order;  // touched by the worker only, read after wait()
  std::vector<std::thread::id> threads;
  BackgroundQueue queue(BackgroundQueue::Runs::kOnItsThread, 2);  // smaller than the number of tasks: posting waits for room
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
  auto runs = GENERATE(BackgroundQueue::Runs::kOnItsThread, BackgroundQueue::Runs::kOnPostingThread);
  std::atomic<int> ran{0};
  BackgroundQueue queue(runs);
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

TEST_CASE("a queue asked to run tasks on the posting thread runs each inside post, nested posts too", "[background_queue]") {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<std::string> order;
  BackgroundQueue second(BackgroundQueue::Runs::kOnPostingThread);
  BackgroundQueue first(BackgroundQueue::Runs::kOnPostingThread);
  for (size_t i = 0; i < 3; ++i) {
    first.post([&, i] {
      CHECK(std::this_thread::get_id() == caller);
      order.push_back("check " + std::to_string(i));
      second.post([&, i] { order.push_back("write " + std::to_string(i)); });
    });
    CHECK(order.size() == 2 * (i + 1));  // both ran before post() returned
  }
  first.wait();
  second.wait();
  CHECK(order == std::vector<std::string>{"check 0", "write 0", "check 1", "write 1", "check 2", "write 2"});
}
