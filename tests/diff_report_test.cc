// Tests the reports of an OutputDiff: counts, the summary line, the text listing with and
// without colour, and the JSON shape, all as exact strings.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/diff_report.h"

using lcsynth::AttributeChange;
using lcsynth::BlockDiff;
using lcsynth::Change;
using lcsynth::FileDiff;
using lcsynth::OutputDiff;
using lcsynth::StackDiff;
using nlohmann::json;

namespace {

BlockDiff block(Change c, const std::string& address, const std::string& kind, std::vector<AttributeChange> attributes = {}) {
  return BlockDiff{c, address, kind, std::move(attributes)};
}

// A diff with something of every shape: a changed stack with a changed and an added file, a
// removed stack, and a changed manifest.
OutputDiff sample() {
  OutputDiff d;
  FileDiff root{Change::kChanged, "stacks/hello/cdk.tf.json", "",
                {block(Change::kAdded, "resource.aws_sns_topic.alerts", "resource"),
                 block(Change::kChanged, "variable.environment", "variable",
                       {AttributeChange{Change::kChanged, "default", "/default", json("dev"), json("prod")},
                        AttributeChange{Change::kAdded, "sensitive", "/sensitive", std::nullopt, json(true)},
                        AttributeChange{Change::kRemoved, "description", "/description", json("Env"), std::nullopt}}),
                 block(Change::kChanged, "locals.prefix", "locals", {AttributeChange{Change::kChanged, "", "", json("a"), json("b")}})}};
  FileDiff module{Change::kAdded, "stacks/hello/modules/extra/main.tf.json", "",
                  {block(Change::kAdded, "output.x", "output"), block(Change::kAdded, "variable.y", "variable")}};
  d.stacks.push_back(StackDiff{Change::kChanged, "hello", {root, module}});
  FileDiff legacy{Change::kRemoved, "stacks/legacy/cdk.tf.json", "",
                  {block(Change::kRemoved, "resource.aws_s3_bucket.b", "resource"), block(Change::kRemoved, "terraform", "terraform")}};
  d.stacks.push_back(StackDiff{Change::kRemoved, "legacy", {legacy}});
  d.files.push_back(FileDiff{Change::kChanged, "manifest.json", "", {block(Change::kRemoved, "stacks.legacy", "manifest")}});
  return d;
}

// One changed attribute in one block of one stack.
OutputDiff one_change() {
  OutputDiff d;
  d.stacks.push_back(StackDiff{Change::kChanged, "s",
                               {FileDiff{Change::kChanged, "stacks/s/cdk.tf.json", "",
                                         {block(Change::kChanged, "resource.null_resource.n", "resource",
                                                {AttributeChange{Change::kChanged, "count", "/count", json(1), json(2)}})}}}});
  return d;
}

}  // namespace

TEST_CASE("an empty diff has no text, no differences in its summary and identical JSON", "[diff]") {
  OutputDiff empty;
  CHECK(lcsynth::diff_text(empty).empty());
  CHECK(lcsynth::summary_line(lcsynth::summarize(empty)) == "no differences");
  CHECK(lcsynth::diff_json(empty) == json::parse(R"({
    "identical": true,
    "summary": {"stacks": {"added": 0, "removed": 0, "changed": 0}, "files": {"added": 0, "removed": 0, "changed": 0}, "blocks": {}},
    "stacks": [], "files": []})"));
}

TEST_CASE("the summary counts what added and removed stacks and files hold, kinds in listing order", "[diff]") {
  auto s = lcsynth::summarize(sample());
  CHECK(s.stacks.removed == 1);
  CHECK(s.stacks.changed == 1);
  CHECK(s.files.added == 1);
  CHECK(s.files.removed == 1);
  CHECK(s.files.changed == 2);
  CHECK(s.blocks.at("resource").added == 1);
  CHECK(s.blocks.at("resource").removed == 1);
  CHECK(lcsynth::summary_line(s) ==
        "1 stack removed, 1 changed; 1 file added, 1 removed, 2 changed; 1 resource added, 1 removed; 1 output added; "
        "1 variable added, 1 changed; 1 local changed; 1 terraform block removed; 1 manifest entry removed");
}

TEST_CASE("the text lists stacks, files, blocks and attributes with markers, old and new values, then the summary", "[diff]") {
  CHECK(lcsynth::diff_text(sample()) ==
        "~ stack hello\n"
        "  ~ stacks/hello/cdk.tf.json\n"
        "    + resource.aws_sns_topic.alerts\n"
        "    ~ variable.environment\n"
        "      ~ default: \"dev\" → \"prod\"\n"
        "      + sensitive: true\n"
        "      - description: \"Env\"\n"
        "    ~ locals.prefix\n"
        "      ~ \"a\" → \"b\"\n"
        "  + stacks/hello/modules/extra/main.tf.json (2 blocks)\n"
        "- stack legacy (1 file, 2 blocks)\n"
        "~ manifest.json\n"
        "  - stacks.legacy\n"
        "1 stack removed, 1 changed; 1 file added, 1 removed, 2 changed; 1 resource added, 1 removed; 1 output added; "
        "1 variable added, 1 changed; 1 local changed; 1 terraform block removed; 1 manifest entry removed\n");
}

TEST_CASE("a file's note follows its path in the text", "[diff]") {
  OutputDiff d;
  d.files.push_back(FileDiff{Change::kChanged, "manifest.json", "the old file is not a JSON object: found array", {}});
  CHECK(lcsynth::diff_text(d) == "~ manifest.json: the old file is not a JSON object: found array\n1 file changed\n");
}

TEST_CASE("colour is only used when asked for: green added, red removed, yellow changed", "[diff]") {
  CHECK(lcsynth::diff_text(one_change(), {.color = false}).find('\x1b') == std::string::npos);
  CHECK(lcsynth::diff_text(one_change(), {.color = true}) ==
        "\x1b[33m~ stack s\x1b[0m\n"
        "  \x1b[33m~ stacks/s/cdk.tf.json\x1b[0m\n"
        "    \x1b[33m~ resource.null_resource.n\x1b[0m\n"
        "      \x1b[33m~\x1b[0m count: \x1b[31m1\x1b[0m → \x1b[32m2\x1b[0m\n"
        "1 stack changed; 1 file changed; 1 resource changed\n");
  OutputDiff added;
  added.stacks.push_back(StackDiff{Change::kAdded, "n", {FileDiff{Change::kAdded, "stacks/n/cdk.tf.json", "", {}}}});
  CHECK(lcsynth::diff_text(added, {.color = true}) == "\x1b[32m+ stack n (1 file, 0 blocks)\x1b[0m\n1 stack added; 1 file added\n");
}

TEST_CASE("the JSON report has the documented shape, with old and new only where they exist", "[diff]") {
  OutputDiff d = one_change();
  d.stacks[0].files[0].blocks[0].attributes.push_back(AttributeChange{Change::kAdded, "tags.a", "/tags/a", std::nullopt, json(nullptr)});
  d.files.push_back(FileDiff{Change::kChanged, "manifest.json", "a note", {}});
  CHECK(lcsynth::diff_json(d) == json::parse(R"({
    "identical": false,
    "summary": {"stacks": {"added": 0, "removed": 0, "changed": 1},
                "files": {"added": 0, "removed": 0, "changed": 2},
                "blocks": {"resource": {"added": 0, "removed": 0, "changed": 1}}},
    "stacks": [{"name": "s", "change": "changed", "files": [
      {"path": "stacks/s/cdk.tf.json", "change": "changed", "blocks": [
        {"address": "resource.null_resource.n", "kind": "resource", "change": "changed", "attributes": [
          {"path": "count", "pointer": "/count", "change": "changed", "old": 1, "new": 2},
          {"path": "tags.a", "pointer": "/tags/a", "change": "added", "new": null}]}]}]}],
    "files": [{"path": "manifest.json", "change": "changed", "note": "a note", "blocks": []}]})"));
}
