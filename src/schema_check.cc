// Schema validation over rendered Terraform JSON, module by module: each block's arguments and
// nested blocks against the provider schema, module arguments against module interfaces, and
// every traversal inside "${...}" against what the module declares and the types export. A
// synthesis checks its references where they are written instead (check_typed_references):
// at N = 100 copies of LibreChat, reading them back from the text was two thirds of checking
// (26.5 of 40.0 M instructions; typed, 7.3 M), and the root document's share of it, checked
// last, was the end of every large synthesis.

#include "lcsynth/schema_check.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "lcsynth/module_call.h"
#include "lcsynth/module_scope.h"
#include "lcsynth/provider.h"
#include "lcsynth/resource.h"
#include "lcsynth/stack.h"
#include "recorded_path.h"

namespace lcsynth {

namespace {

using nlohmann::json;

// Keys of a block body, or of a module call, that are Terraform's (or lcsynth's "//"), not the
// schema's: a handful each, compared in place (a std::set<std::string> cost a tree walk per key).
constexpr std::array<std::string_view, 8> kMetaArguments = {"//", "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"};
constexpr std::array<std::string_view, 7> kModuleMeta = {"//", "source", "version", "providers", "count", "for_each", "depends_on"};

template <size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view key) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> out;
  if (object.is_object())
    for (const auto& [k, v] : object.items()) out.push_back(k);
  return out;
}

// Calls visit(hcl) for each interpolation of a rendered string ("${...}", not the escaped "$${").
// From one '$' to the next by find() (memchr), not a character at a time.
template <class Visit>
void for_each_interpolation(std::string_view s, Visit visit) {
  for (size_t i = s.find('$'); i != std::string_view::npos && i + 1 < s.size();) {
    if (s[i + 1] == '$') {  // "$$" starts an escape: skip both
      i = s.find('$', i + 2);
      continue;
    }
    if (s[i + 1] != '{') {
      i = s.find('$', i + 1);
      continue;
    }
    // Most interpolations hold no brace: their end is the next '}', found by find() too.
    size_t j = s.find('}', i + 2);
    if (j == std::string_view::npos || s.substr(i + 2, j - i - 2).find('{') != std::string_view::npos) {
      size_t depth = 0;
      for (j = i + 1; j < s.size(); ++j) {
        if (s[j] == '{') ++depth;
        if (s[j] == '}' && --depth == 0) break;
      }
    }
    visit(s.substr(i + 2, j - i - 2));
    if (j + 1 >= s.size()) break;
    i = s.find('$', j + 1);
  }
}

// --- Traversals in HCL text, matched by hand: a std::regex costs more to build than a whole
// check. Each matcher returns the end of a match starting at s[i], or npos; the search resumes
// after a match, and a match counts only where the character before cannot continue a name
// (so "x.var.a" and "\"aws_x.y\"" are not references).

constexpr size_t kNoMatch = std::string_view::npos;

bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

template <class Pred>
size_t skip(std::string_view s, size_t i, Pred pred) {
  while (i < s.size() && pred(s[i])) ++i;
  return i;
}

// ".attr" (an attribute name) at s[i], or kNoMatch.
size_t attribute_end(std::string_view s, size_t i, std::string_view& attr) {
  if (i + 1 >= s.size() || s[i] != '.' || !name_start(s[i + 1])) return kNoMatch;
  size_t end = skip(s, i + 2, name_char);
  attr = s.substr(i + 1, end - i - 1);
  return end;
}

// The attribute a typed reference's text reads, as match_traversal reads it after TYPE.NAME:
// "arn" of "arn", "arn.x", "arn[0]" and "[0].arn"; "" for "" and "[0]".
std::string_view typed_attribute(std::string_view attr) {
  if (!attr.empty() && attr[0] == '[') {
    size_t close = attr.find(']');
    if (close == std::string_view::npos || close + 1 >= attr.size() || attr[close + 1] != '.') return {};
    attr.remove_prefix(close + 2);
  }
  if (attr.empty() || !name_start(attr[0])) return {};
  return attr.substr(0, skip(attr, 1, name_char));
}

// The same for module.NAME, as match_named reads it: no index before the output.
std::string_view module_attribute(std::string_view attr) { return !attr.empty() && attr[0] == '[' ? std::string_view() : typed_attribute(attr); }

struct Traversal {
  bool data = false;
  std::string_view type, name, attr;
};

// (data.)?TYPE.NAME([...])?(.ATTR)? where TYPE is lowercase with an underscore after its first
// word ("aws_vpc"), NAME is [A-Za-z_][A-Za-z0-9_-]*.
size_t match_traversal(std::string_view s, size_t i, Traversal& t) {
  t = {};
  if (s[i] == 'd' && s.substr(i, 5) == "data.") t.data = true, i += 5;
  if (i >= s.size() || !(s[i] >= 'a' && s[i] <= 'z')) return kNoMatch;
  size_t underscore = skip(s, i + 1, lower_or_digit);
  if (underscore >= s.size() || s[underscore] != '_') return kNoMatch;
  size_t type_end = skip(s, underscore + 1, [](char c) { return lower_or_digit(c) || c == '_'; });
  if (type_end == underscore + 1 || type_end + 1 >= s.size() || s[type_end] != '.' || !name_start(s[type_end + 1])) return kNoMatch;
  t.type = s.substr(i, type_end - i);
  size_t name_end = skip(s, type_end + 2, [](char c) { return name_char(c) || c == '-'; });
  t.name = s.substr(type_end + 1, name_end - type_end - 1);
  size_t end = name_end;
  if (end < s.size() && s[end] == '[')
    if (size_t close = s.find(']', end + 1); close != std::string_view::npos) end = close + 1;
  if (size_t attr_end = attribute_end(s, end, t.attr); attr_end != kNoMatch) end = attr_end;
  return end;
}

struct Named {
  std::string_view kind, name, attr;  // kind: var, local or module
};

// (var|local|module).NAME(.ATTR)?
size_t match_named(std::string_view s, size_t i, Named& n) {
  n = {};
  std::string_view kind = s[i] == 'v' ? "var" : s[i] == 'l' ? "local" : s[i] == 'm' ? "module" : "";
  if (kind.empty() || s.substr(i, kind.size()) != kind || i + kind.size() >= s.size() || s[i + kind.size()] != '.') return kNoMatch;
  n.kind = kind;
  size_t start = i + n.kind.size() + 1;
  if (start >= s.size() || !name_start(s[start])) return kNoMatch;
  size_t name_end = skip(s, start + 1, [](char c) { return name_char(c) || c == '-'; });
  n.name = s.substr(start, name_end - start);
  size_t attr_end = attribute_end(s, name_end, n.attr);
  return attr_end == kNoMatch ? name_end : attr_end;
}

bool boundary_before(std::string_view s, size_t position) {
  if (position == 0) return true;
  char c = s[position - 1];
  return !(name_char(c) || c == '.' || c == '-' || c == '"');
}

// Calls on_named(n) for each var./local./module. traversal in `s`, then on_typed(t) for each
// TYPE.NAME traversal, each found as a search for it alone would find it: left to right from
// boundaries only (so a long word costs one step per character), resuming after a match. One
// scan finds both: no position starts both kinds, and no boundary lies inside a match but in a
// traversal's index brackets, where only named references are looked for ("aws_x.y[var.i]").
// `typed` is scratch space for the traversals, which are visited after the named references.
template <class OnNamed, class OnTyped>
void for_each_reference(std::string_view s, std::vector<Traversal>& typed, OnNamed on_named, OnTyped on_typed) {
  typed.clear();
  Named n;
  Traversal t;
  size_t typed_from = 0;  // no traversal starts before this (the end of the last one)
  for (size_t i = 0; i < s.size();) {
    if (s[i] < 'a' || s[i] > 'z' || !boundary_before(s, i)) {  // both kinds start with a lowercase letter
      ++i;
      continue;
    }
    if (size_t end = match_named(s, i, n); end != kNoMatch) {
      on_named(n);
      i = end;
      continue;
    }
    if (i >= typed_from)
      if (size_t end = match_traversal(s, i, t); end != kNoMatch) {
        typed.push_back(t);
        typed_from = end;
        // No boundary lies inside a traversal but in its index brackets: without brackets,
        // the search goes on after it.
        if (s.substr(i, end - i).find('[') == std::string_view::npos) {
          i = end;
          continue;
        }
      }
    ++i;
  }
  for (const Traversal& found : typed) on_typed(found);
}

// -?[0-9]+(.[0-9]+)?: a number Terraform converts from a string.
bool is_decimal(std::string_view s) {
  size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
  size_t digits = skip(s, start, [](char c) { return c >= '0' && c <= '9'; });
  if (digits == start) return false;
  if (digits == s.size()) return true;
  if (s[digits] != '.') return false;
  size_t fraction = skip(s, digits + 1, [](char c) { return c >= '0' && c <= '9'; });
  return fraction > digits + 1 && fraction == s.size();
}

// Checks the documents of one stack, one at a time, modules before the modules that call them:
// what a caller needs of a local module (its variables and outputs) is remembered as it passes.
class Checker {
 public:
  explicit Checker(const SchemaSet& schemas, bool references_in_text = true) : schemas_(schemas), references_in_text_(references_in_text) {}

  // Every reference the elements of `stack` make (Expr::ref), at the element that makes it:
  // the attribute of a resource or data source, the output of a registry module. What else a
  // reference names (the element itself, variables and outputs threaded through modules, the
  // remote state of another stack) is declared by rendering, where the reference is written.
  std::vector<Diagnostic> check_typed_references(const Stack& stack) {
    findings_.clear();
    stack.walk([&](const Construct& c) {
      const TerraformElement* e = c.as_element();
      if (e == nullptr) return;
      e->visit_exprs([&](const Expr& x) {
        x.visit_refs([&](const TerraformElement& target, std::string_view attr) { check_typed_reference(*e, target, attr); });
      });
    });
    return std::move(findings_);
  }

  std::vector<Diagnostic> check(const std::string& file, const json& doc, const std::string& prefix, std::string_view module_path) {
    findings_.clear();
    check_module(file, doc, prefix, module_path);
    auto keys = [&](const char* section) {
      auto it = doc.find(section);
      return it == doc.end() ? std::vector<std::string>{} : keys_of(*it);
    };
    interfaces_[file] = Interface{keys("variable"), keys("output")};
    return std::move(findings_);
  }

 private:
  // Where a finding is: the block, and views of strings that outlive the check (the documents,
  // or locals of the caller), made into a path and an address only for a finding. The path is
  // the one the block records, else the module's; the address is prefix + head + (type + ".")
  // + name: "module.a." "data." "aws_x" "." "y", or "module.a." "output." "" "z".
  struct Where {
    const json* body = nullptr;
    std::string_view module_path;
    std::string_view prefix, head, type, name;

    std::string path() const { return body == nullptr ? std::string(module_path) : detail::block_path(*body, module_path, !prefix.empty()); }

    std::string address() const {
      std::string out;
      out.reserve(prefix.size() + head.size() + type.size() + 1 + name.size());
      out.append(prefix).append(head).append(type);
      if (!type.empty()) out += '.';
      return out.append(name);
    }
  };

  void add(const Where& w, const char* rule, std::string message, std::string fix = "") {
    findings_.push_back({Severity::kError, rule, w.path(), w.address(), std::move(message), std::move(fix)});
  }

  const ProviderSchema* provider_for(const std::string& type) const {
    for (const auto& p : schemas_.providers)
      if (type.rfind(p.prefix(), 0) == 0) return &p;
    return nullptr;
  }

  // What a caller of a local module checks against: the module's variables and outputs.
  struct Interface {
    std::vector<std::string> variables, outputs;
  };

  // The interface of the local module at `source` ("./x") called from `dir`, or nullptr when it
  // was not synthesized. The file's name is put together in scratch space, not a new string.
  const Interface* local_interface(std::string_view dir, std::string_view source) {
    path_.assign(dir).append("/").append(source.substr(2)).append("/main.tf.json");
    auto it = interfaces_.find(path_);
    return it == interfaces_.end() ? nullptr : &it->second;
  }

  // A module call of the document being checked, resolved once for its arguments and for every
  // reference to its outputs: the root document of 1,000 LibreChat copies makes 9,000 of them,
  // each of which otherwise looked the call up in the document and its module's file by name.
  struct CallTarget {
    std::string_view source;
    const std::vector<std::string>* variables = nullptr;  // both nullptr: a module without
    const std::vector<std::string>* outputs = nullptr;    // interface data, not checked
  };

  CallTarget resolve_call(std::string_view dir, const json& call) {
    CallTarget target;
    if (auto it = call.find("source"); it != call.end() && it->is_string()) target.source = it->get_ref<const std::string&>();
    if (target.source.starts_with("./")) {
      if (const Interface* child = local_interface(dir, target.source)) target.variables = &child->variables, target.outputs = &child->outputs;
    } else if (const ModuleInterface* iface = schemas_.modules.find(target.source)) {
      target.variables = &iface->variables, target.outputs = &iface->outputs;
    }
    return target;
  }

  void check_module(const std::string& file, const json& doc, const std::string& prefix, std::string_view module_path) {
    std::string dir = file.substr(0, file.rfind('/'));
    for (const char* kind : {"resource", "data"})
      if (doc.contains(kind))
        for (const auto& [type, blocks] : doc[kind].items())
          for (const auto& [name, body] : blocks.items())
            check_typed_block(kind, type, body, {&body, module_path, prefix, kind[0] == 'd' ? "data." : "", type, name});
    calls_.clear();
    if (auto calls = doc.find("module"); calls != doc.end())
      for (const auto& [name, call] : calls->items()) {
        CallTarget target = resolve_call(dir, call);
        if (calls->is_object()) calls_.emplace(name, target);
        check_module_call(prefix, name, call, target, module_path);
      }
    if (references_in_text_) check_references(doc, prefix, module_path);
  }

  // `referrer`'s reference to `attr` of `target`, reported as check_references() reports the
  // same reference in the rendered text (the attribute read as match_traversal and match_named
  // read it), but at the referring element's path and full address.
  void check_typed_reference(const TerraformElement& referrer, const TerraformElement& target, std::string_view attr) {
    auto where = [&](auto report) {
      std::string address = referrer.kind() == TerraformElement::Kind::kProvider
                                ? "provider." + static_cast<const Provider&>(referrer).props().name
                                : referrer.address();
      std::string path = referrer.path(), prefix = address_prefix(ModuleScope::of(referrer));
      report(Where{nullptr, path, prefix, address, "", ""});
    };
    switch (target.kind()) {
      case TerraformElement::Kind::kResource:
      case TerraformElement::Kind::kDataSource: {
        std::string_view name = typed_attribute(attr);
        if (name.empty()) return;
        bool data = target.kind() == TerraformElement::Kind::kDataSource;
        // Not a structured binding: clang before 16 cannot capture one (the lambda below).
        auto& known = type_info(data, static_cast<const TypedBlock&>(target).type());
        const std::string& type = known.first;
        if (known.second.provider == nullptr) return;
        const BlockSchema* description = description_of(data, type, known.second);
        if (exports(description, name)) return;
        where([&](const Where& w) { check_attribute(data, type, description, target.logical_id(), name, w); });
        return;
      }
      case TerraformElement::Kind::kModuleCall: {
        const auto& call = static_cast<const ModuleCall&>(target);
        std::string_view name = module_attribute(attr);
        const ModuleInterface* iface = name.empty() || call.props().source.starts_with("./") ? nullptr : schemas_.modules.find(call.props().source);
        if (has_output(iface == nullptr ? nullptr : &iface->outputs, name)) return;
        where([&](const Where& w) { check_module_output(call.logical_id(), call.props().source, &iface->outputs, name, w); });
        return;
      }
      default:
        return;  // declared by rendering where it is referenced
    }
  }

  void check_typed_block(const std::string& kind, const std::string& type, const json& body, const Where& where) {
    bool resource = kind == "resource";
    auto& [name, info] = type_info(!resource, type);
    const ProviderSchema* provider = info.provider;
    if (provider == nullptr) return;
    if (!info.known.has_value()) info.known = resource ? provider->has_resource_type(name) : provider->has_data_source_type(name);
    if (!*info.known) {
      const auto& all = resource ? provider->resource_types() : provider->data_source_types();
      add(where, "schema/unknown-type",
          fmt::format("{} type '{}' does not exist in {} {}{}", resource ? "resource" : "data source", type, "the provider schema",
                      provider->version(), did_you_mean(type, all)));
      return;
    }
    if (const BlockSchema* description = description_of(!resource, name, info)) check_body(body, *description, type, "", where);
  }

  static std::string joined(const std::string& at, std::string_view key) { return at.empty() ? std::string(key) : at + "." + std::string(key); }

  void check_body(const json& body, const BlockSchema& schema, const std::string& type, const std::string& at, const Where& where) {
    if (!body.is_object()) return;
    for (const auto& [key, value] : body.get_ref<const json::object_t&>()) {  // an object: checked above
      if (at.empty() && listed(kMetaArguments, key)) continue;
      if (const ArgumentSchema* argument = schema.argument(key)) {
        check_literal_type(value, *argument, type, at, key, where);
      } else if (const BlockSchema* block = schema.block(key)) {
        if (value.is_object()) {
          check_body(value, *block, type, joined(at, key), where);
        } else if (value.is_array()) {
          std::string here = joined(at, key);
          for (const auto& item : value) check_body(item, *block, type, here, where);
        }
      } else {  // the candidates for "did you mean" are listed only when needed
        std::vector<std::string> names;
        for (const ArgumentSchema& a : schema.arguments) names.emplace_back(a.name);
        for (const BlockSchema& b : schema.blocks) names.emplace_back(b.name);
        add(where, "schema/unknown-argument",
            fmt::format("'{}' is not an argument or block of {}{}", joined(at, key), type, did_you_mean(key, names)));
      }
    }
    for (const ArgumentSchema& a : schema.arguments)
      if (a.required && !body.contains(a.name)) add(where, "schema/missing-argument", fmt::format("{} requires '{}'", type, joined(at, a.name)));
    for (const BlockSchema& b : schema.blocks)
      if (b.required && !body.contains(b.name))
        add(where, "schema/missing-argument", fmt::format("{} requires the block '{}'", type, joined(at, b.name)));
  }

  void check_literal_type(const json& value, const ArgumentSchema& argument, const std::string& type, const std::string& at,
                          const std::string& key, const Where& where) {
    std::string_view expected = argument.type;
    if (value.is_null() || expected.empty()) return;
    if (value.is_string() && value.get_ref<const std::string&>().find("${") != std::string::npos) return;  // an expression
    bool ok = true;
    if (expected == "string") {
      ok = value.is_primitive();
    } else if (expected == "number") {
      ok = value.is_number() || (value.is_string() && is_decimal(value.get_ref<const std::string&>()));
    } else if (expected == "bool") {
      ok = value.is_boolean() || value == "true" || value == "false";
    } else if (expected.starts_with("list(") || expected.starts_with("set(")) {
      ok = value.is_array();
    } else if (expected.starts_with("map(") || expected.starts_with("object(")) {
      ok = value.is_object();
    }
    if (!ok)
      add(where, "schema/wrong-type", fmt::format("{}.{}: expected {}, found {}", type, joined(at, key), expected, value.dump().substr(0, 60)));
  }

  void check_module_call(const std::string& prefix, const std::string& name, const json& call, const CallTarget& target,
                         std::string_view module_path) {
    if (target.variables == nullptr) return;  // not synthesized, or a module without interface data
    Where where{&call, module_path, prefix, "module.", "", name};
    for (const auto& [key, value] : call.items())
      if (!listed(kModuleMeta, key) && std::find(target.variables->begin(), target.variables->end(), key) == target.variables->end())
        add(where, "schema/unknown-module-input",
            fmt::format("module '{}' ({}) has no input '{}'{}", name, target.source, key, did_you_mean(key, *target.variables)));
  }

  // Every traversal in an interpolation must name something this module declares, and an
  // attribute the type (or module) exports.
  // Only a block's own body records a construct path ("//"), so a finding anywhere inside it is
  // the block's.
  // An interpolation's text found clean once in a document is clean wherever else it occurs in
  // it (what a reference is checked against is the document's, not the block's), so it is
  // scanned once: a third of a module's interpolations repeat one before them.
  void check_references(const json& doc, const std::string& prefix, std::string_view module_path) {
    Where where;
    clean_.clear();
    auto visit = [&](const auto& self, const json& value) -> void {
      if (value.is_structured()) {
        for (const json& v : value) self(self, v);  // an object's values, an array's items
      } else if (value.is_string()) {
        for_each_interpolation(value.get_ref<const std::string&>(), [&](std::string_view hcl) {
          if (clean_.contains(hcl)) return;
          size_t found = findings_.size();
          for_each_reference(hcl, traversals_, [&](const Named& n) { check_named(doc, n, where); },
                             [&](const Traversal& t) { check_traversal(doc, t, where); });
          if (findings_.size() == found) clean_.insert(hcl);
        });
      }
    };
    auto visit_root = [&](const json& body, std::string_view head, std::string_view type, std::string_view name) {
      where = Where{&body, module_path, prefix, head, type, name};
      visit(visit, body);
    };
    for (const char* kind : {"resource", "data"})
      if (auto section = doc.find(kind); section != doc.end())
        for (const auto& [type, blocks] : section->items())
          for (const auto& [name, body] : blocks.items()) visit_root(body, kind[0] == 'd' ? "data." : "", type, name);
    const std::pair<const char*, const char*> named_sections[] = {{"module", "module."}, {"output", "output."}, {"locals", "local."}, {"provider", "provider."}};
    for (const auto& [section, label] : named_sections)
      if (auto found = doc.find(section); found != doc.end())
        for (const auto& [name, body] : found->items()) visit_root(body, label, "", name);
  }

  // var.x, local.x, module.x(.output): declared here, and the output exported by the module.
  // Lists of candidates are built only for a finding.
  void check_named(const json& doc, const Named& n, const Where& where) {
    if (n.kind == "module") {
      auto call = calls_.find(n.name);
      if (call == calls_.end()) {
        add(where, "schema/dangling-reference", fmt::format("references {}.{}, which this module does not declare", n.kind, n.name));
        return;
      }
      check_module_output(n.name, call->second.source, call->second.outputs, n.attr, where);
      return;
    }
    auto declared = doc.find(n.kind == "var" ? "variable" : "locals");
    if (declared == doc.end() || declared->find(n.name) == declared->end())
      add(where, "schema/dangling-reference", fmt::format("references {}.{}, which this module does not declare", n.kind, n.name));
  }

  // TYPE.NAME(.ATTR): declared here, and the attribute exported by the type.
  void check_traversal(const json& doc, const Traversal& t, const Where& where) {
    auto& [type, info] = type_info(t.data, t.type);
    if (info.provider == nullptr) return;
    auto section = doc.find(t.data ? "data" : "resource");
    auto of_type = section == doc.end() ? section : section->find(t.type);
    if (section == doc.end() || of_type == section->end() || !of_type->contains(t.name)) {
      add(where, "schema/dangling-reference",
          fmt::format("references {}{}.{}, which this module does not declare", t.data ? "data." : "", t.type, t.name));
      return;
    }
    check_attribute(t.data, type, description_of(t.data, type, info), t.name, t.attr, where);
  }

  // Whether a reference to `attr` passes: no attribute, no description of the type, or one of
  // its attributes or blocks.
  static bool exports(const BlockSchema* description, std::string_view attr) {
    return attr.empty() || description == nullptr || description->has_attribute(attr) || description->block(attr) != nullptr;
  }
  // The same for a module's output: no output named, no outputs known, or one of them (sorted).
  static bool has_output(const std::vector<std::string>* outputs, std::string_view attr) {
    return attr.empty() || outputs == nullptr || std::binary_search(outputs->begin(), outputs->end(), attr, std::less<>{});
  }

  // TYPE.NAME.ATTR: ATTR exported by the type (an attribute or a block), when the schema
  // describes the type.
  void check_attribute(bool data, std::string_view type, const BlockSchema* description, std::string_view name, std::string_view attr,
                       const Where& where) {
    if (exports(description, attr)) return;
    std::vector<std::string> exported(description->attributes.begin(), description->attributes.end());
    for (const BlockSchema& b : description->blocks) exported.emplace_back(b.name);
    add(where, "schema/unknown-attribute", fmt::format("references {}{}.{}.{}, but {} exports no attribute '{}'{}", data ? "data." : "", type,
                                                        name, attr, type, attr, did_you_mean(attr, exported)));
  }

  // module.NAME.ATTR: ATTR one of the outputs (sorted), when the module's are known.
  void check_module_output(std::string_view name, std::string_view source, const std::vector<std::string>* outputs, std::string_view attr,
                           const Where& where) {
    if (has_output(outputs, attr)) return;
    add(where, "schema/unknown-module-output",
        fmt::format("module '{}' ({}) has no output '{}'{}", name, source, attr, did_you_mean(attr, *outputs)));
  }

  // What the schemas say of a type a block or a traversal names, found once per checker (per
  // stack): the provider by prefix, then whether it has the type and its description, each
  // when first needed.
  struct TypeInfo {
    const ProviderSchema* provider = nullptr;  // none: another provider's type, not checked
    std::optional<bool> known;                 // the provider has the type (asked once)
    const BlockSchema* description = nullptr;
    bool looked_up = false;  // description found (or known to be missing)
  };
  // The type's description, found once; nullptr when the schema has none.
  static const BlockSchema* description_of(bool data, const std::string& type, TypeInfo& info) {
    if (!info.looked_up) {
      info.description = data ? info.provider->data_source(type) : info.provider->resource(type);
      info.looked_up = true;
    }
    return info.description;
  }
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // The type's name (as the schemas are asked for it) and what is known of it.
  std::pair<const std::string, TypeInfo>& type_info(bool data, std::string_view type) {
    auto& known = data ? data_types_ : resource_types_;
    if (auto it = known.find(type); it != known.end()) return *it;
    auto& entry = *known.try_emplace(std::string(type)).first;
    entry.second.provider = provider_for(entry.first);
    return entry;
  }

  const SchemaSet& schemas_;
  const bool references_in_text_;  // check_references() on each document
  std::unordered_map<std::string, TypeInfo, NameHash, std::equal_to<>> resource_types_, data_types_;
  std::unordered_map<std::string, Interface, NameHash, std::equal_to<>> interfaces_;  // of the documents checked so far, by file
  std::string path_;  // local_interface's scratch space
  std::unordered_map<std::string_view, CallTarget, NameHash, std::equal_to<>> calls_;  // the document's module calls, by name
  std::vector<Diagnostic> findings_;
  std::vector<Traversal> traversals_;  // check_references' scratch space
  std::unordered_set<std::string_view> clean_;  // and the interpolations of its document found clean
};

// Checks `file` of `stack` after the local modules it calls.
void check_tree(Checker& checker, const StackArtifact& stack, const std::string& file, const std::string& prefix, std::string_view module_path,
                std::vector<Diagnostic>& findings) {
  auto it = stack.files.find(file);
  if (it == stack.files.end()) return;
  const json& doc = it->second;
  std::string dir = file.substr(0, file.rfind('/'));
  if (auto calls = doc.find("module"); calls != doc.end())
    for (const auto& [name, call] : calls->items())
      if (std::string source = call.value("source", ""); source.rfind("./", 0) == 0)
        check_tree(checker, stack, dir + "/" + source.substr(2) + "/main.tf.json", prefix + "module." + name + ".",
                   detail::block_path(call, module_path, !prefix.empty()), findings);
  auto f = checker.check(file, doc, prefix, module_path);
  findings.insert(findings.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
}

}  // namespace

struct SchemaChecker::Impl {
  Checker checker;
};

SchemaChecker::SchemaChecker(const SchemaSet& schemas, References references)
    : impl_(std::make_unique<Impl>(Impl{Checker(schemas, references == References::kInText)})) {}
SchemaChecker::~SchemaChecker() = default;

std::vector<Diagnostic> SchemaChecker::check(const std::string& file, const nlohmann::json& doc, const std::string& prefix,
                                             std::string_view module_path) {
  return impl_->checker.check(file, doc, prefix, module_path);
}

std::vector<Diagnostic> check_typed_references(const Stack& stack, const SchemaSet& schemas) { return Checker(schemas).check_typed_references(stack); }

std::vector<Diagnostic> check_schema(const StackArtifact& stack, const SchemaSet& schemas) {
  Checker checker(schemas);
  std::vector<Diagnostic> findings;
  check_tree(checker, stack, stack.working_directory + "/cdk.tf.json", "", stack.construct_path, findings);
  return findings;
}

}  // namespace lcsynth
