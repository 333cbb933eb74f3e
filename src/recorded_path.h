#pragma once
// The construct path a rendered block records in its "//" metadata, read by the checks that
// report on rendered documents (schema_check.cc, policy.cc). A module's document records paths
// relative to its boundary, the stack's whole ones (module_scope.h, recorded_path_in()).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lcsynth::detail {

/// `body["//"]["metadata"]["path"]` when `body` records one as a string, else `fallback`. Any
/// document is accepted (a hand-written one may hold anything there). The view is of `body`
/// or of `fallback`.
std::string_view recorded_path(const nlohmann::json& body, std::string_view fallback);

/// The whole construct path of `body`, a block of the document of the module at `module_path`:
/// what it records, joined to `module_path` in a module's document (`in_module`: its paths are
/// relative to the boundary, see recorded_path_in()), or `module_path` when it records none.
std::string block_path(const nlohmann::json& body, std::string_view module_path, bool in_module);

}  // namespace lcsynth::detail
