#pragma once
// A program's hook for construct trees that grow large, so that it can prepare its allocator
// for a large heap before the tree is built (lcsynth's executables then reserve their heap and
// ask for huge pages for it: src/allocator_config.cc). The library itself does nothing with it.

#include <cstddef>

namespace lcsynth {

/// How many constructs make an App large: well above the LibreChat stacks (about 200), well
/// below 100 copies of them (about 13,000 constructs, a 15 MiB tree).
inline constexpr size_t kLargeAppConstructs = 4096;

/// Sets the function called the first time, in this process, that an App reaches
/// kLargeAppConstructs constructs (on the thread adding the construct). It is called once:
/// later apps, large or not, do not call it again unless it is set again. nullptr unsets it.
void on_large_app(void (*hook)());

namespace detail {
/// Called by App when it reaches kLargeAppConstructs constructs: runs and clears the hook.
void large_app_reached();
}  // namespace detail

}  // namespace lcsynth
