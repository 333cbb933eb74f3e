#pragma once
// Expr: a typed Terraform expression (literal, reference, template, function call, ...). It is
// rendered once, at synthesis, either as a Terraform JSON value or as HCL text inside "${...}".

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/function_ref.h"

namespace lcsynth {

class TerraformElement;

/// Turns a reference into HCL traversal text as seen from the module being rendered
/// ("aws_lambda_function.api.arn", "var.vpc_id", "module.redis.security_group_id").
class RefResolver {
 public:
  virtual ~RefResolver() = default;
  virtual std::string resolve(const TerraformElement& target, std::string_view attribute) = 0;
};

/// An immutable Terraform expression. Copies share structure and are cheap: an Expr is one
/// pointer to a reference-counted node (nullptr for the null expression), and a node is 24
/// bytes plus 8 per item of a list, template or call plus its text (a string's, an attribute's,
/// a function's name), in one allocation, since large stacks hold hundreds of thousands of
/// them. Copies may be made and dropped on several threads at once.
///
/// Rendering rules (Terraform's JSON syntax): a literal string is escaped ("${" -> "$${",
/// "%{" -> "%%{") so Terraform reads it verbatim; an expression that is one reference renders
/// as one whole "${...}" so lists and objects keep their type; object keys are escaped too,
/// since Terraform reads them as templates.
class Expr {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kList, kMap, kRef, kTemplate, kCall, kIter, kBinary, kConditional, kIndex };

  Expr() noexcept = default;
  Expr(std::nullptr_t) noexcept {}  // NOLINT: implicit by design, like a JSON literal
  Expr(const Expr& other) noexcept;
  Expr(Expr&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  Expr& operator=(const Expr& other) noexcept;
  Expr& operator=(Expr&& other) noexcept;
  ~Expr();
  Expr(bool value);      // NOLINT
  template <class N, std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, bool>, int> = 0>
  Expr(N value) : Expr(nlohmann::json(value), Kind::kNumber) {}  // NOLINT
  Expr(const char* value);                                      // NOLINT
  Expr(std::string value);                                      // NOLINT
  Expr(std::string_view value);                                 // NOLINT
  template <class T, std::enable_if_t<std::is_convertible_v<T, Expr>, int> = 0>
  Expr(const std::vector<T>& items) : Expr(list(std::vector<Expr>(items.begin(), items.end()))) {}  // NOLINT
  template <class T, std::enable_if_t<std::is_convertible_v<T, Expr>, int> = 0>
  Expr(const std::map<std::string, T>& entries)  // NOLINT
      : Expr(map(std::map<std::string, Expr>(entries.begin(), entries.end()))) {}

  static Expr list(std::vector<Expr> items);
  static Expr map(std::map<std::string, Expr> entries);
  /// A literal from JSON: strings stay literal (and are escaped when rendered).
  static Expr from_json(const nlohmann::json& value);
  /// A reference to `attribute` of `target` ("" for the element itself, as for var/local).
  /// Attributes are dotted identifiers with optional [N], [*] or ["key"] steps; a malformed one
  /// throws ConstructError naming the target's path.
  static Expr ref(const TerraformElement& target, std::string attribute);
  /// A string template: literal parts are escaped, other parts interpolated.
  static Expr tmpl(std::vector<Expr> parts);
  /// A template from a pattern with "{}" placeholders ("{{" and "}}" for literal braces).
  /// Throws std::invalid_argument when placeholders and arguments do not match.
  static Expr format(std::string_view pattern, std::vector<Expr> args);
  /// A Terraform function call, e.g. call("jsonencode", {policy}).
  static Expr call(std::string function, std::vector<Expr> args);
  static Expr count_index();
  static Expr each_key();
  static Expr each_value();
  /// lhs op rhs, op one of == != < <= > >= && || + - * / %.
  static Expr binary(Expr lhs, std::string op, Expr rhs);
  static Expr conditional(Expr condition, Expr if_true, Expr if_false);
  /// collection[key], e.g. index(fn::split(":", arn), 3).
  static Expr index(Expr collection, Expr key);

  Kind kind() const;
  bool is_null() const { return node_ == nullptr; }
  /// True when no reference, call or iterator occurs anywhere inside.
  bool is_literal() const;
  /// The literal value as JSON (unescaped); throws std::logic_error when !is_literal().
  nlohmann::json literal_value() const;
  /// For a reference: the same reference with `step` appended ("id", "[0]").
  Expr get(std::string_view step) const;
  /// For a reference: its target and attribute; nullptr target otherwise.
  const TerraformElement* ref_target() const;
  /// The attribute text, a view of the expression's node (valid while an Expr holds it).
  std::string_view ref_attribute() const;

  /// Calls `visit` for every reference inside this expression, with its target and attribute.
  void visit_refs(FunctionRef<void(const TerraformElement&, std::string_view)> visit) const;

  /// Terraform JSON value.
  nlohmann::json to_json(RefResolver& resolver) const;
  /// HCL expression text (used inside "${...}").
  std::string to_hcl(RefResolver& resolver) const;
  /// The same text, appended to `out`.
  void append_hcl(RefResolver& resolver, std::string& out) const;

  struct Node;

 private:
  Expr(nlohmann::json literal, Kind kind);
  explicit Expr(Node* adopted) noexcept : node_(adopted) {}  // takes over one reference
  // A template's text (quoted: inside an HCL string literal), appended to `out`.
  static void append_template(std::span<const Expr> items, RefResolver& resolver, bool quoted, std::string& out);
  Node* node_ = nullptr;                                      // nullptr: the null expression
};

/// Escapes a literal for a position Terraform reads as a template: "${" -> "$${", "%{" -> "%%{".
std::string escape_template(std::string_view literal);
/// An HCL quoted string literal, template sequences escaped.
std::string hcl_quote(std::string_view literal);

}  // namespace lcsynth
