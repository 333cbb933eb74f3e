// Property paths: building them for messages and following them into a JSON value. A path is
// a sequence of steps (plain names joined by '.', [N] indexes, ["key"] keys), parsed left to
// right in one pass.

#include "property_path.h"

#include <cctype>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth::testing::detail {

namespace {
bool is_plain_name(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

bool is_digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

[[noreturn]] void malformed(std::string_view path) {
  throw Error(fmt::format("invalid property path '{}': expected names joined by '.', [N] or [\"key\"]", path));
}

struct Step {
  std::string key;
  bool index = false;
};

// Reads the step at `pos` and moves past it (and past a following '.').
Step next_step(std::string_view path, size_t& pos) {
  Step step;
  if (path[pos] == '[') {
    bool quoted = pos + 1 < path.size() && path[pos + 1] == '"';
    size_t close = path.find(quoted ? "\"]" : "]", pos);
    if (close == std::string_view::npos) malformed(path);
    step.key = std::string(path.substr(pos + (quoted ? 2 : 1), close - pos - (quoted ? 2 : 1)));
    step.index = !quoted;
    if (step.index && !is_digits(step.key)) malformed(path);
    pos = close + (quoted ? 2 : 1);
  } else {
    size_t end = path.find_first_of(".[", pos);
    if (end == std::string_view::npos) end = path.size();
    step.key = std::string(path.substr(pos, end - pos));
    if (step.key.empty()) malformed(path);
    pos = end;
  }
  if (pos < path.size() && path[pos] == '.' && ++pos == path.size()) malformed(path);
  return step;
}
}  // namespace

std::string append_key(const std::string& path, const std::string& key) {
  if (!is_plain_name(key)) return fmt::format("{}[{}]", path, nlohmann::json(key).dump());
  return path.empty() ? key : path + "." + key;
}

std::string append_index(const std::string& path, std::size_t index) { return fmt::format("{}[{}]", path, index); }

const nlohmann::json* lookup(const nlohmann::json& root, std::string_view path) {
  if (path.empty()) malformed(path);
  const nlohmann::json* at = &root;
  size_t pos = 0;
  while (pos < path.size()) {
    Step step = next_step(path, pos);
    if (at == nullptr) continue;  // keep parsing, so a malformed tail still throws
    if (at->is_array() && is_digits(step.key)) {
      size_t i = std::stoul(step.key);
      at = i < at->size() ? &(*at)[i] : nullptr;
    } else if (at->is_object() && !step.index) {
      auto it = at->find(step.key);
      at = it == at->end() ? nullptr : &*it;
    } else {
      at = nullptr;
    }
  }
  return at;
}

}  // namespace lcsynth::testing::detail
