#pragma once
// JSON mapping of the Chief Service Officer book (src/servicebook) for its routes: encoders from the
// plain structs, the enum names the kit reads, and the OpenAPI schemas.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"
#include "http/routes/route_kit.h"
#include "servicebook/servicebook.h"

namespace kl::http {

template <>
struct EnumText<servicebook::RequestStatus> {
    static std::vector<std::string> names() { return {"open", "in_progress", "resolved", "closed"}; }
    static Result<servicebook::RequestStatus> parse(std::string_view text, const std::string& field) {
        return servicebook::parse_request_status(text, field);
    }
};

template <>
struct EnumText<servicebook::Stage> {
    static std::vector<std::string> names() { return {"lead", "negotiating", "signed", "started"}; }
    static Result<servicebook::Stage> parse(std::string_view text, const std::string& field) {
        return servicebook::parse_stage(text, field);
    }
};

}  // namespace kl::http

namespace kl::http::servicebook_json {

using nlohmann::json;

json enterprise_json(const servicebook::Enterprise& enterprise);
json visit_json(const servicebook::Visit& visit);
json service_request_json(const servicebook::ServiceRequest& request);
json investment_json(const servicebook::Investment& investment);
json event_json(const servicebook::PromotionEvent& event);
json counts_json(const servicebook::CountyCounts& counts);

// The service book's schemas: its items, pages and counts, and the bodies its writes read.
void add_servicebook_schemas(Router& router);

}  // namespace kl::http::servicebook_json
