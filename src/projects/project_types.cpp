#include "projects/project_types.h"

namespace kl::projects {

template <>
const std::vector<std::string_view>& enum_names<Sector>() {
    static const std::vector<std::string_view> names = {"industry", "agriculture", "education", "medical",
                                                        "housing",  "culture",     "infrastructure", "other"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<ProjectStatus>() {
    static const std::vector<std::string_view> names = {"planned", "approved", "started", "completed", "accepted", "closed"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<ProgressBasis>() {
    static const std::vector<std::string_view> names = {"cost", "physical", "duration"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<InspectionKind>() {
    static const std::vector<std::string_view> names = {"quality", "safety"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<ContractCategory>() {
    static const std::vector<std::string_view> names = {"construction", "goods", "services"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<ProcurementMethod>() {
    static const std::vector<std::string_view> names = {"open_tender", "invited_tender", "competitive_negotiation",
                                                        "inquiry",     "single_source",  "direct"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<ModificationKind>() {
    static const std::vector<std::string_view> names = {"value", "duration", "scope"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<PaymentStatus>() {
    static const std::vector<std::string_view> names = {"submitted", "approved", "paid", "rejected"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<PaymentMethod>() {
    static const std::vector<std::string_view> names = {"bank_transfer", "cash"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<Severity>() {
    static const std::vector<std::string_view> names = {"low", "medium", "high"};
    return names;
}
template <>
const std::vector<std::string_view>& enum_names<FlagStatus>() {
    static const std::vector<std::string_view> names = {"open", "confirmed", "dismissed"};
    return names;
}

bool is_tender(ProcurementMethod method) {
    return method == ProcurementMethod::open_tender || method == ProcurementMethod::invited_tender;
}

}  // namespace kl::projects
