#include "labelgen/ledger/sqlite.hpp"

namespace lg::ledger::detail {

Error sqlite_error(sqlite3* db, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : "out of memory";
  if (db) {
    const int code = sqlite3_extended_errcode(db);
    msg += " (";
    msg += sqlite3_errstr(code);
    msg += ", code " + std::to_string(code) + ")";
  }
  return Error{"", std::move(msg)};
}

// ---- Stmt ----------------------------------------------------------------------------------

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(s_);
    s_ = std::exchange(o.s_, nullptr);
    bind_rc_ = std::exchange(o.bind_rc_, SQLITE_OK);
  }
  return *this;
}

void Stmt::bind(int i, std::string_view v) {
  const int rc = sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Stmt::bind_static(int i, std::string_view v) {
  const int rc = sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Stmt::bind(int i, std::int64_t v) {
  const int rc = sqlite3_bind_int64(s_, i, v);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Stmt::bind_null(int i) {
  const int rc = sqlite3_bind_null(s_, i);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

int Stmt::step_raw() {
  if (bind_rc_ != SQLITE_OK) return bind_rc_;
  return sqlite3_step(s_);
}

Result<bool> Stmt::step(std::string_view what) {
  if (bind_rc_ != SQLITE_OK)
    return fail("", std::string(what) + ": cannot bind a parameter: " + sqlite3_errstr(bind_rc_));
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(sqlite_error(db(), what));
}

Result<void> Stmt::run(std::string_view what) {
  auto r = step(what);
  if (!r) return std::unexpected(r.error());
  if (*r) return fail("", std::string(what) + ": the statement unexpectedly returned rows");
  return {};
}

void Stmt::reset() {
  if (!s_) return;
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  bind_rc_ = SQLITE_OK;
}

std::string_view Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (!p) return {};
  return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col)));
}

// ---- Db ------------------------------------------------------------------------------------

Result<Db> Db::open(const std::filesystem::path& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
  if (create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(raw, "cannot open the database"));
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    sqlite3_close_v2(h_);
    h_ = std::exchange(o.h_, nullptr);
  }
  return *this;
}

Db::~Db() { sqlite3_close_v2(h_); }

Result<void> Db::exec(const char* sql, std::string_view what) {
  if (sqlite3_exec(h_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return std::unexpected(error(what));
  return {};
}

Result<Stmt> Db::prepare(std::string_view sql, std::string_view what, bool persistent) {
  sqlite3_stmt* s = nullptr;
  const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
  const int rc = sqlite3_prepare_v3(h_, sql.data(), static_cast<int>(sql.size()), flags, &s, nullptr);
  Stmt stmt(s);
  if (rc != SQLITE_OK) return std::unexpected(error(std::string("cannot prepare ") + std::string(what)));
  return stmt;
}

Result<std::int64_t> Db::query_int(std::string_view sql, std::string_view what) {
  auto s = prepare(sql, what);
  if (!s) return std::unexpected(s.error());
  auto row = s->step(what);
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail("", std::string(what) + ": no result");
  return s->int64(0);
}

Result<std::string> Db::query_text(std::string_view sql, std::string_view what) {
  auto s = prepare(sql, what);
  if (!s) return std::unexpected(s.error());
  auto row = s->step(what);
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail("", std::string(what) + ": no result");
  return std::string(s->text(0));
}

// ---- Transaction ---------------------------------------------------------------------------

Result<Transaction> Transaction::immediate(Db& db) {
  if (auto r = db.exec("BEGIN IMMEDIATE", "cannot start a write transaction"); !r)
    return std::unexpected(r.error());
  return Transaction(db);
}

Result<void> Transaction::commit() {
  if (!db_) return fail("", "commit: no open transaction");
  if (auto r = db_->exec("COMMIT", "cannot commit the transaction"); !r) {
    rollback();
    return r;
  }
  db_ = nullptr;
  return {};
}

void Transaction::rollback() {
  if (!db_) return;
  // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL or an I/O error).
  if (!sqlite3_get_autocommit(db_->get())) sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
  db_ = nullptr;
}

}  // namespace lg::ledger::detail
