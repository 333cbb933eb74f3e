// Schema validation over rendered Terraform JSON, module by module: each block's arguments and
// nested blocks against the provider schema, module arguments against module interfaces, and
// every traversal inside "${...}" against what the module declares and the types export.

#include "lcsynth/schema_check.h"

#include <regex>
#include <set>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace {

using nlohmann::json;

const std::set<std::string> kMetaArguments = {"//", "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"};
const std::set<std::string> kModuleMeta = {"//", "source", "version", "providers", "count", "for_each", "depends_on"};

std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> out;
  if (object.is_object())
    for (const auto& [k, v] : object.items()) out.push_back(k);
  return out;
}

// The interpolations of a rendered string ("${...}", not the escaped "$${"), as HCL text.
std::vector<std::string> interpolations(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '$' && s[i + 1] == '$') {
      ++i;  // "$$" starts an escape: skip both
      continue;
    }
    if (s[i] != '$' || s[i + 1] != '{') continue;
    size_t depth = 0, j = i + 1;
    for (; j < s.size(); ++j) {
      if (s[j] == '{') ++depth;
      if (s[j] == '}' && --depth == 0) break;
    }
    out.push_back(s.substr(i + 2, j - i - 2));
    i = j;
  }
  return out;
}

class Checker {
 public:
  Checker(const StackArtifact& stack, const SchemaSet& schemas) : stack_(stack), schemas_(schemas) {}

  std::vector<Diagnostic> run() {
    check_module(stack_.working_directory + "/cdk.tf.json", "", stack_.construct_path);
    return std::move(findings_);
  }

 private:
  struct Where {
    std::string path;
    std::string address;
  };

  void add(const Where& w, const char* rule, std::string message, std::string fix = "") {
    findings_.push_back({Severity::kError, rule, w.path, w.address, std::move(message), std::move(fix)});
  }

  static std::string path_of(const json& body, const std::string& fallback) {
    if (body.is_object() && body.contains("//") && body["//"].contains("metadata")) return body["//"]["metadata"].value("path", fallback);
    return fallback;
  }

  const ProviderSchema* provider_for(const std::string& type) const {
    for (const auto& p : schemas_.providers)
      if (type.rfind(p.prefix(), 0) == 0) return &p;
    return nullptr;
  }

  const json* document(const std::string& file) const {
    auto it = stack_.files.find(file);
    return it == stack_.files.end() ? nullptr : &it->second;
  }

  void check_module(const std::string& file, const std::string& prefix, const std::string& module_path) {
    const json* doc = document(file);
    if (doc == nullptr) return;
    std::string dir = file.substr(0, file.rfind('/'));
    for (const char* kind : {"resource", "data"})
      if (doc->contains(kind))
        for (const auto& [type, blocks] : (*doc)[kind].items())
          for (const auto& [name, body] : blocks.items()) {
            std::string local = (std::string(kind) == "data" ? "data." : "") + type + "." + name;
            check_typed_block(kind, type, body, {path_of(body, module_path), prefix + local});
          }
    if (doc->contains("module"))
      for (const auto& [name, call] : (*doc)["module"].items()) check_module_call(dir, prefix, name, call, module_path);
    check_references(*doc, dir, prefix, module_path);
  }

  void check_typed_block(const std::string& kind, const std::string& type, const json& body, const Where& where) {
    const ProviderSchema* provider = provider_for(type);
    if (provider == nullptr) return;
    bool resource = kind == "resource";
    bool known = resource ? provider->has_resource_type(type) : provider->has_data_source_type(type);
    if (!known) {
      const auto& all = resource ? provider->resource_types() : provider->data_source_types();
      add(where, "schema/unknown-type",
          fmt::format("{} type '{}' does not exist in {} {}{}", resource ? "resource" : "data source", type, "the provider schema",
                      provider->version(), did_you_mean(type, all)));
      return;
    }
    const json* description = resource ? provider->resource(type) : provider->data_source(type);
    if (description != nullptr) check_body(body, *description, type, "", where);
  }

  void check_body(const json& body, const json& schema, const std::string& type, const std::string& at, const Where& where) {
    if (!body.is_object()) return;
    for (const auto& [key, value] : body.items()) {
      if (at.empty() && kMetaArguments.count(key)) continue;
      std::string here = at.empty() ? key : at + "." + key;
      if (schema["arguments"].contains(key)) {
        check_literal_type(value, schema["arguments"][key].value("type", ""), type, here, where);
      } else if (schema["blocks"].contains(key)) {
        const json& block = schema["blocks"][key];
        if (value.is_object()) {
          check_body(value, block, type, here, where);
        } else if (value.is_array()) {
          for (const auto& item : value) check_body(item, block, type, here, where);
        }
      } else {  // the candidates for "did you mean" are listed only when needed
        std::vector<std::string> names = keys_of(schema["arguments"]);
        for (const auto& b : keys_of(schema["blocks"])) names.push_back(b);
        add(where, "schema/unknown-argument", fmt::format("'{}' is not an argument or block of {}{}", here, type, did_you_mean(key, names)));
      }
    }
    for (const auto& [name, argument] : schema["arguments"].items())
      if (argument.value("required", false) && !body.contains(name))
        add(where, "schema/missing-argument", fmt::format("{} requires '{}'", type, at.empty() ? name : at + "." + name));
    for (const auto& [name, block] : schema["blocks"].items())
      if (block.value("required", false) && !body.contains(name))
        add(where, "schema/missing-argument", fmt::format("{} requires the block '{}'", type, at.empty() ? name : at + "." + name));
  }

  void check_literal_type(const json& value, const std::string& expected, const std::string& type, const std::string& at, const Where& where) {
    if (value.is_null() || expected.empty()) return;
    if (value.is_string() && value.get_ref<const std::string&>().find("${") != std::string::npos) return;  // an expression
    bool ok = true;
    if (expected == "string") {
      ok = value.is_primitive();
    } else if (expected == "number") {
      ok = value.is_number() || (value.is_string() && std::regex_match(value.get<std::string>(), std::regex(R"(-?[0-9]+(\.[0-9]+)?)")));
    } else if (expected == "bool") {
      ok = value.is_boolean() || value == "true" || value == "false";
    } else if (expected.rfind("list(", 0) == 0 || expected.rfind("set(", 0) == 0) {
      ok = value.is_array();
    } else if (expected.rfind("map(", 0) == 0 || expected.rfind("object(", 0) == 0) {
      ok = value.is_object();
    }
    if (!ok)
      add(where, "schema/wrong-type", fmt::format("{}.{}: expected {}, found {}", type, at, expected, value.dump().substr(0, 60)));
  }

  void check_module_call(const std::string& dir, const std::string& prefix, const std::string& name, const json& call,
                         const std::string& module_path) {
    Where where{path_of(call, module_path), prefix + "module." + name};
    std::string source = call.value("source", "");
    std::vector<std::string> variables;
    if (source.rfind("./", 0) == 0) {
      std::string child = dir + "/" + source.substr(2) + "/main.tf.json";
      if (const json* doc = document(child)) variables = keys_of((*doc)["variable"]);
      check_module(child, prefix + "module." + name + ".", where.path);
    } else if (const json* iface = schemas_.modules.find(source)) {
      variables = keys_of((*iface)["variables"]);
    } else {
      return;  // a module without interface data is not checked
    }
    for (const auto& [key, value] : call.items())
      if (!kModuleMeta.count(key) && std::find(variables.begin(), variables.end(), key) == variables.end())
        add(where, "schema/unknown-module-input",
            fmt::format("module '{}' ({}) has no input '{}'{}", name, source, key, did_you_mean(key, variables)));
  }

  // Every traversal in an interpolation must name something this module declares, and an
  // attribute the type (or module) exports.
  void check_references(const json& doc, const std::string& dir, const std::string& prefix, const std::string& module_path) {
    static const std::regex traversal(R"((data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?)");
    static const std::regex named(R"((var|local|module)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?)");
    auto visit = [&](const auto& self, const json& value, const Where& where) -> void {
      if (value.is_object()) {
        for (const auto& [k, v] : value.items()) self(self, v, k == "//" ? where : Where{path_of(v, where.path), where.address});
      } else if (value.is_array()) {
        for (const auto& v : value) self(self, v, where);
      } else if (value.is_string()) {
        for (const std::string& hcl : interpolations(value.get<std::string>())) {
          for (std::sregex_iterator it(hcl.begin(), hcl.end(), named), end; it != end; ++it)
            if (boundary_before(hcl, it->position())) check_named(doc, dir, (*it)[1], (*it)[2], (*it)[3], where);
          for (std::sregex_iterator it(hcl.begin(), hcl.end(), traversal), end; it != end; ++it)
            if (boundary_before(hcl, it->position())) check_traversal(doc, (*it)[1].matched, (*it)[2], (*it)[3], (*it)[4], where);
        }
      }
    };
    auto visit_root = [&](const json& body, const std::string& address) {
      visit(visit, body, Where{path_of(body, module_path), prefix + address});
    };
    for (const char* kind : {"resource", "data"})
      if (doc.contains(kind))
        for (const auto& [type, blocks] : doc[kind].items())
          for (const auto& [name, body] : blocks.items()) visit_root(body, (std::string(kind) == "data" ? "data." : "") + type + "." + name);
    const std::pair<const char*, const char*> named_sections[] = {{"module", "module."}, {"output", "output."}, {"locals", "local."}, {"provider", "provider."}};
    for (const auto& [section, label] : named_sections)
      if (doc.contains(section))
        for (const auto& [name, body] : doc[section].items()) visit_root(body, label + name);
  }

  static bool boundary_before(const std::string& s, long position) {
    if (position == 0) return true;
    char c = s[position - 1];
    return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '"');
  }

  void check_named(const json& doc, const std::string& dir, const std::string& kind, const std::string& name, const std::string& attr,
                   const Where& where) {
    const char* section = kind == "var" ? "variable" : kind == "local" ? "locals" : "module";
    if (!doc.contains(section) || !doc[section].contains(name)) {
      add(where, "schema/dangling-reference", fmt::format("references {}.{}, which this module does not declare", kind, name));
      return;
    }
    if (kind != "module" || attr.empty()) return;
    std::string source = doc["module"][name].value("source", "");
    std::vector<std::string> outputs;
    if (source.rfind("./", 0) == 0) {
      const json* child = document(dir + "/" + source.substr(2) + "/main.tf.json");
      if (child == nullptr) return;
      outputs = keys_of((*child)["output"]);
    } else if (const json* iface = schemas_.modules.find(source)) {
      outputs = (*iface)["outputs"].get<std::vector<std::string>>();
    } else {
      return;
    }
    if (std::find(outputs.begin(), outputs.end(), attr) == outputs.end())
      add(where, "schema/unknown-module-output",
          fmt::format("module '{}' ({}) has no output '{}'{}", name, source, attr, did_you_mean(attr, outputs)));
  }

  void check_traversal(const json& doc, bool data, const std::string& type, const std::string& name, const std::string& attr, const Where& where) {
    const ProviderSchema* provider = provider_for(type);
    if (provider == nullptr) return;
    const char* section = data ? "data" : "resource";
    std::string address = (data ? "data." : "") + type + "." + name;
    if (!doc.contains(section) || !doc[section].contains(type) || !doc[section][type].contains(name)) {
      add(where, "schema/dangling-reference", fmt::format("references {}, which this module does not declare", address));
      return;
    }
    const json* description = data ? provider->data_source(type) : provider->resource(type);
    if (description == nullptr || attr.empty()) return;
    std::vector<std::string> exported = (*description)["attributes"].get<std::vector<std::string>>();
    for (const auto& b : keys_of((*description)["blocks"])) exported.push_back(b);
    if (std::find(exported.begin(), exported.end(), attr) == exported.end())
      add(where, "schema/unknown-attribute", fmt::format("references {}.{}, but {} exports no attribute '{}'{}", address, attr, type, attr,
                                                          did_you_mean(attr, exported)));
  }

  const StackArtifact& stack_;
  const SchemaSet& schemas_;
  std::vector<Diagnostic> findings_;
};

}  // namespace

std::vector<Diagnostic> check_schema(const StackArtifact& stack, const SchemaSet& schemas) { return Checker(stack, schemas).run(); }

}  // namespace lcsynth
