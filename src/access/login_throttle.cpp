#include "access/login_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <optional>
#include <cctype>

#include "access/access_repo.h"
#include "core/assert.h"
#include "core/identifier.h"

namespace kl::access {

namespace {

constexpr std::string_view address_prefix = "address:";
constexpr std::string_view account_prefix = "account:";
// IPv6 subscribers are usually given a whole /64, so its 8 leading bytes name one client.
constexpr size_t ipv6_client_prefix_bytes = 8;
// An address we cannot parse is kept as given, cut to this much (an IPv6 text is at most 45).
constexpr size_t raw_address_chars_max = 64;

std::string ipv6_prefix_text(const std::array<unsigned char, 16>& bytes) {
    // ::ffff:a.b.c.d is an IPv4 client reached over an IPv6 socket: count it as that IPv4 address.
    static constexpr std::array<unsigned char, 12> mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mapped.begin(), mapped.end(), bytes.begin())) {
        char text[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, bytes.data() + mapped.size(), text, sizeof text);
        return text;
    }
    std::array<unsigned char, 16> prefix{};
    std::copy_n(bytes.begin(), ipv6_client_prefix_bytes, prefix.begin());
    char text[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET6, prefix.data(), text, sizeof text);
    return std::string(text) + "/64";
}

// The IP of `text` if it is one (no port): IPv4 as is, IPv6 as its /64 prefix.
std::optional<std::string> parse_ip(const std::string& text) {
    std::array<unsigned char, 16> bytes{};
    if (::inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return text;
    if (::inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) return ipv6_prefix_text(bytes);
    return std::nullopt;
}

}  // namespace

// The server writes "<ip>:<port>" (IPv6 without brackets), so a trailing ":<digits>" is read as the
// port first; "[ip]:port" and a bare IP are accepted too.
std::string address_throttle_key(std::string_view remote_address) {
    std::string host(remote_address);
    if (!host.empty() && host.front() == '[') {
        const size_t close = host.find(']');
        host = host.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    } else if (const size_t colon = host.rfind(':'); colon != std::string::npos && colon + 1 < host.size() &&
               host.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        if (auto ip = parse_ip(host.substr(0, colon))) return std::string(address_prefix) + *ip;
    }
    if (auto ip = parse_ip(host)) return std::string(address_prefix) + *ip;
    return std::string(address_prefix) + std::string(remote_address.substr(0, raw_address_chars_max));
}

std::string account_throttle_key(std::string_view username) {
    // The same key the sign-in looks the user up by (core/identifier.h: NFKC, case-folded, trimmed),
    // so "Alice", "alice " and a full-width "ａｌｉｃｅ" count against one account.
    return std::string(account_prefix) + identifier_key(username);
}

LoginThrottle::LoginThrottle(ThrottlePolicy policy) : policy_(policy) {
    KL_ASSERT(policy_.account_failures_max > 0);
    KL_ASSERT(policy_.address_failures_max > 0);
    KL_ASSERT(policy_.lockout_ms >= 0);
    KL_ASSERT(policy_.rows_max > 0);
}

Result<int64_t> LoginThrottle::wait_ms(store::Tx& tx, const std::string& address_key,
                                       const std::string& account_key, int64_t now_ms) const {
    // Rows whose last failure is older than the lockout are forgotten, whether or not purged yet.
    KL_TRY_ASSIGN(auto rows, recent_throttle_rows(tx, address_key, account_key, now_ms - policy_.lockout_ms));
    int64_t address_failures = 0;
    int64_t address_locked_until = 0;
    int64_t account_locked_until = 0;
    for (const auto& row : rows) {
        if (row.key == address_key) {
            address_failures = row.failures;
            address_locked_until = row.locked_until_ms;
        } else {
            account_locked_until = row.locked_until_ms;
        }
    }
    int64_t wait = 0;
    if (address_locked_until > now_ms) wait = address_locked_until - now_ms;
    // A guarded username is open only to addresses that have not failed lately.
    if (account_locked_until > now_ms && address_failures > 0) wait = std::max(wait, account_locked_until - now_ms);
    return wait;
}

Result<int64_t> LoginThrottle::count_failure(store::Tx& tx, const std::string& key, int64_t failures_max,
                                             int64_t now_ms) const {
    return count_throttle_failure(tx, key, now_ms, now_ms - policy_.lockout_ms, failures_max, now_ms + policy_.lockout_ms);
}

Result<void> LoginThrottle::record_failure(store::Tx& tx, const std::string& address_key,
                                           const std::string& account_key, int64_t now_ms) const {
    KL_TRY_ASSIGN(int64_t address_locked_until, count_failure(tx, address_key, policy_.address_failures_max, now_ms));
    (void)address_locked_until;  // read at the next attempt (wait_ms)
    KL_TRY_ASSIGN(int64_t guarded_until, count_failure(tx, account_key, policy_.account_failures_max, now_ms));
    // Shown to admins as the user's locked_until; the same statement runs for a username nobody has.
    KL_TRY(raise_user_lock(tx, account_key.substr(account_prefix.size()), guarded_until));
    return bound_table(tx, now_ms);
}

Result<void> LoginThrottle::bound_table(store::Tx& tx, int64_t now_ms) const {
    return bound_throttle_rows(tx, now_ms - policy_.lockout_ms, policy_.rows_max);
}

Result<void> LoginThrottle::record_success(store::Tx& tx, const std::string& address_key,
                                           const std::string& account_key) const {
    return forget_throttle_keys(tx, {address_key, account_key});
}

}  // namespace kl::access
