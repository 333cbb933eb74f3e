// lcsynth-bench: synthesizes one stack holding N copies of the LibreChat constructs (the ECR
// repository, redis, backend, api-gateway and frontend, wired as build_librechat_stack wires
// them) with the built-in schemas and policies, writes it atomically, prints a one-line
// summary on stderr and exits. tests/bench/run.sh times it as a whole process against the
// cdktf program in tests/bench/cdktf/main.js, which builds the same stack.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "lcsynth/aws_policies.h"
#include "lcsynth/keep_until_exit.h"
#include "lcsynth/lcsynth.h"
#include "lcsynth/schema.h"
#include "stacks/librechat/config.h"
#include "stacks/librechat/librechat_stack.h"

namespace {

using namespace lcsynth;
using namespace lcsynth::librechat;

constexpr const char* kBenchStack = "librechat-bench";

// examples/librechat/dev.json: the values every copy starts from.
LibreChatConfig base_config() {
  Config config;
  config.source = "<lcsynth-bench>";
  config.values = {
      {"environment", "dev"},
      {"region", "eu-west-1"},
      {"account_id", "123456789012"},
      {"custom_domain", "lambda-test.sandbox.data.apro.is"},
      {"acm_certificate_arn", "arn:aws:acm:us-east-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47"},
      {"route53_zone_id", "Z0123456789ABCDEFGHIJ"},
      {"vpc_id", "vpc-0a1b2c3d4e5f60718"},
      {"private_subnet_ids", {"subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"}},
      {"tags", {{"Project", "LibreChat"}, {"Environment", "dev"}, {"ManagedBy", "lcsynth"}}},
  };
  return load_librechat_config(config);
}

// Copy `id`'s configuration: every name AWS wants unique (functions, roles, groups, buckets,
// domains, the replication group, the API, the repository) carries the copy's id.
LibreChatConfig copy_config(const LibreChatConfig& base, const std::string& id) {
  LibreChatConfig c = base;
  std::string suffix = "-" + id;
  c.environment += suffix;  // the frontend and files buckets, the CloudFront function
  c.custom_domain = id + "." + base.custom_domain;
  c.ecr_repository_name += suffix;
  c.lambda.function_name += suffix;
  c.lambda.security_group_name += suffix;
  c.lambda.role_name += suffix;
  c.lambda.policy_name += suffix;
  c.redis.replication_group_id += suffix;
  c.api.name += suffix;
  return c;
}

// One copy under `copy`: what both LibreChat stacks hold, the registry's repository in the same
// stack (so the backend references it directly).
void add_librechat_copy(Construct& copy, const LibreChatConfig& config) {
  add_librechat_services(copy, config, add_registry(copy, "repository", config));
}

// The bench stack: the LibreChat provider and backend, then copies c0000, c0001, ...
void build_bench_stack(App& app, int copies) {
  LibreChatConfig base = base_config();
  auto& stack = app.add<Stack>(kBenchStack, StackProps{.required_version = kTerraformVersion, .backend = base.backend,
                                                       .description = "N copies of LibreChat in one stack (benchmark)"});
  Arguments provider{{"region", base.region}};
  if (!base.tags.empty()) provider["default_tags"] = Expr::map({{"tags", Expr(base.tags)}});
  stack.add<Provider>("aws", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = kAwsProviderVersion, .config = provider});
  for (int i = 0; i < copies; ++i) {
    std::string id = fmt::format("c{:04}", i);
    add_librechat_copy(stack.add<Group>(id), copy_config(base, id));
  }
}

// Counts blocks as the documents pass on their way to the output, a module's once per call (the
// copies' modules are built alike and share one document, written once). A module's document
// comes before its caller's.
class CountingOutput : public DocumentSink {
 public:
  explicit CountingOutput(StagedOutput& output) : output_(output) {}
  void add(const std::string& path, const nlohmann::json& document) override {
    Counts c{count(document, "resource"), count(document, "data"), 0};
    if (auto calls = document.find("module"); calls != document.end()) {
      std::string dir = path.substr(0, path.rfind('/') + 1);
      for (const auto& [name, call] : calls->items()) {
        ++c.module_calls;
        const std::string source = call.value("source", "");
        if (source.starts_with("./")) c += counted_.at(dir + source.substr(2) + "/main.tf.json");
      }
    }
    counted_[path] = c;
    if (path.ends_with("/cdk.tf.json")) total += c;
    output_.add(path, document);
  }
  void expect(const std::vector<std::string>& paths) override { output_.expect(paths); }  // as the CLI's StagedOutput

  struct Counts {
    size_t resources = 0, data_sources = 0, module_calls = 0;
    Counts& operator+=(const Counts& o) {
      resources += o.resources, data_sources += o.data_sources, module_calls += o.module_calls;
      return *this;
    }
  };
  Counts total;

 private:
  static size_t count(const nlohmann::json& doc, const char* section) {
    size_t n = 0;
    if (auto it = doc.find(section); it != doc.end())
      for (const auto& [type, blocks] : it->items()) n += blocks.size();
    return n;
  }
  StagedOutput& output_;
  std::map<std::string, Counts> counted_;  // by document path
};

}  // namespace

int main(int argc, char** argv) {
  int copies = 1;
  std::string output = "cdktf.out";
  CLI::App cli{"Synthesizes one stack holding N copies of the LibreChat constructs (lcsynth's benchmark)", "lcsynth-bench"};
  cli.add_option("-n,--copies", copies, "Number of copies")->check(CLI::Range(1, 100000))->capture_default_str();
  cli.add_option("-o,--output", output, "Output directory")->capture_default_str();
  SynthOptions::Threads threads = SynthOptions::Threads::kAuto;
  const std::map<std::string, SynthOptions::Threads> kThreads = {
      {"auto", SynthOptions::Threads::kAuto}, {"caller", SynthOptions::Threads::kCaller}, {"separate", SynthOptions::Threads::kSeparate}};
  cli.add_option("--threads", threads, "Where checking and writing run (SynthOptions::threads): auto, caller or separate")
      ->transform(CLI::CheckedTransformer(kThreads))
      ->default_str("auto");
  CLI11_PARSE(cli, argc, argv);
  try {
    auto app = std::make_unique<App>();
    build_bench_stack(*app, copies);
    RealFileSystem fs;
    StagedOutput staged(output, fs);
    CountingOutput n(staged);
    synthesize(*app,  // as `lcsynth synth` does
               SynthOptions{.schemas = &builtin_schemas(), .policies = &aws_policy_pack(), .threads = threads, .leave_last_documents_to_exit = true},
               n);
    WriteSummary written = staged.commit();
    std::cerr << fmt::format("lcsynth-bench: N={}: {} resources, {} data sources, {} module calls, {} files, {} bytes in '{}'\n", copies,
                             n.total.resources, n.total.data_sources, n.total.module_calls, written.files, written.bytes, output);
    keep_until_exit(std::move(app));  // as the lcsynth command does
    return 0;
  } catch (const SynthesisError& e) {
    for (const auto& d : e.findings()) std::cerr << format_diagnostic(d) << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "lcsynth-bench: " << e.what() << "\n";
    return 1;
  }
}
