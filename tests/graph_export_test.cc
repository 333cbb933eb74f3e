// The exported graph: nodes and edges at each level (collapsing variables, outputs and locals;
// aggregating per module; cross-stack edges), exact DOT, Mermaid and JSON for a tiny tree,
// escaping of awkward ids and labels, and determinism.

#include <catch2/catch.hpp>

#include "lcsynth/graph_export.h"
#include "support/fixtures.h"

using namespace lcsynth;
using lcsynth::test::error_of;
using nlohmann::json;

namespace {
// A module with one input, one resource and one output.
class Queue : public ModuleBoundary {
 public:
  Queue(Construct& scope, std::string id, Expr name) : ModuleBoundary(scope, std::move(id)) {
    queue = &add<Resource>("queue", "aws_sqs_queue", Arguments{{"name", input("name", {.type = "string"}, std::move(name))}});
    output("arn", queue->attr("arn"), "Queue ARN");
  }
  Expr arn() const { return output_ref("arn"); }
  Resource* queue;
};

// Stack s: a data source read through a local, a module whose output a topic references, an
// alarm that depends on the topic, and an output; stack t: a queue referencing s's topic.
void build_tiny(App& app) {
  auto& s = app.add<Stack>("s");
  s.add<Provider>("aws", ProviderProps{.name = "aws", .source = "hashicorp/aws"});
  auto& vpc = s.add<DataSource>("vpc", "aws_vpc");
  auto& tags = s.add<TerraformLocal>("tags", Expr::map({{"Vpc", vpc.attr("id")}}));
  auto& jobs = s.add<Queue>("jobs", Expr("jobs"));
  auto& topic = s.add<Resource>("topic", "aws_sns_topic", Arguments{{"name", jobs.arn()}, {"tags", tags.value()}});
  s.add<Resource>("alarm", "aws_cloudwatch_metric_alarm").depends_on(topic);
  s.add<TerraformOutput>("topic_arn", OutputProps{.value = topic.attr("arn")});
  auto& t = app.add<Stack>("t");
  t.add<Resource>("x", "aws_sqs_queue", Arguments{{"name", topic.attr("name")}});
}

// "id|label|kind|parent" per node, "from -> to (kind)" per edge: short to compare exactly.
std::vector<std::string> nodes_of(const Graph& g) {
  std::vector<std::string> out;
  for (const auto& n : g.nodes) out.push_back(n.id + "|" + n.label + "|" + std::string(to_string(n.kind)) + "|" + n.parent);
  return out;
}
std::vector<std::string> edges_of(const Graph& g) {
  std::vector<std::string> out;
  for (const auto& e : g.edges) out.push_back(e.from + " -> " + e.to + " (" + std::string(to_string(e.kind)) + ")");
  return out;
}

using Lines = std::vector<std::string>;
}  // namespace

TEST_CASE("the resources level shows resources, data sources and module calls with variables, outputs and locals collapsed",
          "[graph_export]") {
  App app;
  build_tiny(app);
  Graph g = build_graph(app, {.level = GraphLevel::kResources});
  CHECK(g.level == GraphLevel::kResources);
  CHECK(nodes_of(g) == Lines{"s|s|stack|",
                             "s/vpc|data.aws_vpc.vpc|data|s",
                             "s/jobs|module.jobs|module|s",
                             "s/jobs/queue|aws_sqs_queue.queue|resource|s/jobs",
                             "s/topic|aws_sns_topic.topic|resource|s",
                             "s/alarm|aws_cloudwatch_metric_alarm.alarm|resource|s",
                             "t|t|stack|",
                             "t/x|aws_sqs_queue.x|resource|t"});
  // topic -> local.tags -> vpc and topic -> module output arn -> queue, each one edge.
  CHECK(edges_of(g) == Lines{"s/topic -> s/vpc (reference)",
                             "s/topic -> s/jobs/queue (reference)",
                             "s/alarm -> s/topic (depends_on)",
                             "t/x -> s/topic (cross_stack)"});
}

TEST_CASE("the elements level shows every element but moved blocks, and one edge per reference or depends_on",
          "[graph_export]") {
  App app;
  build_tiny(app);
  auto& t = app.find_stack("t");
  t.add<Moved>("renamed", "aws_sqs_queue.old", static_cast<const TerraformElement&>(t.find("x")));
  Graph g = build_graph(app, {.level = GraphLevel::kElements, .stacks = {"s"}});
  CHECK(nodes_of(g) == Lines{"s|s|stack|",
                             "s/aws|provider.aws|provider|s",
                             "s/vpc|data.aws_vpc.vpc|data|s",
                             "s/tags|local.tags|local|s",
                             "s/jobs|module.jobs|module|s",
                             "s/jobs/inputs/name|var.name|variable|s/jobs",
                             "s/jobs/queue|aws_sqs_queue.queue|resource|s/jobs",
                             "s/jobs/outputs/arn|output.arn|output|s/jobs",
                             "s/topic|aws_sns_topic.topic|resource|s",
                             "s/alarm|aws_cloudwatch_metric_alarm.alarm|resource|s",
                             "s/topic_arn|output.topic_arn|output|s"});
  CHECK(edges_of(g) == Lines{"s/tags -> s/vpc (reference)",
                             "s/jobs/queue -> s/jobs/inputs/name (reference)",
                             "s/jobs/outputs/arn -> s/jobs/queue (reference)",
                             "s/topic -> s/tags (reference)",
                             "s/topic -> s/jobs/outputs/arn (reference)",
                             "s/alarm -> s/topic (depends_on)",
                             "s/topic_arn -> s/topic (reference)"});
  CHECK(edges_of(build_graph(app, {.level = GraphLevel::kElements})).back() == "t/x -> s/topic (cross_stack)");
}

TEST_CASE("the modules level aggregates resource edges per module, without duplicates or self-edges", "[graph_export]") {
  App app;
  auto& s = app.add<Stack>("s");
  auto& a = s.add<Queue>("a", Expr("a"));
  auto& b = s.add<Queue>("b", a.arn());                       // b's queue -> a's queue, through var and output
  b.add<Resource>("dlq", "aws_sqs_queue", Arguments{{"name", a.arn()}});  // and again: still one edge
  b.add<Resource>("policy", "aws_sqs_queue_policy", Arguments{{"queue_url", b.queue->attr("url")}});  // inside b
  s.add<Resource>("topic", "aws_sns_topic", Arguments{{"name", b.arn()}});
  app.add<Stack>("solo").add<Resource>("x", "aws_sqs_queue", Arguments{{"name", a.arn()}});
  Graph g = build_graph(app);
  CHECK(g.level == GraphLevel::kModules);
  // s has modules, so it is a cluster; its own resources are the root module. solo is one node.
  CHECK(nodes_of(g) == Lines{"s|s|stack|", "s:root|root module|root_module|s", "s/a|module.a|module|s",
                             "s/b|module.b|module|s", "solo|solo|stack|"});
  CHECK(edges_of(g) == Lines{"s:root -> s/b (reference)", "s/b -> s/a (reference)", "solo -> s/a (cross_stack)"});
}

TEST_CASE("at the modules level a stack without resources of its own has no root module node", "[graph_export]") {
  App app;
  auto& s = app.add<Stack>("s");
  auto& outer = s.add<Queue>("outer", Expr("o"));
  outer.add<Queue>("inner", outer.arn());  // nested: named by its full module address
  s.add<TerraformOutput>("arn", OutputProps{.value = outer.arn()});
  Graph g = build_graph(app, {.level = GraphLevel::kModules});
  CHECK(nodes_of(g) == Lines{"s|s|stack|", "s/outer|module.outer|module|s", "s/outer/inner|module.outer.module.inner|module|s"});
  CHECK(edges_of(g) == Lines{"s/outer/inner -> s/outer (reference)"});
}

TEST_CASE("depends_on a module boundary stands for the resources inside it, and a reference wins over depends_on",
          "[graph_export]") {
  App app;
  auto& s = app.add<Stack>("s");
  auto& jobs = s.add<Queue>("jobs", Expr("jobs"));
  auto& waits = s.add<Resource>("waits", "aws_sns_topic");
  waits.depends_on(jobs);
  auto& both = s.add<Resource>("both", "aws_sns_topic", Arguments{{"name", waits.attr("name")}});
  both.depends_on(waits);
  auto& late = s.add<Queue>("late", Expr("late"));
  late.depends_on(waits);  // module-level depends_on: every resource of the module waits
  Graph g = build_graph(app, {.level = GraphLevel::kResources});
  CHECK(edges_of(g) == Lines{"s/waits -> s/jobs/queue (depends_on)", "s/both -> s/waits (reference)",
                             "s/late/queue -> s/waits (depends_on)"});
}

TEST_CASE("clusters that would hold nothing are left out at the resources level", "[graph_export]") {
  App app;
  auto& s = app.add<Stack>("s");
  s.add<TerraformVariable>("env", VariableProps{.type = "string"});
  app.add<Stack>("t").add<Resource>("x", "aws_sqs_queue");
  CHECK(nodes_of(build_graph(app, {.level = GraphLevel::kResources})) == Lines{"t|t|stack|", "t/x|aws_sqs_queue.x|resource|t"});
  CHECK(nodes_of(build_graph(app, {.level = GraphLevel::kElements})).size() == 4);
}

TEST_CASE("edges to a stack that is not selected are left out", "[graph_export]") {
  App app;
  build_tiny(app);
  Graph g = build_graph(app, {.level = GraphLevel::kResources, .stacks = {"t"}});
  CHECK(nodes_of(g) == Lines{"t|t|stack|", "t/x|aws_sqs_queue.x|resource|t"});
  CHECK(g.edges.empty());
}

TEST_CASE("an unknown stack name is an error with a suggestion", "[graph_export]") {
  App app;
  build_tiny(app);
  CHECK(error_of([&] { build_graph(app, {.stacks = {"ss"}}); }) == "[<app>] no stack named 'ss' (did you mean 's'?)");
}

TEST_CASE("the DOT of a tiny tree has clusters, shapes and edge styles, exactly", "[graph_export]") {
  App app;
  build_tiny(app);
  CHECK(graph_dot(build_graph(app, {.level = GraphLevel::kResources})) ==
        R"(digraph "lcsynth" {
  rankdir=LR;
  fontname="Helvetica,Arial,sans-serif";
  node [shape=box, fontname="Helvetica,Arial,sans-serif"];
  edge [fontname="Helvetica,Arial,sans-serif"];
  subgraph "cluster_s" {
    label="s";
    style=bold;
    "s/vpc" [label="data.aws_vpc.vpc", style=rounded];
    subgraph "cluster_s/jobs" {
      label="module.jobs";
      style=rounded;
      "s/jobs/queue" [label="aws_sqs_queue.queue"];
    }
    "s/topic" [label="aws_sns_topic.topic"];
    "s/alarm" [label="aws_cloudwatch_metric_alarm.alarm"];
  }
  subgraph "cluster_t" {
    label="t";
    style=bold;
    "t/x" [label="aws_sqs_queue.x"];
  }
  "s/topic" -> "s/vpc";
  "s/topic" -> "s/jobs/queue";
  "s/alarm" -> "s/topic" [style=dashed];
  "t/x" -> "s/topic" [style=bold, color="#0969da"];
}
)");
}

TEST_CASE("the Mermaid of a tiny tree has subgraphs, shapes and arrows, exactly", "[graph_export]") {
  App app;
  build_tiny(app);
  CHECK(graph_mermaid(build_graph(app, {.level = GraphLevel::kResources})) ==
        R"(flowchart LR
  subgraph n_s ["s"]
    n_s_vpc("data.aws_vpc.vpc")
    subgraph n_s_jobs ["module.jobs"]
      n_s_jobs_queue["aws_sqs_queue.queue"]
    end
    n_s_topic["aws_sns_topic.topic"]
    n_s_alarm["aws_cloudwatch_metric_alarm.alarm"]
  end
  subgraph n_t ["t"]
    n_t_x["aws_sqs_queue.x"]
  end
  n_s_topic --> n_s_vpc
  n_s_topic --> n_s_jobs_queue
  n_s_alarm -.-> n_s_topic
  n_t_x ==> n_s_topic
)");
  CHECK(graph_mermaid(build_graph(app, {.level = GraphLevel::kElements, .stacks = {"s"}})).find(
            "    n_s_aws{{\"provider.aws\"}}\n    n_s_vpc(\"data.aws_vpc.vpc\")\n    n_s_tags([\"local.tags\"])\n") !=
        std::string::npos);
}

TEST_CASE("the JSON of a graph lists the level, the nodes with their parents and the edges", "[graph_export]") {
  App app;
  build_tiny(app);
  CHECK(graph_json(build_graph(app)) == json::parse(R"J({
    "level": "modules",
    "nodes": [
      {"id": "s", "label": "s", "kind": "stack", "parent": null},
      {"id": "s:root", "label": "root module", "kind": "root_module", "parent": "s"},
      {"id": "s/jobs", "label": "module.jobs", "kind": "module", "parent": "s"},
      {"id": "t", "label": "t", "kind": "stack", "parent": null}
    ],
    "edges": [
      {"from": "s:root", "to": "s/jobs", "kind": "reference"},
      {"from": "t", "to": "s:root", "kind": "cross_stack"}
    ]
  })J"));
}

TEST_CASE("quotes, backslashes, brackets, template sequences and unicode in ids and labels are escaped exactly",
          "[graph_export]") {
  Graph g;
  g.nodes = {{"s", "stack \"s\"", GraphNodeKind::kStack, ""},
             {"s/a\"b\\", "say \"hi\" [x] ${var.y} \\N é → #1 <b>&amp; `c`\nnext", GraphNodeKind::kResource, "s"},
             {"s/a_b_", "end", GraphNodeKind::kData, "s"}};
  g.edges = {{"s/a\"b\\", "s/a_b_", GraphEdgeKind::kReference}};
  CHECK(graph_dot(g).substr(graph_dot(g).find("  subgraph")) ==
        R"(  subgraph "cluster_s" {
    label="stack \"s\"";
    style=bold;
    "s/a\"b\\" [label="say \"hi\" [x] ${var.y} \\N é → #1 <b>&amp;amp; `c`\nnext"];
    "s/a_b_" [label="end", style=rounded];
  }
  "s/a\"b\\" -> "s/a_b_";
}
)");
  // Both ids reduce to n_s_a_b_: the second gets a suffix. Labels keep their characters.
  CHECK(graph_mermaid(g) == R"(flowchart LR
  subgraph n_s ["stack #34;s#34;"]
    n_s_a_b_["say #34;hi#34; [x] ${var.y} \N é → #35;1 #60;b#62;#38;amp; #96;c#96;#10;next"]
    n_s_a_b__2("end")
  end
  n_s_a_b_ --> n_s_a_b__2
)");
  CHECK(graph_json(g)["nodes"][1]["label"] == "say \"hi\" [x] ${var.y} \\N é → #1 <b>&amp; `c`\nnext");
}

TEST_CASE("building and rendering the same tree twice gives identical text", "[graph_export]") {
  App first, second;
  build_tiny(first);
  build_tiny(second);
  for (GraphLevel level : {GraphLevel::kModules, GraphLevel::kResources, GraphLevel::kElements}) {
    Graph a = build_graph(first, {.level = level}), b = build_graph(second, {.level = level});
    CHECK(graph_dot(a) == graph_dot(b));
    CHECK(graph_mermaid(a) == graph_mermaid(b));
    CHECK(graph_json(a).dump() == graph_json(b).dump());
  }
}
