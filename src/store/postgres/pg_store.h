#pragma once
// The PostgreSQL backend (libpq). Group-committed writes run on one dedicated writer connection
// (reconnected when the server went away); reads and begin() transactions use a bounded pool of
// reader_connections_max connections, waiting at most busy_timeout_ms for one (then `unavailable`).
// Read transactions are REPEATABLE READ READ ONLY: one snapshot per read job, as with SQLite's WAL.

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace kl::store::detail {
class Connection;
class ConnectionPool;
class GroupCommitter;
}  // namespace kl::store::detail

namespace kl::store::postgres {

class PgConnection;

class PgStore final : public Store {
public:
    // Connects the writer connection now, so that a wrong URL or a server that is down fails here.
    static Result<std::unique_ptr<PgStore>> open(const StoreOptions& options);
    ~PgStore() override;

    Backend backend() const override { return Backend::postgres; }
    Result<std::unique_ptr<Tx>> begin(TxMode mode) override;
    Result<void> write_job(WriteJob job) override;
    Result<void> read_job(ReadJob job) override;
    StoreStats stats() const override;

private:
    explicit PgStore(const StoreOptions& options);
    Result<detail::Connection*> writer_connection();

    StoreOptions options_;
    std::unique_ptr<PgConnection> writer_;             // used by the writer thread only
    std::unique_ptr<detail::ConnectionPool> pool_;
    std::unique_ptr<detail::GroupCommitter> committer_;  // stopped first: it drains onto writer_
};

}  // namespace kl::store::postgres
