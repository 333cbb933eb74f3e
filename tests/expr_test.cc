// Expr: literals, escaping of template sequences, references keeping their type, templates,
// function calls and HCL rendering.

#include <catch2/catch.hpp>

#include <thread>

#include "support/fixtures.h"

using lcsynth::Expr;
using lcsynth::test::render;
using nlohmann::json;

namespace {
struct Fixture {
  lcsynth::App app;
  lcsynth::Stack& stack = app.add<lcsynth::Stack>("s");
  lcsynth::Resource& bucket = stack.add<lcsynth::Resource>("bucket", "aws_s3_bucket");
  lcsynth::Resource& vpc = stack.add<lcsynth::Resource>("vpc", "aws_vpc");
};
}  // namespace

TEST_CASE("literal strings are escaped wherever Terraform reads templates", "[expr]") {
  // input, what Terraform JSON must contain so that Terraform reads `input` back verbatim
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"plain", "plain"},
      {"${var.x}", "$${var.x}"},
      {"%{if true}", "%%{if true}"},
      {"$${already}", "$$${already}"},
      {"%%{already}", "%%%{already}"},
      {"a $ b % c { d }", "a $ b % c { d }"},
      {"end with $", "end with $"},
      {"${", "$${"},
      {"{${x}", "{$${x}"},
      {"a${b} and %{c} then ${d}", "a$${b} and %%{c} then $${d}"},
      {"quotes \" and \\ backslash", "quotes \" and \\ backslash"},
      {"line\nbreak\ttab", "line\nbreak\ttab"},
      {"unicode: ünïcødé ✓ 日本", "unicode: ünïcødé ✓ 日本"},
      {"", ""},
  }));
  CAPTURE(input);
  CHECK(render(Expr(input)) == json(expected));
  CHECK(lcsynth::escape_template(input) == expected);
}

TEST_CASE("object keys are escaped because Terraform reads them as templates", "[expr]") {
  CHECK(render(Expr::map({{"k${x}", "v"}})) == json{{"k$${x}", "v"}});
}

TEST_CASE("numbers, booleans and null render as JSON values", "[expr]") {
  CHECK(render(Expr(42)) == json(42));
  CHECK(render(Expr(1.5)) == json(1.5));
  CHECK(render(Expr(true)) == json(true));
  CHECK(render(Expr()) == json(nullptr));
  CHECK(render(Expr(std::vector<std::string>{"a", "b"})) == json::array({"a", "b"}));
}

TEST_CASE("a reference alone renders as one whole interpolation so it keeps its type", "[expr]") {
  Fixture f;
  CHECK(render(f.bucket.attr("arn")) == json("${aws_s3_bucket.bucket.arn}"));
  CHECK(render(f.vpc.attr("cidr_block")) == json("${aws_vpc.vpc.cidr_block}"));
  // Inside a list each reference is still whole, so a list of lists stays a list of lists.
  CHECK(render(Expr::list({f.bucket.attr("tags_all"), "x"})) == json::array({"${aws_s3_bucket.bucket.tags_all}", "x"}));
}

TEST_CASE("references extend with attribute steps, indexes and splats", "[expr]") {
  Fixture f;
  CHECK(render(f.bucket.attr("versioning[0].enabled")) == json("${aws_s3_bucket.bucket.versioning[0].enabled}"));
  CHECK(render(f.bucket.attr("[*].id")) == json("${aws_s3_bucket.bucket[*].id}"));
  CHECK(render(f.bucket.attr("tags").get("[\"Name\"]")) == json("${aws_s3_bucket.bucket.tags[\"Name\"]}"));
  CHECK(render(f.bucket.attr("server_side").get("rule")) == json("${aws_s3_bucket.bucket.server_side.rule}"));
}

TEST_CASE("malformed attribute references throw with the target's path", "[expr]") {
  Fixture f;
  auto bad = GENERATE(as<std::string>{}, "a..b", ".a", "a.", "a b", "${x}", "[x]", "a[0");
  CAPTURE(bad);
  REQUIRE_THROWS_AS(f.bucket.attr(bad), lcsynth::ConstructError);
  try {
    f.bucket.attr(bad);
  } catch (const lcsynth::ConstructError& e) {
    CHECK(e.path() == "s/bucket");
    CHECK_THAT(e.what(), Catch::Matchers::StartsWith("[s/bucket] invalid attribute reference '" + bad + "'"));
  }
}

TEST_CASE("templates escape their literal parts and interpolate the others", "[expr]") {
  Fixture f;
  Expr t = Expr::tmpl({"arn:${literal}:", f.bucket.attr("arn"), "/*"});
  CHECK(render(t) == json("arn:$${literal}:${aws_s3_bucket.bucket.arn}/*"));
  CHECK(render(Expr::format("{}-{}", {"app", 7})) == json("app-7"));
  CHECK(render(Expr::format("{{literal}} {}", {f.vpc.attr("id")})) == json("{literal} ${aws_vpc.vpc.id}"));
  CHECK(render(Expr::tmpl({Expr::tmpl({"a", f.vpc.attr("id")}), "b"})) == json("a${aws_vpc.vpc.id}b"));
}

// Found while writing tests/fuzz/expr_fuzz's template invariant: literal parts were escaped one
// by one, so "$" and "{x}" met as a live "${x}", and a "$" before an interpolation made "$${",
// which Terraform reads as the literal text "${".
TEST_CASE("a template's literal parts cannot combine with each other or an interpolation into a template sequence", "[expr]") {
  Fixture f;
  CHECK(render(Expr::tmpl({"$", "{x}"})) == json("$${x}"));
  CHECK(render(Expr::tmpl({"%", "{x}", Expr::count_index()})) == json("%%{x}${count.index}"));
  CHECK(render(Expr::format("cost: ${}", {f.vpc.attr("id")})) == json("cost: ${\"$\"}${aws_vpc.vpc.id}"));
  CHECK(render(Expr::format("100%{}", {Expr::count_index()})) == json("100%${count.index}"));
  // Found by expr_fuzz: every "$" before the interpolation goes inside it, or "$" + "${" meets.
  CHECK(render(Expr::tmpl({"a$$", Expr::count_index()})) == json("a${\"$$\"}${count.index}"));
  CHECK(render(Expr::call("upper", {Expr::tmpl({"$", Expr::count_index()})})) == json("${upper(\"${\"$\"}${count.index}\")}"));
}

TEST_CASE("format rejects placeholders that do not match its arguments", "[expr]") {
  CHECK_THROWS_AS(Expr::format("{} {}", {"one"}), std::invalid_argument);
  CHECK_THROWS_AS(Expr::format("{}", {"one", "two"}), std::invalid_argument);
  CHECK_THROWS_AS(Expr::format("a } b", {}), std::invalid_argument);
}

TEST_CASE("function calls render HCL with quoted, escaped string arguments", "[expr]") {
  Fixture f;
  Expr policy = lcsynth::fn::jsonencode(Expr::map({{"Resource", Expr::format("{}/*", {f.bucket.attr("arn")})},
                                                   {"Note", "say \"${hi}\"\n"}}));
  CHECK(render(policy) ==
        json("${jsonencode({\"Note\" = \"say \\\"$${hi}\\\"\\n\", \"Resource\" = \"${aws_s3_bucket.bucket.arn}/*\"})}"));
  CHECK(render(lcsynth::fn::join(",", Expr::list({f.vpc.attr("id"), "b"}))) == json("${join(\",\", [aws_vpc.vpc.id, \"b\"])}"));
  CHECK(render(Expr::call("sha1", {42})) == json("${sha1(42)}"));
}

TEST_CASE("iterators, operators and conditionals render as HCL", "[expr]") {
  Fixture f;
  CHECK(render(Expr::count_index()) == json("${count.index}"));
  CHECK(render(Expr::format("n-{}", {Expr::each_key()})) == json("n-${each.key}"));
  CHECK(render(Expr::binary(f.vpc.attr("id"), "!=", "")) == json("${(aws_vpc.vpc.id != \"\")}"));
  CHECK(render(Expr::conditional(true, 1, 2)) == json("${(true ? 1 : 2)}"));
  CHECK_THROWS_AS(Expr::binary(1, "=~", 2), std::invalid_argument);
  CHECK(render(Expr::index(lcsynth::fn::split(":", f.bucket.attr("arn")), 3)) == json("${split(\":\", aws_s3_bucket.bucket.arn)[3]}"));
}

TEST_CASE("hcl_quote escapes control characters and template sequences", "[expr]") {
  CHECK(lcsynth::hcl_quote("a\"b\\c\nd\x01${e}") == "\"a\\\"b\\\\c\\nd\\u0001$${e}\"");
}

TEST_CASE("literal values are recovered unescaped and references are not literal", "[expr]") {
  Fixture f;
  Expr lit = Expr::map({{"a", Expr::list({1, "${x}"})}});
  REQUIRE(lit.is_literal());
  CHECK(lit.literal_value() == json{{"a", json::array({1, "${x}"})}});
  CHECK_FALSE(f.bucket.attr("id").is_literal());
  CHECK_THROWS_AS(f.bucket.attr("id").literal_value(), std::logic_error);
  CHECK(Expr::from_json(json{{"k", {1, true, nullptr, "s"}}}).literal_value() == json{{"k", {1, true, nullptr, "s"}}});
}

TEST_CASE("a node's text is kept whole beside its items: empty, with NUL bytes, longer than 64 KiB", "[expr]") {
  Fixture f;
  const std::string with_nul("a\0b", 3), long_text(70000, 'x');
  for (const std::string& text : {std::string(), with_nul, long_text, std::string("eu-west-1"), std::string(16, 'y')}) {
    Expr e(text);
    CAPTURE(text.size());
    CHECK(e.literal_value() == json(text));
    CHECK(render(e) == json(text));
    Expr copy = e;  // shares the node
    CHECK(copy.literal_value().get_ref<const std::string&>().size() == text.size());
  }
  // Text after items: a call's name, an operator, a reference's attribute.
  lcsynth::test::AddressResolver resolver;
  Expr call = Expr::call("join", {"-", Expr::list({f.bucket.attr("id"), std::string(40, 'z')})});
  CHECK(call.to_hcl(resolver) == "join(\"-\", [aws_s3_bucket.bucket.id, \"" + std::string(40, 'z') + "\"])");
  CHECK(Expr::binary(f.vpc.attr("cidr_block"), "==", "10.0.0.0/16").to_hcl(resolver) == "(aws_vpc.vpc.cidr_block == \"10.0.0.0/16\")");
  Expr deep = f.bucket.attr("server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default");
  CHECK(deep.ref_attribute() == "server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default");
  CHECK(deep.get("sse_algorithm").ref_attribute() ==
        "server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm");
  CHECK(Expr().ref_attribute().empty());
}

TEST_CASE("visit_refs finds every reference inside nested expressions", "[expr]") {
  Fixture f;
  Expr e = Expr::map({{"a", Expr::list({f.bucket.attr("arn")})}, {"b", Expr::format("{}", {f.vpc.attr("id")})}});
  std::vector<std::string> seen;
  e.visit_refs([&](const lcsynth::TerraformElement& t, std::string_view attr) { seen.push_back(t.address() + "." + std::string(attr)); });
  CHECK(seen == std::vector<std::string>{"aws_s3_bucket.bucket.arn", "aws_vpc.vpc.id"});
}

TEST_CASE("number literals keep their JSON type: signed, unsigned and floating", "[expr]") {
  CHECK(render(Expr(-7)).is_number_integer());
  CHECK(render(Expr(-7)) == json(-7));
  CHECK(render(Expr(18446744073709551615ULL)).is_number_unsigned());
  CHECK(render(Expr(18446744073709551615ULL)) == json(18446744073709551615ULL));
  CHECK(render(Expr(0.1)).is_number_float());
  CHECK(render(Expr(0.1)) == json(0.1));
  CHECK(Expr::from_json(json::parse("[-1, 2, 2.5, 1e300]")).literal_value() == json::parse("[-1, 2, 2.5, 1e300]"));
  lcsynth::test::AddressResolver resolver;
  CHECK(Expr::list({-1, 2.5, true}).to_hcl(resolver) == "[-1, 2.5, true]");
}

TEST_CASE("copies share a node that lives as long as its last copy; a moved-from Expr is null", "[expr]") {
  Expr a = Expr::map({{"k", Expr::list({"v", 1})}});
  Expr b = a;
  {
    Expr c = b;
    a = Expr();  // drop the original: b and c still hold the node
    CHECK(render(c) == json{{"k", json::array({"v", 1})}});
  }
  CHECK(render(b) == json{{"k", json::array({"v", 1})}});
  Expr& self = b;
  b = self;  // self-assignment keeps the node
  CHECK(render(b) == json{{"k", json::array({"v", 1})}});
  Expr moved = std::move(b);
  CHECK(b.is_null());  // NOLINT(bugprone-use-after-move): documented state
  CHECK(b.kind() == Expr::Kind::kNull);
  CHECK(render(moved) == json{{"k", json::array({"v", 1})}});
  moved = std::move(moved);  // NOLINT: self-move must not free the node
  CHECK(render(moved) == json{{"k", json::array({"v", 1})}});
}

TEST_CASE("copies of one expression may be made and dropped on two threads at once", "[expr]") {
  const Expr shared = Expr::list({"a", Expr::map({{"k", 1}})});
  auto churn = [&shared] {
    for (int i = 0; i < 20000; ++i) {
      Expr copy = shared;
      Expr another = copy;
      copy = Expr();
    }
  };
  std::thread other(churn);
  churn();
  other.join();
  // A lost update of the count would have freed the node early (ASan reports it) or leaked it.
  CHECK(render(shared) == json::array({"a", {{"k", 1}}}));
}
