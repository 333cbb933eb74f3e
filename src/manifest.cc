// Manifest reading: the stacks object of manifest.json checked key by key, so a hand-edited
// or foreign manifest is refused with the key path rather than half-used.

#include "lcsynth/manifest.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lcsynth/config.h"
#include "lcsynth/errors.h"

namespace lcsynth {

namespace {
// A working directory must stay inside the output directory: relative, no "..".
bool inside_output(const std::string& dir) {
  std::filesystem::path p(dir);
  if (dir.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

StackNode stack_node(const std::string& name, const nlohmann::json& entry, const std::string& source) {
  std::string at = fmt::format("{}: stacks.{}", source, name);
  if (!entry.is_object()) throw ConfigError(fmt::format("{}: expected an object, found {}", at, entry.type_name()));
  auto dir = entry.find("workingDirectory");
  if (dir == entry.end() || !dir->is_string() || !inside_output(dir->get<std::string>()))
    throw ConfigError(fmt::format("{}.workingDirectory: expected a relative path inside the output directory such as \"stacks/{}\", found {}",
                                  at, name, dir == entry.end() ? "nothing" : dir->dump()));
  auto deps = entry.find("dependencies");
  if (deps == entry.end() || !deps->is_array())
    throw ConfigError(fmt::format("{}.dependencies: expected an array of stack names, found {}", at,
                                  deps == entry.end() ? "nothing" : deps->type_name()));
  StackNode node{name, dir->get<std::string>(), {}};
  for (size_t i = 0; i < deps->size(); ++i) {
    if (!(*deps)[i].is_string())
      throw ConfigError(fmt::format("{}.dependencies.{}: expected a stack name, found {}", at, i, (*deps)[i].dump()));
    node.dependencies.push_back((*deps)[i].get<std::string>());
  }
  return node;
}
}  // namespace

std::vector<StackNode> manifest_stacks(const nlohmann::json& manifest, const std::string& source) {
  auto stacks = manifest.find("stacks");
  if (!manifest.is_object() || stacks == manifest.end() || !stacks->is_object())
    throw ConfigError(fmt::format("{}: expected a \"stacks\" object as lcsynth synth writes it, found {}", source,
                                  !manifest.is_object() || stacks == manifest.end() ? "none" : stacks->type_name()));
  std::vector<StackNode> out;
  for (const auto& [name, entry] : stacks->items()) out.push_back(stack_node(name, entry, source));
  return out;
}

std::vector<StackNode> read_manifest_stacks(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw ConfigError(fmt::format("{}: no such file: expected the manifest.json that synthesis writes", path.string()));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) throw ConfigError(fmt::format("{}: cannot be read: check its permissions", path.string()));
  if (text.str().find_first_not_of(" \t\r\n") == std::string::npos)
    throw ConfigError(fmt::format("{}: the file is empty: expected the manifest.json that synthesis writes", path.string()));
  Config parsed = parse_config(text.str(), path.string());  // file, line and column for syntax errors
  return manifest_stacks(parsed.values, parsed.source);
}

}  // namespace lcsynth
