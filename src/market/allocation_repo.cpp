#include "market/allocation_repo.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "catalog/certification_repo.h"
#include "market/lane_repo.h"
#include "store/list_window.h"
#include "store/sql.h"
#include "store/stored.h"
#include "store/work_queue.h"

namespace kl::market {

namespace {

// Rows per INSERT statement when storing proposals: several rows per statement save round trips
// (PostgreSQL) and statement steps. Full batches share one SQL text, so the prepared statement is
// reused. (It was 8 while the SQLite adapter bound parameters by name, quadratic in their number.)
constexpr size_t proposal_rows_per_insert = 100;
constexpr size_t unmet_rows_per_insert = 200;  // 5 columns: 1,000 parameters per statement
// The category tree is shallow; a longer chain would be a cycle, which the catalog refuses.
constexpr int category_depth_max = 32;
// Product ids per `IN (…)` list when reading the offered products: far below SQLite's 32,766 and
// PostgreSQL's 65,535 parameters, and one query for any ordinary market (the demo has 500 products).
constexpr size_t product_ids_per_query = 1000;

// What the engine needs of an offered product (allocation_model.h), read once per product rather
// than joined into each of its offers.
struct OfferedProduct {
    int64_t shelf_life_days = 0;
    catalog::ColdChain cold_chain = catalog::ColdChain::ambient;
    std::string category_id;
    bool aided = false;
    ChannelMask channels = 0;                  // none until product_channels lists one
    std::vector<std::pair<std::string, int64_t>> grade_ranks;  // grade code, rank
};

// The products of `ids` with their grades, aid certification on `day` and sales channels.
Result<std::unordered_map<std::string, OfferedProduct>> offered_products(store::Tx& tx, const std::string& day,
                                                                          const std::vector<std::string>& ids) {
    std::unordered_map<std::string, OfferedProduct> products;
    KL_TRY(store::query_by_ids(
        tx,
        "SELECT p.id, p.shelf_life_days, p.cold_chain, p.category_id, g.code, g.grade_rank, CASE WHEN " +
            catalog::certified_on_condition("p.id", "$1") +
            " THEN 1 ELSE 0 END AS aided FROM products p JOIN product_grades g ON g.product_id = p.id WHERE p.id",
        "", {day}, ids, product_ids_per_query, [&](const store::Row& row) -> Result<void> {
            OfferedProduct& product = products[row.text(0)];
            product.shelf_life_days = row.is_null(1) ? 0 : row.i64(1);
            product.cold_chain = row.is_null(2) ? catalog::ColdChain::ambient : store::stored_enum<catalog::ColdChain>(row.text(2));
            product.category_id = row.text(3);
            product.aided = row.i64(6) == 1;
            product.grade_ranks.emplace_back(row.text(4), row.i64(5));
            return ok();
        }));
    KL_TRY(store::query_by_ids(tx, "SELECT c.product_id, c.channel FROM product_channels c WHERE c.product_id", "", {},
                               ids, product_ids_per_query, [&](const store::Row& row) -> Result<void> {
                            KL_TRY_ASSIGN(catalog::SalesChannel channel, parse_enum<catalog::SalesChannel>(row.text(1), "channel"));
                            if (auto found = products.find(row.text(0)); found != products.end()) {
                                found->second.channels |= channel_bit(channel);
                            }
                            return ok();
                        }));
    return products;
}

Result<std::unordered_map<std::string, std::vector<std::string>>> category_paths(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, parent_id FROM categories"));
    std::unordered_map<std::string, std::optional<std::string>> parent;
    for (const auto& row : rows) parent[row.text("id")] = row.opt_text("parent_id");
    std::unordered_map<std::string, std::vector<std::string>> paths;
    for (const auto& [id, ignored] : parent) {
        std::vector<std::string>& path = paths[id];
        std::optional<std::string> at = id;
        for (int depth = 0; at && depth < category_depth_max; ++depth) {
            path.push_back(*at);
            auto up = parent.find(*at);
            at = up == parent.end() ? std::nullopt : up->second;
        }
    }
    return paths;
}

const std::string confirmed_sum =
    "CAST(COALESCE((SELECT SUM(a.quantity_g) FROM allocation_proposals a WHERE a.{col} = x.id AND "
    "a.status = 'confirmed'{extra}), 0) AS BIGINT)";

std::string confirmed(const std::string& column, const std::string& extra = "") {
    std::string text = confirmed_sum;
    text.replace(text.find("{col}"), 5, column);
    text.replace(text.find("{extra}"), 7, extra);
    return text;
}

Run run_from_row(const store::Row& row) {
    Run run;
    run.id = row.text("id");
    run.status = parse_run_status(row.text("status")).value();
    run.as_of = store::stored_date(row.text("as_of"));
    run.requested_by = row.opt_text("requested_by");
    run.requested_at_ms = row.i64("requested_at_ms");
    run.started_at_ms = row.opt_i64("started_at_ms");
    run.finished_at_ms = row.opt_i64("finished_at_ms");
    run.error = row.opt_text("error");
    RunTotals& t = run.totals;
    t.offer_count = row.i64("offer_count");
    t.demand_count = row.i64("demand_count");
    t.arc_count = row.i64("arc_count");
    t.proposal_count = row.i64("proposal_count");
    t.penalty_fen_per_kg = row.i64("penalty_fen_per_kg");
    t.demanded_g = row.i64("demanded_g");
    t.allocated_g = row.i64("allocated_g");
    t.unmet_g = row.i64("unmet_g");
    t.aided_shortfall_g = row.i64("aided_shortfall_g");
    t.delivered_cost_mfen = row.i64("delivered_cost_mfen");
    t.objective_mfen = row.i64("objective_mfen");
    return run;
}

std::optional<Decision> decision_column(const store::Row& row, const char* column) {
    auto text = row.opt_text(column);
    if (!text) return std::nullopt;
    return *text == "accepted" ? Decision::accepted : Decision::declined;
}

Proposal proposal_from_row(const store::Row& row) {
    Proposal p;
    p.id = row.text("id");
    p.run_id = row.text("run_id");
    p.offer_id = row.text("offer_id");
    p.demand_id = row.text("demand_id");
    p.seller_org_id = row.text("seller_org_id");
    p.buyer_org_id = row.text("buyer_org_id");
    p.product_id = row.text("product_id");
    p.grade = row.text("grade");
    p.district = row.text("district_code");
    p.lane_id = row.text("lane_id");
    p.mode = parse_mode(row.text("mode")).value();
    p.quantity_g = row.i64("quantity_g");
    p.offer_price_fen_per_kg = row.i64("offer_price_fen_per_kg");
    p.freight_fen_per_kg = row.i64("freight_fen_per_kg");
    p.delivered_price_fen_per_kg = row.i64("delivered_price_fen_per_kg");
    p.departure_date = store::stored_date(row.text("departure_date"));
    p.arrival_date = store::stored_date(row.text("arrival_date"));
    p.shelf_life_left_days = row.i64("shelf_life_left_days");
    p.aided = row.i64("aided") == 1;
    const std::string status = row.text("status");
    p.status = status == "proposed" ? ProposalStatus::proposed
               : status == "declined" ? ProposalStatus::declined
                                      : ProposalStatus::confirmed;
    p.seller_decision = decision_column(row, "seller_decision");
    p.buyer_decision = decision_column(row, "buyer_decision");
    p.order_id = row.opt_text("order_id");
    p.updated_at_ms = row.i64("updated_at_ms");
    p.names = {row.text("product_name_zh"), row.text("product_name_en"), row.text("seller_name"), row.text("seller_name_en"),
               row.text("buyer_name"), row.text("buyer_name_en"), row.opt_text("origin_name_zh").value_or(""),
               row.opt_text("origin_name_en").value_or(""), row.opt_text("destination_name_zh").value_or(""),
               row.opt_text("destination_name_en").value_or("")};
    return p;
}

constexpr std::string_view run_select = "SELECT * FROM allocation_runs";
// A proposal with the names its readers decide by: the product, both organisations, the lane's ends.
constexpr std::string_view proposal_select =
    "SELECT p.*, pr.name_zh AS product_name_zh, pr.name_en AS product_name_en, s.name AS seller_name, "
    "s.name_en AS seller_name_en, b.name AS buyer_name, b.name_en AS buyer_name_en, o.name_zh AS origin_name_zh, "
    "o.name_en AS origin_name_en, d.name_zh AS destination_name_zh, d.name_en AS destination_name_en "
    "FROM allocation_proposals p JOIN products pr ON pr.id = p.product_id "
    "JOIN organisations s ON s.id = p.seller_org_id JOIN organisations b ON b.id = p.buyer_org_id "
    "LEFT JOIN market_lanes l ON l.id = p.lane_id LEFT JOIN market_nodes o ON o.id = l.origin_node_id "
    "LEFT JOIN market_nodes d ON d.id = l.destination_node_id";

// A run's proposals are numbered within it: unique because run ids are, ordered like the result, and
// made without a random draw (a system call) per proposal.
std::string proposal_id(const std::string& run_id, size_t index) {
    std::string number = std::to_string(index + 1);
    return run_id + "-p" + std::string(number.size() < 6 ? 6 - number.size() : 0, '0') + number;
}

// The open offers' own rows, with the ids of their products (each once, in first-seen order).
// Streamed: thousands of rows, copied once.
Result<std::vector<ModelOffer>> load_listed_offers(store::Tx& tx, const std::string& day,
                                                   std::vector<std::string>& product_ids) {
    std::vector<ModelOffer> listed;
    std::unordered_set<std::string> seen;
    KL_TRY(tx.each_row(
        "SELECT x.id, x.org_id, x.product_id, x.grade, x.quantity_g - " + confirmed("offer_id") +
            " AS free_g, x.price_fen_per_kg, x.available_from, x.available_to, x.packed_on, "
            "x.origin_node_id FROM market_offers x "
            "WHERE x.status = 'open' AND x.available_to >= $1 ORDER BY x.id LIMIT $2",
        {day, open_offers_max}, [&](const store::Row& row) -> Result<void> {
            ModelOffer offer;
            offer.quantity_g = row.i64(4);
            if (offer.quantity_g <= 0) return ok();
            offer.id = row.text_view(0);
            offer.org_id = row.text_view(1);
            offer.product_id = row.text_view(2);
            offer.grade = row.text_view(3);
            offer.price_fen_per_kg = row.i64(5);
            offer.available_from = store::stored_date(row.text_view(6));
            offer.available_to = store::stored_date(row.text_view(7));
            offer.packed_on = store::stored_date(row.text_view(8));
            offer.origin_node_id = row.text_view(9);
            if (seen.insert(offer.product_id).second) product_ids.push_back(offer.product_id);
            listed.push_back(std::move(offer));
            return ok();
        }));
    return listed;
}

// What each offer takes from its product; an offer whose product or grade is gone is left out, as
// an inner join would (the foreign keys forbid the first).
std::vector<ModelOffer> complete_offers(std::vector<ModelOffer> listed,
                                        const std::unordered_map<std::string, OfferedProduct>& products,
                                        std::unordered_map<std::string, std::vector<std::string>>& paths) {
    std::vector<ModelOffer> offers;
    offers.reserve(listed.size());
    for (ModelOffer& offer : listed) {
        const auto product = products.find(offer.product_id);
        if (product == products.end()) continue;
        const auto& ranks = product->second.grade_ranks;
        const auto rank = std::find_if(ranks.begin(), ranks.end(), [&](const auto& g) { return g.first == offer.grade; });
        if (rank == ranks.end()) continue;
        offer.category_path = paths[product->second.category_id];
        offer.grade_rank = rank->second;
        offer.shelf_life_days = product->second.shelf_life_days;
        offer.cold_chain = product->second.cold_chain;
        offer.aided = product->second.aided;
        offer.channels = product->second.channels;
        offers.push_back(std::move(offer));
    }
    return offers;
}

ModelDemand model_demand_from_row(const store::Row& row) {
    ModelDemand demand;
    demand.quantity_g = row.i64("open_g");
    demand.id = row.text_view(0);
    demand.org_id = row.text_view(1);
    demand.product_id = row.opt_text("product_id");
    demand.category_id = row.opt_text("category_id");
    demand.min_grade_rank = row.i64("min_grade_rank");
    demand.max_price_fen_per_kg = row.i64("max_price_fen_per_kg");
    demand.deliver_by = store::stored_date(row.text("deliver_by"));
    demand.district = row.text("district_code");
    demand.destination_node_id = "dest-" + demand.district;
    demand.min_shelf_life_days = row.i64("min_shelf_life_days");
    demand.min_aided_g = std::max<int64_t>(0, row.i64("min_aided_g") - row.i64("aided_done_g"));
    return demand;
}

// The open demands with what confirmed proposals left of them, and the channel each buyer orders through.
Result<std::vector<ModelDemand>> load_open_demands(store::Tx& tx, const std::string& day) {
    std::vector<ModelDemand> demands;
    KL_TRY(tx.each_row(
        "SELECT x.id, x.org_id, x.product_id, x.category_id, x.min_grade_rank, x.quantity_g - " + confirmed("demand_id") +
            " AS open_g, " + confirmed("demand_id", " AND a.aided = 1") +
            " AS aided_done_g, x.max_price_fen_per_kg, x.deliver_by, x.district_code, "
            "x.min_shelf_life_days, x.min_aided_g, o.channel AS buyer_channel FROM market_demands x "
            "JOIN organisations o ON o.id = x.org_id WHERE x.status = 'open' AND x.deliver_by >= $1 ORDER BY x.id LIMIT $2",
        {day, open_demands_max}, [&](const store::Row& row) -> Result<void> {
            if (row.i64("open_g") <= 0) return ok();
            ModelDemand demand = model_demand_from_row(row);
            // A buyer without a kind of business orders wholesale (as bridges/market_orders does).
            if (auto buyer_channel = row.opt_text("buyer_channel")) {
                KL_TRY_ASSIGN(catalog::BuyerChannel kind, parse_enum<catalog::BuyerChannel>(*buyer_channel, "channel"));
                demand.channel = catalog::sales_channel_of(kind);
            }
            demands.push_back(std::move(demand));
            return ok();
        }));
    return demands;
}

}  // namespace

Result<Instance> load_instance(store::Tx& tx, kl::Date as_of) {
    Instance instance;
    instance.as_of = as_of;
    const std::string day = kl::format_date(as_of);
    KL_TRY_ASSIGN(auto paths, category_paths(tx));
    // Offers alone, then their products once each (a join would repeat the product's columns and
    // its certification check in every offer's row).
    std::vector<std::string> product_ids;
    KL_TRY_ASSIGN(std::vector<ModelOffer> listed, load_listed_offers(tx, day, product_ids));
    KL_TRY_ASSIGN(auto products, offered_products(tx, day, product_ids));
    instance.offers = complete_offers(std::move(listed), products, paths);
    KL_TRY_ASSIGN(instance.demands, load_open_demands(tx, day));
    KL_TRY_ASSIGN(std::vector<Lane> lanes, load_all_lanes(tx));
    instance.lanes.reserve(lanes.size());
    for (const Lane& lane : lanes) instance.lanes.push_back(ModelLane{lane.id, lane.fields});
    return instance;
}

Result<void> store_result(store::Tx& tx, const std::string& run_id, const Instance& instance,
                          const AllocationResult& result, int64_t now_ms) {
    KL_TRY(store::insert_rows(
        tx,
        "INSERT INTO allocation_proposals (id, run_id, offer_id, demand_id, seller_org_id, buyer_org_id, product_id, "
        "grade, district_code, lane_id, mode, quantity_g, offer_price_fen_per_kg, freight_fen_per_kg, "
        "delivered_price_fen_per_kg, departure_date, arrival_date, shelf_life_left_days, aided, updated_at_ms, "
        "status) VALUES ",
        20, ", 'proposed'", result.allocations.size(), proposal_rows_per_insert, [&](size_t i, store::Params& params) {
            const Allocation& allocation = result.allocations[i];
            const PairArc& pair = result.built.pairs[allocation.pair];
            const ModelOffer& offer = instance.offers[pair.offer];
            const ModelDemand& demand = instance.demands[pair.demand];
            const ModelLane& lane = instance.lanes[pair.route.lane];
            params.insert(params.end(),
                          {proposal_id(run_id, i), run_id, offer.id, demand.id, offer.org_id, demand.org_id, offer.product_id,
                           offer.grade, demand.district, lane.id, std::string(to_string(lane.fields.mode)),
                           allocation.quantity_g, offer.price_fen_per_kg, lane.fields.cost_fen_per_kg,
                           pair.route.delivered_price_fen_per_kg, kl::format_date(pair.route.departure),
                           kl::format_date(pair.route.arrival), pair.route.shelf_life_left_days,
                           int64_t{offer.aided ? 1 : 0}, now_ms});
        }));
    // Unmet rows went in one statement each: a round trip apiece on PostgreSQL.
    KL_TRY(store::insert_rows(
        tx, "INSERT INTO allocation_unmet (run_id, demand_id, buyer_org_id, unmet_g, aided_shortfall_g) VALUES ", 5, "",
        result.shortfalls.size(), unmet_rows_per_insert, [&](size_t i, store::Params& params) {
            const DemandShortfall& shortfall = result.shortfalls[i];
            const ModelDemand& demand = instance.demands[shortfall.demand];
            params.insert(params.end(), {run_id, demand.id, demand.org_id, shortfall.unmet_g, shortfall.aided_shortfall_g});
        }));
    const RunTotals& t = result.totals;
    KL_TRY(tx.execute("UPDATE allocation_runs SET status = 'done', finished_at_ms = $2, offer_count = $3, "
                      "demand_count = $4, arc_count = $5, proposal_count = $6, penalty_fen_per_kg = $7, demanded_g = $8, "
                      "allocated_g = $9, unmet_g = $10, aided_shortfall_g = $11, delivered_cost_mfen = $12, "
                      "objective_mfen = $13 WHERE id = $1",
                      {run_id, now_ms, t.offer_count, t.demand_count, t.arc_count, t.proposal_count,
                       t.penalty_fen_per_kg, t.demanded_g, t.allocated_g, t.unmet_g, t.aided_shortfall_g,
                       t.delivered_cost_mfen, t.objective_mfen}));
    return ok();
}

Result<void> insert_run(store::Tx& tx, const Run& run) {
    KL_TRY(tx.execute("INSERT INTO allocation_runs (id, status, as_of, requested_by, requested_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5)",
                      {run.id, std::string(to_string(run.status)), kl::format_date(run.as_of),
                       run.requested_by ? store::Value(*run.requested_by) : store::null(), run.requested_at_ms}));
    return ok();
}

Result<void> set_run_status(store::Tx& tx, const std::string& run_id, RunStatus status, int64_t now_ms,
                            const std::optional<std::string>& error) {
    const bool finished = status == RunStatus::done || status == RunStatus::failed;
    KL_TRY(tx.execute(std::string("UPDATE allocation_runs SET status = $2, error = $3, ") +
                          (finished ? "finished_at_ms" : "started_at_ms") + " = $4 WHERE id = $1",
                      {run_id, std::string(to_string(status)), error ? store::Value(*error) : store::null(), now_ms}));
    return ok();
}

Result<std::optional<Run>> find_run(store::Tx& tx, const std::string& id) {
    return store::query_first(tx, std::string(run_select) + " WHERE id = $1", {id}, run_from_row);
}

Result<std::vector<Run>> list_runs(store::Tx& tx, const std::optional<std::string>& after_id, int limit) {
    // Newest first: ids are time-ordered, so the cursor is "ids below this one".
    store::SqlQuery query;
    if (after_id) query.where("id", *after_id, "<");
    const std::string sql = std::string(run_select) + " WHERE " + query.condition() + " ORDER BY id DESC LIMIT " +
                            query.bind(int64_t{limit});
    return store::query_as(tx, sql, query.params(), run_from_row);
}

Result<std::vector<Proposal>> list_proposals(store::Tx& tx, const std::string& run_id,
                                             const std::optional<std::string>& party_org, const store::ListWindow& window,
                                             const std::optional<std::string>& after_id, int limit) {
    store::SqlQuery query;
    query.where("p.run_id", run_id);
    if (party_org) {
        const std::string org = query.bind(*party_org);
        query.where_text("(p.seller_org_id = " + org + " OR p.buyer_org_id = " + org + ")");
    }
    // Found by what the deciders read: the product, both organisations and the lane's ends by name.
    store::add_window(query, window,
                      {{"pr.name_zh", "pr.name_en", "s.name", "s.name_en", "b.name", "b.name_en", "o.name_zh", "o.name_en",
                        "d.name_zh", "d.name_en"},
                       "p.arrival_date",
                       store::DateStored::text_date});
    const std::string page = query.page("p.id", after_id, limit, window.order);
    return store::query_as(tx, std::string(proposal_select) + " WHERE " + page, query.params(), proposal_from_row);
}

Result<std::optional<Proposal>> find_proposal(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(proposal_select) + " WHERE p.id = $1", {id}));
    if (rows.empty()) return std::optional<Proposal>{};
    return std::optional<Proposal>{proposal_from_row(rows[0])};
}

Result<std::vector<Unmet>> list_unmet(store::Tx& tx, const std::string& run_id,
                                      const std::optional<std::string>& buyer_org,
                                      const std::optional<std::string>& after_demand_id, int limit) {
    store::SqlQuery query;
    query.where("run_id", run_id);
    query.where("demand_id", after_demand_id.value_or(""), ">");
    if (buyer_org) query.where("buyer_org_id", *buyer_org);
    const std::string sql = "SELECT demand_id, buyer_org_id, unmet_g, aided_shortfall_g FROM allocation_unmet WHERE " +
                            query.condition() + " ORDER BY demand_id LIMIT " + query.bind(int64_t{limit});
    return store::query_as(tx, sql, query.params(), [](const store::Row& row) {
        return Unmet{row.text("demand_id"), row.text("buyer_org_id"), row.i64("unmet_g"), row.i64("aided_shortfall_g")};
    });
}

Result<std::optional<ListingRoom>> listing_room(store::Tx& tx, ListingSide side, const std::string& id) {
    const bool offer = side == ListingSide::offer;
    const std::string table = offer ? "market_offers" : "market_demands";
    const std::string column = offer ? "offer_id" : "demand_id";
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT x.status, x.quantity_g - CAST(COALESCE((SELECT SUM(a.quantity_g) FROM "
                           "allocation_proposals a WHERE a." + column + " = x.id AND a.status = 'confirmed'), 0) AS BIGINT) "
                           "AS room_g FROM " + table + " x WHERE x.id = $1",
                           {id}));
    if (rows.empty()) return std::optional<ListingRoom>{};
    return std::optional<ListingRoom>{ListingRoom{rows[0].text("status") == "open", rows[0].i64("room_g")}};
}

Result<void> fail_unfinished_runs(store::Tx& tx, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE allocation_runs SET status = 'failed', finished_at_ms = $1, "
                      "error = 'interrupted: the server stopped before the run finished' "
                      "WHERE status IN ('queued', 'running')",
                      {now_ms}));
    return ok();
}

Result<void> record_decision(store::Tx& tx, const Proposal& proposal, Side side, Decision decision,
                             const std::optional<std::string>& user) {
    const std::string column = side == Side::seller ? "seller" : "buyer";
    KL_TRY(tx.execute("UPDATE allocation_proposals SET " + column + "_decision = $2, " + column +
                          "_decided_by = $3, status = $4, order_id = $5, updated_at_ms = $6 WHERE id = $1",
                      {proposal.id, std::string(to_string(decision)), user ? store::Value(*user) : store::null(),
                       std::string(to_string(proposal.status)),
                       proposal.order_id ? store::Value(*proposal.order_id) : store::null(), proposal.updated_at_ms}));
    return ok();
}

Result<WorkQueue> proposals_awaiting(store::Tx& tx, Side side, const std::string& org_id) {
    const bool seller = side == Side::seller;
    // The other side names the proposal's party: a seller decides about a buyer and the reverse.
    const std::string other = seller ? "b" : "s";
    store::WorkQuery query;
    query.kind = "proposals_to_decide";
    query.route = "/allocations";
    query.columns = "p.id, pr.name_zh AS label, COALESCE(NULLIF(pr.name_en, ''), pr.name_zh) AS label_en, " + other +
                    ".name AS party, COALESCE(NULLIF(" + other + ".name_en, ''), " + other + ".name) AS party_en, p.run_id, "
                    "p.departure_date, p.quantity_g * p.delivered_price_fen_per_kg / 1000 AS value_fen";
    query.from_where = std::string("FROM allocation_proposals p JOIN products pr ON pr.id = p.product_id "
                                   "JOIN organisations s ON s.id = p.seller_org_id JOIN organisations b ON b.id = p.buyer_org_id ") +
                       (seller ? "WHERE p.seller_org_id = $1 AND p.status = 'proposed' AND p.seller_decision IS NULL"
                               : "WHERE p.buyer_org_id = $1 AND p.status = 'proposed' AND p.buyer_decision IS NULL");
    query.order_by = "p.departure_date, p.id";
    query.params = {org_id};
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.amount_fen = row.i64("value_fen");
        item.due_on = store::stored_date(row.text("departure_date"));
        item.route = "/allocations/" + row.text("run_id");
    });
}

}  // namespace kl::market
