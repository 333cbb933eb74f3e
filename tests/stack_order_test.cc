// Tests the deployment order of stacks (order_stacks, stack_nodes): dependencies first, ties in
// the given order, selections, what a selection leaves out, and the exact cycle and unknown
// stack messages.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "lcsynth/errors.h"
#include "lcsynth/stack_order.h"
#include "lcsynth/synthesizer.h"

using lcsynth::order_stacks;
using lcsynth::StackNode;
using Names = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

namespace {

StackNode node(std::string name, Names dependencies = {}) { return StackNode{name, "stacks/" + name, std::move(dependencies)}; }

Names names_of(const std::vector<StackNode>& stacks) {
  Names out;
  for (const auto& s : stacks) out.push_back(s.name);
  return out;
}

Names order_of(const std::vector<StackNode>& all, const Names& selected = {}) { return names_of(order_stacks(all, selected).stacks); }

}  // namespace

TEST_CASE("stacks without dependencies keep the order they were given in", "[stack_order]") {
  CHECK(order_of({node("b"), node("a"), node("c")}) == Names{"b", "a", "c"});
  CHECK(order_of({}).empty());
}

TEST_CASE("a stack comes after the stacks it depends on", "[stack_order]") {
  // librechat needs the registry first, even though it is listed first.
  CHECK(order_of({node("librechat", {"librechat-registry"}), node("librechat-registry")}) == Names{"librechat-registry", "librechat"});
}

TEST_CASE("among stacks ready at the same time the earlier one in the given order comes first", "[stack_order]") {
  // a waits for c; b and c are ready from the start, b is listed first.
  CHECK(order_of({node("a", {"c"}), node("b"), node("c")}) == Names{"b", "c", "a"});
  // A diamond: d needs b and c, both need a.
  CHECK(order_of({node("d", {"c", "b"}), node("c", {"a"}), node("b", {"a"}), node("a")}) == Names{"a", "c", "b", "d"});
}

TEST_CASE("the order keeps each stack's working directory and dependencies", "[stack_order]") {
  auto order = order_stacks({node("app", {"db"}), StackNode{"db", "stacks/database", {}}});
  REQUIRE(order.stacks.size() == 2);
  CHECK(order.stacks[0].name == "db");
  CHECK(order.stacks[0].working_directory == "stacks/database");
  CHECK(order.stacks[1].dependencies == Names{"db"});
}

TEST_CASE("a dependency listed twice is one edge", "[stack_order]") {
  CHECK(order_of({node("a", {"b", "b"}), node("b")}) == Names{"b", "a"});
}

TEST_CASE("a selection keeps only the named stacks, in dependency order whatever order they were named in", "[stack_order]") {
  std::vector<StackNode> all = {node("app", {"db"}), node("db", {"net"}), node("net"), node("extra")};
  CHECK(order_of(all, {"app", "net"}) == Names{"net", "app"});  // app after net, through db
  CHECK(order_of(all, {"extra"}) == Names{"extra"});
  CHECK(order_of(all, {"db", "db"}) == Names{"db"});
}

TEST_CASE("a selection reports the dependencies it leaves out and the dependents it leaves behind", "[stack_order]") {
  std::vector<StackNode> all = {node("app", {"db", "cache"}), node("db"), node("cache"), node("report", {"db"})};
  auto deploy_app = order_stacks(all, {"app", "cache"});
  CHECK(deploy_app.unselected_dependencies == Pairs{{"app", "db"}});
  CHECK(deploy_app.unselected_dependents.empty());
  auto destroy_db = order_stacks(all, {"db"});
  CHECK(destroy_db.unselected_dependencies.empty());
  CHECK(destroy_db.unselected_dependents == Pairs{{"db", "app"}, {"db", "report"}});
  auto everything = order_stacks(all);
  CHECK(everything.unselected_dependencies.empty());
  CHECK(everything.unselected_dependents.empty());
}

TEST_CASE("a dependency on a stack that is not listed at all is reported, not an error", "[stack_order]") {
  // A manifest written by `synth librechat` alone lacks librechat-registry.
  auto order = order_stacks({node("librechat", {"librechat-registry", "librechat-registry"})});
  CHECK(names_of(order.stacks) == Names{"librechat"});
  CHECK(order.unselected_dependencies == Pairs{{"librechat", "librechat-registry"}});
}

TEST_CASE("a dependency cycle is an error naming the chain", "[stack_order]") {
  CHECK_THROWS_WITH(order_stacks({node("a", {"b"}), node("b", {"c"}), node("c", {"a"}), node("d")}),
                    "stack dependency cycle: a -> b -> c -> a");
  // The chain starts at the first stack on it, not at stacks that only lead to it.
  CHECK_THROWS_WITH(order_stacks({node("x"), node("lead", {"p"}), node("p", {"q"}), node("q", {"p"})}),
                    "stack dependency cycle: p -> q -> p");
  CHECK_THROWS_WITH(order_stacks({node("self", {"self"})}), "stack dependency cycle: self -> self");
  CHECK_THROWS_AS(order_stacks({node("self", {"self"})}), lcsynth::Error);
}

TEST_CASE("an unknown selected stack is a configuration error with a suggestion", "[stack_order]") {
  std::vector<StackNode> all = {node("librechat-registry"), node("librechat")};
  CHECK_THROWS_AS(order_stacks(all, {"librechat-registy"}), lcsynth::ConfigError);
  CHECK_THROWS_WITH(order_stacks(all, {"librechat-registy"}),
                    "unknown stack 'librechat-registy' (did you mean 'librechat-registry'?); known stacks: librechat-registry, librechat");
  CHECK_THROWS_WITH(order_stacks({}, {"x"}), "unknown stack 'x'; known stacks: (none)");
}

TEST_CASE("a stack listed twice is an error", "[stack_order]") {
  CHECK_THROWS_WITH(order_stacks({node("a"), node("a")}), "stack 'a' is listed twice");
}

TEST_CASE("the stack nodes of an assembly follow its stacks", "[stack_order]") {
  lcsynth::Assembly assembly;
  assembly.stacks.push_back({"registry", "registry", "stacks/registry", {}, {}});
  assembly.stacks.push_back({"app", "app", "stacks/app", {}, {"registry"}});
  auto nodes = lcsynth::stack_nodes(assembly);
  REQUIRE(nodes.size() == 2);
  CHECK(nodes[0].name == "registry");
  CHECK(nodes[1].working_directory == "stacks/app");
  CHECK(nodes[1].dependencies == Names{"registry"});
}
