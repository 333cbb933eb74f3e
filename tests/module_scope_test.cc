// Module scopes: the address prefix of the elements written into a scope.

#include <catch2/catch.hpp>

#include "lcsynth/lcsynth.h"

using namespace lcsynth;

namespace {
class Box : public ModuleBoundary {
 public:
  Box(Construct& scope, std::string id) : ModuleBoundary(scope, std::move(id)) {}
};
}  // namespace

TEST_CASE("a scope's address prefix names every module from the stack down, by module name", "[module_scope]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& outer = stack.add<Group>("g").add<Box>("outer");  // a group's id joins the module's name
  auto& inner = outer.add<Box>("inner");
  inner.override_module_name("renamed");
  CHECK(address_prefix(stack).empty());
  CHECK(address_prefix(outer) == "module.g_outer.");
  CHECK(address_prefix(inner) == "module.g_outer.module.renamed.");
  auto& q = inner.add<Resource>("q", "aws_sqs_queue");
  CHECK(address_prefix(ModuleScope::of(q)) + q.address() == "module.g_outer.module.renamed.aws_sqs_queue.q");
}
