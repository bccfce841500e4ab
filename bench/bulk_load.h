#pragma once
// Bulk loading for benchmarks that generate millions of rows (trace_bench): the fastest path each
// database offers, on its own raw connection, outside the store.
//   SQLite      one prepared multi-row INSERT per table (rows_per_insert rows of `?`), bound and
//               stepped again for every full chunk, a one-row statement for the rest; big
//               transactions; synchronous OFF for the load only (the traces afterwards read).
//   PostgreSQL  COPY … FROM STDIN in text format through PQputCopyData, FK triggers off for the
//               session (session_replication_role = replica) when the role may, then ANALYZE.
// Secondary indexes of the loaded tables are dropped before and made again after (one sort each
// instead of millions of random B-tree inserts), as a database's own bulk-load guidance advises.
// The drops are committed at once: a load that is killed leaves the tables without those indexes, so
// point it only at a throwaway database (the benchmarks' own), and never run two loads into one
// database at once (the second would drop what the first is about to remake).

#include <libpq-fe.h>
#include <sqlite3.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace kl::bench {

struct BulkTable {
    std::string name;
    std::vector<std::string> columns;
};

class BulkLoader {
public:
    virtual ~BulkLoader() = default;
    virtual void begin() = 0;
    virtual void rows(const BulkTable& table, const std::vector<store::Params>& rows) = 0;
    virtual void commit() = 0;
    // SQL run on the raw connection (outside a transaction of rows()).
    virtual void exec(const std::string& sql) = 0;
    virtual std::vector<std::pair<std::string, std::string>> indexes_of(const std::vector<std::string>& tables) = 0;
    virtual void analyze(const std::vector<std::string>& tables) = 0;

    // Drops the secondary indexes of `tables` (kept to be made again by restore_indexes()).
    void drop_indexes(const std::vector<std::string>& tables) {
        dropped_ = indexes_of(tables);
        for (const auto& [name, sql] : dropped_) exec("DROP INDEX " + name);
    }
    void restore_indexes() {
        for (const auto& [name, sql] : dropped_) exec(sql);
        dropped_.clear();
    }

private:
    std::vector<std::pair<std::string, std::string>> dropped_;
};

namespace detail {

inline std::string joined(const std::vector<std::string>& items, const std::string& quote) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote + items[i] + quote;
    return out;
}

class SqliteBulkLoader : public BulkLoader {
public:
    explicit SqliteBulkLoader(const std::string& path) {
        sqlite3* db = nullptr;
        if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite3_open " + path);
        db_.reset(db);
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = OFF");
        exec("PRAGMA cache_size = -1000000");  // 1 GB of pages while loading
        exec("PRAGMA busy_timeout = 10000");
    }
    ~SqliteBulkLoader() override {
        for (auto& [key, statement] : statements_) sqlite3_finalize(statement);
    }

    void begin() override { exec("BEGIN IMMEDIATE"); }
    void commit() override { exec("COMMIT"); }
    void exec(const std::string& sql) override {
        char* message = nullptr;
        if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            const std::string text = message ? message : "?";
            sqlite3_free(message);
            throw std::runtime_error("sqlite: " + text + " in " + sql.substr(0, 120));
        }
    }
    std::vector<std::pair<std::string, std::string>> indexes_of(const std::vector<std::string>& tables) override {
        std::vector<std::pair<std::string, std::string>> out;
        const std::string sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (" +
                                joined(tables, "'") + ")";
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &statement, nullptr);
        while (sqlite3_step(statement) == SQLITE_ROW) {
            out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                             reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)));
        }
        sqlite3_finalize(statement);
        return out;
    }
    // The server does not ANALYZE SQLite files, so neither does the benchmark.
    void analyze(const std::vector<std::string>&) override {}

    void rows(const BulkTable& table, const std::vector<store::Params>& rows) override {
        const size_t columns = table.columns.size();
        const size_t per_insert = std::max<size_t>(1, std::min<size_t>(rows_per_insert, parameters_max / columns));
        size_t at = 0;
        for (; at + per_insert <= rows.size(); at += per_insert) run(statement(table, per_insert), rows, at, per_insert, columns);
        for (; at < rows.size(); ++at) run(statement(table, 1), rows, at, 1, columns);
    }

private:
    static constexpr size_t rows_per_insert = 500;
    static constexpr size_t parameters_max = 32'766;  // SQLITE_MAX_VARIABLE_NUMBER since 3.32
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close(db); }
    };

    sqlite3_stmt* statement(const BulkTable& table, size_t count) {
        const std::string key = table.name + "#" + std::to_string(count);
        if (auto found = statements_.find(key); found != statements_.end()) return found->second;
        std::string row = "(";
        for (size_t c = 0; c < table.columns.size(); ++c) row += c ? ", ?" : "?";
        row += ")";
        std::string sql = "INSERT INTO " + table.name + " (" + joined(table.columns, "") + ") VALUES ";
        for (size_t r = 0; r < count; ++r) sql += (r ? ", " : "") + row;
        sqlite3_stmt* prepared = nullptr;
        if (sqlite3_prepare_v3(db_.get(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &prepared, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_.get()));
        }
        statements_.emplace(key, prepared);
        return prepared;
    }

    void run(sqlite3_stmt* statement, const std::vector<store::Params>& rows, size_t first, size_t count, size_t columns) {
        int index = 1;
        for (size_t r = first; r < first + count; ++r) {
            for (size_t c = 0; c < columns; ++c, ++index) {
                const store::Value& value = rows[r][c];
                if (const auto* number = std::get_if<int64_t>(&value)) {
                    sqlite3_bind_int64(statement, index, *number);
                } else if (const auto* text = std::get_if<std::string>(&value)) {
                    sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
                } else {
                    sqlite3_bind_null(statement, index);
                }
            }
        }
        if (sqlite3_step(statement) != SQLITE_DONE) throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(db_.get()));
        sqlite3_reset(statement);
    }

    std::unique_ptr<sqlite3, Closer> db_;
    std::map<std::string, sqlite3_stmt*> statements_;
};

class PgBulkLoader : public BulkLoader {
public:
    explicit PgBulkLoader(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
        if (PQstatus(conn_.get()) != CONNECTION_OK) throw std::runtime_error(std::string("connect: ") + PQerrorMessage(conn_.get()));
        exec("SET synchronous_commit = off");
        // Foreign keys are checked by triggers, one lookup per row; the generator makes consistent rows.
        PGresult* result = PQexec(conn_.get(), "SET session_replication_role = replica");
        replica_ = PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
    }
    bool foreign_key_triggers_off() const { return replica_; }

    void begin() override { exec("BEGIN"); }
    void commit() override { exec("COMMIT"); }
    void exec(const std::string& sql) override {
        PGresult* result = PQexec(conn_.get(), sql.c_str());
        const auto status = PQresultStatus(result);
        const std::string message = PQresultErrorMessage(result);
        PQclear(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error("postgres: " + message + " in " + sql.substr(0, 120));
    }
    std::vector<std::pair<std::string, std::string>> indexes_of(const std::vector<std::string>& tables) override {
        const std::string sql = "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN (" +
                                joined(tables, "'") + ") AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)";
        PGresult* result = PQexec(conn_.get(), sql.c_str());
        std::vector<std::pair<std::string, std::string>> out;
        for (int r = 0; r < PQntuples(result); ++r) out.emplace_back(PQgetvalue(result, r, 0), PQgetvalue(result, r, 1));
        PQclear(result);
        return out;
    }
    void analyze(const std::vector<std::string>& tables) override {
        for (const auto& table : tables) exec("ANALYZE " + table);
    }

    void rows(const BulkTable& table, const std::vector<store::Params>& rows) override {
        if (rows.empty()) return;
        exec_copy("COPY " + table.name + " (" + joined(table.columns, "") + ") FROM STDIN");
        std::string buffer;
        for (const auto& row : rows) {
            for (size_t c = 0; c < row.size(); ++c) {
                if (c) buffer += '\t';
                append(buffer, row[c]);
            }
            buffer += '\n';
            if (buffer.size() > 1 << 20) flush(buffer);
        }
        flush(buffer);
        if (PQputCopyEnd(conn_.get(), nullptr) != 1) throw std::runtime_error("copy end");
        PGresult* result = PQgetResult(conn_.get());
        const bool done = PQresultStatus(result) == PGRES_COMMAND_OK;
        const std::string message = PQresultErrorMessage(result);
        PQclear(result);
        while ((result = PQgetResult(conn_.get())) != nullptr) PQclear(result);
        if (!done) throw std::runtime_error("copy " + table.name + ": " + message);
    }

private:
    struct Closer {
        void operator()(PGconn* conn) const { PQfinish(conn); }
    };
    void exec_copy(const std::string& sql) {
        PGresult* result = PQexec(conn_.get(), sql.c_str());
        const bool ready = PQresultStatus(result) == PGRES_COPY_IN;
        const std::string message = PQresultErrorMessage(result);
        PQclear(result);
        if (!ready) throw std::runtime_error("copy: " + message);
    }
    void flush(std::string& buffer) {
        if (!buffer.empty() && PQputCopyData(conn_.get(), buffer.data(), static_cast<int>(buffer.size())) != 1) {
            throw std::runtime_error(std::string("copy data: ") + PQerrorMessage(conn_.get()));
        }
        buffer.clear();
    }
    // COPY's text format: \N is NULL; backslash, tab, newline and carriage return escaped.
    static void append(std::string& buffer, const store::Value& value) {
        if (const auto* number = std::get_if<int64_t>(&value)) {
            buffer += std::to_string(*number);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            for (const char c : *text) {
                if (c == '\\') buffer += "\\\\";
                else if (c == '\t') buffer += "\\t";
                else if (c == '\n') buffer += "\\n";
                else if (c == '\r') buffer += "\\r";
                else buffer += c;
            }
        } else {
            buffer += "\\N";
        }
    }

    std::unique_ptr<PGconn, Closer> conn_;
    bool replica_ = false;
};

}  // namespace detail

// The loader for a store URL as kashlink takes it (a SQLite path, "sqlite:<path>", postgresql://…).
inline std::unique_ptr<BulkLoader> bulk_loader(const std::string& url) {
    if (url.starts_with("postgres")) return std::make_unique<detail::PgBulkLoader>(url);
    return std::make_unique<detail::SqliteBulkLoader>(url.starts_with("sqlite:") ? url.substr(7) : url);
}

}  // namespace kl::bench
