#pragma once
// The root of the construct tree: holds stacks and the lock that synthesis sets.

#include <cstddef>
#include <string_view>
#include <vector>

#include "lcsynth/construct.h"

namespace lcsynth {

class Stack;

/// Root of every construct tree. Its children are stacks.
class App : public Construct {
 public:
  App();
  /// True once synthesis has started; adding constructs then throws.
  bool locked() const { return locked_; }
  void lock() { locked_ = true; }
  std::vector<Stack*> stacks() const;
  Stack* try_find_stack(std::string_view id) const;
  /// Throws ConstructError with "did you mean" when absent.
  Stack& find_stack(std::string_view id) const;

 private:
  friend class Construct;
  /// Counts a construct added under this app (Construct::add); the kLargeAppConstructs-th one
  /// calls the program's large-app hook (large_app.h).
  void count_construct();

  bool locked_ = false;
  size_t constructs_ = 0;
};

}  // namespace lcsynth
