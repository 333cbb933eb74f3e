// serialize(): the output files' one text, whole or in pieces; the pieces always join to the
// whole text, byte for byte.

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "lcsynth/synthesizer.h"

using nlohmann::json;

namespace {
std::vector<std::string> pieces_of(const json& document) {
  std::vector<std::string> pieces;
  lcsynth::serialize(document, [&](std::string_view piece) { pieces.emplace_back(piece); });
  return pieces;
}

std::string joined(const std::vector<std::string>& pieces) {
  std::string out;
  for (const auto& p : pieces) out += p;
  return out;
}
}  // namespace

TEST_CASE("serialize writes sorted keys, a 2-space indent and a trailing newline", "[serialize]") {
  CHECK(lcsynth::serialize(json{{"b", 1}, {"a", {true, nullptr}}}) == "{\n  \"a\": [\n    true,\n    null\n  ],\n  \"b\": 1\n}\n");
}

TEST_CASE("serialize in pieces joins to exactly the whole text", "[serialize]") {
  json doc = GENERATE(
      json::object(), json::array(), json(nullptr), json(42), json("text"),
      json{{"resource", json::object()}},
      json{{"resource", {{"aws_s3_bucket", {{"b", {{"bucket", "x"}, {"tags", json::object()}, {"list", json::array()}}}}}}}},
      json::parse(R"({"module": {"m": {"source": "./m", "n": [1, 2.5, -3, {"deep": {"deeper": [[], {}, ["a\nb"]]}}]}},
                     "locals": {"k\"ey\\with\nescapes": "v\u00e9\u2713", "e": ""}, "output": {"o": {"value": "${x}"}}})"),
      json::parse(R"([[[[[1]]]], {"a": {"b": {"c": {"d": {}}}}}])"),
      json(std::numeric_limits<std::uint64_t>::max()), json(std::numeric_limits<std::int64_t>::min()), json(-0.0), json(0.1),
      json{{"s", "tab\there, del \x7f, ctl \x01, quote \" and back\\slash"}, {"f", {1e300, 2.5e-7, 100.0, -1.5}}, {"b", false},
           {"deep", {{"k\x02", {{"list", {"\u00e9", "plain", 7, -7}}}}}}});
  CAPTURE(doc.dump());
  CHECK(joined(pieces_of(doc)) == lcsynth::serialize(doc));
}

TEST_CASE("every ASCII character is escaped in pieces as dump() escapes it", "[serialize]") {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
  json doc = {{all, all}, {"list", {all, "plain", "\"quoted\""}}, {"utf8 beside escapes", "\"\u00e9\"\n"}};
  CHECK(joined(pieces_of(doc)) == lcsynth::serialize(doc));
  CHECK(lcsynth::serialize(json(all)).find(R"(\u0000\u0001)") != std::string::npos);
}

TEST_CASE("a large document is written in bounded pieces, each smaller than the whole", "[serialize]") {
  json doc;
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 3000; ++i)
      doc["resource"]["aws_type_" + std::to_string(t)]["r" + std::to_string(i)] = {{"name", "resource number " + std::to_string(i)},
                                                                                   {"tags", {{"k", "v"}}}};
  std::string whole = lcsynth::serialize(doc);
  auto pieces = pieces_of(doc);
  CHECK(joined(pieces) == whole);
  REQUIRE(pieces.size() > 10);
  size_t largest = 0;
  for (const auto& p : pieces) largest = std::max(largest, p.size());
  CHECK(largest < 70 * 1024);  // a piece is flushed once it passes 64 KiB, after one more member
  CHECK(whole.size() > 1000 * 1024);
}

TEST_CASE("a string that is not UTF-8 is refused in pieces as dump() refuses it", "[serialize]") {
  for (const json& doc : {json{{"a", std::string("\xff")}}, json{{"r", {{"t", {{"n", {{"deep", std::string("x\xc3")}}}}}}}}}) {
    CHECK_THROWS_AS(lcsynth::serialize(doc), json::type_error);
    CHECK_THROWS_AS(pieces_of(doc), json::type_error);
  }
}

TEST_CASE("a byte to escape is found at every position of strings of every length", "[serialize]") {
  // The plain-string test reads 16 bytes at a time and then the last 16 again: every position
  // of strings from 1 to 48 bytes, for each kind of byte that is not copied as it is.
  for (std::string special : {"\x01", "\x1f", "\"", "\\", "\x7f", "\u00e9"}) {
    for (size_t length = special.size(); length <= 48; ++length) {
      for (size_t at = 0; at + special.size() <= length; ++at) {
        std::string s = std::string(at, 'a') + special + std::string(length - at - special.size(), 'b');
        json doc = {{"k", s}, {s, {s}}};
        CAPTURE(special, length, at);
        REQUIRE(joined(pieces_of(doc)) == doc.dump(2) + "\n");
      }
    }
  }
}
