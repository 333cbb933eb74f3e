// The one serialization of every output file (sorted keys, 2-space indent, a trailing newline),
// whole or in pieces. The pieces version writes the text itself, flushing it every 64 KiB, so
// the text of a large document (the root module of a stack with thousands of resources) is never
// whole in memory. It writes exactly what dump(2) writes (tests/serialize_test.cc compares them):
// strings of printable ASCII without quotes or backslashes, which are nearly all of them, are
// copied as they are; every other string, and every floating-point number, is written by
// nlohmann's serializer, which escapes, checks UTF-8 and formats numbers as dump() does.

#include <charconv>
#include <string>

#include "lcsynth/synthesizer.h"

namespace lcsynth {

std::string serialize(const nlohmann::json& document) { return document.dump(2) + "\n"; }

namespace {

constexpr int kIndent = 2;
constexpr size_t kPieceSize = 64 * 1024;

// True when dump() writes `s` as it is, between quotes: printable ASCII, no '"' or '\\'.
bool plain(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  return true;
}

class PieceSerializer {
 public:
  explicit PieceSerializer(const std::function<void(std::string_view)>& write) : write_(write) {}

  void value(const nlohmann::json& v, int depth) {
    switch (v.type()) {
      case nlohmann::json::value_t::object:
      case nlohmann::json::value_t::array:
        structured(v, depth);
        break;
      case nlohmann::json::value_t::string:
        string(v.get_ref<const std::string&>(), &v);
        break;
      case nlohmann::json::value_t::boolean:
        buffer_ += v.get<bool>() ? "true" : "false";
        break;
      case nlohmann::json::value_t::null:
        buffer_ += "null";
        break;
      case nlohmann::json::value_t::number_integer:
        integer(v.get<std::int64_t>());
        break;
      case nlohmann::json::value_t::number_unsigned:
        integer(v.get<std::uint64_t>());
        break;
      default:  // floating-point numbers, binary values, discarded values: as dump() writes them
        dumper_.dump(v, true, false, kIndent, static_cast<unsigned>(depth * kIndent));
        break;
    }
  }

  void finish() {
    buffer_ += '\n';
    flush();
  }

 private:
  void structured(const nlohmann::json& v, int depth) {
    const bool object = v.is_object();
    if (v.empty()) {
      buffer_ += object ? "{}" : "[]";
      return;
    }
    buffer_ += object ? "{\n" : "[\n";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) buffer_ += ",\n";
      first = false;
      buffer_.append(static_cast<size_t>((depth + 1) * kIndent), ' ');
      if (object) {
        string(it.key(), nullptr);
        buffer_ += ": ";
      }
      value(*it, depth + 1);
      if (buffer_.size() >= kPieceSize) flush();
    }
    buffer_ += '\n';
    buffer_.append(static_cast<size_t>(depth * kIndent), ' ');
    buffer_ += object ? '}' : ']';
  }

  // A string value (`v`) or a key (v == nullptr), quoted and escaped as dump() does.
  void string(const std::string& s, const nlohmann::json* v) {
    if (plain(s)) {
      buffer_ += '"';
      buffer_ += s;
      buffer_ += '"';
    } else {
      dumper_.dump(v != nullptr ? *v : nlohmann::json(s), false, false, 0);
    }
  }

  template <class Int>
  void integer(Int n) {
    char digits[24];
    auto [end, error] = std::to_chars(digits, digits + sizeof digits, n);
    buffer_.append(digits, end);
  }

  void flush() {
    if (buffer_.empty()) return;
    write_(buffer_);
    buffer_.clear();
  }

  const std::function<void(std::string_view)>& write_;
  std::string buffer_;
  // The serializer behind json::dump(), appending to buffer_, for what the fast paths leave. It
  // is nlohmann::json's own (detail namespace, as its operator<< uses it): dump() has no way to
  // start at an indent or to write into a buffer it does not own.
  nlohmann::detail::serializer<nlohmann::json> dumper_{nlohmann::detail::output_adapter<char>(buffer_), ' '};
};

}  // namespace

void serialize(const nlohmann::json& document, const std::function<void(std::string_view)>& write) {
  PieceSerializer out(write);
  out.value(document, 0);
  out.finish();
}

}  // namespace lcsynth
