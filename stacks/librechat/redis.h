#pragma once
// The spec's "redis" module: ElastiCache Redis for sessions, one node, inside the VPC.

#include "lcsynth/module_boundary.h"
#include "stacks/librechat/config.h"

namespace lcsynth::librechat {

class Redis : public ModuleBoundary {
 public:
  /// Module inputs (module-interfaces.md, "Module: redis"). lambda_security_group_id is not
  /// here: Lambda's group is created by the backend, which needs this module's outputs first.
  /// It is passed afterwards with allow_access_from(), which closes the redis <-> backend
  /// loop at the module level without a resource-level cycle.
  struct Props {
    Expr environment;
    Expr vpc_id;
    Expr private_subnet_ids;
    Expr tags;
    RedisSettings settings;
  };
  Redis(Construct& scope, std::string id, Props props);

  /// Sets the lambda_security_group_id input: the group allowed in on 6379.
  void allow_access_from(Expr lambda_security_group_id);

  Expr replication_group_id() const { return output_ref("replication_group_id"); }
  Expr primary_endpoint_address() const { return output_ref("primary_endpoint_address"); }
  Expr security_group_id() const { return output_ref("security_group_id"); }

 private:
  TerraformVariable* lambda_security_group_id_ = nullptr;
};

}  // namespace lcsynth::librechat
