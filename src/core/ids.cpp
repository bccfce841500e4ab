#include "core/ids.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <mutex>

#include "core/assert.h"

namespace kl {

namespace {
void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] { KL_ASSERT(sodium_init() >= 0); });
}

std::string to_hex(const unsigned char* bytes, size_t size) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (size_t i = 0; i < size; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 0x0f]);
    }
    return out;
}
}  // namespace

std::string UuidV7Generator::next() {
    ensure_sodium();
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    const auto ms = static_cast<uint64_t>(clock_.now_ms());
    for (int i = 0; i < 6; ++i) bytes[static_cast<size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x70);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    const std::string hex = to_hex(bytes.data(), bytes.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::string SequentialIdGenerator::next() {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "-%06llu", ++counter_);
    return prefix_ + buffer;
}

bool is_uuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string random_hex(size_t bytes) {
    ensure_sodium();
    std::string buffer(bytes, '\0');
    randombytes_buf(buffer.data(), buffer.size());
    return to_hex(reinterpret_cast<const unsigned char*>(buffer.data()), buffer.size());
}

}  // namespace kl
