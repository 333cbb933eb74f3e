#pragma once
// Assertions on a stack's dependency graph (graph.h): who depends on whom, which attribute an
// element reads, no cycles, and everything a construct needs. They work on the construct tree,
// so they hold even when synthesis failed. Targets are full addresses or construct paths (see
// Synth::find_construct); a target that is a module boundary or a group stands for every
// element under it.

#include <string>
#include <string_view>
#include <vector>

#include "lcsynth/testing/result.h"
#include "lcsynth/testing/synth.h"

namespace lcsynth::testing {

enum class Reach {
  kDirect,      ///< an edge from `from` to `to`
  kTransitive,  ///< a path of one or more edges
};

/// `from` depends on `to` (references it or lists it in depends_on). On success with
/// kTransitive, the message names the shortest chain.
Result depends_on(const Synth& s, std::string_view from, std::string_view to, Reach reach = Reach::kTransitive);
/// An expression of `from` references `attribute` of `to` ("arn"; "" for any attribute). An
/// attribute also matches its own steps: "vpc_config" matches a reference to "vpc_config[0].id".
Result references(const Synth& s, std::string_view from, std::string_view to, std::string_view attribute = "");
/// The stack's dependency graph has no cycle; a failure shows the first cycle's chain.
Result has_no_cycles(const Synth& s);
/// The resources, data sources and module calls `from` depends on, directly or transitively
/// (Synth::reachable_from), are exactly the full addresses `expected`, in any order.
Result reaches_exactly(const Synth& s, std::string_view from, const std::vector<std::string>& expected);

}  // namespace lcsynth::testing
