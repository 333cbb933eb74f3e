// The dependency graph: edges from references and depends_on, reachability, and cycles
// reported as a chain of construct paths and Terraform addresses.

#include <catch2/catch.hpp>

#include "support/fixtures.h"

using namespace lcsynth;

TEST_CASE("references and depends_on become edges", "[graph]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& a = stack.add<Resource>("a", "aws_sns_topic");
  auto& b = stack.add<Resource>("b", "aws_sqs_queue", Arguments{{"name", a.attr("name")}});
  auto& c = stack.add<Resource>("c", "aws_sqs_queue");
  c.depends_on(b);
  DependencyGraph g(stack);
  CHECK(g.dependencies(b) == std::vector<const TerraformElement*>{&a});
  CHECK(g.dependencies(c) == std::vector<const TerraformElement*>{&b});
  CHECK(g.reachable_from(c) == std::vector<const TerraformElement*>{&b, &a});
  CHECK(g.find_cycle().empty());
}

TEST_CASE("a cycle is a synthesis error that prints the chain", "[graph]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& a = stack.add<Resource>("a", "aws_security_group");
  auto& b = stack.add<Resource>("b", "aws_security_group", Arguments{{"ingress", a.attr("id")}});
  a.set("egress", b.attr("id"));
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    REQUIRE(e.findings().size() == 1);
    CHECK(e.findings()[0].rule == "core/dependency-cycle");
    CHECK(e.findings()[0].message ==
          "dependency cycle: s/a (aws_security_group.a) -> s/b (aws_security_group.b) -> s/a (aws_security_group.a)");
  }
}

TEST_CASE("a cycle through module boundaries names the variables and outputs on the way", "[graph]") {
  class Box : public ModuleBoundary {
   public:
    Box(Construct& scope, std::string id) : ModuleBoundary(scope, std::move(id)) {}
    Expr in(std::optional<Expr> v) { return input("peer", {.type = "string"}, std::move(v)); }
    void out(Expr v) { output("id", std::move(v), "id"); }
  };
  App app;
  auto& stack = app.add<Stack>("s");
  auto& x = stack.add<Box>("x");
  auto& y = stack.add<Box>("y");
  auto& rx = x.add<Resource>("r", "aws_security_group");
  auto& ry = y.add<Resource>("r", "aws_security_group");
  x.out(rx.attr("id"));
  y.out(ry.attr("id"));
  rx.set("description", x.in(y.output_ref("id")));
  ry.set("description", y.in(x.output_ref("id")));
  try {
    synthesize(app);
    FAIL("expected a SynthesisError");
  } catch (const SynthesisError& e) {
    CHECK(e.findings()[0].message ==
          "dependency cycle: s/x/r (aws_security_group.r) -> s/x/inputs/peer (var.peer) -> s/y/outputs/id (output.id) -> "
          "s/y/r (aws_security_group.r) -> s/y/inputs/peer (var.peer) -> s/x/outputs/id (output.id) -> s/x/r (aws_security_group.r)");
  }
}

TEST_CASE("a self-reference is a cycle of one", "[graph]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& a = stack.add<Resource>("a", "aws_sns_topic");
  a.set("name", a.attr("id"));
  DependencyGraph g(stack);
  CHECK(describe_cycle(g.find_cycle()) == "s/a (aws_sns_topic.a) -> s/a (aws_sns_topic.a)");
}

TEST_CASE("cycle detection handles long chains without recursion", "[graph]") {
  App app;
  auto& stack = app.add<Stack>("s");
  std::vector<Resource*> chain;
  for (int i = 0; i < 20000; ++i) {
    auto& r = stack.add<Resource>("r" + std::to_string(i), "aws_sns_topic");
    if (!chain.empty()) r.set("name", chain.back()->attr("name"));
    chain.push_back(&r);
  }
  DependencyGraph g(stack);
  CHECK(g.find_cycle().empty());
  CHECK(g.reachable_from(*chain.back()).size() == 19999);
}
