// The cdktf reference for lcsynth's benchmark: one stack holding N copies of the LibreChat
// constructs (the ECR repository, redis, backend, api-gateway and frontend, wired as
// stacks/librechat wires them, with the dev example's values), written with cdktf 0.21.0 and
// @cdktf/provider-aws 21.22.1 the way a cdktf user would. tests/bench/run.sh times it against
// `lcsynth-bench --copies N` and checks that both produce the same resources, data sources,
// registry module calls, locals and outputs.
//
//   node main.js [--copies N] [--output DIR]     (defaults: $COPIES or 1, cdktf.out)
//
// cdktf has no local modules, so where lcsynth threads a value through a module boundary this
// stack references it directly; the Terraform elements are the same.

"use strict";

const { App, Fn, LocalBackend, TerraformHclModule, TerraformLocal, TerraformOutput, TerraformStack, propertyAccess } = require("cdktf");
const { Construct } = require("constructs");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { ApiGatewayDeployment } = require("@cdktf/provider-aws/lib/api-gateway-deployment");
const { ApiGatewayIntegration } = require("@cdktf/provider-aws/lib/api-gateway-integration");
const { ApiGatewayIntegrationResponse } = require("@cdktf/provider-aws/lib/api-gateway-integration-response");
const { ApiGatewayMethod } = require("@cdktf/provider-aws/lib/api-gateway-method");
const { ApiGatewayMethodResponse } = require("@cdktf/provider-aws/lib/api-gateway-method-response");
const { ApiGatewayResource } = require("@cdktf/provider-aws/lib/api-gateway-resource");
const { ApiGatewayRestApi } = require("@cdktf/provider-aws/lib/api-gateway-rest-api");
const { ApiGatewayStage } = require("@cdktf/provider-aws/lib/api-gateway-stage");
const { CloudfrontFunction } = require("@cdktf/provider-aws/lib/cloudfront-function");
const { DataAwsVpc } = require("@cdktf/provider-aws/lib/data-aws-vpc");
const { EcrRepository } = require("@cdktf/provider-aws/lib/ecr-repository");
const { IamRole } = require("@cdktf/provider-aws/lib/iam-role");
const { IamRolePolicy } = require("@cdktf/provider-aws/lib/iam-role-policy");
const { IamRolePolicyAttachment } = require("@cdktf/provider-aws/lib/iam-role-policy-attachment");
const { LambdaFunction } = require("@cdktf/provider-aws/lib/lambda-function");
const { LambdaPermission } = require("@cdktf/provider-aws/lib/lambda-permission");
const { Route53Record } = require("@cdktf/provider-aws/lib/route53-record");
const { S3BucketPolicy } = require("@cdktf/provider-aws/lib/s3-bucket-policy");
const { SecurityGroup } = require("@cdktf/provider-aws/lib/security-group");
const { VpcSecurityGroupEgressRule } = require("@cdktf/provider-aws/lib/vpc-security-group-egress-rule");

const STACK = "librechat-bench";

// examples/librechat/dev.json with the LibreChat defaults (stacks/librechat/config.h).
const BASE = {
  environment: "dev",
  region: "eu-west-1",
  accountId: "123456789012",
  customDomain: "lambda-test.sandbox.data.apro.is",
  acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47",
  route53ZoneId: "Z0123456789ABCDEFGHIJ",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
  tags: { Environment: "dev", ManagedBy: "lcsynth", Project: "LibreChat" },
  configS3Bucket: "genai-shared-config",
  configS3Key: "lambda-test/librechat.yaml",
};

// The spec's secrets (stacks/librechat/config.cc), as SSM parameter ARNs in name order.
const SECRETS = {
  CREDS_IV: "/ecs/genai/librechat/CREDS_IV",
  CREDS_KEY: "/ecs/genai/librechat/CREDS_KEY",
  FIRECRAWL_API_KEY: "/ecs/genai/firecrawl/test_api_key",
  JWT_REFRESH_SECRET: "/ecs/genai/librechat/JWT_REFRESH_SECRET",
  JWT_SECRET: "/ecs/genai/librechat/JWT_SECRET",
  LITELLM_API_KEY: "/ecs/genai/litellm/master_key",
  MEILI_MASTER_KEY: "/ecs/genai/meilisearch/MEILI_MASTER_KEY",
  MONGO_URI: "/ecs/genai/mongo/DB_URI",
  OPENID_CLIENT_ID: "/ecs/genai/cognito/idp/client_id",
  OPENID_CLIENT_SECRET: "/ecs/genai/cognito/idp/client_secret",
  OPENID_SESSION_SECRET: "/ecs/genai/cognito/idp/session_secret",
};

const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  // Client-side routes have no file extension; they are all served by the SPA's index.html.
  if (!request.uri.startsWith('/api/') && !/\\.[A-Za-z0-9]+$/.test(request.uri)) {
    request.uri = '/index.html';
  }
  return request;
}
`;

const SSE_S3 = { rule: { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } } };

// Copy `index`'s values: every name AWS wants unique carries the copy's suffix, as in
// tests/bench/lcsynth_bench.cc.
function copyConfig(index) {
  const id = `c${String(index).padStart(4, "0")}`;
  const environment = `${BASE.environment}-${id}`;
  return {
    id,
    environment,
    customDomain: `${id}.${BASE.customDomain}`,
    functionName: `librechat-api-${id}`,
    securityGroupName: `librechat-lambda-sg-${id}`,
    roleName: `librechat-lambda-role-${id}`,
    policyName: `librechat-lambda-policy-${id}`,
    replicationGroupId: `librechat-lambda-redis-${id}`,
    apiName: `librechat-rest-api-${id}`,
    ecrRepositoryName: `librechat-lambda-api-${id}`,
    frontendBucket: `librechat-frontend-${environment}`,
    filesBucket: `librechat-lambda-files-${environment}`,
  };
}

function policyDocument(statements) {
  return Fn.jsonencode({ Version: "2012-10-17", Statement: statements });
}

class Redis extends Construct {
  constructor(scope, id, c) {
    super(scope, id);
    this.module = new TerraformHclModule(this, "redis", {
      source: "terraform-aws-modules/elasticache/aws",
      version: "1.10.3",
      variables: {
        replication_group_id: c.replicationGroupId,
        cluster_mode_enabled: false,
        num_cache_clusters: 1,
        engine: "redis",
        engine_version: "7.1",
        node_type: "cache.t4g.micro",
        vpc_id: BASE.vpcId,
        subnet_ids: BASE.privateSubnetIds,
        create_security_group: true,
        at_rest_encryption_enabled: true,
        transit_encryption_enabled: false,
        apply_immediately: true,
        tags: BASE.tags,
      },
    });
  }

  allowAccessFrom(lambdaSecurityGroupId) {
    this.module.set("security_group_rules", {
      ingress_lambda: {
        type: "ingress",
        from_port: 6379,
        to_port: 6379,
        ip_protocol: "tcp",
        referenced_security_group_id: lambdaSecurityGroupId,
        description: "Lambda access",
      },
    });
  }
}

class Backend extends Construct {
  constructor(scope, id, c, { redisEndpoint, redisSecurityGroupId, ecrRepositoryUrl }) {
    super(scope, id);
    const domain = c.customDomain;
    const ssmArns = Object.values(SECRETS).map((name) => `arn:aws:ssm:${BASE.region}:${BASE.accountId}:parameter${name}`);
    const vpc = new DataAwsVpc(this, "existing", { id: BASE.vpcId });
    this.files = new TerraformHclModule(this, "s3_files", {
      source: "terraform-aws-modules/s3-bucket/aws",
      version: "~> 4.0",
      variables: {
        bucket: c.filesBucket,
        force_destroy: true,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
        attach_deny_insecure_transport_policy: true,
        server_side_encryption_configuration: SSE_S3,
        cors_rule: [
          { allowed_headers: ["*"], allowed_methods: ["GET", "PUT", "POST"], allowed_origins: [`https://${domain}`], expose_headers: ["ETag"], max_age_seconds: 3600 },
        ],
        tags: BASE.tags,
      },
    });
    this.securityGroup = new SecurityGroup(this, "lambda", {
      name: c.securityGroupName,
      description: "Security group for LibreChat Lambda",
      vpcId: BASE.vpcId,
      tags: BASE.tags,
    });
    const egress = (ruleId, rule) =>
      new VpcSecurityGroupEgressRule(this, ruleId, { ...rule, securityGroupId: this.securityGroup.id, ipProtocol: "tcp", tags: BASE.tags });
    egress("documentdb", { description: "DocumentDB", fromPort: 27017, toPort: 27017, cidrIpv4: vpc.cidrBlock });
    egress("redis", { description: "ElastiCache Redis", fromPort: 6379, toPort: 6379, referencedSecurityGroupId: redisSecurityGroupId });
    egress("cloud_map", { description: "Cloud Map services", fromPort: 0, toPort: 65535, cidrIpv4: vpc.cidrBlock });
    egress("https", { description: "HTTPS egress", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });

    const role = new IamRole(this, "lambda_role", {
      name: c.roleName,
      assumeRolePolicy: policyDocument([{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }]),
      tags: BASE.tags,
    });
    const vpcAccess = new IamRolePolicyAttachment(this, "lambda_vpc", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    });
    const filesArn = this.files.getString("s3_bucket_arn");
    const custom = new IamRolePolicy(this, "lambda_custom", {
      name: c.policyName,
      role: role.id,
      policy: policyDocument([
        { Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: ssmArns },
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${filesArn}/*` },
        { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${BASE.configS3Bucket}/${BASE.configS3Key}` },
      ]),
    });
    this.function = new LambdaFunction(this, "api", {
      functionName: c.functionName,
      packageType: "Image",
      imageUri: `${ecrRepositoryUrl}:latest`,
      memorySize: 1024,
      timeout: 900,
      role: role.arn,
      vpcConfig: { subnetIds: BASE.privateSubnetIds, securityGroupIds: [this.securityGroup.id] },
      environment: {
        variables: {
          DOMAIN_SERVER: `https://${domain}`,
          DOMAIN_CLIENT: `https://${domain}`,
          CONFIG_PATH: "/tmp/librechat.yaml",
          USE_REDIS: "true",
          REDIS_URI: `redis://${redisEndpoint}:6379`,
          AWS_BUCKET_NAME: this.files.getString("s3_bucket_id"),
          LITELLM_BASE_URL: "http://litellm.dev-aprochat-core.local:4000/v1",
          SEARXNG_INSTANCE_URL: "http://searxng.dev-aprochat-core.local:8080",
          RAG_API_URL: "http://rag-api.dev-aprochat-core.local:8000",
          MEILI_HOST: "http://meilisearch.dev-aprochat-core.local:7700",
          FIRECRAWL_API_URL: "http://firecrawl.dev-aprochat-core.local:3002",
        },
      },
      tags: BASE.tags,
      dependsOn: [vpcAccess, custom],
    });
    const arn = this.function.arn;
    this.responseStreamingInvokeArn = `arn:aws:apigateway:${propertyAccess(Fn.split(":", arn), [3])}:lambda:path/2021-11-15/functions/${arn}/response-streaming-invocations`;
  }
}

class ApiGateway extends Construct {
  constructor(scope, id, c, { functionArn, streamingInvokeArn }) {
    super(scope, id);
    const api = new ApiGatewayRestApi(this, "api", {
      name: c.apiName,
      description: "LibreChat REST API with streaming support",
      endpointConfiguration: { types: ["REGIONAL"] },
      tags: BASE.tags,
    });
    const apiPath = new ApiGatewayResource(this, "api_path", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "api" });
    const proxy = new ApiGatewayResource(this, "proxy", { restApiId: api.id, parentId: apiPath.id, pathPart: "{proxy+}" });
    const any = new ApiGatewayMethod(this, "proxy_method", { restApiId: api.id, resourceId: proxy.id, httpMethod: "ANY", authorization: "NONE" });
    const integration = new ApiGatewayIntegration(this, "proxy_integration", {
      restApiId: api.id,
      resourceId: proxy.id,
      httpMethod: any.httpMethod,
      type: "AWS_PROXY",
      integrationHttpMethod: "POST",
      uri: streamingInvokeArn,
      responseTransferMode: "STREAM",
      timeoutMilliseconds: 900000,
    });
    const options = new ApiGatewayMethod(this, "options_method", { restApiId: api.id, resourceId: proxy.id, httpMethod: "OPTIONS", authorization: "NONE" });
    const mock = new ApiGatewayIntegration(this, "options_integration", {
      restApiId: api.id,
      resourceId: proxy.id,
      httpMethod: options.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
    });
    const header = (name) => `method.response.header.${name}`;
    const methodResponse = new ApiGatewayMethodResponse(this, "options_200", {
      restApiId: api.id,
      resourceId: proxy.id,
      httpMethod: options.httpMethod,
      statusCode: "200",
      responseParameters: {
        [header("Access-Control-Allow-Headers")]: true,
        [header("Access-Control-Allow-Methods")]: true,
        [header("Access-Control-Allow-Origin")]: true,
      },
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, "options_integration_200", {
      restApiId: api.id,
      resourceId: proxy.id,
      httpMethod: options.httpMethod,
      statusCode: methodResponse.statusCode,
      responseParameters: {
        [header("Access-Control-Allow-Headers")]: "'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token'",
        [header("Access-Control-Allow-Methods")]: "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'",
        [header("Access-Control-Allow-Origin")]: `'https://${c.customDomain}'`,
      },
      dependsOn: [mock],
    });
    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: api.id,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([apiPath.id, proxy.id, any.id, integration.id, integration.uri, options.id, mock.id, methodResponse.id, integrationResponse.id]),
        ),
      },
      dependsOn: [integration, mock, integrationResponse],
      lifecycle: { createBeforeDestroy: true },
    });
    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: "prod",
      cacheClusterEnabled: false,
      tags: BASE.tags,
    });
    new LambdaPermission(this, "api_gateway", {
      statementId: "AllowAPIGatewayInvoke",
      action: "lambda:InvokeFunction",
      functionName: functionArn,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${api.executionArn}/*/*`,
    });
  }
}

class Frontend extends Construct {
  constructor(scope, id, c, { apiGatewayEndpoint }) {
    super(scope, id);
    const apiDomain = new TerraformLocal(this, "api_gateway_domain", propertyAccess(Fn.split("/", apiGatewayEndpoint), [2]));
    const apiPath = new TerraformLocal(this, "api_gateway_origin_path", `/${propertyAccess(Fn.split("/", apiGatewayEndpoint), [3])}`);
    this.bucket = new TerraformHclModule(this, "s3_frontend", {
      source: "terraform-aws-modules/s3-bucket/aws",
      version: "~> 4.0",
      variables: {
        bucket: c.frontendBucket,
        force_destroy: true,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
        server_side_encryption_configuration: SSE_S3,
        tags: BASE.tags,
      },
    });
    const rewrite = new CloudfrontFunction(this, "spa_rewrite", {
      name: `librechat-spa-rewrite-${c.environment}`,
      runtime: "cloudfront-js-2.0",
      comment: "Serve index.html for client-side routes",
      publish: true,
      code: SPA_REWRITE,
    });
    const oac = c.frontendBucket;
    this.cdn = new TerraformHclModule(this, "cloudfront", {
      source: "terraform-aws-modules/cloudfront/aws",
      version: "~> 4.0",
      variables: {
        aliases: [c.customDomain],
        comment: `LibreChat ${c.environment}`,
        enabled: true,
        is_ipv6_enabled: true,
        default_root_object: "index.html",
        create_origin_access_control: true,
        origin_access_control: {
          [oac]: { description: "LibreChat frontend bucket", origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" },
        },
        origin: {
          s3_frontend: { domain_name: this.bucket.getString("s3_bucket_bucket_regional_domain_name"), origin_access_control: oac },
          api_gateway: {
            domain_name: apiDomain.asString,
            origin_path: apiPath.asString,
            custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
          },
        },
        default_cache_behavior: {
          target_origin_id: "s3_frontend",
          viewer_protocol_policy: "redirect-to-https",
          allowed_methods: ["GET", "HEAD", "OPTIONS"],
          cached_methods: ["GET", "HEAD"],
          compress: true,
          cache_policy_id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
          use_forwarded_values: false,
          function_association: { "viewer-request": { function_arn: rewrite.arn } },
        },
        ordered_cache_behavior: [
          {
            path_pattern: "/api/*",
            target_origin_id: "api_gateway",
            viewer_protocol_policy: "https-only",
            allowed_methods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
            cached_methods: ["GET", "HEAD"],
            compress: false,
            cache_policy_id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
            origin_request_policy_id: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
            use_forwarded_values: false,
          },
        ],
        viewer_certificate: { acm_certificate_arn: BASE.acmCertificateArn, ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
        tags: BASE.tags,
      },
    });
    const bucketArn = this.bucket.getString("s3_bucket_arn");
    const objects = `${bucketArn}/*`;
    new S3BucketPolicy(this, "frontend", {
      bucket: this.bucket.getString("s3_bucket_id"),
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowCloudFrontServicePrincipalReadOnly",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: objects,
            Condition: { StringEquals: { "AWS:SourceArn": this.cdn.getString("cloudfront_distribution_arn") } },
          },
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucketArn, objects],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
    const alias = (id, type) =>
      new Route53Record(this, id, {
        zoneId: BASE.route53ZoneId,
        name: c.customDomain,
        type,
        alias: {
          name: this.cdn.getString("cloudfront_distribution_domain_name"),
          zoneId: this.cdn.getString("cloudfront_distribution_hosted_zone_id"),
          evaluateTargetHealth: false,
        },
      });
    alias("alias_a", "A");
    alias("alias_aaaa", "AAAA");
  }
}

// One copy of LibreChat, wired as build_librechat_stack wires it, with the registry's
// repository in the same stack.
class LibreChatCopy extends Construct {
  constructor(scope, c) {
    super(scope, c.id);
    const repository = new EcrRepository(this, "repository", {
      name: c.ecrRepositoryName,
      forceDelete: true,
      imageScanningConfiguration: { scanOnPush: true },
      tags: BASE.tags,
    });
    const redis = new Redis(this, "redis", c);
    const backend = new Backend(this, "backend", c, {
      redisEndpoint: redis.module.getString("replication_group_primary_endpoint_address"),
      redisSecurityGroupId: redis.module.getString("security_group_id"),
      ecrRepositoryUrl: repository.repositoryUrl,
    });
    redis.allowAccessFrom(backend.securityGroup.id);
    const api = new ApiGateway(this, "api_gateway", c, {
      functionArn: backend.function.arn,
      streamingInvokeArn: backend.responseStreamingInvokeArn,
    });
    const frontend = new Frontend(this, "frontend", c, { apiGatewayEndpoint: api.stage.invokeUrl });

    const out = (id, value, description) => new TerraformOutput(this, id, { value, description });
    out("repository_url", repository.repositoryUrl, "Push the LibreChat API image here before applying 'librechat'");
    out("url", `https://${c.customDomain}`, "Where LibreChat answers");
    out("cloudfront_domain_name", frontend.cdn.getString("cloudfront_distribution_domain_name"), "CloudFront domain name");
    out("cloudfront_distribution_id", frontend.cdn.getString("cloudfront_distribution_id"), "For cache invalidations after a frontend upload");
    out("frontend_bucket_name", frontend.bucket.getString("s3_bucket_id"), "Upload the React build here");
    out("api_invoke_url", api.stage.invokeUrl, "API Gateway stage URL (CloudFront routes /api/* here)");
    out("lambda_function_name", backend.function.functionName, "The LibreChat API function");
    out("files_bucket_name", backend.files.getString("s3_bucket_id"), "User file uploads");
    out("redis_primary_endpoint", redis.module.getString("replication_group_primary_endpoint_address"), "ElastiCache Redis primary endpoint");
  }
}

class BenchStack extends TerraformStack {
  constructor(scope, id, copies) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    new AwsProvider(this, "aws", { region: BASE.region, defaultTags: [{ tags: BASE.tags }] });
    for (let i = 0; i < copies; ++i) new LibreChatCopy(this, copyConfig(i));
  }
}

function parseArgs(argv) {
  const args = { copies: Number(process.env.COPIES || 1), output: "cdktf.out" };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === "--copies") args.copies = Number(argv[++i]);
    else if (argv[i] === "--output") args.output = argv[++i];
    else throw new Error(`unknown argument '${argv[i]}' (expected --copies N, --output DIR)`);
  }
  if (!Number.isInteger(args.copies) || args.copies < 1) throw new Error(`--copies must be a positive integer, found '${args.copies}'`);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const app = new App({ outdir: args.output });
new BenchStack(app, STACK, args.copies);
app.synth();
