// Rendering a stack's modules: modules that call none of their own rendered on two threads give
// the documents one thread gives, handed on in the same order, also where rendering a module
// changes another module's document (threading a value through a module, an aliased provider
// passed down, a value read from another stack's state), which such a module cannot do alone.

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "support/fixtures.h"

using namespace lcsynth;
using lcsynth::test::Box;
using nlohmann::json;

namespace {
struct Recorded : DocumentSink {
  std::vector<std::string> order;
  std::map<std::string, json> documents;
  void add(const std::string& path, const json& document) override {
    order.push_back(path);
    documents[path] = document;
  }
};

// `count` leaf boxes under `scope`, each a queue named from an input; every third one's name
// differs in a literal too, so that some share a source and some do not. Each box after the
// first takes the previous one's output as its input; each one's queue also reads a resource
// of `outer`, threaded down into it.
std::vector<Box*> add_boxes(Construct& scope, const std::string& prefix, int count, const TerraformElement& outer) {
  std::vector<Box*> boxes;
  for (int i = 0; i < count; ++i) {
    auto& box = scope.add<Box>(prefix + std::to_string(i));
    Expr name = box.input("name", {.type = "string"}, boxes.empty() ? Expr(prefix) : boxes.back()->output_ref("arn"));
    auto& q = box.add<Resource>("q", "aws_sqs_queue",
                                Arguments{{"name", name}, {"visibility_timeout_seconds", i % 3 == 0 ? 30 : 60},
                                          {"policy", Expr::format("{}-{}", {outer.attr("arn"), Expr(i % 2)})}});
    box.output("arn", q.attr("arn"), "Queue ARN");
    boxes.push_back(&box);
  }
  return boxes;
}

// A stack of leaf boxes with, among them, boxes that change another module's document when
// rendered: one reading another stack's resource, one using an aliased provider of the stack
// from inside a module (passed down through it); and a module calling boxes of its own.
void build(App& app) {
  auto& network = app.add<Stack>("network");
  auto& vpc = network.add<Resource>("vpc", "aws_vpc", Arguments{{"cidr_block", "10.0.0.0/16"}});
  auto& s = app.add<Stack>("s");
  auto& east = s.add<Provider>("east", ProviderProps{.name = "aws", .source = "hashicorp/aws", .alias = "east"});
  auto& topic = s.add<Resource>("topic", "aws_sns_topic");
  std::vector<Box*> first = add_boxes(s, "a", 40, topic);
  first[7]->add<Resource>("sg", "aws_security_group", Arguments{{"vpc_id", vpc.attr("id")}});  // another stack's state
  auto& outer = s.add<Box>("outer");
  std::vector<Box*> inner = add_boxes(outer, "in", 6, topic);  // threaded through "outer"
  inner[2]->add<Resource>("aliased", "aws_sns_topic").set_provider(east);  // passed through "outer"
  std::vector<Box*> second = add_boxes(s, "b", 30, topic);
  // The stack reads a value inside a box (threaded up out of it before the box is rendered).
  s.add<Resource>("watch", "aws_sns_topic", Arguments{{"name", static_cast<Resource&>(second[12]->find_child("q")).attr("name")}});
  second[20]->add<Resource>("sg", "aws_security_group", Arguments{{"vpc_id", vpc.attr("id")}});
}

Recorded synthesized(SynthOptions::Threads threads, bool share) {
  App app;
  build(app);
  Recorded sink;
  synthesize(app, SynthOptions{.threads = threads, .share_identical_modules = share}, sink);
  return sink;
}
}  // namespace

TEST_CASE("leaf modules rendered on two threads give the documents of one thread, in the same order", "[stack_renderer]") {
  bool share = GENERATE(true, false);
  CAPTURE(share);
  Recorded one = synthesized(SynthOptions::Threads::kCaller, share);
  Recorded two = synthesized(SynthOptions::Threads::kSeparate, share);
  CHECK(two.order == one.order);
  REQUIRE(two.documents.size() == one.documents.size());
  for (const auto& [path, doc] : one.documents) {
    CAPTURE(path);
    CHECK(two.documents.at(path) == doc);
  }
  // What the stack holds is there: sharing, threading down and up, the provider, remote state.
  const json& root = one.documents.at("stacks/s/cdk.tf.json");
  CHECK(root["module"]["a4"]["source"] == (share ? "./modules/a2" : "./modules/a4"));
  CHECK(root["module"]["a7"]["network_cross_stack_aws_vpc_vpc_id"] == "${data.terraform_remote_state.network.outputs.cross_stack_aws_vpc_vpc_id}");
  CHECK(root["resource"]["aws_sns_topic"]["watch"]["name"] == "${module.b12.aws_sqs_queue_q_name}");
  const json& outer = one.documents.at("stacks/s/modules/outer/main.tf.json");
  CHECK(outer["module"]["in2"]["providers"] == json{{"aws.east", "aws.east"}});
  CHECK(one.documents.at("stacks/s/modules/a0/main.tf.json")["resource"]["aws_sqs_queue"]["q"]["policy"] == "${var.aws_sns_topic_topic_arn}-0");
}
