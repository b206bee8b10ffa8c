# Installs headers, libraries, astrid-bus and a CMake package so that a user
# project can `find_package(astrid_events REQUIRED)` and link
# astrid::messages (schemas only) or astrid::bus (the runtime).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS astrid_messages astrid_core astrid_shared astrid_actors astrid_bus
                astrid_prometheus
        EXPORT astrid_events_targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS astrid-bus RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/messages/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/astrid-bus.conf
        DESTINATION ${CMAKE_INSTALL_SYSCONFDIR}/astrid)

set(_cfgdir ${CMAKE_INSTALL_LIBDIR}/cmake/astrid_events)
install(EXPORT astrid_events_targets NAMESPACE astrid:: DESTINATION ${_cfgdir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/astrid_eventsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/astrid_eventsConfig.cmake INSTALL_DESTINATION ${_cfgdir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/astrid_eventsConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/astrid_eventsConfig.cmake
              ${PROJECT_BINARY_DIR}/astrid_eventsConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/FindCAF.cmake
        DESTINATION ${_cfgdir})
