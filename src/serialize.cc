// The one serialization of every output file (sorted keys, 2-space indent, a trailing newline),
// whole or in pieces. The pieces version writes the text itself, flushing it every 64 KiB, so
// the text of a large document (the root module of a stack with thousands of resources) is never
// whole in memory. It writes exactly what dump(2) writes (tests/serialize_test.cc compares them):
// strings of printable ASCII without quotes or backslashes, which are nearly all of them, are
// copied as they are; other ASCII strings are escaped here as dump() escapes them; strings with
// any other byte, and floating-point numbers, are written by nlohmann's serializer, which
// checks UTF-8 and formats numbers as dump() does.
//
// The text goes into a buffer of its own (not a std::string that checks its capacity at every
// append), and objects and arrays are walked as the std::map and std::vector they are, not
// through nlohmann's iterators: at N = 100 copies of LibreChat the writing thread's
// serialization took 54 M instructions before, about 12 per byte written (docs/benchmarks.md).

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lcsynth/synthesizer.h"

namespace lcsynth {

std::string serialize(const nlohmann::json& document) { return document.dump(2) + "\n"; }

namespace {

using Json = nlohmann::json;

constexpr size_t kIndent = 2;
constexpr size_t kPieceSize = 64 * 1024;

// Bytes that dump() does not write as they are inside a string: control characters, DEL and
// everything above (UTF-8, which dump() checks), the quote and the backslash.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> table{};
  for (size_t c = 0; c < 256; ++c) table[c] = c < 0x20 || c >= 0x7f || c == '"' || c == '\\';
  return table;
}();

// True when no byte of `s` is one of kEscaped. Sixteen bytes at a time where SSE2 is there (every
// x86-64): a byte at a time, this test was 9 M of the writing thread's 63 M instructions at
// N = 100 copies of LibreChat, about 3.6 a byte.
bool plain(std::string_view s) {
  size_t i = 0;
#if defined(__SSE2__)
  if (s.size() >= 16) {
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    auto any_escaped = [&](size_t at) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
      // A signed comparison: bytes from 0x80 up are negative, so "below 0x20" takes them too.
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      return _mm_movemask_epi8(hit) != 0;
    };
    for (; i + 16 <= s.size(); i += 16)
      if (any_escaped(i)) return false;
    return i == s.size() || !any_escaped(s.size() - 16);  // the rest, in the last 16 bytes
  }
#endif
  for (; i < s.size(); ++i)
    if (kEscaped[static_cast<unsigned char>(s[i])]) return false;
  return true;
}

class PieceSerializer {
 public:
  explicit PieceSerializer(const std::function<void(std::string_view)>& write) : write_(write) {}

  void value(const Json& v, size_t depth) {
    switch (v.type()) {
      case Json::value_t::object:
        object(v.get_ref<const Json::object_t&>(), depth);
        break;
      case Json::value_t::array:
        array(v.get_ref<const Json::array_t&>(), depth);
        break;
      case Json::value_t::string:
        string(v.get_ref<const std::string&>());
        break;
      case Json::value_t::boolean:
        if (v.get<bool>())
          literal("true");
        else
          literal("false");
        break;
      case Json::value_t::null:
        literal("null");
        break;
      case Json::value_t::number_integer:
        integer(v.get<std::int64_t>());
        break;
      case Json::value_t::number_unsigned:
        integer(v.get<std::uint64_t>());
        break;
      default:  // floating-point numbers, binary values, discarded values: as dump() writes them
        by_nlohmann([&] { dumper_.dump(v, true, false, kIndent, static_cast<unsigned>(depth * kIndent)); });
        break;
    }
  }

  void finish() {
    literal("\n");
    flush();
  }

 private:
  void object(const Json::object_t& members, size_t depth) {
    if (members.empty()) return literal("{}");
    literal("{\n");
    bool first = true;
    for (const auto& [key, member] : members) {
      if (!first) literal(",\n");
      first = false;
      indent(depth + 1);
      string(key);
      literal(": ");
      value(member, depth + 1);
      if (used_ >= kPieceSize) flush();
    }
    literal("\n");
    indent(depth);
    literal("}");
  }

  void array(const Json::array_t& items, size_t depth) {
    if (items.empty()) return literal("[]");
    literal("[\n");
    bool first = true;
    for (const Json& item : items) {
      if (!first) literal(",\n");
      first = false;
      indent(depth + 1);
      value(item, depth + 1);
      if (used_ >= kPieceSize) flush();
    }
    literal("\n");
    indent(depth);
    literal("]");
  }

  // A string (value or key), quoted and escaped as dump() does.
  void string(const std::string& s) {
    if (!plain(s)) return escaped(s);
    char* out = room(s.size() + 2);
    *out++ = '"';
    std::memcpy(out, s.data(), s.size());
    out[s.size()] = '"';
    used_ += s.size() + 2;
  }

  // A string with a quote, a backslash or a control character (JSON-encoded policies in
  // templates): ASCII is escaped here as dump() escapes it (tests/serialize_test.cc compares
  // them); a string with any other byte goes to nlohmann's serializer, which checks its UTF-8.
  void escaped(const std::string& s) {
    if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      return by_nlohmann([&] { dumper_.dump(Json(s), false, false, 0); });
    constexpr size_t kLongestEscape = 6;  // \u001f
    char* const start = room(s.size() * kLongestEscape + 2);
    char* out = start;
    *out++ = '"';
    for (char c : s) {
      switch (c) {
        case '"': out = put(out, "\\\""); break;
        case '\\': out = put(out, "\\\\"); break;
        case '\b': out = put(out, "\\b"); break;
        case '\f': out = put(out, "\\f"); break;
        case '\n': out = put(out, "\\n"); break;
        case '\r': out = put(out, "\\r"); break;
        case '\t': out = put(out, "\\t"); break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            constexpr std::string_view kHex = "0123456789abcdef";
            out = put(out, "\\u00");
            *out++ = kHex[static_cast<unsigned char>(c) >> 4];
            *out++ = kHex[static_cast<unsigned char>(c) & 0xf];
          } else {
            *out++ = c;
          }
      }
    }
    *out++ = '"';
    used_ += static_cast<size_t>(out - start);
  }

  template <size_t N>
  static char* put(char* out, const char (&text)[N]) {
    std::memcpy(out, text, N - 1);
    return out + N - 1;
  }

  template <size_t N>
  void literal(const char (&text)[N]) {
    std::memcpy(room(N - 1), text, N - 1);
    used_ += N - 1;
  }

  void indent(size_t depth) {
    size_t n = depth * kIndent;
    std::memset(room(n), ' ', n);
    used_ += n;
  }

  template <class Int>
  void integer(Int n) {
    char* out = room(24);
    used_ += static_cast<size_t>(std::to_chars(out, out + 24, n).ptr - out);
  }

  // nlohmann's serializer, the one behind json::dump() (detail namespace, as its operator<< uses
  // it: dump() has no way to start at an indent), writes what the fast paths leave into a
  // string of its own, copied into the buffer after.
  template <class Dump>
  void by_nlohmann(const Dump& dump) {
    escaped_.clear();
    dump();
    std::memcpy(room(escaped_.size()), escaped_.data(), escaped_.size());
    used_ += escaped_.size();
  }

  // Where the next `n` bytes go: the buffer has room for them once this returns.
  char* room(size_t n) {
    if (used_ + n > buffer_.capacity) grow(n);
    return buffer_.text.get() + used_;
  }

  void grow(size_t n) {
    flush();
    if (n <= buffer_.capacity) return;
    buffer_.capacity = std::max(n, 2 * buffer_.capacity);
    buffer_.text = std::make_unique_for_overwrite<char[]>(buffer_.capacity);
  }

  void flush() {
    if (used_ == 0) return;
    write_(std::string_view(buffer_.text.get(), used_));
    used_ = 0;
  }

  // A piece is flushed once it passes kPieceSize, after the member that took it there; the
  // buffer is twice that, so it rarely has to flush early for a long member. One buffer per
  // thread, kept for the next document: a new one per document was a new large allocation
  // each time, whose pages the kernel had to map again (8 more page faults for the LibreChat
  // synth's seven documents when freed pages went back at once, as they did until session 12:
  // src/allocator_config.cc).
  struct Buffer {
    size_t capacity = 2 * kPieceSize;
    std::unique_ptr<char[]> text = std::make_unique_for_overwrite<char[]>(capacity);
  };
  static thread_local Buffer this_threads_buffer_;
  Buffer& buffer_ = this_threads_buffer_;  // found once: not a thread-local lookup at every append

  const std::function<void(std::string_view)>& write_;
  size_t used_ = 0;
  std::string escaped_;
  nlohmann::detail::serializer<Json> dumper_{nlohmann::detail::output_adapter<char>(escaped_), ' '};
};

thread_local PieceSerializer::Buffer PieceSerializer::this_threads_buffer_;

}  // namespace

void serialize(const nlohmann::json& document, const std::function<void(std::string_view)>& write) {
  PieceSerializer out(write);
  out.value(document, 0);
  out.finish();
}

}  // namespace lcsynth
