// The redis module boundary: one call of terraform-aws-modules/elasticache 1.10.3 with the
// corrected security group rule keys (referenced_security_group_id, ip_protocol).

#include "stacks/librechat/redis.h"

#include "lcsynth/policy.h"
#include "stacks/librechat/registry_modules.h"

namespace lcsynth::librechat {

Redis::Redis(Construct& scope, std::string id, Props props) : ModuleBoundary(scope, std::move(id)) {
  input("environment", {.type = "string", .description = "Environment name"}, props.environment);
  Expr vpc_id = input("vpc_id", {.type = "string", .description = "VPC ID"}, props.vpc_id);
  Expr subnets = input("private_subnet_ids", {.type = "list(string)", .description = "Private subnet IDs"}, props.private_subnet_ids);
  Expr lambda_sg = input("lambda_security_group_id", {.type = "string", .description = "Lambda security group ID"}, std::nullopt);
  lambda_security_group_id_ = const_cast<TerraformVariable*>(inputs().back());
  Expr tags = input("tags", {.type = "map(string)", .description = "Resource tags", .default_value = nlohmann::json::object()}, props.tags);
  const RedisSettings& s = props.settings;
  // Not in the spec's table: a name unique per account and region, passed in so that one
  // module source serves every environment (docs/librechat.md).
  Expr group_id = input("replication_group_id", {.type = "string", .description = "Replication group ID (unique per account and region)"},
                        Expr(s.replication_group_id));

  auto& redis = add<ElastiCacheModule>(
      "redis", Arguments{
                   {"replication_group_id", group_id},
                   // Cluster mode disabled, one node (FR-037).
                   {"cluster_mode_enabled", false},
                   {"num_cache_clusters", 1},
                   {"engine", "redis"},
                   {"engine_version", s.engine_version},
                   {"node_type", s.node_type},
                   // VPC configuration (FR-038).
                   {"vpc_id", vpc_id},
                   {"subnet_ids", subnets},
                   // The module builds aws_vpc_security_group_ingress_rule from these keys; the
                   // spec's source_security_group_id/protocol would be silently ignored.
                   {"create_security_group", true},
                   {"security_group_rules",
                    Expr::map({{"ingress_lambda", Expr::map({{"type", "ingress"},
                                                             {"from_port", 6379},
                                                             {"to_port", 6379},
                                                             {"ip_protocol", "tcp"},
                                                             {"referenced_security_group_id", lambda_sg},
                                                             {"description", "Lambda access"}})}})},
                   {"at_rest_encryption_enabled", true},
                   // Deliberate: LibreChat connects with redis://, not rediss:// (see docs/librechat.md).
                   {"transit_encryption_enabled", false},
                   {"apply_immediately", true},
                   {"tags", tags},
               });

  // The spec's deliberate exception, visible in the output's "//" metadata and in validate.
  suppress(redis, "LC-EC-2", "LibreChat connects with redis://, not rediss://: transit encryption stays off (the spec's deliberate exception)");

  output("replication_group_id", redis.replication_group_id(), "Redis replication group ID");
  output("primary_endpoint_address", redis.replication_group_primary_endpoint_address(), "Redis primary endpoint");
  output("security_group_id", redis.security_group_id(), "Redis security group ID");
}

void Redis::allow_access_from(Expr lambda_security_group_id) {
  lambda_security_group_id_->set_module_input(std::move(lambda_security_group_id));
}

}  // namespace lcsynth::librechat
