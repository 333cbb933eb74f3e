// jemalloc's options for lcsynth's executables, read by jemalloc at its start (it looks for this
// symbol; the MALLOC_CONF environment variable still overrides them). Compiled only into the
// executables that link jemalloc (lcsynth_static_runtime in cmake/warnings.cmake).
//
// narenas:1 - one arena for every thread. Synthesis allocates on one thread and frees on
//   another (a document is rendered on the main thread and freed where it is written); with an
//   arena per thread, pages freed in one were not reused by the next allocations in another
//   (N = 1000 copies of LibreChat: peak RSS about 120 -> 110 MiB).
// Freed pages are left to jemalloc's default decay (10 s, which a synth never reaches), so they
// are reused by the next allocations without going back to the kernel. Returning them at once
// (dirty_decay_ms:0, sessions 5 to 11) cost N = 1000 a madvise() per freed run and a page
// fault at each reuse, on three threads sharing the process's page tables: 475 -> 424 ms
// (median of 20, tmpfs), 29.5 K -> 25 K faults, 0.06 s less system time, for 2.3 MiB more peak
// RSS (98.8 -> 101.0 MiB); LibreChat and N = 1 unchanged (docs/benchmarks.md, session 12).

extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): the name jemalloc looks for
extern const char* malloc_conf;
const char* malloc_conf = "narenas:1";
}
