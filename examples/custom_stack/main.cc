// jobs-synth: the whole lcsynth command line (synth, validate, list, ...) over this project's
// own stack catalog.

#include <lcsynth/cli.h>

#include "jobs_stack.h"

int main(int argc, char** argv) {
  lcsynth::StackCatalog catalog;
  catalog.add({"jobs", "Example: a work queue, its dead-letter queue and a worker role", jobs::build_jobs_stack});
  return lcsynth::cli::run(argc, argv, catalog);
}
