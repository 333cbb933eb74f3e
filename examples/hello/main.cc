// hello-synth: the lcsynth command line over the example stack.

#include <lcsynth/cli.h>

#include "hello_stack.h"

int main(int argc, char** argv) {
  lcsynth::StackCatalog catalog;
  catalog.add({"hello", "Example: a private bucket and a reader role", hello::build_hello_stack});
  return lcsynth::cli::run(argc, argv, catalog);
}
