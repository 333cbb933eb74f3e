// Decoding JSON documents from string properties. "${jsonencode(...)}" is read back by a small
// recursive-descent reader for exactly the HCL that Expr::to_hcl writes: objects of
// "key" = value, lists, literals, quoted templates; other expressions are kept as "${...}".

#include "lcsynth/testing/json_document.h"

#include <cctype>
#include <string>
#include <string_view>

namespace lcsynth::testing {

namespace {
using nlohmann::json;

class HclReader {
 public:
  explicit HclReader(std::string_view text) : s_(text) {}

  // The whole text is one value.
  std::optional<json> document() {
    json out;
    if (!value(out)) return std::nullopt;
    skip_space();
    return i_ == s_.size() ? std::optional<json>(std::move(out)) : std::nullopt;
  }

 private:
  bool value(json& out) {
    skip_space();
    if (i_ == s_.size()) return false;
    if (s_[i_] == '{') return object(out);
    if (s_[i_] == '[') return list(out);
    if (s_[i_] == '"') return string(out);
    return expression(out);
  }

  bool object(json& out) {
    out = json::object();
    ++i_;
    while (!peek('}')) {
      json key, item;
      if (!string(key)) return false;
      if (!eat('=') || !value(item)) return false;
      out[key.get<std::string>()] = std::move(item);
      if (!eat(',')) break;
    }
    return eat('}');
  }

  bool list(json& out) {
    out = json::array();
    ++i_;
    while (!peek(']')) {
      json item;
      if (!value(item)) return false;
      out.push_back(std::move(item));
      if (!eat(',')) break;
    }
    return eat(']');
  }

  // A quoted template: HCL escapes are undone, "$${" and "%%{" stay escaped (as Terraform JSON
  // writes them), and interpolations are copied verbatim.
  bool string(json& out) {
    if (!eat('"')) return false;
    std::string text;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_];
      if (c == '\\') {
        if (!escape(text)) return false;
      } else if ((c == '$' || c == '%') && s_.substr(i_, 3) == std::string{c, c, '{'}) {
        text += s_.substr(i_, 3);
        i_ += 3;
      } else if ((c == '$' || c == '%') && s_.substr(i_, 2) == std::string{c, '{'}) {
        size_t start = i_;
        if (!skip_balanced()) return false;
        text += s_.substr(start, i_ - start);
      } else {
        text += c;
        ++i_;
      }
    }
    if (!eat('"')) return false;
    out = std::move(text);
    return true;
  }

  bool escape(std::string& text) {
    if (i_ + 1 >= s_.size()) return false;
    char c = s_[i_ + 1];
    i_ += 2;
    switch (c) {
      case 'n': text += '\n'; return true;
      case 'r': text += '\r'; return true;
      case 't': text += '\t'; return true;
      case '"': case '\\': text += c; return true;
      case 'u': return unicode(text);
      default: return false;
    }
  }

  bool unicode(std::string& text) {
    if (i_ + 4 > s_.size()) return false;
    for (size_t k = i_; k < i_ + 4; ++k)
      if (!std::isxdigit(static_cast<unsigned char>(s_[k]))) return false;
    unsigned code = std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16);
    i_ += 4;
    if (code < 0x80) {
      text += static_cast<char>(code);
    } else if (code < 0x800) {
      text += static_cast<char>(0xC0 | (code >> 6));
      text += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      text += static_cast<char>(0xE0 | (code >> 12));
      text += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (code & 0x3F));
    }
    return true;
  }

  // Any other expression runs to the next ',' or closing bracket outside brackets and quotes.
  // Literals (numbers, true, false, null) are values; the rest is kept as "${...}".
  bool expression(json& out) {
    size_t start = i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ',' || c == ']' || c == '}' || c == ')') break;
      if (c == '(' || c == '[' || c == '{' || c == '"') {
        if (!skip_balanced()) return false;
      } else {
        ++i_;
      }
    }
    std::string text(s_.substr(start, i_ - start));
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.empty()) return false;
    json literal = json::parse(text, nullptr, false);
    out = !literal.is_discarded() && (literal.is_number() || literal.is_boolean() || literal.is_null()) ? literal : json("${" + text + "}");
    return true;
  }

  // Moves past one bracketed or quoted span starting at i_ ("${...}" counts as bracketed).
  bool skip_balanced() {
    if (s_[i_] == '"') {
      json ignored;
      return string(ignored);
    }
    if (s_[i_] == '$' || s_[i_] == '%') ++i_;
    char open = s_[i_];
    char close = open == '(' ? ')' : open == '[' ? ']' : '}';
    ++i_;
    while (i_ < s_.size() && s_[i_] != close) {
      char c = s_[i_];
      if (c == '(' || c == '[' || c == '{' || c == '"') {
        if (!skip_balanced()) return false;
      } else {
        ++i_;
      }
    }
    return eat(close);
  }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  // True at the end too, so a loop over items stops there and the caller's eat() fails.
  bool peek(char c) {
    skip_space();
    return i_ == s_.size() || s_[i_] == c;
  }
  bool eat(char c) {
    skip_space();
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

constexpr std::string_view kOpen = "${jsonencode(";
constexpr std::string_view kClose = ")}";
}  // namespace

std::optional<nlohmann::json> decode_json_document(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  std::string_view text = value.get_ref<const std::string&>();
  if (text.size() > kOpen.size() + kClose.size() && text.substr(0, kOpen.size()) == kOpen &&
      text.substr(text.size() - kClose.size()) == kClose)
    return HclReader(text.substr(kOpen.size(), text.size() - kOpen.size() - kClose.size())).document();
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

}  // namespace lcsynth::testing
