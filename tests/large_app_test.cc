// The large-app hook: called once, by the first App to reach kLargeAppConstructs constructs.

#include <catch2/catch.hpp>

#include <string>

#include "lcsynth/large_app.h"
#include "support/fixtures.h"

using lcsynth::App;
using lcsynth::Group;
using lcsynth::kLargeAppConstructs;
using lcsynth::Stack;

namespace {
int g_calls = 0;
void count_call() { ++g_calls; }

// Adds `n` constructs under `app` (a stack and groups of at most 64), so that it holds n.
void add_constructs(App& app, size_t n, const std::string& stack_id) {
  auto& stack = app.add<Stack>(stack_id);
  Group* group = nullptr;
  for (size_t added = 1; added < n; ++added) {
    if (group == nullptr || group->children().size() == 64) {
      group = &stack.add<Group>("g" + std::to_string(added));
      continue;
    }
    group->add<Group>("c" + std::to_string(added));
  }
}
}  // namespace

TEST_CASE("the large-app hook runs once, when the first app reaches kLargeAppConstructs constructs", "[large_app]") {
  g_calls = 0;
  lcsynth::on_large_app(&count_call);
  App app;
  add_constructs(app, kLargeAppConstructs - 1, "s");
  CHECK(g_calls == 0);  // one short
  app.find_stack("s").add<Group>("last");
  CHECK(g_calls == 1);
  app.find_stack("s").add<Group>("more");
  CHECK(g_calls == 1);

  App second;  // the hook was taken by the first
  add_constructs(second, kLargeAppConstructs + 10, "s");
  CHECK(g_calls == 1);

  lcsynth::on_large_app(&count_call);  // set again: the next app to grow large runs it
  App small;
  add_constructs(small, 100, "s");
  CHECK(g_calls == 1);
  App third;
  add_constructs(third, kLargeAppConstructs, "s");
  CHECK(g_calls == 2);
  lcsynth::on_large_app(nullptr);
}
