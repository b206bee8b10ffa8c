# Internal layers are included by their folder name: "core/topic.hpp",
# "shared/route.hpp", "actors/local/bus_actor.hpp", "bus/local_bus.hpp",
# "cli/commands.hpp". Each layer gets an include root of its own in the build
# tree holding only that layer (a link to its folder), and a target sees the
# roots of the layers it may use and no other: an include that runs against
# the dependency order (cli -> facade -> actors -> shared -> core) does not
# compile.
function(astrid_layer_root name dir)
  set(root "${PROJECT_BINARY_DIR}/layers/${name}")
  file(MAKE_DIRECTORY "${root}")
  if(NOT IS_SYMLINK "${root}/${name}")
    file(CREATE_LINK "${dir}" "${root}/${name}" SYMBOLIC)
  endif()
  set(ASTRID_LAYER_${name} "${root}" PARENT_SCOPE)
endfunction()

astrid_layer_root(core "${PROJECT_SOURCE_DIR}/src/core")
astrid_layer_root(shared "${PROJECT_SOURCE_DIR}/src/shared")
astrid_layer_root(actors "${PROJECT_SOURCE_DIR}/actors")
astrid_layer_root(bus "${PROJECT_SOURCE_DIR}/src/bus")
astrid_layer_root(cli "${PROJECT_SOURCE_DIR}/src/cli")
