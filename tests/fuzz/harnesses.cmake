# The harnesses (cmake/fuzz.cmake says how each builds: libFuzzer with KL_FUZZ, else a replay test);
# included by cmake/fuzz.cmake at the end of the top-level CMakeLists, once every library exists.
# The router-driven ones share the fuzz world (fuzz_world.h): the binary's App, so every route.
add_library(kl_fuzz_world STATIC ${CMAKE_CURRENT_LIST_DIR}/fuzz_world.cpp)
target_include_directories(kl_fuzz_world PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(kl_fuzz_world PUBLIC kl_cli kl_demo nlohmann_json::nlohmann_json spdlog::spdlog)
kl_warnings(kl_fuzz_world)

kl_fuzz_harness(route_body DEPS kl_fuzz_world)
kl_fuzz_harness(route_params DEPS kl_fuzz_world)
kl_fuzz_harness(imports DEPS kl_fuzz_world)
kl_fuzz_harness(epcis DEPS kl_fuzz_world nlohmann_json::nlohmann_json)
kl_fuzz_harness(sheets_csv DEPS kl_sheets)
kl_fuzz_harness(config DEPS kl_core)
