// Report formats: text, JSON and SARIF 2.1.0 (with physical locations derived from the stack
// and the module path of the address).

#include <catch2/catch.hpp>

#include "lcsynth/report.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
std::vector<Diagnostic> sample() {
  return {{Severity::kError, "schema/unknown-argument", "librechat/backend/api", "module.backend.aws_lambda_function.api",
           "'memroy_size' is not an argument", "use memory_size"},
          {Severity::kWarning, "core/example", "librechat/topic", "aws_sns_topic.topic", "a warning", ""}};
}
}  // namespace

TEST_CASE("the text report lists each finding and counts them", "[report]") {
  CHECK(report_text(sample()) ==
        "error schema/unknown-argument [librechat/backend/api] (module.backend.aws_lambda_function.api): 'memroy_size' is not an argument\n"
        "  fix: use memory_size\n"
        "warning core/example [librechat/topic] (aws_sns_topic.topic): a warning\n"
        "1 error, 1 warning\n");
  CHECK(report_text({}) == "0 errors, 0 warnings\n");
}

TEST_CASE("the JSON report carries every field and the counts", "[report]") {
  json r = report_json(sample());
  CHECK(r["errors"] == 1);
  CHECK(r["warnings"] == 1);
  CHECK(r["findings"][0] == json::parse(R"J({"severity": "error", "rule": "schema/unknown-argument", "path": "librechat/backend/api",
      "address": "module.backend.aws_lambda_function.api", "message": "'memroy_size' is not an argument", "fix": "use memory_size"})J"));
}

TEST_CASE("the SARIF report is a 2.1.0 log pointing at the synthesized files", "[report]") {
  json s = report_sarif(sample(), "cdktf.out");
  CHECK(s["version"] == "2.1.0");
  CHECK(s["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  const json& run = s["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "lcsynth");
  CHECK(run["tool"]["driver"]["rules"].size() == 2);
  const json& first = run["results"][0];
  CHECK(first["ruleId"] == "schema/unknown-argument");
  CHECK(first["level"] == "error");
  CHECK(first["message"]["text"] == "'memroy_size' is not an argument Fix: use memory_size");
  CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "cdktf.out/stacks/librechat/modules/backend/main.tf.json");
  CHECK(first["locations"][0]["logicalLocations"][1]["fullyQualifiedName"] == "module.backend.aws_lambda_function.api");
  CHECK(run["results"][1]["level"] == "warning");
  CHECK(run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "cdktf.out/stacks/librechat/cdk.tf.json");
}
