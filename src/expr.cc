// Expr nodes and their two renderings: Terraform JSON values and HCL text. Literal strings are
// escaped wherever Terraform would read them as templates; references render as traversals
// obtained from a RefResolver, so module scoping is decided by the synthesizer, not here.

#include "lcsynth/expr.h"

#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <new>
#include <span>
#include <stdexcept>

#include <fmt/format.h>

#include "lcsynth/element.h"
#include "lcsynth/errors.h"

namespace lcsynth {

// One node per expression, shared by every copy of it, freed with its last reference. It is
// kept small, since a large stack holds hundreds of thousands of them: the count, the kind and
// the text's length in one word; scalars, a reference's target, a map's entries or the number
// of items in another; then, in the same allocation, a list's, template's or call's items and
// the text the kinds share (a string's, a reference's attribute, a function's name, an
// operator). 24 bytes plus 8 per item plus the text: "eu-west-1" takes one 32-byte block, where
// a node with a std::string member took 48 and a second block for any text over 15 bytes (at
// N = 1000 copies of LibreChat, 463,000 nodes); a std::shared_ptr node with a JSON scalar and a
// std::vector had taken 112 plus the vector's block.
struct Expr::Node {
  using Entries = std::vector<std::pair<std::string, Expr>>;  // kMap, sorted by key

  std::atomic<std::uint32_t> refs{1};
  Kind kind;
  nlohmann::json::value_t number_type = nlohmann::json::value_t::null;  // kNumber
  std::uint32_t text_size = 0;                                          // bytes after the items
  union {
    bool boolean;                     // kBool
    std::int64_t integer;             // kNumber
    std::uint64_t unsigned_integer;   // kNumber
    double floating;                  // kNumber
    const TerraformElement* target;   // kRef
    Entries* entries;                 // kMap (owned)
    std::size_t count;                // kinds with items: how many follow the node
  } u{};

  static bool has_items(Kind k) {
    return k == Kind::kList || k == Kind::kTemplate || k == Kind::kCall || k == Kind::kBinary ||
           k == Kind::kConditional || k == Kind::kIndex;
  }

  // A node of `kind` with `text` (kString, kIter; kRef attribute, kCall function, kBinary
  // operator); a kind with items takes `items`. Both go into the node's allocation.
  static Node* make(Kind kind, std::string_view text = {}, std::vector<Expr> items = {}) {
    const size_t n = has_items(kind) ? items.size() : 0;
    if (text.size() > UINT32_MAX) throw std::length_error("Expr: a text of 4 GiB or more");
    void* memory = ::operator new(sizeof(Node) + n * sizeof(Expr) + text.size());
    auto* node = new (memory) Node(kind);
    if (has_items(kind)) {
      node->u.count = n;
      Expr* slot = node->first_item();
      for (auto& item : items) new (slot++) Expr(std::move(item));  // noexcept
    }
    node->text_size = static_cast<std::uint32_t>(text.size());
    if (!text.empty()) std::memcpy(node->text_data(), text.data(), text.size());
    return node;
  }

  static void destroy(Node* node) noexcept {
    if (has_items(node->kind))
      for (size_t i = node->u.count; i > 0; --i) node->first_item()[i - 1].~Expr();
    if (node->kind == Kind::kMap) delete node->u.entries;
    node->~Node();
    ::operator delete(node);
  }

  std::span<const Expr> items() const {
    if (!has_items(kind)) return {};
    return {reinterpret_cast<const Expr*>(this + 1), u.count};
  }

  std::string_view text() const { return {const_cast<Node*>(this)->text_data(), text_size}; }

  nlohmann::json scalar() const {
    switch (kind) {
      case Kind::kBool: return u.boolean;
      case Kind::kNumber:
        if (number_type == nlohmann::json::value_t::number_integer) return u.integer;
        if (number_type == nlohmann::json::value_t::number_unsigned) return u.unsigned_integer;
        return u.floating;
      default: return nullptr;
    }
  }

 private:
  explicit Node(Kind k) : kind(k) {}
  ~Node() = default;
  Expr* first_item() { return reinterpret_cast<Expr*>(this + 1); }
  char* text_data() { return reinterpret_cast<char*>(first_item() + (has_items(kind) ? u.count : 0)); }
};
static_assert(sizeof(Expr::Node) == 24, "Expr::Node grew: every Expr in a stack pays for it");
static_assert(alignof(Expr::Node) >= alignof(Expr) && sizeof(Expr::Node) % alignof(Expr) == 0,
              "the items that follow a node must be aligned");

Expr::Expr(const Expr& other) noexcept : node_(other.node_) {
  if (node_ != nullptr) node_->refs.fetch_add(1, std::memory_order_relaxed);
}

Expr& Expr::operator=(const Expr& other) noexcept {
  Expr copy(other);
  std::swap(node_, copy.node_);
  return *this;
}

Expr& Expr::operator=(Expr&& other) noexcept {
  Expr moved(std::move(other));
  std::swap(node_, moved.node_);
  return *this;
}

Expr::~Expr() {
  if (node_ != nullptr && node_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) Node::destroy(node_);
}

namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }

// Accepts "", "arn", "vpc_config[0].subnet_ids", "[0].id", "[*].id", "tags[\"Name\"]".
bool valid_traversal(std::string_view s) {
  size_t i = 0;
  bool need_step = false;
  while (i < s.size()) {
    if (s[i] == '[') {
      size_t close = s.find(']', i);
      if (close == std::string_view::npos) return false;
      std::string_view inner = s.substr(i + 1, close - i - 1);
      bool ok = inner == "*" || (!inner.empty() && inner.find_first_not_of("0123456789") == std::string_view::npos) ||
                (inner.size() >= 2 && inner.front() == '"' && inner.back() == '"' &&
                 inner.substr(1, inner.size() - 2).find_first_of("\"\\$%") == std::string_view::npos);
      if (!ok) return false;
      i = close + 1;
      need_step = false;
      continue;
    }
    if (s[i] == '.') {
      if (i == 0 || need_step) return false;
      ++i;
      need_step = true;
      continue;
    }
    if (!is_ident_start(s[i]) || (i > 0 && s[i - 1] != '.' )) return false;
    while (i < s.size() && is_ident_char(s[i])) ++i;
    need_step = false;
  }
  return !need_step;
}

const char* const kOperators[] = {"==", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "/", "%"};

// Literal text appended to `out` where Terraform reads a template: "${" -> "$${", "%{" -> "%%{".
// Only a '{' can start a sequence to escape, and most literals have none: appended whole.
void append_escaped_template(std::string_view literal, std::string& out) {
  size_t start = 0;  // literal[start...] is not yet in `out`
  for (size_t brace = literal.find('{', 1); brace != std::string_view::npos; brace = literal.find('{', brace + 1)) {
    char c = literal[brace - 1];
    if (c != '$' && c != '%') continue;
    out.append(literal.substr(start, brace - start));  // up to and including the '$' or '%'
    out += c;                                          // doubled
    start = brace;
  }
  out.append(literal.substr(start));
}

// The inside of an HCL quoted string literal for `literal`, appended to `out`: template sequences
// escaped as above, then quotes, backslashes and control characters. Runs of characters that
// need neither are appended whole.
void append_quoted_body(std::string_view literal, std::string& out) {
  auto special = [](char c) { return c == '"' || c == '\\' || c == '$' || c == '%' || static_cast<unsigned char>(c) < 0x20; };
  size_t run = 0;  // literal[run...] is not yet in `out`
  for (size_t i = 0; i < literal.size(); ++i) {
    char c = literal[i];
    if (!special(c)) continue;
    out.append(literal.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$':
      case '%':
        out += c;
        if (i + 1 < literal.size() && literal[i + 1] == '{') out += c;  // doubled before a '{'
        break;
      default: {
        constexpr std::string_view kHex = "0123456789abcdef";
        out += "\\u00";
        out += kHex[static_cast<unsigned char>(c) >> 4];
        out += kHex[static_cast<unsigned char>(c) & 0xf];
      }
    }
  }
  out.append(literal.substr(run));
}

// A number or boolean literal's text, as nlohmann's dump() writes it, appended to `out`.
void append_scalar(const nlohmann::json& scalar, std::string& out) {
  if (scalar.is_number_integer()) {
    char digits[24];
    auto end = scalar.is_number_unsigned() ? std::to_chars(digits, digits + sizeof digits, scalar.get<std::uint64_t>()).ptr
                                           : std::to_chars(digits, digits + sizeof digits, scalar.get<std::int64_t>()).ptr;
    out.append(digits, end);
  } else if (scalar.is_boolean()) {
    out += scalar.get<bool>() ? "true" : "false";
  } else {
    out += scalar.dump();
  }
}
}  // namespace

Expr::Expr(bool value) : node_(Node::make(Kind::kBool)) { node_->u.boolean = value; }
Expr::Expr(const char* value) : node_(Node::make(Kind::kString, value)) {}
Expr::Expr(std::string value) : node_(Node::make(Kind::kString, value)) {}
Expr::Expr(std::string_view value) : node_(Node::make(Kind::kString, value)) {}

Expr::Expr(nlohmann::json scalar, Kind kind) {
  if (kind != Kind::kNumber || !scalar.is_number()) throw std::logic_error("Expr: a number literal from a JSON value that is not a number");
  auto* n = Node::make(kind);
  n->number_type = scalar.type();
  if (scalar.is_number_integer() && !scalar.is_number_unsigned())
    n->u.integer = scalar.get<std::int64_t>();
  else if (scalar.is_number_unsigned())
    n->u.unsigned_integer = scalar.get<std::uint64_t>();
  else
    n->u.floating = scalar.get<double>();
  node_ = n;
}

Expr Expr::list(std::vector<Expr> items) { return Expr(Node::make(Kind::kList, {}, std::move(items))); }

Expr Expr::map(std::map<std::string, Expr> entries) {
  auto sorted = std::make_unique<Node::Entries>();
  sorted->reserve(entries.size());
  while (!entries.empty()) {  // std::map iterates in key order; move each entry out as we go
    auto handle = entries.extract(entries.begin());
    sorted->emplace_back(std::move(handle.key()), std::move(handle.mapped()));
  }
  auto* n = Node::make(Kind::kMap);
  n->u.entries = sorted.release();
  return Expr(n);
}

Expr Expr::from_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return Expr();
    case nlohmann::json::value_t::boolean: return Expr(value.get<bool>());
    case nlohmann::json::value_t::string: return Expr(value.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<Expr> items;
      for (const auto& v : value) items.push_back(from_json(v));
      return list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      std::map<std::string, Expr> entries;
      for (const auto& [k, v] : value.items()) entries.emplace(k, from_json(v));
      return map(std::move(entries));
    }
    default: return Expr(value, Kind::kNumber);
  }
}

Expr Expr::ref(const TerraformElement& target, std::string attribute) {
  if (!valid_traversal(attribute))
    throw ConstructError(target.path(), fmt::format("invalid attribute reference '{}': expected names "
                                                    "separated by '.', with optional [N], [*] or [\"key\"]",
                                                    attribute));
  auto* n = Node::make(Kind::kRef, attribute);
  n->u.target = &target;
  return Expr(n);
}

Expr Expr::tmpl(std::vector<Expr> parts) {
  std::vector<Expr> flat;
  flat.reserve(parts.size());
  for (auto& p : parts) {  // flatten nested templates so rendering sees one level
    if (p.kind() == Kind::kTemplate)
      flat.insert(flat.end(), p.node_->items().begin(), p.node_->items().end());
    else
      flat.push_back(std::move(p));
  }
  return Expr(Node::make(Kind::kTemplate, {}, std::move(flat)));
}

Expr Expr::format(std::string_view pattern, std::vector<Expr> args) {
  std::vector<Expr> parts;
  std::string literal;
  size_t next = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
      literal += c;
      ++i;
    } else if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      if (next >= args.size()) throw std::invalid_argument(fmt::format("Expr::format: too few arguments for '{}'", pattern));
      if (!literal.empty()) parts.emplace_back(std::exchange(literal, {}));
      parts.push_back(args[next++]);
      ++i;
    } else if (c == '{' || c == '}') {
      throw std::invalid_argument(fmt::format("Expr::format: unmatched '{}' in '{}'", c, pattern));
    } else {
      literal += c;
    }
  }
  if (next != args.size()) throw std::invalid_argument(fmt::format("Expr::format: too many arguments for '{}'", pattern));
  if (!literal.empty()) parts.emplace_back(std::move(literal));
  return tmpl(std::move(parts));
}

Expr Expr::call(std::string function, std::vector<Expr> args) {
  return Expr(Node::make(Kind::kCall, function, std::move(args)));
}

Expr Expr::count_index() { return Expr(Node::make(Kind::kIter, "count.index")); }
Expr Expr::each_key() { return Expr(Node::make(Kind::kIter, "each.key")); }
Expr Expr::each_value() { return Expr(Node::make(Kind::kIter, "each.value")); }

Expr Expr::binary(Expr lhs, std::string op, Expr rhs) {
  bool known = false;
  for (const char* o : kOperators) known = known || op == o;
  if (!known) throw std::invalid_argument(fmt::format("Expr::binary: unknown operator '{}'", op));
  return Expr(Node::make(Kind::kBinary, op, {std::move(lhs), std::move(rhs)}));
}

Expr Expr::conditional(Expr condition, Expr if_true, Expr if_false) {
  return Expr(Node::make(Kind::kConditional, {}, {std::move(condition), std::move(if_true), std::move(if_false)}));
}

Expr Expr::index(Expr collection, Expr key) {
  return Expr(Node::make(Kind::kIndex, {}, {std::move(collection), std::move(key)}));
}

Expr::Kind Expr::kind() const { return node_ == nullptr ? Kind::kNull : node_->kind; }

bool Expr::is_literal() const {
  switch (kind()) {
    case Kind::kNull: case Kind::kBool: case Kind::kNumber: case Kind::kString: return true;
    case Kind::kList:
      for (const auto& i : node_->items()) if (!i.is_literal()) return false;
      return true;
    case Kind::kMap:
      for (const auto& [k, v] : *node_->u.entries) if (!v.is_literal()) return false;
      return true;
    case Kind::kTemplate:
      for (const auto& i : node_->items()) if (!i.is_literal()) return false;
      return true;
    default: return false;
  }
}

nlohmann::json Expr::literal_value() const {
  if (!is_literal()) throw std::logic_error("Expr::literal_value on a non-literal expression");
  switch (kind()) {
    case Kind::kNull: return nullptr;
    case Kind::kList: {
      auto out = nlohmann::json::array();
      for (const auto& i : node_->items()) out.push_back(i.literal_value());
      return out;
    }
    case Kind::kMap: {
      auto out = nlohmann::json::object();
      for (const auto& [k, v] : *node_->u.entries) out[k] = v.literal_value();
      return out;
    }
    case Kind::kTemplate: {
      std::string s;
      for (const auto& i : node_->items()) {
        auto v = i.literal_value();
        s += v.is_string() ? v.get<std::string>() : v.dump();
      }
      return s;
    }
    case Kind::kString: return std::string(node_->text());
    default: return node_->scalar();
  }
}

Expr Expr::get(std::string_view step) const {
  if (kind() != Kind::kRef) throw std::logic_error("Expr::get on an expression that is not a reference");
  std::string attr(node_->text());
  if (!attr.empty() && !step.empty() && step.front() != '[') attr += '.';
  attr += step;
  return ref(*node_->u.target, std::move(attr));
}

const TerraformElement* Expr::ref_target() const { return kind() == Kind::kRef ? node_->u.target : nullptr; }

std::string_view Expr::ref_attribute() const { return node_ == nullptr ? std::string_view() : node_->text(); }

void Expr::visit_refs(FunctionRef<void(const TerraformElement&, std::string_view)> visit) const {
  switch (kind()) {
    case Kind::kNull: return;
    case Kind::kRef: visit(*node_->u.target, node_->text()); return;
    case Kind::kMap:
      for (const auto& [k, v] : *node_->u.entries) v.visit_refs(visit);
      return;
    default:
      for (const auto& i : node_->items()) i.visit_refs(visit);
  }
}

std::string escape_template(std::string_view literal) {
  std::string out;
  append_escaped_template(literal, out);
  return out;
}

std::string hcl_quote(std::string_view literal) {
  std::string out = "\"";
  append_quoted_body(literal, out);
  out += '"';
  return out;
}

// A template's text, as Terraform's template scanner will read it. Runs of literal parts are
// joined before escaping, so "$" then "{x}" cannot meet as a live "${". The "$"s right before an
// interpolation are written ${"$"}: "$${x}" would read as the literal text "${x}".
void Expr::append_template(std::span<const Expr> items, RefResolver& resolver, bool quoted, std::string& out) {
  auto escape = [&](std::string_view run) { quoted ? append_quoted_body(run, out) : append_escaped_template(run, out); };
  std::string run;
  for (const auto& i : items) {
    if (i.kind() == Kind::kString) {
      run += i.node_->text();
    } else if (i.kind() == Kind::kNumber || i.kind() == Kind::kBool) {
      append_scalar(i.node_->scalar(), run);
    } else {
      size_t keep = run.find_last_not_of('$') + 1;  // npos + 1 == 0: all dollars
      escape(std::string_view(run).substr(0, keep));
      if (keep < run.size()) {
        out += "${\"";
        out.append(run, keep);
        out += "\"}";
      }
      out += "${";
      i.append_hcl(resolver, out);
      out += '}';
      run.clear();
    }
  }
  escape(run);
}

nlohmann::json Expr::to_json(RefResolver& resolver) const {
  if (node_ == nullptr) return nullptr;
  const Node& n = *node_;
  switch (n.kind) {
    case Kind::kNull: return nullptr;
    case Kind::kBool: case Kind::kNumber: return n.scalar();
    case Kind::kString: return escape_template(n.text());
    case Kind::kList: {
      auto out = nlohmann::json::array();
      auto& array = out.get_ref<nlohmann::json::array_t&>();
      array.reserve(n.items().size());
      for (const auto& i : n.items()) array.push_back(i.to_json(resolver));
      return out;
    }
    case Kind::kMap: {
      // Entries come sorted by key, so each goes in at the end without a search (escaping
      // keeps the order but for keys holding "${" or "%{", which then take the search).
      auto out = nlohmann::json::object();
      auto& object = out.get_ref<nlohmann::json::object_t&>();
      for (const auto& [k, v] : *n.u.entries) object.emplace_hint(object.end(), escape_template(k), v.to_json(resolver));
      return out;
    }
    case Kind::kTemplate: {
      std::string out;
      append_template(n.items(), resolver, /*quoted=*/false, out);
      return out;
    }
    default: {
      std::string out = "${";
      append_hcl(resolver, out);
      out += '}';
      return out;
    }
  }
}

std::string Expr::to_hcl(RefResolver& resolver) const {
  std::string out;
  append_hcl(resolver, out);
  return out;
}

void Expr::append_hcl(RefResolver& resolver, std::string& out) const {
  if (node_ == nullptr) {
    out += "null";
    return;
  }
  const Node& n = *node_;
  auto items = [&](std::span<const Expr> list) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ", ";
      list[i].append_hcl(resolver, out);
    }
  };
  switch (n.kind) {
    case Kind::kNull: out += "null"; return;
    case Kind::kBool: case Kind::kNumber: append_scalar(n.scalar(), out); return;
    case Kind::kString:
      out += '"';
      append_quoted_body(n.text(), out);
      out += '"';
      return;
    case Kind::kList:
      out += '[';
      items(n.items());
      out += ']';
      return;
    case Kind::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [k, v] : *n.u.entries) {
        if (!first) out += ", ";
        first = false;
        out += '"';
        append_quoted_body(k, out);
        out += "\" = ";
        v.append_hcl(resolver, out);
      }
      out += '}';
      return;
    }
    case Kind::kRef: out += resolver.resolve(*n.u.target, n.text()); return;
    case Kind::kTemplate:
      out += '"';
      append_template(n.items(), resolver, /*quoted=*/true, out);
      out += '"';
      return;
    case Kind::kCall:
      out += n.text();
      out += '(';
      items(n.items());
      out += ')';
      return;
    case Kind::kIter: out += n.text(); return;
    case Kind::kBinary:
      out += '(';
      n.items()[0].append_hcl(resolver, out);
      out += ' ';
      out += n.text();
      out += ' ';
      n.items()[1].append_hcl(resolver, out);
      out += ')';
      return;
    case Kind::kConditional:
      out += '(';
      n.items()[0].append_hcl(resolver, out);
      out += " ? ";
      n.items()[1].append_hcl(resolver, out);
      out += " : ";
      n.items()[2].append_hcl(resolver, out);
      out += ')';
      return;
    case Kind::kIndex:
      n.items()[0].append_hcl(resolver, out);
      out += '[';
      n.items()[1].append_hcl(resolver, out);
      out += ']';
      return;
  }
  out += "null";
}

}  // namespace lcsynth
