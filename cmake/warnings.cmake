# Compiler options shared by every lcsynth target: warnings, optional -Werror, sanitizers.
function(lcsynth_target_options target)
  # Props aggregates are meant to be filled with designated initializers that leave the
  # rest at their defaults; -Wextra's missing-field-initializers would flag every one.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(LCSYNTH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
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

# For the executables: libstdc++ and libgcc linked statically, which spares every start the
# dynamic loader's relocation of libstdc++ (about 1.6 M instructions and its mappings). Not with
# the sanitizers, whose runtimes must intercept libstdc++'s operator new, nor with clang.
function(lcsynth_static_runtime target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT LCSYNTH_SANITIZE AND NOT LCSYNTH_FUZZ)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
    if(LCSYNTH_JEMALLOC)
      target_link_libraries(${target} PRIVATE ${LCSYNTH_JEMALLOC} Threads::Threads ${CMAKE_DL_LIBS} m)
      target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/allocator_config.cc)  # its options
    endif()
  endif()
endfunction()
