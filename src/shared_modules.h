#pragma once
// Internal: module calls that can share one source directory. A module's document records
// only paths relative to its boundary, so two modules built alike render to equal documents;
// the later one's call then uses the earlier one's directory, and its document is neither
// checked again nor written. Terraform reads one module source for any number of calls.

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lcsynth {
class ModuleBoundary;
class ModuleScope;
class Stack;
struct Suppression;

namespace detail {

/// The modules of one stack rendered so far that a later module may share. find() may run on
/// any thread while remember() runs on one.
class SharedModules {
 public:
  /// What two modules must have alike to share, besides their documents: the module calling
  /// them, the documents' hash, and the suppressions that apply inside them (relative to each),
  /// since a policy finding there is suppressed for one only if it is for both.
  /// The documents' shape (their keys three levels down: sections, types, names) tells most
  /// unequal documents apart for little; their hash (of everything) is made only when another
  /// module's shape is the same, or always when find() runs on several threads.
  struct Key {
    const ModuleScope* caller = nullptr;
    size_t shape = 0;
    std::string suppressions;
    std::optional<size_t> hash;
  };

  /// `concurrent`: find() may run on other threads than remember()'s.
  SharedModules(const Stack& stack, bool concurrent);

  /// `module`'s key, `document` being its rendered document.
  Key key_of(const ModuleBoundary& module, const nlohmann::json& document) const;

  struct Found {
    const ModuleBoundary* module = nullptr;  ///< remembered under an equal key, its document equal; or none
    size_t searched = 0;                     ///< how many remembered modules were searched: find(.., searched) goes on
  };
  /// The module remembered under an equal key whose document equals `document`, searching
  /// from the `from`th remembered on (none before it is: an earlier find() searched them).
  /// Completes `key` with the document's hash when it is needed.
  Found find(Key& key, const nlohmann::json& document, size_t from = 0) const;
  /// Remembers `module`, whose document `document` holds, for the modules rendered after it.
  /// Only the first kCandidates are kept, which bounds the documents held in memory (and what
  /// find() returns stays true).
  void remember(Key key, const ModuleBoundary& module, std::shared_ptr<const nlohmann::json> document);

  static constexpr size_t kCandidates = 256;

 private:
  struct Candidate {
    mutable Key key;  // its hash made by find() when first needed, unless concurrent_
    const ModuleBoundary* module;
    std::shared_ptr<const nlohmann::json> document;
  };
  const bool concurrent_;
  std::vector<Candidate> candidates_;  // capacity kCandidates: never moves
  std::atomic<size_t> remembered_{0};  // candidates_[0, remembered_) are complete
  std::multimap<std::string, const Suppression*, std::less<>> suppressions_;  // by scope
};

}  // namespace detail
}  // namespace lcsynth
