#pragma once
// The embedded SQLite backend: WAL mode, ONE writer connection owned by the group committer's writer
// thread, and a small pool of read-only (query_only) reader connections, one checked out per read.
//
// ":memory:" is supported for tools and quick tests. An in-memory database exists only inside the
// connection that made it, so there are no reader connections then: reads are routed to the writer
// connection (leased between batches, with query_only switched on for the read). A shared-cache URI
// was rejected because shared cache reports table locks as SQLITE_LOCKED without honouring the busy
// timeout.
//
// A file database's log is checkpointed by a thread of its own (wal_checkpointer.h), not by the
// commit that happens to cross the threshold.
//
// begin(read_write) leases the writer connection (BEGIN IMMEDIATE) for as long as the Tx lives; no
// batch commits meanwhile, so keep such transactions short (migrations, tools, tests).

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace kl::store::detail {
class ConnectionPool;
class GroupCommitter;
}  // namespace kl::store::detail

namespace kl::store::sqlite {

class SqliteConnection;
class WalCheckpointer;

class SqliteStore final : public Store {
public:
    // `path` is a file path or ":memory:"; the parent directory must exist. Does not migrate.
    static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const StoreOptions& options);
    ~SqliteStore() override;

    Backend backend() const override { return Backend::sqlite; }
    Result<std::unique_ptr<Tx>> begin(TxMode mode) override;
    Result<void> write_job(WriteJob job) override;
    Result<void> read_job(ReadJob job) override;
    StoreStats stats() const override;

private:
    SqliteStore(std::string path, const StoreOptions& options);
    Result<std::unique_ptr<Tx>> begin_read_in_memory();
    Result<void> start_checkpointer();

    std::string path_;
    StoreOptions options_;
    bool in_memory_ = false;
    std::unique_ptr<SqliteConnection> writer_;
    std::unique_ptr<detail::ConnectionPool> readers_;      // null for ":memory:"
    std::unique_ptr<WalCheckpointer> checkpointer_;        // null for ":memory:" or a log it cannot start on
    std::unique_ptr<detail::GroupCommitter> committer_;    // stopped first: it drains onto writer_
};

}  // namespace kl::store::sqlite
