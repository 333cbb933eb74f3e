#pragma once
// Configuration documents: a JSON file plus --set overrides. Stacks read typed values from it
// with ConfigReader (config_reader.h); this file only loads and edits the document.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lcsynth {

/// A configuration document and where it came from (for error messages).
struct Config {
  nlohmann::json values = nlohmann::json::object();
  std::string source = "<defaults>";  ///< the file name as given, or "<defaults>"
};

/// Deepest nesting accepted in a configuration file.
inline constexpr int kMaxConfigDepth = 64;
/// Largest configuration file accepted, in bytes: far above any real one, and small enough
/// that a wrong path (a disk image, a log) is refused before it is read into memory.
inline constexpr std::uintmax_t kMaxConfigBytes = 16u << 20;

/// Loads a JSON object from `path`. Throws ConfigError naming the file and, for syntax
/// errors, line and column; also for a missing, unreadable or directory path, a file larger
/// than kMaxConfigBytes, invalid UTF-8, nesting deeper than kMaxConfigDepth, or a top level
/// that is not an object.
Config load_config_file(const std::filesystem::path& path);
/// Parses configuration text (the part of load_config_file after reading).
Config parse_config(std::string_view text, std::string source);

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// Applies one "--set KEY=VALUE": KEY is a dotted path (objects are created as needed; a
/// numeric step indexes an existing array); VALUE is parsed as JSON when it parses, else kept
/// as a string. Throws ConfigError naming the assignment (without quoting a key that is not
/// valid UTF-8).
void apply_set(Config& config, std::string_view assignment);

}  // namespace lcsynth
