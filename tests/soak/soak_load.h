#pragma once
// The mixed write load of the crash soak (README "make soak"), sent over HTTP to a server on a demo
// database, and the checks made after the server was killed (or the power cut) and started again.
//
// Four kinds of write, each as its user sends it:
//   order       POST /api/v1/orders as the demo buyer, with an Idempotency-Key (201);
//   chain       POST /api/v1/ledger/transfers as the fund officer: three linked transfers
//               source → master → zero-balance account → payee, all or none, with an Idempotency-Key;
//   import      POST /api/v1/imports/offers as the admin: a CSV of three offers, all rows or none;
//   allocation  POST /api/v1/allocations as the fund officer, with an Idempotency-Key (202: a run).
// A write is acknowledged when its 2xx answer arrived. After the restart, check() proves for every
// write acknowledged since the last check: it is there (the order, the three transfers, the three
// offers, the run), and a retry with the same key and body answers exactly the first answer (status
// and body; an import, which has no key, re-imports as "unchanged"). A chain or import sent but never
// answered is there whole or not at all. The payee's balance is the sum of every chain applied so far.
//
// Used by tests/soak/soak_main.cpp (make soak) and the short power-loss test in CI.

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace httplib {
class Client;
}

namespace kl::soak {

enum class WriteKind { order, chain, import, allocation };
inline constexpr size_t write_kind_count = 4;
const char* kind_name(WriteKind kind);

// What one check found; `problems` holds the first messages, for the failure report.
struct Findings {
    std::array<int64_t, write_kind_count> acknowledged{};
    int64_t unanswered = 0;        // sent, no 2xx answer (the kill, or a refusal)
    int64_t unanswered_applied = 0;  // chains and imports among those that are there (whole)
    int64_t lost = 0;              // acknowledged, not there (or a wrong balance)
    int64_t half_applied = 0;      // a chain or import partly there
    int64_t retry_mismatches = 0;  // a retry answered other than the first time
    std::vector<std::string> problems;
    void problem(const std::string& text);
};

// The figures of a run over one database.
struct Totals {
    int64_t cycles = 0;
    std::array<int64_t, write_kind_count> acknowledged{};
    int64_t unanswered = 0;
    int64_t unanswered_applied = 0;
    int64_t lost = 0;
    int64_t half_applied = 0;
    int64_t retry_mismatches = 0;
    int64_t verify_failures = 0;
    std::vector<std::string> problems;

    void add(const Findings& findings);
    int64_t acknowledged_total() const;
    bool clean() const { return lost == 0 && half_applied == 0 && retry_mismatches == 0 && verify_failures == 0; }
    std::string text(const std::string& database) const;
};

class SoakLoad {
public:
    explicit SoakLoad(uint64_t seed);

    // On a freshly started server: signs in the demo's admin, fund officer and buyer, and (once per
    // database) finds an order and an offer to model writes on and opens the chains' ledger
    // accounts. Throws std::runtime_error when the database is not a demo it can load.
    void prepare(int port);
    // `threads` clients send mixed writes until `stop` or until the server stops answering.
    void run(int port, int threads, const std::atomic<bool>& stop);
    // On the restarted server: checks every write recorded since the previous check (see above).
    Findings check(int port);

    struct Write {
        WriteKind kind = WriteKind::order;
        std::string role;  // whose token sends it: "admin", "fund" or "buyer"
        std::string path;
        std::string key;   // Idempotency-Key, empty for an import
        std::string content_type;
        std::string body;
        int status = 0;    // the first answer; 0 while none came
        std::string reply;
        std::string id;    // the order's or run's id; the chain's number for a chain
        bool acknowledged = false;
    };

private:
    void open_accounts(httplib::Client& client);
    void find_order_template(httplib::Client& client);
    void find_offer_template(httplib::Client& client);
    std::string key_for(const char* what, uint64_t n) const;
    Write next_write(std::mt19937_64& random);
    Write order_write(uint64_t n);
    Write chain_write(uint64_t n);
    Write import_write(uint64_t n);
    Write allocation_write(uint64_t n);
    void client_loop(int port, uint64_t seed, const std::atomic<bool>& stop);
    void check_write(httplib::Client& client, const Write& write, Findings& findings);
    void check_unanswered(httplib::Client& client, const Write& write, Findings& findings);
    int chain_legs_present(httplib::Client& client, uint64_t chain);

    uint64_t seed_;
    uint64_t nonce_;  // in every key and reference, so two runs over one database never collide
    std::string admin_token_, fund_token_, buyer_token_;
    std::string order_template_;   // a NewOrder body, its note left for the write
    std::string offer_header_;     // the offers sheet's header line
    std::vector<std::string> offer_cells_;  // one offer row's cells; ref_column_ is replaced
    size_t ref_column_ = 0;
    bool accounts_opened_ = false;
    std::atomic<uint64_t> next_number_{1};
    std::atomic<int> allocations_this_cycle_{0};
    int64_t chains_applied_ = 0;  // every chain that is there, over every cycle: the payee's balance / 100
    std::mutex mutex_;
    std::vector<Write> writes_;  // since the last check
};

}  // namespace kl::soak
