#pragma once
// The demo programme created by `kashlink demo`: deterministic (the same data on every fresh
// database), drawn from ../shared/domain/seed-facts.md. Each capability adds its part here as it
// lands; this first part is the organisations behind each role and one user per role.

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::demo {

struct DemoLogin {
    std::string username;
    std::string password;
    std::string role;
    std::string organisation;  // empty for programme-wide roles
};

struct DemoSummary {
    bool created = false;  // false when the database already held the demo
    std::vector<DemoLogin> logins;
};

// The logins the demo creates (also printed when the database already exists).
const std::vector<DemoLogin>& demo_logins();

// Seeds an empty database; a database that already has users is left as it is (created = false).
Result<DemoSummary> seed_demo(store::Store& store, const Clock& clock, IdGenerator& ids);

}  // namespace kl::demo
