#pragma once
// Strict, typed reading of a configuration document. Problems are collected with their key
// paths instead of thrown one by one; finish() throws one ConfigError listing all of them.

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/config.h"

namespace lcsynth {

/// Checks one string value that is present in the document. Returns "" when the value is
/// fine, else what is wrong, worded "expected <what>, found <value>" (see quote_value); the
/// reader prefixes it with the file and key path.
using ValueCheck = std::function<std::string(const std::string&)>;

/// Rules for a list of strings.
struct ListRules {
  ValueCheck each;         ///< run on every item; problems are reported at "key[i]"
  bool non_empty = false;  ///< an empty array is a problem
  bool unique = false;     ///< a repeated item is reported at its second index
};

/// Rules for an object whose values are all strings (tags, environment variables).
struct MapRules {
  ValueCheck key;    ///< run on every key; problems are reported at the entry's path
  ValueCheck value;  ///< run on every value
};

/// "found ..." wording for any JSON value: `number 3`, `boolean true`, `null`, `an array`,
/// `an empty array`, `an object`, `an empty object`, or a string as by quote_value.
std::string describe_value(const nlohmann::json& value);

/// A string quoted and escaped as in JSON, cut after 40 characters with "..." inside the
/// quotes: `"abc"`, `"aaaa(40 characters)..."`.
std::string quote_value(std::string_view text);

/// The path of `key` inside the object at `parent`: "lambda.memory_size"; a key that is not
/// made of A-Z a-z 0-9 _ - is quoted: `tags["Cost Center"]`. An empty parent is the root.
std::string child_path(std::string_view parent, std::string_view key);

/// The path of item `index` of the array at `parent`: "private_subnet_ids[1]".
std::string item_path(std::string_view parent, std::size_t index);

class ConfigReader;

/// One JSON object of the document, seen through its reader. Every getter declares its key
/// as known (for unknown-key detection), returns the fallback when the key is absent, and
/// reports a problem (then returns the fallback) when the value has the wrong type or fails
/// its check. Checks run only on values present in the document, never on fallbacks.
/// An absent or mistyped object is still usable: all its getters return their fallbacks.
/// Cheap to copy; valid while its reader lives.
class ConfigObject {
 public:
  /// False when the object is absent from the document or is not an object.
  bool present() const;
  /// Key path of this object, "" for the root.
  const std::string& path() const;

  std::string string(std::string_view key, std::string fallback, const ValueCheck& check = {});
  std::optional<std::string> optional_string(std::string_view key, const ValueCheck& check = {});
  std::string required_string(std::string_view key, const ValueCheck& check = {});

  /// A string that must be one of `allowed`; a near miss gets "did you mean".
  std::string choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed);
  /// As choice(); "" when the key is missing or its value is not allowed.
  std::string required_choice(std::string_view key, const std::vector<std::string>& allowed);

  /// An integer in [min, max]; a number with a fraction is refused.
  int integer(std::string_view key, int fallback, int min, int max);
  int required_integer(std::string_view key, int min, int max);

  bool boolean(std::string_view key, bool fallback);
  bool required_boolean(std::string_view key);

  std::vector<std::string> strings(std::string_view key, std::vector<std::string> fallback, const ListRules& rules = {});
  std::vector<std::string> required_strings(std::string_view key, const ListRules& rules = {});

  /// An object whose values are strings. Keys are not checked against a known list.
  std::map<std::string, std::string> string_map(std::string_view key, std::map<std::string, std::string> fallback,
                                                const MapRules& rules = {});
  std::map<std::string, std::string> required_string_map(std::string_view key, const MapRules& rules = {});

  /// A nested object; its keys are checked for unknown ones like this object's.
  ConfigObject object(std::string_view key);
  ConfigObject required_object(std::string_view key);

  /// Whether `key` is in the document (any type). Does not declare it known.
  bool has(std::string_view key) const;
  /// The raw value of `key`, or null when absent; declares the key known. For shapes the
  /// typed getters do not cover.
  const nlohmann::json* raw(std::string_view key);
  /// Declares `key` known without reading it (e.g. keys of a variant that failed to parse,
  /// so they are not also reported as unknown).
  void allow(std::string_view key);
  /// Reports `message` at this object's `key` (a problem found across several values).
  void report(std::string_view key, std::string_view message);

 private:
  friend class ConfigReader;
  ConfigObject(ConfigReader* reader, std::size_t index) : reader_(reader), index_(index) {}
  const nlohmann::json* fetch(std::string_view key);  // declares known; null when absent
  std::string key_path(std::string_view key) const;

  ConfigReader* reader_;
  std::size_t index_;  // into ConfigReader::objects_
};

/// Reads one Config. Keep the Config alive while the reader is in use.
///
///   ConfigReader reader(config);
///   ConfigObject lambda = reader.root().object("lambda");
///   int memory = lambda.integer("memory_size", 1024, 128, 10240);
///   reader.finish();  // throws ConfigError listing every problem
class ConfigReader {
 public:
  explicit ConfigReader(const Config& config);
  ConfigReader(const ConfigReader&) = delete;
  ConfigReader& operator=(const ConfigReader&) = delete;

  /// The document's top-level object.
  ConfigObject root();

  /// Records a problem at `path` (as built by child_path/item_path).
  void report(std::string_view path, std::string_view message);

  /// Refuses every key anywhere in the document whose name looks like it holds a secret
  /// (case-insensitive: password, passwd, secret, token, api_key, apikey, private_key,
  /// credential; "-" counts as "_") when its value is a string. Subtrees at `exempt_paths`
  /// are skipped.
  void refuse_secret_values(const std::vector<std::string>& exempt_paths);

  /// Problems so far, each "<source>: <path>: <message>".
  const std::vector<std::string>& problems() const { return problems_; }
  const std::string& source() const { return source_; }

  /// Reports the unknown keys of every object read so far, then throws ConfigError whose
  /// what() is every problem, one per line, when there is any.
  void finish();

 private:
  friend class ConfigObject;
  struct ObjectState {
    const nlohmann::json* value;  // null when absent or not an object
    std::string path;
    std::vector<std::string> known;
  };
  ConfigObject add_object(const nlohmann::json* value, std::string path);
  void report_unknown_keys(const ObjectState& object);
  void scan_for_secrets(const nlohmann::json& value, const std::string& path,
                        const std::vector<std::string>& exempt_paths);

  std::string source_;
  std::deque<ObjectState> objects_;
  std::vector<std::string> problems_;
  bool finished_ = false;
};

}  // namespace lcsynth
