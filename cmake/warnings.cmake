# Warnings are errors in our code; third-party headers come in as SYSTEM so they cannot break us.
function(kl_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wconversion -Wsign-conversion
                                           -Wshadow -Wnon-virtual-dtor -Wno-sign-conversion
                                           # GCC 12 reports std::optional<std::string> members as maybe
                                           # uninitialized when a unity batch inlines across files (a
                                           # known false positive); it stays a warning, not an error.
                                           -Wno-error=maybe-uninitialized)
  # GCC's manual, under the sanitizer options, says they raise the rate of false-positive warnings
  # (most of all -Wmaybe-uninitialized) and recommends against combining -Werror with them. A
  # sanitizer build prints warnings and fails on what the sanitizers find; the plain build, which CI
  # runs, keeps -Werror. cmake/sanitizers.cmake adds the sanitizer flags themselves.
  if(KL_SANITIZE)
    target_compile_options(${target} PRIVATE -Wno-error)
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
