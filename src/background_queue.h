#pragma once
// Internal: runs tasks on one background thread, in the order they were posted, so that work on
// a finished piece (checking and writing a rendered document) overlaps the producing of the
// next. The queue is bounded: a producer that gets ahead waits, and memory stays bounded too.
// For small work, where starting a thread and handing tasks over costs more than the overlap
// saves, the same queue can run each task at once on the posting thread.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace lcsynth::detail {

class BackgroundQueue {
 public:
  enum class Runs {
    kOnItsThread,       ///< a thread of its own, started now
    kOnPostingThread,  ///< each task inside post(); no thread, no locking
  };
  explicit BackgroundQueue(Runs runs = Runs::kOnItsThread, size_t capacity = 32);
  /// Stops the thread; tasks still queued are dropped (the caller is unwinding).
  ~BackgroundQueue();
  BackgroundQueue(const BackgroundQueue&) = delete;
  BackgroundQueue& operator=(const BackgroundQueue&) = delete;

  /// Queues `task`, waiting while the queue is full. After a task has thrown, later tasks are
  /// dropped: wait() reports the first exception.
  void post(std::function<void()> task);
  /// Waits until every posted task has run, then rethrows the first exception a task threw.
  void wait();

 private:
  void work();

  const size_t capacity_;
  const bool inline_;  // Runs::kOnPostingThread
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> tasks_;
  bool busy_ = false;  // the worker is running a task
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread worker_;  // last: started once everything above is initialized
};

}  // namespace lcsynth::detail
