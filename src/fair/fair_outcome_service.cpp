#include "fair/fair_outcome_service.h"

#include <algorithm>

#include "access/permissions.h"
#include "catalog/catalog_access.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"
#include "core/field_errors.h"
#include "fair/fair_outcome_repo.h"
#include "fair/fair_repo.h"
#include "orders/order_access.h"
#include "orders/order_repo.h"
#include "store/page.h"

namespace kl::fair {

namespace {

using audit::CanonicalJson;

// Live: everyone the table of fair_outcome_service.h names; closed: organisers only.
Result<void> require_recording_state(const Actor& actor, const Event& event, std::string_view action) {
    if (is_organiser(actor, event)) return require_state(event, {EventState::live, EventState::closed}, action);
    return require_state(event, {EventState::live}, action);
}

Result<StoredMeeting> load_published_meeting(store::Tx& tx, const Event& event, const std::string& meeting_id) {
    std::optional<StoredMeeting> meeting;
    if (event.published_schedule_id) {
        KL_TRY_ASSIGN(meeting, find_meeting(tx, *event.published_schedule_id, meeting_id));
    }
    if (!meeting) {
        return fail(ErrorCode::not_found, ProblemCode::not_found,
                    "meeting " + meeting_id + " is not in the event's published schedule");
    }
    return std::move(*meeting);
}

struct MeetingSides {
    StoredMeeting meeting;
    Attendee exhibitor, buyer;
};

// The published meeting and its two participants; permission_denied unless the actor organises the
// event or speaks for one side.
Result<MeetingSides> load_sides(store::Tx& tx, const Actor& actor, const Event& event, const std::string& meeting_id) {
    KL_TRY_ASSIGN(StoredMeeting meeting, load_published_meeting(tx, event, meeting_id));
    KL_TRY_ASSIGN(Attendee exhibitor, load_attendee(tx, event.id, meeting.exhibitor_id));
    KL_TRY_ASSIGN(Attendee buyer, load_attendee(tx, event.id, meeting.buyer_id));
    if (!is_organiser(actor, event) && !speaks_for(actor, exhibitor) && !speaks_for(actor, buyer)) {
        return fail(ErrorCode::permission_denied, "a meeting's outcome and orders are recorded by its organisers or its two sides");
    }
    return MeetingSides{std::move(meeting), std::move(exhibitor), std::move(buyer)};
}

bool reads_everything(const Actor& actor, const Event& event) {
    return is_organiser(actor, event) || access::is_programme_wide(actor->role);
}

// The orders of the event the actor sees: every one for its organisers and programme-wide readers,
// else as the orders module scopes them (orders/order_access.h: a seller's, a buyer's, the sellers of
// an officer's county); nullopt for the roles that see no fair's orders (carriers).
Result<std::optional<orders::OrderVisibility>> fair_order_visibility(store::Tx& tx, const Actor& actor, const Event& event) {
    if (reads_everything(actor, event)) return std::optional(orders::OrderVisibility{orders::OrderVisibility::Kind::every, {}});
    switch (actor->role) {
        case access::Role::producer:
        case access::Role::buyer:
        case access::Role::county_officer: {
            KL_TRY_ASSIGN(orders::OrderVisibility seen, orders::visibility_of(tx, actor));
            return std::optional(std::move(seen));
        }
        default: return std::optional<orders::OrderVisibility>{};
    }
}

// Whether the actor sees an order of the event (the list's scope, for one order).
Result<bool> sees_order(store::Tx& tx, const Actor& actor, const Event& event, const FairOrder& link) {
    using Kind = orders::OrderVisibility::Kind;
    KL_TRY_ASSIGN(std::optional<orders::OrderVisibility> seen, fair_order_visibility(tx, actor, event));
    if (!seen) return false;
    switch (seen->kind) {
        case Kind::every: return true;
        case Kind::seller: return link.seller_org_id == seen->value;
        case Kind::buyer: return link.buyer_org_id == seen->value;
        case Kind::seller_county: {
            KL_TRY_ASSIGN(std::optional<std::string> seller_county, catalog::organisation_county(tx, link.seller_org_id));
            return seller_county == seen->value;
        }
        case Kind::carrier:
        case Kind::none: return false;
    }
    return false;
}

Result<FairOrder> with_order(store::Tx& tx, FairOrder link) {
    KL_TRY_ASSIGN(std::optional<orders::Order> order, orders::find_order(tx, link.order_id, false));
    KL_ASSERT(order.has_value());  // fair_orders.order_id references orders
    link.order = std::move(*order);
    return link;
}

CanonicalJson order_audit(const FairOrder& link) {
    CanonicalJson body;
    body.add("event_id", link.event_id).add("kind", std::string(to_string(link.kind))).add("exhibitor_id", link.exhibitor_id);
    body.add("buyer_org_id", link.buyer_org_id).add("total_fen", link.order.total_fen).add("walk_in", link.walk_in);
    if (link.meeting_id) body.add("meeting_id", *link.meeting_id);
    return body;
}

}  // namespace

Result<MeetingOutcomes> FairOutcomeService::record_outcome(const Actor& actor, const std::string& event_id,
                                                           const std::string& meeting_id, const OutcomeInput& input) {
    if (actor) KL_TRY(access::require_writer(*actor));
    FieldErrors problems;
    if (input.outcome == Outcome::no_show && !input.no_show_side) {
        problems.add("no_show_side", ProblemCode::required, "is required for a no-show: exhibitor, buyer or both");
    }
    if (input.outcome != Outcome::no_show && input.no_show_side) {
        problems.add("no_show_side", ProblemCode::invalid_value, "is given only for a no-show");
    }
    problems.check_text("note", input.note, 0, outcome_note_chars_max, TextKind::prose);
    KL_TRY(problems.finish());
    return store_.write([&](store::Tx& tx) -> Result<MeetingOutcomes> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(MeetingSides sides, load_sides(tx, actor, event, meeting_id));
        KL_TRY(require_recording_state(actor, event, "record_outcome"));
        KL_TRY_ASSIGN(std::vector<OutcomeRecord> history, outcome_history(tx, event_id, meeting_id));
        const int64_t current = history.empty() ? 0 : history.back().version;
        if (input.expected_version && *input.expected_version != current) {
            return fail(ErrorCode::conflict, ProblemCode::conflict,
                        "another outcome was recorded since version " + std::to_string(*input.expected_version),
                        {{"record", "fair_meeting"}, {"version", current}});
        }
        OutcomeRecord record{event_id, meeting_id, current + 1, input.outcome, input.no_show_side, input.note,
                             actor ? std::optional<std::string>(actor->user_id) : std::nullopt, orders::actor_role_name(actor),
                             clock_.now_ms()};
        KL_TRY(insert_outcome(tx, record));
        CanonicalJson body;
        body.add("event_id", event_id).add("outcome", std::string(to_string(record.outcome))).add("version", record.version);
        body.add("note", record.note);
        if (record.no_show_side) body.add("no_show_side", std::string(to_string(*record.no_show_side)));
        KL_TRY(audit_change(audit_, tx, actor, "fair_meeting.outcome", "fair_meeting", meeting_id, body));
        history.push_back(std::move(record));
        return MeetingOutcomes{std::move(sides.meeting), std::move(history)};
    });
}

Result<MeetingOutcomes> FairOutcomeService::outcomes(const Actor& actor, const std::string& event_id, const std::string& meeting_id) {
    return store_.read([&](store::Tx& tx) -> Result<MeetingOutcomes> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(StoredMeeting meeting, load_published_meeting(tx, event, meeting_id));
        KL_TRY_ASSIGN(Attendee exhibitor, load_attendee(tx, event.id, meeting.exhibitor_id));
        KL_TRY_ASSIGN(Attendee buyer, load_attendee(tx, event.id, meeting.buyer_id));
        if (!reads_private(actor, event, exhibitor) && !reads_private(actor, event, buyer)) {
            return fail(ErrorCode::permission_denied, "a meeting's outcome is read by its organisers, its two sides and programme-wide readers");
        }
        KL_TRY_ASSIGN(std::vector<OutcomeRecord> history, outcome_history(tx, event_id, meeting_id));
        return MeetingOutcomes{std::move(meeting), std::move(history)};
    });
}

Result<FairOrder> FairOutcomeService::record_intent(const Actor& actor, const std::string& event_id, const std::string& meeting_id,
                                                    const SaleInput& input) {
    if (actor) KL_TRY(access::require_writer(*actor));
    if (input.buyer_org_id) return fail_field("buyer_org_id", ProblemCode::invalid_value, "an intended order's buyer is the meeting's buyer");
    return store_.write([&](store::Tx& tx) -> Result<FairOrder> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(MeetingSides sides, load_sides(tx, actor, event, meeting_id));
        KL_TRY(require_recording_state(actor, event, "record_intent"));
        KL_TRY_ASSIGN(std::vector<EventSlot> slots, select_slots(tx, event_id));
        const auto slot = std::find_if(slots.begin(), slots.end(), [&](const EventSlot& s) { return s.id == sides.meeting.slot_id; });
        KL_ASSERT(slot != slots.end());  // fair_meetings.slot_id references the event's slots
        FairOrder link;
        link.event_id = event_id;
        link.kind = FairOrderKind::intent;
        link.meeting_id = meeting_id;
        link.exhibitor_id = sides.exhibitor.id;
        link.buyer_participant_id = sides.buyer.id;
        link.seller_org_id = sides.exhibitor.org_id;
        link.buyer_org_id = sides.buyer.org_id;
        return record_order(tx, actor, event, std::move(link), input, slot->held_on);
    });
}

Result<FairOrder> FairOutcomeService::record_onsite_sale(const Actor& actor, const std::string& event_id,
                                                         const std::string& exhibitor_id, const SaleInput& input) {
    if (actor) KL_TRY(access::require_writer(*actor));
    return store_.write([&](store::Tx& tx) -> Result<FairOrder> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee exhibitor, load_attendee(tx, event_id, exhibitor_id));
        if (exhibitor.side != Side::exhibitor) {
            return fail(ErrorCode::not_found, ProblemCode::not_found, "participant " + exhibitor_id + " is not an exhibitor: it has no booth");
        }
        if (!is_organiser(actor, event) && !speaks_for(actor, exhibitor)) {
            return fail(ErrorCode::permission_denied, "a booth's sales are recorded by its exhibitor's organisation or the organisers");
        }
        KL_TRY(require_recording_state(actor, event, "record_onsite_sale"));
        FairOrder link;
        link.event_id = event_id;
        link.kind = FairOrderKind::onsite;
        link.exhibitor_id = exhibitor.id;
        link.seller_org_id = exhibitor.org_id;
        if (input.buyer_org_id) {
            KL_TRY_ASSIGN(std::optional<OrgFacts> buyer, find_org(tx, *input.buyer_org_id));
            if (!buyer || buyer->kind != "buyer") return fail_field("buyer_org_id", ProblemCode::wrong_kind, "must be a buyer organisation");
            link.buyer_org_id = buyer->id;
            link.walk_in = buyer->system;  // naming the walk-in buyer is the same as naming none
            KL_TRY_ASSIGN(std::vector<Attendee> registered,
                          select_attendees(tx, event_id, AttendeeFilter{Side::buyer, buyer->id, std::nullopt, 1}));
            if (!registered.empty()) link.buyer_participant_id = registered.front().id;
        } else {
            KL_TRY_ASSIGN(link.buyer_org_id, walk_in_buyer(tx));
            link.walk_in = true;
        }
        // Sold today, or on the event's last day when an organiser types in a sale after it closed.
        const Date today = today_in_shanghai(clock_);
        const Date sold_on = std::clamp(today, event.starts_on, event.ends_on);
        return record_order(tx, actor, event, std::move(link), input, sold_on);
    });
}

Result<FairOrder> FairOutcomeService::record_order(store::Tx& tx, const Actor& actor, const Event& event, FairOrder link,
                                                   const SaleInput& input, Date order_date) {
    FieldErrors problems;
    orders::NewOrder order;
    order.buyer_id = link.buyer_org_id;
    order.seller_id = link.seller_org_id;
    order.channel = link.kind == FairOrderKind::intent ? orders::SalesChannel::fair_intent : orders::SalesChannel::fair_onsite;
    for (size_t i = 0; i < input.lines.size() && i < orders::order_lines_max; ++i) {
        const SaleLine& line = input.lines[i];
        KL_TRY_ASSIGN(std::optional<ProductFacts> product, product_facts(tx, line.product_id));
        if (!product || product->producer_id != link.seller_org_id) {
            problems.add("lines/" + std::to_string(i) + "/product_id", ProblemCode::unknown_reference,
                         "must be a catalogue product of the exhibitor");
        }
        const std::string grade = line.grade.value_or(product ? product->best_grade.value_or("") : "");
        order.lines.push_back(orders::NewOrderLine{line.product_id, grade, line.quantity, line.unit_price_fen});
    }
    if (input.lines.size() > orders::order_lines_max) {
        problems.add("lines", ProblemCode::too_many, "must hold at most " + std::to_string(orders::order_lines_max) + " lines",
                     {{"max", orders::order_lines_max}});
    }
    std::optional<std::string> district = input.delivery_district;
    if (!district) {
        KL_TRY_ASSIGN(district, org_district(tx, link.buyer_org_id));
    }
    if (!district) {
        problems.add("delivery_district", ProblemCode::required,
                     "is required: the buyer has no district of its own (for a walk-in customer, the district of the venue)");
    }
    if (input.reference) problems.check_text("reference", *input.reference, 1, order_reference_chars_max, TextKind::identifier);
    KL_TRY(problems.finish());
    order.delivery_district = *district;
    order.order_date = order_date;
    order.delivery_date = input.delivery_date.value_or(order_date);
    order.note = input.note;
    order.source_kind = std::string(catalog::to_string(order.channel));
    order.source_ref = input.reference ? event.id + "/" + *input.reference : ids_.next();
    KL_TRY_ASSIGN(orders::Order made, orders_.create_from_source_in(tx, order, actor));
    KL_TRY_ASSIGN(std::optional<FairOrder> existing, find_fair_order(tx, made.id));
    if (existing) return with_order(tx, std::move(*existing));  // the same reference again: the first order
    link.order_id = made.id;
    link.created_at_ms = clock_.now_ms();
    link.order = std::move(made);
    KL_TRY(insert_fair_order(tx, link));
    KL_TRY(audit_change(audit_, tx, actor, link.kind == FairOrderKind::intent ? "fair_order.intent" : "fair_order.onsite_sale",
                        "order", link.order_id, order_audit(link)));
    return link;
}

Result<FairOrderPage> FairOutcomeService::list_orders(const Actor& actor, const std::string& event_id, const FairOrderFilter& filter,
                                                      int limit, const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<FairOrderPage> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(std::optional<orders::OrderVisibility> seen, fair_order_visibility(tx, actor, event));
        if (!seen) {
            return fail(ErrorCode::permission_denied, "the orders made at an event are seen by its organisers, programme-wide "
                                                      "readers, county officers and the organisations that sell or buy");
        }
        KL_TRY_ASSIGN(std::vector<FairOrder> links, select_fair_orders(tx, event_id, *seen, filter, after, limit));
        FairOrderPage page;
        page.next_cursor = store::finish_page(links, limit, [](const FairOrder& link) { return link.order_id; });
        for (auto& link : links) {
            KL_TRY_ASSIGN(FairOrder full, with_order(tx, std::move(link)));
            page.items.push_back(std::move(full));
        }
        return page;
    });
}

Result<Receipt> FairOutcomeService::receipt(const Actor& actor, const std::string& event_id, const std::string& exhibitor_id,
                                            const std::string& order_id, const std::string& lang) {
    if (lang != "zh" && lang != "en") return fail_field("lang", ProblemCode::not_one_of, "must be zh or en", {{"allowed", "zh, en"}});
    return store_.read([&](store::Tx& tx) -> Result<Receipt> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee exhibitor, load_attendee(tx, event_id, exhibitor_id));
        KL_TRY_ASSIGN(std::optional<FairOrder> link, find_fair_order(tx, order_id));
        if (!link || link->event_id != event_id || link->exhibitor_id != exhibitor_id || link->kind != FairOrderKind::onsite) {
            return fail(ErrorCode::not_found, ProblemCode::not_found, "order " + order_id + " is not an on-site sale of this booth");
        }
        KL_TRY_ASSIGN(bool seen, sees_order(tx, actor, event, *link));
        if (!seen) return fail(ErrorCode::permission_denied, "a receipt is for the booth, the buyer, the organisers and programme-wide readers");
        KL_TRY_ASSIGN(FairOrder sale, with_order(tx, std::move(*link)));
        const bool zh = lang == "zh";
        const orders::Order& order = sale.order;
        Receipt out;
        out.lang = lang;
        out.order_id = order.id;
        out.event_id = event_id;
        out.event_name = zh ? event.name_zh : event.name_en;
        out.venue = event.venue;
        out.booth = exhibitor.booth;
        out.seller_name = zh || order.seller_name_en.empty() ? order.seller_name : order.seller_name_en;
        out.buyer_name = zh || order.buyer_name_en.empty() ? order.buyer_name : order.buyer_name_en;
        out.walk_in = sale.walk_in;
        out.order_date = order.order_date;
        out.created_at_ms = order.created_at_ms;
        out.status = std::string(orders::to_string(order.status));
        out.total_fen = order.total_fen;
        for (const auto& line : order.lines) {
            KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, line.product_id));
            KL_ASSERT(product.has_value());  // order lines reference products
            const std::string name = zh || product->fields.name_en.empty() ? product->fields.name_zh : product->fields.name_en;
            out.lines.push_back(ReceiptLine{line.line_no, name, line.grade, line.quantity, product->fields.unit.kind,
                                            line.unit_price_fen, line.amount_fen});
        }
        return out;
    });
}

}  // namespace kl::fair
