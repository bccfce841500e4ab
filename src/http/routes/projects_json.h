#pragma once
// JSON mapping of the projects module (src/projects) for its routes: encoders from the plain structs and decoders of request bodies that name every bad
// field. Types and shapes are checked here; ranges and the rules between records by the services.

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json_body.h"
#include "projects/projects.h"
#include "http/routes/route_kit.h"

namespace kl::http {

// The projects module's enums are named by its own table (projects::enum_names / parse_enum).
template <typename E>
    requires requires { projects::enum_names<E>(); }
struct EnumText<E> {
    static std::vector<std::string> names() {
        const auto& names = projects::enum_names<E>();
        return {names.begin(), names.end()};
    }
    static Result<E> parse(std::string_view text, const std::string& field) { return projects::parse_enum<E>(text, field); }
};

}  // namespace kl::http

namespace kl::http::projects_json {

using nlohmann::json;
namespace pj = kl::projects;

json project_json(const pj::Project& project);
json project_detail_json(const pj::ProjectDetail& detail);
json milestone_json(const pj::Milestone& milestone);
json progress_json(const pj::ProgressReport& report);
json inspection_json(const pj::Inspection& inspection);
json attachment_json(const pj::Attachment& attachment);
json contract_json(const pj::Contract& contract);
json invoice_json(const pj::Invoice& invoice);
json payment_json(const pj::PaymentRequest& request);
json flag_json(const pj::RiskFlag& flag);
json settings_json(const pj::RiskSettings& settings);
json figures_json(const pj::CountyYearFigures& figures);

Result<pj::ProjectFields> decode_project(const json& body);
Result<pj::ContractFields> decode_contract(const json& body);
Result<pj::InvoiceFields> decode_invoice(const json& body);
Result<pj::PaymentRequestFields> decode_payment_request(const json& body);
Result<pj::InspectionInput> decode_inspection(const json& body);
Result<std::map<std::string, int64_t>> decode_settings(const json& body);

}  // namespace kl::http::projects_json
