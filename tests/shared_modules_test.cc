// Shared module sources: modules called from one module whose documents come out equal use the
// first one's directory; what differs, a different caller, other suppressions or local modules
// of their own keep a directory apart; findings are still reported for each call.

#include <catch2/catch.hpp>

#include <set>

#include "lcsynth/policy.h"
#include "lcsynth/schema_check.h"
#include "lcsynth/testing.h"
#include "support/fixtures.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
// A queue whose name comes in as an input: built alike wherever it is called, unless its
// visibility timeout (written as a literal) differs.
class Queue : public ModuleBoundary {
 public:
  Queue(Construct& scope, std::string id, Expr name, int visibility = 30) : ModuleBoundary(scope, std::move(id)) {
    Expr n = input("name", {.type = "string", .description = "Queue name"}, std::move(name));
    queue = &add<Resource>("queue", "aws_sqs_queue", Arguments{{"name", n}, {"visibility_timeout_seconds", visibility}});
    output("arn", queue->attr("arn"), "Queue ARN");
  }
  Resource* queue;
};

// A module calling a Queue of its own.
class Pair : public ModuleBoundary {
 public:
  Pair(Construct& scope, std::string id) : ModuleBoundary(scope, std::move(id)) { add<Queue>("inner", Expr("inner")); }
};

std::set<std::string> module_files(const Assembly& a) {
  std::set<std::string> out;
  for (const auto& [file, doc] : a.stacks.at(0).files)
    if (file != "stacks/s/cdk.tf.json") out.insert(file);
  return out;
}

const json& call(const Assembly& a, const std::string& name) { return a.stack_document("s").at("module").at(name); }

std::vector<std::string> lines(const std::vector<Diagnostic>& findings) {
  std::vector<std::string> out;
  for (const auto& d : findings) out.push_back(format_diagnostic(d));
  return out;
}
}  // namespace

TEST_CASE("modules called alike from one module share the first one's directory, each call with its own path and inputs", "[shared_modules]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Queue>("a", Expr("a-q"));
  stack.add<Group>("g").add<Queue>("b", Expr("b-q"));  // a group is no module: called from the stack too
  stack.add<Queue>("c", Expr("c-q"));
  Assembly shared = synthesize(app);
  CHECK(module_files(shared) == std::set<std::string>{"stacks/s/modules/a/main.tf.json"});
  CHECK(call(shared, "a") == json::parse(R"J({"//": {"metadata": {"path": "s/a"}}, "source": "./modules/a", "name": "a-q"})J"));
  CHECK(call(shared, "g_b") == json::parse(R"J({"//": {"metadata": {"path": "s/g/b"}}, "source": "./modules/a", "name": "b-q"})J"));
  CHECK(call(shared, "c")["source"] == "./modules/a");
  // The shared document records paths relative to the module, true for every call.
  CHECK(shared.stacks[0].files.at("stacks/s/modules/a/main.tf.json")["resource"]["aws_sqs_queue"]["queue"]["//"] ==
        json{{"metadata", {{"path", "queue"}}}});

  App apart_app;
  auto& apart_stack = apart_app.add<Stack>("s");
  apart_stack.add<Queue>("a", Expr("a-q"));
  apart_stack.add<Queue>("c", Expr("c-q"));
  Assembly apart = synthesize(apart_app, SynthOptions{.share_identical_modules = false});
  CHECK(module_files(apart) == std::set<std::string>{"stacks/s/modules/a/main.tf.json", "stacks/s/modules/c/main.tf.json"});
  CHECK(call(apart, "c")["source"] == "./modules/c");
  CHECK(apart.stacks[0].files.at("stacks/s/modules/a/main.tf.json") == apart.stacks[0].files.at("stacks/s/modules/c/main.tf.json"));
}

TEST_CASE("a module that differs, or that other suppressions apply to, keeps a directory of its own", "[shared_modules]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Queue>("a", Expr("a"));
  stack.add<Queue>("slow", Expr("slow"), 60);  // a literal differs
  auto& c = stack.add<Queue>("c", Expr("c"));
  suppress(*c.queue, "T-1", "accepted");
  auto& d = stack.add<Queue>("d", Expr("d"));
  suppress(*d.queue, "T-1", "accepted");  // the same suppression, at the same place in the module: as c
  auto& e = stack.add<Queue>("e", Expr("e"));
  suppress(*e.queue, "T-1", "for another reason");
  // Suppressed on the module, or on a construct above it: the whole module either way.
  auto& f = stack.add<Queue>("f", Expr("f"));
  suppress(f, "T-1", "whole");
  auto& h = stack.add<Group>("h");
  h.add<Queue>("g", Expr("g"));
  suppress(h, "T-1", "whole");
  Assembly out = synthesize(app);
  CHECK(module_files(out) == std::set<std::string>{"stacks/s/modules/a/main.tf.json", "stacks/s/modules/slow/main.tf.json",
                                                   "stacks/s/modules/c/main.tf.json", "stacks/s/modules/e/main.tf.json",
                                                   "stacks/s/modules/f/main.tf.json"});
  CHECK(call(out, "d")["source"] == "./modules/c");
  CHECK(call(out, "h_g")["source"] == "./modules/f");
}

TEST_CASE("a module shares with the first 256 distinct modules of its stack, on one thread or two", "[shared_modules]") {
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  App app;
  auto& stack = app.add<Stack>("s");
  for (int i = 0; i <= 256; ++i) stack.add<Queue>("q" + std::to_string(i), Expr("n"), i);  // 257 distinct
  stack.add<Queue>("first_again", Expr("n"), 0);
  stack.add<Queue>("last_again", Expr("n"), 256);
  Assembly out = synthesize(app, SynthOptions{.threads = threads});
  CHECK(call(out, "first_again")["source"] == "./modules/q0");
  CHECK(call(out, "q255")["source"] == "./modules/q255");
  CHECK(call(out, "last_again")["source"] == "./modules/last_again");  // q256 was not kept to compare with
  CHECK(module_files(out).size() == 258);
}

TEST_CASE("modules that call local modules are not shared, nor are modules called from different modules", "[shared_modules]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Pair>("a");
  stack.add<Pair>("b");
  CHECK(module_files(synthesize(app)) == std::set<std::string>{"stacks/s/modules/a/main.tf.json", "stacks/s/modules/a/modules/inner/main.tf.json",
                                                               "stacks/s/modules/b/main.tf.json", "stacks/s/modules/b/modules/inner/main.tf.json"});
}

TEST_CASE("the findings in a shared module are reported for each call, at its own path and address", "[shared_modules]") {
  PolicyPack pack;
  pack.add(PolicyRule{.id = "T-1", .severity = Severity::kWarning, .title = "no queues", .fix = "remove it", .applies_to = {"aws_sqs_queue"},
                      .check = [](const BlockView&, std::vector<std::string>& v) { v.push_back("a queue"); }});
  SchemaSet schemas;
  schemas.providers.emplace_back(json::parse(R"J({"provider": {"source": "hashicorp/aws", "version": "6.0.0"},
      "all_resource_types": ["aws_sqs_queue"], "all_data_source_types": [],
      "resources": {"aws_sqs_queue": {"arguments": {"name": {"type": "string", "required": false}}, "blocks": {}, "attributes": ["arn"]}},
      "data_sources": {}})J"));
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Queue>("a", Expr("a"));
  stack.add<Group>("g").add<Queue>("b", Expr("b"));
  std::vector<std::string> found;
  try {
    synthesize(app, SynthOptions{.schemas = &schemas, .policies = &pack, .threads = threads});
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    found = lines(e.findings());
  }
  REQUIRE(found.size() == 4);
  CHECK(found[0].find("s/a/queue") != std::string::npos);
  CHECK(found[0].find("module.a.aws_sqs_queue.queue") != std::string::npos);
  CHECK(found[0].find("visibility_timeout_seconds") != std::string::npos);
  CHECK(found[1].find("s/g/b/queue") != std::string::npos);
  CHECK(found[1].find("module.g_b.aws_sqs_queue.queue") != std::string::npos);
  CHECK(found[1].find("visibility_timeout_seconds") != std::string::npos);
  CHECK(found[2].find("T-1") != std::string::npos);
  CHECK(found[2].find("s/a/queue") != std::string::npos);
  CHECK(found[3].find("T-1") != std::string::npos);
  CHECK(found[3].find("module.g_b.aws_sqs_queue.queue") != std::string::npos);
  // Shared or not, the same findings.
  App apart;
  auto& apart_stack = apart.add<Stack>("s");
  apart_stack.add<Queue>("a", Expr("a"));
  apart_stack.add<Group>("g").add<Queue>("b", Expr("b"));
  try {
    synthesize(apart, SynthOptions{.schemas = &schemas, .policies = &pack, .threads = threads, .share_identical_modules = false});
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    CHECK(lines(e.findings()) == found);
  }
}

TEST_CASE("a suppression in a shared module is reported suppressed for each call", "[shared_modules]") {
  PolicyPack pack;
  pack.add(PolicyRule{.id = "T-1", .severity = Severity::kError, .title = "no queues", .fix = "remove it", .applies_to = {"aws_sqs_queue"},
                      .check = [](const BlockView&, std::vector<std::string>& v) { v.push_back("a queue"); }});
  App app;
  auto& stack = app.add<Stack>("s");
  for (const char* id : {"a", "b"}) suppress(*stack.add<Queue>(id, Expr(id)).queue, "T-1", "accepted");
  Assembly out = synthesize(app, SynthOptions{.policies = &pack});
  CHECK(module_files(out) == std::set<std::string>{"stacks/s/modules/a/main.tf.json"});
  REQUIRE(out.warnings.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(out.warnings[i].severity == Severity::kInfo);
    CHECK(out.warnings[i].fix == "suppressed: accepted");
  }
  CHECK(out.warnings[0].path == "s/a/queue");
  CHECK(out.warnings[1].path == "s/b/queue");
  CHECK(out.warnings[1].address == "module.b.aws_sqs_queue.queue");
}

TEST_CASE("the testing Synth and the checks of a written output read a shared module once per call", "[shared_modules]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Queue>("a", Expr("a"));
  stack.add<Queue>("b", Expr("b"));
  auto s = testing::synth(app, "s");
  REQUIRE(s.synthesized());
  const testing::Block& b = s.find("module.b.aws_sqs_queue.queue");
  CHECK(b.path == "s/b/queue");
  CHECK(b.file == "stacks/s/modules/a/main.tf.json");
  CHECK(b.construct == &stack.find("b/queue"));
  CHECK(s.find("s/a/queue").address == "module.a.aws_sqs_queue.queue");

  SchemaSet schemas;
  schemas.providers.emplace_back(json::parse(R"J({"provider": {"source": "hashicorp/aws", "version": "6.0.0"},
      "all_resource_types": ["aws_sqs_queue"], "all_data_source_types": [],
      "resources": {"aws_sqs_queue": {"arguments": {"name": {"type": "string", "required": false}}, "blocks": {}, "attributes": ["arn"]}},
      "data_sources": {}})J"));
  Assembly out = synthesize(app);
  std::vector<std::string> found = lines(check_schema(out.stacks.at(0), schemas));
  REQUIRE(found.size() == 2);
  CHECK(found[0].find("s/a/queue") != std::string::npos);
  CHECK(found[1].find("s/b/queue") != std::string::npos);
  CHECK(found[1].find("module.b.aws_sqs_queue.queue") != std::string::npos);
}
