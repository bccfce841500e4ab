#pragma once
// Online backup and restore of a serving platform.
//
//   kashlink backup --db URL --out FILE     FILE: the copy (SQLite file or pg_dump custom format);
//                                           FILE.manifest: what it is, its SHA-256, the audit head
//   kashlink restore FILE --db URL          checks the checksum, refuses a non-empty target unless
//                                           --overwrite, puts the copy back, migrates, checks that the
//                                           chain holds the manifest's head; the CLI then runs verify
//
// The copy is consistent (store/snapshot.h): one read transaction, so every write acknowledged before
// the backup began is in it, and the audit head and schema version in the manifest are read in that
// same transaction. A manifest is plain "key value" lines, readable with `cat`.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace kl::backup {

inline constexpr std::string_view manifest_suffix = ".manifest";
inline constexpr int manifest_format = 1;

struct Manifest {
    int format = manifest_format;
    std::string backend;          // "sqlite" or "postgres"
    int64_t taken_at_ms = 0;      // when the snapshot was taken
    int64_t elapsed_ms = 0;       // how long the copy took
    int64_t bytes = 0;            // the copy's size
    std::string sha256;           // of the copy's bytes
    std::string schema_version;   // the newest migration the copy holds
    int64_t audit_head_seq = 0;   // the audit chain's last row in the copy (0: empty chain)
    std::string audit_head_hash;

    bool operator==(const Manifest&) const = default;
};

std::string manifest_text(const Manifest& manifest);
// invalid_argument naming the line when a field is missing or malformed.
Result<Manifest> parse_manifest(std::string_view text);

// Takes a backup of the database at `url` into `out_path` (and out_path + ".manifest").
Result<Manifest> take_backup(const std::string& url, const std::string& out_path, const Clock& clock);

// Reads the manifest beside `backup_path` and checks the copy's size and SHA-256 against it.
Result<Manifest> check_backup(const std::string& backup_path);

// Restores `backup_path` into the database at `url` (see above). Returns the manifest.
Result<Manifest> restore_backup(const std::string& backup_path, const std::string& url, bool overwrite);

}  // namespace kl::backup
