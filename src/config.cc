// Loading configuration JSON with errors a person can act on: file, line and column for syntax
// errors (from nlohmann's byte offset), a depth limit checked while parsing, and --set edits.

#include "lcsynth/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace {
std::pair<size_t, size_t> line_column(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 2:
// syntax error while parsing value - ..."; keep what follows the position.
std::string reason(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  auto at = what.find("column ");
  if (at != std::string::npos) at = what.find(": ", at);
  return at == std::string::npos ? what : what.substr(at + 2);
}

struct TooDeep {};
}  // namespace

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and code points past U+10FFFF.
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += len;
  }
  return true;
}

Config parse_config(std::string_view text, std::string source) {
  nlohmann::json values;
  try {
    values = nlohmann::json::parse(text, [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
      // `depth` counts the containers already open, so a container being opened is one deeper.
      using E = nlohmann::json::parse_event_t;
      bool opening = event == E::object_start || event == E::array_start;
      if (opening ? depth >= kMaxConfigDepth : depth > kMaxConfigDepth) throw TooDeep{};
      return true;
    });
  } catch (const nlohmann::json::parse_error& e) {
    auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
      throw ConfigError(fmt::format("{}: the file is empty: expected a JSON object such as {{\"environment\": \"dev\"}}", source));
    throw ConfigError(fmt::format("{}:{}:{}: invalid JSON: {}", source, line, column, reason(e)));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond a double ("1e999"): nlohmann reports no position, but quotes the number.
    std::string what = e.what();
    throw ConfigError(fmt::format("{}: invalid JSON: {}: expected a number a double can hold", source, what.substr(what.find("] ") + 2)));
  } catch (const TooDeep&) {
    throw ConfigError(fmt::format("{}: nesting deeper than {} levels: expected a flat configuration object", source, kMaxConfigDepth));
  }
  if (!values.is_object())
    throw ConfigError(fmt::format("{}: expected a JSON object at the top level, found {}", source, values.type_name()));
  return Config{std::move(values), std::move(source)};
}

// Read with open/fstat/read: one stat and no stream (std::ifstream's open alone cost a LibreChat
// synth 0.04 M instructions, and exists/is_directory/file_size three more stat calls).
Config load_config_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw ConfigError(fmt::format("{}: no such file: expected a JSON configuration file", name));
    if (errno == EACCES || errno == EPERM) throw ConfigError(fmt::format("{}: cannot be read: check its permissions", name));
    throw ConfigError(fmt::format("{}: cannot be opened ({}): expected a readable JSON configuration file", name, std::strerror(errno)));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw ConfigError(fmt::format("{}: cannot be read: check its permissions", name));
  if (S_ISDIR(st.st_mode)) throw ConfigError(fmt::format("{}: is a directory: expected a JSON configuration file", name));
  // Sized before reading: a 50 MB file given by mistake is refused, not parsed. What is not a
  // regular file (a pipe, a device) is read up to the limit and refused past it.
  auto too_large = [&](std::uintmax_t size) {
    return ConfigError(fmt::format("{}: {} bytes is larger than the {} bytes a configuration file may have", name, size, kMaxConfigBytes));
  };
  if (S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) > kMaxConfigBytes) throw too_large(static_cast<std::uintmax_t>(st.st_size));
  std::string text(S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) + 1 : size_t{4096}, '\0');  // + 1: room to see the end
  size_t used = 0;
  while (true) {
    if (used == text.size()) text.resize(std::min<size_t>(std::max<size_t>(2 * text.size(), 4096), kMaxConfigBytes + 1));
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw ConfigError(fmt::format("{}: cannot be read: check its permissions", name));
    if (n == 0) break;
    used += static_cast<size_t>(n);
    if (used > kMaxConfigBytes) throw too_large(used);
  }
  text.resize(used);
  return parse_config(text, name);
}

void apply_set(Config& config, std::string_view assignment) {
  auto eq = assignment.find('=');
  std::string_view key = assignment.substr(0, eq);
  if (eq == std::string_view::npos || key.empty() || key.front() == '.' || key.back() == '.' ||
      key.find("..") != std::string_view::npos)
    throw ConfigError(fmt::format("--set '{}': expected KEY=VALUE with KEY a dotted path such as lambda.memory_size=2048", assignment));
  // The key becomes an object key in the document, which must stay valid UTF-8 to be written.
  if (!is_valid_utf8(key))
    throw ConfigError("--set: the key is not valid UTF-8: expected a dotted path such as lambda.memory_size");
  std::string_view raw = assignment.substr(eq + 1);
  if (!is_valid_utf8(raw)) throw ConfigError(fmt::format("--set '{}': the value is not valid UTF-8", key));
  nlohmann::json value = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) value = std::string(raw);

  nlohmann::json* at = &config.values;
  std::string walked;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    std::string step(key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    bool index = at->is_array() && !step.empty() && step.find_first_not_of("0123456789") == std::string::npos;
    size_t position = 0;
    if (index) {
      auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), position);
      if (ec != std::errc() || position >= at->size())
        throw ConfigError(fmt::format("--set '{}': index {} is past the end of '{}' ({} items)", assignment, step, walked, at->size()));
    }
    if (!index && !at->is_object())
      throw ConfigError(fmt::format("--set '{}': '{}' is {}, not an object", assignment, walked, at->type_name()));
    nlohmann::json& next = index ? (*at)[position] : (*at)[step];
    walked += (walked.empty() ? "" : ".") + step;
    if (dot == std::string_view::npos) {
      next = std::move(value);
      return;
    }
    if (next.is_null()) next = nlohmann::json::object();
    at = &next;
    start = dot + 1;
  }
}

}  // namespace lcsynth
