#pragma once
// One libpq connection; handles are RAII unique_ptrs. Parameters go as text with types chosen so
// that both backends behave alike: int64 as int8, double as float8, Blob as binary bytea, text and
// NULL with no type (the server infers it from the context, as for a literal). Results come back as
// text and are mapped by column type OID (see to_value()).

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/result.h"
#include "store/connection.h"
#include "store/store.h"

namespace kl::store::postgres {

// Seconds libpq may take to reach the server before a connection attempt fails as `unavailable`.
inline constexpr int connect_timeout_s = 5;

struct ConnFinish {
    void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClear {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnFinish>;
using ResultPtr = std::unique_ptr<PGresult, ResultClear>;

// Maps a SQLSTATE to our error vocabulary, consistently with SQLite's mapping:
//   23505 unique_violation                                   -> already_exists
//   23503 foreign key, 23514 check, 23502 not null           -> failed_precondition
//   other 23xxx (exclusion, …)                               -> conflict
//   40001 serialization failure, 40P01 deadlock              -> conflict (retry the request)
//   08xxx connection, 57xxx operator intervention, 53xxx insufficient resources,
//   25006 read-only transaction (hot standby or read job)    -> unavailable
//   08P01 protocol violation (wrong parameter count: our bug) -> internal
//   22xxx data exception (bad value for the column type)     -> invalid_argument
//   anything else (42xxx syntax, undefined table, …)         -> internal
ErrorCode classify_sqlstate(std::string_view sqlstate);

// Hides the password of a libpq URL ("postgresql://user:secret@host" -> "postgresql://user:***@host").
std::string redact_url(const std::string& url);

class PgConnection final : public detail::Connection {
public:
    static Result<std::unique_ptr<PgConnection>> connect(const std::string& url);

    Result<Rows> query(std::string_view sql, const Params& params) override;
    Result<int64_t> execute(std::string_view sql, const Params& params) override;
    Result<void> exec(std::string_view sql) override;
    bool reusable() const override;
    bool connected() const;

private:
    explicit PgConnection(ConnPtr connection) : connection_(std::move(connection)) {}
    Result<ResultPtr> run(std::string_view sql, const Params& params);
    Error error(const PGresult* result, std::string_view doing) const;

    ConnPtr connection_;
};

}  // namespace kl::store::postgres
