// Strict configuration reading: typed getters over nlohmann::json that record each problem
// with its key path and carry on, so one run reports every mistake in a file. The wording of
// every message the reader produces is in the first namespace below.

#include "lcsynth/config_reader.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace {
namespace wording {
std::string type_mismatch(std::string_view expected, const nlohmann::json& found) {
  return fmt::format("expected {}, found {}", expected, describe_value(found));
}
std::string missing(std::string_view expected) { return fmt::format("missing required key: expected {}", expected); }
std::string integer_range(int min, int max) { return fmt::format("an integer from {} to {}", min, max); }
std::string out_of_range(int min, int max, const nlohmann::json& found) {
  return fmt::format("expected {}, found {}", integer_range(min, max), found.dump());
}
std::string one_of(const std::vector<std::string>& allowed) {
  std::string out = "one of ";
  for (size_t i = 0; i < allowed.size(); ++i) out += (i ? ", " : "") + quote_value(allowed[i]);
  return out;
}
std::string not_one_of(const std::vector<std::string>& allowed, const std::string& found) {
  return fmt::format("expected {}, found {}{}", one_of(allowed), quote_value(found), did_you_mean(found, allowed));
}
std::string empty_list() { return "expected a non-empty array of strings, found an empty array"; }
std::string repeated(const std::string& item, std::string_view first_path) {
  return fmt::format("expected each item once, found {} again (first at {})", quote_value(item), first_path);
}
std::string unknown_key(const std::string& key, std::vector<std::string> known) {
  std::string suggestion = did_you_mean(key, known);
  if (!suggestion.empty()) return fmt::format("unknown key '{}'{}", key, suggestion);
  if (known.empty()) return fmt::format("unknown key '{}': this object takes no keys", key);
  std::sort(known.begin(), known.end());
  return fmt::format("unknown key '{}': expected one of {}", key, fmt::join(known, ", "));
}
std::string looks_like_secret() {
  return "looks like a secret; secrets never go in the configuration or the synthesized output: store it in SSM "
         "Parameter Store and list its parameter under \"secrets\"";
}
constexpr std::string_view kString = "a string";
constexpr std::string_view kBoolean = "true or false";
constexpr std::string_view kList = "an array of strings";
constexpr std::string_view kNonEmptyList = "a non-empty array of strings";
constexpr std::string_view kMap = "an object whose values are strings";
constexpr std::string_view kObject = "an object";
}  // namespace wording

constexpr size_t kQuotedLength = 40;  // characters of a string shown in "found ..."

bool plain_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// A JSON integer as a 64-bit value; unsigned values above INT64_MAX do not fit any int
// range the reader checks, so they are clamped (the message shows the original).
std::optional<int64_t> as_integer(const nlohmann::json& v) {
  if (v.is_number_unsigned()) {
    auto u = v.get<uint64_t>();
    return u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ? std::numeric_limits<int64_t>::max()
                                                                          : static_cast<int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<int64_t>();
  return std::nullopt;
}

// "API-Key" -> "api_key": the secret patterns are written with underscores.
bool looks_like_secret_key(std::string_view key) {
  std::string k(key);
  for (char& c : k) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view p : {"password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "credential"})
    if (k.find(p) != std::string::npos) return true;
  return false;
}
}  // namespace

std::string describe_value(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return fmt::format("boolean {}", value.get<bool>() ? "true" : "false");
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number " + value.dump();
    case nlohmann::json::value_t::string: return quote_value(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: return value.empty() ? "an empty array" : "an array";
    case nlohmann::json::value_t::object: return value.empty() ? "an empty object" : "an object";
    default: return value.type_name();
  }
}

std::string quote_value(std::string_view text) {
  // Cut at a character boundary: UTF-8 continuation bytes are 10xxxxxx.
  size_t end = 0, characters = 0;
  while (end < text.size() && characters < kQuotedLength) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    ++characters;
  }
  std::string quoted = nlohmann::json(std::string(text.substr(0, end))).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (end < text.size()) quoted.insert(quoted.size() - 1, "...");
  return quoted;
}

std::string child_path(std::string_view parent, std::string_view key) {
  if (!plain_key(key)) {
    std::string quoted = nlohmann::json(std::string(key)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return fmt::format("{}[{}]", parent, quoted);
  }
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string item_path(std::string_view parent, std::size_t index) { return fmt::format("{}[{}]", parent, index); }

// ---- ConfigObject ------------------------------------------------------------------------

bool ConfigObject::present() const { return reader_->objects_[index_].value != nullptr; }
const std::string& ConfigObject::path() const { return reader_->objects_[index_].path; }
std::string ConfigObject::key_path(std::string_view key) const { return child_path(path(), key); }

void ConfigObject::allow(std::string_view key) {
  auto& known = reader_->objects_[index_].known;
  if (std::find(known.begin(), known.end(), key) == known.end()) known.emplace_back(key);
}

const nlohmann::json* ConfigObject::fetch(std::string_view key) {
  allow(key);
  const nlohmann::json* object = reader_->objects_[index_].value;
  if (object == nullptr) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

bool ConfigObject::has(std::string_view key) const {
  const nlohmann::json* object = reader_->objects_[index_].value;
  return object != nullptr && object->contains(key);
}

const nlohmann::json* ConfigObject::raw(std::string_view key) { return fetch(key); }

void ConfigObject::report(std::string_view key, std::string_view message) { reader_->report(key_path(key), message); }

std::optional<std::string> ConfigObject::optional_string(std::string_view key, const ValueCheck& check) {
  const nlohmann::json* v = fetch(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    report(key, wording::type_mismatch(wording::kString, *v));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (check) {
    if (std::string problem = check(s); !problem.empty()) {
      report(key, problem);
      return std::nullopt;
    }
  }
  return s;
}

std::string ConfigObject::string(std::string_view key, std::string fallback, const ValueCheck& check) {
  return optional_string(key, check).value_or(std::move(fallback));
}

std::string ConfigObject::required_string(std::string_view key, const ValueCheck& check) {
  if (present() && !has(key)) report(key, wording::missing(wording::kString));
  return optional_string(key, check).value_or("");
}

std::string ConfigObject::choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed) {
  const nlohmann::json* v = fetch(key);
  if (v == nullptr) return fallback;
  if (!v->is_string()) {
    report(key, wording::type_mismatch(wording::one_of(allowed), *v));
    return fallback;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
    report(key, wording::not_one_of(allowed, s));
    return fallback;
  }
  return s;
}

std::string ConfigObject::required_choice(std::string_view key, const std::vector<std::string>& allowed) {
  if (present() && !has(key)) report(key, wording::missing(wording::one_of(allowed)));
  return choice(key, "", allowed);
}

int ConfigObject::integer(std::string_view key, int fallback, int min, int max) {
  const nlohmann::json* v = fetch(key);
  if (v == nullptr) return fallback;
  std::optional<int64_t> n = as_integer(*v);
  if (!n) {
    report(key, wording::type_mismatch(wording::integer_range(min, max), *v));
    return fallback;
  }
  if (*n < min || *n > max) {
    report(key, wording::out_of_range(min, max, *v));
    return fallback;
  }
  return static_cast<int>(*n);
}

int ConfigObject::required_integer(std::string_view key, int min, int max) {
  if (present() && !has(key)) report(key, wording::missing(wording::integer_range(min, max)));
  return integer(key, min, min, max);
}

bool ConfigObject::boolean(std::string_view key, bool fallback) {
  const nlohmann::json* v = fetch(key);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) {
    report(key, wording::type_mismatch(wording::kBoolean, *v));
    return fallback;
  }
  return v->get<bool>();
}

bool ConfigObject::required_boolean(std::string_view key) {
  if (present() && !has(key)) report(key, wording::missing(wording::kBoolean));
  return boolean(key, false);
}

std::vector<std::string> ConfigObject::strings(std::string_view key, std::vector<std::string> fallback,
                                               const ListRules& rules) {
  const nlohmann::json* v = fetch(key);
  if (v == nullptr) return fallback;
  if (!v->is_array()) {
    report(key, wording::type_mismatch(rules.non_empty ? wording::kNonEmptyList : wording::kList, *v));
    return fallback;
  }
  if (v->empty() && rules.non_empty) {
    report(key, wording::empty_list());
    return fallback;
  }
  // Every item is checked, so one bad subnet does not hide another; any problem returns the
  // fallback (the caller throws at finish() anyway).
  std::string list_path = key_path(key);
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < v->size(); ++i) {
    const nlohmann::json& item = (*v)[i];
    std::string problem;
    if (!item.is_string()) {
      problem = wording::type_mismatch(wording::kString, item);
    } else if (rules.each) {
      problem = rules.each(item.get_ref<const std::string&>());
    }
    if (problem.empty() && rules.unique) {
      auto first = std::find(out.begin(), out.end(), item.get_ref<const std::string&>());
      if (first != out.end()) problem = wording::repeated(*first, item_path(list_path, first - out.begin()));
    }
    if (!problem.empty()) {
      reader_->report(item_path(list_path, i), problem);
      ok = false;
    }
    out.push_back(item.is_string() ? item.get<std::string>() : std::string());
  }
  return ok ? out : fallback;
}

std::vector<std::string> ConfigObject::required_strings(std::string_view key, const ListRules& rules) {
  if (present() && !has(key)) report(key, wording::missing(rules.non_empty ? wording::kNonEmptyList : wording::kList));
  return strings(key, {}, rules);
}

std::map<std::string, std::string> ConfigObject::string_map(std::string_view key,
                                                            std::map<std::string, std::string> fallback,
                                                            const MapRules& rules) {
  const nlohmann::json* v = fetch(key);
  if (v == nullptr) return fallback;
  if (!v->is_object()) {
    report(key, wording::type_mismatch(wording::kMap, *v));
    return fallback;
  }
  std::string map_path = key_path(key);
  std::map<std::string, std::string> out;
  bool ok = true;
  for (const auto& [name, value] : v->items()) {
    std::string problem;
    if (rules.key) problem = rules.key(name);
    if (problem.empty() && !value.is_string()) problem = wording::type_mismatch(wording::kString, value);
    if (problem.empty() && rules.value) problem = rules.value(value.get_ref<const std::string&>());
    if (!problem.empty()) {
      reader_->report(child_path(map_path, name), problem);
      ok = false;
      continue;
    }
    out.emplace(name, value.get<std::string>());
  }
  return ok ? out : fallback;
}

std::map<std::string, std::string> ConfigObject::required_string_map(std::string_view key, const MapRules& rules) {
  if (present() && !has(key)) report(key, wording::missing(wording::kMap));
  return string_map(key, {}, rules);
}

ConfigObject ConfigObject::object(std::string_view key) {
  const nlohmann::json* v = fetch(key);
  if (v != nullptr && !v->is_object()) {
    report(key, wording::type_mismatch(wording::kObject, *v));
    v = nullptr;
  }
  return reader_->add_object(v, key_path(key));
}

ConfigObject ConfigObject::required_object(std::string_view key) {
  if (present() && !has(key)) report(key, wording::missing(wording::kObject));
  return object(key);
}

// ---- ConfigReader ------------------------------------------------------------------------

ConfigReader::ConfigReader(const Config& config) : source_(config.source) {
  const nlohmann::json* root = &config.values;
  if (!root->is_object()) {
    report("", wording::type_mismatch("a JSON object at the top level", *root));
    root = nullptr;
  }
  objects_.push_back(ObjectState{root, "", {}});
}

ConfigObject ConfigReader::root() { return ConfigObject(this, 0); }

ConfigObject ConfigReader::add_object(const nlohmann::json* value, std::string path) {
  // Reading the same object twice yields one state, so its unknown keys are reported once.
  for (size_t i = 0; i < objects_.size(); ++i)
    if (objects_[i].path == path && objects_[i].value == value) return ConfigObject(this, i);
  objects_.push_back(ObjectState{value, std::move(path), {}});
  return ConfigObject(this, objects_.size() - 1);
}

void ConfigReader::report(std::string_view path, std::string_view message) {
  problems_.push_back(path.empty() ? fmt::format("{}: {}", source_, message)
                                   : fmt::format("{}: {}: {}", source_, path, message));
}

void ConfigReader::refuse_secret_values(const std::vector<std::string>& exempt_paths) {
  if (objects_.front().value != nullptr) scan_for_secrets(*objects_.front().value, "", exempt_paths);
}

void ConfigReader::scan_for_secrets(const nlohmann::json& value, const std::string& path,
                                    const std::vector<std::string>& exempt_paths) {
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) scan_for_secrets(value[i], item_path(path, i), exempt_paths);
    return;
  }
  if (!value.is_object()) return;
  for (const auto& [key, child] : value.items()) {
    std::string at = child_path(path, key);
    if (std::find(exempt_paths.begin(), exempt_paths.end(), at) != exempt_paths.end()) continue;
    if (child.is_string() && looks_like_secret_key(key)) report(at, wording::looks_like_secret());
    scan_for_secrets(child, at, exempt_paths);
  }
}

void ConfigReader::report_unknown_keys(const ObjectState& object) {
  if (object.value == nullptr) return;
  for (const auto& [key, _] : object.value->items()) {
    if (std::find(object.known.begin(), object.known.end(), key) == object.known.end())
      report(child_path(object.path, key), wording::unknown_key(key, object.known));
  }
}

void ConfigReader::finish() {
  if (!finished_) {
    finished_ = true;
    for (const auto& object : objects_) report_unknown_keys(object);
  }
  if (!problems_.empty()) throw ConfigError(fmt::format("{}", fmt::join(problems_, "\n")));
}

}  // namespace lcsynth
