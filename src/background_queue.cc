// One background thread with a bounded, ordered task queue (background_queue.h).

#include "background_queue.h"

#include <utility>

namespace lcsynth::detail {

BackgroundQueue::BackgroundQueue(Runs runs, size_t capacity) : capacity_(capacity == 0 ? 1 : capacity), inline_(runs == Runs::kOnPostingThread) {
  if (!inline_) worker_ = std::thread([this] { work(); });
}

BackgroundQueue::~BackgroundQueue() {
  if (inline_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    tasks_.clear();
  }
  changed_.notify_all();
  worker_.join();
}

void BackgroundQueue::post(std::function<void()> task) {
  if (inline_) {
    if (failure_ != nullptr) return;  // wait() reports it
    try {
      task();
    } catch (...) {
      failure_ = std::current_exception();
    }
    return;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return tasks_.size() < capacity_ || failure_ != nullptr; });
  if (failure_ != nullptr) return;  // wait() reports it
  tasks_.push_back(std::move(task));
  changed_.notify_all();
}

void BackgroundQueue::wait() {
  if (inline_) {
    if (failure_ != nullptr) std::rethrow_exception(std::exchange(failure_, nullptr));
    return;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return tasks_.empty() && !busy_; });
  if (failure_ != nullptr) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void BackgroundQueue::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
    if (stopping_) return;
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr thrown;
    try {
      task();
    } catch (...) {
      thrown = std::current_exception();
    }
    task = nullptr;  // the task's captures (a document) are freed outside the lock
    lock.lock();
    busy_ = false;
    if (thrown != nullptr && failure_ == nullptr) {
      failure_ = thrown;
      tasks_.clear();
    }
    changed_.notify_all();
  }
}

}  // namespace lcsynth::detail
