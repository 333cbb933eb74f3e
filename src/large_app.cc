// The large-app hook (large_app.h): one function pointer, taken by the first App to grow large.

#include "lcsynth/large_app.h"

#include <atomic>

namespace lcsynth {

namespace {
// Constant-initialized, so a program's static initializers may set it before this file's run.
constinit std::atomic<void (*)()> g_hook{nullptr};
}  // namespace

void on_large_app(void (*hook)()) { g_hook.store(hook); }

void detail::large_app_reached() {
  if (void (*hook)() = g_hook.exchange(nullptr)) hook();
}

}  // namespace lcsynth
