#pragma once
// Time-ordered identifiers: UUIDv7 (RFC 9562) — 48 bits of Unix milliseconds, then random bits.
// Ordered ids keep B-tree inserts at the right edge in both SQLite and PostgreSQL.

#include <string>

#include "core/clock.h"

namespace kl {

class IdGenerator {
public:
    virtual ~IdGenerator() = default;
    virtual std::string next() = 0;  // canonical lowercase "xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx"
};

class UuidV7Generator final : public IdGenerator {
public:
    explicit UuidV7Generator(const Clock& clock) : clock_(clock) {}
    std::string next() override;

private:
    const Clock& clock_;
};

// Deterministic ids for tests and the seeded demo: the same seed gives the same sequence.
class SequentialIdGenerator final : public IdGenerator {
public:
    explicit SequentialIdGenerator(std::string prefix = "id") : prefix_(std::move(prefix)) {}
    std::string next() override;

private:
    std::string prefix_;
    unsigned long long counter_ = 0;
};

bool is_uuid(const std::string& text);

// Random bytes from libsodium, hex-encoded (tokens, CSRF secrets).
std::string random_hex(size_t bytes);

}  // namespace kl
