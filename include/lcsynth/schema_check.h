#pragma once
// Schema validation of synthesized output, offline: what `terraform validate` and the registry
// would reject, found at synth time with the construct path and the Terraform address.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lcsynth/diagnostic.h"
#include "lcsynth/schema.h"
#include "lcsynth/synthesizer.h"

namespace lcsynth {

class Stack;

/// Checks every document of one synthesized stack against `schemas`:
///   schema/unknown-type          a resource or data source type the provider does not have
///   schema/unknown-argument      an argument or block the type does not have ("did you mean")
///   schema/missing-argument      a required argument or block left out
///   schema/wrong-type            a literal of the wrong type (expressions are not judged)
///   schema/unknown-attribute     a reference to an attribute the type does not export
///   schema/dangling-reference    a reference to something not declared in that module
///   schema/unknown-module-input  a module argument the module (version) has no variable for
///   schema/unknown-module-output a reference to an output the module (version) does not have
/// Types of providers without a schema are not checked.
std::vector<Diagnostic> check_schema(const StackArtifact& stack, const SchemaSet& schemas);

/// The references the elements of `stack` make (Expr::ref), checked at the element that makes
/// each, before anything is rendered: schema/unknown-attribute for an attribute a resource or
/// data source type does not export, schema/unknown-module-output for an output a registry
/// module (version) does not have; the path and address are the referring element's. What else
/// a reference names (the element itself, the variables and outputs that carry it across
/// modules, another stack's remote state) is declared by rendering, where the reference is
/// written, so synthesis checks its references here, once each, instead of reading them back
/// from every "${...}" of the documents (SchemaChecker::References::kTyped).
std::vector<Diagnostic> check_typed_references(const Stack& stack, const SchemaSet& schemas);

/// The same checks, one document at a time, as synthesis renders them (see synthesize() with a
/// DocumentSink): a local module must be checked before the module that calls it, since the
/// caller's module arguments and references are checked against the variables and outputs of
/// the modules checked so far. One checker per stack.
class SchemaChecker {
 public:
  /// Where check() finds references.
  enum class References {
    kInText,  ///< every traversal in a "${...}" of the documents
    kTyped,   ///< none: they were checked where they are written (check_typed_references)
  };
  explicit SchemaChecker(const SchemaSet& schemas, References references = References::kInText);
  ~SchemaChecker();
  /// `file` is the document's path in the output ("stacks/s/modules/x/main.tf.json"), `prefix`
  /// its module's address prefix ("module.x."), `module_path` the module's construct path.
  std::vector<Diagnostic> check(const std::string& file, const nlohmann::json& doc, const std::string& prefix, std::string_view module_path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lcsynth
