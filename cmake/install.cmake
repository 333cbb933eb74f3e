# Install rules: lcsynth as a CMake package. `cmake --install build --prefix P` writes
#   P/include/lcsynth/...            the public headers (testing/ included) and the generated version.h
#   P/lib/liblcsynth*.a              the libraries, exported as lcsynth::lcsynth, ::schemas, ::cli, ::testing
#   P/lib/cmake/lcsynth/             lcsynthConfig.cmake, lcsynthConfigVersion.cmake, lcsynthTargets.cmake
#   P/bin/lcsynth                    the command line over the built-in stacks
# so that another project can `find_package(lcsynth)` and `target_link_libraries(app lcsynth::cli)`.
# The built-in stacks (lcsynth_stacks) are the LibreChat deployment, not API, and stay inside.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LCSYNTH_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/lcsynth)

# Installed consumers find the headers under P/include; the other libraries inherit it from lcsynth.
target_include_directories(lcsynth PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

# The exported names match the in-tree ALIAS targets, so a consumer's CMakeLists reads the
# same whether lcsynth is a subdirectory or an installed package.
set_target_properties(lcsynth_schemas PROPERTIES EXPORT_NAME schemas)
set_target_properties(lcsynth_cli PROPERTIES EXPORT_NAME cli)
set_target_properties(lcsynth_testing PROPERTIES EXPORT_NAME testing)

install(TARGETS lcsynth lcsynth_schemas lcsynth_cli lcsynth_testing lcsynth_spdlog
        EXPORT lcsynthTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS lcsynth_bin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Every header under include/lcsynth is public; a new one is installed without touching this file.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/lcsynth
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/lcsynth/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/lcsynth)

install(EXPORT lcsynthTargets
        NAMESPACE lcsynth::
        DESTINATION ${LCSYNTH_INSTALL_CMAKEDIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/lcsynthConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/lcsynthConfig.cmake
                              INSTALL_DESTINATION ${LCSYNTH_INSTALL_CMAKEDIR})

# Before 1.0 every minor release may change the API (semantic versioning's 0.y.z rule), so
# 0.1.x satisfies find_package(lcsynth 0.1) but 0.2.0 does not; from 1.0 on, the major version.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(lcsynth_compatibility SameMinorVersion)
else()
  set(lcsynth_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lcsynthConfigVersion.cmake
                                 COMPATIBILITY ${lcsynth_compatibility})

install(FILES ${PROJECT_BINARY_DIR}/lcsynthConfig.cmake ${PROJECT_BINARY_DIR}/lcsynthConfigVersion.cmake
        DESTINATION ${LCSYNTH_INSTALL_CMAKEDIR})
