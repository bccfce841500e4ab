// The EPCIS 2.0 capture document (issue 18 item 1; src/trace, decoded by http/routes/epcis_json.cpp):
// the whole input is the body of POST /api/v1/epcis/capture, sent through the pipeline as a signed-in
// admin over a throwaway SQLite database (fuzz_world.h): JSON parsing, the document and event
// decoding (CBV names in three spellings, Digital Links, the kashlink extensions) and the capture
// service's checks. Crash: a sanitizer report, an assert, or a 500.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_world.h"

namespace {

using kl::fuzz::FuzzWorld;

constexpr std::string_view capture_pattern = "/api/v1/epcis/capture";

const kl::http::Route& capture_route() {
    static const kl::http::Route* route = [] {
        for (const kl::http::Route* candidate : FuzzWorld::get().routes()) {
            if (candidate->method == kl::http::Method::post && candidate->pattern == capture_pattern) return candidate;
        }
        std::fprintf(stderr, "epcis harness: the router has no POST %s\n", capture_pattern.data());
        std::abort();
    }();
    return *route;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzWorld::get().send(capture_route(), std::string(capture_pattern), std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}

// The demo's own events, as the query route answers them, each put back in a capture document (one
// seed per event type and business step, and one document with several events).
extern "C" int KlFuzzWriteSeeds(const char* dir) {
    using nlohmann::json;
    namespace fs = std::filesystem;
    // Events per query page, and the most events one seed document holds.
    constexpr int events_read = 200;
    constexpr size_t events_per_document_max = 4;
    FuzzWorld& world = FuzzWorld::get();
    world.seed_demo();
    const kl::http::Response answer = world.get("/api/v1/epcis/events?perPage=" + std::to_string(events_read));
    const json document = json::parse(answer.body, nullptr, false);
    const json events = document.is_object() ? document.value("/epcisBody/queryResults/resultsBody/eventList"_json_pointer, json::array())
                                              : json::array();
    fs::create_directories(dir);
    auto write = [&](const std::string& name, const json& list) {
        json capture = {{"@context", document.value("@context", json::array())},
                        {"type", "EPCISDocument"},
                        {"schemaVersion", "2.0"},
                        {"creationDate", "2026-10-08T02:00:00.000Z"},
                        {"epcisBody", {{"eventList", list}}}};
        std::ofstream(fs::path(dir) / name) << capture.dump(1);
    };
    std::set<std::string> kinds;
    json several = json::array();
    for (const auto& event : events) {
        const std::string kind = event.value("type", "") + "_" + event.value("bizStep", "");
        if (!kinds.insert(kind).second) continue;
        write("demo_" + kind, json::array({event}));
        if (several.size() < events_per_document_max) several.push_back(event);
    }
    if (!several.empty()) write("demo_several", several);
    std::printf("%zu events read, %zu seeds\n", events.size(), kinds.size() + (several.empty() ? 0 : 1));
    return events.empty() ? 1 : 0;
}
