// The synthesis driver: a short list of passes over the construct tree, each with one job.

#include "lcsynth/synthesizer.h"

#include <algorithm>
#include <atomic>
#include <list>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/keep_until_exit.h"
#include "lcsynth/policy.h"
#include "lcsynth/resource.h"
#include "lcsynth/schema_check.h"
#include "lcsynth/stack.h"
#include "lcsynth/version.h"
#include "background_queue.h"
#include "cross_stack.h"
#include "release_document.h"
#include "stack_renderer.h"
#include "stack_validator.h"

namespace lcsynth {

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
// A stack's directory in the output, cdktf's layout.
std::string stack_directory(const Stack& s) { return "stacks/" + s.id(); }

std::vector<Stack*> select_stacks(const App& app, const SynthOptions& options) {
  if (options.stacks.empty()) return app.stacks();
  std::vector<Stack*> out;
  for (const Stack* s : app.stacks())  // tree order, whatever order the names came in
    if (std::find(options.stacks.begin(), options.stacks.end(), s->id()) != options.stacks.end()) out.push_back(const_cast<Stack*>(s));
  for (const auto& name : options.stacks) app.find_stack(name);  // throws with "did you mean" for unknown names
  return out;
}

// Counts the elements under `c` into `elements`, and stops once there are `enough` (a walk of
// the whole tree was 5-7 ms of a 1,000-copy synthesis on the main thread).
bool count_elements(const Construct& c, size_t& elements, size_t enough) {
  elements += c.as_element() != nullptr;
  if (elements >= enough) return true;
  for (const auto& child : c.children())
    if (count_elements(*child, elements, enough)) return true;
  return false;
}

// Whether checking and writing get threads of their own (SynthOptions::threads).
bool separate_threads(const SynthOptions& options, const std::vector<Stack*>& stacks) {
  if (options.threads != SynthOptions::Threads::kAuto) return options.threads == SynthOptions::Threads::kSeparate;
  size_t elements = 0;
  for (const Stack* s : stacks)
    if (count_elements(*s, elements, SynthOptions::kThreadedFromElements)) return true;
  return false;
}

// Parses the schema of every resource and data source type the stacks use, so that checking
// finds it ready (schema lookups are thread-safe and parse once).
void preload_schemas(const SchemaSet& schemas, const std::vector<Stack*>& stacks) {
  std::set<std::pair<bool, std::string>> seen;  // (data source?, type)
  for (const Stack* s : stacks)
    s->walk([&](const Construct& c) {
      const TerraformElement* e = c.as_element();
      if (e == nullptr || (e->kind() != TerraformElement::Kind::kResource && e->kind() != TerraformElement::Kind::kDataSource)) return;
      const auto* block = static_cast<const TypedBlock*>(e);
      bool data = e->kind() == TerraformElement::Kind::kDataSource;
      if (!seen.emplace(data, block->type()).second) return;
      for (const ProviderSchema& p : schemas.providers) {
        if (block->type().rfind(p.prefix(), 0) != 0) continue;
        if (data)
          p.data_source(block->type());
        else
          p.resource(block->type());
      }
    });
}

// A module whose document was equal to the one at `same_as` (its file), and was not kept.
struct Repeated {
  std::string same_as, prefix, module_path;
};

// One stack's checks: its documents checked one at a time, on the checking thread.
struct StackCheck {
  std::string working_directory;
  const std::vector<Suppression>* suppressions = nullptr;
  std::optional<SchemaChecker> schema;
  std::vector<Diagnostic> schema_findings, policy_findings;

  void run(const std::string& file, const detail::RenderedDocument& r, const PolicyPack* policies) {
    Found& found = found_[file];
    found = {r.prefix, r.module_path, schema_findings.size(), 0, policy_findings.size(), 0};
    if (schema) {
      auto f = schema->check(file, r.doc, r.prefix, r.module_path);
      schema_findings.insert(schema_findings.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
    }
    if (policies != nullptr) {
      auto f = policies->run_document(r.doc, r.prefix, r.module_path, *suppressions);
      policy_findings.insert(policy_findings.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
    }
    found.schema_end = schema_findings.size();
    found.policy_end = policy_findings.size();
  }

  // A module whose document equals the one checked as `same_as`: that document's findings again,
  // at this module's construct path and addresses, as checking its own would have made them
  // (the same suppressions apply to both: shared_modules.h).
  void repeat(const Repeated& r) {
    const Found& found = found_.at(r.same_as);
    auto again = [&](std::vector<Diagnostic>& findings, size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        Diagnostic d = findings[i];
        if (d.path.starts_with(found.module_path)) d.path.replace(0, found.module_path.size(), r.module_path);
        if (d.address.starts_with(found.prefix)) d.address.replace(0, found.prefix.size(), r.prefix);
        findings.push_back(std::move(d));
      }
    };
    again(schema_findings, found.schema_begin, found.schema_end);
    again(policy_findings, found.policy_begin, found.policy_end);
  }

 private:
  struct Found {  // what checking a document found: its findings' ranges
    std::string prefix, module_path;
    size_t schema_begin, schema_end, policy_begin, policy_end;
  };
  std::unordered_map<std::string, Found> found_;  // by file
};

// A rendered document on its way: checked on one thread and handed to the sink on another at
// the same time (both only read it), freed by whichever finishes last, or kept whole for
// synthesize() without a sink. `leave_to_exit`, when given and set by the time the document
// is done with, leaves it unfreed to the process exit (SynthOptions::leave_last_documents_to_exit).
struct InFlight {
  InFlight(std::string f, detail::RenderedDocument r, const std::atomic<bool>* leave)
      : file(std::move(f)), rendered(std::move(r)), leave_to_exit(leave) {}
  InFlight(const InFlight&) = delete;  // made in place, never copied
  InFlight& operator=(const InFlight&) = delete;
  ~InFlight() {
    if (leave_to_exit != nullptr && leave_to_exit->load(std::memory_order_relaxed))
      keep_until_exit(std::make_unique<nlohmann::json>(std::move(rendered.doc)));  // moves the root value only
    else
      detail::release_document(rendered.doc);
  }

  std::string file;  // relative to the output directory
  detail::RenderedDocument rendered;
  const std::atomic<bool>* leave_to_exit;
};

// For synthesize() without a sink, which keeps the documents themselves.
class NoSink : public DocumentSink {
 public:
  void add(const std::string& /*path*/, const nlohmann::json& /*document*/) override {}
};

using KeptDocuments = std::vector<std::shared_ptr<InFlight>>;

// The passes. Each document is handed to `sink`, or, when `kept` is given, kept there whole
// (the writing thread appends, the caller reads after the synthesis).
Assembly run_passes(App& app, const SynthOptions& options, DocumentSink& sink, KeptDocuments* kept);
}  // namespace

Assembly synthesize(App& app, const SynthOptions& options) {
  NoSink none;
  KeptDocuments kept;
  Assembly assembly = run_passes(app, options, none, &kept);
  for (const auto& doc : kept)  // no other holder is left: the document moves out
    for (auto& stack : assembly.stacks)
      if (doc->file.compare(0, stack.working_directory.size() + 1, stack.working_directory + "/") == 0)
        stack.files[doc->file] = std::move(doc->rendered.doc);
  return assembly;
}

Assembly synthesize(App& app, const SynthOptions& options, DocumentSink& sink) { return run_passes(app, options, sink, nullptr); }

namespace {
Assembly run_passes(App& app, const SynthOptions& options, DocumentSink& sink, KeptDocuments* kept) {
  // Select: the stacks asked for, in tree order.
  std::vector<Stack*> stacks = select_stacks(app, options);
  // Lock: from here on the tree is read-only, so what is validated is what is rendered (and a
  // second thread may read it).
  app.lock();
  auto runs = separate_threads(options, stacks) ? detail::BackgroundQueue::Runs::kOnItsThread : detail::BackgroundQueue::Runs::kOnPostingThread;
  // Whether, with leave_last_documents_to_exit, the documents done with from now on are left to
  // the process exit: once the last document is rendered (those still in flight), or from the
  // start for a small app, which runs on the caller's thread, each document done with before the
  // next is rendered (fewer than kThreadedFromElements elements' documents; freeing LibreChat's
  // was 0.18 M of the lcsynth command's 3.94 M instructions). Outlives the queues, whose tasks
  // read it.
  std::atomic<bool> leaving = options.threads == SynthOptions::Threads::kAuto && runs == detail::BackgroundQueue::Runs::kOnPostingThread;
  const std::atomic<bool>* leave = options.leave_last_documents_to_exit ? &leaving : nullptr;
  // Checking runs on a second thread, in the order documents are rendered (so a module is
  // checked before its caller), while the main thread goes on rendering; handing each document
  // to the sink (serializing and writing it) on a third, in the same order, at the same time
  // as its check. The modules that call none of their own are rendered on a fourth and the
  // main thread together (RenderOptions::two_threads), and handed on from the main thread.
  // While validation runs, the other two threads search for dependency cycles and link the
  // stacks. For a small app all of it runs in turn on the caller's thread, in the same order
  // (SynthOptions::threads).
  std::list<StackCheck> checks;  // these four outlive the queues: their tasks write here
  std::vector<std::vector<Diagnostic>> cycles(stacks.size()), typed(stacks.size());
  std::optional<detail::CrossStackLinks> linked;
  detail::BackgroundQueue writing(runs);
  detail::BackgroundQueue background(runs);
  // Validate: collect every finding of every stack, so a user sees all mistakes at once.
  // Meanwhile, each stack's dependency cycles are searched for on the writing thread (it has
  // nothing to write yet), and the references between stacks are linked on the checking thread,
  // over the whole app, so that a producer exports the same outputs whichever stacks are
  // selected.
  writing.post([&] {
    for (size_t i = 0; i < stacks.size(); ++i) cycles[i] = detail::find_dependency_cycles(*stacks[i]);
  });
  background.post([&] { linked.emplace(app); });
  std::vector<std::vector<Diagnostic>> checked_here(stacks.size());
  for (size_t i = 0; i < stacks.size(); ++i) checked_here[i] = detail::validate_stack(*stacks[i]);
  writing.wait();
  background.wait();
  std::vector<Diagnostic> findings;  // per stack, as one pass would list them: its checks, then a cycle
  for (size_t i = 0; i < stacks.size(); ++i)
    for (auto* f : {&checked_here[i], &cycles[i]}) findings.insert(findings.end(), f->begin(), f->end());
  const detail::CrossStackLinks& links = *linked;
  // A cycle between stacks cannot be deployed.
  if (std::string cycle = links.find_cycle(); !cycle.empty())
    findings.push_back({Severity::kError, "core/stack-cycle", stacks.empty() ? app.path() : stacks.front()->path(), "",
                        "stacks depend on each other in a cycle: " + cycle,
                        "move the shared resources into a stack of their own that both depend on"});
  // Stop: nothing is rendered (or written) when there is an error.
  bool failed = std::any_of(findings.begin(), findings.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (failed) throw SynthesisError(std::move(findings));
  // The checking thread's next jobs: reading the schemas of the types the stacks use, before the
  // first document comes to be checked, and checking the stacks' references where they are
  // written (the documents are then checked without reading them back from the text).
  if (options.schemas != nullptr)
    background.post([&] {
      preload_schemas(*options.schemas, stacks);
      for (size_t i = 0; i < stacks.size(); ++i) typed[i] = check_typed_references(*stacks[i], *options.schemas);
    });
  // The sink learns which stacks follow while it has no document yet (StagedOutput makes
  // their directories then, off the main thread's path).
  writing.post([&] {
    std::vector<std::string> paths;
    for (const Stack* s : stacks) paths.push_back(stack_directory(*s) + "/cdk.tf.json");
    sink.expect(paths);
  });
  // Render and check, one module document at a time: references resolved per module, then what
  // Terraform and the registry would reject (offline schemas) and what the policies forbid.
  // Every finding is collected, and none stops the documents after it from being checked.
  Assembly assembly;
  assembly.warnings = std::move(findings);
  assembly.manifest = {{"version", kVersion}, {"stacks", nlohmann::json::object()}};
  for (const Stack* s : stacks) {
    StackArtifact artifact{s->id(), s->path(), stack_directory(*s), {}, {}};
    for (const Stack* d : links.dependencies_of(*s)) artifact.dependencies.push_back(d->id());
    StackCheck& check = checks.emplace_back();
    check.working_directory = artifact.working_directory;
    check.suppressions = &s->suppressions();
    if (options.schemas != nullptr) check.schema.emplace(*options.schemas, SchemaChecker::References::kTyped);
    // Documents equal to one before them: only their findings again, on the checking thread,
    // handed over together before the next document to check (and at the end), so that a run
    // of them wakes that thread once (1,000 copies of LibreChat make 3,996; one task each cost
    // 30 ms at N = 1000). The documents themselves are freed here at once, where the next ones
    // are made from the memory they free (held with their tasks, the peak went from 103 to
    // 191 MiB).
    std::vector<Repeated> same;
    auto hand_over_same = [&] {
      if (same.empty()) return;
      background.post([&check, same = std::move(same)] {
        for (const Repeated& r : same) check.repeat(r);
      });
      same.clear();
    };
    detail::RenderOptions rendering{.share_modules = options.share_identical_modules, .two_threads = runs == detail::BackgroundQueue::Runs::kOnItsThread};
    detail::render_stack(*s, links, rendering, [&](detail::RenderedDocument&& rendered) -> std::shared_ptr<const nlohmann::json> {
      if (!rendered.same_as.empty()) {
        same.push_back({check.working_directory + "/" + rendered.same_as, std::move(rendered.prefix), std::move(rendered.module_path)});
        detail::release_document(rendered.doc);  // when still there (stack_renderer.cc)
        return nullptr;
      }
      std::string file = check.working_directory + "/" + rendered.path;
      auto doc = std::make_shared<InFlight>(std::move(file), std::move(rendered), leave);
      hand_over_same();
      std::shared_ptr<const nlohmann::json> held(doc, &doc->rendered.doc);  // keeps it whole for the renderer
      background.post([&check, &options, doc] { check.run(doc->file, doc->rendered, options.policies); });
      writing.post([&sink, kept, doc = std::move(doc)]() mutable {  // none left here to free it
        if (kept != nullptr)
          kept->push_back(std::move(doc));
        else
          sink.add(doc->file, doc->rendered.doc);
      });
      return held;
    });
    hand_over_same();
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
  leaving = true;  // the last document is rendered
  background.wait();  // every document checked
  writing.wait();     // and handed over; rethrows a sink's error
  std::vector<Diagnostic> checked;  // per stack: its references, its documents, its policies
  size_t i = 0;
  for (auto& c : checks) {
    for (auto* f : {&typed[i++], &c.schema_findings, &c.policy_findings})
      checked.insert(checked.end(), std::make_move_iterator(f->begin()), std::make_move_iterator(f->end()));
  }
  bool rejected = std::any_of(checked.begin(), checked.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (rejected) throw SynthesisError(std::move(checked));
  assembly.warnings.insert(assembly.warnings.end(), checked.begin(), checked.end());
  writing.post([&] { sink.add("manifest.json", assembly.manifest); });  // the sink is called from one thread only
  writing.wait();
  return assembly;
}
}  // namespace

}  // namespace lcsynth
