#pragma once
/// Internal: small RAII wrappers around the SQLite C API (connection, prepared statement,
/// transaction). Error messages name what failed and carry sqlite3_errmsg; the ledger adds
/// the file name in front.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "labelgen/core/result.hpp"

namespace lg::ledger::detail {

/// One prepared statement; finalized on destruction. Reused: call reset() (or hold a
/// StmtReset) after each execution.
class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  Stmt(Stmt&& o) noexcept
      : s_(std::exchange(o.s_, nullptr)), bind_rc_(std::exchange(o.bind_rc_, SQLITE_OK)) {}
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }

  /// Binds 1-based parameter `i`. Text is copied (SQLITE_TRANSIENT). A failed bind is
  /// remembered and reported by the next step().
  void bind(int i, std::string_view v);
  /// Binds text without copying it: `v` must stay valid until the statement is reset.
  void bind_static(int i, std::string_view v);
  void bind(int i, std::int64_t v);
  void bind_null(int i);

  /// Raw sqlite3_step result (extended result codes are on).
  int step_raw();
  /// Steps once: true when a row is available, false when done; error names `what`.
  Result<bool> step(std::string_view what);
  /// Steps a statement that returns no rows.
  Result<void> run(std::string_view what);
  /// Resets the statement and clears its bindings, ready for reuse.
  void reset();

  std::string_view text(int col) const;
  std::int64_t int64(int col) const { return sqlite3_column_int64(s_, col); }
  bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

  sqlite3* db() const { return sqlite3_db_handle(s_); }
  explicit operator bool() const { return s_ != nullptr; }

 private:
  sqlite3_stmt* s_ = nullptr;
  int bind_rc_ = SQLITE_OK;
};

/// Resets a reused statement when leaving scope (also on early error returns).
class StmtReset {
 public:
  explicit StmtReset(Stmt& s) : s_(s) {}
  ~StmtReset() { s_.reset(); }
  StmtReset(const StmtReset&) = delete;
  StmtReset& operator=(const StmtReset&) = delete;

 private:
  Stmt& s_;
};

/// `what: <sqlite3_errmsg>` for the connection `db`.
Error sqlite_error(sqlite3* db, std::string_view what);

/// One database connection; closed on destruction (after its statements are finalized).
class Db {
 public:
  /// Opens `path` read-write, creating it when `create` (the caller sets its permissions).
  /// Extended result codes on.
  static Result<Db> open(const std::filesystem::path& path, bool create);
  Db() = default;
  Db(Db&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  sqlite3* get() const { return h_; }
  Error error(std::string_view what) const { return sqlite_error(h_, what); }

  /// Runs one or more SQL statements without results.
  Result<void> exec(const char* sql, std::string_view what);
  /// Prepares one statement; `persistent` for statements kept for the connection's life.
  Result<Stmt> prepare(std::string_view sql, std::string_view what, bool persistent = false);
  /// Runs a one-row, one-column query.
  Result<std::int64_t> query_int(std::string_view sql, std::string_view what);
  Result<std::string> query_text(std::string_view sql, std::string_view what);

 private:
  explicit Db(sqlite3* h) : h_(h) {}
  sqlite3* h_ = nullptr;
};

/// A write transaction (BEGIN IMMEDIATE). Rolled back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> immediate(Db& db);
  Transaction(Transaction&& o) noexcept : db_(std::exchange(o.db_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() { rollback(); }

  Result<void> commit();
  /// Rolls back now (no-op when already committed or rolled back by SQLite itself).
  void rollback();

 private:
  explicit Transaction(Db& db) : db_(&db) {}
  Db* db_ = nullptr;
};

}  // namespace lg::ledger::detail
