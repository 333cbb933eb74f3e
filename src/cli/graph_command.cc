// `graph`: the construct tree as a picture. DOT, Mermaid and JSON come from the library; SVG and
// PNG from Graphviz's `dot` fed the DOT text. Output goes to stdout, or atomically to --file.

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "commands.h"
#include "graphviz.h"
#include "lcsynth/app.h"
#include "lcsynth/cli.h"
#include "lcsynth/errors.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/graph_export.h"

namespace lcsynth::cli {

namespace {
struct GraphArgs {
  SynthArgs synth;  // stacks and configuration; nothing is synthesized or written there
  std::string level = "modules";  // modules, resources or elements
  std::string format = "dot";  // dot, mermaid, json, svg or png
  std::string file;            // "" for stdout
};

std::string render(const Graph& graph, const std::string& format, spdlog::logger& log) {
  if (format == "json") return graph_json(graph).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (format == "mermaid") return graph_mermaid(graph);
  if (format == "dot") return graph_dot(graph);
  DotOutput rendered = run_dot(graph_dot(graph), format);
  if (!rendered.warnings.empty()) log.warn("dot -T{}: {}", format, rendered.warnings);
  return std::move(rendered.out);
}

// Written beside the target and renamed over it, so a failure leaves an earlier file intact.
void write_atomically(const std::filesystem::path& target, const std::string& contents) {
  std::filesystem::path dir = target.parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir))
    throw WriteError(fmt::format("cannot write '{}': directory '{}' does not exist", target.string(), dir.string()));
  std::filesystem::path temp = dir / fmt::format(".{}.lcsynth-{}", target.filename().string(), ::getpid());
  RealFileSystem files;
  try {
    files.write_file(temp, contents);
    files.rename(temp, target);
  } catch (const WriteError&) {
    files.remove_all(temp);
    throw;
  }
}

int run_graph(const GraphArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  if (args.format == "png" && args.file.empty() && ::isatty(STDOUT_FILENO) == 1) {
    log.error("refusing to write PNG to a terminal; use --file PATH or redirect stdout");
    return kUsage;
  }
  if (!args.file.empty() && std::filesystem::is_directory(args.file)) {
    log.error("--file '{}' is a directory; expected the path of a file to write", args.file);
    return kUsage;
  }
  auto app = build_app(args.synth, catalog, log);
  const std::map<std::string, GraphLevel> levels = {
      {"modules", GraphLevel::kModules}, {"resources", GraphLevel::kResources}, {"elements", GraphLevel::kElements}};
  Graph graph = build_graph(*app, GraphOptions{.level = levels.at(args.level), .stacks = args.synth.stacks});
  std::string output;
  try {
    output = render(graph, args.format, log);
  } catch (const GraphvizError& e) {
    log.error("{}", e.what());
    return e.not_found() ? kUsage : kFailed;
  }
  if (args.file.empty()) {
    std::cout << output << std::flush;
    return kOk;
  }
  write_atomically(args.file, output);
  log.info("wrote the {} graph ({} nodes, {} edges) as {} to '{}'", to_string(graph.level), graph.nodes.size(),
           graph.edges.size(), args.format, args.file);
  return kOk;
}
}  // namespace

Command add_graph_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* cmd = app.add_subcommand("graph", "Draw the stacks' modules or resources and their dependencies");
  // The options of add_synth_options() but -o: this command writes one file, not a directory.
  cmd->add_option("stacks", args->synth.stacks, "Stacks (default: all)");
  cmd->add_option("-c,--config", args->synth.config_file, "JSON configuration file");
  cmd->add_option("--set", args->synth.sets, "Override a configuration value: KEY=VALUE (repeatable)")->take_all();
  cmd->add_option("--level", args->level, "modules, resources or elements")
      ->check(CLI::IsMember({"modules", "resources", "elements"}))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "dot, mermaid, json, or svg or png through Graphviz's dot")
      ->check(CLI::IsMember({"dot", "mermaid", "json", "svg", "png"}))
      ->capture_default_str();
  cmd->add_option("--file", args->file, "Write to this file (atomically) instead of stdout");
  cmd->footer(kExitCodeFooter);
  return {cmd, [args, &catalog](spdlog::logger& log) { return run_graph(*args, catalog, log); }};
}

}  // namespace lcsynth::cli
