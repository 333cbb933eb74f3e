// The bad-input battery: the real `lcsynth` binary against broken configurations, flags and
// output paths. Every case first synthesizes a good configuration to out/, then runs the bad
// one and checks the exit code, that stderr names the file/key and what was expected, and that
// out/ is byte-identical. Also: a disk that fills up at every file of the real LibreChat output,
// and "${" / "%{" in every string field of the example configuration.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/app.h"
#include "lcsynth/aws_policies.h"
#include "lcsynth/catalog.h"
#include "lcsynth/config.h"
#include "lcsynth/errors.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/schema.h"
#include "lcsynth/synthesizer.h"
#include "lcsynth/writer.h"
#include "stacks/builtin.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace lcsynth::test;  // the helpers of tests/support
using nlohmann::json;

namespace {

const std::string kLcsynth = shell_quote(LCSYNTH_BIN);

json dev_config() { return json::parse(read_text(fs::path(LCSYNTH_SOURCE_DIR) / "examples/librechat/dev.json")); }

// One bad run: the configuration is dev.json with `edit` applied, or `text` verbatim; `args`
// are added to "synth -c bad.json -o out".
struct BadRun {
  std::string name;
  std::function<void(json&)> edit;
  std::optional<std::string> text;
  std::string args;
  std::string config = "good.json";  ///< "" when `args` names the configuration itself
  std::string output = "out";        ///< the -o argument
  int exit_code = 2;
  std::vector<std::string> stderr_has;
};

BadRun edit(std::string name, std::function<void(json&)> f, std::vector<std::string> stderr_has) {
  return BadRun{.name = std::move(name), .edit = std::move(f), .stderr_has = std::move(stderr_has)};
}
BadRun text(std::string name, std::string contents, std::vector<std::string> stderr_has) {
  return BadRun{.name = std::move(name), .text = std::move(contents), .stderr_has = std::move(stderr_has)};
}
BadRun flags(std::string name, std::string args, int exit_code, std::vector<std::string> stderr_has) {
  return BadRun{.name = std::move(name), .args = std::move(args), .exit_code = exit_code, .stderr_has = std::move(stderr_has)};
}
BadRun output_path(std::string name, std::string path, std::vector<std::string> stderr_has) {
  return BadRun{.name = std::move(name), .output = std::move(path), .exit_code = 1, .stderr_has = std::move(stderr_has)};
}
BadRun config_path(std::string name, std::string path, std::vector<std::string> stderr_has) {
  return BadRun{.name = std::move(name), .args = "-c " + path, .config = "", .stderr_has = std::move(stderr_has)};
}

// A scratch directory holding good.json and the output of a good synth in out/.
class Battery {
 public:
  Battery() {
    write_text(dir_.path() / "good.json", dev_config().dump(2));
    auto r = run("synth -q -c good.json -o out");
    REQUIRE(r.exit_code == 0);
    before_ = snapshot_tree(dir_.path() / "out");
    REQUIRE(before_.count("manifest.json") == 1);
  }
  const fs::path& path() const { return dir_.path(); }
  ProcessResult run(const std::string& args) const { return run_shell(kLcsynth + " " + args, dir_.path().string()); }

  void check(const BadRun& c) const {
    INFO("case: " << c.name);
    if (c.text) write_text(dir_.path() / "bad.json", *c.text);
    if (c.edit) {
      json config = dev_config();
      c.edit(config);
      write_text(dir_.path() / "bad.json", config.dump(2));
    }
    std::string config = c.text || c.edit ? "bad.json" : c.config;
    auto r = run("synth " + (config.empty() ? "" : "-c " + config + " ") + "-o " + c.output + " " + c.args);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == c.exit_code);
    for (const auto& fragment : c.stderr_has) CHECK_THAT(r.err, Contains(fragment));
    CHECK(snapshot_tree(dir_.path() / "out") == before_);
  }

 private:
  ScratchDir dir_;
  std::map<std::string, std::string> before_;
};

void run_all(const std::vector<BadRun>& cases) {
  Battery battery;
  for (const auto& c : cases) battery.check(c);
}

const char* const kCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47";

}  // namespace

TEST_CASE("configuration files that are not valid JSON are refused naming file, line and column", "[bad_input]") {
  run_all({
      text("a missing comma between members", "{\"environment\": \"dev\"\n \"region\": \"eu-west-1\"}",
           {"bad.json:2:9: invalid JSON: syntax error while parsing object - unexpected string literal; expected '}'"}),
      text("a trailing comma", "{\"environment\": \"dev\",}",
           {"bad.json:1:23: invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal"}),
      text("an unterminated string", "{\"environment\": \"dev}",
           {"bad.json:1:22: invalid JSON: syntax error while parsing value - invalid string: missing closing quote"}),
      text("a document cut off", "{\"tags\": {\"a\": \"b\"",
           {"bad.json:1:19: invalid JSON: syntax error while parsing object - unexpected end of input; expected '}'"}),
      text("single-quoted strings", "{'environment': 'dev'}",
           {"bad.json:1:2: invalid JSON: syntax error while parsing object key - invalid literal"}),
      text("a comment", "{\n  // dev\n  \"environment\": \"dev\"\n}",
           {"bad.json:2:3: invalid JSON: syntax error while parsing object key - invalid literal"}),
      text("an empty file", "", {"bad.json: the file is empty: expected a JSON object such as {\"environment\": \"dev\"}"}),
      text("a whitespace-only file", " \n\t\n", {"bad.json: the file is empty"}),
      text("a top-level array", "[{\"environment\": \"dev\"}]", {"bad.json: expected a JSON object at the top level, found array"}),
      text("nesting deeper than kMaxConfigDepth", "{\"tags\": " + std::string(80, '[') + std::string(80, ']') + "}",
           {"bad.json: nesting deeper than 64 levels: expected a flat configuration object"}),
      text("invalid UTF-8 in a value", "{\"environment\": \"d\xff\"}",
           {"bad.json:1:19: invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte"}),
      text("invalid UTF-8 in a key", "{\"tags\": {\"Own\xc3\x28r\": \"me\"}}",
           {"bad.json:1:16: invalid JSON: syntax error while parsing object key - invalid string: ill-formed UTF-8 byte"}),
      // Found by config_fuzz (tests/fuzz/corpus/config_fuzz/number-overflow): was exit 3, an internal error.
      text("a number too large for a double", "{\"lambda\": {\"memory_size\": 1e999}}",
           {"bad.json: invalid JSON: number overflow parsing '1e999': expected a number a double can hold"}),
  });
}

TEST_CASE("values of the wrong JSON type are refused naming the key path, the expected type and the value found", "[bad_input]") {
  run_all({
      edit("a number for a string", [](json& c) { c["region"] = 5; }, {"bad.json: region: expected a string, found number 5"}),
      edit("a string for an integer", [](json& c) { c["lambda"]["memory_size"] = "2048"; },
           {"bad.json: lambda.memory_size: expected an integer from 128 to 10240, found \"2048\""}),
      edit("a fraction for an integer", [](json& c) { c["lambda"]["timeout"] = 1.5; },
           {"bad.json: lambda.timeout: expected an integer from 1 to 900, found number 1.5"}),
      edit("a string for a boolean",
           [](json& c) { c["backend"] = {{"type", "s3"}, {"bucket", "tf-state-bucket"}, {"key", "dev.tfstate"}, {"encrypt", "yes"}}; },
           {"bad.json: backend.encrypt: expected true or false, found \"yes\""}),
      edit("a string for a list", [](json& c) { c["private_subnet_ids"] = "subnet-0a1b2c3d4e5f60001"; },
           {"bad.json: private_subnet_ids: expected a non-empty array of strings, found \"subnet-0a1b2c3d4e5f60001\""}),
      edit("a number inside a list", [](json& c) { c["private_subnet_ids"][1] = 7; },
           {"bad.json: private_subnet_ids[1]: expected a string, found number 7"}),
      edit("a list for a map", [](json& c) { c["tags"] = json::array({"Project"}); },
           {"bad.json: tags: expected an object whose values are strings, found an array"}),
      edit("a number as a map value", [](json& c) { c["tags"]["Owner"] = 5; },
           {"bad.json: tags.Owner: expected a string, found number 5"}),
      edit("a string for an object", [](json& c) { c["lambda"] = "big"; }, {"bad.json: lambda: expected an object, found \"big\""}),
      edit("null for a required string", [](json& c) { c["account_id"] = nullptr; },
           {"bad.json: account_id: expected a string, found null"}),
  });
}

TEST_CASE("unknown and missing keys are refused with a suggestion or the keys expected", "[bad_input]") {
  run_all({
      edit("a misspelt top-level key", [](json& c) { c["regoin"] = "eu-west-1"; },
           {"bad.json: regoin: unknown key 'regoin' (did you mean 'region'?)"}),
      edit("a misspelt nested key", [](json& c) { c["lambda"]["memroy_size"] = 2048; },
           {"bad.json: lambda.memroy_size: unknown key 'memroy_size' (did you mean 'memory_size'?)"}),
      edit("an unknown key far from every known one", [](json& c) { c["redis"]["zzzzzzzz"] = "x"; },
           {"bad.json: redis.zzzzzzzz: unknown key 'zzzzzzzz': expected one of engine_version, node_type, replication_group_id"}),
      edit("a missing required key", [](json& c) { c.erase("account_id"); },
           {"bad.json: account_id: missing required key: expected a string"}),
      edit("a required key of the backend missing", [](json& c) { c["backend"] = {{"type", "s3"}, {"key", "dev.tfstate"}}; },
           {"bad.json: backend.bucket: missing required key: expected a string"}),
      edit("a value that looks like a pasted secret", [](json& c) { c["tags"]["api_token"] = "abc"; },
           {"bad.json: tags.api_token: looks like a secret"}),
  });
}

TEST_CASE("invalid values of every validated kind are refused with what was expected", "[bad_input]") {
  auto set = [](std::string section, std::string key, json value) {
    return [=](json& c) { (section.empty() ? c[key] : c[section][key]) = value; };
  };
  run_all({
      edit("environment", set("", "environment", "Dev!"),
           {"bad.json: environment: expected 1-16 characters of a-z 0-9 - starting with a letter or digit, found \"Dev!\""}),
      edit("region", set("", "region", "eu-west"), {"bad.json: region: expected an AWS region such as \"eu-west-1\", found \"eu-west\""}),
      edit("account id", set("", "account_id", "12345"), {"bad.json: account_id: expected a 12-digit AWS account id, found \"12345\""}),
      edit("custom domain", set("", "custom_domain", "Chat.Example.com"),
           {"bad.json: custom_domain: expected a DNS name such as \"chat.example.com\", found \"Chat.Example.com\": use lowercase letters"}),
      edit("certificate ARN", set("", "acm_certificate_arn", "arn:aws:acm:certificate"),
           {"bad.json: acm_certificate_arn: expected an ACM certificate ARN such as"}),
      edit("certificate region", set("", "acm_certificate_arn", std::string(kCertificate).replace(12, 9, "eu-west-1")),
           {"bad.json: acm_certificate_arn: expected an ACM certificate in us-east-1, found one in eu-west-1"}),
      edit("certificate account", set("", "acm_certificate_arn", std::string(kCertificate).replace(22, 12, "999999999999")),
           {"bad.json: acm_certificate_arn: expected a certificate of account 123456789012 (account_id), found one of account 999999999999"}),
      edit("zone id", set("", "route53_zone_id", "X123"),
           {"bad.json: route53_zone_id: expected a Route 53 hosted zone id: \"Z\" and 1-31 of A-Z 0-9, found \"X123\""}),
      edit("vpc id", set("", "vpc_id", "vpc-123"), {"bad.json: vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-123\""}),
      edit("subnet id", [](json& c) { c["private_subnet_ids"][0] = "subnet-xyz"; },
           {"bad.json: private_subnet_ids[0]: expected a subnet id: \"subnet-\" and 8 or 17 hex digits, found \"subnet-xyz\""}),
      edit("repeated subnet", [](json& c) { c["private_subnet_ids"][1] = c["private_subnet_ids"][0]; },
           {"bad.json: private_subnet_ids[1]: expected each item once, found \"subnet-0a1b2c3d4e5f60001\" again (first at private_subnet_ids[0])"}),
      edit("no subnets", [](json& c) { c["private_subnet_ids"] = json::array(); },
           {"bad.json: private_subnet_ids: expected a non-empty array of strings, found an empty array"}),
      edit("bucket characters", set("", "config_s3_bucket", "My_Bucket"),
           {"bad.json: config_s3_bucket: expected an S3 bucket name, found \"My_Bucket\": only lowercase letters, digits, . and - are allowed"}),
      edit("bucket reserved prefix", set("", "files_bucket_name", "xn--files"),
           {"bad.json: files_bucket_name: expected an S3 bucket name, found \"xn--files\": the prefix \"xn--\" is reserved"}),
      edit("bucket like an IP address", set("frontend", "bucket_name", "192.168.1.1"),
           {"bad.json: frontend.bucket_name: expected an S3 bucket name, found \"192.168.1.1\": it must not be formatted like an IP address"}),
      edit("object key", set("", "config_s3_key", "/librechat.yaml"),
           {"bad.json: config_s3_key: expected an S3 object key without a leading \"/\", found \"/librechat.yaml\""}),
      edit("ECR repository", set("", "ecr_repository_name", "Api"), {"bad.json: ecr_repository_name: expected an ECR repository name"}),
      edit("memory below range", set("lambda", "memory_size", 64), {"bad.json: lambda.memory_size: expected an integer from 128 to 10240, found 64"}),
      edit("timeout above range", set("lambda", "timeout", 901), {"bad.json: lambda.timeout: expected an integer from 1 to 900, found 901"}),
      edit("function name", set("lambda", "function_name", "has space"),
           {"bad.json: lambda.function_name: expected 1-64 characters of A-Z a-z 0-9 _ -, found \"has space\""}),
      edit("image tag", set("lambda", "image_tag", ".hidden"),
           {"bad.json: lambda.image_tag: expected a Docker tag: 1-128 characters of A-Z a-z 0-9 _ . - not starting with . or -, found \".hidden\""}),
      edit("image URI", set("lambda", "image_uri", "not an image"), {"bad.json: lambda.image_uri: expected an image URI"}),
      edit("image tag and URI", [](json& c) { c["lambda"] = {{"image_tag", "v1"}, {"image_uri", "registry.example.com/api:v1"}}; },
           {"bad.json: lambda.image_tag: expected image_tag or image_uri, found both"}),
      edit("security group name", set("lambda", "security_group_name", "sg-api"),
           {"bad.json: lambda.security_group_name: expected a security group name: 1-255 characters, not starting with \"sg-\", found \"sg-api\""}),
      edit("role name", set("lambda", "role_name", "role!"), {"bad.json: lambda.role_name: expected an IAM role name"}),
      edit("policy name", set("lambda", "policy_name", std::string(129, 'p')), {"bad.json: lambda.policy_name: expected an IAM policy name"}),
      edit("CIDR host bits", set("lambda", "https_egress_cidrs", json::array({"10.0.0.1/8"})),
           {"bad.json: lambda.https_egress_cidrs[0]: expected a network address with the host bits zero, found \"10.0.0.1/8\" (did you mean \"10.0.0.0/8\"?)"}),
      edit("CIDR octet", set("lambda", "https_egress_cidrs", json::array({"300.0.0.0/8"})),
           {"bad.json: lambda.https_egress_cidrs[0]: expected an IPv4 CIDR block such as \"10.0.0.0/8\", found \"300.0.0.0/8\": 300 is not an octet (0-255)"}),
      edit("reserved variable", set("lambda", "environment", json{{"AWS_REGION", "x"}}),
           {"bad.json: lambda.environment.AWS_REGION: expected a variable name that AWS Lambda does not reserve"}),
      edit("variable the stack sets", set("lambda", "environment", json{{"REDIS_URI", "x"}}),
           {"bad.json: lambda.environment: \"REDIS_URI\" is set by the stack from the redis module's endpoint"}),
      edit("variable both plain and secret", set("lambda", "environment", json{{"CREDS_IV", "x"}}),
           {"bad.json: lambda.environment.CREDS_IV: expected each variable once, found \"CREDS_IV\" here and under \"secrets\""}),
      edit("secret parameter", set("", "secrets", json{{"CREDS_IV", "ecs/CREDS_IV"}}),
           {"bad.json: secrets.CREDS_IV: expected an SSM parameter name starting with \"/\""}),
      edit("URL scheme", set("services", "rag_api_url", "ftp://rag:8000"),
           {"bad.json: services.rag_api_url: expected an http:// or https:// URL such as \"http://litellm.internal:4000/v1\", found \"ftp://rag:8000\""}),
      edit("URL port", set("services", "meili_host", "http://meili:70000"),
           {"bad.json: services.meili_host: expected an http:// or https:// URL", "the port must be 1-65535"}),
      edit("replication group id", set("redis", "replication_group_id", "a--b"), {"bad.json: redis.replication_group_id: expected 1-40 characters"}),
      edit("node type", set("redis", "node_type", "t4g.micro"), {"bad.json: redis.node_type: expected an ElastiCache node type"}),
      edit("engine version", set("redis", "engine_version", "seven"), {"bad.json: redis.engine_version: expected a Redis engine version"}),
      edit("API name", set("api", "name", ""), {"bad.json: api.name: expected an API name of 1-1024 characters, found \"\""}),
      edit("stage name", set("api", "stage_name", "prod stage"), {"bad.json: api.stage_name: expected 1-128 characters of A-Z a-z 0-9 _ -"}),
      edit("SPA routing", set("frontend", "spa_routing", "functoin"),
           {"bad.json: frontend.spa_routing: expected one of \"function\", \"error-responses\", found \"functoin\" (did you mean 'function'?)"}),
      edit("tag key reserved by AWS", set("tags", "aws:owner", "me"),
           {"bad.json: tags[\"aws:owner\"]: expected a tag key not starting with \"aws:\" (reserved for AWS)"}),
      edit("tag key too long", set("tags", std::string(129, 'k'), "v"), {"expected a tag key of 1-128 characters"}),
      edit("tag value too long", set("tags", "Owner", std::string(257, 'v')),
           {"bad.json: tags.Owner: expected a tag value of at most 256 characters"}),
      edit("backend kind", [](json& c) { c["backend"] = {{"type", "gcs"}}; },
           {"bad.json: backend.type: expected one of \"local\", \"s3\", found \"gcs\""}),
      edit("local backend path", [](json& c) { c["backend"] = {{"type", "local"}, {"path", "/var/state"}}; },
           {"bad.json: backend.path: expected a path relative to the stack's working directory, found \"/var/state\""}),
      edit("S3 state key", [](json& c) { c["backend"] = {{"type", "s3"}, {"bucket", "tf-state-bucket"}, {"key", "state/"}}; },
           {"bad.json: backend.key: expected an S3 object key not starting or ending with \"/\", found \"state/\""}),
      edit("KMS key id", [](json& c) { c["backend"] = {{"type", "s3"}, {"bucket", "tf-state-bucket"}, {"key", "s"}, {"kms_key_id", ""}}; },
           {"bad.json: backend.kms_key_id: expected a KMS key id, alias or ARN, found \"\""}),
  });
}

TEST_CASE("bad flags, --set values and paths are refused and leave the previous output alone", "[bad_input]") {
  Battery battery;
  write_text(battery.path() / "huge.json", "");
  fs::resize_file(battery.path() / "huge.json", 50u << 20);  // sparse: 50 MB without writing them
  fs::create_directories(battery.path() / "config-dir");
  write_text(battery.path() / "a-file", "not a directory\n");
  for (const auto& c : std::vector<BadRun>{
           flags("a --set of the wrong type", "--set lambda.memory_size=abc", 2,
                 {"good.json: lambda.memory_size: expected an integer from 128 to 10240, found \"abc\""}),
           flags("a --set without a key", "--set =5", 2, {"--set '=5': expected KEY=VALUE with KEY a dotted path"}),
           flags("a --set of an unknown key", "--set lambda.memroy_size=256", 2, {"good.json: lambda.memroy_size: unknown key 'memroy_size' (did you mean 'memory_size'?)"}),
           flags("a --set key that is not UTF-8", "--set $(printf 'tags.\\377')=x", 2, {"--set: the key is not valid UTF-8: expected a dotted path such as lambda.memory_size"}),
           flags("an unknown stack", "librechta", 2, {"unknown stack 'librechta' (did you mean 'librechat'?); known stacks: librechat-registry, librechat"}),
           flags("an unknown flag", "--frobnicate", 2, {"The following argument was not expected: --frobnicate"}),
           config_path("a missing configuration file", "missing.json", {"missing.json: no such file: expected a JSON configuration file"}),
           config_path("a directory as the configuration file", "config-dir", {"config-dir: is a directory: expected a JSON configuration file"}),
           config_path("a 50 MB configuration file", "huge.json", {"huge.json: 52428800 bytes is larger than the 16777216 bytes a configuration file may have"}),
           config_path("a device with no end as the configuration file", "/dev/zero",
                       {"/dev/zero: 16777217 bytes is larger than the 16777216 bytes a configuration file may have"}),
           output_path("an output directory under a regular file", "a-file/out", {"cannot create directory 'a-file': Not a directory"}),
           output_path("an output path that is a regular file", "good.json", {"output path 'good.json' exists and is not a directory"}),
       }) {
    battery.check(c);
  }
  CHECK(read_text(battery.path() / "a-file") == "not a directory\n");
  CHECK(read_text(battery.path() / "good.json") == dev_config().dump(2));
}

TEST_CASE("an unreadable configuration file is refused naming it", "[bad_input]") {
  ScratchDir dir;
  write_text(dir.path() / "secret.json", dev_config().dump(2));
  fs::permissions(dir.path() / "secret.json", fs::perms::none);
  if (::access((dir.path() / "secret.json").c_str(), R_OK) == 0) {
    // Root reads a file whatever its mode, so the case cannot happen here.
    std::cout << "SKIPPED: running as root, a mode-000 file is still readable" << std::endl;
    WARN("SKIPPED: running as root, a mode-000 file is still readable");
    return;
  }
  auto r = run_shell(kLcsynth + " synth -c secret.json -o out", dir.path().string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("secret.json: cannot be read: check its permissions"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

namespace {

// The LibreChat stacks synthesized in memory from `config`, as the CLI builds them.
lcsynth::Assembly synthesize_librechat(const lcsynth::Config& config) {
  lcsynth::StackCatalog catalog;
  lcsynth::stacks::add_builtin_stacks(catalog);
  lcsynth::App app;
  for (const auto& entry : catalog.entries()) entry.build(app, config);
  return lcsynth::synthesize(app, {.schemas = &lcsynth::builtin_schemas(), .policies = &lcsynth::aws_policy_pack()});
}

// A disk that is full after `writes_left` files: the next write leaves half a file and fails.
class FullDisk : public lcsynth::RealFileSystem {
 public:
  explicit FullDisk(int writes_left) : writes_left_(writes_left) {}
  void write_file(const fs::path& p, std::string_view contents) override {
    if (writes_left_-- == 0) {
      RealFileSystem::write_file(p, contents.substr(0, contents.size() / 2));
      throw lcsynth::WriteError("cannot write '" + p.string() + "': No space left on device");
    }
    RealFileSystem::write_file(p, contents);
  }
  // Whole files, through write_file() above, so its faults apply to documents written in pieces too.
  void write_file_in_pieces(const fs::path& p, const std::function<void(const PieceWriter&)>& produce) override {
    FileSystem::write_file_in_pieces(p, produce);
  }

 private:
  int writes_left_;
};

// Every string leaf of `value` as (key path in the configuration reader's spelling, JSON pointer).
void string_leaves(const json& value, const std::string& path, const json::json_pointer& pointer,
                   std::vector<std::pair<std::string, json::json_pointer>>& out) {
  if (value.is_string()) out.emplace_back(path, pointer);
  if (value.is_object())
    for (const auto& [key, child] : value.items()) string_leaves(child, path.empty() ? key : path + "." + key, pointer / key, out);
  if (value.is_array())
    for (size_t i = 0; i < value.size(); ++i) string_leaves(value[i], path + "[" + std::to_string(i) + "]", pointer / i, out);
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a disk that fills up at any file of the LibreChat output leaves the previous output intact", "[bad_input]") {
  ScratchDir dir;
  const fs::path out = dir.path() / "out";
  lcsynth::Config dev{dev_config(), "dev.json"};
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(synthesize_librechat(dev), out, real);
  const auto before = snapshot_tree(out);

  dev.values["lambda"]["memory_size"] = 2048;  // a different tree, so a half-written one would show
  const lcsynth::Assembly next = synthesize_librechat(dev);
  const int files = static_cast<int>(next.files().size());
  REQUIRE(files >= 4);
  for (int n = 0; n < files; ++n) {
    INFO("the disk is full after " << n << " files");
    FullDisk disk(n);
    std::string message;
    try {
      lcsynth::write_assembly(next, out, disk);
    } catch (const lcsynth::WriteError& e) {
      message = e.what();
    }
    CHECK_THAT(message, Contains("No space left on device"));
    CHECK(snapshot_tree(out) == before);
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(dir.path())) entries.push_back(e.path().filename().string());
    CHECK(entries == std::vector<std::string>{"out"});  // no staging directory left behind
  }
}

// Every string of both example configurations, with a template sequence appended: the loader
// refuses it naming the key, or the synthesized output carries it escaped, never as a live
// interpolation or directive.
TEST_CASE("template sequences in every string field of the configuration are refused or escaped in the output", "[bad_input]") {
  const std::string probe = "${lcsynth_probe}%{lcsynth_probe}";
  // Found by this test (fixed in src/cross_stack.cc): the S3 state key was written verbatim into
  // terraform_remote_state's config, where "${" is an interpolation.
  const std::set<std::string> kLiteralInBackend = {"backend.key"};
  size_t refused = 0, escaped = 0;
  for (const char* example : {"dev.json", "prod.json"}) {
    json base = json::parse(read_text(fs::path(LCSYNTH_SOURCE_DIR) / "examples/librechat" / example));
    std::vector<std::pair<std::string, json::json_pointer>> leaves;
    string_leaves(base, "", json::json_pointer(), leaves);
    leaves.emplace_back("tags", json::json_pointer("/tags/Probe" + probe));  // a map key too
    for (const auto& [path, pointer] : leaves) {
      INFO(example << ": " << path);
      json values = base;
      values[pointer] = values.contains(pointer) ? values[pointer].get<std::string>() + probe : "v";
      std::string files;
      try {
        for (const auto& [name, contents] : synthesize_librechat({values, "probe.json"}).files()) files += contents;
      } catch (const lcsynth::ConfigError& e) {
        CHECK_THAT(e.what(), Contains("probe.json: " + path));
        ++refused;
        continue;
      }
      if (kLiteralInBackend.count(path)) {
        // Verbatim in both stacks' backend blocks (Terraform reads the terraform block
        // literally), escaped once in the consumer's terraform_remote_state (an expression).
        CHECK(count(files, "$${lcsynth_probe}") == 1);
        CHECK(count(files, "${lcsynth_probe}") == 3);
        CHECK(count(files, "%%{lcsynth_probe}") == 1);
        CHECK(count(files, "%{lcsynth_probe}") == 3);
        continue;
      }
      ++escaped;
      CHECK(count(files, "$${lcsynth_probe}") > 0);
      CHECK(count(files, "${lcsynth_probe}") == count(files, "$${lcsynth_probe}"));
      CHECK(count(files, "%%{lcsynth_probe}") > 0);
      CHECK(count(files, "%{lcsynth_probe}") == count(files, "%%{lcsynth_probe}"));
    }
  }
  CHECK(refused > 20);
  CHECK(escaped > 5);
}
