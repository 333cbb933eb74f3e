// Output comparison: trees are split into stacks and files, files into Terraform blocks by
// address, and changed blocks into attribute paths with nlohmann::json::diff (an RFC 6902
// patch whose paths are turned back into readable ones).

#include "lcsynth/output_diff.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- reading ------------------------------------------------------------------------------

namespace {
void read_all(FileSystem& fs, const fs::path& root, const fs::path& dir, OutputTree& out) {
  for (const fs::path& entry : fs.list(dir)) {
    if (fs.is_directory(entry))
      read_all(fs, root, entry, out);
    else
      out[entry.lexically_relative(root).generic_string()] = fs.read_file(entry);
  }
}
}  // namespace

OutputTree read_output_tree(const fs::path& dir, FileSystem& fs) {
  OutputTree out;
  if (!fs.exists(dir)) return out;
  if (!fs.is_directory(dir)) throw WriteError(fmt::format("cannot read output '{}': it is not a directory", dir.string()));
  // The same files the writer treats as generated (writer.cc): everything else survives a synth.
  if (fs.exists(dir / "manifest.json") && !fs.is_directory(dir / "manifest.json"))
    out["manifest.json"] = fs.read_file(dir / "manifest.json");
  if (!fs.is_directory(dir / "stacks")) return out;
  for (const fs::path& stack : fs.list(dir / "stacks")) {
    if (!fs.is_directory(stack)) continue;
    if (fs.exists(stack / "cdk.tf.json") && !fs.is_directory(stack / "cdk.tf.json"))
      out[(stack / "cdk.tf.json").lexically_relative(dir).generic_string()] = fs.read_file(stack / "cdk.tf.json");
    if (fs.is_directory(stack / "modules")) read_all(fs, dir, stack / "modules", out);
  }
  return out;
}

const char* to_string(Change change) {
  switch (change) {
    case Change::kAdded: return "added";
    case Change::kRemoved: return "removed";
    case Change::kChanged: return "changed";
  }
  return "changed";
}

int block_kind_rank(std::string_view kind) {
  static constexpr std::array<std::string_view, 9> kOrder = {"resource", "data",      "module",    "output",  "variable",
                                                             "locals",   "provider",  "terraform", "manifest"};
  if (kind == "metadata") return static_cast<int>(kOrder.size()) + 1;
  auto it = std::find(kOrder.begin(), kOrder.end(), kind);
  return static_cast<int>(it - kOrder.begin());  // any other kind: kOrder.size()
}

// ---- blocks -------------------------------------------------------------------------------

namespace {
using Blocks = std::map<std::string, json>;  // address -> value

// "resource" -> {type -> {name -> body}}; anything not shaped so stays one block at that level.
void add_typed_blocks(const std::string& key, const json& value, Blocks& out) {
  if (!value.is_object()) {
    out[key] = value;
    return;
  }
  for (const auto& [type, named] : value.items()) {
    if (!named.is_object()) {
      out[key + "." + type] = named;
      continue;
    }
    for (const auto& [name, body] : named.items()) out[key + "." + type + "." + name] = body;
  }
}

// "provider" -> {name -> [config, ...]}: one block per configuration, named by its alias, so
// adding an aliased provider does not read as a change to the provider's list.
void add_provider_blocks(const json& value, Blocks& out) {
  if (!value.is_object()) {
    out["provider"] = value;
    return;
  }
  for (const auto& [name, configs] : value.items()) {
    if (!configs.is_array()) {
      out["provider." + name] = configs;
      continue;
    }
    for (size_t i = 0; i < configs.size(); ++i) {
      const json& c = configs[i];
      std::string address = "provider." + name;
      if (c.is_object() && c.contains("alias") && c["alias"].is_string()) address += "." + c["alias"].get<std::string>();
      if (out.count(address) != 0) address = fmt::format("provider.{}[{}]", name, i);
      out[address] = c;
    }
  }
}

Blocks blocks_of(const json& document, bool manifest) {
  static const std::set<std::string> kNamed = {"module", "output", "variable", "locals"};
  Blocks out;
  for (const auto& [key, value] : document.items()) {
    if (key == "resource" || key == "data") {
      add_typed_blocks(key, value, out);
    } else if (key == "provider" && !manifest) {
      add_provider_blocks(value, out);
    } else if (((kNamed.count(key) != 0 && !manifest) || (key == "stacks" && manifest)) && value.is_object()) {
      for (const auto& [name, body] : value.items()) out[key + "." + name] = body;
    } else {
      out[key] = value;
    }
  }
  return out;
}

std::string kind_of(const std::string& address, bool manifest) {
  if (manifest) return "manifest";
  if (address == "//") return "metadata";
  return address.substr(0, address.find_first_of(".["));  // "provider.aws[1]" -> "provider"
}
}  // namespace

// ---- attributes ---------------------------------------------------------------------------

namespace {
// RFC 6901 reference tokens, unescaped: "/a~1b/0" -> {"a/b", "0"}.
std::vector<std::string> tokens_of(const std::string& pointer) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < pointer.size()) {
    size_t next = pointer.find('/', at + 1);
    std::string token = pointer.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
    for (size_t p = 0; (p = token.find('~', p)) != std::string::npos; ++p) token.replace(p, 2, token[p + 1] == '1' ? "/" : "~");
    out.push_back(std::move(token));
    at = next == std::string::npos ? pointer.size() : next;
  }
  return out;
}

bool plain_key(const std::string& key) {
  return !key.empty() && key.find_first_of(".[]\" \t\n") == std::string::npos;
}

// {"vpc_config", "subnet_ids", "1"} -> "vpc_config.subnet_ids[1]": a token is an index when
// the value it indexes is an array on the side that has it.
std::string readable_path(const std::vector<std::string>& tokens, const json& old_value, const json& new_value) {
  std::string out;
  json::json_pointer parent;
  for (const std::string& token : tokens) {
    const json& container = old_value.contains(parent) ? old_value.at(parent) : new_value.at(parent);
    if (container.is_array())
      out += "[" + token + "]";
    else if (!plain_key(token))
      out += "[" + json(token).dump() + "]";
    else
      out += (out.empty() ? "" : ".") + token;
    parent.push_back(token);
  }
  return out;
}

bool is_index(const std::string& token) {
  return !token.empty() && token.size() < 19 && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Path order: "//" metadata last, then token by token, indices as numbers.
bool path_before(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  bool a_meta = !a.empty() && a[0] == "//", b_meta = !b.empty() && b[0] == "//";
  if (a_meta != b_meta) return b_meta;
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](const std::string& x, const std::string& y) {
    if (is_index(x) && is_index(y)) return std::stoull(x) < std::stoull(y);
    return x < y;
  });
}

std::vector<AttributeChange> diff_attributes(const json& old_value, const json& new_value) {
  std::vector<std::pair<std::vector<std::string>, AttributeChange>> changes;
  std::map<std::string, size_t> appended;  // array pointer -> elements added so far
  for (const json& op : json::diff(old_value, new_value)) {
    const std::string& kind = op["op"].get_ref<const std::string&>();
    std::string pointer = op["path"];
    // json::diff adds past the end of an array as "<array>/-"; name the index the element gets.
    // (An object key "-" is written "/-" too, so look at what the parent is.)
    if (kind == "add" && pointer.size() >= 2 && pointer.compare(pointer.size() - 2, 2, "/-") == 0) {
      std::string array = pointer.substr(0, pointer.size() - 2);
      if (const json& parent = old_value.at(json::json_pointer(array)); parent.is_array())
        pointer = array + "/" + std::to_string(parent.size() + appended[array]++);
    }
    json::json_pointer at(pointer);
    AttributeChange c;
    c.change = kind == "add" ? Change::kAdded : kind == "remove" ? Change::kRemoved : Change::kChanged;
    if (c.change != Change::kAdded) c.old_value = old_value.at(at);
    if (c.change != Change::kRemoved) c.new_value = new_value.at(at);
    std::vector<std::string> tokens = tokens_of(pointer);
    c.path = readable_path(tokens, old_value, new_value);
    c.pointer = std::move(pointer);
    changes.emplace_back(std::move(tokens), std::move(c));
  }
  std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return path_before(a.first, b.first); });
  std::vector<AttributeChange> out;
  for (auto& [tokens, c] : changes) out.push_back(std::move(c));
  return out;
}
}  // namespace

// ---- files and stacks ---------------------------------------------------------------------

namespace {
// A file's JSON, or why it has none: "not valid JSON: parse error at line 1, column 2: ...".
struct Parsed {
  json document;
  std::string problem;
};

Parsed parse(const std::string& bytes) {
  Parsed p;
  try {
    p.document = json::parse(bytes);
  } catch (const json::parse_error& e) {
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 1, ..."
    p.problem = "not valid JSON: " + what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2);
    return p;
  }
  if (!p.document.is_object()) p.problem = fmt::format("not a JSON object: found {}", p.document.type_name());
  return p;
}

// The manifest reduced to the selected stacks' entries, so other stacks and the version are
// not compared.
json select_manifest(const json& manifest, const std::vector<std::string>& stacks) {
  json out = {{"stacks", json::object()}};
  if (!manifest.contains("stacks") || !manifest["stacks"].is_object()) return out;
  for (const auto& name : stacks)
    if (manifest["stacks"].contains(name)) out["stacks"][name] = manifest["stacks"][name];
  return out;
}

std::vector<BlockDiff> diff_blocks(const json& old_document, const json& new_document, bool manifest) {
  Blocks old_blocks = blocks_of(old_document, manifest);
  Blocks new_blocks = blocks_of(new_document, manifest);
  std::set<std::string> addresses;
  for (const auto& [a, v] : old_blocks) addresses.insert(a);
  for (const auto& [a, v] : new_blocks) addresses.insert(a);
  std::vector<BlockDiff> out;
  for (const std::string& address : addresses) {
    auto o = old_blocks.find(address);
    auto n = new_blocks.find(address);
    BlockDiff b{Change::kChanged, address, kind_of(address, manifest), {}};
    if (o == old_blocks.end())
      b.change = Change::kAdded;
    else if (n == new_blocks.end())
      b.change = Change::kRemoved;
    else if (o->second == n->second)
      continue;
    else
      b.attributes = diff_attributes(o->second, n->second);
    out.push_back(std::move(b));
  }
  std::stable_sort(out.begin(), out.end(), [](const BlockDiff& a, const BlockDiff& b) {
    return block_kind_rank(a.kind) < block_kind_rank(b.kind);
  });
  return out;
}

// The difference of one file, or nothing when its bytes are the same. `old_bytes` or
// `new_bytes` is null when the file is missing on that side.
std::optional<FileDiff> diff_file(const std::string& path, const std::string* old_bytes, const std::string* new_bytes,
                                  const DiffOptions& options) {
  bool manifest = path == "manifest.json";
  Parsed o = old_bytes != nullptr ? parse(*old_bytes) : Parsed{json::object(), ""};
  Parsed n = new_bytes != nullptr ? parse(*new_bytes) : Parsed{json::object(), ""};
  if (manifest && !options.stacks.empty()) {
    if (o.problem.empty()) o.document = select_manifest(o.document, options.stacks);
    if (n.problem.empty()) n.document = select_manifest(n.document, options.stacks);
    if (o.problem.empty() && n.problem.empty() && o.document == n.document) return std::nullopt;
  } else if (old_bytes != nullptr && new_bytes != nullptr && *old_bytes == *new_bytes) {
    return std::nullopt;
  }
  FileDiff f;
  f.path = path;
  f.change = old_bytes == nullptr ? Change::kAdded : new_bytes == nullptr ? Change::kRemoved : Change::kChanged;
  if (!o.problem.empty() || !n.problem.empty()) {
    f.note = !o.problem.empty() ? "the old file is " + o.problem : "the new file is " + n.problem;
    return f;
  }
  f.blocks = diff_blocks(o.document, n.document, manifest);
  if (f.change == Change::kChanged && f.blocks.empty()) f.note = "the same JSON written differently (formatting or key order)";
  return f;
}

// "stacks/<name>/<rest>" -> "<name>"; "" for files outside a stack's directory.
std::string stack_of(const std::string& path) {
  if (path.rfind("stacks/", 0) != 0) return "";
  size_t end = path.find('/', 7);
  return end == std::string::npos || end == 7 || end + 1 == path.size() ? "" : path.substr(7, end - 7);
}

bool selected(const std::string& stack, const DiffOptions& options) {
  return options.stacks.empty() || std::find(options.stacks.begin(), options.stacks.end(), stack) != options.stacks.end();
}

// The root document first, then the modules' files by path.
bool file_before(const FileDiff& a, const FileDiff& b) {
  bool a_root = a.path.size() >= 12 && a.path.compare(a.path.size() - 12, 12, "/cdk.tf.json") == 0;
  bool b_root = b.path.size() >= 12 && b.path.compare(b.path.size() - 12, 12, "/cdk.tf.json") == 0;
  if (a_root != b_root) return a_root;
  return a.path < b.path;
}
}  // namespace

OutputDiff diff_outputs(const OutputTree& old_tree, const OutputTree& new_tree, const DiffOptions& options) {
  std::set<std::string> paths;
  for (const auto& [p, bytes] : old_tree) paths.insert(p);
  for (const auto& [p, bytes] : new_tree) paths.insert(p);

  OutputDiff out;
  std::map<std::string, StackDiff> stacks;
  std::set<std::string> stacks_in_old, stacks_in_new;
  for (const std::string& path : paths) {
    std::string stack = stack_of(path);
    bool in_scope = stack.empty() ? (options.stacks.empty() || path == "manifest.json") : selected(stack, options);
    if (!in_scope) continue;
    auto o = old_tree.find(path);
    auto n = new_tree.find(path);
    if (!stack.empty() && o != old_tree.end()) stacks_in_old.insert(stack);
    if (!stack.empty() && n != new_tree.end()) stacks_in_new.insert(stack);
    auto f = diff_file(path, o == old_tree.end() ? nullptr : &o->second, n == new_tree.end() ? nullptr : &n->second, options);
    if (!f) continue;
    if (stack.empty())
      out.files.push_back(std::move(*f));
    else
      stacks[stack].files.push_back(std::move(*f));
  }
  for (auto& [name, s] : stacks) {
    s.name = name;
    s.change = stacks_in_old.count(name) == 0 ? Change::kAdded : stacks_in_new.count(name) == 0 ? Change::kRemoved : Change::kChanged;
    std::sort(s.files.begin(), s.files.end(), file_before);
    out.stacks.push_back(std::move(s));
  }
  return out;
}

}  // namespace lcsynth
