// Decoding JSON documents from rendered string properties: jsonencode() as lcsynth renders it
// (checked against Expr's own rendering), literal JSON text, and strings that hold neither.

#include <catch2/catch.hpp>

#include "lcsynth/testing.h"
#include "support/fixtures.h"

using lcsynth::Expr;
using lcsynth::testing::decode_json_document;
using nlohmann::json;
namespace fn = lcsynth::fn;

namespace {
// What a jsonencode() argument renders as in a synthesized document.
json rendered(const Expr& e) { return lcsynth::test::render(fn::jsonencode(e)); }

std::optional<json> decoded(const Expr& e) { return decode_json_document(rendered(e)); }
}  // namespace

TEST_CASE("a rendered jsonencode of literals decodes to the same JSON", "[testing][json_document]") {
  Expr policy = Expr::map({{"Version", "2012-10-17"},
                           {"Statement", Expr::list({Expr::map({{"Effect", "Allow"}, {"Action", Expr::list({"s3:GetObject"})},
                                                                {"Condition", Expr::map({{"Bool", Expr::map({{"aws:SecureTransport", false}})}})},
                                                                {"Sid", nullptr}, {"Max", 3}, {"Ratio", -0.5}})})}});
  REQUIRE(rendered(policy).get<std::string>().rfind("${jsonencode({", 0) == 0);
  CHECK(decoded(policy) == policy.literal_value());
}

TEST_CASE("references, calls and templates inside jsonencode decode as they render elsewhere", "[testing][json_document]") {
  lcsynth::App app;
  auto& stack = app.add<lcsynth::Stack>("s");
  auto& bucket = stack.add<lcsynth::Resource>("files", "aws_s3_bucket");
  Expr doc = Expr::map({{"Resource", Expr::list({bucket.attr("arn"), Expr::format("{}/*", {bucket.attr("arn")})})},
                        {"Region", Expr::index(fn::split(":", bucket.attr("arn")), 3)},
                        {"Pick", Expr::conditional(Expr::binary(Expr::count_index(), "==", 0), "a", "b")}});
  CHECK(decoded(doc) == json::parse(R"J({"Resource": ["${aws_s3_bucket.files.arn}", "${aws_s3_bucket.files.arn}/*"],
                                         "Region": "${split(\":\", aws_s3_bucket.files.arn)[3]}",
                                         "Pick": "${((count.index == 0) ? \"a\" : \"b\")}"})J"));
}

TEST_CASE("escapes in jsonencoded strings decode, template sequences stay escaped as in Terraform JSON", "[testing][json_document]") {
  Expr doc = Expr::map({{"Text", "quote \" backslash \\ newline \n tab \t bell \x07"},
                        {"Literal", "${aws:username} and %{if}"},
                        {"key with ${x}", "v"}});
  CHECK(decoded(doc) == json({{"Text", "quote \" backslash \\ newline \n tab \t bell \x07"},
                              {"Literal", "$${aws:username} and %%{if}"},
                              {"key with $${x}", "v"}}));
}

TEST_CASE("literal JSON text decodes as JSON", "[testing][json_document]") {
  CHECK(decode_json_document(R"({"Version": "2012-10-17", "Statement": []})") == json({{"Version", "2012-10-17"}, {"Statement", json::array()}}));
  CHECK(decode_json_document("[1, 2]") == json({1, 2}));
}

TEST_CASE("strings that hold no JSON document and non-strings decode to nothing", "[testing][json_document]") {
  CHECK_FALSE(decode_json_document("arn:aws:s3:::bucket").has_value());
  CHECK_FALSE(decode_json_document("${jsonencode(a)}-${jsonencode(b)}").has_value());
  CHECK_FALSE(decode_json_document("${jsonencode({\"a\" = })}").has_value());
  CHECK_FALSE(decode_json_document("${jsonencode({\"a\" = 1)}").has_value());
  CHECK_FALSE(decode_json_document(json({{"a", 1}})).has_value());
}
