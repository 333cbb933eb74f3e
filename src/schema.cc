// Schema data: indexes the provider and module JSON for lookups by type and by source.

#include "lcsynth/schema.h"

#include <algorithm>

#include "lcsynth/errors.h"

namespace lcsynth {

ProviderSchema::ProviderSchema(nlohmann::json data) : data_(std::move(data)) {
  try {
    resource_types_ = data_.at("all_resource_types").get<std::vector<std::string>>();
    data_source_types_ = data_.at("all_data_source_types").get<std::vector<std::string>>();
    version_ = data_.at("provider").at("version").get<std::string>();
    std::string source = data_.at("provider").at("source").get<std::string>();
    prefix_ = source.substr(source.find('/') + 1) + "_";
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("malformed provider schema data: ") + e.what());
  }
}

bool ProviderSchema::has_resource_type(const std::string& type) const {
  return std::binary_search(resource_types_.begin(), resource_types_.end(), type);
}

bool ProviderSchema::has_data_source_type(const std::string& type) const {
  return std::binary_search(data_source_types_.begin(), data_source_types_.end(), type);
}

const nlohmann::json* ProviderSchema::resource(const std::string& type) const {
  auto it = data_["resources"].find(type);
  return it == data_["resources"].end() ? nullptr : &*it;
}

const nlohmann::json* ProviderSchema::data_source(const std::string& type) const {
  auto it = data_["data_sources"].find(type);
  return it == data_["data_sources"].end() ? nullptr : &*it;
}

void ModuleInterfaces::add(nlohmann::json module) {
  std::string source = module.at("source").get<std::string>();
  by_source_.insert_or_assign(std::move(source), std::move(module));
}

const nlohmann::json* ModuleInterfaces::find(const std::string& source) const {
  auto it = by_source_.find(source);
  return it == by_source_.end() ? nullptr : &it->second;
}

}  // namespace lcsynth
