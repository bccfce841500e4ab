#include "store/postgres/pg_snapshot.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>
#include <vector>

#include "store/connection.h"
#include "store/postgres/pg_connection.h"

extern char** environ;

namespace kl::store::postgres {

namespace {


// Runs a client tool and waits; its standard error goes into the error when it fails. The URL is
// passed as --dbname (libpq reads it as a connection string), never printed: it may hold a password.
Result<void> run_tool(const std::string& tool, std::vector<std::string> args, const std::string& url) {
    const std::string program = client_tool_path(tool);
    // The tool's standard error goes to a file of its own (mkostemp: two backups running at once in one
    // process, or a file planted under a guessable name, can never mix logs or redirect them).
    std::string log_name = (std::filesystem::temp_directory_path() / ("kashlink-" + tool + "-XXXXXX")).string();
    const int log_fd = ::mkostemp(log_name.data(), O_CLOEXEC);  // only the dup2 on stderr reaches the tool
    if (log_fd < 0) return fail(ErrorCode::unavailable, std::string("cannot make a log file for ") + tool + ": " + std::strerror(errno));
    const std::filesystem::path log = log_name;
    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    argv_text.push_back("--dbname=" + url);
    std::vector<char*> argv;
    for (auto& arg : argv_text) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, log_fd, STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(log_fd);
    if (spawned != 0) {
        std::error_code ignored;
        std::filesystem::remove(log, ignored);
        return fail(ErrorCode::unavailable, "cannot run " + program + ": " + std::strerror(spawned));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::ifstream in(log);
    std::ostringstream said;
    said << in.rdbuf();
    std::error_code ignored;
    std::filesystem::remove(log, ignored);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string text = said.str();
        if (text.size() > 2000) text.resize(2000);
        return fail(ErrorCode::unavailable, tool + " failed for " + redact_url(url) + ": " + text);
    }
    return ok();
}

}  // namespace

Result<void> copy_snapshot(const SnapshotOptions& options) {
    KL_TRY_ASSIGN(auto connection, PgConnection::connect(options.url));
    PgConnection& session = *connection;
    KL_TRY(session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    detail::ConnectionTx tx(std::make_unique<detail::OwnedConnection>(std::move(connection)), nullptr);
    // Exported first: the snapshot is taken by the transaction's first statement.
    KL_TRY_ASSIGN(Rows exported, tx.query("SELECT pg_export_snapshot()", {}));
    const std::string snapshot = exported[0].text(0);
    if (options.inside) KL_TRY(options.inside(tx));
    const std::string partial = options.out_path + ".partial";
    KL_TRY(run_tool("pg_dump", {"--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot, "--file=" + partial},
                    options.url));
    (void)tx.rollback();  // only now: the exported snapshot lives as long as its transaction
    std::error_code failed;
    std::filesystem::rename(partial, options.out_path, failed);
    if (failed) return fail(ErrorCode::unavailable, "cannot write '" + options.out_path + "': " + failed.message());
    return ok();
}

Result<bool> database_is_empty(const std::string& url) {
    KL_TRY_ASSIGN(auto connection, PgConnection::connect(url));
    KL_TRY_ASSIGN(Rows rows, connection->query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", {}));
    return rows[0].i64(0) == 0;
}

Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& url, bool overwrite) {
    KL_TRY_ASSIGN(const bool empty, database_is_empty(url));
    if (!empty) {
        if (!overwrite) {
            return fail(ErrorCode::failed_precondition, ProblemCode::refused,
                        redact_url(url) + " already holds a database; restore into an empty one, or pass --overwrite");
        }
        KL_TRY_ASSIGN(auto connection, PgConnection::connect(url));
        KL_TRY(connection->exec("DROP SCHEMA public CASCADE"));
        KL_TRY(connection->exec("CREATE SCHEMA public"));
    }
    // One transaction: a restore that fails half-way leaves the database as it was.
    return run_tool("pg_restore", {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", snapshot_path}, url);
}

std::string client_tool_path(const std::string& tool) {
    if (const char* bin = std::getenv("KASHLINK_PG_BIN"); bin != nullptr && *bin != '\0') return std::string(bin) + "/" + tool;
    std::error_code failed;
    std::string best;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", failed)) {
        const auto candidate = entry.path() / "bin" / tool;
        if (std::filesystem::exists(candidate) && candidate.string() > best) best = candidate.string();
    }
    return best.empty() ? tool : best;
}

}  // namespace kl::store::postgres
