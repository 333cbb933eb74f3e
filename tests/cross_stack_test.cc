// References between stacks: remote-state reads in the consumer, exported outputs in the
// producer, dependencies in the manifest, and the errors around them.

#include <catch2/catch.hpp>

#include "support/fixtures.h"

using namespace lcsynth;
using lcsynth::test::Box;
using lcsynth::test::error_of;
using nlohmann::json;

namespace {
SynthesisError synthesis_error(App& app) {
  try {
    synthesize(app);
  } catch (const SynthesisError& e) {
    return e;
  }
  FAIL("expected a SynthesisError");
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("a reference to another stack's resource is read through terraform_remote_state", "[cross_stack]") {
  App app;
  auto& network = app.add<Stack>("network");
  auto& web = app.add<Stack>("web");
  auto& vpc = network.add<Resource>("vpc", "aws_vpc", Arguments{{"cidr_block", "10.0.0.0/16"}});
  web.add<Resource>("sg", "aws_security_group", Arguments{{"vpc_id", vpc.attr("id")}});
  Assembly a = synthesize(app);

  CHECK(a.stack_document("web")["data"] == json::parse(R"J({"terraform_remote_state": {"network": {
      "backend": "local", "config": {"path": "../../../terraform.network.tfstate"},
      "//": {"metadata": {"path": "web", "stack": "network"}}}}})J"));
  CHECK(a.stack_document("web")["resource"]["aws_security_group"]["sg"]["vpc_id"] ==
        "${data.terraform_remote_state.network.outputs.cross_stack_aws_vpc_vpc_id}");
  CHECK(a.stack_document("network")["output"] == json::parse(R"J({"cross_stack_aws_vpc_vpc_id": {
      "value": "${aws_vpc.vpc.id}", "description": "Read by other stacks: network/vpc.id"}})J"));
  CHECK(a.stacks[1].dependencies == std::vector<std::string>{"network"});
  CHECK(a.stacks[0].dependencies.empty());
  CHECK(a.manifest["stacks"]["web"]["dependencies"] == json::array({"network"}));
}

TEST_CASE("a reference to another stack's own output reads that output and adds none", "[cross_stack]") {
  App app;
  auto& registry = app.add<Stack>("registry");
  auto& repo = registry.add<Resource>("repo", "aws_ecr_repository", Arguments{{"name", "api"}});
  auto& url = registry.add<TerraformOutput>("url", OutputProps{.value = repo.attr("repository_url")});
  auto& app_stack = app.add<Stack>("app");
  app_stack.add<TerraformOutput>("image", OutputProps{.value = Expr::format("{}:latest", {url.ref()})});
  Assembly a = synthesize(app);
  CHECK(a.stack_document("app")["output"]["image"]["value"] == "${data.terraform_remote_state.registry.outputs.url}:latest");
  CHECK(a.stack_document("registry")["output"].size() == 1);
}

TEST_CASE("a remote value used inside a module boundary is threaded down as a variable", "[cross_stack]") {
  App app;
  auto& network = app.add<Stack>("network");
  auto& vpc = network.add<Resource>("vpc", "aws_vpc", Arguments{{"cidr_block", "10.0.0.0/16"}});
  auto& web = app.add<Stack>("web");
  auto& box = web.add<Box>("box");
  box.add<Resource>("sg", "aws_security_group", Arguments{{"vpc_id", vpc.attr("id")}});
  Assembly a = synthesize(app);
  const json& module = a.stacks[1].files.at("stacks/web/modules/box/main.tf.json");
  CHECK(module["resource"]["aws_security_group"]["sg"]["vpc_id"] == "${var.network_cross_stack_aws_vpc_vpc_id}");
  CHECK(module["variable"]["network_cross_stack_aws_vpc_vpc_id"]["description"] ==
        "Threaded from network/vpc.id (stack 'network', output 'cross_stack_aws_vpc_vpc_id')");
  CHECK(a.stack_document("web")["module"]["box"]["network_cross_stack_aws_vpc_vpc_id"] ==
        "${data.terraform_remote_state.network.outputs.cross_stack_aws_vpc_vpc_id}");
}

TEST_CASE("a value inside the producer's module boundary is threaded up to its exported output", "[cross_stack]") {
  App app;
  auto& network = app.add<Stack>("network");
  auto& box = network.add<Box>("core");
  auto& vpc = box.add<Resource>("vpc", "aws_vpc", Arguments{{"cidr_block", "10.0.0.0/16"}});
  auto& web = app.add<Stack>("web");
  web.add<Resource>("sg", "aws_security_group", Arguments{{"vpc_id", vpc.attr("id")}});
  Assembly a = synthesize(app);
  CHECK(a.stack_document("network")["output"]["cross_stack_core_aws_vpc_vpc_id"]["value"] == "${module.core.aws_vpc_vpc_id}");
  CHECK(a.stacks[0].files.at("stacks/network/modules/core/main.tf.json")["output"]["aws_vpc_vpc_id"]["value"] == "${aws_vpc.vpc.id}");
  CHECK(a.stack_document("web")["resource"]["aws_security_group"]["sg"]["vpc_id"] ==
        "${data.terraform_remote_state.network.outputs.cross_stack_core_aws_vpc_vpc_id}");
}

TEST_CASE("remote state reads the producer's S3 backend, or its local state file from the consumer's directory", "[cross_stack]") {
  App app;
  auto& shared = app.add<Stack>("shared", StackProps{.backend = S3Backend{.bucket = "state", .key = "shared.tfstate", .region = "eu-west-1",
                                                                          .workspace_key_prefix = "env"}});
  auto& local = app.add<Stack>("local", StackProps{.backend = LocalBackend{.path = "state/local.tfstate"}});
  auto& topic = shared.add<Resource>("topic", "aws_sns_topic");
  auto& queue = local.add<Resource>("queue", "aws_sqs_queue");
  auto& web = app.add<Stack>("web");
  web.add<Resource>("a", "aws_sns_topic_subscription", Arguments{{"topic_arn", topic.attr("arn")}, {"endpoint", queue.attr("arn")}});
  json data = synthesize(app).stack_document("web")["data"]["terraform_remote_state"];
  CHECK(data["shared"]["backend"] == "s3");
  CHECK(data["shared"]["config"] == json{{"bucket", "state"}, {"key", "shared.tfstate"}, {"region", "eu-west-1"}, {"workspace_key_prefix", "env"}});
  CHECK(data["local"]["config"]["path"] == "../local/state/local.tfstate");
}

TEST_CASE("the producer exports the same outputs whichever stacks are selected", "[cross_stack]") {
  auto build = [](App& app) {
    auto& network = app.add<Stack>("network");
    auto& vpc = network.add<Resource>("vpc", "aws_vpc", Arguments{{"cidr_block", "10.0.0.0/16"}});
    app.add<Stack>("web").add<Resource>("sg", "aws_security_group", Arguments{{"vpc_id", vpc.attr("id")}});
  };
  App all, producer_only, consumer_only;
  build(all);
  build(producer_only);
  build(consumer_only);
  CHECK(synthesize(producer_only, {.stacks = {"network"}}).stack_document("network") == synthesize(all).stack_document("network"));
  Assembly web = synthesize(consumer_only, {.stacks = {"web"}});
  CHECK(web.manifest["stacks"]["web"]["dependencies"] == json::array({"network"}));
  CHECK_FALSE(web.manifest["stacks"].contains("network"));
}

TEST_CASE("explicit stack dependencies are listed in tree order and checked", "[cross_stack]") {
  App app;
  auto& a = app.add<Stack>("a");
  auto& b = app.add<Stack>("b");
  auto& c = app.add<Stack>("c");
  c.add_dependency(b);
  c.add_dependency(a);
  c.add_dependency(b);
  CHECK(synthesize(app).manifest["stacks"]["c"]["dependencies"] == json::array({"a", "b"}));
  CHECK(error_of([&] { a.add_dependency(a); }) == "[a] a stack cannot depend on itself");
  App other;
  auto& d = other.add<Stack>("d");
  CHECK(error_of([&] { a.add_dependency(d); }) == "[a] cannot depend on stack [d] of another app");
}

TEST_CASE("stacks that depend on each other are a cycle error naming the chain", "[cross_stack]") {
  App app;
  auto& a = app.add<Stack>("a");
  auto& b = app.add<Stack>("b");
  auto& topic = a.add<Resource>("topic", "aws_sns_topic");
  auto& queue = b.add<Resource>("queue", "aws_sqs_queue", Arguments{{"name", topic.attr("name")}});
  a.add<TerraformOutput>("queue", OutputProps{.value = queue.attr("arn")});
  auto e = synthesis_error(app);
  REQUIRE(e.findings().size() == 1);
  CHECK(e.findings()[0].rule == "core/stack-cycle");
  CHECK(e.findings()[0].message == "stacks depend on each other in a cycle: a -> b -> a");
}

TEST_CASE("depends_on across stacks is an error that points to add_dependency", "[cross_stack]") {
  App app;
  auto& topic = app.add<Stack>("a").add<Resource>("topic", "aws_sns_topic");
  auto& b = app.add<Stack>("b");
  b.add<Resource>("queue", "aws_sqs_queue").depends_on(topic);
  auto e = synthesis_error(app);
  REQUIRE(e.findings().size() == 1);
  CHECK(e.findings()[0].rule == "core/cross-stack-dependency");
  CHECK(e.findings()[0].message == "depends on [a/topic], which is not in stack 'b'");
  CHECK(e.findings()[0].fix == "Terraform cannot order across states: call add_dependency() on stack 'b' instead");
}

TEST_CASE("a reference into another app is an error", "[cross_stack]") {
  App one, two;
  auto& topic = one.add<Stack>("a").add<Resource>("topic", "aws_sns_topic");
  two.add<Stack>("b").add<TerraformOutput>("arn", OutputProps{.value = topic.attr("arn")});
  auto e = synthesis_error(two);
  REQUIRE(e.findings().size() == 1);
  CHECK(e.findings()[0].rule == "core/foreign-reference");
  CHECK(e.findings()[0].message == "references [a/topic] (aws_sns_topic.topic), which is not in a stack of this app");
}

TEST_CASE("the remote state's configuration is escaped, since a data source's arguments are expressions", "[cross_stack]") {
  App app;
  auto& shared = app.add<Stack>("shared", StackProps{.backend = S3Backend{.bucket = "state", .key = "team/${x}/%{y}.tfstate", .region = "eu-west-1"}});
  auto& topic = shared.add<Resource>("topic", "aws_sns_topic");
  app.add<Stack>("web").add<TerraformOutput>("arn", OutputProps{.value = topic.attr("arn")});
  Assembly a = synthesize(app);
  CHECK(a.stack_document("web")["data"]["terraform_remote_state"]["shared"]["config"]["key"] == "team/$${x}/%%{y}.tfstate");
  CHECK(a.stack_document("shared")["terraform"]["backend"]["s3"]["key"] == "team/${x}/%{y}.tfstate");  // the backend block is literal
}
