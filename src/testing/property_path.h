#pragma once
// Property paths inside a block body: "vpc_config.subnet_ids", "origin[0].domain_name",
// "tags[\"kubernetes.io/role\"]". The same notation names properties in failure messages.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lcsynth::testing::detail {

/// `path` extended by an object key: "a.key", or a["key"] when key is not a plain name.
std::string append_key(const std::string& path, const std::string& key);
/// `path` extended by an array index: "a[3]".
std::string append_index(const std::string& path, std::size_t index);
/// The value at `path` under `root`, or nullptr when any step is missing. A plain-name step
/// of digits also indexes an array. Throws Error for a malformed path.
const nlohmann::json* lookup(const nlohmann::json& root, std::string_view path);

}  // namespace lcsynth::testing::detail
