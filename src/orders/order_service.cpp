#include "orders/order_service.h"

#include <map>

#include "access/organisation_service.h"
#include "access/permissions.h"
#include "core/field_errors.h"
#include "core/identifier.h"
#include "catalog/catalog_types.h"
#include "catalog/organisation_directory.h"
#include "catalog/product_repo.h"
#include "catalog/reference_data.h"
#include "orders/aid_sales.h"
#include "orders/order_repo.h"
#include "orders/order_rules.h"
#include "store/page.h"

namespace kl::orders {

namespace {

// ¥10 trillion: far above any order, far below int64 overflow of quantity × price sums.
constexpr int64_t amount_fen_max = 1'000'000'000'000'000;

// Every problem of a request, collected before failing (the shared text rule included).

// Checks the buyer, the seller and the district, and names the parties on `order` (so a new order
// needs no read-back).
Result<void> check_parties(store::Tx& tx, const NewOrder& input, FieldErrors& problems, Order& order) {
    KL_TRY_ASSIGN(std::optional<catalog::OrganisationProfile> buyer, catalog::find_profile(tx, input.buyer_id));
    if (!buyer || buyer->fields.kind != access::OrgKind::buyer) problems.add("buyer_id", ProblemCode::wrong_kind, "must be a buyer organisation");
    if (buyer) {
        order.buyer_name = buyer->fields.name;
        order.buyer_name_en = buyer->fields.name_en;
    }
    KL_TRY_ASSIGN(std::optional<catalog::OrganisationProfile> seller, catalog::find_profile(tx, input.seller_id));
    if (!seller || !catalog::is_producer_kind(seller->fields.kind)) {
        problems.add("seller_id", ProblemCode::wrong_kind, "must be a producing organisation (enterprise, cooperative, workshop, household)");
    }
    if (seller) {
        order.seller_name = seller->fields.name;
        order.seller_name_en = seller->fields.name_en;
    }
    KL_TRY_ASSIGN(std::optional<catalog::District> district, catalog::find_district(tx, input.delivery_district));
    if (!district) problems.add("delivery_district", ProblemCode::unknown_reference, "must be a Shanghai district code");
    return ok();
}

// `stamps` gets what was read of each line's product (catalog::ProductStamp), when given.
Result<std::vector<OrderLine>> check_lines(store::Tx& tx, const NewOrder& input, FieldErrors& problems,
                                           std::vector<catalog::ProductStamp>* stamps) {
    std::vector<OrderLine> lines;
    if (input.lines.empty() || input.lines.size() > order_lines_max) {
        problems.add("lines", ProblemCode::invalid_value, "must hold 1 to " + std::to_string(order_lines_max) + " lines");
        return lines;
    }
    int64_t total = 0;
    for (size_t index = 0; index < input.lines.size(); ++index) {
        const NewOrderLine& in = input.lines[index];
        const std::string field = "lines/" + std::to_string(index) + "/";
        OrderLine line;
        line.line_no = static_cast<int64_t>(index) + 1;
        line.product_id = in.product_id;
        line.grade = in.grade;
        line.quantity = in.quantity;
        line.unit_price_fen = in.unit_price_fen;
        if (in.quantity < 1 || in.quantity > line_quantity_max) {
            problems.add(field + "quantity", ProblemCode::not_integer, "must be a whole number of units of sale from 1 to " +
                                                 std::to_string(line_quantity_max));
        }
        if (in.unit_price_fen < 1 || in.unit_price_fen > unit_price_fen_max) {
            problems.add(field + "unit_price_fen", ProblemCode::not_integer, "must be an integer number of fen from 1 to " +
                                                       std::to_string(unit_price_fen_max));
        }
        KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, in.product_id));
        if (product && stamps) stamps->push_back(catalog::stamp_of(*product));
        if (!product || product->producer_id != input.seller_id) {
            problems.add(field + "product_id", ProblemCode::unknown_reference, "must be a product of the seller");
        } else if (product->fields.status != catalog::ProductStatus::active) {
            problems.add(field + "product_id", ProblemCode::invalid_value, "must be an active product (not a draft or withdrawn)");
        } else {
            line.product_name = product->fields.name_zh;
            KL_TRY_ASSIGN(catalog::SaleTerms terms, catalog::sale_terms(tx, in.product_id, in.grade, input.channel));
            if (!terms.has_grade) problems.add(field + "grade", ProblemCode::invalid_value, "must be a grade of the product's brand standard");
            if (!terms.sells_on_channel) {
                problems.add(field + "product_id", ProblemCode::invalid_value, "is not sold through the " + std::string(catalog::to_string(input.channel)) +
                                                       " channel: its brand standard does not list it");
            }
            if (in.quantity >= 1 && in.quantity <= line_quantity_max) line.quantity_g = in.quantity * product->fields.unit.net_g;
        }
        if (in.quantity >= 1 && in.quantity <= line_quantity_max && in.unit_price_fen >= 1 &&
            in.unit_price_fen <= unit_price_fen_max) {
            // Both bounded, so the product fits int64; the total is bounded separately.
            line.amount_fen = in.quantity * in.unit_price_fen;
            if (line.amount_fen > amount_fen_max) problems.add(field + "quantity", ProblemCode::invalid_value, "makes the line amount too large");
            total += std::min(line.amount_fen, amount_fen_max);
            if (total > amount_fen_max) problems.add("lines", ProblemCode::invalid_value, "the order's total is too large");
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

OrderEvent event_of(const Actor& actor, const std::string& action, std::optional<OrderStatus> from, OrderStatus to,
                    int64_t now_ms, std::string note) {
    OrderEvent event;
    event.action = action;
    event.from = from;
    event.to = to;
    if (actor) event.actor_user_id = actor->user_id;
    event.actor_role = actor_role_name(actor);
    event.at_ms = now_ms;
    event.note = std::move(note);
    return event;
}

Result<void> require_creator(const Actor& actor, const NewOrder& input) {
    if (!actor) return ok();
    KL_TRY(access::require_role(*actor, {access::Role::admin, access::Role::buyer, access::Role::producer}));
    if (actor->role == access::Role::buyer && actor->org_id != input.buyer_id) {
        return fail(ErrorCode::permission_denied, "a buyer places orders only as its own organisation");
    }
    if (actor->role == access::Role::producer && actor->org_id != input.seller_id) {
        return fail(ErrorCode::permission_denied, "a producer records orders only as their seller");
    }
    return ok();
}

// The status check after the permission check: 409 naming the statuses the action needs.
Result<const TransitionRule*> rule_for(OrderAction action, const Order& order, Party party) {
    if (!party_may(action, party)) {
        return fail(ErrorCode::permission_denied,
                    "the " + std::string(to_string(party)) + " of an order may not " + std::string(to_string(action)) + " it");
    }
    const TransitionRule* rule = find_rule(action, order.status, party);
    if (rule == nullptr) {
        return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                    "an order that is " + std::string(to_string(order.status)) + " cannot be moved by " +
                        std::string(to_string(action)),
                    {{"record", "order"}, {"status", to_string(order.status)}, {"action", to_string(action)}});
    }
    return rule;
}

Result<void> apply_acceptance(store::Tx& tx, Order& order, const std::vector<LineAcceptance>& given) {
    FieldErrors problems;
    std::map<int64_t, const LineAcceptance*> by_line;
    for (size_t index = 0; index < given.size(); ++index) {
        const auto& item = given[index];
        const std::string field = "lines/" + std::to_string(index) + "/";
        const bool known = item.line_no >= 1 && item.line_no <= static_cast<int64_t>(order.lines.size());
        if (!known) problems.add(field + "line_no", ProblemCode::unknown_reference, "is not a line of this order");
        else if (by_line.count(item.line_no) != 0) problems.add(field + "line_no", ProblemCode::repeated, "is named twice");
        else if (item.accepted_quantity < 0 || item.accepted_quantity > order.lines[item.line_no - 1].quantity) {
            problems.add(field + "accepted_quantity", ProblemCode::out_of_range, "must be from 0 to the line's quantity");
        } else {
            by_line[item.line_no] = &item;
        }
        problems.check_text(field + "quality_note", item.quality_note, 0, quality_note_chars_max, TextKind::prose);
    }
    KL_TRY(problems.finish());
    int64_t accepted_fen = 0;
    for (auto& line : order.lines) {
        auto found = by_line.find(line.line_no);
        line.accepted_quantity = found == by_line.end() ? line.quantity : found->second->accepted_quantity;
        if (found != by_line.end()) line.quality_note = found->second->quality_note;
        accepted_fen += *line.accepted_quantity * line.unit_price_fen;
    }
    order.accepted_fen = accepted_fen;
    return record_acceptance(tx, order);
}

Result<void> check_carrier(store::Tx& tx, const std::optional<std::string>& carrier_id) {
    if (!carrier_id) return ok();
    KL_TRY_ASSIGN(std::optional<access::Organisation> carrier, access::find_organisation(tx, *carrier_id));
    if (!carrier || carrier->kind != access::OrgKind::logistics) return fail_field("carrier_id", ProblemCode::wrong_kind, "must be a logistics organisation");
    return ok();
}

}  // namespace

std::string actor_role_name(const Actor& actor) {
    return actor ? std::string(access::to_string(actor->role)) : std::string("system");
}

Result<Order> OrderService::validate_new(store::Tx& tx, const NewOrder& input, OrderStatus status,
                                         std::vector<catalog::ProductStamp>* stamps) const {
    FieldErrors problems;
    Order order;
    KL_TRY(check_parties(tx, input, problems, order));
    KL_TRY_ASSIGN(std::vector<OrderLine> lines, check_lines(tx, input, problems, stamps));
    const Date today = kl::today_in_shanghai(clock_);
    const Date order_date = input.order_date.value_or(today);
    if (input.delivery_date < order_date) problems.add("delivery_date", ProblemCode::before_other_field, "must not be before the order date");
    problems.check_text("note", input.note, 0, note_chars_max, TextKind::prose);
    KL_TRY(problems.finish());

    order.buyer_id = input.buyer_id;
    order.seller_id = input.seller_id;
    order.channel = input.channel;
    order.status = status;
    order.delivery_district = input.delivery_district;
    order.delivery_date = input.delivery_date;
    order.order_date = order_date;
    order.source_kind = input.source_kind;
    order.source_ref = input.source_ref;
    order.platform = input.platform;
    order.shop = input.shop;
    order.platform_order_no = input.platform_order_no;
    order.note = input.note;
    order.lines = std::move(lines);
    for (const auto& line : order.lines) order.total_fen += line.amount_fen;
    return order;
}

Result<Order> OrderService::write_new(store::Tx& tx, Order order, const Actor& actor, const std::string& action) {
    // The id and the times are taken here, on the writing thread, so ids still follow the order
    // of the writes (UUIDv7: milliseconds first) however long a validation before them took.
    order.id = ids_.next();
    order.created_at_ms = order.updated_at_ms = clock_.now_ms();
    KL_TRY(insert_order(tx, order));
    OrderEvent created = event_of(actor, action, std::nullopt, order.status, order.created_at_ms, order.note);
    created.seq = 1;
    KL_TRY(insert_event(tx, order.id, created));
    order.events.push_back(std::move(created));
    return order;
}

Result<Order> OrderService::insert_new(store::Tx& tx, const NewOrder& input, OrderStatus status, const Actor& actor,
                                       const std::string& action) {
    KL_TRY_ASSIGN(Order order, validate_new(tx, input, status, nullptr));
    return write_new(tx, std::move(order), actor, action);
}

Result<PreparedOrder> OrderService::prepare_create(const Actor& actor, const NewOrder& input) {
    KL_TRY(require_creator(actor, input));
    if (input.source_kind || input.source_ref || input.platform) {
        return fail_field("source_kind", ProblemCode::invalid_value, "is set only by other modules and imports");
    }
    PreparedOrder prepared;
    prepared.input = input;
    prepared.status = input.channel == SalesChannel::fair_intent ? OrderStatus::intent : OrderStatus::confirmed;
    // One read snapshot for every check: parties, district, each line's product, grade and channel.
    KL_TRY_ASSIGN(prepared.order, store_.read([&](store::Tx& tx) {
        prepared.products.clear();
        return validate_new(tx, prepared.input, prepared.status, &prepared.products);
    }));
    return prepared;
}

Result<Order> OrderService::commit_create(const Actor& actor, PreparedOrder prepared) {
    std::vector<std::string> ids;
    for (const auto& stamp : prepared.products) ids.push_back(stamp.id);
    // The order as written, with its names and its first event: no read-back inside the write
    // (the writer thread is the bottleneck of order placement). OrderLifecycle.CreatedOrderIsWhatIsStored
    // checks that it equals what get() reads.
    return store_.write([&](store::Tx& tx) -> Result<Order> {
        // What the snapshot's checks relied on and another write may have changed since. Parties
        // keep their kind and districts are reference data; a product may be withdrawn, its unit or
        // its standard (grades, channels) edited. If one was, validate again here, on the state
        // this write commits on, exactly as a create validated inside the write always did.
        KL_TRY_ASSIGN(std::vector<catalog::ProductStamp> now, catalog::current_stamps(tx, ids));
        if (now != prepared.products) return insert_new(tx, prepared.input, prepared.status, actor, "create");
        return write_new(tx, std::move(prepared.order), actor, "create");
    });
}

Result<Order> OrderService::create(const Actor& actor, const NewOrder& input) {
    KL_TRY_ASSIGN(PreparedOrder prepared, prepare_create(actor, input));
    return commit_create(actor, std::move(prepared));
}

namespace {
Result<void> check_source(const NewOrder& input) {
    if (!input.source_kind || input.source_kind->empty() || input.source_kind->size() > reference_chars_max) {
        return fail_field("source_kind", ProblemCode::length_out_of_range, "is required (1 to " + std::to_string(reference_chars_max) + " characters)");
    }
    if (!input.source_ref || input.source_ref->empty() || input.source_ref->size() > reference_chars_max) {
        return fail_field("source_ref", ProblemCode::length_out_of_range, "is required (1 to " + std::to_string(reference_chars_max) + " characters)");
    }
    return ok();
}
}  // namespace

Result<std::string> OrderService::create_confirmed_in(store::Tx& tx, const NewOrder& input, const Actor& actor) {
    KL_TRY(check_source(input));
    KL_TRY_ASSIGN(std::optional<std::string> existing, find_order_by_source(tx, *input.source_kind, *input.source_ref));
    if (existing) return std::move(*existing);
    KL_TRY_ASSIGN(Order made, insert_new(tx, input, OrderStatus::confirmed, actor, "create"));
    return made.id;
}

Result<Order> OrderService::create_from_source_in(store::Tx& tx, const NewOrder& input, const Actor& actor) {
    KL_TRY(check_source(input));
    KL_TRY_ASSIGN(std::optional<std::string> existing, find_order_by_source(tx, *input.source_kind, *input.source_ref));
    if (existing) {
        KL_TRY_ASSIGN(std::optional<Order> stored, find_order(tx, *existing, true));
        return std::move(*stored);
    }
    const OrderStatus status = input.channel == SalesChannel::fair_intent ? OrderStatus::intent : OrderStatus::confirmed;
    return insert_new(tx, input, status, actor, "create");
}

Result<Order> OrderService::get(const Actor& actor, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Order> {
        KL_TRY_ASSIGN(std::optional<Order> order, find_order(tx, id, true));
        if (!order) return fail(ErrorCode::not_found, "order " + id + " not found");
        KL_TRY(require_visible(tx, actor, *order));
        return std::move(*order);
    });
}

Result<OrderPage> OrderService::list(const Actor& actor, const OrderFilter& filter, int limit,
                                     const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<OrderPage> {
        KL_TRY_ASSIGN(OrderVisibility seen, visibility_of(tx, actor));
        KL_TRY_ASSIGN(std::vector<Order> orders, list_orders(tx, seen, filter, after, limit));
        OrderPage page;
        page.next_cursor = store::finish_page(orders, limit, [](const auto& item) { return item.id; });
        page.orders = std::move(orders);
        return page;
    });
}

Result<Order> OrderService::transition(const Actor& actor, const std::string& id, OrderAction action,
                                       const TransitionInput& input) {
    if (actor) KL_TRY(access::require_writer(*actor));
    return store_.write([&](store::Tx& tx) -> Result<Order> {
        KL_TRY_ASSIGN(std::optional<Order> found, find_order(tx, id, false));
        if (!found) return fail(ErrorCode::not_found, "order " + id + " not found");
        Order& order = *found;
        KL_TRY(require_visible(tx, actor, order));
        const std::optional<Party> party = party_of(actor, order);
        if (!party) {
            return fail(ErrorCode::permission_denied, "role " + actor_role_name(actor) + " reads orders but does not act on them");
        }
        KL_TRY_ASSIGN(const TransitionRule* rule, rule_for(action, order, *party));
        FieldErrors problems;
        problems.check_text("note", input.note, 0, note_chars_max, TextKind::prose);
        if (action == OrderAction::cancel) problems.check_text("reason", input.reason, 1, reason_chars_max, TextKind::prose);
        KL_TRY(problems.finish());
        std::string note = input.note;
        const int64_t now = clock_.now_ms();
        switch (action) {
            case OrderAction::cancel:
                KL_TRY(set_cancel_reason(tx, id, input.reason));
                note = input.reason;
                break;
            case OrderAction::ship:
                KL_TRY(check_carrier(tx, input.carrier_id));
                if (input.carrier_id) KL_TRY(set_carrier(tx, id, *input.carrier_id));
                if (input.carrier_id) order.carrier_id = input.carrier_id;
                if (shipment_lots_.shipped) {
                    KL_TRY(shipment_lots_.shipped(tx, order, input.line_lots, actor, now));
                } else if (!input.line_lots.empty()) {
                    return fail_field("lines", ProblemCode::invalid_value, "lots are not recorded by this service");
                }
                break;
            case OrderAction::accept:
                KL_TRY(apply_acceptance(tx, order, input.lines));
                break;
            case OrderAction::pay:
                if (!order.invoice_no) {
                    return fail(ErrorCode::failed_precondition, ProblemCode::invoice_missing,
                                "the seller has not recorded an invoice number yet");
                }
                if (input.payment_ref && input.payment_ref->size() > reference_chars_max) {
                    return fail_field("payment_ref", ProblemCode::invalid_value, "is too long");
                }
                if (input.payment_ref) note = "payment " + *input.payment_ref + (note.empty() ? "" : "; " + note);
                break;
            default: break;
        }
        KL_TRY(update_status(tx, id, order.status, rule->to, now));
        KL_TRY(append_event(tx, id, event_of(actor, std::string(to_string(action)), order.status, rule->to, now, note)));
        if (action == OrderAction::accept) {
            order.status = rule->to;
            KL_TRY(record_aid_sales(tx, order));
        }
        if ((action == OrderAction::deliver || action == OrderAction::accept) && shipment_lots_.received) {
            order.status = rule->to;
            KL_TRY(shipment_lots_.received(tx, order, action, actor, now));
        }
        KL_TRY_ASSIGN(std::optional<Order> stored, find_order(tx, id, true));
        return std::move(*stored);
    });
}

// Look-alike numbers count as one (core/identifier.h): said by the check inside the write and by the
// unique index (seller_id, invoice_key) when two writes race past it.
namespace {
Error order_invoice_taken() {
    Error error = Error::invalid("invoice_no", ProblemCode::duplicate, "is already used by another order of this seller (compared ignoring "
                                               "case, width, dash forms and surrounding spaces)");
    error.code = ErrorCode::already_exists;
    return error;
}
}  // namespace

Result<Order> OrderService::set_invoice(const Actor& actor, const std::string& id, const std::string& invoice_no) {
    if (actor) KL_TRY(access::require_writer(*actor));
    FieldErrors problems;
    problems.check_text("invoice_no", invoice_no, 1, invoice_no_chars_max, TextKind::identifier);
    KL_TRY(problems.finish());
    const std::string invoice_key = identifier_key(invoice_no);
    auto written = store_.write([&](store::Tx& tx) -> Result<Order> {
        KL_TRY_ASSIGN(std::optional<Order> found, find_order(tx, id, false));
        if (!found) return fail(ErrorCode::not_found, "order " + id + " not found");
        KL_TRY(require_visible(tx, actor, *found));
        const std::optional<Party> party = party_of(actor, *found);
        if (party != Party::seller && party != Party::admin) {
            return fail(ErrorCode::permission_denied, "only the seller (or an admin) records the invoice number");
        }
        const OrderStatus status = found->status;
        if (status == OrderStatus::intent || status == OrderStatus::paid || status == OrderStatus::cancelled) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "an order that is " + std::string(to_string(status)) + " takes no invoice",
                        {{"record", "order"}, {"status", to_string(status)}, {"action", "record_invoice"}});
        }
        if (found->invoice_no == invoice_no) return std::move(*found);  // a retry
        if (found->invoice_no) return fail(ErrorCode::conflict, "the order already has invoice " + *found->invoice_no);
        KL_TRY_ASSIGN(std::optional<std::string> used, find_order_by_invoice_key(tx, found->seller_id, invoice_key));
        if (used) return fail(order_invoice_taken());
        const int64_t now = clock_.now_ms();
        KL_TRY(set_invoice_no(tx, id, invoice_no, invoice_key, now));
        KL_TRY(append_event(tx, id, event_of(actor, "invoice", status, status, now, "invoice " + invoice_no)));
        KL_TRY_ASSIGN(std::optional<Order> stored, find_order(tx, id, true));
        return std::move(*stored);
    });
    if (!written && written.error().code == ErrorCode::already_exists) return fail(order_invoice_taken());
    return written;
}

}  // namespace kl::orders
