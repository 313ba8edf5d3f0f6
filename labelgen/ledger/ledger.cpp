#include "labelgen/ledger/ledger.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "labelgen/ledger/schema.hpp"
#include "labelgen/ledger/sqlite.hpp"

namespace lg::ledger {

using detail::Db;
using detail::Stmt;
using detail::StmtReset;
using detail::Transaction;

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Live:
      return "live";
    case Status::Void:
      return "void";
    case Status::Reprinted:
      return "reprinted";
  }
  return "live";
}

namespace {

Result<Status> parse_status(std::string_view text) {
  if (text == "live") return Status::Live;
  if (text == "void") return Status::Void;
  if (text == "reprinted") return Status::Reprinted;
  return fail("status", "unknown label status '" + std::string(text) + "'");
}

// Columns of `labels`, in the order used by every SELECT and by the INSERT (?1 … ?34).
// clang-format off
constexpr std::array kLabelColumns{
    "administration", "serial",         "batch",         "gis_serial",       "status",
    "ssid",           "form",           "event_id",      "ssr_generated_at", "last_name",
    "first_name",     "middle_name",    "birth_date",    "grade",            "lea_cds",
    "lea_name",       "school_cds",     "school_name",   "test_completed_on", "mode",
    "answer_book",    "charter_number", "parent_notified_on", "source_file", "source_line",
    "source_record",  "printed_name",   "program_id",    "window_start",     "hold_until",
    "file",           "page",           "position",      "replaces"};

enum Col : int {
  cAdministration, cSerial, cBatch, cGisSerial, cStatus, cSsid, cForm, cEventId, cSsrGeneratedAt,
  cLastName, cFirstName, cMiddleName, cBirthDate, cGrade, cLeaCds, cLeaName, cSchoolCds,
  cSchoolName, cTestCompletedOn, cMode, cAnswerBook, cCharterNumber, cParentNotifiedOn,
  cSourceFile, cSourceLine, cSourceRecord, cPrintedName, cProgramId, cWindowStart, cHoldUntil,
  cFile, cPage, cPosition, cReplaces, cColumnCount
};
// clang-format on
static_assert(cColumnCount == kLabelColumns.size());

std::string label_column_list() {
  std::string out;
  for (const char* c : kLabelColumns) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

std::string select_labels(const char* where) {
  return "SELECT " + label_column_list() + " FROM labels " + where;
}

std::string insert_label_sql() {
  std::string params;
  for (std::size_t i = 1; i <= kLabelColumns.size(); ++i) params += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return "INSERT INTO labels (" + label_column_list() + ") VALUES (" + params + ")";
}

std::string num(std::uint64_t v) { return std::to_string(v); }

/// `label serial 17 (events.csv line 5)`: identifies a label without personal data.
std::string describe(const IssuedLabel& l, std::uint32_t serial) {
  std::string out = "label serial " + num(serial);
  if (!l.event.source.file.empty())
    out += " (" + l.event.source.file + " line " + num(l.event.source.line) + ")";
  return out;
}

/// Checks what commit_batch and reprint store, so that reading it back with the domain
/// parsers gives the same values.
Result<void> check_label_content(const IssuedLabel& l, std::uint32_t serial) {
  const SsrEvent& e = l.event;
  auto bad = [&](const std::string& what) { return fail("", describe(l, serial) + ": " + what); };
  if (e.ssid.str().empty()) return bad("no SSID");
  if (e.lea_cds.str().empty()) return bad("no LEA CDS code");
  if (e.school_cds.str().empty()) return bad("no school CDS code");
  if (e.ssr_generated_at.text.empty()) return bad("no SSR generation time");
  if (e.name.last.empty() || e.name.first.empty()) return bad("no student name");
  if (!l.window_start.empty() && !Date::parse(l.window_start)) return bad("window_start is not an ISO date");
  if (!l.hold_until.empty() && !Date::parse(l.hold_until)) return bad("hold_until is not an ISO date");
  return {};
}

struct Counters {
  std::uint32_t next_serial = 1;
  std::uint32_t next_gis_serial = 1;
};

}  // namespace

struct Ledger::Impl {
  std::string path;
  Db db;  // declared before the statements: destroyed after them
  int version = 0;

  Stmt sel_counter, upsert_counter;
  Stmt sel_batch_row, ins_batch, ins_batch_if_missing, sel_batches, sel_batch_counts, sel_batch_files;
  Stmt ins_gis, sel_batch_gis, sel_gis_exists;
  Stmt ins_label, sel_label_brief, sel_live_of_student, sel_label, sel_live, sel_live_count, sel_batch_labels,
      set_status;
  Stmt ins_void, ins_file, sel_run_exists, ins_run, upd_run;

  template <class T>
  Result<T> in_context(Result<T> r) const {
    if (!r) r.error().message = "ledger " + path + ": " + r.error().message;
    return r;
  }

  Result<void> prepare_all() {
    struct Item {
      Stmt* stmt;
      std::string sql;
    };
    const Item items[] = {
        {&sel_counter, "SELECT next_serial, next_gis_serial FROM counters WHERE administration = ?1"},
        {&upsert_counter,
         "INSERT INTO counters (administration, next_serial, next_gis_serial) VALUES (?1, ?2, ?3) "
         "ON CONFLICT (administration) DO UPDATE SET next_serial = excluded.next_serial, "
         "next_gis_serial = excluded.next_gis_serial"},
        {&sel_batch_row, "SELECT printer, created_at FROM batches WHERE administration = ?1 AND batch = ?2"},
        {&ins_batch,
         "INSERT INTO batches (administration, batch, printer, created_at, run_id) "
         "VALUES (?1, ?2, ?3, ?4, ?5)"},
        {&ins_batch_if_missing,
         "INSERT INTO batches (administration, batch, printer, created_at, run_id) "
         "VALUES (?1, ?2, '', ?3, NULL) "
         "ON CONFLICT (administration, batch) DO NOTHING"},
        {&sel_batches,
         "SELECT batch, printer, created_at FROM batches WHERE administration = ?1 ORDER BY rowid"},
        {&sel_batch_counts,
         "SELECT count(*), coalesce(sum(status = 'live'), 0), coalesce(sum(status = 'void'), 0), "
         "coalesce(sum(status = 'reprinted'), 0) FROM labels WHERE administration = ?1 AND batch = ?2"},
        {&sel_batch_files,
         "SELECT file, sha256, bytes, labels, pages FROM files WHERE administration = ?1 AND batch = ?2 "
         "ORDER BY rowid"},
        {&ins_gis,
         "INSERT INTO gis (administration, gis_serial, batch, lea_cds, school_cds, grade, form, "
         "window_start, count, file) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
        {&sel_batch_gis,
         "SELECT gis_serial, lea_cds, school_cds, grade, form, window_start, count, file FROM gis "
         "WHERE administration = ?1 AND batch = ?2 ORDER BY gis_serial"},
        {&sel_gis_exists, "SELECT batch FROM gis WHERE administration = ?1 AND gis_serial = ?2"},
        {&ins_label, insert_label_sql()},
        {&sel_label_brief, "SELECT batch, status FROM labels WHERE administration = ?1 AND serial = ?2"},
        {&sel_live_of_student,
         "SELECT serial, batch FROM labels WHERE administration = ?1 AND ssid = ?2 AND form = ?3 "
         "AND status = 'live'"},
        {&sel_label, select_labels("WHERE administration = ?1 AND serial = ?2")},
        {&sel_live, select_labels("WHERE administration = ?1 AND status = 'live' ORDER BY serial")},
        {&sel_live_count, "SELECT count(*) FROM labels WHERE administration = ?1 AND status = 'live'"},
        {&sel_batch_labels, select_labels("WHERE administration = ?1 AND batch = ?2 ORDER BY serial")},
        {&set_status,
         "UPDATE labels SET status = ?3 WHERE administration = ?1 AND serial = ?2 AND status = 'live'"},
        {&ins_void, "INSERT INTO voids (administration, serial, reason, at) VALUES (?1, ?2, ?3, ?4)"},
        {&ins_file,
         "INSERT INTO files (administration, batch, file, sha256, bytes, labels, pages) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&sel_run_exists, "SELECT 1 FROM runs WHERE id = ?1"},
        {&ins_run,
         "INSERT INTO runs (administration, command, started_at, status) VALUES (?1, ?2, ?3, 'running')"},
        {&upd_run, "UPDATE runs SET finished_at = ?2, status = ?3 WHERE id = ?1"},
    };
    for (const Item& item : items) {
      auto s = db.prepare(item.sql, "statement '" + item.sql + "'", true);
      if (!s) return std::unexpected(s.error());
      *item.stmt = std::move(*s);
    }
    return {};
  }

  // ---- reading ------------------------------------------------------------------------------

  Result<Counters> counters(const std::string& admin) {
    StmtReset guard(sel_counter);
    sel_counter.bind(1, admin);
    auto row = sel_counter.step("cannot read the counters of " + admin);
    if (!row) return std::unexpected(row.error());
    Counters c;
    if (*row) {
      c.next_serial = static_cast<std::uint32_t>(sel_counter.int64(0));
      c.next_gis_serial = static_cast<std::uint32_t>(sel_counter.int64(1));
    }
    return c;
  }

  /// Rebuilds one label from the current row of a label SELECT, with the domain parsers.
  static Result<void> read_label(const Stmt& s, IssuedLabel& l) {
    l.serial = static_cast<std::uint32_t>(s.int64(cSerial));
    auto bad = [&](int col, const Error& e) {
      return fail(kLabelColumns[static_cast<std::size_t>(col)],
                  "label serial " + num(l.serial) + ": column " +
                      kLabelColumns[static_cast<std::size_t>(col)] + ": " + e.message);
    };
#define LG_PARSE(target, col, expr)                 \
  do {                                              \
    auto parsed_ = (expr);                          \
    if (!parsed_) return bad(col, parsed_.error()); \
    target = std::move(*parsed_);                   \
  } while (false)

    l.administration = s.text(cAdministration);
    l.batch = s.text(cBatch);
    l.gis_serial = s.is_null(cGisSerial) ? 0 : static_cast<std::uint32_t>(s.int64(cGisSerial));
    LG_PARSE(l.status, cStatus, parse_status(s.text(cStatus)));
    SsrEvent& e = l.event;
    LG_PARSE(e.ssid, cSsid, Ssid::parse(s.text(cSsid)));
    LG_PARSE(e.form, cForm, parse_form(std::to_string(s.int64(cForm))));
    e.event_id = s.text(cEventId);
    LG_PARSE(e.ssr_generated_at, cSsrGeneratedAt, Timestamp::parse(s.text(cSsrGeneratedAt)));
    LG_PARSE(e.name, cLastName,
             make_student_name(s.text(cLastName), s.text(cFirstName), s.text(cMiddleName)));
    LG_PARSE(e.birth_date, cBirthDate, Date::parse(s.text(cBirthDate)));
    LG_PARSE(e.grade, cGrade, parse_grade(s.text(cGrade)));
    LG_PARSE(e.lea_cds, cLeaCds, CdsCode::parse(s.text(cLeaCds)));
    e.lea_name = s.text(cLeaName);
    LG_PARSE(e.school_cds, cSchoolCds, CdsCode::parse(s.text(cSchoolCds)));
    e.school_name = s.text(cSchoolName);
    LG_PARSE(e.test_completed_on, cTestCompletedOn, Date::parse(s.text(cTestCompletedOn)));
    LG_PARSE(e.mode, cMode, parse_mode(s.text(cMode)));
    LG_PARSE(e.answer_book, cAnswerBook, parse_answer_book(s.text(cAnswerBook)));
    e.charter_number = s.text(cCharterNumber);
    if (!s.is_null(cParentNotifiedOn))
      LG_PARSE(e.parent_notified_on, cParentNotifiedOn, Date::parse(s.text(cParentNotifiedOn)));
    e.source.file = s.text(cSourceFile);
    e.source.line = static_cast<std::size_t>(s.int64(cSourceLine));
    e.source.record = static_cast<std::size_t>(s.int64(cSourceRecord));
#undef LG_PARSE
    l.printed_name = s.text(cPrintedName);
    l.program_id = s.text(cProgramId);
    l.window_start = s.text(cWindowStart);
    l.hold_until = s.text(cHoldUntil);
    l.file = s.text(cFile);
    l.page = static_cast<int>(s.int64(cPage));
    l.position = static_cast<int>(s.int64(cPosition));
    if (!s.is_null(cReplaces)) l.replaces = static_cast<std::uint32_t>(s.int64(cReplaces));
    return {};
  }

  Result<std::vector<IssuedLabel>> read_labels(Stmt& s, const std::string& what, std::size_t expected = 0) {
    std::vector<IssuedLabel> out;
    out.reserve(expected);
    for (;;) {
      auto row = s.step(what);
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      // Filled in place in the reserved vector: no copy or move per label.
      if (auto r = read_label(s, out.emplace_back()); !r)
        return fail(r.error().field, what + ": " + r.error().message);
    }
    return out;
  }

  Result<std::vector<BatchFile>> batch_files(const std::string& admin, const std::string& batch) {
    StmtReset guard(sel_batch_files);
    sel_batch_files.bind(1, admin);
    sel_batch_files.bind(2, batch);
    std::vector<BatchFile> out;
    for (;;) {
      auto row = sel_batch_files.step("cannot read the files of batch " + batch);
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      BatchFile f;
      f.file = sel_batch_files.text(0);
      f.sha256 = sel_batch_files.text(1);
      f.bytes = static_cast<std::uint64_t>(sel_batch_files.int64(2));
      f.labels = static_cast<std::uint32_t>(sel_batch_files.int64(3));
      f.pages = static_cast<std::uint32_t>(sel_batch_files.int64(4));
      out.push_back(std::move(f));
    }
    return out;
  }

  Result<void> fill_counts(BatchInfo& info) {
    StmtReset guard(sel_batch_counts);
    sel_batch_counts.bind(1, info.administration);
    sel_batch_counts.bind(2, info.batch);
    auto row = sel_batch_counts.step("cannot count the labels of batch " + info.batch);
    if (!row) return std::unexpected(row.error());
    if (*row) {
      info.issued = static_cast<std::uint32_t>(sel_batch_counts.int64(0));
      info.live = static_cast<std::uint32_t>(sel_batch_counts.int64(1));
      info.voided = static_cast<std::uint32_t>(sel_batch_counts.int64(2));
      info.reprinted = static_cast<std::uint32_t>(sel_batch_counts.int64(3));
    }
    auto files = batch_files(info.administration, info.batch);
    if (!files) return std::unexpected(files.error());
    info.files = std::move(*files);
    return {};
  }

  /// Number of rows `count` (a one-row count query taking ?1 = admin, ?2 = batch) reports, to
  /// reserve the result vector (no reallocation of 100,000 labels).
  Result<std::size_t> count_rows(Stmt& count, const std::string& admin, const std::string* batch_id) {
    StmtReset guard(count);
    count.bind(1, admin);
    if (batch_id) count.bind(2, *batch_id);
    auto row = count.step("cannot count labels");
    if (!row) return std::unexpected(row.error());
    return *row ? static_cast<std::size_t>(count.int64(0)) : 0;
  }

  Result<std::vector<IssuedLabel>> live_labels(const std::string& admin) {
    auto n = count_rows(sel_live_count, admin, nullptr);
    if (!n) return std::unexpected(n.error());
    StmtReset guard(sel_live);
    sel_live.bind(1, admin);
    return read_labels(sel_live, "cannot read the live labels of " + admin, *n);
  }

  Result<std::vector<IssuedLabel>> batch_labels(const std::string& admin, const std::string& batch_id) {
    auto n = count_rows(sel_batch_counts, admin, &batch_id);
    if (!n) return std::unexpected(n.error());
    StmtReset guard(sel_batch_labels);
    sel_batch_labels.bind(1, admin);
    sel_batch_labels.bind(2, batch_id);
    return read_labels(sel_batch_labels, "cannot read the labels of batch " + batch_id, *n);
  }

  Result<std::optional<BatchInfo>> batch(const std::string& admin, const std::string& batch_id) {
    BatchInfo info;
    {
      StmtReset guard(sel_batch_row);
      sel_batch_row.bind(1, admin);
      sel_batch_row.bind(2, batch_id);
      auto row = sel_batch_row.step("cannot read batch " + batch_id);
      if (!row) return std::unexpected(row.error());
      if (!*row) return std::optional<BatchInfo>();
      info.administration = admin;
      info.batch = batch_id;
      info.printer = sel_batch_row.text(0);
      info.created_at = sel_batch_row.text(1);
    }
    if (auto r = fill_counts(info); !r) return std::unexpected(r.error());
    return std::optional<BatchInfo>(std::move(info));
  }

  Result<std::vector<BatchInfo>> batches(const std::string& admin) {
    std::vector<BatchInfo> out;
    {
      StmtReset guard(sel_batches);
      sel_batches.bind(1, admin);
      for (;;) {
        auto row = sel_batches.step("cannot list the batches of " + admin);
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        BatchInfo info;
        info.administration = admin;
        info.batch = sel_batches.text(0);
        info.printer = sel_batches.text(1);
        info.created_at = sel_batches.text(2);
        out.push_back(std::move(info));
      }
    }
    for (BatchInfo& info : out)
      if (auto r = fill_counts(info); !r) return std::unexpected(r.error());
    return out;
  }

  Result<std::vector<IssuedGis>> batch_gis(const std::string& admin, const std::string& batch_id) {
    StmtReset guard(sel_batch_gis);
    sel_batch_gis.bind(1, admin);
    sel_batch_gis.bind(2, batch_id);
    std::vector<IssuedGis> out;
    for (;;) {
      auto row = sel_batch_gis.step("cannot read the GIS groups of batch " + batch_id);
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      IssuedGis g;
      g.gis_serial = static_cast<std::uint32_t>(sel_batch_gis.int64(0));
      g.lea_cds = sel_batch_gis.text(1);
      g.school_cds = sel_batch_gis.text(2);
      g.grade = sel_batch_gis.text(3);
      g.form = static_cast<int>(sel_batch_gis.int64(4));
      g.window_start = sel_batch_gis.text(5);
      g.count = static_cast<std::uint32_t>(sel_batch_gis.int64(6));
      g.file = sel_batch_gis.text(7);
      out.push_back(std::move(g));
    }
    return out;
  }

  Result<std::optional<IssuedLabel>> label(const std::string& admin, std::uint32_t serial) {
    StmtReset guard(sel_label);
    sel_label.bind(1, admin);
    sel_label.bind(2, std::int64_t{serial});
    auto labels = read_labels(sel_label, "cannot read label serial " + num(serial));
    if (!labels) return std::unexpected(labels.error());
    if (labels->empty()) return std::optional<IssuedLabel>();
    return std::optional<IssuedLabel>(std::move(labels->front()));
  }

  struct Brief {
    std::string batch;
    std::string status;
  };
  Result<std::optional<Brief>> label_brief(const std::string& admin, std::uint32_t serial) {
    StmtReset guard(sel_label_brief);
    sel_label_brief.bind(1, admin);
    sel_label_brief.bind(2, std::int64_t{serial});
    auto row = sel_label_brief.step("cannot look up label serial " + num(serial));
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Brief>();
    return std::optional<Brief>(
        Brief{std::string(sel_label_brief.text(0)), std::string(sel_label_brief.text(1))});
  }

  // ---- writing ------------------------------------------------------------------------------

  /// Binds a label to ins_label. Text is bound without copying (bind_static) where it lives
  /// in `l`, `admin`, `batch_id` or static storage, which outlive the insert's step.
  void bind_label(const IssuedLabel& l, const std::string& admin, const std::string& batch_id,
                  std::uint32_t serial, std::optional<std::uint32_t> replaces) {
    Stmt& s = ins_label;
    const SsrEvent& e = l.event;
    auto p = [](Col c) { return static_cast<int>(c) + 1; };
    s.bind_static(p(cAdministration), admin);
    s.bind(p(cSerial), std::int64_t{serial});
    s.bind_static(p(cBatch), batch_id);
    if (l.gis_serial == 0)
      s.bind_null(p(cGisSerial));
    else
      s.bind(p(cGisSerial), std::int64_t{l.gis_serial});
    s.bind_static(p(cStatus), status_name(Status::Live));
    s.bind_static(p(cSsid), e.ssid.str());
    s.bind(p(cForm), std::int64_t{form_number(e.form)});
    s.bind_static(p(cEventId), e.event_id);
    s.bind_static(p(cSsrGeneratedAt), e.ssr_generated_at.text);
    s.bind_static(p(cLastName), e.name.last);
    s.bind_static(p(cFirstName), e.name.first);
    s.bind_static(p(cMiddleName), e.name.middle);
    s.bind(p(cBirthDate), e.birth_date.iso());
    s.bind_static(p(cGrade), grade_code(e.grade));
    s.bind_static(p(cLeaCds), e.lea_cds.str());
    s.bind_static(p(cLeaName), e.lea_name);
    s.bind_static(p(cSchoolCds), e.school_cds.str());
    s.bind_static(p(cSchoolName), e.school_name);
    s.bind(p(cTestCompletedOn), e.test_completed_on.iso());
    s.bind_static(p(cMode), mode_code(e.mode));
    s.bind_static(p(cAnswerBook), answer_book_code(e.answer_book));
    s.bind_static(p(cCharterNumber), e.charter_number);
    if (e.parent_notified_on)
      s.bind(p(cParentNotifiedOn), e.parent_notified_on->iso());
    else
      s.bind_null(p(cParentNotifiedOn));
    s.bind_static(p(cSourceFile), e.source.file);
    s.bind(p(cSourceLine), static_cast<std::int64_t>(e.source.line));
    s.bind(p(cSourceRecord), static_cast<std::int64_t>(e.source.record));
    s.bind_static(p(cPrintedName), l.printed_name);
    s.bind_static(p(cProgramId), l.program_id);
    s.bind_static(p(cWindowStart), l.window_start);
    s.bind_static(p(cHoldUntil), l.hold_until);
    s.bind_static(p(cFile), l.file);
    s.bind(p(cPage), std::int64_t{l.page});
    s.bind(p(cPosition), std::int64_t{l.position});
    if (replaces)
      s.bind(p(cReplaces), std::int64_t{*replaces});
    else
      s.bind_null(p(cReplaces));
  }

  /// Inserts one live label; a constraint failure is explained (which duplicate, which
  /// missing reference) without personal data.
  Result<void> insert_label(const IssuedLabel& l, const std::string& admin, const std::string& batch_id,
                            std::uint32_t serial, std::optional<std::uint32_t> replaces) {
    StmtReset guard(ins_label);
    bind_label(l, admin, batch_id, serial, replaces);
    const int rc = ins_label.step_raw();
    if (rc == SQLITE_DONE) return {};
    const Error raw = detail::sqlite_error(db.get(), describe(l, serial) + ": cannot insert");
    if ((rc & 0xff) != SQLITE_CONSTRAINT) return std::unexpected(raw);
    const std::string who = describe(l, serial) + ": ";
    if (auto existing = label_brief(admin, serial); existing && *existing)
      return fail("", who + "serial " + num(serial) + " is already in the ledger (batch " +
                          (*existing)->batch + ", " + (*existing)->status + ")");
    {
      StmtReset g2(sel_live_of_student);
      sel_live_of_student.bind(1, admin);
      sel_live_of_student.bind(2, l.event.ssid.str());
      sel_live_of_student.bind(3, std::int64_t{form_number(l.event.form)});
      if (auto row = sel_live_of_student.step("live label lookup"); row && *row) {
        const std::string other_batch(sel_live_of_student.text(1));
        return fail("", who + "the student already holds live label serial " +
                            num(sel_live_of_student.int64(0)) + " (" +
                            (other_batch == batch_id ? "earlier in this batch" : "batch " + other_batch) +
                            ") for " + admin + " form " + num(form_number(l.event.form)));
      }
    }
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY && l.gis_serial != 0) {
      StmtReset g3(sel_gis_exists);
      sel_gis_exists.bind(1, admin);
      sel_gis_exists.bind(2, std::int64_t{l.gis_serial});
      if (auto row = sel_gis_exists.step("GIS lookup"); row && !*row)
        return fail("", who + "GIS serial " + num(l.gis_serial) + " is not in the ledger");
    }
    return std::unexpected(raw);
  }

  Result<void> set_counters(const std::string& admin, const Counters& c) {
    StmtReset guard(upsert_counter);
    upsert_counter.bind(1, admin);
    upsert_counter.bind(2, std::int64_t{c.next_serial});
    upsert_counter.bind(3, std::int64_t{c.next_gis_serial});
    return upsert_counter.run("cannot update the counters (next serial " + num(c.next_serial) +
                              ", next GIS serial " + num(c.next_gis_serial) + ")");
  }

  Result<void> insert_void(const std::string& admin, std::uint32_t serial, const std::string& reason,
                           const std::string& at) {
    StmtReset guard(ins_void);
    ins_void.bind(1, admin);
    ins_void.bind(2, std::int64_t{serial});
    ins_void.bind(3, reason);
    ins_void.bind(4, at);
    return ins_void.run("cannot record the void of label serial " + num(serial));
  }

  /// Moves a live label to `to` (void or reprinted); fails when it is not live.
  Result<void> retire(const std::string& admin, std::uint32_t serial, Status to) {
    StmtReset guard(set_status);
    set_status.bind(1, admin);
    set_status.bind(2, std::int64_t{serial});
    set_status.bind(3, status_name(to));
    if (auto r =
            set_status.run("cannot set label serial " + num(serial) + " to " + std::string(status_name(to)));
        !r)
      return r;
    if (sqlite3_changes(db.get()) != 1) return fail("", "label serial " + num(serial) + " is not live");
    return {};
  }

  /// Checks of a whole batch that need no database: serials unique and below the counters
  /// the batch leaves behind.
  static Result<void> check_batch_record(const BatchRecord& b) {
    std::vector<std::uint32_t> serials;
    serials.reserve(b.labels.size());
    for (const IssuedLabel& l : b.labels) serials.push_back(l.serial);
    std::sort(serials.begin(), serials.end());
    if (auto dup = std::adjacent_find(serials.begin(), serials.end()); dup != serials.end())
      return fail("", "label serial " + num(*dup) + " appears twice in the batch");
    std::vector<std::uint32_t> gis_serials;
    for (const IssuedGis& g : b.gis) gis_serials.push_back(g.gis_serial);
    std::sort(gis_serials.begin(), gis_serials.end());
    if (auto dup = std::adjacent_find(gis_serials.begin(), gis_serials.end()); dup != gis_serials.end())
      return fail("", "GIS serial " + num(*dup) + " appears twice in the batch");
    return {};
  }

  /// A batch being written inside one open transaction.
  struct OpenBatch {
    std::string admin, batch;
    Counters start;  // the counters when the batch began
    std::uint32_t max_serial = 0, max_gis = 0;
  };

  /// Opens the batch: checks the batch id and run, inserts the batch row. The caller holds
  /// the transaction.
  Result<OpenBatch> open_batch(const BatchRecord& b) {
    const std::string& admin = b.administration;
    if (admin.empty()) return fail("administration", "no administration");
    if (b.batch.empty()) return fail("batch", "no batch id");
    auto c = counters(admin);
    if (!c) return std::unexpected(c.error());
    {
      StmtReset guard(sel_batch_row);
      sel_batch_row.bind(1, admin);
      sel_batch_row.bind(2, b.batch);
      auto row = sel_batch_row.step("cannot look up batch " + b.batch);
      if (!row) return std::unexpected(row.error());
      if (*row)
        return fail("batch", "batch " + b.batch + " already exists in the ledger (created " +
                                 std::string(sel_batch_row.text(1)) + ")");
    }
    if (b.run_id != 0) {
      StmtReset guard(sel_run_exists);
      sel_run_exists.bind(1, b.run_id);
      auto row = sel_run_exists.step("cannot look up run " + std::to_string(b.run_id));
      if (!row) return std::unexpected(row.error());
      if (!*row) return fail("run_id", "run " + std::to_string(b.run_id) + " is not in the ledger");
    }
    {
      StmtReset guard(ins_batch);
      ins_batch.bind(1, admin);
      ins_batch.bind(2, b.batch);
      ins_batch.bind(3, b.printer);
      ins_batch.bind(4, b.created_at);
      if (b.run_id != 0)
        ins_batch.bind(5, b.run_id);
      else
        ins_batch.bind_null(5);
      if (auto r = ins_batch.run("cannot insert batch " + b.batch); !r) return std::unexpected(r.error());
    }
    Ledger::crash_point("commit_batch: after batch row");
    return OpenBatch{admin, b.batch, *c, 0, 0};
  }

  /// Inserts GIS groups and labels of an open batch.
  Result<void> add_to_batch(OpenBatch& o, std::span<const IssuedGis> gis,
                            std::span<const IssuedLabel> labels) {
    const std::string& admin = o.admin;
    for (const IssuedGis& g : gis) {
      if (g.gis_serial == 0) return fail("", "GIS serial 0 is not a serial");
      if (g.gis_serial < o.start.next_gis_serial)
        return fail("", "GIS serial " + num(g.gis_serial) + " is below the counter " +
                            num(o.start.next_gis_serial) + " (GIS serials up to " +
                            num(o.start.next_gis_serial - 1) + " are already allocated)");
      o.max_gis = std::max(o.max_gis, g.gis_serial);
      StmtReset guard(ins_gis);
      ins_gis.bind(1, admin);
      ins_gis.bind(2, std::int64_t{g.gis_serial});
      ins_gis.bind(3, o.batch);
      ins_gis.bind(4, g.lea_cds);
      ins_gis.bind(5, g.school_cds);
      ins_gis.bind(6, g.grade);
      ins_gis.bind(7, std::int64_t{g.form});
      ins_gis.bind(8, g.window_start);
      ins_gis.bind(9, std::int64_t{g.count});
      ins_gis.bind(10, g.file);
      if (auto r = ins_gis.run("cannot insert GIS serial " + num(g.gis_serial)); !r) return r;
      Ledger::crash_point("commit_batch: after GIS row");
    }
    for (const IssuedLabel& l : labels) {
      if (!l.administration.empty() && l.administration != admin)
        return fail("",
                    describe(l, l.serial) + " is for administration " + l.administration + ", not " + admin);
      if (!l.batch.empty() && l.batch != o.batch)
        return fail("", describe(l, l.serial) + " names batch " + l.batch + ", not " + o.batch);
      if (l.serial == 0) return fail("", describe(l, l.serial) + ": serial 0 is not a serial");
      if (l.status != Status::Live)
        return fail("", describe(l, l.serial) + ": a new label must be live, not " +
                            std::string(status_name(l.status)));
      if (l.replaces)
        return fail("", describe(l, l.serial) + ": replacements are recorded with reprint(), not in a batch");
      if (auto r = check_label_content(l, l.serial); !r) return r;
      if (l.serial < o.start.next_serial)
        return fail("", "label serial " + num(l.serial) + " is below the counter " +
                            num(o.start.next_serial) + " (serials up to " + num(o.start.next_serial - 1) +
                            " are already allocated)");
      o.max_serial = std::max(o.max_serial, l.serial);
      if (auto r = insert_label(l, admin, o.batch, l.serial, std::nullopt); !r) return r;
      Ledger::crash_point("commit_batch: after label row");
    }
    return {};
  }

  /// Inserts the files and counters of an open batch; the caller commits.
  Result<void> close_batch(const OpenBatch& o, const std::vector<BatchFile>& files, std::uint32_t next_serial,
                           std::uint32_t next_gis_serial) {
    if (o.max_serial && o.max_serial >= next_serial)
      return fail("", "label serial " + num(o.max_serial) + " is not below the batch's next_serial " +
                          num(next_serial));
    if (o.max_gis && o.max_gis >= next_gis_serial)
      return fail("", "GIS serial " + num(o.max_gis) + " is not below the batch's next_gis_serial " +
                          num(next_gis_serial));
    if (next_serial < o.start.next_serial)
      return fail(
          "", "the label counter would go down from " + num(o.start.next_serial) + " to " + num(next_serial));
    if (next_gis_serial < o.start.next_gis_serial)
      return fail("", "the GIS counter would go down from " + num(o.start.next_gis_serial) + " to " +
                          num(next_gis_serial));
    for (const BatchFile& f : files) {
      StmtReset guard(ins_file);
      ins_file.bind(1, o.admin);
      ins_file.bind(2, o.batch);
      ins_file.bind(3, f.file);
      ins_file.bind(4, f.sha256);
      if (f.bytes > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return fail("", "file " + f.file + ": size out of range");
      ins_file.bind(5, static_cast<std::int64_t>(f.bytes));
      ins_file.bind(6, std::int64_t{f.labels});
      ins_file.bind(7, std::int64_t{f.pages});
      if (auto r = ins_file.run("cannot insert file " + f.file); !r) return r;
      Ledger::crash_point("commit_batch: after file row");
    }
    if (auto r = set_counters(o.admin, Counters{next_serial, next_gis_serial}); !r) return r;
    Ledger::crash_point("commit_batch: after counters");
    return {};
  }

  Result<void> commit_batch(const BatchRecord& b) {
    if (b.administration.empty()) return fail("administration", "no administration");
    if (b.batch.empty()) return fail("batch", "no batch id");
    for (const IssuedLabel& l : b.labels)  // content first: the clearest message for a bad label
      if (l.serial == 0) return fail("", describe(l, l.serial) + ": serial 0 is not a serial");
    if (auto r = check_batch_record(b); !r) return r;
    auto tx = Transaction::immediate(db);
    if (!tx) return std::unexpected(tx.error());
    auto open = open_batch(b);
    if (!open) return std::unexpected(open.error());
    if (auto r = add_to_batch(*open, b.gis, b.labels); !r) return r;
    if (auto r = close_batch(*open, b.files, b.next_serial, b.next_gis_serial); !r) return r;
    if (auto r = tx->commit(); !r) return r;
    Ledger::crash_point("commit_batch: after COMMIT");
    return {};
  }

  Result<void> for_each_live_label(const std::string& admin,
                                   const std::function<Result<void>(const IssuedLabel&)>& f) {
    StmtReset guard(sel_live);
    sel_live.bind(1, admin);
    const std::string what = "cannot read the live labels of " + admin;
    for (;;) {
      auto row = sel_live.step(what);
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      IssuedLabel l;
      if (auto r = read_label(sel_live, l); !r) return fail(r.error().field, what + ": " + r.error().message);
      if (auto r = f(l); !r) return r;
    }
  }

  Result<std::size_t> purge_administration(const std::string& admin, const std::string& at) {
    if (auto r = db.exec("PRAGMA secure_delete = ON", "cannot turn on secure_delete"); !r)
      return std::unexpected(r.error());
    std::size_t removed = 0;
    {
      auto tx = Transaction::immediate(db);
      if (!tx) return std::unexpected(tx.error());
      auto count = db.prepare("SELECT count(*) FROM labels WHERE administration = ?1", "count labels");
      if (!count) return std::unexpected(count.error());
      count->bind(1, admin);
      auto row = count->step("count labels");
      if (!row) return std::unexpected(row.error());
      removed = static_cast<std::size_t>(count->int64(0));
      for (const char* sql :
           {"INSERT INTO purges (administration, purged_at, labels) VALUES (?1, ?2, ?3)",
            "DELETE FROM voids WHERE administration = ?1", "DELETE FROM labels WHERE administration = ?1"}) {
        auto st = db.prepare(sql, "purge");
        if (!st) return std::unexpected(st.error());
        st->bind(1, admin);
        if (std::string_view(sql).starts_with("INSERT")) {
          st->bind(2, at);
          st->bind(3, static_cast<std::int64_t>(removed));
        }
        if (auto r = st->step("purge"); !r) return std::unexpected(r.error());
      }
      if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    }
    // The WAL still holds the old pages until a checkpoint copies and truncates it.
    if (auto r = db.exec("PRAGMA wal_checkpoint(TRUNCATE)", "cannot checkpoint the WAL"); !r)
      return std::unexpected(r.error());
    return removed;
  }

  Result<void> void_label(const std::string& admin, std::uint32_t serial, const std::string& reason,
                          const std::string& at) {
    if (reason.empty()) return fail("reason", "a reason is required");
    auto tx = Transaction::immediate(db);
    if (!tx) return std::unexpected(tx.error());
    auto brief = label_brief(admin, serial);
    if (!brief) return std::unexpected(brief.error());
    if (!*brief) return fail("serial", "there is no label serial " + num(serial) + " in " + admin);
    if ((*brief)->status != "live")
      return fail("serial", "label serial " + num(serial) + " is " + (*brief)->status + ", not live");
    if (auto r = retire(admin, serial, Status::Void); !r) return r;
    Ledger::crash_point("void_label: after status");
    if (auto r = insert_void(admin, serial, reason, at); !r) return r;
    Ledger::crash_point("void_label: after void row");
    if (auto r = tx->commit(); !r) return r;
    Ledger::crash_point("void_label: after COMMIT");
    return {};
  }

  Result<std::uint32_t> reprint(const std::string& admin, std::uint32_t old_serial, const std::string& reason,
                                const std::string& at, const IssuedLabel& r) {
    if (reason.empty()) return fail("reason", "a reason is required");
    if (!r.administration.empty() && r.administration != admin)
      return fail("administration",
                  "the replacement is for administration " + r.administration + ", not " + admin);
    if (r.batch.empty()) return fail("batch", "the replacement names no batch");
    if (r.replaces && *r.replaces != old_serial)
      return fail("replaces",
                  "the replacement says it replaces serial " + num(*r.replaces) + ", not " + num(old_serial));
    if (auto c = check_label_content(r, r.serial); !c) return std::unexpected(c.error());

    auto tx = Transaction::immediate(db);
    if (!tx) return std::unexpected(tx.error());
    auto old = label(admin, old_serial);
    if (!old) return std::unexpected(old.error());
    if (!*old) return fail("serial", "there is no label serial " + num(old_serial) + " in " + admin);
    const IssuedLabel& o = **old;
    if (o.status != Status::Live)
      return fail("serial", "label serial " + num(old_serial) + " is " + std::string(status_name(o.status)) +
                                ", not live");
    if (o.event.ssid != r.event.ssid || o.event.form != r.event.form)
      return fail("",
                  "the replacement is for a different student or form than label serial " + num(old_serial));

    auto c = counters(admin);
    if (!c) return std::unexpected(c.error());
    const std::uint32_t serial = c->next_serial;
    if (serial == std::numeric_limits<std::uint32_t>::max())
      return fail("", "label serials of " + admin + " are exhausted");
    if (r.serial != 0 && r.serial != serial)
      return fail("serial", "the replacement was prepared as serial " + num(r.serial) +
                                " but the next serial is " + num(serial) +
                                " (another run allocated serials)");

    if (auto x = retire(admin, old_serial, Status::Reprinted); !x) return std::unexpected(x.error());
    Ledger::crash_point("reprint: after old status");
    if (auto x = insert_void(admin, old_serial, reason, at); !x) return std::unexpected(x.error());
    Ledger::crash_point("reprint: after void row");
    {
      StmtReset guard(ins_batch_if_missing);
      ins_batch_if_missing.bind(1, admin);
      ins_batch_if_missing.bind(2, r.batch);
      ins_batch_if_missing.bind(3, at);
      if (auto x = ins_batch_if_missing.run("cannot record batch " + r.batch); !x)
        return std::unexpected(x.error());
    }
    Ledger::crash_point("reprint: after batch row");
    if (auto x = insert_label(r, admin, r.batch, serial, old_serial); !x) return std::unexpected(x.error());
    Ledger::crash_point("reprint: after label row");
    if (auto x = set_counters(admin, Counters{serial + 1, c->next_gis_serial}); !x)
      return std::unexpected(x.error());
    Ledger::crash_point("reprint: after counters");
    if (auto x = tx->commit(); !x) return std::unexpected(x.error());
    Ledger::crash_point("reprint: after COMMIT");
    return serial;
  }

  Result<std::int64_t> begin_run(const std::string& admin, const std::string& command,
                                 const std::string& started_at) {
    StmtReset guard(ins_run);
    ins_run.bind(1, admin);
    ins_run.bind(2, command);
    ins_run.bind(3, started_at);
    if (auto r = ins_run.run("cannot record the start of the run"); !r) return std::unexpected(r.error());
    const std::int64_t id = sqlite3_last_insert_rowid(db.get());
    Ledger::crash_point("begin_run: after run row");
    return id;
  }

  Result<void> finish_run(std::int64_t id, const std::string& status, const std::string& finished_at) {
    StmtReset guard(upd_run);
    upd_run.bind(1, id);
    upd_run.bind(2, finished_at);
    upd_run.bind(3, status);
    if (auto r = upd_run.run("cannot record the end of run " + std::to_string(id)); !r) return r;
    if (sqlite3_changes(db.get()) != 1)
      return fail("run_id", "run " + std::to_string(id) + " is not in the ledger");
    Ledger::crash_point("finish_run: after run row");
    return {};
  }
};

// ---- Ledger ------------------------------------------------------------------------------------

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

Result<Ledger> Ledger::open(const LedgerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = options.path.string();
  auto opened = detail::open_database(options, detail::migrations());
  if (!opened) return impl->in_context(Result<Ledger>(std::unexpected(opened.error())));
  impl->db = std::move(opened->db);
  impl->version = opened->version;
  if (auto r = impl->prepare_all(); !r) return impl->in_context(Result<Ledger>(std::unexpected(r.error())));
  return Ledger(std::move(impl));
}

int Ledger::schema_version() const { return impl_ ? impl_->version : 0; }

namespace {
Error moved_from() { return Error{"", "ledger: used after being moved from"}; }
}  // namespace

#define LG_LEDGER_CALL(expr)                          \
  do {                                                \
    if (!impl_) return std::unexpected(moved_from()); \
    return impl_->in_context(impl_->expr);            \
  } while (false)

Result<std::int64_t> Ledger::begin_run(const std::string& administration, const std::string& command,
                                       const std::string& started_at) {
  LG_LEDGER_CALL(begin_run(administration, command, started_at));
}

Result<void> Ledger::finish_run(std::int64_t run_id, const std::string& status,
                                const std::string& finished_at) {
  LG_LEDGER_CALL(finish_run(run_id, status, finished_at));
}

Result<std::uint32_t> Ledger::next_serial(const std::string& administration) {
  if (!impl_) return std::unexpected(moved_from());
  auto c = impl_->in_context(impl_->counters(administration));
  if (!c) return std::unexpected(c.error());
  return c->next_serial;
}

Result<std::uint32_t> Ledger::next_gis_serial(const std::string& administration) {
  if (!impl_) return std::unexpected(moved_from());
  auto c = impl_->in_context(impl_->counters(administration));
  if (!c) return std::unexpected(c.error());
  return c->next_gis_serial;
}

Result<std::vector<IssuedLabel>> Ledger::live_labels(const std::string& administration) {
  LG_LEDGER_CALL(live_labels(administration));
}

Result<std::optional<IssuedLabel>> Ledger::label(const std::string& administration, std::uint32_t serial) {
  LG_LEDGER_CALL(label(administration, serial));
}

Result<std::vector<IssuedLabel>> Ledger::batch_labels(const std::string& administration,
                                                      const std::string& batch) {
  LG_LEDGER_CALL(batch_labels(administration, batch));
}

Result<std::vector<IssuedGis>> Ledger::batch_gis(const std::string& administration,
                                                 const std::string& batch) {
  LG_LEDGER_CALL(batch_gis(administration, batch));
}

Result<std::optional<BatchInfo>> Ledger::batch(const std::string& administration, const std::string& batch) {
  LG_LEDGER_CALL(batch(administration, batch));
}

Result<std::vector<BatchInfo>> Ledger::batches(const std::string& administration) {
  LG_LEDGER_CALL(batches(administration));
}

Result<void> Ledger::for_each_live_label(const std::string& administration,
                                         const std::function<Result<void>(const IssuedLabel&)>& f) {
  LG_LEDGER_CALL(for_each_live_label(administration, f));
}

struct BatchWriter::State {
  Ledger::Impl* impl = nullptr;
  std::optional<Transaction> tx;
  Ledger::Impl::OpenBatch open;
};

BatchWriter::BatchWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
BatchWriter::BatchWriter(BatchWriter&&) noexcept = default;
BatchWriter::~BatchWriter() = default;

Result<BatchWriter> Ledger::begin_batch(const BatchRecord& header) {
  if (!impl_) return std::unexpected(moved_from());
  auto tx = Transaction::immediate(impl_->db);
  if (!tx) return impl_->in_context(Result<BatchWriter>(std::unexpected(tx.error())));
  auto open = impl_->open_batch(header);
  if (!open) return impl_->in_context(Result<BatchWriter>(std::unexpected(open.error())));
  auto state = std::make_unique<BatchWriter::State>();
  state->impl = impl_.get();
  state->tx.emplace(std::move(*tx));
  state->open = std::move(*open);
  return BatchWriter(std::move(state));
}

Result<void> BatchWriter::add(std::span<const IssuedGis> gis, std::span<const IssuedLabel> labels) {
  if (!state_ || !state_->tx) return fail("", "ledger: batch writer already finished");
  return state_->impl->in_context(state_->impl->add_to_batch(state_->open, gis, labels));
}

Result<void> BatchWriter::commit(const std::vector<BatchFile>& files, std::uint32_t next_serial,
                                 std::uint32_t next_gis_serial) {
  if (!state_ || !state_->tx) return fail("", "ledger: batch writer already finished");
  auto* impl = state_->impl;
  if (auto r = impl->close_batch(state_->open, files, next_serial, next_gis_serial); !r)
    return impl->in_context(r);
  auto r = state_->tx->commit();
  state_->tx.reset();
  if (!r) return impl->in_context(r);
  Ledger::crash_point("commit_batch: after COMMIT");
  return {};
}

Result<void> Ledger::commit_batch(const BatchRecord& batch) {
  if (!impl_) return std::unexpected(moved_from());
  auto r = impl_->commit_batch(batch);
  if (!r)
    r.error().message = "batch " + batch.batch + " not recorded (nothing was changed): " + r.error().message;
  return impl_->in_context(std::move(r));
}

Result<std::size_t> Ledger::purge_administration(const std::string& administration, const std::string& at) {
  if (!impl_) return std::unexpected(moved_from());
  auto r = impl_->purge_administration(administration, at);
  if (r) return *r;
  Error e = std::move(r.error());
  e.message = "ledger " + impl_->path + ": cannot purge " + administration + ": " + e.message;
  return std::unexpected(std::move(e));
}

Result<void> Ledger::void_label(const std::string& administration, std::uint32_t serial,
                                const std::string& reason, const std::string& at) {
  if (!impl_) return std::unexpected(moved_from());
  auto r = impl_->void_label(administration, serial, reason, at);
  if (!r) r.error().message = "cannot void label serial " + num(serial) + ": " + r.error().message;
  return impl_->in_context(std::move(r));
}

Result<std::uint32_t> Ledger::reprint(const std::string& administration, std::uint32_t old_serial,
                                      const std::string& reason, const std::string& at,
                                      IssuedLabel replacement) {
  if (!impl_) return std::unexpected(moved_from());
  auto r = impl_->reprint(administration, old_serial, reason, at, replacement);
  if (r) return *r;
  Error e = std::move(r.error());
  e.message = "ledger " + impl_->path + ": cannot reprint label serial " + num(old_serial) + ": " + e.message;
  return std::unexpected(std::move(e));
}

#undef LG_LEDGER_CALL

}  // namespace lg::ledger
