// The "jobs" stack: a WorkQueue, a worker role that Lambda may assume, and the role's policy
// built from the queue's consumer statement.

#include "jobs_stack.h"

#include "work_queue.h"

namespace jobs {

using lcsynth::Expr;

void build_jobs_stack(lcsynth::App& app, const lcsynth::Config& config) {
  std::string region = config.values.value("region", "eu-west-1");
  std::string environment = config.values.value("environment", "dev");
  int max_receive_count = config.values.value("max_receive_count", 3);

  auto& stack = app.add<lcsynth::Stack>(
      "jobs", lcsynth::StackProps{.required_version = ">= 1.10", .description = "Example: a work queue, its dead-letter queue and a worker role"});
  stack.add<lcsynth::Provider>("aws", lcsynth::ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 5.0, < 7.0",
                                                             .config = {{"region", region}}});

  auto& thumbnails = stack.add<WorkQueue>("thumbnails", WorkQueueProps{.name = "jobs-" + environment + "-thumbnails",
                                                                       .visibility_timeout_seconds = 120,
                                                                       .max_receive_count = max_receive_count,
                                                                       .tags = {{"Environment", environment}}});

  auto& worker = stack.add<lcsynth::Resource>(
      "worker", "aws_iam_role",
      lcsynth::Arguments{{"name", "jobs-" + environment + "-worker"},
                         {"assume_role_policy", lcsynth::fn::jsonencode(Expr::map({
                              {"Version", "2012-10-17"},
                              {"Statement", Expr::list({Expr::map({{"Action", "sts:AssumeRole"},
                                                                   {"Effect", "Allow"},
                                                                   {"Principal", Expr::map({{"Service", "lambda.amazonaws.com"}})}})})},
                          }))}});
  stack.add<lcsynth::Resource>(
      "worker_queue", "aws_iam_role_policy",
      lcsynth::Arguments{{"role", worker.attr("id")},
                         {"policy", lcsynth::fn::jsonencode(Expr::map({{"Version", "2012-10-17"},
                                                                       {"Statement", Expr::list({thumbnails.consumer_statement()})}}))}});

  stack.add<lcsynth::TerraformOutput>("queue_url", lcsynth::OutputProps{.value = thumbnails.url(), .description = "Where producers send jobs"});
  stack.add<lcsynth::TerraformOutput>("dead_letter_queue_arn",
                                      lcsynth::OutputProps{.value = thumbnails.dead_letter_arn(), .description = "Jobs that failed every delivery"});
  stack.add<lcsynth::TerraformOutput>("worker_role_arn", lcsynth::OutputProps{.value = worker.attr("arn"), .description = "Role for the workers"});
}

}  // namespace jobs
