// Reports of an OutputDiff: the counts, an indented +/-/~ listing with optional ANSI colours
// (fmt's text styles), and JSON with the shape documented in diff_report.h.

#include "lcsynth/diff_report.h"

#include <algorithm>
#include <vector>

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lcsynth {

using nlohmann::json;

namespace {
void count(ChangeCounts& c, Change change) {
  if (change == Change::kAdded) ++c.added;
  if (change == Change::kRemoved) ++c.removed;
  if (change == Change::kChanged) ++c.changed;
}

void count_file(DiffSummary& s, const FileDiff& f) {
  count(s.files, f.change);
  for (const BlockDiff& b : f.blocks) count(s.blocks[b.kind], b.change);
}

// What one block of a kind is called in a summary: {singular, plural}.
std::pair<std::string, std::string> noun(const std::string& kind) {
  if (kind == "data") return {"data source", "data sources"};
  if (kind == "locals") return {"local", "locals"};
  if (kind == "manifest") return {"manifest entry", "manifest entries"};
  if (kind == "resource" || kind == "module" || kind == "output" || kind == "variable" || kind == "provider")
    return {kind, kind + "s"};
  return {kind + " block", kind + " blocks"};  // terraform, metadata, moved, ...
}

// "2 resources added, 1 changed", or "" when nothing of the kind differs.
std::string counts_phrase(const ChangeCounts& c, const std::pair<std::string, std::string>& name) {
  std::string out;
  for (auto [n, verb] : {std::pair{c.added, "added"}, std::pair{c.removed, "removed"}, std::pair{c.changed, "changed"}}) {
    if (n == 0) continue;
    if (out.empty())
      out = fmt::format("{} {} {}", n, n == 1 ? name.first : name.second, verb);
    else
      out += fmt::format(", {} {}", n, verb);
  }
  return out;
}

std::string plural(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

const char* marker(Change c) { return c == Change::kAdded ? "+" : c == Change::kRemoved ? "-" : "~"; }
}  // namespace

DiffSummary summarize(const OutputDiff& diff) {
  DiffSummary s;
  for (const StackDiff& stack : diff.stacks) {
    count(s.stacks, stack.change);
    for (const FileDiff& f : stack.files) count_file(s, f);
  }
  for (const FileDiff& f : diff.files) count_file(s, f);
  return s;
}

std::string summary_line(const DiffSummary& summary) {
  std::vector<std::string> parts;
  for (const std::string& p : {counts_phrase(summary.stacks, {"stack", "stacks"}), counts_phrase(summary.files, {"file", "files"})})
    if (!p.empty()) parts.push_back(p);
  std::vector<std::string> kinds;
  for (const auto& [kind, c] : summary.blocks) kinds.push_back(kind);
  std::stable_sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return block_kind_rank(a) < block_kind_rank(b); });
  for (const std::string& kind : kinds)
    if (std::string p = counts_phrase(summary.blocks.at(kind), noun(kind)); !p.empty()) parts.push_back(p);
  return parts.empty() ? "no differences" : fmt::format("{}", fmt::join(parts, "; "));
}

// ---- text ---------------------------------------------------------------------------------

namespace {
class TextWriter {
 public:
  explicit TextWriter(bool color) : color_(color) {}

  void stack(const StackDiff& s) {
    if (s.change == Change::kChanged) {
      line(0, s.change, "stack " + s.name);
      for (const FileDiff& f : s.files) file(2, f);
      return;
    }
    size_t blocks = 0;
    for (const FileDiff& f : s.files) blocks += f.blocks.size();
    line(0, s.change, fmt::format("stack {} ({}, {})", s.name, plural(s.files.size(), "file"), plural(blocks, "block")));
  }

  void file(int indent, const FileDiff& f) {
    std::string text = f.path;
    if (f.change != Change::kChanged && f.note.empty()) text += " (" + plural(f.blocks.size(), "block") + ")";
    if (!f.note.empty()) text += ": " + f.note;
    line(indent, f.change, text);
    if (f.change != Change::kChanged) return;
    for (const BlockDiff& b : f.blocks) {
      line(indent + 2, b.change, b.address);
      for (const AttributeChange& a : b.attributes) attribute(indent + 4, a);
    }
  }

  void summary(const std::string& text) { out_ += text + "\n"; }
  std::string take() { return std::move(out_); }

 private:
  // "~ vpc_config.subnet_ids[1]: "subnet-a" → "subnet-b"", "+ tags.Team: "x"", "- timeout: 30".
  void attribute(int indent, const AttributeChange& a) {
    std::string prefix = a.path.empty() ? "" : a.path + ": ";
    if (a.change != Change::kChanged) {
      line(indent, a.change, prefix + (a.change == Change::kAdded ? *a.new_value : *a.old_value).dump());
      return;
    }
    out_ += fmt::format("{:{}}{} {}{} → {}\n", "", indent, paint(marker(a.change), fmt::terminal_color::yellow), prefix,
                        paint(a.old_value->dump(), fmt::terminal_color::red), paint(a.new_value->dump(), fmt::terminal_color::green));
  }

  void line(int indent, Change c, const std::string& text) {
    auto colour = c == Change::kAdded ? fmt::terminal_color::green : c == Change::kRemoved ? fmt::terminal_color::red : fmt::terminal_color::yellow;
    out_ += fmt::format("{:{}}{}\n", "", indent, paint(fmt::format("{} {}", marker(c), text), colour));
  }

  std::string paint(const std::string& text, fmt::terminal_color colour) const {
    return color_ ? fmt::format(fmt::fg(colour), "{}", text) : text;
  }

  bool color_;
  std::string out_;
};
}  // namespace

std::string diff_text(const OutputDiff& diff, const TextDiffOptions& options) {
  if (diff.empty()) return "";
  TextWriter w(options.color);
  for (const StackDiff& s : diff.stacks) w.stack(s);
  for (const FileDiff& f : diff.files) w.file(0, f);
  w.summary(summary_line(summarize(diff)));
  return w.take();
}

// ---- JSON ---------------------------------------------------------------------------------

namespace {
json counts_json(const ChangeCounts& c) { return {{"added", c.added}, {"removed", c.removed}, {"changed", c.changed}}; }

json file_json(const FileDiff& f) {
  json blocks = json::array();
  for (const BlockDiff& b : f.blocks) {
    json attributes = json::array();
    for (const AttributeChange& a : b.attributes) {
      json entry = {{"path", a.path}, {"pointer", a.pointer}, {"change", to_string(a.change)}};
      if (a.old_value) entry["old"] = *a.old_value;
      if (a.new_value) entry["new"] = *a.new_value;
      attributes.push_back(std::move(entry));
    }
    blocks.push_back({{"address", b.address}, {"kind", b.kind}, {"change", to_string(b.change)}, {"attributes", std::move(attributes)}});
  }
  json out = {{"path", f.path}, {"change", to_string(f.change)}, {"blocks", std::move(blocks)}};
  if (!f.note.empty()) out["note"] = f.note;
  return out;
}
}  // namespace

json diff_json(const OutputDiff& diff) {
  DiffSummary s = summarize(diff);
  json blocks = json::object();
  for (const auto& [kind, c] : s.blocks) blocks[kind] = counts_json(c);
  json stacks = json::array();
  for (const StackDiff& stack : diff.stacks) {
    json files = json::array();
    for (const FileDiff& f : stack.files) files.push_back(file_json(f));
    stacks.push_back({{"name", stack.name}, {"change", to_string(stack.change)}, {"files", std::move(files)}});
  }
  json files = json::array();
  for (const FileDiff& f : diff.files) files.push_back(file_json(f));
  return {{"identical", diff.empty()},
          {"summary", {{"stacks", counts_json(s.stacks)}, {"files", counts_json(s.files)}, {"blocks", std::move(blocks)}}},
          {"stacks", std::move(stacks)},
          {"files", std::move(files)}};
}

}  // namespace lcsynth
