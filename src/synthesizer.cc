// The synthesis driver: a short list of passes over the construct tree, each with one job.

#include "lcsynth/synthesizer.h"

#include <algorithm>
#include <optional>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/policy.h"
#include "lcsynth/schema_check.h"
#include "lcsynth/stack.h"
#include "lcsynth/version.h"
#include "background_queue.h"
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

namespace {
// Keeps every document, for synthesize() without a sink.
class CollectingSink : public DocumentSink {
 public:
  void add(const std::string& path, nlohmann::json document) override {
    if (path != "manifest.json") documents_[path] = std::move(document);  // the Assembly has the manifest
  }
  // Moves the documents under `stack`'s directory into it.
  void adopt(StackArtifact& stack) {
    std::string prefix = stack.working_directory + "/";
    for (auto it = documents_.lower_bound(prefix); it != documents_.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
      stack.files[it->first] = std::move(it->second), it = documents_.erase(it);
  }

 private:
  std::map<std::string, nlohmann::json> documents_;
};
}  // namespace

Assembly synthesize(App& app, const SynthOptions& options) {
  CollectingSink sink;
  Assembly assembly = synthesize(app, options, sink);
  for (auto& s : assembly.stacks) sink.adopt(s);
  return assembly;
}

Assembly synthesize(App& app, const SynthOptions& options, DocumentSink& sink) {
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
  // Render and check, one module document at a time: references resolved per module, then what
  // Terraform and the registry would reject (offline schemas) and what the policies forbid.
  // Every finding is collected, and none stops the documents after it from being checked.
  Assembly assembly;
  assembly.warnings = std::move(findings);
  assembly.manifest = {{"version", kVersion}, {"stacks", nlohmann::json::object()}};
  std::vector<Diagnostic> checked;
  for (const Stack* s : stacks) {
    StackArtifact artifact{s->id(), s->path(), "stacks/" + s->id(), {}, {}};
    for (const Stack* d : links.dependencies_of(*s)) artifact.dependencies.push_back(d->id());
    std::optional<SchemaChecker> schema;
    if (options.schemas != nullptr) schema.emplace(*options.schemas);
    std::vector<Diagnostic> schema_findings, policy_findings;
    {
      // Checking and handing over run on a second thread while the next module renders; they
      // take the documents in rendering order, so a module is checked before its caller.
      detail::BackgroundQueue background;
      detail::render_stack(*s, links, [&](detail::RenderedDocument&& rendered) {
        background.post([&, r = std::move(rendered)]() mutable {
          std::string file = artifact.working_directory + "/" + r.path;
          if (schema) {
            auto f = schema->check(file, r.doc, r.prefix, r.module_path);
            schema_findings.insert(schema_findings.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
          }
          if (options.policies != nullptr) {
            auto f = options.policies->run_document(r.doc, r.prefix, r.module_path, s->suppressions());
            policy_findings.insert(policy_findings.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
          }
          sink.add(file, std::move(r.doc));
        });
      });
      background.wait();  // every document of the stack checked and handed over; rethrows a sink's error
    }
    for (auto* f : {&schema_findings, &policy_findings})
      checked.insert(checked.end(), std::make_move_iterator(f->begin()), std::make_move_iterator(f->end()));
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
  bool rejected = std::any_of(checked.begin(), checked.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (rejected) throw SynthesisError(std::move(checked));
  assembly.warnings.insert(assembly.warnings.end(), checked.begin(), checked.end());
  sink.add("manifest.json", assembly.manifest);
  return assembly;
}

}  // namespace lcsynth
