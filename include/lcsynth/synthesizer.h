#pragma once
// Synthesis: the construct tree in, Terraform JSON documents out, all in memory. Writing them
// to disk is the writer's job (writer.h), so tests can assert on an Assembly directly.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/diagnostic.h"

namespace lcsynth {

class App;

/// One synthesized stack. File paths are relative to the output directory.
struct StackArtifact {
  std::string name;
  std::string construct_path;
  std::string working_directory;                 ///< "stacks/<name>"
  std::map<std::string, nlohmann::json> files;   ///< "stacks/<name>/cdk.tf.json", ".../modules/x/main.tf.json"
  std::vector<std::string> dependencies;         ///< names of stacks this one needs first
};

/// Everything a synthesis produces.
struct Assembly {
  nlohmann::json manifest;
  std::vector<StackArtifact> stacks;
  std::vector<Diagnostic> warnings;  ///< non-fatal findings

  /// Every output file, relative path -> exact bytes (including manifest.json).
  std::map<std::string, std::string> files() const;
  /// The stack's root document; throws Error when there is no such stack.
  const nlohmann::json& stack_document(const std::string& stack) const;
};

struct SchemaSet;
class PolicyPack;

struct SynthOptions {
  std::vector<std::string> stacks;    ///< names to synthesize; empty = all
  const SchemaSet* schemas = nullptr;  ///< when set, rendered output is checked against them
  const PolicyPack* policies = nullptr;  ///< when set, its rules run over the rendered output
  /// Where documents are checked and handed to the sink. The output is the same either way.
  enum class Threads {
    kAuto,      ///< kSeparate from kThreadedFromElements elements in the selected stacks on, else kCaller
    kCaller,    ///< everything on the caller's thread
    kSeparate,  ///< checking and handing over on two threads of their own, overlapping rendering, and the
                ///< modules that call none of their own rendered on a third along with the caller's
  };
  Threads threads = Threads::kAuto;
  /// Below this many elements (resources, data sources, module calls, providers, variables,
  /// outputs, locals, moved blocks) in the selected stacks, starting two threads and handing
  /// each document over costs more than the overlap saves (docs/benchmarks.md).
  static constexpr size_t kThreadedFromElements = 400;
  /// For a program that ends soon after synthesis (the lcsynth command, lcsynth-bench): the
  /// documents still being checked or handed over once the last one is rendered are left to the
  /// process exit (keep_until_exit.h) instead of being freed node by node while nothing else
  /// runs; below kThreadedFromElements with kAuto, where everything runs on the caller's thread,
  /// every document is. A program that goes on (a library's caller, a test) leaves it false, or
  /// those documents pile up.
  bool leave_last_documents_to_exit = false;
  /// Modules called from the same module whose documents come out equal (built alike, with
  /// what differs passed in as inputs) share one source directory: the later calls use the
  /// first one's "./modules/<name>", and their documents are not written. Their findings are
  /// still reported for each, at its own construct path and address. A module that calls local
  /// modules of its own is not shared, and a module equal to none of the first 256 distinct
  /// ones of its stack keeps a directory of its own (which bounds the documents kept to compare
  /// with). False gives every module a directory of its own.
  bool share_identical_modules = true;
};

/// Runs the synthesis passes. Locks the tree. Throws SynthesisError with every finding when
/// validation fails, and Error for an unknown stack name.
Assembly synthesize(App& app, const SynthOptions& options = {});

/// Receives the documents of a streaming synthesis, each once, as soon as it is final. add() is
/// called from one thread, one document at a time, in the order described below: a thread of
/// synthesis's own, or the caller's when everything runs there (SynthOptions::threads); an
/// exception from add() fails the synthesis with it. A document's checks may still be running
/// on another thread during its add() (they only read it too), so a finding can fail the
/// synthesis after the sink has seen the document: a sink must not publish what it receives
/// before synthesize() returns (StagedOutput publishes at commit()).
class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  /// `path` is relative to the output directory ("stacks/s/cdk.tf.json", "manifest.json");
  /// `document` is valid during the call only (synthesis frees it once checked and handed over).
  virtual void add(const std::string& path, const nlohmann::json& document) = 0;
  /// Before the first add(), from the same thread: the paths of the stacks' root documents
  /// (their cdk.tf.json) that will follow, if synthesis succeeds, so that a sink can prepare
  /// for them (StagedOutput makes their directories). Which modules get a document of their
  /// own is known only as they are rendered (SynthOptions::share_identical_modules). Does
  /// nothing unless overridden.
  virtual void expect(const std::vector<std::string>& /*paths*/) {}
};

/// synthesize(), streaming: each document is checked and handed to `sink` (at the same time, on
/// two threads of their own from kThreadedFromElements elements on) as soon as it is rendered
/// (a module before the module that calls it, each stack's cdk.tf.json after its
/// modules, manifest.json last), and is not kept, so memory holds the construct tree and the
/// documents of one path down the module tree instead of the whole output. The Assembly
/// returned has the manifest, the stacks' names, directories and dependencies and the warnings,
/// but no documents (StackArtifact::files is empty). Findings are still all collected before
/// the call fails: SynthesisError is thrown after every stack was rendered and checked, so the
/// sink has then seen documents of a failed synthesis; a StagedOutput (writer.h) discards them.
Assembly synthesize(App& app, const SynthOptions& options, DocumentSink& sink);

/// The one serialization of every output file: sorted keys, 2-space indent, trailing newline.
std::string serialize(const nlohmann::json& document);
/// The same text, handed to `write` in pieces of about 64 KiB or less, in order: a large
/// document's text is never whole in memory (the longest piece is one value three levels down,
/// such as one resource's body).
void serialize(const nlohmann::json& document, const std::function<void(std::string_view)>& write);

}  // namespace lcsynth
