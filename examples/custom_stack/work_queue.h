#pragma once
// A work queue: an SQS queue whose messages move to a dead-letter queue after a number of
// failed deliveries, both encrypted with SQS-managed keys, and the IAM statement a consumer
// of the queue needs.

#include <map>
#include <string>

#include <lcsynth/lcsynth.h>

namespace jobs {

struct WorkQueueProps {
  lcsynth::Expr name;                   ///< the queue's name; the dead-letter queue is "<name>-dlq"
  int visibility_timeout_seconds = 30;  ///< at least as long as a consumer takes per message
  int max_receive_count = 5;            ///< deliveries before a message moves to the dead-letter queue
  std::map<std::string, lcsynth::Expr> tags;
};

/// Two aws_sqs_queue resources, `<id>/queue` and `<id>/dead_letter`, which Terraform names
/// `<id>_queue` and `<id>_dead_letter` (a plain construct groups, it is not a module).
class WorkQueue : public lcsynth::Construct {
 public:
  WorkQueue(lcsynth::Construct& scope, std::string id, WorkQueueProps props);

  lcsynth::Expr url() const { return queue_->attr("url"); }
  lcsynth::Expr arn() const { return queue_->attr("arn"); }
  lcsynth::Expr dead_letter_arn() const { return dead_letter_->attr("arn"); }
  /// An IAM policy statement that lets a consumer receive, delete and hold messages of the
  /// queue (not of the dead-letter queue).
  lcsynth::Expr consumer_statement() const;

 private:
  lcsynth::Resource* queue_ = nullptr;
  lcsynth::Resource* dead_letter_ = nullptr;
};

}  // namespace jobs
