# libFuzzer harnesses (tests/fuzz; issue 18 item 1). Two ways to build the same harness sources:
#   -DKL_FUZZ=ON (clang; `make fuzz` configures build-fuzz so): each harness is a libFuzzer
#     executable fuzz_<name>, and every library it links is compiled with coverage feedback
#     (-fsanitize=fuzzer-no-link) and AddressSanitizer + UndefinedBehaviorSanitizer;
#   otherwise, with the tests (gcc): each harness is a replay executable fuzz_<name>_replay, run by
#     ctest over the harness's seed corpus and its regressions (tests/fuzz/regressions/<name>/), so
#     `make test` replays every crash the fuzzers ever found without clang.
# Separate from KL_SANITIZE (cmake/sanitizers.cmake: the gcc test suite under the sanitizers): a fuzz
# build is clang's and instruments for coverage too.
option(KL_FUZZ "Build the libFuzzer harnesses with clang, ASan and UBSan (make fuzz)" OFF)

if(KL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KL_FUZZ needs clang (-DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14): "
                        "libFuzzer is part of clang (Debian: clang-14, libclang-rt-14-dev)")
  endif()
  # Every target from here on: coverage for the fuzzer, the sanitizers, and UBSan findings as crashes
  # (the fuzzer only keeps inputs that end the process).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Warnings gate the gcc build (cmake/warnings.cmake, -Werror); clang warns about other things, and a
# fuzz build must not stop on a warning gcc does not give. Called after every library exists.
function(kl_fuzz_relax_warnings dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY" OR type STREQUAL "EXECUTABLE")
      target_compile_options(${target} PRIVATE -Wno-error)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    kl_fuzz_relax_warnings(${subdir})
  endforeach()
endfunction()

# kl_fuzz_harness(name DEPS ...): tests/fuzz/<name>_fuzz.cpp, linked with DEPS.
function(kl_fuzz_harness name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  set(source ${PROJECT_SOURCE_DIR}/tests/fuzz/${name}_fuzz.cpp)
  if(KL_FUZZ)
    add_executable(fuzz_${name} ${source})
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    set(target fuzz_${name})
  else()
    add_executable(fuzz_${name}_replay ${source} ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_replay_main.cpp)
    set(target fuzz_${name}_replay)
    # The main looks the harness's optional functions up as weak symbols: one unity file would define them.
    set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
    add_test(NAME fuzz.${name}
             COMMAND ${target} ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name} ${PROJECT_SOURCE_DIR}/tests/fuzz/regressions/${name})
    set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz)
  endif()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${target} PRIVATE ${ARG_DEPS})
  kl_warnings(${target})
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
endfunction()

# After the last library of the top CMakeLists: the harnesses link them.
function(kl_fuzz_finish)
  if(KL_FUZZ OR KL_BUILD_TESTS)
    # Included, not a subdirectory: CMake creates none during deferred execution.
    include(${PROJECT_SOURCE_DIR}/tests/fuzz/harnesses.cmake)
  endif()
  if(KL_FUZZ)
    kl_fuzz_relax_warnings(${PROJECT_SOURCE_DIR})
    # Boost 1.74's Asio turns co_await on for clang only when libc++'s <experimental/coroutine> is
    # there; clang 14 with Debian's libstdc++ <coroutine> (C++20) works as gcc does. Only the server's
    # coroutines need it.
    set_source_files_properties(${PROJECT_SOURCE_DIR}/src/http/server.cpp DIRECTORY ${PROJECT_SOURCE_DIR}/src/http
                                PROPERTIES COMPILE_DEFINITIONS BOOST_ASIO_HAS_CO_AWAIT=1)
  endif()
endfunction()
cmake_language(DEFER CALL kl_fuzz_finish)
