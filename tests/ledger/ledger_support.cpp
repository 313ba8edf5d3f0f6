#include "tests/ledger/ledger_support.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <stdexcept>

#include "tests/support/support.hpp"

namespace lg::ledger::test {

namespace {
template <class T>
T must(Result<T> r) {
  if (!r) throw std::runtime_error("sample data: " + r.error().message);
  return std::move(*r);
}
}  // namespace

SsrEvent sample_event(std::uint64_t n, Form form) {
  SsrEvent e;
  e.source = SourceRef{"events/2025-03 ssr.csv", 2 + n * 2, n + 1};
  e.event_id = "SSR-" + std::to_string(700000 + n);
  e.ssr_generated_at = must(Timestamp::parse(n % 2 ? "2025-03-04T09:15:30-08:00" : "2025-03-04 17:05"));
  char ssid[16];
  std::snprintf(ssid, sizeof ssid, "%010llu", 1000000000ULL + static_cast<unsigned long long>(n));
  e.ssid = must(Ssid::parse(ssid));
  switch (n % 3) {
    case 0:
      e.name = must(make_student_name("Nguyễn", "Thị Minh", "Khải"));
      break;
    case 1:
      e.name = must(make_student_name("Muñoz-Peña", "José Ángel", ""));
      break;
    default:
      e.name = must(make_student_name("Trần", "Đức", "Bảo"));
      break;
  }
  e.birth_date = Date::from_ymd(2019, 2, 28);
  e.grade = n % 4 == 0 ? Grade::TK : Grade::KN;
  e.lea_cds = must(CdsCode::parse("19647330000000"));
  e.lea_name = "Los Angeles Unified";
  e.school_cds = must(CdsCode::parse("19647336018568"));
  e.school_name = n % 2 ? "Escuela Año Nuevo" : "Trường Tiểu học Lê Lợi";
  e.form = form;
  e.test_completed_on = Date::from_ymd(2025, 2, 27);
  e.mode = n % 2 ? TestMode::Remote : TestMode::InPerson;
  e.answer_book = n % 3 == 2 ? AnswerBook::Incomplete : AnswerBook::Complete;
  e.charter_number = n % 2 ? "1234" : "";
  if (n % 2 == 0) e.parent_notified_on = Date::from_ymd(2025, 3, 10);
  return e;
}

IssuedLabel sample_label(std::uint32_t serial, const SsrEvent& event, std::uint32_t gis_serial) {
  IssuedLabel l;
  l.serial = serial;
  l.administration = kAdmin;
  l.gis_serial = gis_serial;
  l.event = event;
  l.printed_name = event.name.label_form();
  l.program_id = "rsvp";
  l.window_start = "2025-03-17";
  l.hold_until = serial % 2 ? "" : "2025-03-20";
  l.file = "labels-0001.pdf";
  l.page = static_cast<int>((serial - 1) / 30) + 1;
  l.position = static_cast<int>((serial - 1) % 30) + 1;
  return l;
}

BatchRecord sample_batch(const std::string& batch, std::uint32_t first_serial, std::uint32_t count,
                         std::uint64_t first_student, std::uint32_t gis_serial, Form form) {
  BatchRecord b;
  b.administration = kAdmin;
  b.batch = batch;
  b.printer = "hp-m404-letter";
  b.created_at = "2025-03-05T02:00:00-08:00";
  for (std::uint32_t i = 0; i < count; ++i) {
    IssuedLabel l = sample_label(first_serial + i, sample_event(first_student + i, form), gis_serial);
    l.batch = batch;
    b.labels.push_back(std::move(l));
  }
  IssuedGis g;
  g.gis_serial = gis_serial;
  g.lea_cds = "19647330000000";
  g.school_cds = "19647336018568";
  g.grade = "KN";
  g.form = form_number(form);
  g.window_start = "2025-03-17";
  g.count = count;
  g.file = "gis-0001.pdf";
  b.gis.push_back(g);
  b.files.push_back(BatchFile{"labels-0001.pdf", std::string(64, 'a'), 123456, count, (count + 29) / 30});
  b.files.push_back(BatchFile{"gis-0001.pdf", std::string(64, 'b'), 2345, 0, 1});
  b.next_serial = first_serial + count;
  b.next_gis_serial = gis_serial + 1;
  return b;
}

std::string sqlite_cli(const std::filesystem::path& db, const std::string& sql, bool* ok, std::string* err) {
  auto r = lg::test::run_shell("sqlite3 -batch '" + db.string() + "'", sql + "\n");
  if (ok) *ok = r.exit_code == 0;
  if (err) *err = r.err;
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string dump(const std::filesystem::path& db) {
  bool ok = false;
  auto out = sqlite_cli(db, ".dump", &ok);
  EXPECT_TRUE(ok);
  return out;
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 07777;
  return st.st_mode & 07777;
}

Ledger open_or_die(const std::filesystem::path& db) {
  auto l = Ledger::open(LedgerOptions{db});
  if (!l) throw std::runtime_error("cannot open ledger: " + l.error().message);
  return std::move(*l);
}

}  // namespace lg::ledger::test
