// The one serialization of every output file (sorted keys, 2-space indent, a trailing newline),
// whole or in pieces. The pieces version writes the outer levels itself, member by member, and
// lets nlohmann::json dump each deeper value, so the text of a large document (the root module
// of a stack with thousands of resources) is never whole in memory. Each deeper value is dumped
// by nlohmann's serializer at its indent, straight into the buffer.

#include <string>

#include "lcsynth/synthesizer.h"

namespace lcsynth {

std::string serialize(const nlohmann::json& document) { return document.dump(2) + "\n"; }

namespace {

constexpr int kIndent = 2;
// Levels written member by member: the document, its blocks ("resource", "module"), their
// types or names, and one resource type's resources. Deeper values are one piece each.
constexpr int kSplitDepth = 3;
constexpr size_t kPieceSize = 64 * 1024;

class PieceSerializer {
 public:
  explicit PieceSerializer(const std::function<void(std::string_view)>& write) : write_(write) {}

  void value(const nlohmann::json& v, int depth) {
    if (depth >= kSplitDepth || !v.is_structured() || v.empty()) {
      dumped(v, depth);
      return;
    }
    const bool object = v.is_object();
    buffer_ += object ? "{\n" : "[\n";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) buffer_ += ",\n";
      first = false;
      buffer_.append(static_cast<size_t>((depth + 1) * kIndent), ' ');
      if (object) {
        dumper_.dump(nlohmann::json(it.key()), false, false, 0);  // the key, escaped as dump() escapes it
        buffer_ += ": ";
      }
      value(*it, depth + 1);
      if (buffer_.size() >= kPieceSize) flush();
    }
    buffer_ += '\n';
    buffer_.append(static_cast<size_t>(depth * kIndent), ' ');
    buffer_ += object ? '}' : ']';
  }

  void finish() {
    buffer_ += '\n';
    flush();
  }

 private:
  // v.dump(2) as it reads `depth` levels down, appended to buffer_ without a string of its own.
  void dumped(const nlohmann::json& v, int depth) {
    dumper_.dump(v, true, false, kIndent, static_cast<unsigned>(depth * kIndent));
  }

  void flush() {
    if (buffer_.empty()) return;
    write_(buffer_);
    buffer_.clear();
  }

  const std::function<void(std::string_view)>& write_;
  std::string buffer_;
  // The serializer behind json::dump(), appending to buffer_. It is nlohmann::json's own
  // (detail namespace, as its operator<< uses it): dump() has no way to start at an indent.
  nlohmann::detail::serializer<nlohmann::json> dumper_{nlohmann::detail::output_adapter<char>(buffer_), ' '};
};

}  // namespace

void serialize(const nlohmann::json& document, const std::function<void(std::string_view)>& write) {
  PieceSerializer out(write);
  out.value(document, 0);
  out.finish();
}

}  // namespace lcsynth
