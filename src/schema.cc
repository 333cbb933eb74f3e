// Schema data: indexes the provider JSON without parsing it (a type's description is parsed
// into a BlockSchema when first asked for, or all at once by parse_all(), so nothing is parsed
// that no one uses) and registry modules' interfaces by source. Text is split into its parts by
// skimming; the built-in data arrives split already, its descriptions as compiled tables
// (ProviderSchema::Parts).

#include "lcsynth/schema.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <mutex>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace {

[[noreturn]] void malformed(std::string_view what) { throw Error("malformed provider schema data: " + std::string(what)); }

// --- Skimming: the extent of a JSON value without building it. ------------------------------

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  return i;
}

// The index after the string that opens at s[i] ('"'). A quote is escaped when an odd number
// of backslashes precedes it.
size_t string_end(std::string_view s, size_t i) {
  for (size_t j = i + 1;; ++j) {
    const void* quote = std::memchr(s.data() + j, '"', s.size() - j);
    if (quote == nullptr) malformed("unterminated string");
    j = static_cast<const char*>(quote) - s.data();
    size_t backslashes = 0;
    while (s[j - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return j + 1;
  }
}

// The index after the value that starts at s[i]. Brackets are counted, not matched: parsing
// the value later checks it.
size_t value_end(std::string_view s, size_t i) {
  static constexpr std::array<bool, 256> kStructural = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("{}[]\"")) t[c] = true;
    return t;
  }();
  if (i >= s.size()) malformed("a value is missing");
  if (s[i] == '"') return string_end(s, i);
  if (s[i] != '{' && s[i] != '[') {  // a number, true, false or null
    while (i < s.size() && !std::strchr(",}] \n\r\t", s[i])) ++i;
    return i;
  }
  size_t depth = 0;
  for (size_t j = i; j < s.size();) {
    if (!kStructural[static_cast<unsigned char>(s[j])]) {
      ++j;
    } else if (s[j] == '"') {
      j = string_end(s, j);
    } else if (s[j] == '{' || s[j] == '[') {
      ++depth, ++j;
    } else if (--depth == 0) {
      return j + 1;
    } else {
      ++j;
    }
  }
  malformed("unbalanced brackets");
}

// The members of the object `text`, each value as its raw text.
std::vector<std::pair<std::string, std::string_view>> members(std::string_view text) {
  std::vector<std::pair<std::string, std::string_view>> out;
  size_t i = skip_space(text, 0);
  if (i >= text.size() || text[i] != '{') malformed("expected an object");
  i = skip_space(text, i + 1);
  if (i < text.size() && text[i] == '}') return out;
  while (true) {
    if (i >= text.size() || text[i] != '"') malformed("expected a member name");
    size_t key_end = string_end(text, i);
    std::string_view key = text.substr(i, key_end - i);
    i = skip_space(text, key_end);
    if (i >= text.size() || text[i] != ':') malformed("expected ':' after a member name");
    i = skip_space(text, i + 1);
    size_t end = value_end(text, i);
    out.emplace_back(key.find('\\') == std::string_view::npos ? std::string(key.substr(1, key.size() - 2))
                                                               : nlohmann::json::parse(key).get<std::string>(),
                     text.substr(i, end - i));
    i = skip_space(text, end);
    if (i < text.size() && text[i] == ',') {
      i = skip_space(text, i + 1);
      continue;
    }
    if (i >= text.size() || text[i] != '}') malformed("expected ',' or '}' in an object");
    return out;
  }
}

nlohmann::json parse(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    malformed(e.what());
  }
}

}  // namespace

// --- Block schemas. --------------------------------------------------------------------------

namespace {

template <class T>
const T* find_named(std::span<const T> sorted, std::string_view name) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name, [](const T& e, std::string_view n) { return e.name < n; });
  return it != sorted.end() && it->name == name ? &*it : nullptr;
}

// A description read from JSON at run time, and the storage its views point into: every list
// is built whole before a view of it is taken, and a deque never moves what it holds.
struct ParsedDescription {
  std::deque<std::string> strings;
  std::deque<std::vector<ArgumentSchema>> arguments;
  std::deque<std::vector<BlockSchema>> blocks;
  std::deque<std::vector<std::string_view>> names;
  BlockSchema top;

  std::string_view keep(const std::string& s) { return strings.emplace_back(s); }

  // block[key], or `empty` when the block has no such key.
  static const nlohmann::json& section(const nlohmann::json& block, const char* key, const nlohmann::json& empty) {
    auto it = block.find(key);
    return it == block.end() ? empty : *it;
  }

  BlockSchema block(std::string_view name, const nlohmann::json& j, bool nested) {
    if (!j.is_object()) malformed("a block's description is not an object");
    static const nlohmann::json kNoMembers = nlohmann::json::object(), kNoNames = nlohmann::json::array();
    BlockSchema b;
    b.name = name;
    if (nested) {
      b.nesting = keep(j.value("nesting", std::string()));
      b.required = j.value("required", false);
    }
    const nlohmann::json& args = section(j, "arguments", kNoMembers);
    const nlohmann::json& nested_blocks = section(j, "blocks", kNoMembers);
    const nlohmann::json& attributes = section(j, "attributes", kNoNames);
    if (!args.is_object() || !nested_blocks.is_object() || !attributes.is_array())
      malformed("\"arguments\" and \"blocks\" must be objects, \"attributes\" an array");
    auto& a = arguments.emplace_back();
    for (const auto& [key, argument] : args.items())
      a.push_back({keep(key), keep(argument.value("type", std::string())), argument.value("required", false)});
    auto& c = blocks.emplace_back();
    for (const auto& [key, child] : nested_blocks.items()) c.push_back(block(keep(key), child, true));
    auto& n = names.emplace_back();
    for (const auto& attribute : attributes) n.push_back(keep(attribute.get<std::string>()));
    std::sort(n.begin(), n.end());
    b.arguments = a;
    b.blocks = c;
    b.attributes = n;
    return b;
  }
};

}  // namespace

const ArgumentSchema* BlockSchema::argument(std::string_view n) const { return find_named(arguments, n); }
const BlockSchema* BlockSchema::block(std::string_view n) const { return find_named(blocks, n); }
bool BlockSchema::has_attribute(std::string_view n) const { return std::binary_search(attributes.begin(), attributes.end(), n); }

void to_json(nlohmann::json& j, const BlockSchema& block) {
  j = {{"arguments", nlohmann::json::object()}, {"blocks", nlohmann::json::object()}, {"attributes", nlohmann::json::array()}};
  for (const ArgumentSchema& a : block.arguments) j["arguments"][std::string(a.name)] = {{"type", a.type}, {"required", a.required}};
  for (const BlockSchema& b : block.blocks) j["blocks"][std::string(b.name)] = b;
  for (std::string_view a : block.attributes) j["attributes"].push_back(a);
  if (!block.nesting.empty()) j["nesting"] = block.nesting, j["required"] = block.required;
}

// --- The lazy index. ------------------------------------------------------------------------

struct ProviderSchema::Index {
  struct Description {
    std::string_view text;
    const BlockSchema* table = nullptr;  // compiled in; else parsed from `text` once
    std::once_flag once;
    std::unique_ptr<ParsedDescription> parsed;
  };
  // Resources or data sources: the described types by name, and every type name.
  struct Kind {
    std::map<std::string, Description, std::less<>> described;
    std::string_view all_text;
    std::once_flag all_once;
    std::vector<std::string> all;

    const std::vector<std::string>& names() {
      std::call_once(all_once, [&] {
        try {
          all = parse(all_text).get<std::vector<std::string>>();
        } catch (const nlohmann::json::exception& e) {
          malformed(e.what());
        }
      });
      return all;
    }
    const BlockSchema* find(const std::string& type) {
      auto it = described.find(type);
      if (it == described.end()) return nullptr;
      Description& d = it->second;
      if (d.table != nullptr) return d.table;
      std::call_once(d.once, [&] {
        auto p = std::make_unique<ParsedDescription>();
        try {
          p->top = p->block("", parse(d.text), false);
        } catch (const nlohmann::json::exception& e) {
          malformed(e.what());
        }
        d.parsed = std::move(p);
      });
      return &d.parsed->top;
    }
  };

  std::shared_ptr<const std::string> owned;  // the text, when the schema was built from JSON
  Kind resources;
  Kind data_sources;
};

ProviderSchema::ProviderSchema(nlohmann::json data) {
  auto text = std::make_shared<const std::string>(data.dump());
  *this = from_text(*text);
  index_->owned = std::move(text);
}

// The text's parts are only located here; from_parts reads the provider block.
ProviderSchema ProviderSchema::from_text(std::string_view text) {
  std::map<std::string, std::string_view, std::less<>> found;
  for (auto& [key, value] : members(text)) found.emplace(std::move(key), value);
  for (const char* key : {"provider", "all_resource_types", "all_data_source_types", "resources", "data_sources"})
    if (!found.count(key)) malformed(std::string("no \"") + key + "\"");
  Parts parts{found["provider"], found["all_resource_types"], found["all_data_source_types"], {}, {}};
  // The names are views: their strings must live until from_parts() has copied them.
  auto resources = members(found["resources"]);
  auto data_sources = members(found["data_sources"]);
  for (const auto& [name, description] : resources) parts.resources.push_back({name, description});
  for (const auto& [name, description] : data_sources) parts.data_sources.push_back({name, description});
  return from_parts(parts);
}

ProviderSchema ProviderSchema::from_parts(const Parts& parts) {
  auto index = std::make_shared<Index>();
  index->resources.all_text = parts.all_resource_types;
  index->data_sources.all_text = parts.all_data_source_types;
  for (auto [described, kind] : {std::pair{&parts.resources, &index->resources}, std::pair{&parts.data_sources, &index->data_sources}})
    for (const Described& d : *described) {
      Index::Description& entry = kind->described[std::string(d.type)];
      entry.text = d.json;
      entry.table = d.table;
    }
  ProviderSchema schema(std::move(index));
  try {
    nlohmann::json provider = parse(parts.provider);
    schema.version_ = provider.at("version").get<std::string>();
    std::string source = provider.at("source").get<std::string>();
    schema.prefix_ = source.substr(source.find('/') + 1) + "_";
  } catch (const nlohmann::json::exception& e) {
    malformed(e.what());
  }
  return schema;
}

ProviderSchema::ProviderSchema(std::shared_ptr<Index> index) : index_(std::move(index)) {}

void ProviderSchema::parse_all(const std::atomic<bool>* stop) const {
  for (auto* kind : {&index_->resources, &index_->data_sources})
    for (const auto& [name, description] : kind->described) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) return;
      kind->find(name);
    }
}

// A described type exists without reading the list of every name (sorted in the data file).
bool ProviderSchema::has_resource_type(const std::string& type) const {
  if (index_->resources.described.count(type) != 0) return true;
  const auto& names = resource_types();
  return std::binary_search(names.begin(), names.end(), type);
}

bool ProviderSchema::has_data_source_type(const std::string& type) const {
  if (index_->data_sources.described.count(type) != 0) return true;
  const auto& names = data_source_types();
  return std::binary_search(names.begin(), names.end(), type);
}

const std::vector<std::string>& ProviderSchema::resource_types() const { return index_->resources.names(); }
const std::vector<std::string>& ProviderSchema::data_source_types() const { return index_->data_sources.names(); }
const BlockSchema* ProviderSchema::resource(const std::string& type) const { return index_->resources.find(type); }
const BlockSchema* ProviderSchema::data_source(const std::string& type) const { return index_->data_sources.find(type); }

void ModuleInterfaces::add(const nlohmann::json& module) {
  ModuleInterface m;
  try {
    m.source = module.at("source").get<std::string>();
    m.version = module.value("version", std::string());
    const nlohmann::json variables = module.value("variables", nlohmann::json::object());  // kept: items() is a view
    if (!variables.is_object()) throw Error("malformed module interface data: \"variables\" must be an object");
    for (const auto& [name, variable] : variables.items()) m.variables.push_back(name);
    m.outputs = module.value("outputs", std::vector<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw Error("malformed module interface data: " + std::string(e.what()));
  }
  add(std::move(m));
}

void ModuleInterfaces::add(ModuleInterface module) {
  std::sort(module.variables.begin(), module.variables.end());
  std::sort(module.outputs.begin(), module.outputs.end());
  std::string source = module.source;
  by_source_.insert_or_assign(std::move(source), std::move(module));
}

const ModuleInterface* ModuleInterfaces::find(std::string_view source) const {
  auto it = by_source_.find(source);
  return it == by_source_.end() ? nullptr : &it->second;
}

}  // namespace lcsynth
