#pragma once
// The table of stacks a program offers: `lcsynth synth NAME` builds the entry NAME.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lcsynth/config.h"

namespace lcsynth {

class App;

/// One synthesizable stack: adds a stack named `name` to the app from the configuration.
struct StackEntry {
  std::string name;
  std::string description;
  std::function<void(App& app, const Config& config)> build;
};

class StackCatalog {
 public:
  /// Throws Error for an invalid or duplicate name.
  void add(StackEntry entry);
  const StackEntry* try_find(std::string_view name) const;
  /// Throws ConfigError "unknown stack 'x' (did you mean 'y'?)" listing the known names.
  const StackEntry& find(std::string_view name) const;
  const std::vector<StackEntry>& entries() const { return entries_; }

 private:
  std::vector<StackEntry> entries_;
};

}  // namespace lcsynth
