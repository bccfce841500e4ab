// Query-string and path parameters of every route (issue 18 item 1), driven from the router: the
// input's first line names a route (any method; another line picks one by its hash), the next lines
// its path parameters raw as they stand in the target ("@N": an id an earlier input created), the
// rest is the query string. It goes through the pipeline (target parsing, route match, the refusal of
// undocumented parameters, the handler reading its own) as a signed-in admin over a throwaway SQLite
// database (fuzz_world.h). Crash: a sanitizer report, an assert (a handler reading a parameter it
// does not document asserts), or a 500.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_world.h"

using kl::fuzz::FuzzWorld;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzWorld& world = FuzzWorld::get();
    world.send_input(std::string_view(reinterpret_cast<const char*>(data), size), world.routes(), FuzzWorld::Payload::query);
    return 0;
}

extern "C" int KlFuzzWriteSeeds(const char* dir) {
    FuzzWorld& world = FuzzWorld::get();
    world.write_seeds(dir, world.routes(), FuzzWorld::Payload::query);
    return 0;
}
