// The construct tree: ids, paths, ordering, lookups, locking and Stack::of.

#include <catch2/catch.hpp>

#include "support/fixtures.h"

using lcsynth::App;
using lcsynth::ConstructError;
using lcsynth::Group;
using lcsynth::Stack;

using lcsynth::test::error_of;

TEST_CASE("paths join ids from the stack down with slashes", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("prod");
  auto& group = stack.add<Group>("network");
  auto& leaf = group.add<Group>("vpc-1");
  CHECK(app.path() == "");
  CHECK(stack.path() == "prod");
  CHECK(leaf.path() == "prod/network/vpc-1");
  CHECK(&leaf.app() == &app);
}

TEST_CASE("children keep insertion order", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("s");
  for (const char* id : {"zeta", "alpha", "mid"}) stack.add<Group>(id);
  std::vector<std::string> ids;
  for (const auto& c : stack.children()) ids.push_back(c->id());
  CHECK(ids == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("a duplicate child id throws with the parent's path", "[construct]") {
  App app;
  auto& backend = app.add<Stack>("librechat").add<Group>("backend");
  backend.add<Group>("role");
  CHECK(error_of([&] { backend.add<Group>("role"); }) ==
        "[librechat/backend] duplicate child id 'role': ids must be unique among siblings");
}

TEST_CASE("invalid ids throw and say what is allowed", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto id = GENERATE(as<std::string>{}, "", "a/b", "a b", "ünï", "x.y", std::string(65, 'a'));
  CAPTURE(id);
  CHECK(error_of([&] { stack.add<Group>(id); }) ==
        "[s] invalid child id '" + id + "': expected 1-64 characters of A-Z a-z 0-9 _ -");
}

TEST_CASE("adding after synthesis has started throws with the path", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("s");
  lcsynth::synthesize(app);
  CHECK(app.locked());
  CHECK(error_of([&] { stack.add<Group>("late"); }) ==
        "[s] cannot add child 'late': synthesis has started and the tree is locked");
}

TEST_CASE("find and try_find look up children and descendants", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& leaf = stack.add<Group>("a").add<Group>("b");
  CHECK(stack.try_find("a/b") == &leaf);
  CHECK(&stack.find("a/b") == &leaf);
  CHECK(stack.try_find("a/c") == nullptr);
  CHECK(stack.try_find_child("zz") == nullptr);
  CHECK(error_of([&] { stack.find("a/bb"); }) == "[s/a] no child with id 'bb' (did you mean 'b'?)");
  CHECK(error_of([&] { stack.find_child("x"); }) == "[s] no child with id 'x'");
}

TEST_CASE("Stack::of walks up to the enclosing stack", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("s");
  auto& deep = stack.add<Group>("a").add<Group>("b");
  CHECK(&Stack::of(deep) == &stack);
  CHECK(&Stack::of(stack) == &stack);
  CHECK(Stack::try_of(app) == nullptr);
  CHECK(Stack::try_of(app.add<Group>("loose").add<Group>("x")) == nullptr);  // under the app, but no stack above
  CHECK(error_of([&] { Stack::of(app); }) == "[<app>] is not inside a stack");
}

TEST_CASE("stacks must be direct children of the app", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("s");
  CHECK(error_of([&] { stack.add<Stack>("inner"); }) == "[s] stack 'inner' must be a direct child of the App");
}

TEST_CASE("apps find stacks by name with a suggestion", "[construct]") {
  App app;
  auto& stack = app.add<Stack>("librechat");
  CHECK(app.try_find_stack("librechat") == &stack);
  CHECK(error_of([&] { app.find_stack("librechta"); }) == "[<app>] no stack named 'librechta' (did you mean 'librechat'?)");
}

TEST_CASE("closest_match suggests only close names", "[construct]") {
  CHECK(lcsynth::closest_match("memroy_size", {"memory_size", "timeout"}) == "memory_size");
  CHECK(lcsynth::closest_match("zzz", {"memory_size", "timeout"}).empty());
}
