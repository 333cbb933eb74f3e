#pragma once
// The testing library: synthesize a stack in memory and assert on its blocks and its
// dependency graph with messages that name the closest candidates. Link lcsynth_testing;
// Catch2 users include lcsynth/testing_catch2.h for the same assertions as matchers.
// See docs/testing.md.

#include "lcsynth/testing/assertions.h"
#include "lcsynth/testing/graph_assertions.h"
#include "lcsynth/testing/json_document.h"
#include "lcsynth/testing/pattern.h"
#include "lcsynth/testing/result.h"
#include "lcsynth/testing/synth.h"
