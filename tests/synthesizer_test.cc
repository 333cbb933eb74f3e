// The synthesis driver: manifest layout, terraform block and backends, stack selection,
// collected findings, and byte-for-byte determinism.

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "hello/hello_stack.h"
#include "lcsynth/policy.h"
#include "support/fixtures.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
// Keeps what a streaming synthesis hands over, and the order it came in.
struct RecordingSink : DocumentSink {
  std::vector<std::string> order;
  std::map<std::string, json> documents;
  std::vector<std::vector<std::string>> expected;  // each expect() call's paths
  size_t added_before_expect = 0;
  std::set<std::thread::id> threads;  // add() was called on
  void add(const std::string& path, const json& document) override {
    threads.insert(std::this_thread::get_id());
    order.push_back(path);
    documents[path] = document;
  }
  void expect(const std::vector<std::string>& paths) override {
    added_before_expect = order.size();
    expected.push_back(paths);
  }
};

// A module holding a queue named after a resource outside it (threaded down two levels).
class Leaf : public ModuleBoundary {
 public:
  Leaf(Construct& scope, std::string id, const TerraformElement& far) : ModuleBoundary(scope, std::move(id)) {
    auto& q = add<Resource>("q", "aws_sqs_queue", Arguments{{"name", Expr::format("n-{}", {far.attr("id")})}});
    output("arn", q.attr("arn"), "Queue ARN");
  }
};
class Middle : public ModuleBoundary {
 public:
  Middle(Construct& scope, std::string id, const TerraformElement& far) : ModuleBoundary(scope, std::move(id)) {
    output("leaf_arn", add<Leaf>("leaf", far).output_ref("arn"), "Leaf ARN");
  }
};

// s: a topic, modules a and b (each with a leaf), and a root output read from a's leaf.
void build_nested(App& app) {
  auto& stack = app.add<Stack>("s");
  auto& topic = stack.add<Resource>("topic", "aws_sns_topic");
  auto& a = stack.add<Middle>("a", topic);
  stack.add<Middle>("b", topic);
  stack.add<TerraformOutput>("arn", OutputProps{.value = a.output_ref("leaf_arn")});
}
}  // namespace

TEST_CASE("the manifest follows cdktf's layout", "[synthesizer]") {
  App app;
  app.add<Stack>("web");
  Assembly a = synthesize(app);
  CHECK(a.manifest == json::parse(R"J({"version": "0.1.0", "stacks": {"web": {"name": "web", "constructPath": "web",
      "workingDirectory": "stacks/web", "synthesizedStackPath": "stacks/web/cdk.tf.json", "annotations": [], "dependencies": []}}})J"));
  auto files = a.files();
  CHECK(files.count("manifest.json") == 1);
  CHECK(files.count("stacks/web/cdk.tf.json") == 1);
}

TEST_CASE("the default backend keeps state beside the output directory, by a relative path", "[synthesizer]") {
  App app;
  app.add<Stack>("web");
  json tf = synthesize(app).stack_document("web")["terraform"];
  CHECK(tf["backend"] == json{{"local", {{"path", "../../../terraform.web.tfstate"}}}});
}

TEST_CASE("an S3 backend uses S3-native locking", "[synthesizer]") {
  App app;
  app.add<Stack>("web", StackProps{.backend = S3Backend{.bucket = "tf-state", .key = "web/terraform.tfstate", .region = "eu-west-1",
                                                        .kms_key_id = "alias/tf"}});
  json tf = synthesize(app).stack_document("web")["terraform"];
  CHECK(tf["backend"] == json::parse(R"J({"s3": {"bucket": "tf-state", "key": "web/terraform.tfstate", "region": "eu-west-1",
                                                 "use_lockfile": true, "encrypt": true, "kms_key_id": "alias/tf"}})J"));
}

TEST_CASE("stack metadata sits in the top-level comment key", "[synthesizer]") {
  App app;
  app.add<Stack>("web");
  CHECK(synthesize(app).stack_document("web")["//"] == json::parse(R"J({"metadata": {"backend": "local", "stackName": "web"}})J"));
}

TEST_CASE("only the selected stacks are synthesized, and unknown names are suggested", "[synthesizer]") {
  App app;
  app.add<Stack>("web");
  app.add<Stack>("data");
  Assembly a = synthesize(app, SynthOptions{{"data"}});
  REQUIRE(a.stacks.size() == 1);
  CHECK(a.stacks[0].name == "data");
  App app2;
  app2.add<Stack>("web");
  try {
    synthesize(app2, SynthOptions{{"wbe"}});
    FAIL("expected an error");
  } catch (const ConstructError& e) {
    CHECK(std::string(e.what()) == "[<app>] no stack named 'wbe' (did you mean 'web'?)");
  }
}

TEST_CASE("validation collects every finding before failing, and renders nothing", "[synthesizer]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& r = stack.add<Resource>("r", "aws_sns_topic");
  r.set_count(1);
  r.set_for_each(Expr::list({"a"}));
  stack.add<Resource>("dup", "aws_sns_topic").override_logical_id("r");
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 2);
    CHECK(e.findings()[0].rule == "core/count-and-for-each");
    CHECK(e.findings()[1].rule == "core/duplicate-address");
    CHECK_THAT(e.what(), Catch::Matchers::StartsWith("synthesis failed with 2 errors:\n"));
  }
}

TEST_CASE("two synthesis runs of the same program are byte-identical", "[synthesizer]") {
  auto run = [] {
    App app;
    hello::build_hello_stack(app, Config{});
    return synthesize(app).files();
  };
  auto first = run();
  auto second = run();
  CHECK(first == second);
  for (const auto& [path, text] : first) {
    CAPTURE(path);
    CHECK(text.back() == '\n');
    CHECK(text.find("/work/") == std::string::npos);  // no absolute paths leak in
    CHECK(serialize(json::parse(text)) == text);       // sorted keys, 2-space indent
  }
}

TEST_CASE("serialize sorts keys, indents by two and ends with a newline", "[synthesizer]") {
  CHECK(serialize(json{{"b", 1}, {"a", json::array({true})}}) == "{\n  \"a\": [\n    true\n  ],\n  \"b\": 1\n}\n");
}

TEST_CASE("a streaming synthesis hands over each document once, modules before their callers and the manifest last", "[synthesizer]") {
  App collected_app;
  build_nested(collected_app);
  Assembly collected = synthesize(collected_app);
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  bool leave = GENERATE(false, true);  // documents still in flight at the end left to the exit: the same output
  CAPTURE(leave);
  App app;
  build_nested(app);
  RecordingSink sink;
  Assembly streamed = synthesize(app, SynthOptions{.threads = threads, .leave_last_documents_to_exit = leave}, sink);
  CHECK(sink.order == std::vector<std::string>{"stacks/s/modules/a/modules/leaf/main.tf.json", "stacks/s/modules/a/main.tf.json",
                                               "stacks/s/modules/b/modules/leaf/main.tf.json", "stacks/s/modules/b/main.tf.json",
                                               "stacks/s/cdk.tf.json", "manifest.json"});
  // The same documents as the in-memory synthesis, threading included; none kept.
  REQUIRE(collected.stacks.size() == 1);
  CHECK(sink.documents.size() == collected.stacks[0].files.size() + 1);
  for (const auto& [path, doc] : collected.stacks[0].files) {
    CAPTURE(path);
    CHECK(sink.documents.at(path) == doc);
  }
  CHECK(sink.documents.at("manifest.json") == collected.manifest);
  CHECK(sink.documents.at("stacks/s/modules/a/modules/leaf/main.tf.json")["resource"]["aws_sqs_queue"]["q"]["name"] ==
        "n-${var.aws_sns_topic_topic_id}");
  REQUIRE(streamed.stacks.size() == 1);
  CHECK(streamed.stacks[0].files.empty());
  CHECK(streamed.stacks[0].working_directory == "stacks/s");
  CHECK(streamed.manifest == collected.manifest);
}

TEST_CASE("a streaming synthesis checks every document before failing, and never hands over the manifest", "[synthesizer]") {
  PolicyPack pack;
  pack.add(PolicyRule{.id = "TEST-1", .title = "no queues", .fix = "remove it", .applies_to = {"aws_sqs_queue"},
                      .check = [](const BlockView&, std::vector<std::string>& v) { v.push_back("a queue"); }});
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  bool leave = GENERATE(false, true);
  CAPTURE(leave);
  App app;
  build_nested(app);
  RecordingSink sink;
  try {
    synthesize(app, SynthOptions{.policies = &pack, .threads = threads, .leave_last_documents_to_exit = leave}, sink);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 2);  // both leaves: the first finding did not stop the second module
    CHECK(e.findings()[0].address == "module.a.module.leaf.aws_sqs_queue.q");
    CHECK(e.findings()[0].path == "s/a/leaf/q");
    CHECK(e.findings()[1].address == "module.b.module.leaf.aws_sqs_queue.q");
  }
  CHECK(sink.documents.count("stacks/s/cdk.tf.json") == 1);
  CHECK(sink.documents.count("manifest.json") == 0);
}

TEST_CASE("a streaming synthesis tells the sink its stacks' root documents before the first, and nothing when validation fails", "[synthesizer]") {
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  App app;
  build_nested(app);
  RecordingSink sink;
  synthesize(app, SynthOptions{.threads = threads}, sink);
  REQUIRE(sink.expected.size() == 1);
  CHECK(sink.added_before_expect == 0);
  // Which modules get a document is known only as they are rendered: some may share one.
  CHECK(sink.expected[0] == std::vector<std::string>{"stacks/s/cdk.tf.json"});
  std::set<std::string> handed(sink.order.begin(), sink.order.end());
  CHECK(handed == std::set<std::string>{"manifest.json", "stacks/s/cdk.tf.json", "stacks/s/modules/a/main.tf.json",
                                        "stacks/s/modules/a/modules/leaf/main.tf.json", "stacks/s/modules/b/main.tf.json",
                                        "stacks/s/modules/b/modules/leaf/main.tf.json"});

  App invalid;
  auto& stack = invalid.add<Stack>("s");
  stack.add<Resource>("r", "aws_sns_topic");
  stack.add<Resource>("dup", "aws_sns_topic").override_logical_id("r");
  RecordingSink untouched;
  CHECK_THROWS_AS(synthesize(invalid, SynthOptions{.threads = threads}, untouched), SynthesisError);
  CHECK(untouched.expected.empty());
  CHECK(untouched.order.empty());
}

TEST_CASE("a small app is synthesized on the caller's thread, a large one on threads of synthesis's own", "[synthesizer]") {
  auto app_of = [](size_t topics) {
    auto app = std::make_unique<App>();
    auto& stack = app->add<Stack>("s");
    for (size_t i = 0; i < topics; ++i) stack.add<Resource>("t" + std::to_string(i), "aws_sns_topic");
    return app;
  };
  const std::thread::id caller = std::this_thread::get_id();
  auto sink_threads = [&](App& app, SynthOptions::Threads threads) {
    RecordingSink sink;
    synthesize(app, SynthOptions{.threads = threads}, sink);
    REQUIRE(sink.threads.size() == 1);  // one thread, whichever
    return *sink.threads.begin();
  };
  auto small = app_of(10);
  CHECK(sink_threads(*small, SynthOptions::Threads::kAuto) == caller);
  auto forced = app_of(10);
  CHECK(sink_threads(*forced, SynthOptions::Threads::kSeparate) != caller);
  auto large = app_of(SynthOptions::kThreadedFromElements);
  CHECK(sink_threads(*large, SynthOptions::Threads::kAuto) != caller);
  auto kept = app_of(SynthOptions::kThreadedFromElements);
  CHECK(sink_threads(*kept, SynthOptions::Threads::kCaller) == caller);
}

TEST_CASE("a sink's exception fails the synthesis with it, on either thread layout", "[synthesizer]") {
  struct FailingSink : DocumentSink {
    size_t added = 0;
    void add(const std::string& path, const json&) override {
      if (++added == 2) throw Error("disk full while writing " + path);
    }
  };
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  App app;
  build_nested(app);
  FailingSink sink;
  CHECK_THROWS_WITH(synthesize(app, SynthOptions{.threads = threads}, sink), "disk full while writing stacks/s/modules/a/main.tf.json");
  CHECK(sink.added == 2);  // nothing handed over after the failure
}

// Each side waits (up to a bound, so that the old order fails instead of hanging) until the
// other has started on the same document: only a check and a hand-over that overlap both see
// the other.
TEST_CASE("with threads of its own, a document is handed to the sink while its checks run", "[synthesizer]") {
  struct Meeting {
    std::mutex mutex;
    std::condition_variable changed;
    bool checking = false, adding = false;
    // Marks `mine` and waits for `theirs`; false when it never came.
    bool meet(bool Meeting::*mine, bool Meeting::*theirs) {
      std::unique_lock lock(mutex);
      this->*mine = true;
      changed.notify_all();
      return changed.wait_for(lock, std::chrono::seconds(10), [&] { return this->*theirs; });
    }
  } meeting;
  bool check_saw_add = false, add_saw_check = false;
  PolicyPack pack;
  pack.add(PolicyRule{.id = "TEST-1", .title = "meets the sink", .applies_to = {"aws_sns_topic"},
                      .check = [&](const BlockView&, std::vector<std::string>&) {
                        check_saw_add = meeting.meet(&Meeting::checking, &Meeting::adding);
                      }});
  struct MeetingSink : DocumentSink {
    std::function<void()> on_stack_document;
    void add(const std::string& path, const json&) override {
      if (path == "stacks/s/cdk.tf.json") on_stack_document();
    }
  } sink;
  sink.on_stack_document = [&] { add_saw_check = meeting.meet(&Meeting::adding, &Meeting::checking); };
  App app;
  app.add<Stack>("s").add<Resource>("topic", "aws_sns_topic");
  synthesize(app, SynthOptions{.policies = &pack, .threads = SynthOptions::Threads::kSeparate}, sink);
  CHECK(check_saw_add);
  CHECK(add_saw_check);
}

// Synthesis frees each document itself down to a fixed depth and leaves deeper values to
// nlohmann's destructor (src/synthesizer.cc, release()); a document deeper than that reaches the
// sink whole, on either thread layout (the sanitizer build checks that all of it is freed).
TEST_CASE("a document nested deeper than synthesis frees by hand reaches the sink whole", "[synthesizer]") {
  auto threads = GENERATE(SynthOptions::Threads::kCaller, SynthOptions::Threads::kSeparate);
  constexpr int kDepth = 200;
  Expr nested = "bottom";
  for (int i = 0; i < kDepth; ++i) nested = Expr::map({{"k", nested}});
  App app;
  app.add<Stack>("s").add<Resource>("topic", "aws_sns_topic", Arguments{{"tags", nested}});
  RecordingSink sink;
  synthesize(app, SynthOptions{.threads = threads}, sink);
  const json* at = &sink.documents.at("stacks/s/cdk.tf.json")["resource"]["aws_sns_topic"]["topic"]["tags"];
  int depth = 0;
  while (at->is_object()) at = &(*at)["k"], ++depth;
  CHECK(depth == kDepth);
  CHECK(*at == "bottom");
}
