#include "backup/backup.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "audit/audit_trail.h"
#include "audit/sha256.h"
#include "store/migrations.h"
#include "store/snapshot.h"
#include "store/store.h"

namespace kl::backup {

namespace {

constexpr std::string_view magic = "kashlink-backup";

std::string manifest_path(const std::string& backup_path) { return backup_path + std::string(manifest_suffix); }

Result<void> write_file_durably(const std::string& path, const std::string& text) {
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return fail(ErrorCode::unavailable, "cannot write '" + partial + "'");
    }
    std::error_code failed;
    std::filesystem::rename(partial, path, failed);
    if (failed) return fail(ErrorCode::unavailable, "cannot write '" + path + "': " + failed.message());
    return ok();
}

Result<int64_t> number_field(const std::map<std::string, std::string>& fields, const std::string& name) {
    const auto found = fields.find(name);
    if (found == fields.end()) return fail_field(name, ProblemCode::required, "the manifest has no " + name);
    try {
        size_t used = 0;
        const int64_t value = std::stoll(found->second, &used);
        if (used == found->second.size()) return value;
    } catch (const std::exception&) {
    }
    return fail_field(name, ProblemCode::not_integer, "the manifest's " + name + " is not a whole number: " + found->second);
}

Result<std::string> text_field(const std::map<std::string, std::string>& fields, const std::string& name) {
    const auto found = fields.find(name);
    if (found == fields.end()) return fail_field(name, ProblemCode::required, "the manifest has no " + name);
    return found->second;
}

}  // namespace

std::string manifest_text(const Manifest& m) {
    std::ostringstream out;
    out << magic << ' ' << m.format << '\n'
        << "backend " << m.backend << '\n'
        << "taken_at " << format_utc_iso8601(m.taken_at_ms) << '\n'
        << "taken_at_ms " << m.taken_at_ms << '\n'
        << "elapsed_ms " << m.elapsed_ms << '\n'
        << "bytes " << m.bytes << '\n'
        << "sha256 " << m.sha256 << '\n'
        << "schema_version " << m.schema_version << '\n'
        << "audit_head_seq " << m.audit_head_seq << '\n'
        << "audit_head_hash " << m.audit_head_hash << '\n';
    return out.str();
}

Result<Manifest> parse_manifest(std::string_view text) {
    std::map<std::string, std::string> fields;
    std::istringstream in{std::string(text)};
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        const auto space = line.find(' ');
        const std::string key = line.substr(0, space);
        const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
        if (first) {
            if (key != magic) return fail_field("manifest", ProblemCode::bad_format, "not a Kashlink backup manifest");
            fields["format"] = value;
            first = false;
        } else if (!key.empty()) {
            fields[key] = value;
        }
    }
    if (first) return fail_field("manifest", ProblemCode::bad_format, "the manifest is empty");
    Manifest m;
    KL_TRY_ASSIGN(const int64_t format, number_field(fields, "format"));
    if (format != manifest_format) {
        return fail_field("format", ProblemCode::not_one_of, "manifest format " + std::to_string(format) + " is not one this version reads (" +
                                                                 std::to_string(manifest_format) + ")");
    }
    KL_TRY_ASSIGN(m.backend, text_field(fields, "backend"));
    if (m.backend != "sqlite" && m.backend != "postgres") return fail_field("backend", ProblemCode::not_one_of, "backend must be sqlite or postgres");
    KL_TRY_ASSIGN(m.taken_at_ms, number_field(fields, "taken_at_ms"));
    KL_TRY_ASSIGN(m.elapsed_ms, number_field(fields, "elapsed_ms"));
    KL_TRY_ASSIGN(m.bytes, number_field(fields, "bytes"));
    KL_TRY_ASSIGN(m.sha256, text_field(fields, "sha256"));
    if (m.sha256.size() != 64) return fail_field("sha256", ProblemCode::bad_format, "sha256 must be 64 hex digits");
    KL_TRY_ASSIGN(m.schema_version, text_field(fields, "schema_version"));
    KL_TRY_ASSIGN(m.audit_head_seq, number_field(fields, "audit_head_seq"));
    KL_TRY_ASSIGN(m.audit_head_hash, text_field(fields, "audit_head_hash"));
    return m;
}

Result<Manifest> take_backup(const std::string& url, const std::string& out_path, const Clock& clock) {
    Manifest m;
    m.backend = store::is_postgres_url(url) ? "postgres" : "sqlite";
    const auto started = std::chrono::steady_clock::now();
    store::SnapshotOptions options;
    options.url = url;
    options.out_path = out_path;
    options.inside = [&](store::Tx& tx) -> Result<void> {
        m.taken_at_ms = clock.now_ms();
        KL_TRY_ASSIGN(m.schema_version, store::newest_applied_migration(tx));
        KL_TRY_ASSIGN(const audit::ChainTip tip, audit::chain_tip(tx));
        m.audit_head_seq = tip.seq;
        m.audit_head_hash = tip.hash;
        return ok();
    };
    KL_TRY(store::copy_snapshot(options));
    m.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::error_code failed;
    m.bytes = static_cast<int64_t>(std::filesystem::file_size(out_path, failed));
    if (failed) return fail(ErrorCode::unavailable, "cannot read '" + out_path + "': " + failed.message());
    auto digest = audit::sha256_file_hex(out_path);
    if (!digest) return fail(ErrorCode::unavailable, "cannot read '" + out_path + "'");
    m.sha256 = *digest;
    KL_TRY(write_file_durably(manifest_path(out_path), manifest_text(m)));
    return m;
}

Result<Manifest> check_backup(const std::string& backup_path) {
    std::ifstream in(manifest_path(backup_path), std::ios::binary);
    if (!in) return fail(ErrorCode::not_found, "no manifest '" + manifest_path(backup_path) + "' beside the backup");
    std::ostringstream text;
    text << in.rdbuf();
    KL_TRY_ASSIGN(Manifest m, parse_manifest(text.str()));
    std::error_code failed;
    const auto bytes = std::filesystem::file_size(backup_path, failed);
    if (failed) return fail(ErrorCode::not_found, "cannot read the backup '" + backup_path + "': " + failed.message());
    if (static_cast<int64_t>(bytes) != m.bytes) {
        return fail(ErrorCode::failed_precondition, ProblemCode::refused,
                    "the backup holds " + std::to_string(bytes) + " bytes, its manifest says " + std::to_string(m.bytes) + ": it is not the file that was written");
    }
    const auto digest = audit::sha256_file_hex(backup_path);
    if (!digest) return fail(ErrorCode::unavailable, "cannot read the backup '" + backup_path + "'");
    if (*digest != m.sha256) {
        return fail(ErrorCode::failed_precondition, ProblemCode::refused,
                    "the backup's SHA-256 is " + *digest + ", its manifest says " + m.sha256 + ": the file was changed or damaged");
    }
    return m;
}

Result<Manifest> restore_backup(const std::string& backup_path, const std::string& url, bool overwrite) {
    KL_TRY_ASSIGN(Manifest m, check_backup(backup_path));
    const std::string target = store::is_postgres_url(url) ? "postgres" : "sqlite";
    if (target != m.backend) {
        return fail_field("db", ProblemCode::wrong_kind, "the backup is of a " + m.backend + " database; restore it into a " + m.backend + " one");
    }
    KL_TRY(store::restore_snapshot(backup_path, url, overwrite));
    // Opening migrates: a backup taken by an older version comes back at this version's schema.
    store::StoreOptions options;
    options.url = url;
    KL_TRY_ASSIGN(auto restored, store::open_store(options));
    // Nothing has written to the restored database yet: its chain ends exactly where the manifest says.
    KL_TRY_ASSIGN(auto tx, restored->begin(store::TxMode::read_only));
    KL_TRY_ASSIGN(const audit::ChainTip tip, audit::chain_tip(*tx));
    if (tip.seq != m.audit_head_seq || tip.hash != m.audit_head_hash) {
        return fail(ErrorCode::failed_precondition, ProblemCode::refused,
                    "the restored audit chain ends at row " + std::to_string(tip.seq) + " (" + tip.hash + "), the manifest says row " +
                        std::to_string(m.audit_head_seq) + " (" + m.audit_head_hash + ")");
    }
    return m;
}

}  // namespace kl::backup
