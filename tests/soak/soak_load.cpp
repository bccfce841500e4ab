#include "soak/soak_load.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kl::soak {

namespace {

using nlohmann::json;

// Generous: an allocation solve or a group commit on a loaded two-core machine may take seconds,
// and a late answer must not be mistaken for a dead server.
constexpr int read_timeout_s = 60;
constexpr size_t problems_kept_max = 20;
constexpr int import_rows = 3;
constexpr int chain_legs = 3;
constexpr int64_t chain_amount_fen = 100;
// One allocation run at a time is plenty: each solves the whole demo market on the server's CPU.
constexpr int allocations_per_cycle_max = 2;
// Kinds by weight (percent): mostly the cheap, frequent writes, now and then an import or a run.
constexpr std::array<int, write_kind_count> kind_weights = {40, 45, 12, 3};

// The chains' accounts, in an id range the demo's ledger never uses.
constexpr uint64_t soak_account_base = 0x50a0c00000000000ULL;
constexpr uint64_t soak_transfer_base = 0x50a0d00000000000ULL;

std::string ledger_id(uint64_t n) {
    char text[33];
    std::snprintf(text, sizeof text, "%032llx", static_cast<unsigned long long>(n));
    return text;
}

// A day as YYYY-MM-DD in Shanghai (UTC+8), `days` from today.
std::string shanghai_day(int days) {
    const auto now = std::chrono::system_clock::now() + std::chrono::hours(8) + std::chrono::hours(24) * days;
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[11];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

struct Reply {
    int status = 0;  // 0: no answer
    std::string body;
};

std::unique_ptr<httplib::Client> client_for(int port) {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_connection_timeout(2, 0);
    client->set_read_timeout(read_timeout_s, 0);
    client->set_write_timeout(read_timeout_s, 0);
    return client;
}

Reply answer(const httplib::Result& result) {
    if (!result) return {};
    return {result->status, result->body};
}

Reply call(httplib::Client& client, const std::string& token, const std::string& method, const std::string& path,
           const std::string& body = "", const std::string& content_type = "application/json", const std::string& key = "") {
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    if (!key.empty()) headers.emplace("Idempotency-Key", key);
    if (method == "GET") return answer(client.Get(path, headers));
    return answer(client.Post(path, headers, body, content_type));
}

std::string sign_in(int port, const std::string& username, const std::string& password) {
    auto client = client_for(port);
    const json credentials = {{"username", username}, {"password", password}};
    auto reply = answer(client->Post("/api/v1/sessions", credentials.dump(), "application/json"));
    if (reply.status != 201) throw std::runtime_error("sign-in of " + username + ": " + std::to_string(reply.status) + " " + reply.body);
    return json::parse(reply.body).at("token").get<std::string>();
}

json parse_or_null(const std::string& text) { return json::parse(text, nullptr, false); }

SoakLoad::Write make_write(WriteKind kind, const char* role, const char* path, std::string key, std::string body) {
    SoakLoad::Write w;
    w.kind = kind;
    w.role = role;
    w.path = path;
    w.key = std::move(key);
    w.content_type = "application/json";
    w.body = std::move(body);
    return w;
}

}  // namespace

const char* kind_name(WriteKind kind) {
    switch (kind) {
        case WriteKind::order: return "orders";
        case WriteKind::chain: return "linked chains";
        case WriteKind::import: return "imports";
        case WriteKind::allocation: return "allocation runs";
    }
    return "?";
}

void Findings::problem(const std::string& text) {
    if (problems.size() < problems_kept_max) problems.push_back(text);
}

void Totals::add(const Findings& findings) {
    ++cycles;
    for (size_t k = 0; k < write_kind_count; ++k) acknowledged[k] += findings.acknowledged[k];
    unanswered += findings.unanswered;
    unanswered_applied += findings.unanswered_applied;
    lost += findings.lost;
    half_applied += findings.half_applied;
    retry_mismatches += findings.retry_mismatches;
    for (const auto& p : findings.problems) {
        if (problems.size() < problems_kept_max) problems.push_back(p);
    }
}

int64_t Totals::acknowledged_total() const {
    int64_t sum = 0;
    for (auto n : acknowledged) sum += n;
    return sum;
}

std::string Totals::text(const std::string& database) const {
    std::ostringstream out;
    out << database << ": " << cycles << " cycles, " << acknowledged_total() << " acknowledged writes (";
    for (size_t k = 0; k < write_kind_count; ++k) {
        out << (k ? ", " : "") << acknowledged[k] << " " << kind_name(static_cast<WriteKind>(k));
    }
    out << "), " << unanswered << " sent and not acknowledged (" << unanswered_applied
        << " chains or imports of them applied whole); lost " << lost << ", half-applied " << half_applied
        << ", retries answering otherwise " << retry_mismatches << ", verify failures " << verify_failures;
    for (const auto& p : problems) out << "\n  " << p;
    return out.str();
}

SoakLoad::SoakLoad(uint64_t seed) : seed_(seed), nonce_(std::mt19937_64(seed)() % 1'000'000'000ULL) {}

void SoakLoad::prepare(int port) {
    admin_token_ = sign_in(port, "admin", "kashlink-admin");
    fund_token_ = sign_in(port, "fund", "kashlink-fund");
    buyer_token_ = sign_in(port, "buyer", "kashlink-buyer");
    allocations_this_cycle_ = 0;
    auto client = client_for(port);
    if (!accounts_opened_) open_accounts(*client);
    if (order_template_.empty()) find_order_template(*client);
    if (offer_cells_.empty()) find_offer_template(*client);
}

void SoakLoad::open_accounts(httplib::Client& client) {
    const json accounts = {
        {"accounts",
         {{{"id", ledger_id(soak_account_base + 1)}, {"ledger", "cash"}, {"code", 1}, {"name", "soak source"}},
          {{"id", ledger_id(soak_account_base + 2)}, {"ledger", "cash"}, {"code", 10}, {"name", "soak master"},
           {"flags", {"debits_must_not_exceed_credits"}}},
          {{"id", ledger_id(soak_account_base + 3)}, {"ledger", "cash"}, {"code", 20}, {"name", "soak zba"}, {"flags", {"zero_balance"}}},
          {{"id", ledger_id(soak_account_base + 4)}, {"ledger", "cash"}, {"code", 40}, {"name", "soak payee"}}}}};
    auto made = call(client, fund_token_, "POST", "/api/v1/ledger/accounts", accounts.dump());
    if (made.status != 200) throw std::runtime_error("soak accounts: " + std::to_string(made.status) + " " + made.body);
    accounts_opened_ = true;
}

// A demo order the buyer placed on a channel that starts confirmed, placed once more as a probe: the
// model of every soak order.
void SoakLoad::find_order_template(httplib::Client& client) {
    auto listed = call(client, buyer_token_, "GET", "/api/v1/orders?limit=50");
    if (listed.status != 200) throw std::runtime_error("orders list: " + std::to_string(listed.status) + " " + listed.body);
    const json orders = json::parse(listed.body);  // kept alive for the loop
    for (const auto& item : orders.at("items")) {
        if (item.at("channel") == "fair_intent") continue;
        auto full = call(client, buyer_token_, "GET", "/api/v1/orders/" + item.at("id").get<std::string>());
        if (full.status != 200) continue;
        const json order = json::parse(full.body);
        json lines = json::array();
        for (const auto& line : order.at("lines")) {
            lines.push_back({{"product_id", line.at("product_id")}, {"grade", line.at("grade")},
                             {"quantity", line.at("quantity")}, {"unit_price_fen", line.at("unit_price_fen")}});
        }
        const json body = {{"buyer_id", order.at("buyer_id")}, {"seller_id", order.at("seller_id")},
                           {"channel", order.at("channel")},   {"delivery_district", order.at("delivery_district")},
                           {"delivery_date", shanghai_day(7)}, {"lines", lines}};
        auto tried = call(client, buyer_token_, "POST", "/api/v1/orders", body.dump(), "application/json",
                          "soak-probe-" + std::to_string(nonce_) + "-" + order.at("id").get<std::string>());
        if (tried.status == 201) {
            order_template_ = body.dump();
            break;
        }
    }
    if (order_template_.empty()) throw std::runtime_error("no demo order of the buyer to model orders on");
}

// A demo offer's product, grade and origin, imported once as a probe: the model of every soak import.
void SoakLoad::find_offer_template(httplib::Client& client) {
    auto listed = call(client, admin_token_, "GET", "/api/v1/offers?limit=20");
    if (listed.status != 200) throw std::runtime_error("offers list: " + std::to_string(listed.status) + " " + listed.body);
    offer_header_ = "org_id,ref,product_id,grade,quantity_g,price_fen_per_kg,available_from,available_to,packed_on,origin_node_id\r\n";
    ref_column_ = 1;
    std::string last_refusal;
    const json offers = json::parse(listed.body);  // kept alive for the loop
    for (const auto& offer : offers.at("items")) {
        offer_cells_ = {offer.at("org_id").get<std::string>(),
                        "",
                        offer.at("product_id").get<std::string>(),
                        offer.at("grade").get<std::string>(),
                        std::to_string(offer.at("quantity_g").get<int64_t>()),
                        std::to_string(offer.at("price_fen_per_kg").get<int64_t>()),
                        shanghai_day(0),
                        shanghai_day(10),
                        shanghai_day(0),
                        offer.at("origin_node_id").get<std::string>()};
        Write probe = import_write(0);
        auto tried = call(client, admin_token_, "POST", probe.path, probe.body, probe.content_type);
        if (tried.status == 200) break;
        last_refusal = tried.body;
        offer_cells_.clear();
    }
    if (offer_cells_.empty()) throw std::runtime_error("no demo offer to model imports on: " + last_refusal);
}

std::string SoakLoad::key_for(const char* what, uint64_t n) const {
    return "soak-" + std::to_string(nonce_) + "-" + what + "-" + std::to_string(n);
}

SoakLoad::Write SoakLoad::order_write(uint64_t n) {
    json body = json::parse(order_template_);
    body["note"] = key_for("order", n);
    return make_write(WriteKind::order, "buyer", "/api/v1/orders", key_for("order", n), body.dump());
}

SoakLoad::Write SoakLoad::chain_write(uint64_t n) {
    const uint64_t first = soak_transfer_base + n * chain_legs;
    auto leg = [&](uint64_t i, uint64_t debit, uint64_t credit, bool linked) {
        json t = {{"id", ledger_id(first + i)},
                  {"debit_account_id", ledger_id(soak_account_base + debit)},
                  {"credit_account_id", ledger_id(soak_account_base + credit)},
                  {"amount", chain_amount_fen},
                  {"ledger", "cash"},
                  {"code", 1}};
        if (linked) t["flags"] = {"linked"};
        return t;
    };
    const json body = {{"transfers", {leg(0, 1, 2, true), leg(1, 2, 3, true), leg(2, 3, 4, false)}}};
    Write w = make_write(WriteKind::chain, "fund", "/api/v1/ledger/transfers", key_for("chain", n), body.dump());
    w.id = std::to_string(n);
    return w;
}

// No key: an import is idempotent by its rows' references (re-importing changes nothing).
SoakLoad::Write SoakLoad::import_write(uint64_t n) {
    std::string csv = offer_header_;
    for (int row = 0; row < import_rows; ++row) {
        std::vector<std::string> cells = offer_cells_;
        cells[ref_column_] = key_for("offer", n) + "-" + std::to_string(row);
        for (size_t c = 0; c < cells.size(); ++c) csv += (c ? "," : "") + cells[c];
        csv += "\r\n";
    }
    Write w = make_write(WriteKind::import, "admin", "/api/v1/imports/offers", "", std::move(csv));
    w.content_type = "text/csv";
    return w;
}

SoakLoad::Write SoakLoad::allocation_write(uint64_t n) {
    return make_write(WriteKind::allocation, "fund", "/api/v1/allocations", key_for("run", n), "");
}

SoakLoad::Write SoakLoad::next_write(std::mt19937_64& random) {
    int pick = std::uniform_int_distribution<int>(0, 99)(random);
    size_t kind = 0;
    while (pick >= kind_weights[kind]) pick -= kind_weights[kind++];
    if (static_cast<WriteKind>(kind) == WriteKind::allocation && ++allocations_this_cycle_ > allocations_per_cycle_max) {
        kind = static_cast<size_t>(WriteKind::chain);
    }
    const uint64_t n = next_number_++;
    switch (static_cast<WriteKind>(kind)) {
        case WriteKind::order: return order_write(n);
        case WriteKind::chain: return chain_write(n);
        case WriteKind::import: return import_write(n);
        case WriteKind::allocation: return allocation_write(n);
    }
    return chain_write(n);
}

void SoakLoad::client_loop(int port, uint64_t seed, const std::atomic<bool>& stop) {
    std::mt19937_64 random(seed);
    auto client = client_for(port);
    while (!stop) {
        Write w = next_write(random);
        const std::string& token = w.role == "admin" ? admin_token_ : w.role == "fund" ? fund_token_ : buyer_token_;
        // Recorded before it is sent: a write the kill cuts off is checked as "whole or not at all".
        size_t index = 0;
        {
            std::lock_guard lock(mutex_);
            writes_.push_back(w);
            index = writes_.size() - 1;
        }
        const Reply reply = call(*client, token, "POST", w.path, w.body, w.content_type, w.key);
        if (reply.status == 0) return;  // the server is gone
        std::lock_guard lock(mutex_);
        Write& recorded = writes_[index];
        recorded.status = reply.status;
        recorded.reply = reply.body;
        if (reply.status < 200 || reply.status >= 300) continue;
        const json body = parse_or_null(reply.body);
        if (w.kind == WriteKind::chain) {
            bool all_ok = body.is_object() && body.contains("results");
            if (all_ok) {
                for (const auto& r : body.at("results")) all_ok = all_ok && r.value("result", "") == "ok";
            }
            recorded.acknowledged = all_ok;
        } else if (w.kind == WriteKind::import) {
            recorded.acknowledged = body.is_object() && body.value("created", -1) == import_rows;
        } else {
            recorded.acknowledged = body.is_object() && body.contains("id");
            if (recorded.acknowledged) recorded.id = body.at("id").get<std::string>();
        }
    }
}

void SoakLoad::run(int port, int threads, const std::atomic<bool>& stop) {
    std::vector<std::thread> clients;
    for (int t = 0; t < threads; ++t) {
        clients.emplace_back([this, port, t, &stop] { client_loop(port, seed_ * 1000003ULL + next_number_ + static_cast<uint64_t>(t), stop); });
    }
    for (auto& c : clients) c.join();
}

int SoakLoad::chain_legs_present(httplib::Client& client, uint64_t chain) {
    int present = 0;
    for (int leg = 0; leg < chain_legs; ++leg) {
        const auto reply = call(client, fund_token_, "GET", "/api/v1/ledger/transfers/" + ledger_id(soak_transfer_base + chain * chain_legs + static_cast<uint64_t>(leg)));
        if (reply.status == 0) throw std::runtime_error("the restarted server does not answer");
        present += reply.status == 200 ? 1 : 0;
    }
    return present;
}

void SoakLoad::check_write(httplib::Client& client, const Write& w, Findings& findings) {
    const std::string& token = w.role == "admin" ? admin_token_ : w.role == "fund" ? fund_token_ : buyer_token_;
    ++findings.acknowledged[static_cast<size_t>(w.kind)];
    if (w.kind == WriteKind::import) {
        const Reply again = call(client, token, "POST", w.path, w.body, w.content_type);
        const json body = parse_or_null(again.body);
        const bool whole = again.status == 200 && body.is_object() && body.value("created", -1) == 0 && body.value("unchanged", -1) == import_rows;
        if (!whole) {
            ++findings.lost;
            findings.problem("acknowledged import lost: re-import answered " + std::to_string(again.status) + " " + again.body);
        }
        return;
    }
    if (w.kind == WriteKind::chain) {
        const int present = chain_legs_present(client, std::stoull(w.id));
        ++chains_applied_;
        if (present != chain_legs) {
            ++findings.lost;
            findings.problem("acknowledged chain " + w.id + " lost: " + std::to_string(present) + " of 3 transfers there");
        }
    } else {
        const std::string what = w.kind == WriteKind::order ? "/api/v1/orders/" : "/api/v1/allocations/";
        const Reply got = call(client, token, "GET", what + w.id);
        if (got.status != 200) {
            ++findings.lost;
            findings.problem(std::string("acknowledged ") + kind_name(w.kind) + " " + w.id + " lost: GET answered " + std::to_string(got.status));
        }
    }
    const Reply retry = call(client, token, "POST", w.path, w.body, w.content_type, w.key);
    if (retry.status != w.status || retry.body != w.reply) {
        ++findings.retry_mismatches;
        findings.problem("retry of " + w.key + " answered " + std::to_string(retry.status) + " " + retry.body.substr(0, 200) +
                         ", first " + std::to_string(w.status) + " " + w.reply.substr(0, 200));
    }
}

void SoakLoad::check_unanswered(httplib::Client& client, const Write& w, Findings& findings) {
    ++findings.unanswered;
    if (w.kind == WriteKind::chain) {
        const int present = chain_legs_present(client, std::stoull(w.id));
        if (present == chain_legs) {
            ++findings.unanswered_applied;
            ++chains_applied_;
        } else if (present != 0) {
            ++findings.half_applied;
            findings.problem("chain " + w.id + " half-applied: " + std::to_string(present) + " of 3 transfers there");
        }
    } else if (w.kind == WriteKind::import) {
        const Reply again = call(client, admin_token_, "POST", w.path, w.body, w.content_type);
        const json body = parse_or_null(again.body);
        const int64_t created = body.is_object() ? body.value("created", int64_t{-1}) : -1;
        if (again.status == 200 && created == 0) {
            ++findings.unanswered_applied;
        } else if (again.status != 200 || created != import_rows) {
            // Some rows were there, some not (or the re-import failed): the file was half imported.
            ++findings.half_applied;
            findings.problem("import half-applied: re-import answered " + std::to_string(again.status) + " " + again.body);
        }
    }
}

Findings SoakLoad::check(int port) {
    admin_token_ = sign_in(port, "admin", "kashlink-admin");
    fund_token_ = sign_in(port, "fund", "kashlink-fund");
    buyer_token_ = sign_in(port, "buyer", "kashlink-buyer");
    std::vector<Write> writes;
    {
        std::lock_guard lock(mutex_);
        writes.swap(writes_);
    }
    Findings findings;
    auto client = client_for(port);
    for (const auto& w : writes) {
        if (w.acknowledged) {
            check_write(*client, w, findings);
        } else {
            // Cut off by the kill, failed as the server died, or refused: whole or nothing.
            check_unanswered(*client, w, findings);
        }
    }
    const Reply payee = call(*client, fund_token_, "GET", "/api/v1/ledger/accounts/" + ledger_id(soak_account_base + 4));
    const json account = parse_or_null(payee.body);
    const int64_t credits = account.is_object() ? account.value("credits_posted", int64_t{-1}) : -1;
    if (credits != chains_applied_ * chain_amount_fen) {
        ++findings.lost;
        findings.problem("payee balance " + std::to_string(credits) + " fen, expected " + std::to_string(chains_applied_ * chain_amount_fen) +
                         " (" + std::to_string(chains_applied_) + " chains applied)");
    }
    return findings;
}

}  // namespace kl::soak
