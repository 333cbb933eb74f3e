#pragma once
// Internal to the CLI: the arguments and implementation of each subcommand.

#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "lcsynth/catalog.h"

namespace lcsynth::cli {

struct SynthArgs {
  std::vector<std::string> stacks;
  std::string config_file;
  std::vector<std::string> sets;
  std::string output = "cdktf.out";
};

struct ValidateArgs {
  SynthArgs synth;              ///< what to synthesize (nothing is written)
  std::string format = "text";  ///< text, json or sarif
  bool strict = false;          ///< warnings fail too
};

struct ListArgs {
  std::string format = "text";
};

/// Builds the selected stacks, synthesizes and writes them; prints each stack's working
/// directory on stdout. Lets library exceptions through to run().
int run_synth(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log);
/// Synthesizes in memory and reports every finding on stdout; exit 1 when there are errors
/// (or warnings, with --strict).
int run_validate(const ValidateArgs& args, const StackCatalog& catalog);
int run_list(const ListArgs& args, const StackCatalog& catalog);

}  // namespace lcsynth::cli
