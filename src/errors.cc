// Exception types and the wording of user-facing messages, kept together so tests and users
// see one phrasing. Suggestions use Levenshtein distance over the candidate names.

#include "lcsynth/errors.h"

#include <algorithm>

#include <fmt/format.h>

namespace lcsynth {

ConstructError::ConstructError(std::string path, std::string_view message)
    : Error(fmt::format("[{}] {}", path.empty() ? "<app>" : path, message)), path_(std::move(path)) {}

namespace {
// Optimal string alignment distance: Levenshtein plus adjacent transpositions, so "ran" is
// one edit from "arn".
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}
}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  // Close means at most a third of the word changed (at least one edit), and never all of it.
  size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance && d < word.size()) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best = closest_match(word, candidates);
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

namespace msg {
std::string duplicate_child(std::string_view id) {
  return fmt::format("duplicate child id '{}': ids must be unique among siblings", id);
}
std::string invalid_id(std::string_view id) {
  return fmt::format("invalid child id '{}': expected 1-64 characters of A-Z a-z 0-9 _ -", id);
}
std::string tree_locked(std::string_view id) {
  return fmt::format("cannot add child '{}': synthesis has started and the tree is locked", id);
}
std::string no_such_child(std::string_view id, const std::vector<std::string>& existing) {
  return fmt::format("no child with id '{}'{}", id, did_you_mean(id, existing));
}
std::string no_such_stack(std::string_view id, const std::vector<std::string>& existing) {
  return fmt::format("no stack named '{}'{}", id, did_you_mean(id, existing));
}
std::string stack_not_under_app(std::string_view id) {
  return fmt::format("stack '{}' must be a direct child of the App", id);
}
}  // namespace msg

}  // namespace lcsynth
