// Tests read_output_tree (on an in-memory filesystem) and diff_outputs: stacks, files, blocks
// by address and attribute paths with old and new values.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/output_diff.h"
#include "lcsynth/resource.h"
#include "lcsynth/stack.h"
#include "lcsynth/synthesizer.h"

namespace fs = std::filesystem;
using lcsynth::Change;
using lcsynth::OutputDiff;
using lcsynth::OutputTree;
using nlohmann::json;

namespace {

// A read-only filesystem held in memory: file path -> bytes; directories are implied by the
// files under them. Modifying calls change nothing and are recorded in `modified`.
class MemoryFileSystem : public lcsynth::FileSystem {
 public:
  std::map<std::string, std::string> files;
  std::vector<std::string> modified;

  bool exists(const fs::path& p) override { return files.count(p.string()) != 0 || is_directory(p); }
  bool is_directory(const fs::path& p) override {
    std::string prefix = p.string() + "/";
    auto it = files.lower_bound(prefix);
    return it != files.end() && it->first.rfind(prefix, 0) == 0;
  }
  std::vector<fs::path> list(const fs::path& dir) override {
    std::set<std::string> names;
    std::string prefix = dir.string() + "/";
    for (const auto& [path, bytes] : files)
      if (path.rfind(prefix, 0) == 0) names.insert(path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size()));
    std::vector<fs::path> out;
    for (const auto& n : names) out.push_back(dir / n);
    return out;
  }
  std::string read_file(const fs::path& p) override {
    if (files.count(p.string()) == 0) throw lcsynth::WriteError("cannot read '" + p.string() + "': No such file or directory");
    return files.at(p.string());
  }
  void create_directories(const fs::path& p) override { modified.push_back("create_directories " + p.string()); }
  void write_file(const fs::path& p, std::string_view) override { modified.push_back("write_file " + p.string()); }
  void rename(const fs::path& p, const fs::path&) override { modified.push_back("rename " + p.string()); }
  void exchange(const fs::path& p, const fs::path&) override { modified.push_back("exchange " + p.string()); }
  void link_tree(const fs::path& p, const fs::path&) override { modified.push_back("link_tree " + p.string()); }
  void remove_all(const fs::path& p) noexcept override { modified.push_back("remove_all " + p.string()); }
  std::unique_ptr<Lock> lock_directory(const fs::path& p) override {
    modified.push_back("lock_directory " + p.string());
    return nullptr;
  }
};

std::string doc(const json& j) { return lcsynth::serialize(j); }

// A stack root document with one bucket, in the shape the synthesizer writes.
json root_document(int memory = 1024) {
  return {{"//", {{"metadata", {{"backend", "local"}, {"stackName", "app"}}}}},
          {"resource", {{"aws_lambda_function", {{"api", {{"//", {{"metadata", {{"path", "app/api"}}}}}, {"memory_size", memory}}}}}}},
          {"output", {{"arn", {{"value", "${aws_lambda_function.api.arn}"}}}}},
          {"terraform", {{"required_version", ">= 1.10"}}}};
}

json manifest(std::initializer_list<std::string> stacks) {
  json m = {{"version", "0.1.0"}, {"stacks", json::object()}};
  for (const auto& s : stacks) m["stacks"][s] = {{"name", s}, {"workingDirectory", "stacks/" + s}};
  return m;
}

// The one changed block of the one changed file of the one changed stack.
const lcsynth::BlockDiff& only_block(const OutputDiff& d) {
  REQUIRE(d.stacks.size() == 1);
  REQUIRE(d.stacks[0].files.size() == 1);
  REQUIRE(d.stacks[0].files[0].blocks.size() == 1);
  return d.stacks[0].files[0].blocks[0];
}

// "resource.x.y" -> change, for the blocks of one file.
std::map<std::string, Change> changes_of(const lcsynth::FileDiff& f) {
  std::map<std::string, Change> out;
  for (const auto& b : f.blocks) out[b.address] = b.change;
  return out;
}

}  // namespace

TEST_CASE("reading an output tree takes the manifest, root documents and modules and skips Terraform's files", "[diff]") {
  MemoryFileSystem mem;
  mem.files = {{"out/manifest.json", "m"},
               {"out/stacks/app/cdk.tf.json", "root"},
               {"out/stacks/app/modules/api/main.tf.json", "api"},
               {"out/stacks/app/modules/api/modules/inner/main.tf.json", "inner"},
               {"out/stacks/app/.terraform/providers/aws", "binary"},
               {"out/stacks/app/.terraform.lock.hcl", "# lock"},
               {"out/stacks/app/terraform.tfstate", "{}"},
               {"out/stacks/app/terraform.tfstate.backup", "{}"},
               {"out/stacks/app/extra.tf.json", "{}"},  // carried over by the writer, so not compared
               {"out/stacks/README", "notes"},
               {"out/terraform.app.tfstate", "{}"}};
  OutputTree tree = lcsynth::read_output_tree("out", mem);
  CHECK(tree == OutputTree{{"manifest.json", "m"},
                           {"stacks/app/cdk.tf.json", "root"},
                           {"stacks/app/modules/api/main.tf.json", "api"},
                           {"stacks/app/modules/api/modules/inner/main.tf.json", "inner"}});
  CHECK(mem.modified.empty());
}

TEST_CASE("reading a missing output directory gives an empty tree, and a file in its place is an error", "[diff]") {
  MemoryFileSystem mem;
  CHECK(lcsynth::read_output_tree("out", mem).empty());
  mem.files = {{"out", "not a directory"}};
  CHECK_THROWS_WITH(lcsynth::read_output_tree("out", mem), "cannot read output 'out': it is not a directory");
}

TEST_CASE("identical trees have an empty diff", "[diff]") {
  OutputTree t = {{"manifest.json", doc(manifest({"app"}))}, {"stacks/app/cdk.tf.json", doc(root_document())}};
  OutputDiff d = lcsynth::diff_outputs(t, t);
  CHECK(d.empty());
  CHECK(lcsynth::diff_outputs({}, {}).empty());
}

TEST_CASE("a changed argument is reported with its block address, path and old and new values", "[diff]") {
  OutputTree before = {{"stacks/app/cdk.tf.json", doc(root_document(1024))}};
  OutputTree after = {{"stacks/app/cdk.tf.json", doc(root_document(2048))}};
  OutputDiff d = lcsynth::diff_outputs(before, after);
  CHECK(d.files.empty());
  REQUIRE(d.stacks.size() == 1);
  CHECK(d.stacks[0].name == "app");
  CHECK(d.stacks[0].change == Change::kChanged);
  CHECK(d.stacks[0].files[0].path == "stacks/app/cdk.tf.json");
  CHECK(d.stacks[0].files[0].change == Change::kChanged);
  CHECK(d.stacks[0].files[0].note.empty());
  const auto& b = only_block(d);
  CHECK(b.address == "resource.aws_lambda_function.api");
  CHECK(b.kind == "resource");
  CHECK(b.change == Change::kChanged);
  REQUIRE(b.attributes.size() == 1);
  CHECK(b.attributes[0].change == Change::kChanged);
  CHECK(b.attributes[0].path == "memory_size");
  CHECK(b.attributes[0].pointer == "/memory_size");
  CHECK(b.attributes[0].old_value == json(1024));
  CHECK(b.attributes[0].new_value == json(2048));
}

TEST_CASE("blocks of every kind are addressed like Terraform and reported added or removed", "[diff]") {
  json before = {{"data", {{"aws_caller_identity", {{"me", json::object()}}}}},
                 {"locals", {{"tags", {{"a", "b"}}}}},
                 {"module", {{"redis", {{"source", "./modules/redis"}}}}},
                 {"provider", {{"aws", json::array({{{"region", "eu-west-1"}}})}}},
                 {"variable", {{"old", {{"type", "string"}}}}}};
  json after = {{"moved", json::array({{{"from", "a.b"}, {"to", "a.c"}}})},
                {"output", {{"url", {{"value", "x"}}}}},
                {"provider", {{"aws", json::array({{{"region", "eu-west-1"}}, {{"alias", "us_east_1"}, {"region", "us-east-1"}}})}}},
                {"resource", {{"aws_s3_bucket", {{"site", json::object()}}}}},
                {"terraform", {{"required_version", ">= 1.10"}}}};
  OutputDiff d = lcsynth::diff_outputs({{"stacks/app/cdk.tf.json", doc(before)}}, {{"stacks/app/cdk.tf.json", doc(after)}});
  REQUIRE(d.stacks.size() == 1);
  const auto& f = d.stacks[0].files.at(0);
  CHECK(changes_of(f) == std::map<std::string, Change>{{"data.aws_caller_identity.me", Change::kRemoved},
                                                       {"locals.tags", Change::kRemoved},
                                                       {"module.redis", Change::kRemoved},
                                                       {"moved", Change::kAdded},
                                                       {"output.url", Change::kAdded},
                                                       {"provider.aws.us_east_1", Change::kAdded},
                                                       {"resource.aws_s3_bucket.site", Change::kAdded},
                                                       {"terraform", Change::kAdded},
                                                       {"variable.old", Change::kRemoved}});
  // The order of a file's listing: by kind (resources first, metadata last), then address.
  std::vector<std::string> order;
  for (const auto& b : f.blocks) order.push_back(b.kind + " " + b.address);
  CHECK(order == std::vector<std::string>{"resource resource.aws_s3_bucket.site", "data data.aws_caller_identity.me",
                                          "module module.redis", "output output.url", "variable variable.old",
                                          "locals locals.tags", "provider provider.aws.us_east_1", "terraform terraform",
                                          "moved moved"});
}

TEST_CASE("attribute paths name nested keys, array indices and quoted keys, with metadata last", "[diff]") {
  json before = {{"//", {{"metadata", {{"path", "app/fn"}}}}},
                 {"environment", {{"variables", {{"A", "1"}, {"GONE", "x"}}}}},
                 {"subnets", json::array({"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"})},
                 {"tags", {{"app.kubernetes.io/name", "old"}}}};
  json after = before;
  after["//"]["metadata"]["path"] = "app/function";
  after["environment"]["variables"]["A"] = "2";
  after["environment"]["variables"].erase("GONE");
  after["environment"]["variables"]["NEW"] = true;
  after["subnets"][2] = "x2";
  after["subnets"][10] = "x10";
  after["subnets"].push_back("s11");
  after["subnets"].push_back("s12");
  after["tags"]["app.kubernetes.io/name"] = "new";
  json b = {{"resource", {{"aws_lambda_function", {{"fn", before}}}}}};
  json a = {{"resource", {{"aws_lambda_function", {{"fn", after}}}}}};
  OutputDiff d = lcsynth::diff_outputs({{"stacks/app/cdk.tf.json", doc(b)}}, {{"stacks/app/cdk.tf.json", doc(a)}});
  std::vector<std::string> lines;
  for (const auto& c : only_block(d).attributes)
    lines.push_back(std::string(lcsynth::to_string(c.change)) + " " + c.path + " " + c.pointer + " " +
                    (c.old_value ? c.old_value->dump() : "-") + " " + (c.new_value ? c.new_value->dump() : "-"));
  CHECK(lines == std::vector<std::string>{
                     R"(changed environment.variables.A /environment/variables/A "1" "2")",
                     R"(removed environment.variables.GONE /environment/variables/GONE "x" -)",
                     R"(added environment.variables.NEW /environment/variables/NEW - true)",
                     R"(changed subnets[2] /subnets/2 "s2" "x2")",
                     R"(changed subnets[10] /subnets/10 "s10" "x10")",
                     R"(added subnets[11] /subnets/11 - "s11")",
                     R"(added subnets[12] /subnets/12 - "s12")",
                     R"(changed tags["app.kubernetes.io/name"] /tags/app.kubernetes.io~1name "old" "new")",
                     R"(changed //.metadata.path /~1~1/metadata/path "app/fn" "app/function")",
                 });
}

TEST_CASE("an object key that looks like an array append is a key, and unaliased providers are numbered", "[diff]") {
  json before = {{"provider", {{"aws", json::array({{{"region", "a"}}, {{"region", "b"}}})}}},
                 {"resource", {{"null_resource", {{"n", {{"triggers", {{"x", "1"}}}}}}}}}};
  json after = before;
  after["resource"]["null_resource"]["n"]["triggers"]["-"] = "dash";
  after["provider"]["aws"][1]["region"] = "c";
  OutputDiff d = lcsynth::diff_outputs({{"stacks/app/cdk.tf.json", doc(before)}}, {{"stacks/app/cdk.tf.json", doc(after)}});
  REQUIRE(d.stacks.size() == 1);
  const auto& blocks = d.stacks[0].files.at(0).blocks;
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].address == "resource.null_resource.n");
  REQUIRE(blocks[0].attributes.size() == 1);
  CHECK(blocks[0].attributes[0].path == "triggers.-");
  CHECK(blocks[0].attributes[0].new_value == json("dash"));
  CHECK(blocks[1].address == "provider.aws[1]");
  CHECK(blocks[1].kind == "provider");
  CHECK(blocks[1].attributes.at(0).path == "region");
}

TEST_CASE("a block whose whole value changes has an empty attribute path", "[diff]") {
  OutputDiff d = lcsynth::diff_outputs({{"stacks/app/cdk.tf.json", doc({{"locals", {{"prefix", "dev"}}}})}},
                                       {{"stacks/app/cdk.tf.json", doc({{"locals", {{"prefix", "prod"}}}})}});
  const auto& b = only_block(d);
  CHECK(b.address == "locals.prefix");
  REQUIRE(b.attributes.size() == 1);
  CHECK(b.attributes[0].path.empty());
  CHECK(b.attributes[0].pointer.empty());
  CHECK(b.attributes[0].old_value == json("dev"));
  CHECK(b.attributes[0].new_value == json("prod"));
}

TEST_CASE("stacks and files only on one side are added or removed with every block they hold", "[diff]") {
  OutputTree before = {{"manifest.json", doc(manifest({"app", "old"}))},
                       {"stacks/app/cdk.tf.json", doc(root_document())},
                       {"stacks/old/cdk.tf.json", doc(root_document())}};
  OutputTree after = {{"manifest.json", doc(manifest({"app", "new"}))},
                      {"stacks/app/cdk.tf.json", doc(root_document())},
                      {"stacks/app/modules/api/main.tf.json", doc({{"output", {{"id", {{"value", "x"}}}}}})},
                      {"stacks/new/cdk.tf.json", doc(root_document())}};
  OutputDiff d = lcsynth::diff_outputs(before, after);
  REQUIRE(d.stacks.size() == 3);
  CHECK(d.stacks[0].name == "app");
  CHECK(d.stacks[0].change == Change::kChanged);
  REQUIRE(d.stacks[0].files.size() == 1);
  CHECK(d.stacks[0].files[0].path == "stacks/app/modules/api/main.tf.json");
  CHECK(d.stacks[0].files[0].change == Change::kAdded);
  CHECK(changes_of(d.stacks[0].files[0]) == std::map<std::string, Change>{{"output.id", Change::kAdded}});
  CHECK(d.stacks[1].name == "new");
  CHECK(d.stacks[1].change == Change::kAdded);
  CHECK(changes_of(d.stacks[1].files.at(0)) == std::map<std::string, Change>{{"//", Change::kAdded},
                                                                             {"output.arn", Change::kAdded},
                                                                             {"resource.aws_lambda_function.api", Change::kAdded},
                                                                             {"terraform", Change::kAdded}});
  CHECK(d.stacks[2].name == "old");
  CHECK(d.stacks[2].change == Change::kRemoved);
  CHECK(d.stacks[2].files.at(0).change == Change::kRemoved);
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].path == "manifest.json");
  CHECK(changes_of(d.files[0]) == std::map<std::string, Change>{{"stacks.new", Change::kAdded}, {"stacks.old", Change::kRemoved}});
  CHECK(d.files[0].blocks[0].kind == "manifest");
}

TEST_CASE("a root document is listed before its modules' files", "[diff]") {
  OutputTree after = {{"stacks/app/cdk.tf.json", doc(root_document())}, {"stacks/app/modules/a/main.tf.json", doc(json::object())}};
  OutputDiff d = lcsynth::diff_outputs({}, after);
  REQUIRE(d.stacks.size() == 1);
  REQUIRE(d.stacks[0].files.size() == 2);
  CHECK(d.stacks[0].files[0].path == "stacks/app/cdk.tf.json");
  CHECK(d.stacks[0].files[1].path == "stacks/app/modules/a/main.tf.json");
}

TEST_CASE("an old file that is not valid JSON is a changed file with a note, not an error", "[diff]") {
  OutputTree before = {{"stacks/app/cdk.tf.json", "{\n  \"resource\": \n"}, {"manifest.json", "[1, 2]\n"}};
  OutputTree after = {{"stacks/app/cdk.tf.json", doc(root_document())}, {"manifest.json", doc(manifest({"app"}))}};
  OutputDiff d = lcsynth::diff_outputs(before, after);
  REQUIRE(d.stacks.size() == 1);
  const auto& f = d.stacks[0].files.at(0);
  CHECK(f.change == Change::kChanged);
  CHECK(f.blocks.empty());
  CHECK(f.note ==
        "the old file is not valid JSON: parse error at line 3, column 1: syntax error while parsing value - "
        "unexpected end of input; expected '[', '{', or a literal");
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].note == "the old file is not a JSON object: found array");
}

TEST_CASE("the same JSON written with other bytes is a changed file with a note", "[diff]") {
  OutputTree before = {{"stacks/app/cdk.tf.json", root_document().dump() + "\n"}};
  OutputTree after = {{"stacks/app/cdk.tf.json", doc(root_document())}};
  OutputDiff d = lcsynth::diff_outputs(before, after);
  REQUIRE(d.stacks.size() == 1);
  CHECK(d.stacks[0].files.at(0).blocks.empty());
  CHECK(d.stacks[0].files.at(0).note == "the same JSON written differently (formatting or key order)");
}

TEST_CASE("selected stacks restrict the diff to their files and their manifest entries", "[diff]") {
  OutputTree before = {{"manifest.json", doc(manifest({"app", "other"}))},
                       {"stacks/app/cdk.tf.json", doc(root_document(1))},
                       {"stacks/other/cdk.tf.json", doc(root_document(1))}};
  json only_app = manifest({"app"});
  only_app["version"] = "9.9.9";  // not an entry of a selected stack
  OutputTree after = {{"manifest.json", doc(only_app)}, {"stacks/app/cdk.tf.json", doc(root_document(1))}};

  CHECK(lcsynth::diff_outputs(before, after, {.stacks = {"app"}}).empty());
  OutputDiff other = lcsynth::diff_outputs(before, after, {.stacks = {"other"}});
  REQUIRE(other.stacks.size() == 1);
  CHECK(other.stacks[0].name == "other");
  CHECK(other.stacks[0].change == Change::kRemoved);
  REQUIRE(other.files.size() == 1);
  CHECK(changes_of(other.files[0]) == std::map<std::string, Change>{{"stacks.other", Change::kRemoved}});
  OutputDiff all = lcsynth::diff_outputs(before, after);
  REQUIRE(all.files.size() == 1);
  CHECK(changes_of(all.files[0]) == std::map<std::string, Change>{{"stacks.other", Change::kRemoved}, {"version", Change::kChanged}});
}

TEST_CASE("two syntheses of a tiny stack differ in the one argument that changed", "[diff]") {
  auto synthesize = [](const std::string& version) {
    lcsynth::App app;
    auto& stack = app.add<lcsynth::Stack>("s");
    stack.add<lcsynth::Resource>("thing", "null_resource", lcsynth::Arguments{{"triggers", lcsynth::Expr::map({{"version", version}})}});
    return lcsynth::synthesize(app).files();
  };
  OutputDiff d = lcsynth::diff_outputs(synthesize("v1"), synthesize("v2"));
  CHECK(d.files.empty());
  const auto& b = only_block(d);
  CHECK(b.address == "resource.null_resource.thing");
  REQUIRE(b.attributes.size() == 1);
  CHECK(b.attributes[0].path == "triggers.version");
  CHECK(b.attributes[0].old_value == json("v1"));
  CHECK(b.attributes[0].new_value == json("v2"));
}
