// The policy engine (suppressions: mandatory reason, subtree scope, recorded in the output) and
// each rule of the AWS pack, fed a violating stack, with the exact finding.

#include <catch2/catch.hpp>

#include <set>

#include "lcsynth/aws_policies.h"
#include "support/fixtures.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
// Synthesizes with the AWS pack and returns every policy finding as text ("" when none).
std::vector<std::string> policy_findings(App& app) {
  std::vector<Diagnostic> found;
  try {
    found = synthesize(app, SynthOptions{.policies = &aws_policy_pack()}).warnings;
  } catch (const SynthesisError& e) {
    found = e.findings();
  }
  std::vector<std::string> out;
  for (const auto& d : found) out.push_back(format_diagnostic(d));
  return out;
}

Stack& stack_of(App& app) { return app.add<Stack>("s"); }
}  // namespace

TEST_CASE("every rule has an id, a title, a fix and something it applies to", "[policy]") {
  const auto& rules = aws_policy_pack().rules();
  CHECK(rules.size() == 18);
  std::set<std::string> ids;
  for (const auto& r : rules) {
    CHECK(ids.insert(r.id).second);
    CAPTURE(r.id);
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.fix.empty());
    CHECK_FALSE(r.applies_to.empty());
  }
}

TEST_CASE("LC-S3-1 flags a public access block that is not complete", "[policy]") {
  App app;
  stack_of(app).add<Resource>("pab", "aws_s3_bucket_public_access_block",
                              Arguments{{"bucket", "b"}, {"block_public_acls", true}, {"block_public_policy", false}, {"ignore_public_acls", true},
                                        {"restrict_public_buckets", true}});
  CHECK(policy_findings(app) == std::vector<std::string>{
      "error LC-S3-1 [s/pab] (aws_s3_bucket_public_access_block.pab): S3 buckets block all public access: block_public_policy is not true\n"
      "  fix: set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true (same as CKV_AWS_53, "
      "CKV_AWS_54, CKV_AWS_55, CKV_AWS_56, AVD-AWS-0086, AVD-AWS-0087, AVD-AWS-0091, AVD-AWS-0093)"});
}

TEST_CASE("LC-S3-1 and LC-S3-2 judge the s3-bucket module on its inputs and defaults", "[policy]") {
  App app;
  stack_of(app).add<ModuleCall>("b", ModuleCallProps{.source = "terraform-aws-modules/s3-bucket/aws", .version = "~> 4.0",
                                                     .inputs = {{"restrict_public_buckets", false}}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 2);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("error LC-S3-1 [s/b] (module.b): S3 buckets block all public access: restrict_public_buckets is not true"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("warning LC-S3-2 [s/b] (module.b): S3 buckets declare encryption at rest: no server_side_encryption_configuration"));
}

TEST_CASE("LC-CF-1, LC-CF-2 and LC-CF-3 flag an HTTP-allowing, TLSv1, route-less distribution", "[policy]") {
  App app;
  stack_of(app).add<ModuleCall>("cdn", ModuleCallProps{.source = "terraform-aws-modules/cloudfront/aws", .version = "~> 4.0",
                                                       .inputs = {{"default_cache_behavior", Expr::map({{"viewer_protocol_policy", "allow-all"}})}}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 3);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("error LC-CF-1 [s/cdn] (module.cdn): CloudFront serves HTTPS only: default_cache_behavior allows allow-all"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("error LC-CF-2 [s/cdn] (module.cdn): CloudFront requires TLS 1.2 or later: minimum_protocol_version is TLSv1"));
  CHECK_THAT(f[2], Catch::Matchers::StartsWith("warning LC-CF-3 [s/cdn] (module.cdn): CloudFront routes SPA paths to index.html"));
}

TEST_CASE("LC-API-1 flags a caching stage and LC-API-2 a streaming integration over 900000 ms", "[policy]") {
  App app;
  auto& s = stack_of(app);
  s.add<Resource>("stage", "aws_api_gateway_stage", Arguments{{"cache_cluster_enabled", true}});
  s.add<Resource>("int", "aws_api_gateway_integration", Arguments{{"type", "HTTP"}, {"response_transfer_mode", "STREAM"}, {"timeout_milliseconds", 1000000}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 3);
  // Document order: resource types sorted.
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("error LC-API-2 [s/int] (aws_api_gateway_integration.int): Streaming integrations use AWS_PROXY with at most 900000 ms: type is HTTP"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("error LC-API-2 [s/int] (aws_api_gateway_integration.int): Streaming integrations use AWS_PROXY with at most 900000 ms: timeout_milliseconds is 1000000"));
  CHECK_THAT(f[2], Catch::Matchers::StartsWith("error LC-API-1 [s/stage] (aws_api_gateway_stage.stage): API Gateway stages do not cache responses: cache_cluster_enabled is true"));
}

TEST_CASE("LC-LAMBDA-1 and LC-LAMBDA-3 flag a small function with a literal secret", "[policy]") {
  App app;
  stack_of(app).add<Resource>("fn", "aws_lambda_function",
                              Arguments{{"memory_size", 512}, {"timeout", 30},
                                        {"environment", Expr::map({{"variables", Expr::map({{"DB_PASSWORD", "hunter2"}, {"MODE", "x"}})}})}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 3);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("warning LC-LAMBDA-1 [s/fn] (aws_lambda_function.fn): Streaming Lambda functions have at least 1024 MB and a 900 s timeout: memory_size is 512"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("warning LC-LAMBDA-1 [s/fn] (aws_lambda_function.fn): Streaming Lambda functions have at least 1024 MB and a 900 s timeout: timeout is 30"));
  CHECK_THAT(f[2], Catch::Matchers::StartsWith("error LC-LAMBDA-3 [s/fn] (aws_lambda_function.fn): Lambda environment variables hold no secrets: DB_PASSWORD has a literal value"));
}

TEST_CASE("LC-LAMBDA-4 flags a VPC function with a single literal subnet, and not an expression", "[policy]") {
  App app;
  auto& s = stack_of(app);
  auto& subnets = s.add<TerraformVariable>("subnets", VariableProps{.type = "list(string)"});
  s.add<Resource>("one", "aws_lambda_function", Arguments{{"vpc_config", Expr::map({{"subnet_ids", Expr::list({"subnet-1"})}})}});
  s.add<Resource>("var", "aws_lambda_function", Arguments{{"vpc_config", Expr::map({{"subnet_ids", subnets.value()}})}});
  CHECK(policy_findings(app) == std::vector<std::string>{
      "warning LC-LAMBDA-4 [s/one] (aws_lambda_function.one): VPC Lambda functions span several availability zones: 1 subnet listed\n"
      "  fix: list private subnets in at least two availability zones"});
}

TEST_CASE("LC-LAMBDA-2 flags a permission without source_arn", "[policy]") {
  App app;
  stack_of(app).add<Resource>("perm", "aws_lambda_permission", Arguments{{"action", "lambda:InvokeFunction"}, {"principal", "apigateway.amazonaws.com"}});
  CHECK(policy_findings(app) == std::vector<std::string>{
      "error LC-LAMBDA-2 [s/perm] (aws_lambda_permission.perm): Lambda permissions are scoped by source_arn: no source_arn\n"
      "  fix: set source_arn to the invoking resource (e.g. the REST API's execution ARN + /*/*) (same as CKV_AWS_364, AVD-AWS-0067)"});
}

TEST_CASE("LC-IAM-1 and LC-IAM-2 flag star actions and star resources in rendered policies", "[policy]") {
  App app;
  stack_of(app).add<Resource>("p", "aws_iam_role_policy",
                              Arguments{{"policy", fn::jsonencode(Expr::map({{"Statement", Expr::list({Expr::map({{"Action", "*"}, {"Resource", Expr::list({"*"})}})})}}))}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 2);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("error LC-IAM-1 [s/p] (aws_iam_role_policy.p): IAM policies grant no \"*\" action: an Action is \"*\""));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("warning LC-IAM-2 [s/p] (aws_iam_role_policy.p): IAM policies name their resources: a Resource is \"*\""));
}

TEST_CASE("LC-IAM-1 finds a star action in a JSON list, not a star inside an action name", "[policy]") {
  App app;
  auto& s = stack_of(app);
  s.add<Resource>("listed", "aws_iam_policy", Arguments{{"policy", R"({"Statement": [{"Action" :  ["s3:GetObject", "*"], "Resource": "arn:aws:s3:::b"}]})"}});
  s.add<Resource>("scoped", "aws_iam_policy", Arguments{{"policy", R"({"Statement": [{"Action": "s3:*", "Resource": ["arn:aws:s3:::b"], "Sid": "*"}]})"}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("error LC-IAM-1 [s/listed] (aws_iam_policy.listed): IAM policies grant no \"*\" action: an Action is \"*\""));
}

TEST_CASE("LC-LAMBDA-3 reads secret-like variable names in any case", "[policy]") {
  App app;
  stack_of(app).add<Resource>("fn", "aws_lambda_function",
                              Arguments{{"environment", Expr::map({{"variables", Expr::map({{"MyApiKey", "k"}, {"PRIVATEKEY", "p"}, {"API_KEYS_URL", "u"}, {"KEYBOARD", "x"}})}})}});
  std::vector<std::string> secrets;
  for (const auto& line : policy_findings(app))
    if (line.find("LC-LAMBDA-3") != std::string::npos) secrets.push_back(line.substr(line.find("secrets: ") + 9, line.find(" has a literal") - line.find("secrets: ") - 9));
  CHECK(secrets == std::vector<std::string>{"API_KEYS_URL", "MyApiKey", "PRIVATEKEY"});
}

TEST_CASE("LC-SG-1 and LC-SG-2 flag an undescribed rule open to the world", "[policy]") {
  App app;
  stack_of(app).add<Resource>("in", "aws_vpc_security_group_ingress_rule", Arguments{{"cidr_ipv4", "0.0.0.0/0"}, {"from_port", 22}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 2);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("warning LC-SG-1 [s/in] (aws_vpc_security_group_ingress_rule.in): Security groups and rules are described: no description"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("error LC-SG-2 [s/in] (aws_vpc_security_group_ingress_rule.in): No inbound rule is open to the world: the source is the whole internet"));
}

TEST_CASE("LC-EC-1, LC-EC-2 and LC-EC-3 judge the elasticache module's inputs", "[policy]") {
  App app;
  stack_of(app).add<ModuleCall>("r", ModuleCallProps{.source = "terraform-aws-modules/elasticache/aws", .version = "1.10.3",
                                                     .inputs = {{"cluster_mode_enabled", true}, {"transit_encryption_enabled", false},
                                                                {"at_rest_encryption_enabled", false}}});
  auto f = policy_findings(app);
  REQUIRE(f.size() == 3);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("warning LC-EC-1 [s/r] (module.r): ElastiCache runs one node with cluster mode disabled: cluster mode is enabled"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("error LC-EC-2 [s/r] (module.r): ElastiCache encrypts data in transit: transit_encryption_enabled is false"));
  CHECK_THAT(f[2], Catch::Matchers::StartsWith("error LC-EC-3 [s/r] (module.r): ElastiCache encrypts data at rest: at_rest_encryption_enabled is false"));
}

TEST_CASE("a suppression covers its construct subtree only, and is recorded in the output", "[policy]") {
  App app;
  auto& s = stack_of(app);
  auto& covered = s.add<Group>("covered");
  covered.add<Resource>("perm", "aws_lambda_permission");
  s.add<Resource>("other", "aws_lambda_permission");
  suppress(covered, "LC-LAMBDA-2", "invoked only by a service that cannot pass a source ARN");
  auto f = policy_findings(app);
  REQUIRE(f.size() == 2);
  CHECK_THAT(f[0], Catch::Matchers::StartsWith("info LC-LAMBDA-2 [s/covered/perm]"));
  CHECK_THAT(f[0], Catch::Matchers::EndsWith("fix: suppressed: invoked only by a service that cannot pass a source ARN"));
  CHECK_THAT(f[1], Catch::Matchers::StartsWith("error LC-LAMBDA-2 [s/other]"));
  App app2;
  auto& s2 = stack_of(app2);
  suppress(s2.add<Group>("g"), "LC-S3-2", "the reason");
  CHECK(synthesize(app2).stack_document("s")["//"]["suppressions"] ==
        json::parse(R"J([{"rule": "LC-S3-2", "scope": "s/g", "reason": "the reason"}])J"));
}

TEST_CASE("a suppression without a reason is refused with the path", "[policy]") {
  App app;
  auto& g = stack_of(app).add<Group>("g");
  CHECK(test::error_of([&] { suppress(g, "LC-S3-1", ""); }) ==
        "[s/g] a suppression needs a rule id and a reason: say why the finding is accepted");
}

TEST_CASE("a pack runs each rule on the blocks of its types only, and reads any \"//\" metadata safely", "[policy]") {
  PolicyPack pack;
  std::vector<std::string> seen_a, seen_b;
  pack.add({.id = "T-1", .title = "t1", .fix = "f", .applies_to = {"aws_b_thing", "aws_a_thing"},
            .check = [&](const BlockView& b, std::vector<std::string>&) { seen_a.push_back(b.address + " @ " + b.path); }});
  const json doc = {{"resource", {{"aws_a_thing", {{"x", {{"//", {{"metadata", {{"path", "x"}}}}}}}}},
                                   {"aws_c_thing", {{"y", json::object()}}},
                                   {"aws_b_thing", {{"z", {{"//", json::object()}}}, {"w", {{"//", {{"metadata", {{"path", 7}}}}}}}}}}},
                    {"data", {{"aws_a_thing", {{"d", json::object()}}}}},
                    {"module", {{"m", {{"source", "./m"}}}, {"n", {{"source", "reg/n/aws"}}}}}};
  CHECK(pack.run_document(doc, "module.p.", "app/s/p", {}).empty());
  // A module's document records paths relative to the module's.
  CHECK(seen_a == std::vector<std::string>{"module.p.aws_a_thing.x @ app/s/p/x", "module.p.aws_b_thing.w @ app/s/p",
                                           "module.p.aws_b_thing.z @ app/s/p", "module.p.data.aws_a_thing.d @ app/s/p"});
  // A rule added later brings its own types, here a module source.
  pack.add({.id = "T-2", .title = "t2", .fix = "f", .applies_to = {"reg/n/aws"},
            .check = [&](const BlockView& b, std::vector<std::string>& v) {
              seen_b.push_back(b.kind + " " + b.type + " " + b.address);
              v.push_back("found");
            }});
  seen_a.clear();
  auto findings = pack.run_document(doc, "", "app/s", {});
  CHECK(seen_a.size() == 4);
  CHECK(seen_b == std::vector<std::string>{"module reg/n/aws module.n"});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].address == "module.n");
  CHECK(findings[0].message == "t2: found");
  // A type listed twice by one rule runs it once; rules on the same block run in the order added.
  pack.add({.id = "T-3", .title = "t3", .fix = "f", .applies_to = {"reg/n/aws", "reg/n/aws"},
            .check = [&](const BlockView&, std::vector<std::string>& v) { v.push_back("again"); }});
  findings = pack.run_document(doc, "", "app/s", {});
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message == "t2: found");
  CHECK(findings[1].message == "t3: again");
}
