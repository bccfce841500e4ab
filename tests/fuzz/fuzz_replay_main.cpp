// The main of a harness in the normal (gcc) build: it feeds every file of the directories it is given
// (the harness's seed corpus and its regressions, tests/fuzz/CMakeLists.txt) through the same
// LLVMFuzzerTestOneInput the fuzzer calls, so `make test` replays every crash the fuzzers ever found
// without clang. A crash is the harness aborting, as under the fuzzer; ctest sees the process fail.
//
//   fuzz_<harness>_replay DIR...            replay every file of each DIR, in name order
//   fuzz_<harness>_replay --write-seeds DIR  write the harness's generated seeds (when it has any)

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional per harness; weak, so a harness without them still links.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));
extern "C" int KlFuzzWriteSeeds(const char* dir) __attribute__((weak));

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (argc == 3 && std::strcmp(argv[1], "--write-seeds") == 0) {
        if (KlFuzzWriteSeeds == nullptr) {
            std::fprintf(stderr, "this harness generates no seeds; its corpus is written by hand\n");
            return 2;
        }
        return KlFuzzWriteSeeds(argv[2]);
    }
    if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
    size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        std::error_code ec;
        if (!fs::is_directory(argv[i], ec)) continue;  // a harness without regressions yet has no folder
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(argv[i])) {
            if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            std::fprintf(stderr, "replay %s\n", file.c_str());
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    std::printf("replayed %zu inputs\n", replayed);
    return replayed > 0 ? 0 : 1;  // no input at all means the corpus went missing: a failure, not a pass
}
