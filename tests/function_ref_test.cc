// FunctionRef: calls what it refers to, with its arguments and result, whatever that captures.

#include <catch2/catch.hpp>

#include <string>

#include "lcsynth/function_ref.h"

using lcsynth::FunctionRef;

namespace {
int apply(FunctionRef<int(int, const std::string&)> f, int n, const std::string& s) { return f(n, s); }
}  // namespace

TEST_CASE("a FunctionRef calls a lambda with many captures, passing arguments and the result through", "[function_ref]") {
  int a = 1, b = 2, c = 3, d = 4;  // more than std::function holds in place
  std::string seen;
  auto f = [&](int n, const std::string& s) {
    seen += s;
    return n + a + b + c + d;
  };
  CHECK(apply(f, 10, "x") == 20);
  CHECK(apply(f, 0, "y") == 10);
  CHECK(seen == "xy");
}

TEST_CASE("a FunctionRef refers to the callable itself, not a copy, and can be passed on", "[function_ref]") {
  int calls = 0;
  auto count = [&calls](int n, const std::string&) { return ++calls + n; };
  FunctionRef<int(int, const std::string&)> ref = count;
  FunctionRef<int(int, const std::string&)> copy = ref;  // a copy refers to the same callable
  CHECK(ref(0, "") == 1);
  CHECK(copy(100, "") == 102);
  CHECK(apply(copy, 0, "") == 3);
  CHECK(calls == 3);
}
