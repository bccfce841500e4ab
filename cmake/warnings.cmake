# Warnings are errors in our code; third-party headers come in as SYSTEM so they cannot break us.
function(kl_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wconversion -Wsign-conversion
                                           -Wshadow -Wnon-virtual-dtor -Wno-sign-conversion
                                           # GCC 12 reports std::optional<std::string> members as maybe
                                           # uninitialized when a unity batch inlines across files (a
                                           # known false positive); it stays a warning, not an error.
                                           -Wno-error=maybe-uninitialized)
  if(KL_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# kl_library(name SOURCES ... DEPS ...) — one static library per source folder.
function(kl_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(kl_${name} STATIC ${ARG_SOURCES})
  target_include_directories(kl_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(kl_${name} PUBLIC ${ARG_DEPS})
  kl_warnings(kl_${name})
endfunction()
