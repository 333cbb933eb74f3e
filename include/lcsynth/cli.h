#pragma once
// The lcsynth command line as a function, so a project can build its own binary over its own
// stack catalog: int main(int c, char** v) { return lcsynth::cli::run(c, v, my_catalog()); }

#include "lcsynth/catalog.h"

namespace lcsynth::cli {

/// Process exit codes, documented in --help and README.
enum ExitCode : int {
  kOk = 0,        ///< success
  kFailed = 1,    ///< synthesis or validation failed, or output could not be written
  kUsage = 2,     ///< bad flags, unknown stack, or a configuration error
  kInternal = 3,  ///< a bug in lcsynth or in a stack's code
};

/// Parses argv, runs the command, logs progress to stderr and writes results to stdout.
/// Never throws; returns an ExitCode. Meant for main(): the apps and outputs that commands
/// build are left to the process exit rather than freed (see keep_until_exit.h).
int run(int argc, const char* const* argv, const StackCatalog& catalog);

}  // namespace lcsynth::cli
