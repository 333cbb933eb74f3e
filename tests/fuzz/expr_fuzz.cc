// libFuzzer target for Expr rendering: literal strings, templates and small random expression
// trees built from the input are rendered to Terraform JSON and HCL, and the escaping
// invariants are checked (a literal never reads as a template sequence, JSON round-trips).

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include "lcsynth/expr.h"
#include "template_scan.h"

namespace {

using lcsynth::Expr;

class NoRefs : public lcsynth::RefResolver {
 public:
  std::string resolve(const lcsynth::TerraformElement&, std::string_view) override { std::abort(); }
};

void require(bool condition) {
  if (!condition) std::abort();
}

// hcl_quote: one quoted string whose escapes decode back to the template-escaped literal, and
// whose template reading is the literal itself.
void check_hcl_quote(const std::string& literal) {
  std::string q = lcsynth::hcl_quote(literal);
  require(q.size() >= 2 && q.front() == '"' && q.back() == '"');
  std::string decoded;
  for (size_t i = 1; i + 1 < q.size(); ++i) {
    char c = q[i];
    require(c != '"' && static_cast<unsigned char>(c) >= 0x20);
    if (c != '\\') {
      decoded += c;
      continue;
    }
    require(i + 2 < q.size());
    char e = q[++i];
    switch (e) {
      case '"': case '\\': decoded += e; break;
      case 'n': decoded += '\n'; break;
      case 'r': decoded += '\r'; break;
      case 't': decoded += '\t'; break;
      case 'u': {
        require(i + 4 < q.size() - 1);
        decoded += static_cast<char>(std::stoi(q.substr(i + 1, 4), nullptr, 16));
        i += 4;
        break;
      }
      default: require(false);
    }
  }
  auto scanned = lcsynth::fuzz::scan_template(decoded);
  require(scanned && scanned->interpolations.empty() && !scanned->has_directive && scanned->literal == literal);
}

// A literal string: JSON rendering is the escaped literal, read back verbatim by Terraform.
void check_literal(const std::string& literal, NoRefs& resolver) {
  std::string escaped = lcsynth::escape_template(literal);
  auto scanned = lcsynth::fuzz::scan_template(escaped);
  require(scanned && scanned->interpolations.empty() && !scanned->has_directive && scanned->literal == literal);
  nlohmann::json rendered = Expr(literal).to_json(resolver);
  require(rendered == escaped);
  check_hcl_quote(literal);
}

// A template of literal strings and "count.index" parts: Terraform must read exactly those
// interpolations, with the literal text between them intact.
void check_template(FuzzedDataProvider& in, NoRefs& resolver) {
  std::vector<Expr> parts;
  std::string expected;
  size_t interpolations = 0;
  int n = in.ConsumeIntegralInRange(1, 6);
  for (int i = 0; i < n; ++i) {
    if (in.ConsumeBool()) {
      parts.push_back(Expr::count_index());
      expected += '\x01';
      ++interpolations;
    } else {
      std::string s = in.ConsumeRandomLengthString(16);
      expected += s;
      parts.emplace_back(s);
    }
  }
  nlohmann::json rendered = Expr::tmpl(parts).to_json(resolver);
  require(rendered.is_string());
  auto scanned = lcsynth::fuzz::scan_template(rendered.get<std::string>());
  require(scanned && !scanned->has_directive);
  require(scanned->interpolations.size() == interpolations && scanned->literal == expected);
  for (const auto& body : scanned->interpolations) require(body == "count.index");
}

// A random tree: rendering must not crash, and the JSON must survive dump/parse unchanged.
Expr random_expr(FuzzedDataProvider& in, int depth) {
  static const char* const kOps[] = {"==", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "/", "%"};
  int pick = in.ConsumeIntegralInRange(0, depth > 4 ? 4 : 11);
  switch (pick) {
    case 0: return Expr(in.ConsumeRandomLengthString(24));
    case 1: return Expr(in.ConsumeIntegral<int64_t>());
    case 2: return Expr(in.ConsumeFloatingPoint<double>());
    case 3: return Expr(in.ConsumeBool());
    case 4: return Expr(nullptr);
    case 5: {
      std::vector<Expr> items;
      for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) items.push_back(random_expr(in, depth + 1));
      return Expr::list(items);
    }
    case 6: {
      std::map<std::string, Expr> entries;
      for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i)
        entries[in.ConsumeRandomLengthString(12)] = random_expr(in, depth + 1);
      return Expr::map(entries);
    }
    case 7: {
      std::vector<Expr> parts;
      for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) parts.push_back(random_expr(in, depth + 1));
      return Expr::tmpl(parts);
    }
    case 8: {
      std::vector<Expr> args;
      for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) args.push_back(random_expr(in, depth + 1));
      return Expr::call("jsonencode", args);
    }
    case 9: return Expr::binary(random_expr(in, depth + 1), in.PickValueInArray(kOps), random_expr(in, depth + 1));
    case 10: return Expr::conditional(random_expr(in, depth + 1), random_expr(in, depth + 1), random_expr(in, depth + 1));
    default: return Expr::index(random_expr(in, depth + 1), random_expr(in, depth + 1));
  }
}

void check_tree(FuzzedDataProvider& in, NoRefs& resolver) {
  Expr e = random_expr(in, 0);
  nlohmann::json rendered = e.to_json(resolver);
  // Invalid UTF-8 in a literal makes dump() throw: the writer reports that, it is not a crash.
  std::string text;
  try {
    text = rendered.dump();
  } catch (const nlohmann::json::type_error&) {
    return;
  }
  require(nlohmann::json::parse(text) == rendered);
  (void)e.to_hcl(resolver);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  NoRefs resolver;
  switch (in.ConsumeIntegralInRange(0, 2)) {
    case 0: check_literal(in.ConsumeRemainingBytesAsString(), resolver); break;
    case 1: check_template(in, resolver); break;
    default: check_tree(in, resolver); break;
  }
  return 0;
}
