// jemalloc's options for lcsynth's executables, read by jemalloc at its start (it looks for this
// symbol; the MALLOC_CONF environment variable still overrides them). Compiled only into the
// executables that link jemalloc (lcsynth_static_runtime in cmake/warnings.cmake).
//
// narenas:1 - one arena for every thread. Synthesis allocates on one thread and frees on
//   another (a document is rendered on the main thread and freed where it is written); with an
//   arena per thread, pages freed in one were not reused by the next allocations in another.
// dirty_decay_ms:0 - freed pages go back to the kernel at once instead of after 10 s, which a
//   process that lives a second never reached.
// Together, at N = 1000 copies of LibreChat: peak RSS about 120 -> 110 MiB, same wall time
// (docs/benchmarks.md).

extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): the name jemalloc looks for
extern const char* malloc_conf;
const char* malloc_conf = "narenas:1,dirty_decay_ms:0";
}
