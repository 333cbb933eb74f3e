// The lcsynth binary: the command line over the stacks that ship with lcsynth.

#include "lcsynth/cli.h"
#include "stacks/builtin.h"

int main(int argc, char** argv) {
  lcsynth::StackCatalog catalog;
  lcsynth::stacks::add_builtin_stacks(catalog);
  return lcsynth::cli::run(argc, argv, catalog);
}
