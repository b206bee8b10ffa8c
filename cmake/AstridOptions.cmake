# Warnings and sanitizers shared by every target of the project.
# astrid_target_defaults(target) applies them; third-party headers (CAF,
# spdlog, nlohmann) are system includes, so -Wall -Wextra speak of our code.

set(ASTRID_WARNINGS -Wall -Wextra -Wpedantic -Wno-unused-parameter)

if(ASTRID_SANITIZE STREQUAL "address")
  set(ASTRID_SAN_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                       -fno-sanitize-recover=undefined)
elseif(ASTRID_SANITIZE STREQUAL "thread")
  set(ASTRID_SAN_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT ASTRID_SANITIZE STREQUAL "")
  message(FATAL_ERROR "ASTRID_SANITIZE must be '', 'address' or 'thread', not '${ASTRID_SANITIZE}'")
endif()
if(ASTRID_SAN_FLAGS)
  add_compile_options(${ASTRID_SAN_FLAGS})
  add_link_options(${ASTRID_SAN_FLAGS})
endif()

function(astrid_target_defaults target)
  target_compile_options(${target} PRIVATE ${ASTRID_WARNINGS})
endfunction()
