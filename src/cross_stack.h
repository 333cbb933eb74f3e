#pragma once
// Internal: references between stacks. A reference from stack C to an element of stack P is
// read in C through a terraform_remote_state data source of P's backend, from an output that
// P exports; C then depends on P. Worked out once for the whole app before any stack renders,
// so a producer exports the same outputs whichever stacks are selected.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/diagnostic.h"

namespace lcsynth {
class App;
class Stack;
class TerraformElement;
namespace detail {

/// One value a stack exports for others: `target`'s `attr` ("" for the whole value).
struct CrossStackExport {
  const TerraformElement* target = nullptr;
  std::string attr;
  bool declared = false;  ///< the target is the producer's own root output: nothing to add
};

class CrossStackLinks {
 public:
  /// Finds every reference between the app's stacks (all of them, selected or not).
  explicit CrossStackLinks(const App& app);

  /// Output name -> value, for the outputs `producer` must add; sorted by name.
  std::map<std::string, CrossStackExport> exports_of(const Stack& producer) const;
  /// The output of `target`'s stack that carries `target`'s `attr`.
  const std::string& output_for(const TerraformElement& target, const std::string& attr) const;
  /// Stacks `consumer` needs first: referenced ones and explicit ones, in tree order.
  std::vector<const Stack*> dependencies_of(const Stack& consumer) const;
  /// A cycle among the stacks' dependencies, closed ("a -> b -> a"), or "" when there is none.
  std::string find_cycle() const;

 private:
  using Key = std::pair<const TerraformElement*, std::string>;
  std::vector<const Stack*> stacks_;  // tree order
  std::map<const Stack*, std::vector<const Stack*>> depends_;
  std::map<Key, std::string> names_;
  std::map<const Stack*, std::map<std::string, CrossStackExport>> exports_;
};

/// The name of the terraform_remote_state data source through which a stack reads `producer`.
std::string remote_state_name(const Stack& producer);
/// The body of that data source as seen from `consumer`'s working directory: the producer's
/// backend type and the configuration that reads its state (a local path made relative to the
/// consumer's directory; the S3 bucket, key and region).
nlohmann::json remote_state_body(const Stack& producer);

}  // namespace detail
}  // namespace lcsynth
