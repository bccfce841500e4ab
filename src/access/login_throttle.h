#pragma once
// Sign-in throttling by source address and by account. Failures are counted twice: under the source
// address (the IP without its port; an IPv6 address by its /64, which one subscriber usually holds
// whole) and under the username as typed (trimmed, lower-cased), whether or not such a user exists,
// so an unknown username is throttled exactly like a known one and a 429 tells nothing.
//
//   - An address with address_failures_max failures is refused (429) until lockout_ms after the last.
//   - A username with account_failures_max failures, from anywhere, is guarded until lockout_ms after
//     the last: only addresses with no remembered failure may try it. The real user, signing in from
//     an address that has not failed, still gets in; an attacker needs a fresh address per guess.
//   - A failure is remembered lockout_ms; a success clears the address's and the username's counts.
//
// The counters are rows of login_throttle (migration 0015), not memory, so that several processes on
// one PostgreSQL count together and a restart does not forgive an attacker. The table holds at most
// login_throttle_rows_max rows: forgotten rows are purged at every failure, then the oldest evicted.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace kl::access {

// ~100 bytes a row: at most about 10 MB. Evicting beyond it forgets the oldest failures, which an
// attacker can only force with more distinct addresses and usernames than this within one lockout.
inline constexpr int64_t login_throttle_rows_max = 100'000;

struct ThrottlePolicy {
    int64_t account_failures_max = 5;   // failures on one username before it is guarded
    int64_t address_failures_max = 20;  // failures from one address before it is refused
    int64_t lockout_ms = 15 * 60 * 1000;
    int64_t rows_max = login_throttle_rows_max;  // smaller only in tests of the eviction
};

// The source address a sign-in is counted under: "address:" + the IP without port (IPv4, or an IPv6
// /64 prefix; an IPv4-mapped IPv6 address counts as its IPv4); an unparsable address as given.
std::string address_throttle_key(std::string_view remote_address);
// "account:" + the username trimmed of ASCII white space and lower-cased.
std::string account_throttle_key(std::string_view username);

class LoginThrottle {
public:
    explicit LoginThrottle(ThrottlePolicy policy);

    // Milliseconds before this address may try this username (0: now). Reads only.
    Result<int64_t> wait_ms(store::Tx& tx, const std::string& address_key, const std::string& account_key,
                            int64_t now_ms) const;
    // Counts one failure under both keys, mirrors the account's guard into users.locked_until_ms (a
    // no-op for an unknown username: the same statements run either way) and bounds the table.
    Result<void> record_failure(store::Tx& tx, const std::string& address_key, const std::string& account_key,
                                int64_t now_ms) const;
    // Forgets both keys' failures.
    Result<void> record_success(store::Tx& tx, const std::string& address_key, const std::string& account_key) const;

    const ThrottlePolicy& policy() const { return policy_; }

private:
    // Adds one failure to `key` (restarting a forgotten count); returns its locked_until_ms.
    Result<int64_t> count_failure(store::Tx& tx, const std::string& key, int64_t failures_max, int64_t now_ms) const;
    Result<void> bound_table(store::Tx& tx, int64_t now_ms) const;

    ThrottlePolicy policy_;
};

}  // namespace kl::access
