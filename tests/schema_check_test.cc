// Schema validation of rendered output against a tiny fake provider ("fake_" types) and fake
// module interfaces, plus the built-in AWS schema for the add_override escape hatch.

#include <catch2/catch.hpp>

#include <algorithm>

#include "lcsynth/schema_check.h"
#include "librechat/fixture.h"
#include "support/fixtures.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
SchemaSet fake_schemas() {
  SchemaSet s;
  s.providers.emplace_back(json::parse(R"J({
    "provider": {"source": "example/fake", "version": "1.2.3"},
    "all_resource_types": ["fake_bucket", "fake_queue"],
    "all_data_source_types": ["fake_zone"],
    "resources": {
      "fake_bucket": {"arguments": {"name": {"type": "string", "required": true}, "size": {"type": "number", "required": false},
                                    "public": {"type": "bool", "required": false}, "tags": {"type": "map(string)", "required": false}},
                      "blocks": {"rule": {"nesting": "list", "required": false, "arguments": {"days": {"type": "number", "required": true}},
                                          "blocks": {}, "attributes": ["days"]}},
                      "attributes": ["arn", "id", "name", "size", "public", "tags"]},
      "fake_queue": {"arguments": {"source": {"type": "string", "required": false}}, "blocks": {}, "attributes": ["id", "url"]}
    },
    "data_sources": {"fake_zone": {"arguments": {}, "blocks": {}, "attributes": ["zone_id"]}}
  })J"));
  s.modules.add(json::parse(R"J({"source": "example/box/fake", "version": "1.0.0", "variables": {"width": {"type": "number"}},
                                "outputs": ["box_id"]})J"));
  return s;
}

std::vector<Diagnostic> check(App& app, const SchemaSet& schemas) {
  Assembly a = synthesize(app);
  std::vector<Diagnostic> out;
  for (const auto& s : a.stacks) {
    auto f = check_schema(s, schemas);
    out.insert(out.end(), f.begin(), f.end());
  }
  return out;
}

std::vector<std::string> lines(const std::vector<Diagnostic>& findings) {
  std::vector<std::string> out;
  for (const auto& d : findings) out.push_back(format_diagnostic(d));
  return out;
}
}  // namespace

TEST_CASE("a configuration that matches the schema has no findings", "[schema_check]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& b = stack.add<Resource>("b", "fake_bucket", Arguments{{"name", "x"}, {"size", 3}, {"rule", Expr::list({Expr::map({{"days", 7}})})}});
  stack.add<Resource>("q", "fake_queue", Arguments{{"source", b.attr("arn")}});
  stack.add<DataSource>("z", "fake_zone");
  stack.add<ModuleCall>("box", ModuleCallProps{.source = "example/box/fake", .version = "1.0.0", .inputs = {{"width", 2}}});
  CHECK(check(app, fake_schemas()).empty());
}

TEST_CASE("an unknown resource type is reported with a suggestion", "[schema_check]") {
  App app;
  app.add<Stack>("s").add<Resource>("b", "fake_buckt", Arguments{{"name", "x"}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{"error schema/unknown-type [s/b] (fake_buckt.b): resource type 'fake_buckt' does not exist in the "
                                 "provider schema 1.2.3 (did you mean 'fake_bucket'?)"});
}

TEST_CASE("unknown arguments and nested arguments are reported with suggestions", "[schema_check]") {
  App app;
  app.add<Stack>("s").add<Resource>("b", "fake_bucket",
                                    Arguments{{"name", "x"}, {"szie", 1}, {"rule", Expr::map({{"days", 1}, {"dayz", 2}})}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{
            "error schema/unknown-argument [s/b] (fake_bucket.b): 'rule.dayz' is not an argument or block of fake_bucket (did you mean 'days'?)",
            "error schema/unknown-argument [s/b] (fake_bucket.b): 'szie' is not an argument or block of fake_bucket (did you mean 'size'?)"});
}

TEST_CASE("missing required arguments are reported, at the top and in blocks", "[schema_check]") {
  App app;
  app.add<Stack>("s").add<Resource>("b", "fake_bucket", Arguments{{"rule", Expr::list({Expr::map({})})}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{"error schema/missing-argument [s/b] (fake_bucket.b): fake_bucket requires 'rule.days'",
                                 "error schema/missing-argument [s/b] (fake_bucket.b): fake_bucket requires 'name'"});
}

TEST_CASE("literals of the wrong type are reported, expressions are not judged", "[schema_check]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& q = stack.add<Resource>("q", "fake_queue");
  stack.add<Resource>("b", "fake_bucket", Arguments{{"name", Expr::list({"x"})}, {"size", "big"}, {"public", "yes"},
                                                    {"tags", q.attr("url")}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{"error schema/wrong-type [s/b] (fake_bucket.b): fake_bucket.name: expected string, found [\"x\"]",
                                 "error schema/wrong-type [s/b] (fake_bucket.b): fake_bucket.public: expected bool, found \"yes\"",
                                 "error schema/wrong-type [s/b] (fake_bucket.b): fake_bucket.size: expected number, found \"big\""});
}

TEST_CASE("references to attributes a type does not export are reported", "[schema_check]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& b = stack.add<Resource>("b", "fake_bucket", Arguments{{"name", "x"}});
  stack.add<Resource>("q", "fake_queue", Arguments{{"source", b.attr("urn")}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{"error schema/unknown-attribute [s/q] (fake_queue.q): references fake_bucket.b.urn, but fake_bucket "
                                 "exports no attribute 'urn' (did you mean 'arn'?)"});
}

TEST_CASE("references to undeclared elements, variables and locals are reported", "[schema_check]") {
  // Typed references cannot dangle (and add_override escapes literal "${"), so this safety
  // net is fed a hand-written document, as a foreign generator might produce.
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "resource": {"fake_queue": {"q": {"//": {"metadata": {"path": "s/q"}},
        "source": "${fake_bucket.gone.arn}-${var.nope}-${local.nada}-$${fake_bucket.escaped.arn}"}}}})J");
  CHECK(lines(check_schema(stack, fake_schemas())) ==
        std::vector<std::string>{"error schema/dangling-reference [s/q] (fake_queue.q): references fake_bucket.gone, which this module does not declare",
                                 "error schema/dangling-reference [s/q] (fake_queue.q): references var.nope, which this module does not declare",
                                 "error schema/dangling-reference [s/q] (fake_queue.q): references local.nada, which this module does not declare"});
}

TEST_CASE("only whole traversals are read as references: not after a dot or a quote, with indexes and data sources", "[schema_check]") {
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "resource": {"fake_queue": {"q": {"//": {"metadata": {"path": "s/q"}},
        "source": "${jsonencode({\"fake_bucket.quoted.arn\" = x.var.hidden})}${fake_bucket.gone[0].arn}${data.fake_zone.missing.zone_id}${upper(var.nope)}"}}}})J");
  CHECK(lines(check_schema(stack, fake_schemas())) ==
        std::vector<std::string>{"error schema/dangling-reference [s/q] (fake_queue.q): references fake_bucket.gone, which this module does not declare",
                                 "error schema/dangling-reference [s/q] (fake_queue.q): references data.fake_zone.missing, which this module does not declare",
                                 "error schema/dangling-reference [s/q] (fake_queue.q): references var.nope, which this module does not declare"});
}

TEST_CASE("interpolations are found past lone and escaped dollars, nested braces, and up to the end when unterminated", "[schema_check]") {
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "resource": {"fake_queue": {"q": {"//": {"metadata": {"path": "s/q"}},
        "source": "cost $5 ${var.a}$${var.escaped}$$${var.b}${merge({x = {y = var.c}}, {})}} $ {var.no} ${var.d"}}}})J");
  std::vector<std::string> expected;
  for (const char* v : {"a", "b", "c", "d"})
    expected.push_back(std::string("error schema/dangling-reference [s/q] (fake_queue.q): references var.") + v + ", which this module does not declare");
  CHECK(lines(check_schema(stack, fake_schemas())) == expected);
}

TEST_CASE("references inside a traversal's index brackets are found, after the traversal is skipped for types", "[schema_check]") {
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "resource": {"fake_bucket": {"b": {"//": {"metadata": {"path": "s/b"}}, "name": "x"}},
                 "fake_queue": {"q": {"//": {"metadata": {"path": "s/q"}},
        "source": "${fake_bucket.b[var.i].arn}-${fake_bucket.gone[local.k].arn}-${fake_bucket.b[\"fake_queue.hidden\"].arn}"}}}})J");
  CHECK(lines(check_schema(stack, fake_schemas())) ==
        std::vector<std::string>{"error schema/dangling-reference [s/q] (fake_queue.q): references var.i, which this module does not declare",
                                 "error schema/dangling-reference [s/q] (fake_queue.q): references local.k, which this module does not declare",
                                 "error schema/dangling-reference [s/q] (fake_queue.q): references fake_bucket.gone, which this module does not declare"});
}

TEST_CASE("an interpolation repeated in a document is reported at every occurrence until it is found clean", "[schema_check]") {
  // The checker scans a text found clean once per document; one with a finding, every time.
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "resource": {"fake_bucket": {"b": {"//": {"metadata": {"path": "s/b"}}, "name": "x"}},
                 "fake_queue": {"q1": {"//": {"metadata": {"path": "s/q1"}}, "source": "${fake_bucket.b.arn}${var.nope}${var.nope}"},
                                "q2": {"//": {"metadata": {"path": "s/q2"}}, "source": "${fake_bucket.b.arn}-${var.nope}-${fake_bucket.b.urn}"},
                                "q3": {"//": {"metadata": {"path": "s/q3"}}, "source": "${fake_bucket.b.urn}"}}}})J");
  CHECK(lines(check_schema(stack, fake_schemas())) ==
        std::vector<std::string>{"error schema/dangling-reference [s/q1] (fake_queue.q1): references var.nope, which this module does not declare",
                                 "error schema/dangling-reference [s/q1] (fake_queue.q1): references var.nope, which this module does not declare",
                                 "error schema/dangling-reference [s/q2] (fake_queue.q2): references var.nope, which this module does not declare",
                                 "error schema/unknown-attribute [s/q2] (fake_queue.q2): references fake_bucket.b.urn, but fake_bucket exports no "
                                 "attribute 'urn' (did you mean 'arn'?)",
                                 "error schema/unknown-attribute [s/q3] (fake_queue.q3): references fake_bucket.b.urn, but fake_bucket exports no "
                                 "attribute 'urn' (did you mean 'arn'?)"});
}

TEST_CASE("references inside nested blocks, maps and lists are found and reported at the block's path", "[schema_check]") {
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "resource": {"fake_bucket": {"b": {"//": {"metadata": {"path": "s/b"}}, "name": "x",
        "rule": [{"days": "${var.days}"}], "tags": {"Owner": "${local.owner}", "List": ["${fake_queue.gone.url}"]}}}}})J");
  CHECK(lines(check_schema(stack, fake_schemas())) ==
        std::vector<std::string>{"error schema/dangling-reference [s/b] (fake_bucket.b): references var.days, which this module does not declare",
                                 "error schema/dangling-reference [s/b] (fake_bucket.b): references fake_queue.gone, which this module does not declare",
                                 "error schema/dangling-reference [s/b] (fake_bucket.b): references local.owner, which this module does not declare"});
}

TEST_CASE("a number given as a string is accepted only when it is a decimal", "[schema_check]") {
  App app;
  auto& stack = app.add<Stack>("s");
  stack.add<Resource>("a", "fake_bucket", Arguments{{"name", "x"}, {"size", "-12.5"}});
  stack.add<Resource>("b", "fake_bucket", Arguments{{"name", "x"}, {"size", "12."}});
  stack.add<Resource>("c", "fake_bucket", Arguments{{"name", "x"}, {"size", ".5"}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{"error schema/wrong-type [s/b] (fake_bucket.b): fake_bucket.size: expected number, found \"12.\"",
                                 "error schema/wrong-type [s/c] (fake_bucket.c): fake_bucket.size: expected number, found \".5\""});
}

TEST_CASE("module inputs and outputs are checked against the module's interface", "[schema_check]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& box = stack.add<ModuleCall>("box", ModuleCallProps{.source = "example/box/fake", .version = "1.0.0", .inputs = {{"widht", 2}}});
  stack.add<Resource>("q", "fake_queue", Arguments{{"source", box.output("box_idd")}});
  CHECK(lines(check(app, fake_schemas())) ==
        std::vector<std::string>{
            "error schema/unknown-module-input [s/box] (module.box): module 'box' (example/box/fake) has no input 'widht' (did you mean 'width'?)",
            "error schema/unknown-module-output [s/q] (fake_queue.q): module 'box' (example/box/fake) has no output 'box_idd' (did you mean 'box_id'?)"});
}

TEST_CASE("calls of local modules are checked against the module's document, once it is checked", "[schema_check]") {
  // A hand-written stack, as in the test of undeclared references above: the root calls a local
  // module that was synthesized ("box") and one that was not ("missing", not checked), and
  // references outputs of both and of a call it does not make ("ghost").
  StackArtifact stack{"s", "s", "stacks/s", {}, {}};
  stack.files["stacks/s/modules/box/main.tf.json"] = json::parse(R"J({
    "variable": {"width": {"type": "number"}}, "output": {"box_id": {"value": "${var.width}"}}})J");
  stack.files["stacks/s/cdk.tf.json"] = json::parse(R"J({
    "module": {"box": {"source": "./modules/box", "widht": 2},
               "missing": {"source": "./modules/missing", "anything": 1}},
    "output": {"a": {"value": "${module.box.box_idd}"}, "b": {"value": "${module.ghost.id}"},
               "c": {"value": "${module.box.box_id} ${module.missing.whatever}"}}})J");
  CHECK(lines(check_schema(stack, fake_schemas())) ==
        std::vector<std::string>{
            "error schema/unknown-module-input [s] (module.box): module 'box' (./modules/box) has no input 'widht' (did you mean 'width'?)",
            "error schema/unknown-module-output [s] (output.a): module 'box' (./modules/box) has no output 'box_idd' (did you mean 'box_id'?)",
            "error schema/dangling-reference [s] (output.b): references module.ghost, which this module does not declare"});
}

TEST_CASE("types of providers without a schema are not checked", "[schema_check]") {
  App app;
  app.add<Stack>("s").add<Resource>("r", "null_resource", Arguments{{"anything", 1}});
  CHECK(check(app, fake_schemas()).empty());
}

TEST_CASE("a misspelled add_override on the real stack is caught by the built-in AWS schema", "[schema_check]") {
  App app;
  auto config = librechat::load_librechat_config(Config{test::LibreChat::example(), "dev.json"});
  librechat::build_librechat_stack(app, config);
  auto& fn = static_cast<Resource&>(app.find_stack("librechat").find("backend/api"));
  fn.add_override("memroy_size", 2048);
  try {
    synthesize(app, SynthOptions{.schemas = &builtin_schemas()});
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 1);
    CHECK(format_diagnostic(e.findings()[0]) ==
          "error schema/unknown-argument [librechat/backend/api] (module.backend.aws_lambda_function.api): 'memroy_size' is not an "
          "argument or block of aws_lambda_function (did you mean 'memory_size'?)");
  }
}

TEST_CASE("both LibreChat stacks pass the built-in schemas", "[schema_check]") {
  for (const char* config : {"dev.json", "prod.json"}) {
    CAPTURE(config);
    App app;
    auto c = librechat::load_librechat_config(Config{test::LibreChat::example(config), config});
    librechat::build_registry_stack(app, c);
    librechat::build_librechat_stack(app, c);
    Assembly a;
    REQUIRE_NOTHROW(a = synthesize(app, SynthOptions{.schemas = &builtin_schemas()}));
    // Synthesis checked the references where they are written; read back from the documents'
    // text, every one of them names what its module declares and its type exports too.
    for (const auto& s : a.stacks) CHECK(lines(check_schema(s, builtin_schemas())).empty());
  }
}

// --- References checked where they are written (check_typed_references), as synthesis does ---

namespace {
// The findings of a synthesis with `schemas`: its references checked at their source and its
// documents without reading references back from their text.
std::vector<Diagnostic> synthesized(App& app, const SchemaSet& schemas) {
  try {
    return synthesize(app, SynthOptions{.schemas = &schemas}).warnings;
  } catch (const SynthesisError& e) {
    return e.findings();
  }
}

std::vector<std::string> sorted_lines(const std::vector<Diagnostic>& findings) {
  std::vector<std::string> out = lines(findings);
  std::sort(out.begin(), out.end());
  return out;
}

// A queue in a module, reading an attribute of a bucket in the stack (threaded in as a variable).
class Reader : public ModuleBoundary {
 public:
  Reader(Construct& scope, std::string id, const Expr& read) : ModuleBoundary(scope, std::move(id)) {
    add<Resource>("q", "fake_queue", Arguments{{"source", read}});
  }
};
}  // namespace

TEST_CASE("a synthesis finds the references the documents' text would show, at the referring element", "[schema_check]") {
  // Each app's typed references give what reading them back from the rendered text gives.
  auto build = GENERATE(as<std::string>{}, "attribute", "data attribute", "module output", "indexes", "clean");
  CAPTURE(build);
  App app;
  auto& stack = app.add<Stack>("s");
  auto& b = stack.add<Resource>("b", "fake_bucket", Arguments{{"name", "x"}});
  auto& z = stack.add<DataSource>("z", "fake_zone");
  auto& box = stack.add<ModuleCall>("box", ModuleCallProps{.source = "example/box/fake", .version = "1.0.0", .inputs = {{"width", 2}}});
  Arguments args;
  if (build == "attribute") args = {{"source", b.attr("urn")}};
  if (build == "data attribute") args = {{"source", Expr::format("{}-{}", {z.attr("zone_idd"), b.attr("arn")})}};
  if (build == "module output") args = {{"source", box.output("box_idd")}};
  if (build == "indexes")
    args = {{"source", Expr::format("{} {} {} {} {}", {b.attr("[0].urn"), b.attr("urn[0]"), b.attr("tags.x"), b.attr("[0]"), box.output("[0].x")})}};
  if (build == "clean")
    args = {{"source", Expr::format("{} {} {} {} {}", {b.attr("arn"), b.attr("rule"), z.attr("zone_id"), box.output("box_id"), b.attr("")})}};
  stack.add<Resource>("q", "fake_queue", args);
  std::vector<std::string> in_text = sorted_lines(check(app, fake_schemas()));
  CHECK(sorted_lines(synthesized(app, fake_schemas())) == in_text);
  CHECK(in_text.size() == (build == "clean" ? 0 : build == "indexes" ? 2 : 1));
}

TEST_CASE("a reference made inside a module is reported at the element that makes it, with its module's address", "[schema_check]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& b = stack.add<Resource>("b", "fake_bucket", Arguments{{"name", "x"}});
  auto& box = stack.add<ModuleCall>("box", ModuleCallProps{.source = "example/box/fake", .version = "1.0.0"});
  stack.add<Reader>("reader", b.attr("urn"));
  stack.add<Reader>("boxed", box.output("box_idd"));
  CHECK(lines(synthesized(app, fake_schemas())) ==
        std::vector<std::string>{
            "error schema/unknown-attribute [s/reader/q] (module.reader.fake_queue.q): references fake_bucket.b.urn, but fake_bucket "
            "exports no attribute 'urn' (did you mean 'arn'?)",
            "error schema/unknown-module-output [s/boxed/q] (module.boxed.fake_queue.q): module 'box' (example/box/fake) has no output "
            "'box_idd' (did you mean 'box_id'?)"});
}

TEST_CASE("a checker told references are typed does not read them from the text", "[schema_check]") {
  json doc = json::parse(R"J({"resource": {"fake_queue": {"q": {"source": "${fake_bucket.gone.urn} ${var.nope}"}}}})J");
  SchemaSet schemas = fake_schemas();
  SchemaChecker in_text(schemas);
  CHECK(in_text.check("stacks/s/cdk.tf.json", doc, "", "s").size() == 2);
  SchemaChecker typed(schemas, SchemaChecker::References::kTyped);
  CHECK(typed.check("stacks/s/cdk.tf.json", doc, "", "s").empty());
}

namespace {
// A bucket in module "inner" under module "outer", read from the stack (threaded up), and a
// queue in "inner" reading a topic of the stack (threaded down); another stack reads both.
class Inner : public ModuleBoundary {
 public:
  Inner(Construct& scope, std::string id, const TerraformElement& topic) : ModuleBoundary(scope, std::move(id)) {
    bucket = &add<Resource>("b", "fake_bucket", Arguments{{"name", topic.attr("name")}});
    add<Resource>("q", "fake_queue", Arguments{{"source", Expr::format("{}/{}", {topic.attr("arn"), bucket->attr("arn")})}});
  }
  const Resource* bucket = nullptr;
};
class Outer : public ModuleBoundary {
 public:
  Outer(Construct& scope, std::string id, const TerraformElement& topic) : ModuleBoundary(scope, std::move(id)) {
    inner = &add<Inner>("inner", topic);
  }
  const Inner* inner = nullptr;
};
}  // namespace

TEST_CASE("rendered documents declare everything their references name, across modules and stacks", "[schema_check]") {
  // What synthesis no longer reads back from the text (SchemaChecker::References::kTyped) is
  // rendering's to get right: each threaded variable, threaded output and remote state.
  App app;
  auto& s = app.add<Stack>("s");
  auto& topic = s.add<Resource>("topic", "fake_bucket", Arguments{{"name", "t"}});
  auto& outer = s.add<Outer>("outer", topic);
  s.add<Resource>("reads_up", "fake_queue", Arguments{{"source", outer.inner->bucket->attr("arn")}});
  auto& t = app.add<Stack>("t");
  t.add<Resource>("remote", "fake_queue", Arguments{{"source", Expr::format("{} {}", {topic.attr("arn"), outer.inner->bucket->attr("id")})}});
  t.add<Outer>("outer", topic);
  SchemaSet schemas = fake_schemas();
  Assembly a = synthesize(app, SynthOptions{.schemas = &schemas});
  CHECK(a.warnings.empty());
  size_t documents = 0;
  for (const auto& stack : a.stacks) {
    documents += stack.files.size();
    CHECK(lines(check_schema(stack, schemas)).empty());
  }
  CHECK(documents == 6);  // each stack's root, outer and inner
}
