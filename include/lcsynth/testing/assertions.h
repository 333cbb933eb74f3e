#pragma once
// Assertions on a synthesized stack's blocks, in the manner of cdktf's Testing matchers. Each
// returns a Result; testing_catch2.h wraps them as Catch2 matchers.
//
//   auto s = testing::synth(app, "librechat");
//   CHECK(has_resource(s, "aws_lambda_function", {{"memory_size", 1024}}));
//   CHECK(property_absent(s, "module.backend.aws_security_group.lambda", "egress"));

#include <cstddef>
#include <string_view>

#include "lcsynth/testing/pattern.h"
#include "lcsynth/testing/result.h"
#include "lcsynth/testing/synth.h"

namespace lcsynth::testing {

/// Some block of `kind` whose type (resource, data source), source (module call) or name
/// (output) is `type` matches `properties`, in the root module or any local module. A failure
/// names the closest type when none has `type`, else up to three blocks of that type, closest
/// first, each with its first differing property.
Result has_block(const Synth& s, BlockKind kind, std::string_view type, const Pattern& properties = Pattern::object());
Result has_resource(const Synth& s, std::string_view type, const Pattern& properties = Pattern::object());
Result has_data_source(const Synth& s, std::string_view type, const Pattern& properties = Pattern::object());
/// `source` as written in the call: "terraform-aws-modules/s3-bucket/aws", "./modules/redis".
Result has_module_call(const Synth& s, std::string_view source, const Pattern& properties = Pattern::object());
Result has_output(const Synth& s, std::string_view name, const Pattern& properties = Pattern::object());

/// Exactly `count` blocks of `kind` and `type` (as for has_block) across all modules.
Result block_count(const Synth& s, BlockKind kind, std::string_view type, std::size_t count);
Result resource_count(const Synth& s, std::string_view type, std::size_t count);
/// At least one block of `kind` and `type` exists, and every one matches `properties`; a
/// failure lists the first three that do not, each with its first difference.
Result all_blocks_match(const Synth& s, BlockKind kind, std::string_view type, const Pattern& properties);
Result all_resources_match(const Synth& s, std::string_view type, const Pattern& properties);

/// The block at `target` (full address or construct path, see Synth::find) matches.
Result element_matches(const Synth& s, std::string_view target, const Pattern& properties);
/// The property at `property` of the block at `target` matches `pattern`. A property path is
/// keys joined by '.', with [N] for an array item and ["key"] for a key that is not a plain
/// name: "vpc_config.subnet_ids", "origin[0].domain_name", "tags[\"kubernetes.io/role\"]".
Result property_matches(const Synth& s, std::string_view target, std::string_view property, const Pattern& pattern);
/// The property is missing (a missing parent counts as missing).
Result property_absent(const Synth& s, std::string_view target, std::string_view property);
/// The property is a string in which `expression` finds a match (see match::regex).
Result property_matches_regex(const Synth& s, std::string_view target, std::string_view property, std::string expression);
/// The property is a JSON document (see match::json_document) matching `document`.
Result property_is_json(const Synth& s, std::string_view target, std::string_view property, const Pattern& document);

}  // namespace lcsynth::testing
