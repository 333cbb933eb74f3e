// End-to-end tests of `lcsynth graph`: the real binary on the LibreChat example, every level
// and format, --file written atomically, SVG and PNG through Graphviz (skipped without it), a
// missing or failing `dot`, usage errors, and the README and docs pictures kept current.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/app.h"
#include "lcsynth/config.h"
#include "lcsynth/graph_export.h"
#include "stacks/builtin.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using namespace lcsynth::test;  // the helpers of tests/support

namespace {

const fs::path kSource = LCSYNTH_SOURCE_DIR;
const std::string kConfig = "--config " + shell_quote((kSource / "examples/librechat/dev.json").string());

ProcessResult lcsynth_graph(const std::string& args, const std::string& env = "") {
  return run_shell(env + shell_quote(LCSYNTH_BIN) + " graph " + kConfig + " " + args);
}

std::string q(const fs::path& p) { return shell_quote(p.string()); }

bool has_dot() { return run_shell("command -v dot").exit_code == 0; }

#define REQUIRE_GRAPHVIZ()                                   \
  if (!has_dot()) {                                          \
    std::cout << "SKIPPED: graphviz not installed" << std::endl; \
    WARN("SKIPPED: graphviz not installed");                 \
    return;                                                  \
  }

// The LibreChat graph as the library draws it in-process from the same configuration.
lcsynth::Graph librechat_graph(lcsynth::GraphLevel level) {
  lcsynth::StackCatalog catalog;
  lcsynth::stacks::add_builtin_stacks(catalog);
  lcsynth::Config config = lcsynth::load_config_file(kSource / "examples/librechat/dev.json");
  lcsynth::App app;
  for (const auto& e : catalog.entries()) e.build(app, config);
  return lcsynth::build_graph(app, {.level = level});
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

bool update_requested() {
  const char* update = std::getenv("LCSYNTH_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

// How Graphviz writes text into SVG (its xml_string): '-' too becomes an entity.
std::string svg_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '-': out += "&#45;"; break;
      default: out += c;
    }
  }
  return out;
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("graph prints the LibreChat module graph as DOT by default and exits 0", "[cli][graph_cli]") {
  auto r = lcsynth_graph("");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, StartsWith("digraph \"lcsynth\" {\n"));
  CHECK_THAT(r.out, Contains("  subgraph \"cluster_librechat\" {\n    label=\"librechat\";\n"));
  CHECK_THAT(r.out, Contains("    \"librechat/backend\" [label=\"module.backend\", shape=box3d];\n"));
  CHECK_THAT(r.out, Contains("  \"librechat/api_gateway\" -> \"librechat/backend\";\n"));
  CHECK(r.out == lcsynth::graph_dot(librechat_graph(lcsynth::GraphLevel::kModules)));
}

TEST_CASE("graph prints each level in each text format exactly as the library renders it", "[cli][graph_cli]") {
  using lcsynth::GraphLevel;
  for (auto [name, level] : {std::pair{"modules", GraphLevel::kModules}, std::pair{"resources", GraphLevel::kResources},
                             std::pair{"elements", GraphLevel::kElements}}) {
    lcsynth::Graph expected = librechat_graph(level);
    INFO("--level " << name);
    auto dot = lcsynth_graph(std::string("--level ") + name + " --format dot");
    CHECK(dot.exit_code == 0);
    CHECK(dot.out == lcsynth::graph_dot(expected));
    auto mermaid = lcsynth_graph(std::string("--level ") + name + " --format mermaid");
    CHECK(mermaid.exit_code == 0);
    CHECK(mermaid.out == lcsynth::graph_mermaid(expected));
    auto json = lcsynth_graph(std::string("--level ") + name + " --format json");
    CHECK(json.exit_code == 0);
    CHECK(json.out == lcsynth::graph_json(expected).dump(2) + "\n");
    CHECK(json.err.empty());
  }
}

TEST_CASE("graph at the resources level draws LibreChat's resources in module clusters", "[cli][graph_cli]") {
  auto r = lcsynth_graph("--level resources --format json");
  REQUIRE(r.exit_code == 0);
  auto graph = nlohmann::json::parse(r.out);
  CHECK(graph["level"] == "resources");
  std::set<std::string> kinds;
  bool function_in_backend = false;
  for (const auto& n : graph["nodes"]) {
    kinds.insert(n["kind"].get<std::string>());
    function_in_backend = function_in_backend || (n["label"] == "aws_lambda_function.api" && n["parent"] == "librechat/backend");
  }
  CHECK(kinds == std::set<std::string>{"stack", "module", "resource", "data", "module_call"});
  CHECK(function_in_backend);
  CHECK_FALSE(graph["edges"].empty());
}

TEST_CASE("graph of one named stack leaves the others out", "[cli][graph_cli]") {
  auto r = lcsynth_graph("librechat-registry --level resources --format mermaid");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "flowchart LR\n"
        "  subgraph n_librechat_registry [\"librechat-registry\"]\n"
        "    n_librechat_registry_api[\"aws_ecr_repository.api\"]\n"
        "  end\n");
}

TEST_CASE("graph --file writes the file atomically, prints nothing on stdout and replaces an earlier file",
          "[cli][graph_cli]") {
  ScratchDir dir;
  fs::path file = dir.path() / "modules.mmd";
  write_text(file, "an earlier picture\n");
  auto r = lcsynth_graph("--format mermaid --file " + q(file));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "info: wrote the modules graph (" + std::to_string(librechat_graph(lcsynth::GraphLevel::kModules).nodes.size()) +
                     " nodes, " + std::to_string(librechat_graph(lcsynth::GraphLevel::kModules).edges.size()) +
                     " edges) as mermaid to '" + file.string() + "'\n");
  CHECK(read_text(file) == lcsynth::graph_mermaid(librechat_graph(lcsynth::GraphLevel::kModules)));
  CHECK(names_in(dir.path()) == std::set<std::string>{"modules.mmd"});  // no temporary file left
}

TEST_CASE("graph renders SVG and PNG through Graphviz's dot", "[cli][graph_cli]") {
  REQUIRE_GRAPHVIZ();
  ScratchDir dir;
  auto svg = lcsynth_graph("-q --level resources --format svg --file " + q(dir.path() / "g.svg"));
  CHECK(svg.exit_code == 0);
  CHECK(svg.err.empty());
  std::string text = read_text(dir.path() / "g.svg");
  CHECK((text.rfind("<?xml", 0) == 0 || text.rfind("<svg", 0) == 0));
  CHECK_THAT(text, Contains("<title>librechat/backend/lambda</title>"));

  auto png = lcsynth_graph("-q --format png --file " + q(dir.path() / "g.png"));
  CHECK(png.exit_code == 0);
  CHECK(read_text(dir.path() / "g.png").substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));

  auto to_stdout = lcsynth_graph("--format svg");  // a pipe, not a terminal: allowed for both
  CHECK(to_stdout.exit_code == 0);
  CHECK_THAT(to_stdout.out, Contains("<svg"));
  CHECK(names_in(dir.path()) == std::set<std::string>{"g.png", "g.svg"});
}

TEST_CASE("graph refuses to write PNG to a terminal", "[cli][graph_cli]") {
  if (run_shell("command -v script").exit_code != 0) {
    std::cout << "SKIPPED: util-linux 'script' (to give the binary a terminal) is not installed" << std::endl;
    return;
  }
  // script(1) runs the command with a pseudo-terminal as stdout; -e passes its exit code on.
  std::string command = shell_quote(LCSYNTH_BIN) + " graph " + kConfig + " --format png";
  auto r = run_shell("script -qec " + shell_quote(command) + " /dev/null");
  CHECK(r.exit_code == 2);
  // The log is coloured on a terminal, so only the message is matched.
  CHECK_THAT(r.out, Contains("refusing to write PNG to a terminal; use --file PATH or redirect stdout"));
}

TEST_CASE("graph without dot on PATH names graphviz, exits 2 and writes nothing", "[cli][graph_cli]") {
  ScratchDir dir;
  for (const char* format : {"svg", "png"}) {
    auto r = lcsynth_graph(std::string("--format ") + format + " --file " + q(dir.path() / "g"), "PATH=/nonexistent ");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "error: graphviz's 'dot' was not found on PATH; install the Debian package graphviz, or use --format dot, "
          "mermaid or json\n");
  }
  CHECK(names_in(dir.path()).empty());
  // The text formats need no Graphviz.
  CHECK(lcsynth_graph("--format dot", "PATH=/nonexistent ").exit_code == 0);
}

TEST_CASE("a failing dot is reported with its exit code and stderr, and an earlier file is left intact",
          "[cli][graph_cli]") {
  ScratchDir dir;
  write_text(dir.path() / "bin/dot", "#!/bin/sh\necho 'Error: <stdin>: syntax error in line 1' >&2\nexit 3\n");
  fs::permissions(dir.path() / "bin/dot", fs::perms::owner_all);
  write_text(dir.path() / "g.svg", "earlier\n");
  auto r = lcsynth_graph("--format svg --file " + q(dir.path() / "g.svg"), "PATH=" + q(dir.path() / "bin") + " ");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "error: 'dot -Tsvg' failed with exit code 3:\nError: <stdin>: syntax error in line 1\n");
  CHECK(read_text(dir.path() / "g.svg") == "earlier\n");
  CHECK(names_in(dir.path()) == std::set<std::string>{"bin", "g.svg"});
}

TEST_CASE("graph usage errors exit 2: unknown format, level or stack, and --file naming a directory", "[cli][graph_cli]") {
  ScratchDir dir;
  auto format = lcsynth_graph("--format gif");
  CHECK(format.exit_code == 2);
  CHECK(format.out.empty());
  CHECK_THAT(format.err, Contains("--format: gif not in {dot,mermaid,json,svg,png}"));
  auto level = lcsynth_graph("--level everything");
  CHECK(level.exit_code == 2);
  CHECK_THAT(level.err, Contains("--level: everything not in {modules,resources,elements}"));
  auto stack = lcsynth_graph("librechat-registy");
  CHECK(stack.exit_code == 2);
  CHECK(stack.err ==
        "error: unknown stack 'librechat-registy' (did you mean 'librechat-registry'?); known stacks: librechat-registry, "
        "librechat\n");
  auto directory = lcsynth_graph("--file " + q(dir.path()));
  CHECK(directory.exit_code == 2);
  CHECK(directory.err == "error: --file '" + dir.path().string() + "' is a directory; expected the path of a file to write\n");
  auto missing = lcsynth_graph("--file " + q(dir.path() / "no/such/g.dot"));
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "error: cannot write '" + (dir.path() / "no/such/g.dot").string() + "': directory '" +
                           (dir.path() / "no/such").string() + "' does not exist\n");
}

TEST_CASE("ids and labels with quotes, backslashes, entities and unicode reach Graphviz unchanged", "[cli][graph_cli]") {
  REQUIRE_GRAPHVIZ();
  lcsynth::Graph g;
  const std::string label = "say \"hi\" [x] ${var.y} \\N é → #1 <b>&amp; `c`";
  g.nodes = {{"s/a\"b\\", label, lcsynth::GraphNodeKind::kResource, ""}};
  ScratchDir dir;
  write_text(dir.path() / "g.dot", lcsynth::graph_dot(g));
  auto r = run_shell("dot -Tsvg " + q(dir.path() / "g.dot"));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains(">" + svg_text(label) + "</text>"));
}

TEST_CASE("the README's LibreChat module graph is what lcsynth graph prints now", "[cli][graph_cli]") {
  const std::string begin = "<!-- BEGIN lcsynth graph --config examples/librechat/dev.json --level modules --format mermaid";
  const std::string fence = "```mermaid\n";
  auto r = lcsynth_graph("--level modules --format mermaid");
  REQUIRE(r.exit_code == 0);
  std::string readme = read_text(kSource / "README.md");
  size_t marker = readme.find(begin);
  REQUIRE(marker != std::string::npos);
  size_t start = readme.find(fence, marker);
  REQUIRE(start != std::string::npos);
  start += fence.size();
  size_t end = readme.find("```\n", start);
  REQUIRE(end != std::string::npos);
  if (update_requested()) {
    write_text(kSource / "README.md", readme.substr(0, start) + r.out + readme.substr(end));
    WARN("README.md's module graph rewritten; review it with git diff");
    return;
  }
  INFO("README.md is out of date: regenerate with LCSYNTH_UPDATE_GOLDEN=1 and review the diff");
  CHECK(readme.substr(start, end - start) == r.out);
}

TEST_CASE("docs/librechat-resources.svg draws the current resource graph", "[cli][graph_cli]") {
  const fs::path svg_file = kSource / "docs/librechat-resources.svg";
  if (update_requested()) {
    REQUIRE_GRAPHVIZ();
    auto r = lcsynth_graph("-q --level resources --format svg --file " + q(svg_file));
    REQUIRE(r.exit_code == 0);
    WARN("docs/librechat-resources.svg rewritten; review it with git diff");
    return;
  }
  // SVG text differs between Graphviz versions, so compare what it draws: one titled group per
  // node, cluster and edge of the graph lcsynth builds now.
  lcsynth::Graph graph = librechat_graph(lcsynth::GraphLevel::kResources);
  std::string svg = read_text(svg_file);
  INFO("docs/librechat-resources.svg is out of date: regenerate with LCSYNTH_UPDATE_GOLDEN=1 (needs graphviz)");
  REQUIRE_FALSE(svg.empty());
  std::set<std::string> clusters;
  for (const auto& n : graph.nodes)
    if (!n.parent.empty()) clusters.insert(n.parent);
  CHECK(count_of(svg, "class=\"cluster\"") == clusters.size());
  CHECK(count_of(svg, "class=\"node\"") == graph.nodes.size() - clusters.size());
  CHECK(count_of(svg, "class=\"edge\"") == graph.edges.size());
  std::vector<std::string> missing;  // titles of nodes, clusters and edges the picture lacks
  auto expect_title = [&](const std::string& title) {
    if (svg.find("<title>" + title + "</title>") == std::string::npos) missing.push_back(title);
  };
  for (const auto& n : graph.nodes) expect_title(svg_text(clusters.count(n.id) ? "cluster_" + n.id : n.id));
  for (const auto& e : graph.edges) expect_title(svg_text(e.from) + "&#45;&gt;" + svg_text(e.to));
  CHECK(missing == std::vector<std::string>{});
}
