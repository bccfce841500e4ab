// `kashlink backup --db URL --out FILE`: a consistent copy of a serving platform (it keeps serving),
// FILE.manifest beside it. `kashlink restore FILE --db URL [--overwrite]`: checks the copy against its
// manifest, puts it back into an empty database (or over one, when told), migrates it to this version
// and runs `verify`; exit status 0 only when everything holds.
#include "cli/commands/backup_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "backup/backup.h"
#include "backup/backup_runs.h"
#include "cli/commands/common.h"
#include "cli/commands/ledger_command.h"
#include "core/clock.h"

namespace kl::cli {

namespace {

struct BackupArgs {
    std::string database_url = Config{}.database_url;
    std::string out;
};

struct RestoreArgs {
    std::string file;
    std::string database_url;
    bool overwrite = false;
    std::string key_file;
};

void print_manifest(const backup::Manifest& m) {
    std::cout << "backend " << m.backend << ", " << m.bytes << " bytes in " << m.elapsed_ms << " ms, sha256 " << m.sha256
              << "\nschema " << m.schema_version << ", audit head row " << m.audit_head_seq << " (" << m.audit_head_hash << ")"
              << "\ntaken at " << format_utc_iso8601(m.taken_at_ms) << "\n";
}

int take(const BackupArgs& args) {
    SystemClock clock;
    auto taken = backup::take_backup(args.database_url, args.out, clock);
    if (!taken) return report_error(taken.error());
    std::cout << "backup written to " << args.out << " (manifest " << args.out << backup::manifest_suffix << ")\n";
    print_manifest(*taken);
    // Written down in the database it copies (after the copy: the copy never holds its own row), so the
    // console can show administrators when the last one was taken. The copy is good either way. The
    // database is opened as it is: a backup must not upgrade the schema of the platform it copies
    // (an older schema without the backup_runs table just leaves the run unrecorded, said below).
    std::error_code failed;
    const std::string file = std::filesystem::absolute(args.out, failed).string();
    auto store = open_database(args.database_url, /*apply_migrations=*/false);
    auto recorded = store ? backup::record_backup(**store, backup::BackupRun{*taken, failed ? args.out : file, backup::TakenBy::command})
                          : Result<void>(fail(store.error()));
    if (!recorded) std::cerr << "kashlink: the backup is whole, but it could not be recorded in the database: " << recorded.error().message << "\n";
    return 0;
}

int restore(const RestoreArgs& args) {
    auto restored = backup::restore_backup(args.file, args.database_url, args.overwrite);
    if (!restored) return report_error(restored.error());
    std::cout << "restored " << args.file << "\n";
    print_manifest(*restored);
    return verify_database(args.database_url, args.key_file);
}

}  // namespace

void add_backup_commands(CLI::App& app, int& exit_code) {
    auto backup_args = std::make_shared<BackupArgs>();
    auto* backup_command = app.add_subcommand("backup", "Copy a (serving) database consistently into FILE, with FILE.manifest");
    backup_command->add_option("--db", backup_args->database_url, "SQLite path or PostgreSQL URL");
    backup_command->add_option("--out", backup_args->out, "The file to write (SQLite: a database file; PostgreSQL: pg_dump's custom format)")
        ->required();
    backup_command->callback([backup_args, &exit_code] { exit_code = take(*backup_args); });

    auto restore_args = std::make_shared<RestoreArgs>();
    auto* restore_command = app.add_subcommand("restore", "Put a backup back into an empty database, migrate it and verify it");
    restore_command->add_option("file", restore_args->file, "The backup file (its .manifest beside it)")->required();
    restore_command->add_option("--db", restore_args->database_url, "SQLite path or PostgreSQL URL to restore into")->required();
    restore_command->add_flag("--overwrite", restore_args->overwrite, "Replace what the database holds (refused otherwise)");
    restore_command->add_option("--audit-signing-key-file", restore_args->key_file,
                                "The server's signing key, to check seals and checkpoints (default: beside the database)");
    restore_command->callback([restore_args, &exit_code] { exit_code = restore(*restore_args); });
}

}  // namespace kl::cli
