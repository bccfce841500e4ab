#pragma once
// The records of the access module that its repo reads and its services return: organisations'
// identities (their kinds) and users.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "access/principal.h"
#include "core/enum_names.h"
#include "core/result.h"

namespace kl::access {

enum class OrgKind { enterprise, cooperative, family_workshop, household, buyer, logistics, agency };

constexpr auto enum_table(OrgKind) {
    using enum OrgKind;
    return enum_table_of<OrgKind>({{enterprise, "enterprise"},
                                   {cooperative, "cooperative"},
                                   {family_workshop, "family_workshop"},
                                   {household, "household"},
                                   {buyer, "buyer"},
                                   {logistics, "logistics"},
                                   {agency, "agency"}});
}
// invalid_argument naming `kind` for anything but the seven kinds.
inline Result<OrgKind> parse_org_kind(std::string_view text) {
    return parse_enum<OrgKind>(text, "kind", "organisation kind");
}
constexpr std::span<const OrgKind> all_org_kinds() { return enum_values<OrgKind>(); }

struct Organisation {
    std::string id;
    std::string name;
    OrgKind kind = OrgKind::enterprise;
    int64_t created_at_ms = 0;
};

struct User {
    std::string id;
    std::string username;
    std::string display_name;
    Role role = Role::auditor;
    std::optional<std::string> org_id;
    bool disabled = false;
    int64_t locked_until_ms = 0;  // 0 or a past time: not locked
    int64_t created_at_ms = 0;
};

}  // namespace kl::access
