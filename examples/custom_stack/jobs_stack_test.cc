// Tests of the jobs stack with lcsynth's testing library: synthesized in memory, asserted on
// as rendered, with messages that name the closest block when an assertion fails.

#include <memory>

#include <lcsynth/aws_policies.h>
#include <lcsynth/schema.h>
#include <lcsynth/testing_catch2.h>

#include "jobs_stack.h"

using namespace lcsynth::testing;
using nlohmann::json;

namespace {
Synth synth_jobs(json values = json::object()) {
  auto app = std::make_shared<lcsynth::App>();
  jobs::build_jobs_stack(*app, lcsynth::Config{.values = std::move(values)});
  return synth(app, "jobs");
}
}  // namespace

TEST_CASE("a job moves to the dead-letter queue after max_receive_count deliveries", "[jobs]") {
  auto s = synth_jobs({{"max_receive_count", 4}});
  CHECK_THAT(s, resource_count("aws_sqs_queue", 2));
  CHECK_THAT(s, property_is_json("thumbnails/queue", "redrive_policy",
                                 {{"deadLetterTargetArn", "${aws_sqs_queue.thumbnails_dead_letter.arn}"}, {"maxReceiveCount", 4}}));
  CHECK_THAT(s, references("thumbnails/queue", "thumbnails/dead_letter", "arn"));
}

TEST_CASE("both queues are encrypted and named after the environment", "[jobs]") {
  auto s = synth_jobs({{"environment", "prod"}});
  CHECK_THAT(s, all_resources_match("aws_sqs_queue", {{"sqs_managed_sse_enabled", true},
                                                      {"name", match::regex("^jobs-prod-thumbnails")},
                                                      {"tags", {{"Environment", "prod"}}}}));
  CHECK_THAT(s, element_matches("aws_sqs_queue.thumbnails_dead_letter", {{"name", "jobs-prod-thumbnails-dlq"}}));
}

TEST_CASE("the worker may consume the queue and reaches nothing else", "[jobs]") {
  auto s = synth_jobs();
  CHECK_THAT(s, property_is_json("worker_queue", "policy",
                                 {{"Statement", match::contains({{"Effect", "Allow"},
                                                                 {"Action", match::contains("sqs:DeleteMessage")},
                                                                 {"Resource", "${aws_sqs_queue.thumbnails_queue.arn}"}})}}));
  CHECK_THAT(s, reaches_exactly("worker_queue", {"aws_iam_role.worker", "aws_sqs_queue.thumbnails_dead_letter",
                                                 "aws_sqs_queue.thumbnails_queue"}));
  CHECK_THAT(s, has_no_cycles());
}

TEST_CASE("the stack passes the schema and policy checks that synth runs", "[jobs]") {
  lcsynth::App app;
  jobs::build_jobs_stack(app, lcsynth::Config{});
  CHECK_NOTHROW(lcsynth::synthesize(app, {.schemas = &lcsynth::builtin_schemas(), .policies = &lcsynth::aws_policy_pack()}));
}
