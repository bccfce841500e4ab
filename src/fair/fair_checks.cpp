#include "fair/fair_checks.h"

#include <algorithm>
#include <set>

#include "core/identifier.h"
#include "fair/fair_repo.h"

namespace kl::fair {

using audit::CanonicalJson;

namespace {

const std::set<std::string> producer_kinds = {"enterprise", "cooperative", "family_workshop", "household"};

}  // namespace

void check_range(FieldErrors& errors, const std::string& field, int64_t value, int64_t min, int64_t max) {
    if (value < min || value > max) {
        errors.add(field, ProblemCode::out_of_range, "must be between " + std::to_string(min) + " and " + std::to_string(max),
                   {{"min", min}, {"max", max}});
    }
}

void check_event_fields(const Event& input, FieldErrors& errors) {
    errors.check_text("name_zh", input.name_zh, 1, name_chars_max);
    errors.check_text("name_en", input.name_en, 1, name_chars_max);
    errors.check_text("venue", input.venue, 1, name_chars_max);
    if (input.ends_on < input.starts_on) {
        errors.add("ends_on", ProblemCode::before_other_field, "must not be before starts_on", {{"other", "starts_on"}});
    } else if (days_between(input.starts_on, input.ends_on) + 1 > event_days_max) {
        errors.add("ends_on", ProblemCode::above_max, "an event lasts at most " + std::to_string(event_days_max) + " days",
                   {{"max", event_days_max}});
    }
    check_range(errors, "slot_minutes", input.slot_minutes, slot_minutes_min, slot_minutes_max);
    check_range(errors, "break_minutes", input.break_minutes, 0, break_minutes_max);
    const RatingWeights& w = input.weights;
    check_range(errors, "weight_buyer_must_meet", w.buyer_must_meet, 0, rating_weight_max);
    check_range(errors, "weight_buyer_meet", w.buyer_meet, 0, rating_weight_max);
    check_range(errors, "weight_exhibitor_must_meet", w.exhibitor_must_meet, 0, rating_weight_max);
    check_range(errors, "weight_exhibitor_meet", w.exhibitor_meet, 0, rating_weight_max);
    // A guess must never outweigh a stated wish (meeting_schedule.h).
    const int64_t guess_max = std::min(w.buyer_meet, w.exhibitor_meet);
    check_range(errors, "weight_recommendation_max", w.recommendation_max, 0, guess_max);
    if (input.organiser_ids.size() > static_cast<size_t>(organisers_max)) {
        errors.add("organiser_ids", ProblemCode::too_many, "at most " + std::to_string(organisers_max) + " organisers",
                   {{"max", organisers_max}});
    }
}

namespace {

bool overlaps(const BookedTime& a, Date day, int64_t starts_min, int64_t ends_min) {
    return a.held_on == day && a.starts_min < ends_min && starts_min < a.ends_min;
}

}  // namespace

void check_attendee_fields(const Attendee& input, FieldErrors& errors) {
    if (input.side == Side::buyer) {
        errors.check_text("person_name", input.person_name, 1, name_chars_max);
        if (!input.product_ids.empty()) errors.add("product_ids", ProblemCode::invalid_value, "only exhibitors show products");
    } else {
        errors.check_text("person_name", input.person_name, 0, name_chars_max);
        if (input.product_ids.size() > products_shown_max) {
            errors.add("product_ids", ProblemCode::too_many, "at most " + std::to_string(products_shown_max) + " products",
                       {{"max", static_cast<int64_t>(products_shown_max)}});
        }
    }
    errors.check_text("title", input.title, 0, name_chars_max);
    errors.check_text("phone", input.phone, 0, phone_chars_max);
    errors.check_text("booth", input.booth, 0, name_chars_max);
    check_range(errors, "meetings_min", input.meetings_min, 0, slot_count_max);
    check_range(errors, "meetings_max", input.meetings_max, 0, slot_count_max);
    if (input.meetings_min > input.meetings_max) {
        errors.add("meetings_min", ProblemCode::above_max, "must not be more than meetings_max",
                   {{"max", input.meetings_max}, {"other", "meetings_max"}});
    }
}

void check_slots(const Attendee& input, const std::vector<EventSlot>& event_slots, FieldErrors& errors) {
    std::set<std::string> seen;
    for (size_t i = 0; i < input.slot_ids.size(); ++i) {
        const std::string field = "slot_ids/" + std::to_string(i);
        const std::string& id = input.slot_ids[i];
        if (!seen.insert(id).second) {
            errors.add(field, ProblemCode::repeated, "names the same slot twice");
            continue;
        }
        const bool known = std::any_of(event_slots.begin(), event_slots.end(), [&](const EventSlot& s) { return s.id == id; });
        if (!known) errors.add(field, ProblemCode::unknown_reference, "is not a slot of this event");
    }
}

Result<void> check_products(store::Tx& tx, const Attendee& input, FieldErrors& errors) {
    KL_TRY_ASSIGN(auto producers, product_producers(tx, input.product_ids));
    std::set<std::string> seen;
    for (size_t i = 0; i < input.product_ids.size(); ++i) {
        const std::string field = "product_ids/" + std::to_string(i);
        const auto found = producers.find(input.product_ids[i]);
        if (!seen.insert(input.product_ids[i]).second) {
            errors.add(field, ProblemCode::repeated, "names the same product twice");
        } else if (found == producers.end()) {
            errors.add(field, ProblemCode::unknown_reference, "is not a product of the catalogue");
        } else if (found->second != input.org_id) {
            errors.add(field, ProblemCode::outside_own_scope, "is another organisation's product: an exhibitor shows its own");
        }
    }
    return ok();
}

Result<void> check_org(store::Tx& tx, const Attendee& input, FieldErrors& errors) {
    KL_TRY_ASSIGN(std::optional<OrgFacts> org, find_org(tx, input.org_id));
    if (!org) {
        errors.add("org_id", ProblemCode::unknown_reference, "is not a known organisation");
        return ok();
    }
    if (org->system) {
        // The walk-in buyer stands for anonymous customers at the booths; nobody attends as it.
        errors.add("org_id", ProblemCode::wrong_kind, "is a system organisation (walk-in customers), not a participant",
                   {{"kind", "system"}});
        return ok();
    }
    const bool fits = input.side == Side::exhibitor ? producer_kinds.contains(org->kind) : org->kind == "buyer";
    if (!fits) {
        errors.add("org_id", ProblemCode::wrong_kind,
                   input.side == Side::exhibitor ? "an exhibitor is a producer organisation" : "a buyer representative is of a buyer organisation",
                   {{"kind", org->kind}});
    }
    return ok();
}

Result<void> check_clash(store::Tx& tx, const Attendee& input, const std::string& person_key,
                         const std::vector<EventSlot>& event_slots, FieldErrors& errors) {
    KL_TRY_ASSIGN(std::vector<BookedTime> elsewhere, times_elsewhere(tx, input.event_id, input.side, input.org_id, person_key));
    if (elsewhere.empty()) return ok();
    for (const auto& slot : event_slots) {
        const bool attends = input.slot_ids.empty() ||
                             std::find(input.slot_ids.begin(), input.slot_ids.end(), slot.id) != input.slot_ids.end();
        if (!attends) continue;
        for (const auto& booked : elsewhere) {
            if (!overlaps(booked, slot.held_on, slot.starts_min, slot.ends_min)) continue;
            errors.add("slot_ids", ProblemCode::time_clash,
                       "the same " + std::string(input.side == Side::exhibitor ? "exhibitor" : "person") +
                           " takes part in another event at an overlapping time",
                       {{"event", booked.event_id}});
            return ok();
        }
    }
    return ok();
}

Result<void> check_identity_free(store::Tx& tx, const Attendee& input, const std::string& person_key, FieldErrors& errors) {
    KL_TRY_ASSIGN(bool registered, identity_registered(tx, input.event_id, input.side, input.org_id, person_key));
    if (registered) {
        errors.add(input.side == Side::exhibitor ? "org_id" : "person_name", ProblemCode::duplicate,
                   "is registered in this event already");
    }
    return ok();
}

CanonicalJson attendee_audit(const Attendee& a) {
    return CanonicalJson()
        .add("event_id", a.event_id)
        .add("side", to_string(a.side))
        .add("org_id", a.org_id)
        .add("person_name", a.person_name)
        .add("meetings_min", a.meetings_min)
        .add("meetings_max", a.meetings_max)
        .add("product_ids", a.product_ids)
        .add("slot_ids", a.slot_ids);
}

}  // namespace kl::fair
