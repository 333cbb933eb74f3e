// Patterns on plain JSON: subset objects, exact/ordered/contains arrays, the matchers, captures,
// and the exact line each difference produces.

#include <catch2/catch.hpp>

#include "lcsynth/errors.h"
#include "lcsynth/testing.h"

using namespace lcsynth::testing;
using nlohmann::json;

TEST_CASE("an object pattern matches any object holding at least its keys", "[testing][pattern]") {
  json actual = {{"bucket", "shop"}, {"tags", {{"Team", "web"}, {"Env", "dev"}}}};
  CHECK(matches(actual, {{"tags", {{"Team", "web"}}}}).ok);
  CHECK(matches(actual, json::object()).ok);
  Result r = matches(actual, {{"bucket", "shop"}, {"tags", {{"Team", "data"}}}});
  CHECK_FALSE(r.ok);
  CHECK(r.message == R"(tags.Team: expected "data", found "web")");
}

TEST_CASE("every differing property is reported, one per line, missing ones as found nothing", "[testing][pattern]") {
  Result r = matches({{"memory_size", 1024}}, {{"memory_size", 2048}, {"timeout", 900}});
  CHECK(r.message == "memory_size: expected 2048, found 1024\ntimeout: expected 900, found nothing");
}

TEST_CASE("a plain array must match item by item with the same length", "[testing][pattern]") {
  json actual = {{"layers", {"base", "auth"}}};
  CHECK(matches(actual, {{"layers", {"base", "auth"}}}).ok);
  CHECK(matches(actual, {{"layers", {"auth", "base"}}}).message == R"(layers[0]: expected "auth", found "base")" "\n"
                                                                    R"(layers[1]: expected "base", found "auth")");
  CHECK(matches(actual, {{"layers", {"base"}}}).message == R"(layers: expected ["base"], found ["base","auth"])");
}

TEST_CASE("objects inside arrays are matched as subsets too", "[testing][pattern]") {
  json actual = {{"rules", {{{"port", 443}, {"cidr", "0.0.0.0/0"}}}}};
  CHECK(matches(actual, {{"rules", json::array({{{"port", 443}}})}}).ok);
  CHECK(matches(actual, {{"rules", json::array({{{"port", 80}}})}}).message == "rules[0].port: expected 80, found 443");
}

TEST_CASE("ordered matches a subsequence in order", "[testing][pattern]") {
  json actual = {{"layers", {"base", "auth", "metrics"}}};
  CHECK(matches(actual, {{"layers", match::ordered({"base", "metrics"})}}).ok);
  CHECK(matches(actual, {{"layers", match::ordered({"metrics", "base"})}}).message ==
        R"(layers: expected ordered(["metrics","base"]), found ["base","auth","metrics"])");
}

TEST_CASE("contains matches distinct items in any order", "[testing][pattern]") {
  json actual = {{"methods", {"GET", "PUT", "POST"}}};
  CHECK(matches(actual, {{"methods", match::contains({"POST", "GET"})}}).ok);
  CHECK(matches(actual, {{"methods", match::contains({"GET", "DELETE"})}}).message ==
        R"(methods: expected contains(["GET","DELETE"]), found ["GET","PUT","POST"])");
  CHECK_FALSE(matches({{"methods", {"GET"}}}, {{"methods", match::contains({"GET", "GET"})}}).ok);
}

TEST_CASE("contains moves an earlier assignment to fit a later item", "[testing][pattern]") {
  // A greedy pass would give the first item to {"a":1,"b":2} and leave nothing for the second.
  json actual = {{"items", {{{"a", 1}, {"b", 2}}, {{"a", 1}}}}};
  CHECK(matches(actual, {{"items", match::contains(json::array({{{"a", 1}}, {{"b", 2}}}))}}).ok);
}

TEST_CASE("contains and ordered take a single non-array item as a list of one", "[testing][pattern]") {
  json actual = {{"rules", {{{"port", 443}}, {{"port", 80}}}}};
  CHECK(matches(actual, {{"rules", match::contains({{"port", 80}})}}).ok);
  CHECK(matches(actual, {{"rules", match::ordered({{"port", 8080}})}}).message ==
        R"(rules: expected an item matching {"port":8080}; closest: rules[0].port: expected 8080, found 443)");
}

TEST_CASE("an object item that nothing matches is shown with the closest item's first difference", "[testing][pattern]") {
  json actual = {{"statements", {{{"Effect", "Deny"}, {"Action", "s3:*"}}, {{"Effect", "Allow"}, {"Action", "s3:GetObject"}}}}};
  CHECK(matches(actual, {{"statements", match::contains({{"Effect", "Allow"}, {"Action", "s3:PutObject"}})}}).message ==
        R"(statements: expected an item matching {"Action":"s3:PutObject","Effect":"Allow"}; )"
        R"(closest: statements[1].Action: expected "s3:PutObject", found "s3:GetObject")");
  // An item that matches, only not often enough, is shown with the whole array.
  CHECK(matches(actual, {{"statements", match::contains(json::array({{{"Effect", "Deny"}}, {{"Effect", "Deny"}}}))}}).message ==
        R"(statements: expected contains([{"Effect":"Deny"},{"Effect":"Deny"}]), found [{"Action":"s3:*","Effect":"Deny"},{"Action":"s3:GetObject","Effect":"Allow"}])");
}

TEST_CASE("absent requires the key to be missing", "[testing][pattern]") {
  json actual = {{"ingress", json::array()}};
  CHECK(matches(actual, {{"egress", match::absent()}}).ok);
  CHECK(matches(actual, {{"ingress", match::absent()}}).message == "ingress: expected nothing, found []");
}

TEST_CASE("any requires only presence", "[testing][pattern]") {
  CHECK(matches({{"arn", nullptr}}, {{"arn", match::any()}}).ok);
  CHECK(matches(json::object(), {{"arn", match::any()}}).message == "arn: expected any(), found nothing");
}

TEST_CASE("exact requires deep equality, not a subset", "[testing][pattern]") {
  json actual = {{"tags", {{"Team", "web"}, {"Env", "dev"}}}};
  CHECK(matches(actual, {{"tags", match::exact({{"Env", "dev"}, {"Team", "web"}})}}).ok);
  CHECK(matches(actual, {{"tags", match::exact({{"Team", "web"}})}}).message ==
        R"(tags: expected exact({"Team":"web"}), found {"Env":"dev","Team":"web"})");
}

TEST_CASE("regex searches a string and refuses other values", "[testing][pattern]") {
  CHECK(matches({{"name", "shop-api"}}, {{"name", match::regex("^shop-")}}).ok);
  CHECK(matches({{"name", "web-api"}}, {{"name", match::regex("^shop-")}}).message == R"(name: expected regex("^shop-"), found "web-api")");
  CHECK(matches({{"name", 7}}, {{"name", match::regex("7")}}).message == R"(name: expected regex("7"), found 7)");
}

TEST_CASE("a malformed regex is reported when the pattern is built", "[testing][pattern]") {
  CHECK_THROWS_AS(match::regex("(unclosed"), lcsynth::Error);
  CHECK_THROWS_WITH(match::regex("(unclosed"), Catch::Matchers::StartsWith("invalid regular expression '(unclosed': "));
}

TEST_CASE("json_document decodes the string and reports differences inside it by path", "[testing][pattern]") {
  json actual = {{"policy", R"({"Statement":[{"Effect":"Allow"}]})"}};
  CHECK(matches(actual, {{"policy", match::json_document({{"Statement", match::contains({{"Effect", "Allow"}})}})}}).ok);
  CHECK(matches(actual, {{"policy", match::json_document({{"Statement", json::array({{{"Effect", "Deny"}}})}})}}).message ==
        R"(jsondecode(policy).Statement[0].Effect: expected "Deny", found "Allow")");
  CHECK(matches({{"policy", "not json"}}, {{"policy", match::json_document(json::object())}}).message ==
        R"(policy: expected json_document({}), found "not json")");
}

TEST_CASE("a capture records the value it matched", "[testing][pattern]") {
  json actual = {{"role", "${aws_iam_role.lambda.arn}"}, {"layers", {"a", "b"}}};
  Result r = matches(actual, {{"role", match::capture("role")}, {"layers", match::contains({match::capture("layer", "b")})}});
  REQUIRE(r.ok);
  CHECK(r.captured("role") == "${aws_iam_role.lambda.arn}");
  CHECK(r.captured("layer") == "b");
  CHECK_THROWS_WITH(r.captured("rol"), "no capture named 'rol' (did you mean 'role'?)");
}

TEST_CASE("a failed match captures nothing and says why when asked", "[testing][pattern]") {
  Result r = matches({{"role", "x"}}, {{"role", match::capture("role", match::regex("^arn:"))}});
  CHECK_FALSE(r.ok);
  CHECK(r.message == R"(role: expected regex("^arn:"), found "x")");
  CHECK_THROWS_WITH(r.captured("role"), R"(no capture named 'role': the assertion failed: role: expected regex("^arn:"), found "x")");
}

TEST_CASE("keys that are not plain names are quoted in paths", "[testing][pattern]") {
  CHECK(matches({{"tags", {{"kubernetes.io/role", "a"}}}}, {{"tags", {{"kubernetes.io/role", "b"}}}}).message ==
        R"(tags["kubernetes.io/role"]: expected "b", found "a")");
}

TEST_CASE("patterns describe themselves with matchers written as calls", "[testing][pattern]") {
  CHECK(describe({{"layers", match::contains({"a"})}, {"name", match::regex("^api")}, {"role", match::capture("r")}}) ==
        R"({"layers":contains(["a"]),"name":regex("^api"),"role":capture("r")})");
  CHECK(describe({{"x", match::capture("c", 1)}, {"y", match::absent()}, {"z", match::json_document({{"a", match::any()}})}}) ==
        R"({"x":capture("c", 1),"y":absent(),"z":json_document({"a":any()})})");
}
