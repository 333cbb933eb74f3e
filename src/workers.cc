// Background threads with a bounded queue of pinned and free tasks (workers.h).

#include "workers.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace lcsynth::detail {

Workers::Workers(size_t count, Runs runs, size_t capacity)
    : capacity_(capacity == 0 ? 1 : capacity), inline_(runs == Runs::kOnPostingThread) {
  if (count == 0) throw std::invalid_argument("Workers: at least one worker");
  if (inline_) return;
  threads_.reserve(count);
  for (size_t i = 0; i < count; ++i) threads_.emplace_back([this, i] { work(i); });
}

Workers::~Workers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    tasks_.clear();
  }
  posted_.notify_all();
  for (auto& t : threads_) t.join();
}

void Workers::run_here(std::function<void()>& task) {
  if (failure_ != nullptr) return;  // wait() reports it
  try {
    task();
  } catch (...) {
    failure_ = std::current_exception();
  }
}

void Workers::post(size_t worker, std::function<void()> task) {
  if (inline_) return run_here(task);
  if (worker != kAny && worker >= threads_.size()) throw std::out_of_range("Workers::post: no such worker");
  std::unique_lock lock(mutex_);
  progressed_.wait(lock, [&] { return tasks_.size() < capacity_ || failure_ != nullptr; });
  if (failure_ != nullptr) return;  // wait() reports it
  tasks_.push_back({worker, std::move(task)});
  // Every worker: a pinned task's worker may be any of them, and one woken that cannot take
  // the task would leave it waiting.
  posted_.notify_all();
}

void Workers::wait() {
  std::unique_lock lock(mutex_, std::defer_lock);
  if (!inline_) {
    lock.lock();
    progressed_.wait(lock, [&] { return tasks_.empty() && running_ == 0; });
  }
  if (failure_ != nullptr) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void Workers::work(size_t self) {
  auto mine = [self](const Task& t) { return t.worker == self || t.worker == kAny; };
  std::unique_lock lock(mutex_);
  for (;;) {
    auto next = tasks_.end();
    posted_.wait(lock, [&] {
      next = std::find_if(tasks_.begin(), tasks_.end(), mine);
      return stopping_ || next != tasks_.end();
    });
    if (stopping_) return;
    std::function<void()> task = std::move(next->run);
    tasks_.erase(next);
    ++running_;
    lock.unlock();
    progressed_.notify_all();  // room for post()
    std::exception_ptr thrown;
    try {
      task();
    } catch (...) {
      thrown = std::current_exception();
    }
    task = nullptr;  // the task's captures (a document) are freed outside the lock
    lock.lock();
    --running_;
    if (thrown != nullptr && failure_ == nullptr) {
      failure_ = thrown;
      tasks_.clear();
    }
    progressed_.notify_all();
  }
}

}  // namespace lcsynth::detail
