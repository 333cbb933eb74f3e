// Loads the LibreChat configuration strictly with ConfigReader: every value the spec fixes is a
// default, every value the user gives is checked against AWS's own naming rules, and all
// problems come back together. The wording of every check is in `namespace wording` below.

#include "stacks/librechat/config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>

#include <fmt/format.h>
#include <re2/re2.h>

#include "lcsynth/config_reader.h"
#include "lcsynth/errors.h"

namespace lcsynth::librechat {

namespace {
namespace wording {
std::string expected(std::string_view what, const std::string& found) {
  return fmt::format("expected {}, found {}", what, quote_value(found));
}
std::string expected_because(std::string_view what, const std::string& found, std::string_view reason) {
  return fmt::format("expected {}, found {}: {}", what, quote_value(found), reason);
}
std::string certificate_region(const std::string& region) {
  return fmt::format(
      "expected an ACM certificate in us-east-1, found one in {}: CloudFront only uses certificates from us-east-1 "
      "(N. Virginia); request or import the certificate there and use its ARN",
      region);
}
std::string certificate_account(const std::string& account, const std::string& found) {
  return fmt::format("expected a certificate of account {} (account_id), found one of account {}", account, found);
}
std::string host_bits(const std::string& found, const std::string& network) {
  return fmt::format("expected a network address with the host bits zero, found {} (did you mean {}?)",
                     quote_value(found), quote_value(network));
}
std::string stack_variable(const std::string& name, const std::string& source) {
  return fmt::format("{} is set by the stack from {}; change that instead of overriding it here", quote_value(name), source);
}
std::string reserved_variable(const std::string& name) {
  return fmt::format(
      "expected a variable name that AWS Lambda does not reserve, found {}: Lambda sets it itself and refuses to "
      "create a function that sets it",
      quote_value(name));
}
std::string plain_and_secret(const std::string& name) {
  return fmt::format("expected each variable once, found {} here and under \"secrets\": a variable is either plain or a secret",
                     quote_value(name));
}
std::string image_tag_and_uri() {
  return "expected image_tag or image_uri, found both: image_uri already names the image, tag included";
}
constexpr std::string_view kEnvironment = "1-16 characters of a-z 0-9 - starting with a letter or digit";
constexpr std::string_view kRegion = "an AWS region such as \"eu-west-1\"";
constexpr std::string_view kAccountId = "a 12-digit AWS account id";
constexpr std::string_view kDnsName = "a DNS name such as \"chat.example.com\"";
constexpr std::string_view kCertificate = "an ACM certificate ARN such as \"arn:aws:acm:us-east-1:123456789012:certificate/<uuid>\"";
constexpr std::string_view kZoneId = "a Route 53 hosted zone id: \"Z\" and 1-31 of A-Z 0-9";
constexpr std::string_view kVpcId = "a VPC id: \"vpc-\" and 8 or 17 hex digits";
constexpr std::string_view kSubnetId = "a subnet id: \"subnet-\" and 8 or 17 hex digits";
constexpr std::string_view kBucket = "an S3 bucket name";
constexpr std::string_view kObjectKey = "an S3 object key without a leading \"/\"";
constexpr std::string_view kStateKey = "an S3 object key not starting or ending with \"/\"";
constexpr std::string_view kEcrRepository = "an ECR repository name: 2-256 characters, groups of a-z 0-9 joined by one of . _ - /";
constexpr std::string_view kVariableName = "an environment variable name: A-Z a-z 0-9 _, not starting with a digit";
constexpr std::string_view kParameter =
    "an SSM parameter name starting with \"/\" or a parameter ARN \"arn:aws:ssm:<region>:<account>:parameter/<name>\"";
constexpr std::string_view kFunctionName = "1-64 characters of A-Z a-z 0-9 _ -";
constexpr std::string_view kImageTag = "a Docker tag: 1-128 characters of A-Z a-z 0-9 _ . - not starting with . or -";
constexpr std::string_view kImageUri = "an image URI \"<registry>/<repository>[:<tag>|@sha256:<64 hex digits>]\"";
constexpr std::string_view kSecurityGroupName = "a security group name: 1-255 characters, not starting with \"sg-\"";
constexpr std::string_view kRoleName = "an IAM role name: 1-64 characters of A-Z a-z 0-9 + = , . @ _ -";
constexpr std::string_view kPolicyName = "an IAM policy name: 1-128 characters of A-Z a-z 0-9 + = , . @ _ -";
constexpr std::string_view kCidr = "an IPv4 CIDR block such as \"10.0.0.0/8\"";
constexpr std::string_view kUrl = "an http:// or https:// URL such as \"http://litellm.internal:4000/v1\"";
constexpr std::string_view kReplicationGroupId =
    "1-40 characters of a-z 0-9 -, starting with a letter, without \"--\" or a trailing \"-\"";
constexpr std::string_view kNodeType = "an ElastiCache node type such as \"cache.t4g.micro\"";
constexpr std::string_view kEngineVersion = "a Redis engine version such as \"7.1\"";
constexpr std::string_view kApiName = "an API name of 1-1024 characters";
constexpr std::string_view kStageName = "1-128 characters of A-Z a-z 0-9 _ -";
constexpr std::string_view kTagKey = "a tag key of 1-128 characters";
constexpr std::string_view kTagKeyNotAws = "a tag key not starting with \"aws:\" (reserved for AWS)";
constexpr std::string_view kTagValue = "a tag value of at most 256 characters";
constexpr std::string_view kRelativePath = "a path relative to the stack's working directory";
constexpr std::string_view kKmsKey = "a KMS key id, alias or ARN";
constexpr std::string_view kWorkspacePrefix = "a prefix not starting or ending with \"/\"";
}  // namespace wording

// ---- small matchers ------------------------------------------------------------------------

// RE2 rather than std::regex: it compiles a pattern in microseconds (std::regex spent about
// 6 M instructions, a quarter of a LibreChat synth, compiling these bracket expressions) and
// matches in linear time without recursion. Bytes, as std::regex matched a std::string.
const RE2::Options& bytes() {
  static const RE2::Options options = [] {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);
    return o;
  }();
  return options;
}

// Every value checked here is short when valid, so long input is refused before it reaches the
// matcher. That is also how the patterns bound lengths: RE2 compiles a counted repetition such as
// "{1,255}" into as many copies of its item, and compiling the configuration's patterns had been
// 1.0 M of the LibreChat synth's 6.6 M instructions; "[...]+" with a maximum length here is the
// same check.
constexpr size_t kLongestValue = 2048;  // for values without a tighter bound of their own

bool matches(const std::string& s, const RE2& re, size_t max_length = kLongestValue) {
  return s.size() <= max_length && RE2::FullMatch(s, re);
}

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_or_digit(char c) { return is_lower(c) || is_digit(c); }

// Characters, not bytes: AWS counts tag lengths in Unicode characters.
size_t characters(std::string_view s) {
  auto starts_character = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), starts_character));
}

std::string check_regex(const std::string& s, const RE2& re, std::string_view what, size_t max_length = kLongestValue) {
  return matches(s, re, max_length) ? "" : wording::expected(what, s);
}

bool all_of_class(std::string_view s, bool (*in_class)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), in_class); }

// [a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+ ("eu-west-1", "us-gov-west-1", "us-isob-east-1"). By
// hand, like the environment, the zone id, the certificate ARN and the ids below: these are the
// values every LibreChat configuration has, and compiling their four patterns with RE2 was
// 0.22 M of the LibreChat synth's 3.68 M instructions (docs/benchmarks.md).
bool is_region(std::string_view s) {
  if (s.size() < 2 || !is_lower(s[0]) || !is_lower(s[1])) return false;
  std::vector<std::string_view> parts;  // after the two letters, each "-<part>"
  for (size_t at = 2; at < s.size();) {
    if (s[at] != '-') return false;
    size_t end = s.find('-', at + 1);
    if (end == std::string_view::npos) end = s.size();
    parts.push_back(s.substr(at + 1, end - at - 1));
    at = end;
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  if (parts.size() == 3 && parts[0] != "gov" && !(parts[0].starts_with("iso") && std::all_of(parts[0].begin() + 3, parts[0].end(), is_lower)))
    return false;
  return all_of_class(parts[parts.size() - 2], is_lower) && all_of_class(parts.back(), is_digit);
}

// ARNs of regions outside the commercial partition start differently.
std::string partition_of(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.find("-gov-") != std::string::npos) return "aws-us-gov";
  if (auto iso = region.find("-iso"); iso != std::string::npos) {
    std::string letter = region.substr(iso + 4, region.find('-', iso + 1) - iso - 4);
    return letter.empty() ? "aws-iso" : "aws-iso-" + letter;
  }
  return "aws";
}

// ---- checks: "" when fine, else the problem ------------------------------------------------

// [a-z0-9][a-z0-9-]*, at most 16 characters.
std::string check_environment(const std::string& s) {
  bool ok = !s.empty() && s.size() <= 16 && s[0] != '-' &&
            std::all_of(s.begin(), s.end(), [](char c) { return is_lower_or_digit(c) || c == '-'; });
  return ok ? "" : wording::expected(wording::kEnvironment, s);
}

std::string check_region(const std::string& s) { return s.size() <= kLongestValue && is_region(s) ? "" : wording::expected(wording::kRegion, s); }

bool is_account_id(std::string_view s) {  // 12 digits ("[0-9]{12}" compiles into 12 copies)
  return s.size() == 12 && all_of_class(s, is_digit);
}

std::string check_account_id(const std::string& s) { return is_account_id(s) ? "" : wording::expected(wording::kAccountId, s); }

std::string dns_name_problem(const std::string& s) {
  if (s.size() > 253) return "it is longer than 253 characters";
  if (std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return "use lowercase letters";
  if (!std::all_of(s.begin(), s.end(), [](char c) { return is_lower_or_digit(c) || c == '-' || c == '.'; }))
    return "only a-z 0-9 - and . are allowed";
  size_t labels = 0, start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string label = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty()) return "it has an empty label";
    if (label.size() > 63) return fmt::format("label {} is longer than 63 characters", quote_value(label));
    if (label.front() == '-' || label.back() == '-')
      return fmt::format("label {} starts or ends with \"-\"", quote_value(label));
    ++labels;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return labels < 2 ? "it needs at least two labels" : "";
}

std::string check_dns_name(const std::string& s) {
  std::string problem = dns_name_problem(s);
  return problem.empty() ? "" : wording::expected_because(wording::kDnsName, s, problem);
}

// Z[A-Z0-9]+, at most 32 characters.
std::string check_zone_id(const std::string& s) {
  bool ok = s.size() >= 2 && s.size() <= 32 && s[0] == 'Z' &&
            std::all_of(s.begin() + 1, s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || is_digit(c); });
  return ok ? "" : wording::expected(wording::kZoneId, s);
}

bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

// "<prefix>-" and 8 or 17 lowercase hex digits ("vpc-0a1b2c3d4e5f60718"). By hand: RE2 compiles
// "[0-9a-f]{17}" into 17 copies of its class, and these two patterns had been a fifth of the
// configuration's compiling.
bool is_ec2_id(std::string_view s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  std::string_view digits = s.substr(prefix.size());
  return (digits.size() == 8 || digits.size() == 17) && std::all_of(digits.begin(), digits.end(), is_lower_hex);
}

std::string check_vpc_id(const std::string& s) { return is_ec2_id(s, "vpc-") ? "" : wording::expected(wording::kVpcId, s); }

std::string check_subnet_id(const std::string& s) { return is_ec2_id(s, "subnet-") ? "" : wording::expected(wording::kSubnetId, s); }

// 8-4-4-4-12 lowercase hex digits, as ACM names certificates.
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : !is_lower_hex(s[i])) return false;
  return true;
}

bool looks_like_ipv4(const std::string& s) {
  static const RE2 re(R"([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)", bytes());
  return matches(s, re);
}

// AWS's general purpose bucket naming rules, including the reserved prefixes and suffixes.
std::string bucket_problem(const std::string& s) {
  if (s.size() < 3 || s.size() > 63) return "it must be 3-63 characters long";
  if (!std::all_of(s.begin(), s.end(), [](char c) { return is_lower_or_digit(c) || c == '.' || c == '-'; }))
    return "only lowercase letters, digits, . and - are allowed";
  if (!is_lower_or_digit(s.front()) || !is_lower_or_digit(s.back())) return "it must start and end with a letter or digit";
  if (s.find("..") != std::string::npos) return "it must not contain \"..\"";
  if (looks_like_ipv4(s)) return "it must not be formatted like an IP address";
  for (std::string_view prefix : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (s.rfind(prefix, 0) == 0) return fmt::format("the prefix \"{}\" is reserved", prefix);
  for (std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
      return fmt::format("the suffix \"{}\" is reserved", suffix);
  return "";
}

std::string check_bucket(const std::string& s) {
  std::string problem = bucket_problem(s);
  return problem.empty() ? "" : wording::expected_because(wording::kBucket, s, problem);
}

std::string check_object_key(const std::string& s) {
  return s.empty() || s.front() == '/' ? wording::expected(wording::kObjectKey, s) : "";
}

std::string check_state_key(const std::string& s) {
  return s.empty() || s.front() == '/' || s.back() == '/' ? wording::expected(wording::kStateKey, s) : "";
}

std::string check_ecr_repository(const std::string& s) {
  static const RE2 re(R"((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)", bytes());
  return s.size() < 2 ? wording::expected(wording::kEcrRepository, s) : check_regex(s, re, wording::kEcrRepository, 256);
}

bool lambda_reserves(const std::string& name) {
  static const std::array<std::string_view, 11> kReserved = {
      "_HANDLER",          "_X_AMZN_TRACE_ID",  "AWS_REGION",           "AWS_DEFAULT_REGION",
      "AWS_EXECUTION_ENV", "AWS_ACCESS_KEY",    "AWS_ACCESS_KEY_ID",    "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN", "LAMBDA_TASK_ROOT",  "LAMBDA_RUNTIME_DIR"};
  return name.rfind("AWS_LAMBDA_", 0) == 0 || std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end();
}

// Secrets and plain variables both end up in the function's environment.
std::string check_variable_name(const std::string& s) {
  static const RE2 re(R"([A-Za-z_][A-Za-z0-9_]*)", bytes());
  if (!matches(s, re)) return wording::expected(wording::kVariableName, s);
  return lambda_reserves(s) ? wording::reserved_variable(s) : "";
}

const std::string kParameterName = R"(/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)";

std::string check_parameter(const std::string& s) {
  static const RE2 name(kParameterName, bytes());
  static const RE2 arn(R"(arn:aws(-[a-z]+)*:ssm:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+:[0-9]{12}:parameter)" +
                              kParameterName, bytes());
  return matches(s, name) || matches(s, arn) ? "" : wording::expected(wording::kParameter, s);
}

std::string check_function_name(const std::string& s) {
  static const RE2 re(R"([A-Za-z0-9_-]+)", bytes());
  return check_regex(s, re, wording::kFunctionName, 64);
}

std::string check_image_tag(const std::string& s) {
  static const RE2 re(R"([A-Za-z0-9_][A-Za-z0-9_.-]*)", bytes());
  return check_regex(s, re, wording::kImageTag, 128);
}

// registry host[:port] / repository path [:tag | @sha256:digest], as `docker pull` takes it.
std::string check_image_uri(const std::string& s) {
  static const RE2 re(
      R"([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?)"
      R"((?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)+)"
      R"((?::([A-Za-z0-9_][A-Za-z0-9_.-]*)|@sha256:([0-9a-f]+))?)", bytes());
  std::string tag, digest;  // at most 128 characters; 64 hex digits (lengths checked here, see matches())
  bool valid = s.size() <= kLongestValue && RE2::FullMatch(s, re, &tag, &digest) && tag.size() <= 128 && (digest.empty() || digest.size() == 64);
  return valid ? "" : wording::expected(wording::kImageUri, s);
}

std::string check_security_group_name(const std::string& s) {
  static const RE2 re(R"([A-Za-z0-9 ._:/()#,@\[\]+=&;{}!$*-]+)", bytes());
  return s.rfind("sg-", 0) == 0 ? wording::expected(wording::kSecurityGroupName, s)
                                : check_regex(s, re, wording::kSecurityGroupName, 255);
}

std::string check_role_name(const std::string& s) {
  static const RE2 re(R"([A-Za-z0-9+=,.@_-]+)", bytes());
  return check_regex(s, re, wording::kRoleName, 64);
}

std::string check_policy_name(const std::string& s) {
  static const RE2 re(R"([A-Za-z0-9+=,.@_-]+)", bytes());
  return check_regex(s, re, wording::kPolicyName, 128);
}

// "a.b.c.d/n" with decimal octets (no leading zeros, which some tools read as octal) and
// the host bits zero, since AWS refuses "10.0.0.1/8" as a rule's CIDR.
std::string check_cidr(const std::string& s) {
  static const RE2 re(
      R"((0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2}))"
      R"(/(0|[1-9][0-9]?))", bytes());
  std::array<std::string, 5> m;  // the octets and the prefix length
  if (s.size() > 18 || !RE2::FullMatch(s, re, &m[0], &m[1], &m[2], &m[3], &m[4])) return wording::expected(wording::kCidr, s);
  uint32_t address = 0;
  for (int i = 0; i < 4; ++i) {
    int octet = std::stoi(m[i]);
    if (octet > 255) return wording::expected_because(wording::kCidr, s, fmt::format("{} is not an octet (0-255)", octet));
    address = address << 8 | static_cast<uint32_t>(octet);
  }
  int prefix = std::stoi(m[4]);
  if (prefix > 32) return wording::expected_because(wording::kCidr, s, "the prefix length must be 0-32");
  uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
  if ((address & ~mask) == 0) return "";
  uint32_t network = address & mask;
  return wording::host_bits(s, fmt::format("{}.{}.{}.{}/{}", network >> 24, network >> 16 & 255, network >> 8 & 255,
                                           network & 255, prefix));
}

std::string check_url(const std::string& s) {
  static const RE2 re(R"(https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::([0-9]{1,5}))?(?:/[^\s]*)?)", bytes());
  std::string port;
  if (s.size() > kLongestValue || !RE2::FullMatch(s, re, &port)) return wording::expected(wording::kUrl, s);
  if (!port.empty() && (std::stoi(port) < 1 || std::stoi(port) > 65535))
    return wording::expected_because(wording::kUrl, s, "the port must be 1-65535");
  return "";
}

std::string check_replication_group_id(const std::string& s) {
  static const RE2 re(R"([a-z]([a-z0-9-]*[a-z0-9])?)", bytes());
  return !matches(s, re, 40) || s.find("--") != std::string::npos ? wording::expected(wording::kReplicationGroupId, s) : "";
}

std::string check_node_type(const std::string& s) {
  static const RE2 re(R"(cache\.[a-z][a-z0-9-]*\.[a-z0-9]+)", bytes());
  return check_regex(s, re, wording::kNodeType);
}

std::string check_engine_version(const std::string& s) {
  static const RE2 re(R"([0-9]{1,3}\.[0-9]{1,3})", bytes());
  return check_regex(s, re, wording::kEngineVersion);
}

std::string check_api_name(const std::string& s) {
  return s.empty() || characters(s) > 1024 ? wording::expected(wording::kApiName, s) : "";
}

std::string check_stage_name(const std::string& s) {
  static const RE2 re(R"([A-Za-z0-9_-]{1,128})", bytes());
  return check_regex(s, re, wording::kStageName);
}

std::string check_tag_key(const std::string& s) {
  if (s.empty() || characters(s) > 128) return wording::expected(wording::kTagKey, s);
  auto same_letter = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  if (s.size() >= 4 && std::equal(s.begin(), s.begin() + 4, "aws:", same_letter))
    return wording::expected(wording::kTagKeyNotAws, s);
  return "";
}

std::string check_tag_value(const std::string& s) {
  return characters(s) > 256 ? wording::expected(wording::kTagValue, s) : "";
}

std::string check_relative_path(const std::string& s) {
  bool absolute = (!s.empty() && (s.front() == '/' || s.front() == '\\')) ||
                  (s.size() >= 2 && s[1] == ':' && std::isalpha(static_cast<unsigned char>(s[0])));
  return absolute ? wording::expected(wording::kRelativePath, s) : "";
}

std::string check_non_empty(const std::string& s, std::string_view what) { return s.empty() ? wording::expected(what, s) : ""; }

std::string check_workspace_prefix(const std::string& s) {
  return s.empty() || s.front() == '/' || s.back() == '/' ? wording::expected(wording::kWorkspacePrefix, s) : "";
}

// ---- sections ------------------------------------------------------------------------------

// CloudFront reads the certificate from us-east-1 whatever the stack's region, and only from
// its own account; both mistakes otherwise surface only at apply time.
void check_certificate(ConfigObject& root, const std::string& arn, const std::string& account_id) {
  // arn:aws:acm:<region>:<account>:certificate/<id>, split at its colons by hand and each part
  // checked as the region and the ids are (with RE2 it was the largest pattern the LibreChat
  // example compiled).
  constexpr std::string_view kPrefix = "arn:aws:acm:";
  std::string_view rest = arn;
  std::string region, account;
  std::string_view id;
  bool parsed = arn.size() <= 200 && rest.starts_with(kPrefix);
  if (parsed) {
    rest.remove_prefix(kPrefix.size());
    size_t colon = rest.find(':'), second = colon == std::string_view::npos ? colon : rest.find(':', colon + 1);
    parsed = second != std::string_view::npos && rest.substr(second + 1).starts_with("certificate/");
    if (parsed) {
      region = rest.substr(0, colon);
      account = rest.substr(colon + 1, second - colon - 1);
      id = rest.substr(second + 1 + std::string_view("certificate/").size());
    }
  }
  if (!parsed || !is_region(region) || !is_account_id(account) || !is_uuid(id)) {
    root.report("acm_certificate_arn", wording::expected(wording::kCertificate, arn));
  } else if (region != "us-east-1") {
    root.report("acm_certificate_arn", wording::certificate_region(region));
  } else if (!account_id.empty() && account != account_id) {
    root.report("acm_certificate_arn", wording::certificate_account(account_id, account));
  }
}

LambdaSettings read_lambda(ConfigObject o) {
  LambdaSettings l;
  l.function_name = o.string("function_name", l.function_name, check_function_name);
  l.memory_size = o.integer("memory_size", l.memory_size, 128, 10240);
  l.timeout = o.integer("timeout", l.timeout, 1, 900);
  l.image_tag = o.string("image_tag", l.image_tag, check_image_tag);
  l.image_uri = o.optional_string("image_uri", check_image_uri);
  if (o.has("image_tag") && o.has("image_uri")) o.report("image_tag", wording::image_tag_and_uri());
  l.security_group_name = o.string("security_group_name", l.security_group_name, check_security_group_name);
  l.role_name = o.string("role_name", l.role_name, check_role_name);
  l.policy_name = o.string("policy_name", l.policy_name, check_policy_name);
  l.https_egress_cidrs = o.strings("https_egress_cidrs", l.https_egress_cidrs, {.each = check_cidr, .unique = true});
  l.environment = o.string_map("environment", {}, {.key = check_variable_name});
  // Variables the backend sets itself: an override here would silently break the wiring.
  static const std::map<std::string, std::string> kStackVariables = {
      {"DOMAIN_SERVER", "custom_domain"},          {"DOMAIN_CLIENT", "custom_domain"},
      {"CONFIG_PATH", "the spec (/tmp/librechat.yaml)"}, {"USE_REDIS", "the redis module"},
      {"REDIS_URI", "the redis module's endpoint"}, {"AWS_BUCKET_NAME", "files_bucket_name"},
      {"LITELLM_BASE_URL", "services.litellm_base_url"}, {"SEARXNG_INSTANCE_URL", "services.searxng_instance_url"},
      {"RAG_API_URL", "services.rag_api_url"},       {"MEILI_HOST", "services.meili_host"},
      {"FIRECRAWL_API_URL", "services.firecrawl_api_url"}};
  for (const auto& [name, value] : l.environment)
    if (auto it = kStackVariables.find(name); it != kStackVariables.end()) o.report("environment", wording::stack_variable(name, it->second));
  return l;
}

CloudMapServices read_services(ConfigObject o) {
  CloudMapServices s;
  s.litellm_base_url = o.string("litellm_base_url", s.litellm_base_url, check_url);
  s.searxng_instance_url = o.string("searxng_instance_url", s.searxng_instance_url, check_url);
  s.rag_api_url = o.string("rag_api_url", s.rag_api_url, check_url);
  s.meili_host = o.string("meili_host", s.meili_host, check_url);
  s.firecrawl_api_url = o.string("firecrawl_api_url", s.firecrawl_api_url, check_url);
  return s;
}

RedisSettings read_redis(ConfigObject o) {
  RedisSettings r;
  r.replication_group_id = o.string("replication_group_id", r.replication_group_id, check_replication_group_id);
  r.node_type = o.string("node_type", r.node_type, check_node_type);
  r.engine_version = o.string("engine_version", r.engine_version, check_engine_version);
  return r;
}

ApiSettings read_api(ConfigObject o) {
  ApiSettings a;
  a.name = o.string("name", a.name, check_api_name);
  a.stage_name = o.string("stage_name", a.stage_name, check_stage_name);
  return a;
}

FrontendSettings read_frontend(ConfigObject o) {
  FrontendSettings f;
  f.bucket_name = o.optional_string("bucket_name", check_bucket);
  std::string routing = o.choice("spa_routing", "function", {"function", "error-responses"});
  f.spa_routing = routing == "error-responses" ? SpaRouting::kErrorResponses : SpaRouting::kFunction;
  return f;
}

// {"type": "local", "path": ...} or {"type": "s3", "bucket": ..., "key": ..., ...}. The S3
// region defaults to the stack's region.
Backend read_backend(ConfigObject o, const std::string& region) {
  if (!o.present()) return LocalBackend{};
  std::string type = o.required_choice("type", {"local", "s3"});
  if (type == "local") return LocalBackend{o.string("path", "", check_relative_path)};
  if (type == "s3") {
    S3Backend b;
    b.bucket = o.required_string("bucket", check_bucket);
    b.key = o.required_string("key", check_state_key);
    b.region = o.string("region", region, check_region);
    b.use_lockfile = o.boolean("use_lockfile", b.use_lockfile);
    b.encrypt = o.boolean("encrypt", b.encrypt);
    b.kms_key_id = o.optional_string("kms_key_id", [](const std::string& s) { return check_non_empty(s, wording::kKmsKey); });
    b.workspace_key_prefix = o.optional_string("workspace_key_prefix", check_workspace_prefix);
    return b;
  }
  // The type is wrong or missing (already reported): the other keys are not unknown too.
  for (const char* key : {"path", "bucket", "key", "region", "use_lockfile", "encrypt", "kms_key_id", "workspace_key_prefix"})
    o.allow(key);
  return LocalBackend{};
}

std::string parameter_arn(const std::string& parameter, const std::string& region, const std::string& account_id) {
  if (parameter.rfind("arn:", 0) == 0) return parameter;
  return fmt::format("arn:{}:ssm:{}:{}:parameter{}", partition_of(region), region, account_id, parameter);
}
}  // namespace

const std::map<std::string, std::string>& spec_secret_parameters() {
  static const std::map<std::string, std::string> kSecrets = {
      {"CREDS_IV", "/ecs/genai/librechat/CREDS_IV"},
      {"CREDS_KEY", "/ecs/genai/librechat/CREDS_KEY"},
      {"JWT_SECRET", "/ecs/genai/librechat/JWT_SECRET"},
      {"JWT_REFRESH_SECRET", "/ecs/genai/librechat/JWT_REFRESH_SECRET"},
      {"MONGO_URI", "/ecs/genai/mongo/DB_URI"},
      {"LITELLM_API_KEY", "/ecs/genai/litellm/master_key"},
      {"MEILI_MASTER_KEY", "/ecs/genai/meilisearch/MEILI_MASTER_KEY"},
      {"OPENID_CLIENT_ID", "/ecs/genai/cognito/idp/client_id"},
      {"OPENID_CLIENT_SECRET", "/ecs/genai/cognito/idp/client_secret"},
      {"OPENID_SESSION_SECRET", "/ecs/genai/cognito/idp/session_secret"},
      {"FIRECRAWL_API_KEY", "/ecs/genai/firecrawl/test_api_key"},
  };
  return kSecrets;
}

LibreChatConfig load_librechat_config(const Config& config) {
  ConfigReader reader(config);
  // First, so a pasted secret is the first thing the user reads. The secrets object holds
  // parameter names, not values; a KMS key id is an identifier.
  reader.refuse_secret_values({"secrets", "backend.kms_key_id"});

  ConfigObject root = reader.root();
  LibreChatConfig c;
  c.environment = root.string("environment", c.environment, check_environment);
  c.region = root.string("region", c.region, check_region);
  c.account_id = root.required_string("account_id", check_account_id);
  c.custom_domain = root.string("custom_domain", c.custom_domain, check_dns_name);
  c.acm_certificate_arn = root.required_string("acm_certificate_arn");
  if (root.has("acm_certificate_arn") && !c.acm_certificate_arn.empty())
    check_certificate(root, c.acm_certificate_arn, c.account_id);
  c.route53_zone_id = root.required_string("route53_zone_id", check_zone_id);
  c.vpc_id = root.required_string("vpc_id", check_vpc_id);
  c.private_subnet_ids =
      root.required_strings("private_subnet_ids", {.each = check_subnet_id, .non_empty = true, .unique = true});
  c.config_s3_bucket = root.string("config_s3_bucket", c.config_s3_bucket, check_bucket);
  c.config_s3_key = root.string("config_s3_key", c.config_s3_key, check_object_key);

  auto secrets = root.string_map("secrets", spec_secret_parameters(), {.key = check_variable_name, .value = check_parameter});
  for (const auto& [name, parameter] : secrets) c.ssm_parameter_arns[name] = parameter_arn(parameter, c.region, c.account_id);

  c.files_bucket_name = root.optional_string("files_bucket_name", check_bucket);
  c.ecr_repository_name = root.string("ecr_repository_name", c.ecr_repository_name, check_ecr_repository);
  c.lambda = read_lambda(root.object("lambda"));
  for (const auto& [name, _] : c.lambda.environment)
    if (secrets.count(name)) reader.report(child_path("lambda.environment", name), wording::plain_and_secret(name));
  c.services = read_services(root.object("services"));
  c.redis = read_redis(root.object("redis"));
  c.api = read_api(root.object("api"));
  c.frontend = read_frontend(root.object("frontend"));
  c.tags = root.string_map("tags", {}, {.key = check_tag_key, .value = check_tag_value});
  c.backend = read_backend(root.object("backend"), c.region);

  reader.finish();
  return c;
}

}  // namespace lcsynth::librechat
