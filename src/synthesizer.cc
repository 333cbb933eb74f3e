// The synthesis driver: a short list of passes over the construct tree, each with one job.

#include "lcsynth/synthesizer.h"

#include <algorithm>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/policy.h"
#include "lcsynth/schema_check.h"
#include "lcsynth/stack.h"
#include "lcsynth/version.h"
#include "cross_stack.h"
#include "stack_renderer.h"
#include "stack_validator.h"

namespace lcsynth {

std::string serialize(const nlohmann::json& document) { return document.dump(2) + "\n"; }

std::map<std::string, std::string> Assembly::files() const {
  std::map<std::string, std::string> out;
  out["manifest.json"] = serialize(manifest);
  for (const auto& s : stacks)
    for (const auto& [path, doc] : s.files) out[path] = serialize(doc);
  return out;
}

const nlohmann::json& Assembly::stack_document(const std::string& stack) const {
  for (const auto& s : stacks)
    if (s.name == stack) return s.files.at(s.working_directory + "/cdk.tf.json");
  std::vector<std::string> names;
  for (const auto& s : stacks) names.push_back(s.name);
  throw Error(msg::no_such_stack(stack, names));
}

namespace {
std::vector<Stack*> select_stacks(const App& app, const SynthOptions& options) {
  if (options.stacks.empty()) return app.stacks();
  std::vector<Stack*> out;
  for (const Stack* s : app.stacks())  // tree order, whatever order the names came in
    if (std::find(options.stacks.begin(), options.stacks.end(), s->id()) != options.stacks.end()) out.push_back(const_cast<Stack*>(s));
  for (const auto& name : options.stacks) app.find_stack(name);  // throws with "did you mean" for unknown names
  return out;
}
}  // namespace

Assembly synthesize(App& app, const SynthOptions& options) {
  // Select: the stacks asked for, in tree order.
  std::vector<Stack*> stacks = select_stacks(app, options);
  // Lock: from here on the tree is read-only, so what is validated is what is rendered.
  app.lock();
  // Validate: collect every finding of every stack, so a user sees all mistakes at once.
  std::vector<Diagnostic> findings;
  for (const Stack* s : stacks) {
    auto f = detail::validate_stack(*s);
    findings.insert(findings.end(), f.begin(), f.end());
  }
  // Link: references between stacks, over the whole app, so a producer exports the same
  // outputs whichever stacks are selected; a cycle between stacks cannot be deployed.
  detail::CrossStackLinks links(app);
  if (std::string cycle = links.find_cycle(); !cycle.empty())
    findings.push_back({Severity::kError, "core/stack-cycle", stacks.empty() ? app.path() : stacks.front()->path(), "",
                        "stacks depend on each other in a cycle: " + cycle,
                        "move the shared resources into a stack of their own that both depend on"});
  // Stop: nothing is rendered (or written) when there is an error.
  bool failed = std::any_of(findings.begin(), findings.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (failed) throw SynthesisError(std::move(findings));
  // Render, merge and resolve: one document per module, references resolved per module.
  Assembly assembly;
  assembly.warnings = std::move(findings);
  assembly.manifest = {{"version", kVersion}, {"stacks", nlohmann::json::object()}};
  for (const Stack* s : stacks) {
    StackArtifact artifact{s->id(), s->path(), "stacks/" + s->id(), {}, {}};
    for (const Stack* d : links.dependencies_of(*s)) artifact.dependencies.push_back(d->id());
    for (auto& [path, doc] : detail::render_stack(*s, links)) artifact.files[artifact.working_directory + "/" + path] = std::move(doc);
    // Manifest: cdktf's layout, so scripts written for cdktf.out keep working.
    assembly.manifest["stacks"][s->id()] = {
        {"name", s->id()},
        {"constructPath", s->path()},
        {"workingDirectory", artifact.working_directory},
        {"synthesizedStackPath", artifact.working_directory + "/cdk.tf.json"},
        {"annotations", nlohmann::json::array()},
        {"dependencies", artifact.dependencies},
    };
    assembly.stacks.push_back(std::move(artifact));
  }
  // Check: what Terraform and the registry would reject (offline schemas), and what the
  // policies forbid; every finding of both together, before anything is written.
  std::vector<Diagnostic> checked;
  for (const auto& s : assembly.stacks) {
    if (options.schemas != nullptr) {
      auto f = check_schema(s, *options.schemas);
      checked.insert(checked.end(), f.begin(), f.end());
    }
    if (options.policies != nullptr) {
      auto f = options.policies->run(s, app.find_stack(s.name).suppressions());
      checked.insert(checked.end(), f.begin(), f.end());
    }
  }
  bool rejected = std::any_of(checked.begin(), checked.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (rejected) throw SynthesisError(std::move(checked));
  assembly.warnings.insert(assembly.warnings.end(), checked.begin(), checked.end());
  return assembly;
}

}  // namespace lcsynth
