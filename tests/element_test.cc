// Terraform elements: logical ids, rendering of each block kind, meta-arguments, lifecycle,
// literal-only positions and the add_override escape hatch.

#include <catch2/catch.hpp>

#include "support/fixtures.h"

using namespace lcsynth;
using lcsynth::test::synth_file;
using nlohmann::json;

using lcsynth::test::error_of;

TEST_CASE("logical ids join the ids below the module scope with underscores", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& top = stack.add<Resource>("bucket", "aws_s3_bucket");
  auto& nested = stack.add<Group>("files").add<Resource>("bucket", "aws_s3_bucket");
  auto& digit = stack.add<Group>("1st").add<Resource>("x-y", "aws_s3_bucket");
  CHECK(top.logical_id() == "bucket");
  CHECK(top.address() == "aws_s3_bucket.bucket");
  CHECK(nested.logical_id() == "files_bucket");
  CHECK(digit.logical_id() == "_1st_x-y");
}

TEST_CASE("an element belongs to the nearest module scope above it, and to none outside a stack", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& grouped = stack.add<Group>("g").add<Resource>("bucket", "aws_s3_bucket");
  auto& stray = app.add<Group>("loose").add<Resource>("bucket", "aws_s3_bucket");
  CHECK(&grouped.module_scope() == &stack);
  CHECK(error_of([&] { stray.module_scope(); }) == "[loose] is not inside a stack: Terraform elements must be added under a Stack");
  CHECK(error_of([&] { stray.logical_id(); }) == "[loose] is not inside a stack: Terraform elements must be added under a Stack");
}

TEST_CASE("logical ids are stable when unrelated constructs are added or removed", "[element]") {
  auto id_with = [](bool extra) {
    App app;
    auto& stack = app.add<Stack>("s");
    if (extra) stack.add<Resource>("before", "aws_s3_bucket");
    auto& r = stack.add<Group>("g").add<Resource>("r", "aws_s3_bucket");
    if (extra) stack.add<Resource>("after", "aws_s3_bucket");
    return r.logical_id();
  };
  CHECK(id_with(false) == "g_r");
  CHECK(id_with(true) == "g_r");
}

TEST_CASE("logical ids can be overridden, and must be identifiers", "[element]") {
  App app;
  auto& r = app.add<Stack>("s").add<Resource>("r", "aws_s3_bucket");
  r.override_logical_id("legacy_name");
  CHECK(r.address() == "aws_s3_bucket.legacy_name");
  CHECK(error_of([&] { r.override_logical_id("9bad"); }) ==
        "[s/r] invalid logical id '9bad': expected a Terraform identifier (a letter or '_', then letters, digits, '_' or '-')");
}

TEST_CASE("two elements with one address are reported with both paths", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Resource>("a_b", "aws_s3_bucket");
  stack.add<Group>("a").add<Resource>("b", "aws_s3_bucket");
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 1);
    CHECK(format_diagnostic(e.findings()[0]) ==
          "error core/duplicate-address [s/a/b] (aws_s3_bucket.a_b): synthesizes to the same Terraform address as [s/a_b]\n"
          "  fix: give one of them a different id, or call override_logical_id() / override_module_name()");
  }
}

TEST_CASE("resources render type, arguments, metadata and meta-arguments", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& east = stack.add<Provider>("east", ProviderProps{.name = "aws", .source = "hashicorp/aws", .alias = "east"});
  auto& role = stack.add<Resource>("role", "aws_iam_role", Arguments{{"name", "r"}});
  auto& r = stack.add<Resource>("topic", "aws_sns_topic", Arguments{{"name", Expr::format("t-{}", {Expr::count_index()})}});
  r.set_count(3);
  r.set_provider(east);
  r.depends_on(role);
  r.set_lifecycle({.create_before_destroy = true, .prevent_destroy = true, .ignore_changes = {"tags"},
                   .replace_triggered_by = {role.attr("id")}});
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(doc["resource"]["aws_sns_topic"]["topic"] == json::parse(R"J({
    "//": {"metadata": {"path": "s/topic"}},
    "count": 3,
    "depends_on": ["aws_iam_role.role"],
    "lifecycle": {"create_before_destroy": true, "prevent_destroy": true, "ignore_changes": ["tags"],
                  "replace_triggered_by": ["aws_iam_role.role.id"]},
    "name": "t-${count.index}",
    "provider": "aws.east"
  })J"));
}

TEST_CASE("ignore_changes all is the keyword, not a list", "[element]") {
  App app;
  auto& r = app.add<Stack>("s").add<Resource>("r", "aws_sns_topic");
  r.set_lifecycle({.ignore_changes = {"all"}});
  CHECK(synth_file(app, "stacks/s/cdk.tf.json")["resource"]["aws_sns_topic"]["r"]["lifecycle"]["ignore_changes"] == "all");
}

TEST_CASE("count and for_each together are a finding", "[element]") {
  App app;
  auto& r = app.add<Stack>("s").add<Resource>("r", "aws_sns_topic");
  r.set_count(1);
  r.set_for_each(Expr::map({{"a", 1}}));
  REQUIRE_THROWS_AS(synthesize(app), SynthesisError);
}

TEST_CASE("for_each renders and each.key interpolates", "[element]") {
  App app;
  auto& r = app.add<Stack>("s").add<Resource>("r", "aws_sns_topic", Arguments{{"name", Expr::each_key()}});
  r.set_for_each(Expr(std::vector<std::string>{"a", "b"}));
  json body = synth_file(app, "stacks/s/cdk.tf.json")["resource"]["aws_sns_topic"]["r"];
  CHECK(body["for_each"] == json::array({"a", "b"}));
  CHECK(body["name"] == "${each.key}");
}

TEST_CASE("invalid Terraform types and argument names throw with the path", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  CHECK(error_of([&] { stack.add<Resource>("r", "aws s3"); }) ==
        "[s/r] invalid Terraform type 'aws s3': expected an identifier such as 'aws_s3_bucket'");
  auto& r = stack.add<Resource>("ok", "aws_s3_bucket");
  CHECK(error_of([&] { r.set("bad name", 1); }) == "[s/ok] invalid argument name 'bad name' for aws_s3_bucket: expected an identifier");
}

TEST_CASE("arguments stay sorted by name; set replaces an argument of the same name", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& r = stack.add<Resource>("r", "aws_s3_bucket", Arguments{{"m", 1}, {"b", 2}, {"x", 3}});
  r.set("z", 4);
  r.set("a", 5);
  r.set("m", "replaced");
  r.set("c", 6);
  std::vector<std::string> names;
  for (const auto& [name, value] : r.arguments()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"a", "b", "c", "m", "x", "z"});
  REQUIRE(r.try_get("m") != nullptr);
  CHECK(r.try_get("m")->literal_value() == "replaced");
  CHECK(r.try_get("a")->literal_value() == 5);
  CHECK(r.try_get("n") == nullptr);
  CHECK(r.try_get("zz") == nullptr);
  CHECK(error_of([&] { stack.add<Resource>("bad", "aws_s3_bucket", Arguments{{"ok", 1}, {"not ok", 2}}); }) ==
        "[s/bad] invalid argument name 'not ok' for aws_s3_bucket: expected an identifier");
}

TEST_CASE("data sources render under data and are referenced with data.", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& vpc = stack.add<DataSource>("vpc", "aws_vpc", Arguments{{"id", "vpc-123"}});
  stack.add<TerraformOutput>("cidr", OutputProps{.value = vpc.attr("cidr_block")});
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(vpc.address() == "data.aws_vpc.vpc");
  CHECK(doc["data"]["aws_vpc"]["vpc"]["id"] == "vpc-123");
  CHECK(doc["output"]["cidr"]["value"] == "${data.aws_vpc.vpc.cidr_block}");
}

TEST_CASE("providers collect required_providers and render aliases as an array", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s", StackProps{.required_version = ">= 1.10"});
  stack.add<Provider>("aws", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 6.26, < 7.0", .config = {{"region", "eu-west-1"}}});
  stack.add<Provider>("use1", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 6.26, < 7.0", .alias = "us_east_1",
                                            .config = {{"region", "us-east-1"}}});
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(doc["provider"] == json::parse(R"J({"aws": [{"region": "eu-west-1"}, {"alias": "us_east_1", "region": "us-east-1"}]})J"));
  CHECK(doc["terraform"]["required_providers"] == json::parse(R"J({"aws": {"source": "hashicorp/aws", "version": ">= 6.26, < 7.0"}})J"));
  CHECK(doc["terraform"]["required_version"] == ">= 1.10");
}

TEST_CASE("conflicting provider requirements are a finding", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Provider>("a", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 5"});
  stack.add<Provider>("b", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 6", .alias = "b"});
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 1);
    CHECK(e.findings()[0].rule == "core/provider-conflict");
    CHECK(e.findings()[0].path == "s/b");
  }
}

TEST_CASE("variables write type, default, description and validation literally", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& v = stack.add<TerraformVariable>("env", VariableProps{.type = "string", .default_value = "${not_a_ref}",
                                                             .description = "Env ${literal}", .sensitive = true, .nullable = false});
  auto& w = stack.add<TerraformVariable>("mem", VariableProps{.type = "number"});
  const_cast<VariableProps&>(w.props()).validations.push_back(
      {Expr::binary(w.value(), ">=", 128), "Memory must be at least 128 MB, not ${var.mem}."});
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(doc["variable"]["env"] == json::parse(R"J({"type": "string", "default": "${not_a_ref}", "description": "Env ${literal}",
                                                  "sensitive": true, "nullable": false})J"));
  CHECK(doc["variable"]["mem"]["validation"] ==
        json::parse(R"J([{"condition": "${(var.mem >= 128)}", "error_message": "Memory must be at least 128 MB, not $${var.mem}."}])J"));
  CHECK(v.value().ref_target() == &v);
}

TEST_CASE("a validation condition that ignores its variable is a finding", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<TerraformVariable>("x", VariableProps{.type = "number", .validations = {{Expr(true), "always"}}});
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    CHECK(e.findings()[0].message == "a validation condition must refer to the variable itself");
  }
}

TEST_CASE("outputs, locals and moved blocks render", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& topic = stack.add<Resource>("topic", "aws_sns_topic");
  auto& local = stack.add<TerraformLocal>("name", Expr::format("x-{}", {topic.attr("name")}));
  stack.add<TerraformOutput>("out", OutputProps{.value = local.value(), .description = "The ${name}", .sensitive = true,
                                                .depends_on = {&topic}});
  stack.add<Moved>("mv", "aws_sns_topic.old", topic);
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(doc["locals"]["name"] == "x-${aws_sns_topic.topic.name}");
  CHECK(doc["output"]["out"] == json::parse(R"J({"value": "${local.name}", "description": "The ${name}", "sensitive": true,
                                               "depends_on": ["aws_sns_topic.topic"]})J"));
  CHECK(doc["moved"] == json::parse(R"J([{"from": "aws_sns_topic.old", "to": "aws_sns_topic.topic"}])J"));
}

TEST_CASE("registry module calls write source and version literally and reference outputs", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& m = stack.add<ModuleCall>("files", ModuleCallProps{.source = "terraform-aws-modules/s3-bucket/aws", .version = "~> 4.0",
                                                           .inputs = {{"bucket", "files-${literal}"}, {"force_destroy", true}}});
  stack.add<TerraformOutput>("arn", OutputProps{.value = m.output("s3_bucket_arn")});
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  CHECK(doc["module"]["files"] == json::parse(R"J({"//": {"metadata": {"path": "s/files"}}, "source": "terraform-aws-modules/s3-bucket/aws",
      "version": "~> 4.0", "bucket": "files-$${literal}", "force_destroy": true})J"));
  CHECK(doc["output"]["arn"]["value"] == "${module.files.s3_bucket_arn}");
  CHECK(error_of([&] { m.set_input("count", 1); }) == "[s/files] module input 'count' is a reserved meta-argument name");
}

TEST_CASE("add_override sets nested keys, indexes arrays and deletes with null", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& role = stack.add<Resource>("role", "aws_iam_role");
  auto& sg = stack.add<Resource>("sg", "aws_security_group",
                                 Arguments{{"ingress", Expr::list({Expr::map({{"from_port", 1}})})}, {"name", "sg"}});
  sg.add_override("ingress.0.description", "first ${rule}");
  sg.add_override("timeouts.create", "5m");
  sg.add_override("name", Expr());
  sg.add_override("tags.Owner", role.attr("arn"));
  json body = synth_file(app, "stacks/s/cdk.tf.json")["resource"]["aws_security_group"]["sg"];
  CHECK(body["ingress"] == json::parse(R"J([{"from_port": 1, "description": "first $${rule}"}])J"));
  CHECK(body["timeouts"] == json{{"create", "5m"}});
  CHECK_FALSE(body.contains("name"));
  CHECK(body["tags"]["Owner"] == "${aws_iam_role.role.arn}");
  CHECK(error_of([&] { sg.add_override("a..b", 1); }) == "[s/sg] invalid override path 'a..b': expected keys separated by '.'");
}

TEST_CASE("depends_on a provider or output is a finding", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& out = stack.add<TerraformOutput>("o", OutputProps{.value = 1});
  stack.add<Resource>("r", "aws_sns_topic").depends_on(out);
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    CHECK(e.findings()[0].rule == "core/invalid-dependency");
    CHECK(e.findings()[0].message == "depends_on [s/o], which is not a resource, data source or module");
  }
}

TEST_CASE("an override on a local or a moved block is reported instead of being ignored", "[element]") {
  App app;
  auto& s = app.add<Stack>("s");
  auto& local = s.add<TerraformLocal>("name", Expr("x"));
  local.add_override("value", Expr("y"));
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 1);
    CHECK(e.findings()[0].rule == "core/unsupported-override");
    CHECK(e.findings()[0].address == "local.name");
    CHECK(e.findings()[0].message == "add_override() has no effect here: locals and moved blocks have no block body");
  }
}

namespace {
// Resolves references as seen from the stack itself (every element below is in it).
class RootContext : public RenderContext {
 public:
  std::string resolve(const TerraformElement& target, std::string_view attr) override {
    return target.address() + (attr.empty() ? "" : "." + std::string(attr));
  }
  std::string dependency_address(const Construct& target) override { return dynamic_cast<const TerraformElement&>(target).address(); }
  std::string provider_address(const Provider& provider) override { return provider.address(); }
};
}  // namespace

TEST_CASE("render() nests each element's block under its place, as the synthesized document holds it", "[element]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& topic = stack.add<Resource>("topic", "aws_sns_topic", Arguments{{"name", "t"}});
  auto& zone = stack.add<DataSource>("zone", "aws_route53_zone", Arguments{{"name", topic.attr("name")}});
  auto& input = stack.add<TerraformVariable>("env", VariableProps{.type = "string"});
  auto& call = stack.add<ModuleCall>("files", ModuleCallProps{.source = "terraform-aws-modules/s3-bucket/aws", .version = "4.1.0",
                                                              .inputs = {{"bucket", input.value()}}});
  auto& out = stack.add<TerraformOutput>("zone_id", OutputProps{.value = zone.attr("zone_id")});
  auto& local = stack.add<TerraformLocal>("name", "x");
  json doc = synth_file(app, "stacks/s/cdk.tf.json");
  RootContext ctx;
  const std::vector<std::pair<const TerraformElement*, std::vector<std::string>>> expected = {
      {&topic, {"resource", "aws_sns_topic", "topic"}}, {&zone, {"data", "aws_route53_zone", "zone"}},
      {&input, {"variable", "env"}}, {&call, {"module", "files"}}, {&out, {"output", "zone_id"}}};
  for (const auto& [element, keys] : expected) {
    CAPTURE(element->address());
    TerraformElement::Place place = element->place();
    REQUIRE(place.size == keys.size());
    json block = doc;
    json nested = element->render_block(ctx);
    for (size_t i = keys.size(); i > 0; --i) {
      CHECK(place.keys[i - 1] == keys[i - 1]);
      nested = json{{keys[i - 1], nested}};
    }
    for (const auto& key : keys) block = block.at(key);
    CHECK(element->render_block(ctx) == block);
    CHECK(element->render(ctx) == nested);
  }
  CHECK(local.place().size == 0);  // a local renders into the one "locals" block with the others
  CHECK_THROWS_AS(local.render_block(ctx), std::logic_error);
}
