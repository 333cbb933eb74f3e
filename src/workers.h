#pragma once
// Internal: a fixed set of background threads that run work on a finished piece (checking and
// writing a rendered document) while the posting thread produces the next. A task is either
// pinned to one worker, and runs after that worker's earlier tasks, one at a time, or left to
// whichever worker is free first, so that one worker's idle time goes to the other's backlog.
// The queue is bounded: a producer that gets ahead waits, and memory stays bounded too. For
// small work, where starting threads and handing tasks over costs more than the overlap saves,
// the same object can run each task at once on the posting thread.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace lcsynth::detail {

class Workers {
 public:
  enum class Runs {
    kOnTheirThreads,   ///< threads of their own, started now
    kOnPostingThread,  ///< each task inside post(); no thread, no locking
  };
  /// post()'s worker for a task that may run on any worker, in any order with other such tasks.
  static constexpr size_t kAny = std::numeric_limits<size_t>::max();

  Workers(size_t count, Runs runs, size_t capacity = 32);
  /// Stops the threads; tasks still queued are dropped (the caller is unwinding).
  ~Workers();
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  /// Queues `task` for worker `worker` (0 to count - 1: after the tasks posted to it before,
  /// on its thread) or for kAny, waiting while `capacity` tasks are queued. A worker takes the
  /// earliest-posted task it may run. After a task has thrown, queued and later tasks are
  /// dropped: wait() reports the first exception. A task must not post to the same Workers.
  void post(size_t worker, std::function<void()> task);
  /// Waits until every posted task has run, then rethrows the first exception a task threw.
  void wait();

 private:
  struct Task {
    size_t worker;
    std::function<void()> run;
  };
  void work(size_t self);
  void run_here(std::function<void()>& task);

  const size_t capacity_;
  const bool inline_;  // Runs::kOnPostingThread
  std::mutex mutex_;
  std::condition_variable posted_;      // workers wait for a task they may run
  std::condition_variable progressed_;  // post() waits for room, wait() for the end
  std::deque<Task> tasks_;
  size_t running_ = 0;  // tasks taken and not finished
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;  // last: started once everything above is initialized
};

}  // namespace lcsynth::detail
