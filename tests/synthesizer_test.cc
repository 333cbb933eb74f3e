// The synthesis driver: manifest layout, terraform block and backends, stack selection,
// collected findings, and byte-for-byte determinism.

#include <catch2/catch.hpp>

#include "hello/hello_stack.h"
#include "support/fixtures.h"

using namespace lcsynth;
using nlohmann::json;

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
