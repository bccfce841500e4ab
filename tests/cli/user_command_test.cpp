// `kashlink user add` (and `export`'s --out) as its user runs it: the real binary on a fresh SQLite
// file. The services name their problems by the API's fields (org_id, username…); the commands
// report them under the options the user typed (--org, --username…, --out).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/test_env.h"

namespace kl::test {
namespace {

CommandResult add_user(const std::string& db, const std::vector<std::string>& options) {
    std::vector<std::string> args = {"user", "add", "--db", db, "--password", "a long enough password 123"};
    args.insert(args.end(), options.begin(), options.end());
    return run_command(KL_KASHLINK_BINARY, args);
}

TEST(UserCommand, ProblemsAreNamedByTheOptionsTyped) {
    TempDir dir;
    const std::string db = dir.file("users.sqlite");
    const CommandResult unknown_org = add_user(db, {"--username", "grower", "--role", "producer", "--org", "no-such-org"});
    EXPECT_EQ(unknown_org.status, 1);
    EXPECT_NE(unknown_org.err.find("--org"), std::string::npos) << unknown_org.err;
    EXPECT_EQ(unknown_org.err.find("org_id"), std::string::npos) << unknown_org.err;

    const CommandResult bad_name = add_user(db, {"--username", "No Spaces Allowed", "--role", "auditor"});
    EXPECT_EQ(bad_name.status, 1);
    EXPECT_NE(bad_name.err.find("--username"), std::string::npos) << bad_name.err;

    const CommandResult added = add_user(db, {"--username", "auditor", "--role", "auditor"});
    EXPECT_EQ(added.status, 0) << added.err;
    EXPECT_NE(added.out.find("added user auditor"), std::string::npos) << added.out;
}

// The same for an export that cannot write where --out points.
TEST(ExportCommand, AFileThatCannotBeWrittenIsNamedAsTheOutOption) {
    TempDir dir;
    const CommandResult refused = run_command(
        KL_KASHLINK_BINARY, {"export", "products", "--db", dir.file("export.sqlite"), "--out", dir.file("no/such/dir/p.csv")});
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("--out: cannot create"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace kl::test
