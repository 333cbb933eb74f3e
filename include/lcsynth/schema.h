#pragma once
// Offline schemas: a provider's resource and data source types (arguments with types and
// required flags, nested blocks, exported attributes) and registry modules' interfaces
// (variables and outputs at a version). Loaded from the JSON data under src/schema/; the
// checks that use them are in schema_check.h.

#include <atomic>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lcsynth {

/// One argument of a block: its Terraform type ("string", "list(string)", ...) and whether a
/// configuration must set it.
struct ArgumentSchema {
  std::string_view name;
  std::string_view type;
  bool required = false;
};

/// A block's schema: a resource or data source type's top level (its description), or one of
/// its nested blocks. Views of data that outlive it: the tables compiled into lcsynth
/// (cmake/embed_schemas.cmake) or what a ProviderSchema read from JSON keeps. Each list is
/// sorted by name.
struct BlockSchema {
  std::string_view name;     ///< "" at a type's top level
  std::string_view nesting;  ///< "single" or "list" for a nested block, "" at the top level
  bool required = false;     ///< a nested block that must appear
  std::span<const ArgumentSchema> arguments;
  std::span<const BlockSchema> blocks;
  std::span<const std::string_view> attributes;  ///< what the block exports

  const ArgumentSchema* argument(std::string_view name) const;
  const BlockSchema* block(std::string_view name) const;
  bool has_attribute(std::string_view name) const;
};

/// The JSON form of the data files: {"arguments": {name: {"required", "type"}}, "attributes": [...],
/// "blocks": {name: {..., "nesting", "required"}}}.
void to_json(nlohmann::json& j, const BlockSchema& block);

/// One provider's schema, e.g. hashicorp/aws 6.25.0. Types listed without a description are
/// known to exist but are not checked argument by argument.
///
/// Reading is lazy: construction only indexes the data, and a type's description (or the list
/// of every type name) is parsed the first time it is asked for, so a synthesis pays for the
/// types its output uses. Lookups are safe from several threads; copies share what was parsed.
class ProviderSchema {
 public:
  /// From the data file's JSON (src/schema/aws-provider-*.json); throws Error when malformed.
  explicit ProviderSchema(nlohmann::json data);
  /// From the data file's text, which must outlive the schema and its copies (embedded data
  /// does). Throws Error when the text is not an object with "provider", "all_resource_types",
  /// "all_data_source_types", "resources" and "data_sources"; a part that is malformed inside
  /// throws Error when it is first read.
  static ProviderSchema from_text(std::string_view text);
  /// The data file's parts, already split: JSON texts, or descriptions as tables, that must
  /// outlive the schema and its copies. The build embeds the built-in schema this way
  /// (cmake/embed_schemas.cmake: descriptions as compiled tables), so that reading it parses
  /// no description at all.
  struct Described {
    std::string_view type;
    std::string_view json;             ///< the description's JSON text, parsed when first asked for
    const BlockSchema* table = nullptr;  ///< or the description itself (compiled in), when not null
  };
  struct Parts {
    std::string_view provider;  ///< {"source": "hashicorp/aws", "version": "6.25.0"}
    std::string_view all_resource_types, all_data_source_types;  ///< arrays of names
    std::vector<Described> resources, data_sources;
  };
  /// Throws Error when the provider part is malformed; the other parts throw when first read.
  static ProviderSchema from_parts(const Parts& parts);
  /// Parses every description given as JSON text now rather than on first use, e.g. on an idle
  /// thread while the app is built; with `stop`, only until it becomes true (checked before each
  /// type). Throws Error when one is malformed.
  void parse_all(const std::atomic<bool>* stop = nullptr) const;
  /// The type-name prefix this provider owns ("aws_").
  const std::string& prefix() const { return prefix_; }
  const std::string& version() const { return version_; }
  bool has_resource_type(const std::string& type) const;
  bool has_data_source_type(const std::string& type) const;
  const std::vector<std::string>& resource_types() const;
  const std::vector<std::string>& data_source_types() const;
  /// The full description of a type, or nullptr when it has none.
  const BlockSchema* resource(const std::string& type) const;
  const BlockSchema* data_source(const std::string& type) const;

  struct Index;  ///< the parts of the data, parsed on first use (schema.cc)

 private:
  explicit ProviderSchema(std::shared_ptr<Index> index);

  std::shared_ptr<Index> index_;
  std::string prefix_;
  std::string version_;
};

/// A registry module's interface at one version: the inputs a call may set and the outputs it
/// may read.
struct ModuleInterface {
  std::string source;   ///< "terraform-aws-modules/s3-bucket/aws"
  std::string version;  ///< "4.11.0"
  std::vector<std::string> variables, outputs;  ///< names, sorted
};

/// Interfaces of registry modules at the versions lcsynth's stacks pin.
class ModuleInterfaces {
 public:
  /// One data file's JSON (src/schema/registry_modules/*.json): "source", "version", "variables"
  /// (an object by name) and "outputs" (an array of names). Throws Error when malformed.
  void add(const nlohmann::json& module);
  /// An interface as the build embeds it (cmake/embed_schemas.cmake); its lists get sorted.
  void add(ModuleInterface module);
  /// The interface for a module source, or nullptr.
  const ModuleInterface* find(std::string_view source) const;

 private:
  std::map<std::string, ModuleInterface, std::less<>> by_source_;
};

/// Everything schema validation knows.
struct SchemaSet {
  std::vector<ProviderSchema> providers;
  ModuleInterfaces modules;
};

/// The schemas built into lcsynth: hashicorp/aws (from @cdktf/provider-aws 21.22.1, i.e.
/// 6.25.0) and the three terraform-aws-modules the LibreChat stack pins. Indexed once.
const SchemaSet& builtin_schemas();

}  // namespace lcsynth
