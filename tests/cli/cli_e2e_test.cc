// End-to-end tests of the command line: runs the real `lcsynth` and `hello-synth` binaries and
// checks exit codes, stdout, stderr and the files written (including atomicity under faults).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "hello/hello_stack.h"
#include "lcsynth/cli.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace lcsynth::test;  // the helpers of tests/support
using nlohmann::json;

namespace {

const std::string kHello = shell_quote(HELLO_BIN);

std::string q(const fs::path& p) { return shell_quote(p.string()); }

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// The hello stack's output as the library produces it in-process with `config`.
std::map<std::string, std::string> expected_hello_files(const lcsynth::Config& config = {}) {
  lcsynth::App app;
  hello::build_hello_stack(app, config);
  return lcsynth::synthesize(app).files();
}

const char* const kHelloFiles[] = {"manifest.json", "stacks/hello/cdk.tf.json", "stacks/hello/modules/site/main.tf.json"};

}  // namespace

TEST_CASE("the --version flag prints the program name and version and exits 0", "[cli]") {
  auto r = lcsynth_cli("--version");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "lcsynth 0.1.0\n");
  CHECK(r.err.empty());
  auto h = run_hello("--version");
  CHECK(h.exit_code == 0);
  CHECK(h.out == "lcsynth 0.1.0\n");
}

TEST_CASE("the --help flag exits 0 and documents the subcommands and the exit codes", "[cli]") {
  auto r = lcsynth_cli("--help");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("Usage: lcsynth [OPTIONS] [SUBCOMMAND]"));
  CHECK_THAT(r.out, Contains("synth"));
  CHECK_THAT(r.out, Contains("list"));
  CHECK_THAT(r.out,
             Contains("Exit codes: 0 success; 1 synthesis or validation failed, or the output could not be written;\n"
                      "2 usage or configuration error; 3 internal error."));
}

TEST_CASE("each subcommand runs by its name, alone on the command line or beside another's name", "[cli]") {
  // Only the named subcommand is registered when one is named (src/cli/cli.cc): its help must
  // be the same as with all of them registered, as when a second name is among the arguments.
  for (const char* name : {"synth", "validate", "diff", "list", "graph", "plan", "deploy", "destroy", "output"}) {
    INFO(name);
    auto r = lcsynth_cli(std::string(name) + " --help");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains(std::string("Usage: lcsynth ") + name + " [OPTIONS]"));
  }
  auto alone = lcsynth_cli("synth --help");
  auto beside = lcsynth_cli("synth --help list");  // "list" here would be a stack name
  CHECK(alone.out == beside.out);
  auto second = lcsynth_cli("synth validate");  // a stack named "validate": there is none
  CHECK(second.exit_code == 2);
  CHECK_THAT(second.err, Contains("unknown stack 'validate'"));
}

TEST_CASE("running without a subcommand is a usage error with exit code 2", "[cli]") {
  ScratchDir cwd;
  auto r = run_hello("", cwd.path().string());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  // The program's own name (argv[0]) is used, so a project's binary names itself.
  CHECK(r.err ==
        "error: a subcommand is required: synth, validate, diff, list, graph, plan, deploy, destroy, output\n"
        "error: run 'hello-synth --help' for usage\n");
  CHECK(names_in(cwd.path()).empty());
}

TEST_CASE("an unknown flag is a usage error naming the flag, and nothing is written", "[cli]") {
  ScratchDir cwd;
  SECTION("after the subcommand") {
    auto r = run_hello("synth --bogus", cwd.path().string());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("error: The following argument was not expected: --bogus"));
  }
  SECTION("before the subcommand") {
    auto r = run_hello("--bogus list", cwd.path().string());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("--bogus"));
  }
  CHECK(names_in(cwd.path()).empty());
}

// Regression (fixed): with no subcommand, CLI11's "A subcommand is required" is reported instead of
// the unknown flag, so `lcsynth --bogus` never names --bogus.
TEST_CASE("an unknown flag without a subcommand is named in the error", "[cli]") {
  auto r = run_hello("--bogus");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--bogus"));
}

TEST_CASE("an unknown stack is a usage error with a suggestion, and nothing is written", "[cli]") {
  ScratchDir cwd;
  auto r = run_hello("synth helo", cwd.path().string());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("unknown stack 'helo' (did you mean 'hello'?)"));
  CHECK(r.err == "error: unknown stack 'helo' (did you mean 'hello'?); known stacks: hello\n");
  CHECK(names_in(cwd.path()).empty());
}

TEST_CASE("synth -o writes the stack's files and prints its working directory", "[cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  auto r = run_hello("synth -o " + q(out));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == (out / "stacks/hello").string() + "\n");
  CHECK_THAT(r.err, Contains("info: synthesized 1 stack (3 files, "));
  CHECK_THAT(r.err, Contains(" bytes) into '" + out.string() + "' in "));
  for (const char* f : kHelloFiles) {
    CAPTURE(f);
    REQUIRE(fs::is_regular_file(out / f));
    CHECK_NOTHROW(json::parse(read_text(out / f)));
  }
  CHECK(snapshot_tree(out) == expected_hello_files());
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("synth without -o writes to cdktf.out in the working directory", "[cli]") {
  ScratchDir cwd;
  auto r = run_hello("-q synth", cwd.path().string());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "cdktf.out/stacks/hello\n");
  CHECK(snapshot_tree(cwd.path() / "cdktf.out") == expected_hello_files());
}

TEST_CASE("synthesizing twice gives byte-identical trees", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_hello("-q synth -o " + q(dir.path() / "a")).exit_code == 0);
  REQUIRE(run_hello("-q synth -o " + q(dir.path() / "b")).exit_code == 0);
  auto a = snapshot_tree(dir.path() / "a");
  CHECK(a.size() == 3);
  CHECK(a == snapshot_tree(dir.path() / "b"));
  REQUIRE(run_hello("-q synth -o " + q(dir.path() / "a")).exit_code == 0);  // over its own output
  CHECK(snapshot_tree(dir.path() / "a") == a);
}

TEST_CASE("a configuration file with a syntax error is a usage error naming file, line and column", "[cli]") {
  ScratchDir dir;
  fs::path config = dir.path() / "config.json";
  write_text(config, "{\n  \"environment\": prod\n}\n");
  auto r = run_hello("synth --config " + q(config) + " -o " + q(dir.path() / "out"));
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("error: " + config.string() + ":2:18: invalid JSON"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("a configuration path that is a directory is a usage error naming it", "[cli]") {
  ScratchDir dir;
  auto r = run_hello("synth --config " + q(dir.path()) + " -o " + q(dir.path() / "out"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("error: " + dir.path().string() + ": is a directory: expected a JSON configuration file"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("a configuration file sets the stack's values and --set overrides them", "[cli]") {
  ScratchDir dir;
  fs::path config = dir.path() / "config.json";
  write_text(config, "{\"environment\": \"staging\", \"region\": \"eu-central-1\"}\n");
  REQUIRE(run_hello("-q synth -c " + q(config) + " -o " + q(dir.path() / "a")).exit_code == 0);
  json a = json::parse(read_text(dir.path() / "a/stacks/hello/cdk.tf.json"));
  CHECK(a["variable"]["environment"]["default"] == "staging");
  CHECK(a.dump().find("eu-central-1") != std::string::npos);

  REQUIRE(run_hello("-q synth -c " + q(config) + " --set environment=prod -o " + q(dir.path() / "b")).exit_code == 0);
  json b = json::parse(read_text(dir.path() / "b/stacks/hello/cdk.tf.json"));
  CHECK(b["variable"]["environment"]["default"] == "prod");
}

TEST_CASE("setting environment=prod with --set changes the default of the environment variable", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_hello("-q synth -o " + q(dir.path() / "dev")).exit_code == 0);
  REQUIRE(run_hello("-q synth --set environment=prod -o " + q(dir.path() / "prod")).exit_code == 0);
  json dev = json::parse(read_text(dir.path() / "dev/stacks/hello/cdk.tf.json"));
  json prod = json::parse(read_text(dir.path() / "prod/stacks/hello/cdk.tf.json"));
  CHECK(dev["variable"]["environment"]["default"] == "dev");
  CHECK(prod["variable"]["environment"]["default"] == "prod");
  lcsynth::Config config;
  config.values["environment"] = "prod";
  CHECK(snapshot_tree(dir.path() / "prod") == expected_hello_files(config));
}

// Regression (fixed): --set took every following word, so a stack name after it was read as a
// malformed assignment.
TEST_CASE("a stack name after --set is a stack name, and --set repeats", "[cli]") {
  ScratchDir dir;
  auto r = run_hello("-q synth --set environment=prod hello --set region=eu-central-1 -o " + q(dir.path() / "out"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(read_text(dir.path() / "out/stacks/hello/cdk.tf.json"));
  CHECK(doc["variable"]["environment"]["default"] == "prod");
  CHECK(doc.dump().find("eu-central-1") != std::string::npos);
}

TEST_CASE("a malformed --set is a usage error quoting the assignment", "[cli]") {
  ScratchDir dir;
  auto r = run_hello("synth --set environment -o " + q(dir.path() / "out"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("error: --set 'environment': expected KEY=VALUE with KEY a dotted path such as lambda.memory_size=2048"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

// Exposes bugs in apply_set (src/config.cc): these user mistakes escape as std::out_of_range
// and nlohmann::json::type_error, so the CLI reports an internal error (exit 3), not a usage error.
TEST_CASE("a --set index too large or a value that is not UTF-8 is a usage error, not an internal error", "[cli]") {
  ScratchDir dir;
  auto huge = run_hello("synth --set 'zones=[1]' --set zones.99999999999999999999=1 -o " + q(dir.path() / "out"));
  CHECK(huge.exit_code == 2);
  CHECK_THAT(huge.err, Contains("--set 'zones.99999999999999999999=1'"));
  auto latin1 = run_hello("synth --set \"$(printf 'environment=caf\\351')\" -o " + q(dir.path() / "out"));
  CHECK(latin1.exit_code == 2);
  CHECK_THAT(latin1.err, Contains("UTF-8"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("the -q flag suppresses the info line on stderr but not the result on stdout", "[cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  auto r = run_hello("-q synth -o " + q(out));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == (out / "stacks/hello").string() + "\n");
}

TEST_CASE("list prints each stack's name and description", "[cli]") {
  auto r = run_hello("list");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "hello  Example: a private bucket and a reader role\n");
  CHECK(r.err.empty());
}

TEST_CASE("list --format json prints the stacks as a JSON array with their dependencies", "[cli]") {
  auto r = run_hello("list --format json");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "[\n"
        "  {\n"
        "    \"dependencies\": [],\n"
        "    \"description\": \"Example: a private bucket and a reader role\",\n"
        "    \"name\": \"hello\",\n"
        "    \"workingDirectory\": \"stacks/hello\"\n"
        "  }\n"
        "]\n");
}

TEST_CASE("list with an unknown format is a usage error", "[cli]") {
  auto r = run_hello("list --format xml");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("--format"));
}

TEST_CASE("lcsynth lists its built-in stacks as text and as JSON", "[cli]") {
  auto text = lcsynth_cli("list");
  CHECK(text.exit_code == 0);
  CHECK(text.out ==
        "librechat-registry  ECR repository for the LibreChat API image (apply first)\n"
        "librechat           LibreChat on Lambda: redis, backend, api-gateway, frontend\n");
  // JSON synthesizes in memory (for the dependencies), so it needs the configuration.
  std::string config = shell_quote(std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/dev.json");
  ScratchDir cwd;
  auto as_json = lcsynth_cli("list --format json -c " + config, cwd.path().string());
  CHECK(as_json.exit_code == 0);
  CHECK(as_json.err.empty());
  auto parsed = json::parse(as_json.out);
  REQUIRE(parsed.size() == 2);
  CHECK(parsed[0]["name"] == "librechat-registry");
  CHECK(parsed[0]["description"] == "ECR repository for the LibreChat API image (apply first)");
  CHECK(parsed[0]["workingDirectory"] == "stacks/librechat-registry");
  CHECK(parsed[0]["dependencies"] == json::array());
  CHECK(parsed[1]["name"] == "librechat");
  CHECK(parsed[1]["workingDirectory"] == "stacks/librechat");
  // Deployment order: each stack depends only on stacks listed before it.
  CHECK(parsed[1]["dependencies"] == json::array({"librechat-registry"}));
  CHECK(names_in(cwd.path()).empty());  // nothing is written
}

TEST_CASE("list --format json without the configuration a stack needs is a usage error naming the key", "[cli]") {
  auto r = lcsynth_cli("list --format json");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("error: <defaults>: "));
  CHECK_THAT(r.err, Contains("missing required key"));
}

TEST_CASE("list --format json takes --set like synth", "[cli]") {
  auto r = run_hello("list --format json --set environment=prod --set region=eu-central-1");
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)[0]["name"] == "hello");
  auto bad = run_hello("list --format json --set environment");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("error: --set 'environment': expected KEY=VALUE"));
}

TEST_CASE("a program without stacks refuses to synthesize with a usage error", "[cli]") {
  ScratchDir cwd;
  lcsynth::StackCatalog empty;
  std::string out_dir = (cwd.path() / "out").string();
  const char* argv[] = {"empty-synth", "-q", "synth", "-o", out_dir.c_str()};
  CHECK(lcsynth::cli::run(5, argv, empty) == lcsynth::cli::kUsage);
  CHECK(names_in(cwd.path()).empty());
}

TEST_CASE("a write that fails halfway leaves the previous output byte-identical", "[cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  REQUIRE(run_hello("-q synth -o " + q(out)).exit_code == 0);
  auto before = snapshot_tree(out);
  // synth writes each module as soon as it is rendered, then the stack document, then the
  // manifest. With a 2 KiB file-size limit the module fits and the stack document does not, so
  // the failure happens after one file has been written.
  REQUIRE(before.at("stacks/hello/modules/site/main.tf.json").size() < 2048);
  REQUIRE(before.at("stacks/hello/cdk.tf.json").size() > 2048);

  std::string script = "trap \"\" XFSZ; ulimit -f 2; exec " + kHello + " synth --set environment=prod -o " + q(out);
  auto r = run_shell("bash -c " + shell_quote(script));
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("cdk.tf.json"));
  CHECK_THAT(r.err, Contains("File too large"));
  CHECK_THAT(r.err, Contains("; the previous output in '" + out.string() + "' was left unchanged"));
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("two synths racing on one output directory both succeed and leave a complete tree", "[cli]") {
  ScratchDir dir;
  ScratchDir logs;
  REQUIRE(run_hello("-q synth -o " + q(dir.path() / "single")).exit_code == 0);
  auto single = snapshot_tree(dir.path() / "single");
  fs::path out = dir.path() / "out";
  std::string one = kHello + " -q synth -o " + q(out) + " >" + q(logs.path() / "a.out");
  std::string two = kHello + " -q synth -o " + q(out) + " >" + q(logs.path() / "b.out");

  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    auto r = run_shell(one + " & a=$!; " + two + " & b=$!; wait $a; ra=$?; wait $b; rb=$?; echo \"$ra $rb\"");
    REQUIRE(r.out == "0 0\n");
    CHECK(r.err.empty());
    CHECK(read_text(logs.path() / "a.out") == (out / "stacks/hello").string() + "\n");
    CHECK(read_text(logs.path() / "b.out") == (out / "stacks/hello").string() + "\n");
    auto tree = snapshot_tree(out);
    for (const auto& [path, text] : tree) {
      CAPTURE(path);
      CHECK_NOTHROW(json::parse(text));
    }
    CHECK(tree == single);
    CHECK(names_in(dir.path()) == std::set<std::string>{"out", "single"});
  }
}

TEST_CASE("two racing synths with different settings leave one run's complete output", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_hello("-q synth -o " + q(dir.path() / "dev")).exit_code == 0);
  REQUIRE(run_hello("-q synth --set environment=prod -o " + q(dir.path() / "prod")).exit_code == 0);
  auto dev = snapshot_tree(dir.path() / "dev");
  auto prod = snapshot_tree(dir.path() / "prod");
  REQUIRE(dev != prod);
  fs::path out = dir.path() / "out";
  std::string one = kHello + " -q synth -o " + q(out) + " >/dev/null";
  std::string two = kHello + " -q synth --set environment=prod -o " + q(out) + " >/dev/null";

  auto r = run_shell(one + " & a=$!; " + two + " & b=$!; wait $a; ra=$?; wait $b; rb=$?; echo \"$ra $rb\"");
  REQUIRE(r.out == "0 0\n");
  auto tree = snapshot_tree(out);
  CHECK((tree == dev || tree == prod));
  CHECK(names_in(dir.path()) == std::set<std::string>{"dev", "out", "prod"});
}

TEST_CASE("validate on the LibreChat example exits 0 and lists the known suppression, in every format", "[cli]") {
  std::string config = lcsynth::test::shell_quote(std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/dev.json");
  ScratchDir cwd;
  auto text = lcsynth_cli("validate --config " + config, cwd.path().string());
  CHECK(text.exit_code == 0);
  CHECK(text.out ==
        "info LC-EC-2 [librechat/redis/redis] (module.redis.module.redis): ElastiCache encrypts data in transit: "
        "transit_encryption_enabled is false\n"
        "  fix: suppressed: LibreChat connects with redis://, not rediss://: transit encryption stays off (the spec's deliberate exception)\n"
        "0 errors, 0 warnings\n");
  auto as_json = lcsynth_cli("validate --format json --config " + config, cwd.path().string());
  CHECK(as_json.exit_code == 0);
  CHECK(json::parse(as_json.out)["errors"] == 0);
  CHECK(json::parse(as_json.out)["findings"][0]["severity"] == "info");
  auto sarif = lcsynth_cli("validate --format sarif --strict --config " + config, cwd.path().string());
  CHECK(sarif.exit_code == 0);
  CHECK(json::parse(sarif.out)["runs"][0]["results"][0]["level"] == "note");
  CHECK(names_in(cwd.path()).empty());  // validate writes nothing
}

TEST_CASE("validate reports synthesis findings and exits 1", "[cli]") {
  lcsynth::StackCatalog catalog;
  catalog.add({"broken", "two elements, one address", [](lcsynth::App& app, const lcsynth::Config&) {
                 auto& s = app.add<lcsynth::Stack>("broken");
                 s.add<lcsynth::Resource>("a", "aws_sns_topic");
                 s.add<lcsynth::Resource>("b", "aws_sns_topic").override_logical_id("a");
               }});
  const char* argv[] = {"broken-synth", "validate", "--format", "json"};
  std::ostringstream captured;
  auto* old = std::cout.rdbuf(captured.rdbuf());
  int code = lcsynth::cli::run(4, argv, catalog);
  std::cout.rdbuf(old);
  CHECK(code == lcsynth::cli::kFailed);
  json report = json::parse(captured.str());
  CHECK(report["errors"] == 1);
  CHECK(report["findings"][0]["rule"] == "core/duplicate-address");
  CHECK(report["findings"][0]["path"] == "broken/b");
}
