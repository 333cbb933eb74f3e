# Compiler options shared by every lcsynth target: warnings, optional -Werror, sanitizers.
function(lcsynth_target_options target)
  # Props aggregates are meant to be filled with designated initializers that leave the
  # rest at their defaults; -Wextra's missing-field-initializers would flag every one.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(LCSYNTH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Each function and object in a section of its own, so that the executables' link drops what
  # they never call (lcsynth_static_runtime): the lcsynth binary's text 6.2 -> 5.0 MB.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -ffunction-sections -fdata-sections)
  endif()
  if(LCSYNTH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    # PUBLIC: whatever links an instrumented static library needs the sanitizer runtimes, and
    # the installed package's targets carry this too (the exported INTERFACE_LINK_OPTIONS).
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(LCSYNTH_FUZZ)
    # Coverage instrumentation for libFuzzer; the fuzz targets themselves add -fsanitize=fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

# For the executables: linked statically (glibc, libstdc++, libgcc), so that no shared library is
# mapped or relocated at start, and not position-independent, so that the built-in schema tables
# (constexpr arrays of pointers to string literals) need no relocation either: in a PIE, ld.so
# wrote all 33 pages of .data.rel.ro at every start (9,147 relative relocations). Interleaved
# A/B, 150 LibreChat synths each on tmpfs: PIE with libstdc++ static 3.94 ms median, fully
# static 3.53 ms; page faults 350 -> 277 (docs/benchmarks.md). The executables call nothing of
# glibc's that needs shared modules at run time (NSS, iconv, dlopen). When glibc's static
# archive is missing (libc6-dev without it), they link libstdc++ and libgcc statically and are
# merely not position-independent. LCSYNTH_PIE=ON keeps them position-independent (ASLR for
# the executable itself) at that cost. Not with the sanitizers, whose runtimes must intercept
# libstdc++'s operator new, nor with clang.
include(CheckLinkerFlag)
check_linker_flag(CXX -static LCSYNTH_CAN_LINK_STATIC)
function(lcsynth_static_runtime target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT LCSYNTH_SANITIZE AND NOT LCSYNTH_FUZZ)
    # Sections nothing reaches are left out (lcsynth_target_options puts each function in its
    # own): fewer pages for the LibreChat synth to fault in, 270 -> 250 (docs/benchmarks.md).
    target_link_options(${target} PRIVATE -Wl,--gc-sections)
    if(LCSYNTH_PIE)
      target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
    elseif(LCSYNTH_CAN_LINK_STATIC)
      target_link_options(${target} PRIVATE -static)
    else()
      target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc -no-pie)
    endif()
    if(LCSYNTH_JEMALLOC)
      target_link_libraries(${target} PRIVATE ${LCSYNTH_JEMALLOC} Threads::Threads ${CMAKE_DL_LIBS} m)
      target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/allocator_config.cc)  # its options
    endif()
  endif()
endfunction()
