# CTest script (cmake -P): installs the lcsynth build into a fresh prefix, builds
# examples/custom_stack against it with the outer build's compiler, build type and flags, runs
# the example's tests and its `synth`, and checks the files. Everything goes under WORK_DIR
# (in the build tree); the source tree is only read. Any failing step fails the test.
#
# Inputs (-D): SOURCE_DIR, BUILD_DIR, WORK_DIR, VERSION, GENERATOR, MAKE_PROGRAM,
#              CXX_COMPILER, BUILD_TYPE, CXX_FLAGS.
cmake_minimum_required(VERSION 3.25)

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
set(out ${WORK_DIR}/cdktf.out)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run)
  list(JOIN ARGN " " command_line)
  message(STATUS "package test: ${command_line}")
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} COMMAND_ERROR_IS_FATAL ANY)
endfunction()

function(expect_file path)
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "package test: expected ${path} to exist")
  endif()
endfunction()

# 1. Install. The headers a consumer cannot do without, the generated one, and the binary.
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --config ${BUILD_TYPE})
foreach(header lcsynth.h cli.h testing.h testing_catch2.h testing/synth.h version.h)
  expect_file(${prefix}/include/lcsynth/${header})
endforeach()
execute_process(COMMAND ${prefix}/bin/lcsynth --version OUTPUT_VARIABLE version_output COMMAND_ERROR_IS_FATAL ANY)
if(NOT version_output MATCHES "${VERSION}")
  message(FATAL_ERROR "package test: expected '${prefix}/bin/lcsynth --version' to print ${VERSION}, found '${version_output}'")
endif()

# 2. Configure and build the example against the prefix only (no user package registry).
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/custom_stack -B ${build} -G ${GENERATOR}
    -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
file(STRINGS ${build}/CMakeCache.txt found_dir REGEX "^lcsynth_DIR:")
if(NOT found_dir MATCHES "=${prefix}/")
  message(FATAL_ERROR "package test: find_package(lcsynth) found '${found_dir}', not the package in ${prefix}")
endif()
run(${CMAKE_COMMAND} --build ${build} --parallel 2)

# 3. The example's own tests, then its command line.
run(${build}/jobs_tests)
run(${build}/jobs-synth synth --output ${out} --set environment=ci)
expect_file(${out}/manifest.json)
file(READ ${out}/stacks/jobs/cdk.tf.json document)
string(JSON queue_name GET "${document}" resource aws_sqs_queue thumbnails_queue name)
if(NOT queue_name STREQUAL "jobs-ci-thumbnails")
  message(FATAL_ERROR "package test: expected aws_sqs_queue.thumbnails_queue.name 'jobs-ci-thumbnails', found '${queue_name}'")
endif()
message(STATUS "package test: passed")
