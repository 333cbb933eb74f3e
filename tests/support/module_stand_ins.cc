// Stand-in registry modules and the provider-5 lowering used by the Terraform-backed tests.

#include "support/module_stand_ins.h"

#include <iostream>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "support/scratch_dir.h"

namespace lcsynth::test {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
std::vector<json> interface_data() {
  std::vector<json> out;
  for (const auto& e : fs::directory_iterator(fs::path(LCSYNTH_SOURCE_DIR) / "src" / "schema" / "registry_modules"))
    if (e.path().extension() == ".json") out.push_back(json::parse(read_text(e.path())));
  return out;
}

const json& find_interface(const std::vector<json>& all, const std::string& source) {
  for (const auto& m : all)
    if (m["source"] == source) return m;
  throw std::runtime_error("no interface data for registry module " + source);
}

json stand_in(const json& iface) {
  json doc;
  doc["//"] = "Interface-only stand-in for " + iface["source"].get<std::string>() + " " + iface["version"].get<std::string>();
  for (const auto& [name, v] : iface["variables"].items()) {
    json var = {{"type", v["type"]}};
    if (v.contains("default")) var["default"] = v["default"];
    doc["variable"][name] = var;
  }
  // Outputs are placeholder strings, shaped enough to pass the provider's own checks in a
  // mocked plan (ARNs look like ARNs; CloudFront's hosted zone id is the real, public one).
  for (const auto& n : iface["outputs"]) {
    std::string name = n.get<std::string>();
    auto ends_with = [&](const std::string& suffix) {
      return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    std::string value = ends_with("_arn") ? "arn:aws:standin:eu-west-1:123456789012:" + name
                        : ends_with("hosted_zone_id") ? "Z2FDTNDATAQYW2"
                                                      : "standin";
    doc["output"][name] = {{"value", value}};
  }
  return doc;
}

void walk(const fs::path& root, const fs::path& dir, const std::string& key_prefix, const std::vector<json>& ifaces, json& manifest) {
  fs::path file = dir / (dir == root ? "cdk.tf.json" : "main.tf.json");
  json doc = json::parse(read_text(file));
  if (!doc.contains("module")) return;
  for (const auto& [name, call] : doc["module"].items()) {
    std::string key = key_prefix.empty() ? name : key_prefix + "." + name;
    std::string source = call["source"];
    if (source.rfind("./", 0) == 0) {
      fs::path sub = dir / source.substr(2);
      manifest.push_back({{"Key", key}, {"Source", source}, {"Dir", sub.lexically_relative(root).string()}});
      walk(root, sub, key, ifaces, manifest);
    } else {
      const json& iface = find_interface(ifaces, source);
      fs::path target = root / ".terraform" / "modules" / key;
      write_text(target / "main.tf.json", stand_in(iface).dump(2));
      manifest.push_back({{"Key", key}, {"Source", "registry.terraform.io/" + source}, {"Version", iface["version"]},
                          {"Dir", (fs::path(".terraform") / "modules" / key).string()}});
    }
  }
}
}  // namespace

void install_registry_stand_ins(const fs::path& stack_dir) {
  json manifest = json::array({{{"Key", ""}, {"Source", ""}, {"Dir", "."}}});
  walk(stack_dir, stack_dir, "", interface_data(), manifest);
  write_text(stack_dir / ".terraform" / "modules" / "modules.json", json{{"Modules", manifest}}.dump());
}

std::vector<std::string> lower_for_provider_5(const fs::path& stack_dir) {
  std::vector<std::string> changes;
  for (const auto& e : fs::recursive_directory_iterator(stack_dir)) {
    if (e.path().string().find("/.terraform/") != std::string::npos) continue;
    std::string name = e.path().filename().string();
    if (name != "cdk.tf.json" && name != "main.tf.json") continue;
    json doc = json::parse(read_text(e.path()));
    std::string rel = e.path().lexically_relative(stack_dir).string();
    bool changed = false;
    auto& aws = doc["terraform"]["required_providers"]["aws"];
    if (aws.contains("version")) {
      changes.push_back(rel + ": terraform.required_providers.aws.version " + aws["version"].dump() + " -> \">= 5.100, < 7.0\"");
      aws["version"] = ">= 5.100, < 7.0";
      changed = true;
    }
    if (doc.contains("resource") && doc["resource"].contains("aws_api_gateway_integration")) {
      for (auto& [id, body] : doc["resource"]["aws_api_gateway_integration"].items()) {
        if (body.contains("response_transfer_mode")) {
          changes.push_back(rel + ": aws_api_gateway_integration." + id + ".response_transfer_mode " + body["response_transfer_mode"].dump() + " removed");
          body.erase("response_transfer_mode");
          changed = true;
        }
        if (body.contains("timeout_milliseconds") && body["timeout_milliseconds"].get<int>() > 29000) {
          changes.push_back(rel + ": aws_api_gateway_integration." + id + ".timeout_milliseconds " + body["timeout_milliseconds"].dump() + " -> 29000");
          body["timeout_milliseconds"] = 29000;
          changed = true;
        }
      }
    }
    if (doc["terraform"]["required_providers"]["aws"].is_null()) doc["terraform"]["required_providers"].erase("aws");
    if (doc["terraform"]["required_providers"].empty()) doc["terraform"].erase("required_providers");
    if (doc["terraform"].empty()) doc.erase("terraform");
    if (changed) write_text(e.path(), doc.dump(2));
  }
  return changes;
}

ProcessResult init_offline(const TerraformTools& tools, const std::filesystem::path& stack_dir) {
  install_registry_stand_ins(stack_dir);
  for (const auto& line : lower_for_provider_5(stack_dir)) std::cout << "lowered for hashicorp/aws 5.100.0: " << line << "\n";
  return run_terraform(tools, stack_dir, "init -get=false -backend=false -input=false -plugin-dir=" + shell_quote(tools.plugin_dir.string()));
}

}  // namespace lcsynth::test
