#pragma once
// The construct path a rendered block records in its "//" metadata, read by the checks that
// report on rendered documents (schema_check.cc, policy.cc).

#include <string_view>

#include <nlohmann/json.hpp>

namespace lcsynth::detail {

/// `body["//"]["metadata"]["path"]` when `body` records one as a string, else `fallback`. Any
/// document is accepted (a hand-written one may hold anything there). The view is of `body`
/// or of `fallback`.
std::string_view recorded_path(const nlohmann::json& body, std::string_view fallback);

}  // namespace lcsynth::detail
