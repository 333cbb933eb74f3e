#pragma once
// The testing library's assertions as Catch2 (v2) matchers on a Synth, for test code only:
//
//   auto s = lcsynth::testing::synth(app, "librechat");
//   CHECK_THAT(s, has_resource("aws_lambda_function", {{"memory_size", 1024}}));
//   CHECK_THAT(s, depends_on("backend/api", "backend/lambda_role", Reach::kDirect));
//
// Each matcher has the name and arguments of its assertion without the Synth, and describes
// itself with the assertion's message, so a failure prints the closest candidates.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "lcsynth/testing.h"

namespace lcsynth::testing {

/// A Catch2 matcher that runs one assertion; describe() is that assertion's last message.
class SynthMatcher : public Catch::MatcherBase<Synth> {
 public:
  explicit SynthMatcher(std::function<Result(const Synth&)> check) : check_(std::move(check)) {}
  bool match(const Synth& s) const override {
    last_ = check_(s);
    return last_.ok;
  }
  std::string describe() const override { return last_.message; }

 private:
  std::function<Result(const Synth&)> check_;
  mutable Result last_;
};

inline SynthMatcher has_resource(std::string type, Pattern properties = Pattern::object()) {
  return SynthMatcher([=](const Synth& s) { return has_resource(s, type, properties); });
}
inline SynthMatcher has_data_source(std::string type, Pattern properties = Pattern::object()) {
  return SynthMatcher([=](const Synth& s) { return has_data_source(s, type, properties); });
}
inline SynthMatcher has_module_call(std::string source, Pattern properties = Pattern::object()) {
  return SynthMatcher([=](const Synth& s) { return has_module_call(s, source, properties); });
}
inline SynthMatcher has_output(std::string name, Pattern properties = Pattern::object()) {
  return SynthMatcher([=](const Synth& s) { return has_output(s, name, properties); });
}
inline SynthMatcher has_block(BlockKind kind, std::string type, Pattern properties = Pattern::object()) {
  return SynthMatcher([=](const Synth& s) { return has_block(s, kind, type, properties); });
}
inline SynthMatcher block_count(BlockKind kind, std::string type, std::size_t count) {
  return SynthMatcher([=](const Synth& s) { return block_count(s, kind, type, count); });
}
inline SynthMatcher all_blocks_match(BlockKind kind, std::string type, Pattern properties) {
  return SynthMatcher([=](const Synth& s) { return all_blocks_match(s, kind, type, properties); });
}
inline SynthMatcher resource_count(std::string type, std::size_t count) {
  return SynthMatcher([=](const Synth& s) { return resource_count(s, type, count); });
}
inline SynthMatcher all_resources_match(std::string type, Pattern properties) {
  return SynthMatcher([=](const Synth& s) { return all_resources_match(s, type, properties); });
}
inline SynthMatcher element_matches(std::string target, Pattern properties) {
  return SynthMatcher([=](const Synth& s) { return element_matches(s, target, properties); });
}
inline SynthMatcher property_matches(std::string target, std::string property, Pattern pattern) {
  return SynthMatcher([=](const Synth& s) { return property_matches(s, target, property, pattern); });
}
inline SynthMatcher property_absent(std::string target, std::string property) {
  return SynthMatcher([=](const Synth& s) { return property_absent(s, target, property); });
}
inline SynthMatcher property_matches_regex(std::string target, std::string property, std::string expression) {
  return SynthMatcher([=](const Synth& s) { return property_matches_regex(s, target, property, expression); });
}
inline SynthMatcher property_is_json(std::string target, std::string property, Pattern document) {
  return SynthMatcher([=](const Synth& s) { return property_is_json(s, target, property, document); });
}
inline SynthMatcher depends_on(std::string from, std::string to, Reach reach = Reach::kTransitive) {
  return SynthMatcher([=](const Synth& s) { return depends_on(s, from, to, reach); });
}
inline SynthMatcher references(std::string from, std::string to, std::string attribute = "") {
  return SynthMatcher([=](const Synth& s) { return references(s, from, to, attribute); });
}
inline SynthMatcher has_no_cycles() {
  return SynthMatcher([](const Synth& s) { return has_no_cycles(s); });
}
inline SynthMatcher reaches_exactly(std::string from, std::vector<std::string> expected) {
  return SynthMatcher([=](const Synth& s) { return reaches_exactly(s, from, expected); });
}

}  // namespace lcsynth::testing

namespace Catch {
/// Shown as the matched value: "stack 'librechat'".
template <>
struct StringMaker<lcsynth::testing::Synth> {
  static std::string convert(const lcsynth::testing::Synth& s) { return "stack '" + s.stack_name() + "'"; }
};
/// CHECK(has_resource(s, ...)) prints the assertion's message.
template <>
struct StringMaker<lcsynth::testing::Result> {
  static std::string convert(const lcsynth::testing::Result& r) { return r.message; }
};
}  // namespace Catch
