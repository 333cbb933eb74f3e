// Tests the stack catalog (StackCatalog): registration, lookup, and the exact messages for
// invalid, duplicate and unknown stack names.
#include <catch2/catch.hpp>

#include <string>

#include "hello/hello_stack.h"
#include "lcsynth/app.h"
#include "lcsynth/catalog.h"
#include "lcsynth/errors.h"
#include "lcsynth/stack.h"

using lcsynth::StackCatalog;
using lcsynth::StackEntry;

namespace {

StackEntry entry(std::string name, std::string description = "a stack") {
  return StackEntry{std::move(name), std::move(description), [](lcsynth::App&, const lcsynth::Config&) {}};
}

StackCatalog hello_catalog() {
  StackCatalog catalog;
  catalog.add({"hello", "Example: a private bucket and a reader role", hello::build_hello_stack});
  return catalog;
}

}  // namespace

TEST_CASE("a new catalog has no entries", "[catalog]") {
  StackCatalog catalog;
  CHECK(catalog.entries().empty());
  CHECK(catalog.try_find("hello") == nullptr);
}

TEST_CASE("added stacks are found by name and listed in the order they were added", "[catalog]") {
  StackCatalog catalog;
  catalog.add(entry("web", "the web tier"));
  catalog.add(entry("db", "the database"));
  REQUIRE(catalog.entries().size() == 2);
  CHECK(catalog.entries()[0].name == "web");
  CHECK(catalog.entries()[1].name == "db");

  const StackEntry* db = catalog.try_find("db");
  REQUIRE(db != nullptr);
  CHECK(db->description == "the database");
  CHECK(&catalog.find("web") == &catalog.entries()[0]);
  CHECK(catalog.find("web").description == "the web tier");
}

TEST_CASE("try_find returns null for an unknown name and does not match prefixes or case", "[catalog]") {
  StackCatalog catalog;
  catalog.add(entry("hello"));
  CHECK(catalog.try_find("helo") == nullptr);
  CHECK(catalog.try_find("hell") == nullptr);
  CHECK(catalog.try_find("Hello") == nullptr);
  CHECK(catalog.try_find("") == nullptr);
}

TEST_CASE("a found entry's build function adds its stack to the app", "[catalog]") {
  StackCatalog catalog = hello_catalog();
  lcsynth::App app;
  catalog.find("hello").build(app, lcsynth::Config{});
  REQUIRE(app.stacks().size() == 1);
  CHECK(app.stacks()[0]->id() == "hello");
  CHECK(app.stacks()[0]->props().description == "Example: a private bucket and a reader role");
}

TEST_CASE("registering a name twice throws and keeps the first entry", "[catalog]") {
  StackCatalog catalog;
  catalog.add(entry("hello", "first"));
  CHECK_THROWS_AS(catalog.add(entry("hello", "second")), lcsynth::Error);
  CHECK_THROWS_WITH(catalog.add(entry("hello", "second")), "stack 'hello' is registered twice");
  REQUIRE(catalog.entries().size() == 1);
  CHECK(catalog.entries()[0].description == "first");
}

TEST_CASE("an invalid stack name is rejected with the name quoted", "[catalog]") {
  StackCatalog catalog;
  CHECK_THROWS_AS(catalog.add(entry("bad name")), lcsynth::Error);
  CHECK_THROWS_WITH(catalog.add(entry("bad name")), "invalid stack name 'bad name' in the catalog");
  CHECK_THROWS_WITH(catalog.add(entry("")), "invalid stack name '' in the catalog");
  CHECK_THROWS_WITH(catalog.add(entry("a/b")), "invalid stack name 'a/b' in the catalog");
  CHECK_THROWS_WITH(catalog.add(entry(std::string(65, 'x'))), "invalid stack name '" + std::string(65, 'x') + "' in the catalog");
  CHECK(catalog.entries().empty());
}

TEST_CASE("names of 1 to 64 letters, digits, '_' and '-' are valid stack names", "[catalog]") {
  StackCatalog catalog;
  CHECK_NOTHROW(catalog.add(entry("a")));
  CHECK_NOTHROW(catalog.add(entry("Prod_eu-west-1")));
  CHECK_NOTHROW(catalog.add(entry(std::string(64, 'x'))));
  CHECK(catalog.entries().size() == 3);
}

TEST_CASE("finding a misspelled stack suggests the closest name and lists the known ones", "[catalog]") {
  StackCatalog catalog = hello_catalog();
  try {
    catalog.find("helo");
    FAIL("find(\"helo\") did not throw");
  } catch (const lcsynth::ConfigError& e) {
    CHECK(e.what() == std::string("unknown stack 'helo' (did you mean 'hello'?); known stacks: hello"));
  }
}

TEST_CASE("finding a name far from every stack gives no suggestion and lists all known stacks", "[catalog]") {
  StackCatalog catalog;
  catalog.add(entry("network"));
  catalog.add(entry("database"));
  CHECK_THROWS_AS(catalog.find("frontend"), lcsynth::ConfigError);
  CHECK_THROWS_WITH(catalog.find("frontend"), "unknown stack 'frontend'; known stacks: network, database");
}

TEST_CASE("finding a stack in an empty catalog says there are none", "[catalog]") {
  StackCatalog catalog;
  CHECK_THROWS_AS(catalog.find("hello"), lcsynth::ConfigError);
  CHECK_THROWS_WITH(catalog.find("hello"), "unknown stack 'hello'; known stacks: (none)");
}
