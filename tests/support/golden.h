#pragma once
// Golden files: whole synthesized outputs kept under tests/golden/<name>/ and compared byte for
// byte. They are rewritten only when LCSYNTH_UPDATE_GOLDEN=1 is set, and reviewed as a diff.

#include <map>
#include <string>

namespace lcsynth::test {

/// Compares `files` (relative path -> contents) with tests/golden/<name>/ using Catch2
/// assertions, naming the first differing line; or rewrites the directory when
/// LCSYNTH_UPDATE_GOLDEN=1.
void check_golden(const std::string& name, const std::map<std::string, std::string>& files);

}  // namespace lcsynth::test
