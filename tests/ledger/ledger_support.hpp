#pragma once
/// Helpers for the ledger tests: sample events and batches, the sqlite3 CLI, file modes.
#include <cstdint>
#include <filesystem>
#include <string>

#include "labelgen/ledger/ledger.hpp"

namespace lg::ledger::test {

inline const std::string kAdmin = "2024-25";

/// A complete SSR event for student number `n` (SSID 10000000nn…). Names alternate between
/// Vietnamese and Spanish spellings; optional fields alternate between set and unset.
SsrEvent sample_event(std::uint64_t n, Form form = Form::F1);

/// A live label for `event` with `serial`, in GIS group `gis_serial` (0 = none).
IssuedLabel sample_label(std::uint32_t serial, const SsrEvent& event, std::uint32_t gis_serial = 0);

/// A batch of `count` labels for students first_student … first_student+count-1, serials from
/// `first_serial`, one GIS group (serial `gis_serial`) and one file; counters just past them.
BatchRecord sample_batch(const std::string& batch, std::uint32_t first_serial, std::uint32_t count,
                         std::uint64_t first_student, std::uint32_t gis_serial, Form form = Form::F1);

/// Runs `sql` with the sqlite3 command-line shell on `db`; returns stdout without the final
/// newline. `ok` (when given) receives whether sqlite3 exited 0; `err` its stderr.
std::string sqlite_cli(const std::filesystem::path& db, const std::string& sql, bool* ok = nullptr,
                       std::string* err = nullptr);

/// Whole-database text dump (schema and rows), to compare states before and after.
std::string dump(const std::filesystem::path& db);

/// Permission bits of a file or folder (e.g. 0600).
unsigned mode_of(const std::filesystem::path& p);

/// Opens a ledger, failing the current test when it cannot.
Ledger open_or_die(const std::filesystem::path& db);

}  // namespace lg::ledger::test
