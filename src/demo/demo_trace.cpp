// The demo's lots and their events (demo_trace.h), recorded through the trace module's services as
// the producers would record them, while the season's and the fairs' orders ship:
//   - the producers of lot_keeping_producers() keep lots of every product they ship: when an order
//     line needs more of a grade than their lots hold, they harvest — a lot commissioned from their
//     supply links (each workshop and household with the quantity it delivered, by its share; the
//     rest from the producer's own orchards), at a cooperative two village collection points merged
//     into one harvest lot (a TransformationEvent, process merge), then graded into a lot per grade
//     of the brand standard with the loss of shells, leaves and broken fruit stated (process grade);
//     products sold in boxes or pieces are commissioned as packed cartons of the line's grade;
//   - the line then names its lots, oldest first (a line may take from two), through the order
//     lifecycle's port, so the shipment takes them out of the lots and records the shipping event,
//     and delivery and acceptance record receiving and accepting at the buyer; every other
//     producer's lines ship without lots (trace_shipments says so);
//   - at the end, the confirmed orders of these producers (waiting to be shipped from the console)
//     find their lots in stock, harvested if short, and what no order needs of up to three graded
//     lots per producer is packed onto a pallet whose SSCC-18 comes from the demo's GS1 company prefix.
// Quantities: grams for products sold by kg or jin, units for boxes and pieces (as the trace module
// counts them); a lot never gives more than it holds (the trace module refuses it, and the picker
// takes only what its own bookkeeping says is there). Dates: a harvest 12–40 days before the order
// it was first needed for (never after three days ago), collection merged the next day, graded and
// packed the day after; shipments carry the demo's clock. Chance comes from a DemoRandom of its own,
// so the rest of the demo draws what it drew before lots existed.
#include "demo/demo_trace.h"

#include <algorithm>

#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"
#include "core/civil_date.h"
#include "trace/trace_code.h"

namespace kl::demo {

namespace {

constexpr uint64_t trace_seed_salt = 0x74726163'65646d6fULL;  // "tracedmo": the lots' own stream
constexpr int64_t harvest_min_g = 1'500'000;                  // a harvest round is at least 1.5 t…
constexpr int64_t harvest_extra_g_max = 1'500'000;            // …plus up to 1.5 t more
constexpr int64_t harvest_step_g = 50'000;                    // weighed in 50 kg steps
constexpr int64_t carton_lot_min = 120;                       // a packing run is at least 120 units…
constexpr int64_t carton_lot_extra_max = 240;                 // …plus up to 240 more
constexpr int64_t carton_lot_step = 20;                       // in runs of 20
constexpr int64_t grading_loss_per_mille_min = 20;            // grading loses 2–6 % (shells, leaves, broken fruit)
constexpr int64_t grading_loss_per_mille_max = 60;
constexpr int64_t harvest_days_before_min = 12;
constexpr int64_t harvest_days_before_max = 40;
constexpr size_t pallet_lots_max = 3;          // graded lots packed onto one producer's pallet
constexpr int64_t pallet_share_g_max = 400'000;  // of each, at most 400 kg…
constexpr int64_t pallet_share_units_max = 60;   // …or 60 cartons
constexpr int64_t pallet_packed_before_ms = 30 * 60 * 1000;  // packed half an hour before the demo's clock
constexpr size_t printed_codes = 3;

constexpr int64_t ms_per_hour = 3'600'000;

// Epoch ms of `hour`:00 Shanghai time on `date`.
int64_t shanghai_time_ms(Date date, int64_t hour) { return date.days * ms_per_day - shanghai_offset_ms + hour * ms_per_hour; }

// "240912" of 2024-09-12.
std::string short_date(Date date) {
    const std::string text = format_date(date);
    return text.substr(2, 2) + text.substr(5, 2) + text.substr(8, 2);
}

int64_t round_up(int64_t value, int64_t step) { return (value + step - 1) / step * step; }

// The share of each grade (rank order): weights n, n−1, …, 1 over the graded weight.
std::vector<int64_t> grade_split(int64_t graded, size_t grades) {
    std::vector<int64_t> out;
    const auto n = static_cast<int64_t>(grades);
    const int64_t weights = n * (n + 1) / 2;
    int64_t given = 0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t part = i + 1 == n ? graded - given : graded * (n - i) / weights;
        out.push_back(part);
        given += part;
    }
    return out;
}

// A TransformationEvent of `producer` at its own site.
trace::Event transformation(trace::Process process, int64_t at_ms, const std::string& producer) {
    trace::Event event;
    event.type = trace::EventType::transformation;
    event.event_time_ms = at_ms;
    event.disposition = trace::Disposition::active;
    event.read_point = event.biz_location = producer;
    event.process = process;
    return event;
}

Result<std::string> producer_id_named(store::Tx& tx, const std::string& name_en) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id FROM organisations WHERE name_en = $1 AND kind IN ('enterprise', 'cooperative') "
                                             "ORDER BY id", {name_en}));
    if (rows.empty()) return std::string();
    return rows[0].text(0);
}

}  // namespace

const std::vector<std::string>& lot_keeping_producers() {
    static const std::vector<std::string> names = {
        "Yecheng Qiaoling Walnut Foods Co.",            // the demo producer's login: walnuts, kernels, rice cakes
        "Yecheng Ilikchi Walnut Growers' Cooperative",  // collects from two villages, merges, grades
        "Yecheng Walnut Industry Group",
        "Zepu Apricot Industry Co.",
        "Zepu Poskam Orchard Cooperative",              // apricots and apples, collected and merged
        "Zepu Red Date Co.",                            // red dates (jujubes)
    };
    return names;
}

DemoWarehouse::DemoWarehouse(DemoWorld& world, trace::TraceService& trace, const Clock& clock, uint64_t seed)
    : world_(world), trace_(trace), clock_(clock), random_(seed ^ trace_seed_salt) {}

Result<void> DemoWarehouse::open() {
    for (const auto& name : lot_keeping_producers()) {
        KL_TRY_ASSIGN(const std::string id, producer_id_named(world_.tx, name));
        if (id.empty()) continue;
        keepers_.insert(id);
        KL_TRY_ASSIGN(std::optional<catalog::OrganisationProfile> profile, catalog::find_profile(world_.tx, id));
        if (profile && profile->fields.kind == access::OrgKind::cooperative) cooperatives_.insert(id);
        KL_TRY_ASSIGN(links_[id], catalog::supply_links_of(world_.tx, id));
    }
    return ok();
}

orders::ShipmentLots DemoWarehouse::port() {
    orders::ShipmentLots port;
    port.shipped = [this](store::Tx& tx, const orders::Order& order, const std::vector<orders::LineLots>& named,
                          const orders::Actor& actor, int64_t now_ms) { return shipped(tx, order, named, actor, now_ms); };
    port.received = [this](store::Tx& tx, const orders::Order& order, orders::OrderAction action, const orders::Actor& actor,
                           int64_t now_ms) { return trace_.order_received(tx, order, action, actor, now_ms); };
    return port;
}

Result<void> DemoWarehouse::shipped(store::Tx& tx, const orders::Order& order, const std::vector<orders::LineLots>& named,
                                    const orders::Actor& actor, int64_t now_ms) {
    if (!named.empty() || keepers_.count(order.seller_id) == 0) {
        if (named.empty()) counts_.lines_without_lots += order.lines.size();
        return trace_.order_shipped(tx, order, named, actor, now_ms);
    }
    std::vector<orders::LineLots> picked;
    for (const auto& line : order.lines) {
        KL_TRY_ASSIGN(orders::LineLots lots, pick(tx, order, line));
        picked.push_back(std::move(lots));
    }
    counts_.lines_with_lots += picked.size();
    return trace_.order_shipped(tx, order, picked, actor, now_ms);
}

Result<DemoWarehouse::Stream*> DemoWarehouse::stream_of(store::Tx& tx, const std::string& producer_id, const std::string& product_id) {
    const auto key = std::make_pair(producer_id, product_id);
    if (auto found = streams_.find(key); found != streams_.end()) return &found->second;
    KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, product_id));
    if (!product) return fail(ErrorCode::internal, "demo: the shipped product " + product_id + " is not in the catalogue");
    Stream made;
    made.producer_id = producer_id;
    made.product_id = product_id;
    const catalog::UnitKind kind = product->fields.unit.kind;
    made.counts_units = kind == catalog::UnitKind::box || kind == catalog::UnitKind::piece;
    made.net_g = product->fields.unit.net_g;
    KL_TRY_ASSIGN(store::Rows code, tx.query("SELECT COALESCE(code, id) FROM products WHERE id = $1", {product_id}));
    KL_ASSERT(!code.empty());
    made.product_code = code[0].text(0);
    KL_TRY_ASSIGN(store::Rows grades, tx.query("SELECT code FROM product_grades WHERE product_id = $1 ORDER BY grade_rank", {product_id}));
    for (const auto& row : grades) made.grades.push_back(row.text(0));
    return &streams_.emplace(key, std::move(made)).first->second;
}

Result<orders::LineLots> DemoWarehouse::pick(store::Tx& tx, const orders::Order& order, const orders::OrderLine& line) {
    KL_TRY_ASSIGN(Stream * from, stream_of(tx, order.seller_id, line.product_id));
    const int64_t per_unit = from->counts_units ? 1 : from->net_g;  // lot units in one unit of sale
    KL_ASSERT(per_unit > 0);
    std::vector<StockLot>& lots = from->stock[line.grade];
    int64_t available = 0;
    for (const auto& lot : lots) available += lot.on_hand / per_unit;
    if (available < line.quantity) KL_TRY(harvest(*from, line.grade, (line.quantity - available) * per_unit, order.order_date));
    orders::LineLots out;
    out.line_no = line.line_no;
    int64_t need = line.quantity;
    for (auto& lot : lots) {
        if (need == 0) break;
        const int64_t take = std::min(need, lot.on_hand / per_unit);
        if (take == 0) continue;
        lot.on_hand -= take * per_unit;
        need -= take;
        out.lots.push_back(orders::LotShare{lot.id, take});
    }
    KL_ASSERT(need == 0);
    // Lots too small for one more unit of sale stay in the trace with their remainder; the picker
    // stops offering them.
    std::erase_if(lots, [&](const StockLot& lot) { return lot.on_hand < per_unit; });
    return out;
}

Result<std::vector<trace::LotSupplier>> DemoWarehouse::suppliers(const std::string& producer_id, int64_t quantity, int part, int parts) {
    std::vector<trace::LotSupplier> out;
    const auto& links = links_[producer_id];
    for (size_t i = 0; i < links.size(); ++i) {
        if (static_cast<int>(i % static_cast<size_t>(parts)) != part) continue;
        const int64_t delivered = quantity * links[i].share_bp / 10'000;
        if (delivered > 0) out.push_back(trace::LotSupplier{links[i].supplier_id, delivered, ""});
    }
    return out;
}

Result<void> DemoWarehouse::harvest(Stream& stream, const std::string& grade, int64_t need, Date order_date) {
    ++stream.rounds;
    const Date latest = add_days(world_.today, -3);
    const Date harvested = std::min(add_days(order_date, -random_.between(harvest_days_before_min, harvest_days_before_max)), latest);
    const Date packed = add_days(harvested, 2);
    const std::string code = stream.product_code + "-" + short_date(harvested) + "-R" + std::to_string(stream.rounds);

    auto commission = [&](const std::string& lot_code, const std::string& lot_grade, trace::LotUnit unit, int64_t quantity,
                          std::vector<trace::LotSupplier> from, std::optional<Date> pack_date) -> Result<std::string> {
        trace::NewLot lot;
        lot.producer_id = stream.producer_id;
        lot.product_id = stream.product_id;
        lot.grade = lot_grade;
        lot.lot_code = lot_code;
        lot.unit = unit;
        lot.quantity = quantity;
        lot.harvest_date = harvested;
        lot.pack_date = pack_date;
        lot.suppliers = std::move(from);
        lot.event_time_ms = shanghai_time_ms(pack_date.value_or(harvested), pack_date ? 10 : 17);
        KL_TRY_ASSIGN(trace::Lot made, trace_.record_lot(std::nullopt, lot));
        return made.id;
    };

    if (stream.counts_units) {
        // Boxes and pieces: a packing run of the line's grade, its walnuts (dates, apricots) from the
        // supply links by their shares.
        const int64_t quantity = round_up(std::max(need, carton_lot_min + random_.between(0, carton_lot_extra_max)), carton_lot_step);
        KL_TRY_ASSIGN(std::vector<trace::LotSupplier> from, suppliers(stream.producer_id, quantity, 0, 1));
        KL_TRY_ASSIGN(std::string id, commission(code + "-P", grade, trace::LotUnit::carton, quantity, std::move(from), packed));
        stream.stock[grade].push_back(StockLot{id, quantity});
        return ok();
    }

    // Loose produce by weight: harvested, (collected and merged,) graded.
    const auto wanted = std::find(stream.grades.begin(), stream.grades.end(), grade);
    KL_ASSERT(wanted != stream.grades.end());
    const auto rank = static_cast<size_t>(wanted - stream.grades.begin());
    const int64_t loss_pm = random_.between(grading_loss_per_mille_min, grading_loss_per_mille_max);
    int64_t harvest_g = round_up(std::max(need, harvest_min_g + random_.between(0, harvest_extra_g_max)), harvest_step_g);
    auto split = [&](int64_t total) { return grade_split(total - total * loss_pm / 1000, stream.grades.size()); };
    while (split(harvest_g)[rank] < need) harvest_g += harvest_step_g;

    // At a cooperative, two villages' collection points, merged the next day.
    std::vector<trace::LotSupplier> first, second;
    int64_t first_g = 0, second_g = 0;
    if (cooperatives_.count(stream.producer_id) != 0) {
        KL_TRY_ASSIGN(first, suppliers(stream.producer_id, harvest_g, 0, 2));
        KL_TRY_ASSIGN(second, suppliers(stream.producer_id, harvest_g, 1, 2));
        int64_t delivered = 0;
        for (const auto& supplier : first) delivered += supplier.quantity;
        for (const auto& supplier : second) delivered += supplier.quantity;
        const int64_t own = harvest_g - delivered;  // the cooperative's own orchards, shared by the two points
        first_g = own / 2;
        second_g = own - own / 2;
        for (const auto& supplier : first) first_g += supplier.quantity;
        for (const auto& supplier : second) second_g += supplier.quantity;
    }
    std::string harvest_lot;
    if (first_g > 0 && second_g > 0) {
        KL_TRY_ASSIGN(std::string one, commission(code + "-C1", "", trace::LotUnit::loose, first_g, std::move(first), std::nullopt));
        KL_TRY_ASSIGN(std::string two, commission(code + "-C2", "", trace::LotUnit::loose, second_g, std::move(second), std::nullopt));
        trace::Event merge = transformation(trace::Process::merge, shanghai_time_ms(add_days(harvested, 1), 9), stream.producer_id);
        merge.loss_grams = 0;
        merge.inputs = {trace::QuantityElement{one, "", first_g, trace::QuantityUnit::grams, "", "", ""},
                        trace::QuantityElement{two, "", second_g, trace::QuantityUnit::grams, "", "", ""}};
        merge.outputs = {trace::QuantityElement{"", "", harvest_g, trace::QuantityUnit::grams, code + "-H", stream.product_id, ""}};
        KL_TRY_ASSIGN(trace::Recorded merged, trace_.record_event(std::nullopt, std::move(merge)));
        KL_ASSERT(merged.created && merged.event.outputs.size() == 1 && !merged.event.outputs[0].lot_id.empty());
        harvest_lot = merged.event.outputs[0].lot_id;
        ++counts_.transformations;
    } else {
        KL_TRY_ASSIGN(std::vector<trace::LotSupplier> from, suppliers(stream.producer_id, harvest_g, 0, 1));
        KL_TRY_ASSIGN(harvest_lot, commission(code + "-H", "", trace::LotUnit::loose, harvest_g, std::move(from), std::nullopt));
    }

    const std::vector<int64_t> graded = split(harvest_g);
    trace::Event grading = transformation(trace::Process::grade, shanghai_time_ms(packed, 10), stream.producer_id);
    grading.inputs = {trace::QuantityElement{harvest_lot, "", harvest_g, trace::QuantityUnit::grams, "", "", ""}};
    int64_t graded_g = 0;
    std::map<std::string, std::string> grade_of_code;
    for (size_t i = 0; i < stream.grades.size(); ++i) {
        if (graded[i] <= 0) continue;
        graded_g += graded[i];
        grade_of_code[code + "-G" + std::to_string(i + 1)] = stream.grades[i];
        grading.outputs.push_back(trace::QuantityElement{"", "", graded[i], trace::QuantityUnit::grams,
                                                         code + "-G" + std::to_string(i + 1), stream.product_id, stream.grades[i]});
    }
    grading.loss_grams = harvest_g - graded_g;
    KL_TRY_ASSIGN(trace::Recorded made, trace_.record_event(std::nullopt, std::move(grading)));
    KL_ASSERT(made.created);
    ++counts_.transformations;
    for (const auto& output : made.event.outputs) {
        KL_ASSERT(!output.lot_id.empty() && grade_of_code.count(output.lot_code) != 0);
        stream.stock[grade_of_code.at(output.lot_code)].push_back(StockLot{output.lot_id, output.quantity});
    }
    return ok();
}

Result<void> DemoWarehouse::stock_for_open_orders() {
    // The confirmed orders of lot-keeping sellers wait to be shipped from the console: their lots
    // are set aside now (harvested if short), so the seller finds enough to name and the pallets
    // below hold only what no order needs.
    KL_TRY_ASSIGN(store::Rows rows, world_.tx.query("SELECT o.id, o.seller_id, o.order_date, l.line_no, l.product_id, l.grade, l.quantity "
                                                    "FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status = 'confirmed' "
                                                    "ORDER BY o.id, l.line_no"));
    for (const auto& row : rows) {
        if (keepers_.count(row.text(1)) == 0) continue;
        orders::Order order;
        order.id = row.text(0);
        order.seller_id = row.text(1);
        KL_TRY_ASSIGN(order.order_date, parse_date(row.text(2), "order_date"));
        orders::OrderLine line;
        line.line_no = row.i64(3);
        line.product_id = row.text(4);
        line.grade = row.text(5);
        line.quantity = row.i64(6);
        KL_TRY(pick(world_.tx, order, line));  // set aside in the warehouse's books; the seller names them when it ships
    }
    return ok();
}

Result<DemoTraceCounts> DemoWarehouse::close() {
    KL_TRY(stock_for_open_orders());
    const int64_t now = clock_.now_ms();
    for (const auto& producer : keepers_) {
        std::vector<std::pair<const Stream*, const StockLot*>> left;
        for (const auto& [key, stream] : streams_) {
            if (key.first != producer) continue;
            for (const auto& [grade, lots] : stream.stock) {
                for (const auto& lot : lots) {
                    if (lot.on_hand > 0) left.emplace_back(&stream, &lot);
                }
            }
        }
        if (left.empty()) continue;
        // The largest remainders (ties by lot id, so the choice does not depend on map order).
        std::sort(left.begin(), left.end(), [](const auto& a, const auto& b) {
            return a.second->on_hand != b.second->on_hand ? a.second->on_hand > b.second->on_hand : a.second->id < b.second->id;
        });
        if (left.size() > pallet_lots_max) left.resize(pallet_lots_max);
        trace::Event pack;
        pack.type = trace::EventType::aggregation;
        pack.action = trace::Action::add;
        pack.event_time_ms = now - pallet_packed_before_ms;
        pack.biz_step = trace::BizStep::packing;
        pack.disposition = trace::Disposition::container_closed;
        pack.read_point = pack.biz_location = producer;
        for (const auto& [stream, lot] : left) {
            const int64_t share = std::min(lot->on_hand, stream->counts_units ? pallet_share_units_max : pallet_share_g_max);
            pack.child_quantities.push_back(trace::QuantityElement{lot->id, "", share, trace::QuantityUnit::grams, "", "", ""});
        }
        KL_TRY_ASSIGN(trace::Recorded packed, trace_.record_event(std::nullopt, std::move(pack)));
        KL_ASSERT(packed.created && packed.event.parent_id);
        ++counts_.pallets;
    }
    // The totals are counts of the records themselves.
    KL_TRY_ASSIGN(store::Rows rows, world_.tx.query("SELECT (SELECT COUNT(*) FROM trace_lots) AS lots, "
                                                    "(SELECT COUNT(*) FROM trace_events) AS events"));
    counts_.lots = static_cast<size_t>(rows[0].i64("lots"));
    counts_.events = static_cast<size_t>(rows[0].i64("events"));
    return counts_;
}

Result<std::vector<DemoTraceCode>> demo_trace_codes(store::Store& store) {
    return store.read([&](store::Tx& tx) -> Result<std::vector<DemoTraceCode>> {
        std::vector<DemoTraceCode> out;
        for (const auto& name : lot_keeping_producers()) {
            if (out.size() == printed_codes) break;
            KL_TRY_ASSIGN(const std::string producer, producer_id_named(tx, name));
            if (producer.empty()) continue;
            // Its first graded lot that shipped: made by grading, so on_hand below quantity means shipped.
            KL_TRY_ASSIGN(store::Rows rows,
                          tx.query("SELECT l.trace_code, l.lot_code, l.grade, pr.name_zh, pr.name_en, o.name, COALESCE(o.name_en, '') "
                                   "FROM trace_lots l JOIN products pr ON pr.id = l.product_id JOIN organisations o ON o.id = l.producer_id "
                                   "WHERE l.producer_id = $1 AND l.grade <> '' AND EXISTS (SELECT 1 FROM trace_shipments s "
                                   "WHERE s.lot_id = l.id) ORDER BY l.id LIMIT 1", {producer}));
            if (rows.empty()) continue;
            const auto& row = rows[0];
            out.push_back(DemoTraceCode{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)});
        }
        return out;
    });
}

Result<std::optional<std::string>> recall_drill_lot(store::Tx& tx, const std::string& buyer_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT s.lot_id FROM trace_shipments s JOIN orders o ON o.id = s.order_id JOIN trace_lots l ON l.id = s.lot_id "
                           "WHERE s.lot_id IS NOT NULL AND l.grade <> '' GROUP BY s.lot_id "
                           "ORDER BY MAX(CASE WHEN o.buyer_id = $1 THEN 1 ELSE 0 END) DESC, COUNT(DISTINCT o.buyer_id) DESC, s.lot_id LIMIT 1",
                           {buyer_id}));
    if (rows.empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows[0].text(0));
}

Result<DemoRecallDrill> run_recall_drill(trace::RecallService& recalls, const trace::Actor& opener, const std::string& lot_id,
                                         const std::string& pending_buyer_id) {
    const std::string reason = "演练：模拟黄曲霉毒素抽检超标，召回该批次及其流向的全部货品 / drill: a simulated aflatoxin finding; "
                               "recall this lot and everything made from it";
    KL_TRY_ASSIGN(trace::Recall recall, recalls.open(opener, trace::NewRecall{lot_id, reason}));
    DemoRecallDrill drill{recall.lot_code, recall.id, recall.notices.size(), 0, static_cast<size_t>(recall.affected_lots),
                          static_cast<size_t>(recall.affected_orders)};
    // The first buyer other than the demo login's answers at once: everything it received is back.
    // With a single buyer nobody answers (its answer would close the drill).
    if (recall.notices.size() < 2) return drill;
    for (const auto& notice : recall.notices) {
        if (notice.buyer_id == pending_buyer_id) continue;
        trace::RecallAcknowledgement answer;
        answer.note = "演练：已全部下架封存 / drill: all taken off the shelves and sealed";
        for (const auto& item : notice.items) answer.recovered.push_back(trace::Recovered{item.lot_id, item.quantity});
        KL_TRY(recalls.acknowledge_for_buyer(recall.id, notice.buyer_id, answer));
        drill.acknowledged = 1;
        break;
    }
    return drill;
}

}  // namespace kl::demo
