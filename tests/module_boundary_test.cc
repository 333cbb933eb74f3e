// Module boundaries: generated variables/outputs, the module call, references threaded across
// boundaries, errors for references into a sibling's internals, nesting and providers.

#include <catch2/catch.hpp>

#include "support/fixtures.h"

using namespace lcsynth;
using lcsynth::test::synth_file;
using nlohmann::json;

namespace {
// A module with one required input, one optional input and one output.
class Queue : public ModuleBoundary {
 public:
  Queue(Construct& scope, std::string id, std::optional<Expr> name, std::optional<Expr> tags = std::nullopt)
      : ModuleBoundary(scope, std::move(id)) {
    Expr n = input("name", {.type = "string", .description = "Queue name"}, std::move(name));
    Expr t = input("tags", {.type = "map(string)", .description = "Tags", .default_value = json::object()}, std::move(tags));
    queue = &add<Resource>("queue", "aws_sqs_queue", Arguments{{"name", n}, {"tags", t}});
    output("arn", queue->attr("arn"), "Queue ARN");
  }
  Expr arn() const { return output_ref("arn"); }
  Resource* queue;
};

std::vector<Diagnostic> findings_of(App& app) {
  try {
    synthesize(app);
  } catch (const SynthesisError& e) {
    return e.findings();
  }
  return {};
}
}  // namespace

TEST_CASE("a module boundary synthesizes into its own module directory with variables and outputs", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& q = stack.add<Queue>("jobs", Expr("jobs-queue"));
  stack.add<TerraformOutput>("queue_arn", OutputProps{.value = q.arn()});
  Assembly a = synthesize(app);
  const auto& files = a.stacks[0].files;
  REQUIRE(files.count("stacks/s/modules/jobs/main.tf.json") == 1);
  json mod = files.at("stacks/s/modules/jobs/main.tf.json");
  CHECK(mod["variable"] == json::parse(R"J({"name": {"type": "string", "description": "Queue name"},
                                          "tags": {"type": "map(string)", "description": "Tags", "default": {}}})J"));
  CHECK(mod["output"] == json::parse(R"J({"arn": {"value": "${aws_sqs_queue.queue.arn}", "description": "Queue ARN"}})J"));
  CHECK(mod["resource"]["aws_sqs_queue"]["queue"]["name"] == "${var.name}");
  json root = files.at("stacks/s/cdk.tf.json");
  CHECK(root["module"]["jobs"] == json::parse(R"J({"//": {"metadata": {"path": "s/jobs"}}, "source": "./modules/jobs", "name": "jobs-queue"})J"));
  CHECK(root["output"]["queue_arn"]["value"] == "${module.jobs.arn}");
}

TEST_CASE("one boundary's output feeds another boundary's input as module.x.y", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& a = stack.add<Queue>("a", Expr("a"));
  stack.add<Queue>("b", Expr::format("after-{}", {a.arn()}));
  json root = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(root["module"]["b"]["name"] == "after-${module.a.arn}");
}

TEST_CASE("a reference from inside a boundary to an enclosing module is threaded through a variable", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& vpc = stack.add<DataSource>("vpc", "aws_vpc", Arguments{{"default", true}});
  auto& q = stack.add<Queue>("q", Expr("q"));
  q.queue->set("tags", Expr::map({{"Vpc", vpc.attr("cidr_block")}}));
  Assembly assembly = synthesize(app);
  json mod = assembly.stacks[0].files.at("stacks/s/modules/q/main.tf.json");
  CHECK(mod["resource"]["aws_sqs_queue"]["queue"]["tags"]["Vpc"] == "${var.data_aws_vpc_vpc_cidr_block}");
  CHECK(mod["variable"]["data_aws_vpc_vpc_cidr_block"]["description"] == "Threaded from s/vpc (data.aws_vpc.vpc.cidr_block)");
  json root = assembly.stacks[0].files.at("stacks/s/cdk.tf.json");
  CHECK(root["module"]["q"]["data_aws_vpc_vpc_cidr_block"] == "${data.aws_vpc.vpc.cidr_block}");
}

TEST_CASE("a reference from outside to a boundary's internals is threaded through an output", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& q = stack.add<Queue>("q", Expr("q"));
  stack.add<TerraformOutput>("url", OutputProps{.value = q.queue->attr("url")});
  Assembly assembly = synthesize(app);
  json mod = assembly.stacks[0].files.at("stacks/s/modules/q/main.tf.json");
  CHECK(mod["output"]["aws_sqs_queue_queue_url"]["value"] == "${aws_sqs_queue.queue.url}");
  CHECK(assembly.stacks[0].files.at("stacks/s/cdk.tf.json")["output"]["url"]["value"] == "${module.q.aws_sqs_queue_queue_url}");
}

TEST_CASE("a reference into a sibling boundary's internals is an error naming both paths", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& a = stack.add<Queue>("a", Expr("a"));
  auto& b = stack.add<Queue>("b", Expr("b"));
  b.queue->set("name", a.queue->attr("name"));
  auto f = findings_of(app);
  REQUIRE(f.size() == 1);
  CHECK(format_diagnostic(f[0]) ==
        "error core/reference-into-module [s/b/queue] (aws_sqs_queue.queue): references [s/a/queue] (aws_sqs_queue.queue) "
        "inside module boundary [s/a], which neither encloses nor is enclosed by [s/b]\n"
        "  fix: declare an output on [s/a] and use output_ref(), then pass it in as an input");
}

// Validation lets an element inside a sibling read a boundary's output (the caller sees it); the
// renderer threw "unvalidated reference" on it until session 21.
TEST_CASE("a sibling boundary's output read inside another boundary is threaded down from the caller", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& a = stack.add<Queue>("a", Expr("a"));
  auto& b = stack.add<Queue>("b", Expr("b"));
  b.queue->set("tags", Expr::map({{"After", a.arn()}}));
  auto& outer = stack.add<Queue>("outer", Expr("outer"));
  auto& inner = outer.add<Queue>("inner", Expr("inner"));  // two levels down
  inner.queue->set("tags", Expr::map({{"After", a.arn()}, {"Again", a.arn()}}));
  Assembly assembly = synthesize(app);
  const auto& files = assembly.stacks[0].files;
  json mod = files.at("stacks/s/modules/b/main.tf.json");
  CHECK(mod["resource"]["aws_sqs_queue"]["queue"]["tags"]["After"] == "${var.module_a_arn}");
  CHECK(mod["variable"]["module_a_arn"]["description"] == "Threaded from s/a/outputs/arn (module.a.arn)");
  json root = files.at("stacks/s/cdk.tf.json");
  CHECK(root["module"]["b"]["module_a_arn"] == "${module.a.arn}");
  CHECK(root["module"]["outer"]["module_a_arn"] == "${module.a.arn}");
  CHECK(files.at("stacks/s/modules/outer/main.tf.json")["module"]["inner"]["module_a_arn"] == "${var.module_a_arn}");
  json deepest = files.at("stacks/s/modules/outer/modules/inner/main.tf.json")["resource"]["aws_sqs_queue"]["queue"]["tags"];
  CHECK(deepest == json{{"After", "${var.module_a_arn}"}, {"Again", "${var.module_a_arn}"}});
}

TEST_CASE("a required input without a value is a finding, an optional one is omitted", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Queue>("q", std::nullopt);
  auto f = findings_of(app);
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule == "core/missing-module-input");
  CHECK(f[0].path == "s/q/inputs/name");
  CHECK(f[0].message == "module input 'name' of [s/q] is required but no value was passed");
}

TEST_CASE("output_ref of an unknown output suggests the closest name", "[module_boundary]") {
  App app;
  auto& q = app.add<Stack>("s").add<Queue>("q", Expr("q"));
  try {
    q.output_ref("ran");
    FAIL("expected ConstructError");
  } catch (const ConstructError& e) {
    CHECK(std::string(e.what()) == "[s/q] module boundary has no output 'ran' (did you mean 'arn'?)");
  }
}

TEST_CASE("an input and an output may share a name", "[module_boundary]") {
  class Echo : public ModuleBoundary {
   public:
    Echo(Construct& scope, std::string id) : ModuleBoundary(scope, std::move(id)) {
      output("value", input("value", {.type = "string"}, Expr("v")), "Echo");
    }
  };
  App app;
  app.add<Stack>("s").add<Echo>("e");
  json mod = synth_file(app, "stacks/s/modules/e/main.tf.json");
  CHECK(mod["output"]["value"]["value"] == "${var.value}");
  CHECK(mod["variable"]["value"]["type"] == "string");
}

TEST_CASE("nested boundaries nest their directories and thread through every level", "[module_boundary]") {
  class Outer : public ModuleBoundary {
   public:
    Outer(Construct& scope, std::string id, const TerraformElement& far) : ModuleBoundary(scope, std::move(id)) {
      auto& inner = add<Queue>("inner", Expr::format("n-{}", {far.attr("id")}));
      output("inner_arn", inner.arn(), "Inner ARN");
    }
  };
  App app;
  auto& stack = app.add<Stack>("s");
  auto& topic = stack.add<Resource>("topic", "aws_sns_topic");
  auto& outer = stack.add<Outer>("outer", topic);
  stack.add<TerraformOutput>("arn", OutputProps{.value = outer.output_ref("inner_arn")});
  Assembly assembly = synthesize(app);
  const auto& files = assembly.stacks[0].files;
  REQUIRE(files.count("stacks/s/modules/outer/modules/inner/main.tf.json") == 1);
  json outer_doc = files.at("stacks/s/modules/outer/main.tf.json");
  CHECK(outer_doc["module"]["inner"]["source"] == "./modules/inner");
  CHECK(outer_doc["module"]["inner"]["name"] == "n-${var.aws_sns_topic_topic_id}");
  CHECK(outer_doc["output"]["inner_arn"]["value"] == "${module.inner.arn}");
  CHECK(files.at("stacks/s/cdk.tf.json")["module"]["outer"]["aws_sns_topic_topic_id"] == "${aws_sns_topic.topic.id}");
}

TEST_CASE("aliased providers are passed into modules that use them", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& east = stack.add<Provider>("east", ProviderProps{.name = "aws", .source = "hashicorp/aws", .alias = "east"});
  auto& q = stack.add<Queue>("q", Expr("q"));
  q.queue->set_provider(east);
  Assembly assembly = synthesize(app);
  json root = assembly.stacks[0].files.at("stacks/s/cdk.tf.json");
  json mod = assembly.stacks[0].files.at("stacks/s/modules/q/main.tf.json");
  CHECK(root["module"]["q"]["providers"] == json{{"aws.east", "aws.east"}});
  CHECK(mod["terraform"]["required_providers"]["aws"] ==
        json::parse(R"J({"source": "hashicorp/aws", "configuration_aliases": ["aws.east"]})J"));
  CHECK(mod["resource"]["aws_sqs_queue"]["queue"]["provider"] == "aws.east");
}

TEST_CASE("depends_on across boundaries becomes a module-level dependency", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& q = stack.add<Queue>("q", Expr("q"));
  auto& topic = stack.add<Resource>("topic", "aws_sns_topic");
  topic.depends_on(*q.queue);
  auto& other = stack.add<Queue>("other", Expr("o"));
  other.depends_on(q);
  json root = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(root["resource"]["aws_sns_topic"]["topic"]["depends_on"] == json::array({"module.q"}));
  CHECK(root["module"]["other"]["depends_on"] == json::array({"module.q"}));
}

TEST_CASE("module names can be overridden and collide like addresses", "[module_boundary]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& q = stack.add<Queue>("q", Expr("q"));
  q.override_module_name("queue_v2");
  CHECK(q.directory() == "modules/queue_v2");
  stack.add<ModuleCall>("queue_v2", ModuleCallProps{.source = "./x"});
  auto f = findings_of(app);
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule == "core/duplicate-address");
}
