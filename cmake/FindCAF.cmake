# Finds the C++ Actor Framework 0.17 as Debian's libcaf-dev installs it.
# The package has headers and shared libraries but no CMake package, so
# this module wraps them in imported targets:
#   CAF::core     libcaf_core (+ Threads)
#   CAF::io       libcaf_io (middleman), needs CAF::core
#   CAF::openssl  libcaf_openssl (TLS links), needs CAF::io
# Sets CAF_FOUND, CAF_VERSION, CAF_INCLUDE_DIR and CAF_<component>_FOUND.
# CAF_ROOT points at a non-system installation.

find_path(CAF_INCLUDE_DIR NAMES caf/config.hpp
          HINTS ${CAF_ROOT} ENV CAF_ROOT PATH_SUFFIXES include)

# caf/config.hpp says "#define CAF_VERSION 1706" for 0.17.6.
if(CAF_INCLUDE_DIR)
  file(STRINGS "${CAF_INCLUDE_DIR}/caf/config.hpp" _astrid_caf_ver
       REGEX "^#define CAF_VERSION [0-9]+")
  if(_astrid_caf_ver MATCHES "CAF_VERSION ([0-9]+)")
    math(EXPR _maj "${CMAKE_MATCH_1} / 10000")
    math(EXPR _min "(${CMAKE_MATCH_1} / 100) % 100")
    math(EXPR _pat "${CMAKE_MATCH_1} % 100")
    set(CAF_VERSION "${_maj}.${_min}.${_pat}")
  endif()
endif()

if(NOT CAF_FIND_COMPONENTS)
  set(CAF_FIND_COMPONENTS core io openssl)
endif()
foreach(_comp core io openssl)
  find_library(CAF_${_comp}_LIBRARY NAMES caf_${_comp}
               HINTS ${CAF_ROOT} ENV CAF_ROOT PATH_SUFFIXES lib lib64)
  mark_as_advanced(CAF_${_comp}_LIBRARY)
  if(CAF_INCLUDE_DIR AND CAF_${_comp}_LIBRARY)
    set(CAF_${_comp}_FOUND TRUE)
  else()
    set(CAF_${_comp}_FOUND FALSE)
  endif()
endforeach()
mark_as_advanced(CAF_INCLUDE_DIR)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CAF
  REQUIRED_VARS CAF_INCLUDE_DIR CAF_core_LIBRARY
  VERSION_VAR CAF_VERSION
  HANDLE_COMPONENTS)

if(CAF_FOUND)
  find_package(Threads REQUIRED)
  if(CAF_core_FOUND AND NOT TARGET CAF::core)
    add_library(CAF::core SHARED IMPORTED)
    # SYSTEM include: CAF's own headers do not trip our -Wall -Wextra.
    set_target_properties(CAF::core PROPERTIES
      IMPORTED_LOCATION "${CAF_core_LIBRARY}"
      INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}"
      INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES Threads::Threads)
  endif()
  if(CAF_io_FOUND AND NOT TARGET CAF::io)
    add_library(CAF::io SHARED IMPORTED)
    set_target_properties(CAF::io PROPERTIES
      IMPORTED_LOCATION "${CAF_io_LIBRARY}"
      INTERFACE_LINK_LIBRARIES CAF::core)
  endif()
  if(CAF_openssl_FOUND AND NOT TARGET CAF::openssl)
    add_library(CAF::openssl SHARED IMPORTED)
    set_target_properties(CAF::openssl PROPERTIES
      IMPORTED_LOCATION "${CAF_openssl_LIBRARY}"
      INTERFACE_LINK_LIBRARIES CAF::io)
  endif()
endif()
