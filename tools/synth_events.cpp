// labelgen-synth: streams synthetic official SSR events (CSV or JSON Lines) for tests and
// benchmarks. Deterministic for a given --seed; constant memory for any --count.
//
// Every row is either a fresh student's SSR, a corrected SSR of a student emitted a few
// hundred rows earlier (or the stale version, emitted after its correction), or — with
// --bad-rows — a row with exactly one defect. See samples/README.md for the schema.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "labelgen/core/ids.hpp"
#include "labelgen/core/name.hpp"
#include "tools/synth_data.hpp"

namespace {

using lg::synth::kLeas;
using lg::synth::kNamePools;
using lg::synth::Program;

// ───────────────────────────── random numbers ─────────────────────────────

constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// splitmix64: tiny, fast, and good enough for synthetic data.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    s_ += 0x9E3779B97F4A7C15ULL;
    return mix64(s_);
  }
  /// Uniform in [0, n), n < 2^32 (Lemire's multiply-shift; bias is negligible here).
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
  /// Uniform in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1))); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t s_;
};

/// A keyed bijection on [0, 2^bits) (balanced Feistel network, bits even, ≤ 64).
constexpr std::uint64_t feistel(std::uint64_t x, unsigned bits, std::uint64_t key) {
  const unsigned half = bits / 2;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  std::uint64_t l = x >> half, r = x & mask;
  for (std::uint64_t round = 0; round < 4; ++round) {
    const std::uint64_t f = mix64(r ^ (key + round * 0x9E3779B97F4A7C15ULL)) & mask;
    l = std::exchange(r, l ^ f);
  }
  return (l << half) | r;
}

/// A keyed bijection on [0, n) for n ≤ 2^bits, by cycle walking.
constexpr std::uint64_t permute(std::uint64_t x, std::uint64_t n, unsigned bits, std::uint64_t key) {
  do x = feistel(x, bits, key);
  while (x >= n);
  return x;
}

/// Picks an index with probability proportional to its weight.
class Weighted {
 public:
  Weighted() = default;
  template <class F>
  Weighted(std::size_t n, F&& weight) {
    cum_.reserve(n);
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      total += weight(i);
      cum_.push_back(total);
    }
  }
  bool empty() const { return cum_.empty() || cum_.back() <= 0; }
  std::size_t pick(Rng& rng) const {
    const double x = rng.unit() * cum_.back();
    const auto it = std::upper_bound(cum_.begin(), cum_.end(), x);
    return std::min(static_cast<std::size_t>(it - cum_.begin()), cum_.size() - 1);
  }

 private:
  std::vector<double> cum_;
};

// ───────────────────────────── calendar ─────────────────────────────

/// Days since 1970-01-01 (H. Hinnant's algorithm).
constexpr int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int y;
  unsigned m, d;
};

constexpr Ymd civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe) + era * 400 + (m <= 2), m, d};
}

/// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
constexpr int weekday(int z) { return ((z % 7) + 11) % 7; }

static_assert(days_from_civil(2024, 7, 1) == 19905);
static_assert(weekday(days_from_civil(2024, 11, 3)) == 0);

// ───────────────────────────── text building ─────────────────────────────

/// Per-row scratch space: field values are views into it, valid until reset().
class Scratch {
 public:
  void reset() { used_ = 0; }
  std::size_t mark() const { return used_; }
  std::string_view since(std::size_t mark) const { return {buf_.data() + mark, used_ - mark}; }
  void put(std::string_view s) {
    if (s.empty()) return;
    const std::size_t n = std::min(s.size(), buf_.size() - used_);
    std::memcpy(buf_.data() + used_, s.data(), n);
    used_ += n;
  }
  void put(char c) {
    if (used_ < buf_.size()) buf_[used_++] = c;
  }
  void digits(std::uint64_t v, int width) {
    char tmp[24];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n < width) tmp[n++] = '0';
    while (n > 0) put(tmp[--n]);
  }
  /// ISO date; days in the cached range are copied, not computed.
  std::string_view date(int day) {
    if (day >= kDateBase && day < kDateBase + static_cast<int>(kDateCacheDays)) {
      const auto m = mark();
      put(std::string_view(date_cache()[static_cast<std::size_t>(day - kDateBase)].data(), 10));
      return since(m);
    }
    return compute_date(day);
  }

 private:
  static constexpr int kDateBase = days_from_civil(1990, 1, 1);
  static constexpr std::size_t kDateCacheDays = 50 * 366;
  using DateCache = std::vector<std::array<char, 10>>;
  static const DateCache& date_cache() {
    static const DateCache cache = [] {
      DateCache c(kDateCacheDays);
      Scratch tmp;
      for (std::size_t i = 0; i < c.size(); ++i) {
        tmp.reset();
        const std::string_view d = tmp.compute_date(kDateBase + static_cast<int>(i));
        std::memcpy(c[i].data(), d.data(), 10);
      }
      return c;
    }();
    return cache;
  }
  std::string_view compute_date(int day) {
    const auto m = mark();
    const Ymd c = civil_from_days(day);
    digits(static_cast<std::uint64_t>(c.y), 4);
    put('-');
    digits(c.m, 2);
    put('-');
    digits(c.d, 2);
    return since(m);
  }

  std::array<char, 16384> buf_{};
  std::size_t used_ = 0;
};

/// Buffered writer to stdout or a file; reports write errors at close().
class Output {
 public:
  Output() : file_(stdout) {}
  explicit Output(const std::string& path) : owned_(std::fopen(path.c_str(), "wb")), file_(owned_.get()) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() { flush(); }

  bool is_open() const { return file_ != nullptr; }
  void put(std::string_view s) {
    if (s.empty()) return;  // an empty view may carry a null pointer, which memcpy must not see
    if (s.size() > buf_.size() - used_) flush();
    if (s.size() > buf_.size()) {
      ok_ &= std::fwrite(s.data(), 1, s.size(), file_) == s.size();
      return;
    }
    std::memcpy(buf_.data() + used_, s.data(), s.size());
    used_ += s.size();
  }
  void put(char c) {
    if (used_ == buf_.size()) flush();
    buf_[used_++] = c;
  }
  void flush() {
    if (used_ != 0 && file_ != nullptr) ok_ &= std::fwrite(buf_.data(), 1, used_, file_) == used_;
    used_ = 0;
  }
  /// Flushes and closes; false when any write failed.
  bool close() {
    flush();
    ok_ &= std::fflush(file_) == 0;
    if (owned_) ok_ &= std::fclose(owned_.release()) == 0;
    file_ = nullptr;
    return ok_;
  }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> owned_;
  std::FILE* file_ = nullptr;
  std::vector<char> buf_ = std::vector<char>(std::size_t{1} << 20);
  std::size_t used_ = 0;
  bool ok_ = true;
};

// ───────────────────────────── schema ─────────────────────────────

enum Col : std::uint8_t {
  kEventId, kSsrGeneratedAt, kSsid, kLastName, kFirstName, kMiddleName, kBirthDate, kGrade,
  kLeaCds, kLeaName, kSchoolCds, kSchoolName, kCharterNumber, kForm, kTestCompletedOn, kMode,
  kAnswerBook, kParentNotifiedOn, kColCount
};

constexpr std::array<std::string_view, kColCount> kColNames{
    "event_id", "ssr_generated_at", "ssid", "last_name", "first_name", "middle_name",
    "birth_date", "grade", "lea_cds", "lea_name", "school_cds", "school_name",
    "charter_number", "form", "test_completed_on", "mode", "answer_book", "parent_notified_on"};

constexpr std::array<std::string_view, 14> kGradeCodes{"TK", "KN", "01", "02", "03", "04", "05",
                                                       "06", "07", "08", "09", "10", "11", "12"};
constexpr std::uint8_t kTK = 0, kKN = 1;

struct Row {
  std::array<std::string_view, kColCount> v{};
  std::array<bool, kColCount> present{};  ///< JSONL: false = key absent
  bool truncated = false;                 ///< defect "missing field": last column / a key absent
};

enum class Bad : std::uint8_t {
  SsidNineDigits, SsidLetter, LeaCds13, BirthImpossible, TestDateNotDate, Grade13, Form3,
  ModeOnline, BookYes, NameForbiddenChar, LastNameTooLong, MissingField, InvalidUtf8,
  SsrBeforeTest, SchoolCdsMismatch, CharterSchoolNotLea, ParentBeforeSsr, CharterNumberBad,
  DuplicateEventId, EmptyFirstName, Count
};
constexpr std::array<std::string_view, static_cast<std::size_t>(Bad::Count)> kBadNames{
    "ssid_9_digits", "ssid_letter", "lea_cds_13_digits", "birth_date_impossible",
    "test_date_not_iso", "grade_13", "form_3", "mode_online", "answer_book_yes",
    "name_forbidden_char", "last_name_too_long", "missing_field", "invalid_utf8",
    "ssr_before_test", "school_cds_other_district", "charter_school_not_lea",
    "parent_notified_before_ssr", "charter_number_malformed", "duplicate_event_id",
    "empty_first_name"};

// ───────────────────────────── configuration ─────────────────────────────

struct Config {
  std::uint64_t count = 1000;
  std::uint64_t seed = 1;
  bool jsonl = false;
  std::string out;  ///< empty = stdout
  int year = 2024;  ///< administration start year
  double selected_share = 0.9;
  double corrections = 0.03;
  double bad_rows = 0.0;
  bool bom = false;
  bool crlf = false;
  bool shuffle_columns = false;
  bool stats = false;
  bool list_leas = false;
};

constexpr std::string_view kUsage = R"(labelgen-synth: synthetic official SSR events for labelgen (CSV or JSON Lines).

Usage: labelgen-synth [options]
  --count N             events to write (default 1000); streams, constant memory
  --seed S              PRNG seed (default 1); same seed and options, same bytes
  --format csv|jsonl    output format (default csv)
  --out FILE            write to FILE instead of stdout
  --admin-year YYYY-YY  administration year (default 2024-25); dates follow it, the LEA
                        lists are always the 2024-25 ones
  --selected-share F    fraction of students at selected (RSVP / Form 2) LEAs (default 0.9)
  --corrections F       fraction of rows that are corrected SSRs of an earlier student
                        (default 0.03, at most 0.5)
  --bad-rows F          fraction of rows with exactly one defect (default 0)
  --bom                 CSV: start with a UTF-8 byte order mark
  --crlf                CSV: end records with CRLF (default LF)
  --shuffle-columns     CSV columns / JSON keys in a seed-dependent order
  --stats               print row counts per kind to stderr
  --list-leas           print the built-in LEA and school table (CSV) and exit
  --help                this text
)";

bool parse_number(std::string_view text, std::uint64_t& out) {
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  return r.ec == std::errc{} && r.ptr == text.data() + text.size();
}
bool parse_fraction(std::string_view text, double& out) {
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  return r.ec == std::errc{} && r.ptr == text.data() + text.size() && out >= 0 && out <= 1;
}

/// Returns an error message, or empty on success.
std::string parse_args(int argc, char** argv, Config& cfg, bool& help) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    bool has_value = false;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    auto need = [&]() -> bool {
      if (has_value) return true;
      if (i + 1 >= argc) return false;
      value = argv[++i];
      return true;
    };
    auto flag = [&](bool& f) {
      f = true;
      return has_value ? std::string(arg) + " takes no value" : std::string();
    };
    if (arg == "--help" || arg == "-h") {
      help = true;
    } else if (arg == "--bom") {
      if (auto e = flag(cfg.bom); !e.empty()) return e;
    } else if (arg == "--crlf") {
      if (auto e = flag(cfg.crlf); !e.empty()) return e;
    } else if (arg == "--shuffle-columns") {
      if (auto e = flag(cfg.shuffle_columns); !e.empty()) return e;
    } else if (arg == "--stats") {
      if (auto e = flag(cfg.stats); !e.empty()) return e;
    } else if (arg == "--list-leas") {
      if (auto e = flag(cfg.list_leas); !e.empty()) return e;
    } else if (arg == "--count" || arg == "--seed") {
      if (!need()) return std::string(arg) + " needs a value";
      if (!parse_number(value, arg == "--count" ? cfg.count : cfg.seed))
        return std::string(arg) + ": '" + std::string(value) + "' is not a non-negative integer";
    } else if (arg == "--format") {
      if (!need()) return "--format needs a value";
      if (value == "csv") cfg.jsonl = false;
      else if (value == "jsonl") cfg.jsonl = true;
      else return "--format: '" + std::string(value) + "' is not csv or jsonl";
    } else if (arg == "--out") {
      if (!need() || value.empty()) return "--out needs a file name";
      cfg.out = value;
    } else if (arg == "--admin-year") {
      if (!need()) return "--admin-year needs a value";
      auto y = lg::AdminYear::parse(value);
      if (!y) return "--admin-year: " + y.error().message;
      cfg.year = y->start_year();
      if (cfg.year < 2000 || cfg.year > 2100) return "--admin-year: out of range";
    } else if (arg == "--selected-share" || arg == "--corrections" || arg == "--bad-rows") {
      if (!need()) return std::string(arg) + " needs a value";
      double& target = arg == "--selected-share" ? cfg.selected_share
                       : arg == "--corrections"  ? cfg.corrections
                                                 : cfg.bad_rows;
      if (!parse_fraction(value, target))
        return std::string(arg) + ": '" + std::string(value) + "' is not a fraction between 0 and 1";
    } else {
      return "unknown option '" + std::string(argv[i]) + "' (try --help)";
    }
  }
  if (cfg.corrections > 0.5) return "--corrections: at most 0.5";
  if (cfg.corrections > 0 && cfg.corrections + cfg.bad_rows > 0.9) return "--corrections plus --bad-rows: at most 0.9";
  return {};
}

// ───────────────────────────── names ─────────────────────────────

struct NameEntry {
  std::string_view proper;
  std::string folded;  ///< accents removed (what a careless data entry produced)
  bool ascii = true;      ///< plain ASCII (typos are made by dropping a byte)
  bool foldable = false;  ///< folded differs from proper (ı, đ and ø do not fold)
  bool has_apostrophe = false;
};

struct PoolNames {
  std::vector<NameEntry> last, first, middle;
};

/// Builds the name tables with accent-folded variants, checking that every built-in name
/// is NFC and passes labelgen's own name validation unchanged. Returns an error or empty.
std::string build_names(std::vector<PoolNames>& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> fold(icu::Transliterator::createInstance(
      "NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !fold) return "cannot create the ICU accent-folding transliterator";
  auto entry = [&](std::string_view s, std::size_t max, std::string& err) {
    NameEntry e;
    e.proper = s;
    e.ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    e.has_apostrophe = s.find('\'') != std::string_view::npos;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    fold->transliterate(u);
    u.toUTF8String(e.folded);
    e.foldable = e.folded != s;
    for (const std::string_view v : {s, std::string_view(e.folded)}) {
      auto n = lg::normalize_name_part(v, max, true);
      if (!n || *n != v || lg::to_nfc(v) != v)
        err += "built-in name '" + std::string(v) + "' is not a valid NFC name part\n";
    }
    return e;
  };
  std::string err;
  for (const auto& pool : kNamePools) {
    PoolNames p;
    for (auto s : pool.last) {
      p.last.push_back(entry(s, 24, err));  // two of them must fit the 50-character limit
    }
    for (auto s : pool.first) p.first.push_back(entry(s, lg::kMaxFirstName, err));
    for (auto s : pool.middle) p.middle.push_back(entry(s, lg::kMaxMiddleName, err));
    out.push_back(std::move(p));
  }
  return err;
}

/// Checks the LEA table against labelgen's CDS rules. Returns an error or empty.
std::string check_leas() {
  std::string err;
  for (const auto& lea : kLeas) {
    auto cds = lg::CdsCode::parse(lea.cds);
    if (!cds) {
      err += std::string(lea.name) + ": bad CDS code " + std::string(lea.cds) + "\n";
      continue;
    }
    const bool charter = !cds->is_district_level();
    if (charter != lea.schools.empty()) err += std::string(lea.name) + ": schools only for district LEAs\n";
    if (charter != (lea.charter_number.size() == 4)) err += std::string(lea.name) + ": charter number\n";
    for (const auto& s : lea.schools)
      if (s.code7.size() != 7 || s.code7 == "0000000" || !lg::CdsCode::parse(std::string(lea.cds.substr(0, 7)) + std::string(s.code7)))
        err += std::string(lea.name) + ": bad school code " + std::string(s.code7) + "\n";
  }
  return err;
}

// ───────────────────────────── students ─────────────────────────────

enum class Fix : std::uint8_t { Name, Grade, School, MiddleAdded };
enum class NameFault : std::uint8_t { FoldLast, FoldFirst, TypoLast, TypoFirst };

/// Everything about one student, derived from (seed, student index) alone so that a later
/// correction can regenerate exactly the same student.
struct Student {
  std::uint64_t index = 0;
  std::uint64_t ssid = 0;
  std::uint8_t pool = 0;
  std::array<std::uint16_t, 2> last{};
  std::uint8_t nlast = 1;
  char last_sep = ' ';
  std::uint16_t first = 0;
  int middle = -1;
  bool curly_apostrophe = false;
  int birth = 0;
  std::uint8_t grade = kKN;
  std::uint16_t lea = 0;
  std::uint8_t school = 0;
  std::uint8_t form = 1;
  int test_day = 0;
  bool remote = false;
  std::uint8_t book = 0;  ///< 0 complete, 1 incomplete, 2 none
  // What the stale SSR of a corrected student gets wrong.
  Fix fix = Fix::Name;
  NameFault fault = NameFault::FoldLast;
  std::uint8_t typo_pos = 0;
  std::uint8_t wrong_grade = kKN;
  std::uint8_t wrong_school = 0;
};

/// An SSR timestamp: day, seconds after local midnight, written style.
struct Ssr {
  int day = 0;
  int secs = 0;
  std::uint8_t style = 0;  ///< 0 `T…±hh:mm`, 1 date only, 2 with milliseconds, 3 space separator
};

struct Pending {
  std::uint64_t due;  ///< row index at which to emit
  std::uint64_t student;
  Ssr ssr;
  bool stale;  ///< emit the stale (uncorrected) version
  bool operator>(const Pending& o) const { return due > o.due; }
};

struct Stats {
  std::uint64_t fresh = 0, corrected = 0, stale_after = 0, bad_total = 0;
  std::array<std::uint64_t, static_cast<std::size_t>(Bad::Count)> bad{};
  std::array<std::uint64_t, 6> ssr_month{};  ///< Jul … Dec
};

class Generator {
 public:
  Generator(const Config& cfg, std::vector<PoolNames> names, Output& out)
      : cfg_(cfg), names_(std::move(names)), out_(out), row_rng_(mix64(cfg.seed ^ 0x726F77ULL)) {
    student_key_ = mix64(cfg.seed ^ 0x73747564656E74ULL);
    ssid_key_ = mix64(cfg.seed ^ 0x53534944ULL);
    event_key_ = mix64(cfg.seed ^ 0x4556454E54ULL);

    pools_ = Weighted(kNamePools.size(), [](std::size_t i) { return kNamePools[i].weight; });
    selected_ = Weighted(kLeas.size(), [](std::size_t i) { return kLeas[i].program != Program::None ? kLeas[i].weight : 0.0; });
    unselected_ = Weighted(kLeas.size(), [](std::size_t i) { return kLeas[i].program == Program::None ? kLeas[i].weight : 0.0; });
    constexpr std::array<double, 14> grade_w{8, 45, 12, 8, 3, 3, 3, 3, 3, 3, 2.5, 2.5, 2, 2};
    grades_ = Weighted(grade_w.size(), [&](std::size_t i) { return grade_w[i]; });

    // Test dates: Jul 1 – Nov 30, weighted by month, few on weekends and holidays.
    const int y = cfg.year;
    first_test_day_ = days_from_civil(y, 7, 1);
    const int last_test_day = days_from_civil(y, 11, 30);
    last_ssr_day_ = days_from_civil(y, 12, 31);
    int labor_day = days_from_civil(y, 9, 1);
    while (weekday(labor_day) != 1) ++labor_day;
    pst_from_ = days_from_civil(y, 11, 1);  // DST ends on the first Sunday of November
    while (weekday(pst_from_) != 0) ++pst_from_;
    const int july4 = days_from_civil(y, 7, 4);
    test_days_ = Weighted(static_cast<std::size_t>(last_test_day - first_test_day_ + 1), [&](std::size_t i) {
      const int d = first_test_day_ + static_cast<int>(i);
      constexpr std::array<double, 13> month_w{0, 0, 0, 0, 0, 0, 0, 3, 8, 7, 4, 2.5, 0};
      double w = month_w[civil_from_days(d).m];
      if (weekday(d) == 0 || weekday(d) == 6) w *= 0.1;
      if (d == july4 || d == labor_day) w *= 0.05;
      return w;
    });

    if (cfg.shuffle_columns) {
      Rng r(mix64(cfg.seed ^ 0x636F6CULL));
      for (std::size_t i = order_.size() - 1; i > 0; --i)
        std::swap(order_[i], order_[r.below(static_cast<std::uint32_t>(i + 1))]);
    }
  }

  const Stats& stats() const { return stats_; }

  void run() {
    if (!cfg_.jsonl) {
      if (cfg_.bom) out_.put("\xEF\xBB\xBF");
      for (std::size_t i = 0; i < order_.size(); ++i) {
        if (i != 0) out_.put(',');
        out_.put(kColNames[order_[i]]);
      }
      end_line();
    }
    const double corr_p = cfg_.corrections > 0 ? cfg_.corrections / (1.0 - cfg_.corrections - cfg_.bad_rows) : 0.0;
    constexpr std::size_t kMaxPending = 1 << 16;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending;
    std::uint64_t next_student = 0;
    for (std::uint64_t row = 0; row < cfg_.count; ++row) {
      if (!pending.empty() && pending.top().due <= row) {
        const Pending p = pending.top();
        pending.pop();
        const Student s = make_student(p.student);
        emit(row, s, p.stale, p.ssr, std::nullopt);
        ++(p.stale ? stats_.stale_after : stats_.corrected);
        continue;
      }
      if (cfg_.bad_rows > 0 && row_rng_.chance(cfg_.bad_rows)) {
        const Student s = make_student(next_student++);
        auto kind = static_cast<Bad>(row_rng_.below(static_cast<std::uint32_t>(Bad::Count)));
        if (kind == Bad::DuplicateEventId && last_event_id_len_ == 0) kind = Bad::SsidNineDigits;
        const bool charter = kLeas[s.lea].schools.empty();
        if (kind == Bad::CharterSchoolNotLea && !charter) kind = Bad::SchoolCdsMismatch;
        emit(row, s, false, original_ssr(s), kind);
        ++stats_.bad_total;
        ++stats_.bad[static_cast<std::size_t>(kind)];
        continue;
      }
      const Student s = make_student(next_student++);
      const Ssr first = original_ssr(s);
      const std::uint64_t remaining = cfg_.count - row;
      if (corr_p > 0 && remaining > 2 && pending.size() < kMaxPending && row_rng_.chance(corr_p)) {
        // A corrected SSR 1–30 days later, emitted 1–300 rows later; a fifth of the time the
        // correction comes first in the file and the stale SSR after it.
        Ssr later;
        later.day = first.day + 1 + static_cast<int>(row_rng_.below(static_cast<std::uint32_t>(std::min(30, last_ssr_day_ - first.day))));
        later.secs = 7 * 3600 + static_cast<int>(row_rng_.below(12 * 3600));
        later.style = row_rng_.chance(0.9) ? 0 : 2;
        const std::uint64_t span = std::min<std::uint64_t>(300, remaining / 2);
        const std::uint64_t due = row + 1 + row_rng_.below(static_cast<std::uint32_t>(span));
        const bool swap = row_rng_.chance(0.2);
        emit(row, s, !swap, swap ? later : first, std::nullopt);
        ++(swap ? stats_.corrected : stats_.fresh);
        pending.push(Pending{due, s.index, swap ? first : later, swap});
        continue;
      }
      emit(row, s, false, first, std::nullopt);
      ++stats_.fresh;
    }
  }

  /// Prints the built-in LEA table.
  static void list_leas(Output& out) {
    out.put("program,lea_cds,lea_name,school_cds,school_name,charter_number\n");
    for (const auto& lea : kLeas) {
      const std::string_view prog = lea.program == Program::Rsvp    ? "rsvp"
                                    : lea.program == Program::Form2 ? "form2-second-scoring"
                                                                    : "none";
      auto line = [&](std::string_view school_cds_tail, std::string_view school_name) {
        out.put(prog);
        out.put(',');
        out.put(lea.cds);
        out.put(',');
        put_csv_field(out, lea.name);
        out.put(',');
        if (school_cds_tail.empty()) out.put(lea.cds);
        else {
          out.put(lea.cds.substr(0, 7));
          out.put(school_cds_tail);
        }
        out.put(',');
        put_csv_field(out, school_name);
        out.put(',');
        out.put(lea.charter_number);
        out.put('\n');
      };
      if (lea.schools.empty()) line({}, lea.name);
      for (const auto& s : lea.schools) line(s.code7, s.name);
    }
  }

 private:
  Student make_student(std::uint64_t index) const {
    Rng r(mix64(student_key_ + index * 0xD1B54A32D192ED03ULL));
    Student s;
    s.index = index;
    // SSIDs: a keyed permutation of the student index onto [1e9, 1e10), so unique.
    s.ssid = 1'000'000'000ULL + permute(index % kSsidSpace, kSsidSpace, 34, ssid_key_);
    s.pool = static_cast<std::uint8_t>(pools_.pick(r));
    const auto& pool = kNamePools[s.pool];
    const auto& names = names_[s.pool];
    s.last[0] = static_cast<std::uint16_t>(r.below(static_cast<std::uint32_t>(names.last.size())));
    if (r.chance(pool.compound_share)) {
      s.nlast = 2;
      s.last[1] = static_cast<std::uint16_t>((s.last[0] + 1 + r.below(static_cast<std::uint32_t>(names.last.size() - 1))) % names.last.size());
      const bool spaced = names.last[s.last[0]].proper.find(' ') != std::string_view::npos ||
                          names.last[s.last[1]].proper.find(' ') != std::string_view::npos;
      s.last_sep = !spaced && r.chance(0.2) ? '-' : ' ';
    }
    s.first = static_cast<std::uint16_t>(r.below(static_cast<std::uint32_t>(names.first.size())));
    if (r.chance(pool.middle_share)) s.middle = static_cast<int>(r.below(static_cast<std::uint32_t>(names.middle.size())));
    s.curly_apostrophe = r.chance(0.1);

    const bool selected = unselected_.empty() || (!selected_.empty() && r.chance(cfg_.selected_share));
    s.lea = static_cast<std::uint16_t>((selected ? selected_ : unselected_).pick(r));
    const auto& lea = kLeas[s.lea];
    s.school = lea.schools.empty() ? 0 : static_cast<std::uint8_t>(r.below(static_cast<std::uint32_t>(lea.schools.size())));

    s.grade = static_cast<std::uint8_t>(grades_.pick(r));
    s.birth = birth_day(s.grade, r);
    switch (lea.program) {
      case Program::Rsvp: s.form = r.chance(0.95) ? 1 : 2; break;
      case Program::Form2: s.form = r.chance(0.95) ? 2 : 1; break;
      case Program::None: s.form = r.chance(0.5) ? 1 : 2; break;
    }
    s.test_day = first_test_day_ + static_cast<int>(test_days_.pick(r));
    s.remote = r.chance(0.08);
    const double u = r.unit();
    s.book = s.remote ? (u < 0.70 ? 0 : u < 0.82 ? 1 : 2) : (u < 0.94 ? 0 : u < 0.99 ? 1 : 2);

    // The defect of the stale SSR, used only if this student gets a correction.
    const double f = r.unit();
    s.fix = f < 0.45 ? Fix::Name : f < 0.70 ? Fix::Grade : f < 0.90 ? Fix::School : Fix::MiddleAdded;
    if (s.fix == Fix::School && lea.schools.size() < 2) s.fix = Fix::Name;
    if (s.fix == Fix::MiddleAdded && s.middle < 0) s.fix = Fix::Grade;
    if (s.fix == Fix::Name) {
      const auto& last0 = names.last[s.last[0]];
      const auto& first = names.first[s.first];
      if (last0.foldable || (s.nlast == 2 && names.last[s.last[1]].foldable)) s.fault = NameFault::FoldLast;
      else if (first.foldable) s.fault = NameFault::FoldFirst;
      else if (last0.ascii && s.nlast == 1 && last0.proper.size() >= 4) s.fault = NameFault::TypoLast;
      else if (first.ascii && first.proper.size() >= 4) s.fault = NameFault::TypoFirst;
      else s.fix = Fix::Grade;
      s.typo_pos = static_cast<std::uint8_t>(r.below(64));
    }
    switch (s.grade) {
      case kTK: s.wrong_grade = kKN; break;
      case kKN: s.wrong_grade = r.chance(0.5) ? kTK : 2; break;
      case 13: s.wrong_grade = 12; break;
      default: s.wrong_grade = static_cast<std::uint8_t>(r.chance(0.5) ? s.grade - 1 : s.grade + 1);
    }
    if (!lea.schools.empty())
      s.wrong_school = static_cast<std::uint8_t>((s.school + 1 + r.below(static_cast<std::uint32_t>(std::max<std::size_t>(1, lea.schools.size() - 1)))) % lea.schools.size());
    return s;
  }

  /// Birth date for the grade (KN: turned 5 by Sep 1; TK: turns 5 Sep 2 – Jun 2); 3 % retained.
  int birth_day(std::uint8_t grade, Rng& r) const {
    const int y = cfg_.year - (r.chance(0.03) ? 1 : 0);
    int from = 0, to = 0;
    if (grade == kTK) {
      from = days_from_civil(y - 5, 9, 2);
      to = days_from_civil(y - 4, 6, 2);
    } else {
      const int k = grade - kKN;  // 0 for KN, 1 for grade 1 …
      from = days_from_civil(y - 6 - k, 9, 2);
      to = days_from_civil(y - 5 - k, 9, 1);
    }
    return r.range(from, to);
  }

  Ssr original_ssr(const Student& s) {
    Ssr t;
    const double u = row_rng_.unit();
    t.day = s.test_day + (row_rng_.chance(0.03) ? 0 : 1 + static_cast<int>(20 * u * u));
    t.secs = 7 * 3600 + static_cast<int>(row_rng_.below(12 * 3600));
    const double st = row_rng_.unit();
    t.style = st < 0.90 ? 0 : st < 0.94 ? 1 : st < 0.97 ? 2 : 3;
    return t;
  }

  std::string_view ssr_text(const Ssr& t) {
    const auto m = scratch_.mark();
    scratch_.date(t.day);
    if (t.style == 1) return scratch_.since(m);
    scratch_.put(t.style == 3 ? ' ' : 'T');
    scratch_.digits(static_cast<std::uint64_t>(t.secs / 3600), 2);
    scratch_.put(':');
    scratch_.digits(static_cast<std::uint64_t>(t.secs / 60 % 60), 2);
    scratch_.put(':');
    scratch_.digits(static_cast<std::uint64_t>(t.secs % 60), 2);
    if (t.style == 2) {
      scratch_.put('.');
      scratch_.digits(static_cast<std::uint64_t>(t.secs * 7 % 1000), 3);
    }
    scratch_.put(t.day >= pst_from_ ? "-08:00" : "-07:00");
    return scratch_.since(m);
  }

  void put_name_part(const NameEntry& e, bool folded, bool curly) {
    const std::string_view text = folded ? std::string_view(e.folded) : e.proper;
    if (!curly || !e.has_apostrophe) {
      scratch_.put(text);
      return;
    }
    for (char c : text) {
      if (c == '\'') scratch_.put("\xE2\x80\x99");  // U+2019, which labelgen maps back to '
      else scratch_.put(c);
    }
  }

  /// Drops one interior ASCII letter: the misspelling a correction later fixes.
  std::string_view with_typo(std::string_view text, std::uint8_t pos) {
    const auto m = scratch_.mark();
    std::size_t drop = text.size();
    for (std::size_t k = 0; k + 2 < text.size(); ++k) {
      const std::size_t i = 1 + (pos + k) % (text.size() - 2);
      const char c = text[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        drop = i;
        break;
      }
    }
    for (std::size_t i = 0; i < text.size(); ++i)
      if (i != drop) scratch_.put(text[i]);
    return scratch_.since(m);
  }

  void fill(Row& row, std::uint64_t row_index, const Student& s, bool stale, const Ssr& ssr) {
    const auto& names = names_[s.pool];
    const auto& lea = kLeas[s.lea];
    const bool name_fault = stale && s.fix == Fix::Name;
    row.present.fill(true);
    row.truncated = false;

    auto m = scratch_.mark();
    scratch_.put("SSR-");
    {
      constexpr char hex[] = "0123456789ABCDEF";
      const std::uint64_t id = feistel(row_index & ((std::uint64_t{1} << 40) - 1), 40, event_key_);  // unique
      for (int shift = 36; shift >= 0; shift -= 4) scratch_.put(hex[(id >> shift) & 0xF]);
    }
    row.v[kEventId] = scratch_.since(m);
    row.v[kSsrGeneratedAt] = ssr_text(ssr);
    m = scratch_.mark();
    scratch_.digits(s.ssid, 10);
    row.v[kSsid] = scratch_.since(m);

    m = scratch_.mark();
    const bool fold_last = name_fault && s.fault == NameFault::FoldLast;
    put_name_part(names.last[s.last[0]], fold_last, s.curly_apostrophe);
    if (s.nlast == 2) {
      scratch_.put(s.last_sep);
      put_name_part(names.last[s.last[1]], fold_last, s.curly_apostrophe);
    }
    row.v[kLastName] = scratch_.since(m);
    if (name_fault && s.fault == NameFault::TypoLast) row.v[kLastName] = with_typo(row.v[kLastName], s.typo_pos);
    m = scratch_.mark();
    put_name_part(names.first[s.first], name_fault && s.fault == NameFault::FoldFirst, s.curly_apostrophe);
    row.v[kFirstName] = scratch_.since(m);
    if (name_fault && s.fault == NameFault::TypoFirst) row.v[kFirstName] = with_typo(row.v[kFirstName], s.typo_pos);
    row.v[kMiddleName] = {};
    if (s.middle >= 0 && !(stale && s.fix == Fix::MiddleAdded)) {
      m = scratch_.mark();
      put_name_part(names.middle[static_cast<std::size_t>(s.middle)], false, s.curly_apostrophe);
      row.v[kMiddleName] = scratch_.since(m);
    }

    row.v[kBirthDate] = scratch_.date(s.birth);
    row.v[kGrade] = kGradeCodes[stale && s.fix == Fix::Grade ? s.wrong_grade : s.grade];
    row.v[kLeaCds] = lea.cds;
    row.v[kLeaName] = lea.name;
    if (lea.schools.empty()) {
      row.v[kSchoolCds] = lea.cds;
      row.v[kSchoolName] = lea.name;
    } else {
      const auto& school = lea.schools[stale && s.fix == Fix::School ? s.wrong_school : s.school];
      m = scratch_.mark();
      scratch_.put(lea.cds.substr(0, 7));
      scratch_.put(school.code7);
      row.v[kSchoolCds] = scratch_.since(m);
      row.v[kSchoolName] = school.name;
    }
    row.v[kCharterNumber] = lea.charter_number;
    row.present[kCharterNumber] = !lea.charter_number.empty();
    row.v[kForm] = s.form == 1 ? "1" : "2";
    row.v[kTestCompletedOn] = scratch_.date(s.test_day);
    row.v[kMode] = s.remote ? "remote" : "in_person";
    constexpr std::array<std::string_view, 3> books{"complete", "incomplete", "none"};
    row.v[kAnswerBook] = books[s.book];
    // Parent notification: 85 % notified 0–14 days after the SSR.
    row.v[kParentNotifiedOn] = {};
    if (row_rng_.chance(0.85)) {
      const double u = row_rng_.unit();
      row.v[kParentNotifiedOn] = scratch_.date(ssr.day + static_cast<int>(15 * u * u));
    } else {
      row.present[kParentNotifiedOn] = row_rng_.chance(0.5);  // JSONL: "" or absent
    }
  }

  void spoil(Row& row, const Student& s, const Ssr& ssr, Bad kind) {
    switch (kind) {
      case Bad::SsidNineDigits: row.v[kSsid] = row.v[kSsid].substr(0, 9); break;
      case Bad::SsidLetter: {  // a letter O typed for a digit
        const auto m = scratch_.mark();
        scratch_.put(row.v[kSsid].substr(0, 6));
        scratch_.put('O');
        scratch_.put(row.v[kSsid].substr(7));
        row.v[kSsid] = scratch_.since(m);
        break;
      }
      case Bad::LeaCds13: row.v[kLeaCds] = row.v[kLeaCds].substr(0, 13); break;
      case Bad::BirthImpossible: {
        const auto m = scratch_.mark();
        scratch_.put(row.v[kBirthDate].substr(0, 4));
        scratch_.put("-02-30");
        row.v[kBirthDate] = scratch_.since(m);
        break;
      }
      case Bad::TestDateNotDate: {
        const Ymd c = civil_from_days(s.test_day);
        const auto m = scratch_.mark();
        scratch_.digits(c.m, 2);
        scratch_.put('/');
        scratch_.digits(c.d, 2);
        scratch_.put('/');
        scratch_.digits(static_cast<std::uint64_t>(c.y), 4);
        row.v[kTestCompletedOn] = scratch_.since(m);
        break;
      }
      case Bad::Grade13: row.v[kGrade] = "13"; break;
      case Bad::Form3: row.v[kForm] = "3"; break;
      case Bad::ModeOnline: row.v[kMode] = "online"; break;
      case Bad::BookYes: row.v[kAnswerBook] = "yes"; break;
      case Bad::NameForbiddenChar: {
        const auto m = scratch_.mark();
        scratch_.put(row.v[kLastName]);
        scratch_.put(" & ");
        scratch_.put(names_[s.pool].last[(s.last[0] + 1) % names_[s.pool].last.size()].proper);
        row.v[kLastName] = scratch_.since(m);
        break;
      }
      case Bad::LastNameTooLong: {
        const auto m = scratch_.mark();
        std::size_t k = s.last[0];
        while (scratch_.since(m).size() <= 50) {
          if (scratch_.since(m).size() != 0) scratch_.put(' ');
          scratch_.put(lg::synth::pools::en_last[k++ % 26]);  // ASCII only: bytes = characters
        }
        row.v[kLastName] = scratch_.since(m);
        break;
      }
      case Bad::MissingField: row.truncated = true; break;
      case Bad::InvalidUtf8: {
        constexpr std::array<std::string_view, 4> latin1{"Mu\xF1oz", "Pe\xF1" "a", "Ib\xE1\xF1" "ez", "Nu\xF1" "ez"};
        row.v[kLastName] = latin1[s.last[0] % latin1.size()];
        break;
      }
      case Bad::SsrBeforeTest: {
        Ssr t = ssr;
        t.day = s.test_day - 1 - static_cast<int>(s.typo_pos % 5);
        t.style = 0;
        row.v[kSsrGeneratedAt] = ssr_text(t);
        break;
      }
      case Bad::SchoolCdsMismatch: {
        // Another LEA's county and district in front of this school's own code.
        const auto& other = kLeas[(s.lea + 7) % kLeas.size()];
        const auto m = scratch_.mark();
        scratch_.put(other.cds.substr(0, 7) == row.v[kLeaCds].substr(0, 7) ? kLeas[(s.lea + 2) % kLeas.size()].cds.substr(0, 7)
                                                                           : other.cds.substr(0, 7));
        scratch_.put(row.v[kSchoolCds].substr(7));
        row.v[kSchoolCds] = scratch_.since(m);
        break;
      }
      case Bad::CharterSchoolNotLea: {
        const auto m = scratch_.mark();
        scratch_.put(row.v[kLeaCds].substr(0, 7));
        scratch_.put("0999999");
        row.v[kSchoolCds] = scratch_.since(m);
        break;
      }
      case Bad::ParentBeforeSsr:
        row.v[kParentNotifiedOn] = scratch_.date(ssr.day - 1 - static_cast<int>(s.typo_pos % 5));
        row.present[kParentNotifiedOn] = true;
        break;
      case Bad::CharterNumberBad:
        row.v[kCharterNumber] = "12A4";
        row.present[kCharterNumber] = true;
        break;
      case Bad::DuplicateEventId: {  // the id of the last good row, copied into this row
        const auto m = scratch_.mark();
        scratch_.put(std::string_view(last_event_id_.data(), last_event_id_len_));
        row.v[kEventId] = scratch_.since(m);
        break;
      }
      case Bad::EmptyFirstName: row.v[kFirstName] = {}; break;
      case Bad::Count: break;
    }
  }

  void emit(std::uint64_t row_index, const Student& s, bool stale, const Ssr& ssr, std::optional<Bad> bad) {
    scratch_.reset();
    Row row;
    fill(row, row_index, s, stale, ssr);
    // Remember this row's id before spoiling.
    std::array<char, 32> id{};
    const std::size_t id_len = std::min(id.size(), row.v[kEventId].size());
    std::memcpy(id.data(), row.v[kEventId].data(), id_len);
    if (bad) {
      spoil(row, s, ssr, *bad);
    } else {  // duplicates copy the id of the last good row, so they are the only culprit
      last_event_id_ = id;
      last_event_id_len_ = id_len;
    }
    const int month = civil_from_days(ssr.day).m;
    if (month >= 7 && month <= 12) ++stats_.ssr_month[static_cast<std::size_t>(month - 7)];
    if (cfg_.jsonl) write_jsonl(row);
    else write_csv(row);
  }

  void end_line() {
    if (cfg_.crlf) out_.put('\r');
    out_.put('\n');
  }

  static void put_csv_field(Output& out, std::string_view v) {
    if (std::none_of(v.begin(), v.end(), [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; })) {
      out.put(v);
      return;
    }
    out.put('"');
    for (char c : v) {
      if (c == '"') out.put('"');
      out.put(c);
    }
    out.put('"');
  }

  void write_csv(const Row& row) {
    const std::size_t n = row.truncated ? order_.size() - 1 : order_.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i != 0) out_.put(',');
      put_csv_field(out_, row.v[order_[i]]);
    }
    end_line();
  }

  void put_json_string(std::string_view v) {
    out_.put('"');
    std::size_t run = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const auto c = static_cast<unsigned char>(v[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.put(v.substr(run, i - run));
      run = i + 1;
      if (c == '"') out_.put("\\\"");
      else if (c == '\\') out_.put("\\\\");
      else if (c == '\n') out_.put("\\n");
      else if (c == '\r') out_.put("\\r");
      else if (c == '\t') out_.put("\\t");
      else {
        constexpr char hex[] = "0123456789abcdef";
        out_.put("\\u00");
        out_.put(hex[c >> 4]);
        out_.put(hex[c & 0xF]);
      }
    }
    out_.put(v.substr(run));
    out_.put('"');
  }

  void write_jsonl(const Row& row) {
    out_.put('{');
    bool first = true;
    for (const Col c : order_) {
      if (!row.present[c] || (row.truncated && c == kGrade)) continue;
      if (!first) out_.put(',');
      first = false;
      out_.put('"');
      out_.put(kColNames[c]);
      out_.put("\":");
      put_json_string(row.v[c]);
    }
    out_.put("}\n");
  }

  const Config& cfg_;
  std::vector<PoolNames> names_;
  Output& out_;
  Rng row_rng_;
  Scratch scratch_;
  Stats stats_;
  static constexpr std::uint64_t kSsidSpace = 9'000'000'000ULL;
  std::uint64_t student_key_ = 0, ssid_key_ = 0, event_key_ = 0;
  Weighted pools_, selected_, unselected_, grades_, test_days_;
  int first_test_day_ = 0, last_ssr_day_ = 0, pst_from_ = 0;
  std::array<Col, kColCount> order_ = [] {
    std::array<Col, kColCount> o{};
    for (std::size_t i = 0; i < o.size(); ++i) o[i] = static_cast<Col>(i);
    return o;
  }();
  std::array<char, 32> last_event_id_{};
  std::size_t last_event_id_len_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  bool help = false;
  if (const std::string err = parse_args(argc, argv, cfg, help); !err.empty()) {
    std::fprintf(stderr, "labelgen-synth: %s\n", err.c_str());
    return 2;
  }
  if (help) {
    std::fputs(kUsage.data(), stdout);
    return 0;
  }
  if (const std::string err = check_leas(); !err.empty()) {
    std::fprintf(stderr, "labelgen-synth: internal LEA table is invalid:\n%s", err.c_str());
    return 3;
  }
  std::vector<PoolNames> names;
  if (const std::string err = build_names(names); !err.empty()) {
    std::fprintf(stderr, "labelgen-synth: internal name tables are invalid:\n%s", err.c_str());
    return 3;
  }

  std::unique_ptr<Output> out = cfg.out.empty() ? std::make_unique<Output>() : std::make_unique<Output>(cfg.out);
  if (!out->is_open()) {
    std::fprintf(stderr, "labelgen-synth: cannot open '%s' for writing: %s\n", cfg.out.c_str(), std::strerror(errno));
    return 1;
  }
  if (cfg.list_leas) {
    Generator::list_leas(*out);
    return out->close() ? 0 : 1;
  }
  Generator gen(cfg, std::move(names), *out);
  gen.run();
  if (!out->close()) {
    std::fprintf(stderr, "labelgen-synth: write error on '%s'\n", cfg.out.empty() ? "stdout" : cfg.out.c_str());
    return 1;
  }
  if (cfg.stats) {
    const Stats& st = gen.stats();
    std::fprintf(stderr,
                 "rows %llu: fresh %llu, corrected %llu, stale-after-correction %llu, bad %llu\n",
                 static_cast<unsigned long long>(cfg.count), static_cast<unsigned long long>(st.fresh),
                 static_cast<unsigned long long>(st.corrected), static_cast<unsigned long long>(st.stale_after),
                 static_cast<unsigned long long>(st.bad_total));
    std::fputs("ssr month:", stderr);
    constexpr std::array<const char*, 6> months{"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < months.size(); ++i)
      std::fprintf(stderr, " %s %llu", months[i], static_cast<unsigned long long>(st.ssr_month[i]));
    std::fputc('\n', stderr);
    for (std::size_t i = 0; i < st.bad.size(); ++i)
      if (st.bad[i] != 0)
        std::fprintf(stderr, "bad %s: %llu\n", kBadNames[i].data(), static_cast<unsigned long long>(st.bad[i]));
  }
  return 0;
}
