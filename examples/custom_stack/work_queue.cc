// WorkQueue: the dead-letter queue first, then the queue whose redrive policy points at it,
// so the reference runs one way and Terraform creates them in that order.

#include "work_queue.h"

namespace jobs {

using lcsynth::Expr;

WorkQueue::WorkQueue(lcsynth::Construct& scope, std::string id, WorkQueueProps props) : Construct(scope, std::move(id)) {
  Expr tags = Expr::map(props.tags);
  // 14 days, SQS's maximum: failed messages wait for a person to look at them.
  dead_letter_ = &add<lcsynth::Resource>("dead_letter", "aws_sqs_queue",
                                         lcsynth::Arguments{{"name", Expr::format("{}-dlq", {props.name})},
                                                            {"message_retention_seconds", 1209600},
                                                            {"sqs_managed_sse_enabled", true},
                                                            {"tags", tags}});
  // The redrive policy is a JSON string in the SQS API, so it is jsonencode()d.
  Expr redrive = lcsynth::fn::jsonencode(Expr::map({{"deadLetterTargetArn", dead_letter_->attr("arn")},
                                                    {"maxReceiveCount", props.max_receive_count}}));
  queue_ = &add<lcsynth::Resource>("queue", "aws_sqs_queue",
                                   lcsynth::Arguments{{"name", props.name},
                                                      {"visibility_timeout_seconds", props.visibility_timeout_seconds},
                                                      {"redrive_policy", redrive},
                                                      {"sqs_managed_sse_enabled", true},
                                                      {"tags", tags}});
}

Expr WorkQueue::consumer_statement() const {
  return Expr::map({{"Effect", "Allow"},
                    {"Action", Expr::list({"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                                           "sqs:GetQueueAttributes"})},
                    {"Resource", arn()}});
}

}  // namespace jobs
