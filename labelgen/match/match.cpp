#include "labelgen/match/match.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "labelgen/core/utf8.hpp"
#include "labelgen/match/compare.hpp"
#include "labelgen/match/fold.hpp"
#include "labelgen/match/reasons.hpp"
#include "labelgen/match/words.hpp"

namespace lg::match {
namespace {

// How a book's words were read.
enum class Reading { Comma, FirstLast, LastFirst };

// The grade a set of findings gives: the worst finding, and two needs-review findings together
// are a mismatch (each alone is a doubt; together they are too many).
Grade grade_of(const Findings& f) {
  Grade g = Grade::Equivalent;
  int reviews = 0;
  for (const Finding& x : f) {
    g = std::max(g, x.grade);
    if (x.grade == Grade::NeedsReview) ++reviews;
  }
  if (reviews >= 2) g = Grade::Mismatch;
  return g;
}

// A reading of the book with what it found. `stretch` counts how far the reading bends the
// label's structure (surname parts added or dropped); it breaks ties between equal grades.
struct Candidate {
  Findings findings;
  std::size_t stretch = 0;
};

// Lower is better: grade, then the number of findings of each grade (worst first), then stretch.
auto score(const Candidate& c) {
  int mismatches = 0;
  int reviews = 0;
  int equivalents = 0;
  for (const Finding& x : c.findings) {
    if (x.grade == Grade::Mismatch) ++mismatches;
    if (x.grade == Grade::NeedsReview) ++reviews;
    if (x.grade == Grade::Equivalent) ++equivalents;
  }
  return std::make_tuple(grade_of(c.findings), mismatches, reviews, c.stretch, equivalents);
}

void keep_best(std::optional<Candidate>& best, std::optional<Candidate> candidate) {
  if (candidate && (!best || score(*candidate) < score(*best))) best = std::move(candidate);
}

// A split between words i-1 and i is allowed unless a hyphen joins them (a compound name).
bool can_split(WordSpan words, std::size_t i) { return i == 0 || i == words.size() || words[i].sep != '-'; }

// The label's first and middle names against the book's given-name words.
Findings compare_given(const LabelName& label, WordSpan given, Reading reading, const Context& ctx) {
  std::optional<Candidate> best;
  for (std::size_t j = 1; j <= given.size(); ++j) {
    if (!can_split(given, j)) continue;
    Findings f;
    compare_first(label.first, given.first(j), ctx, f);
    compare_middle(label.middle, label.middle_is_initial, given.subspan(j), ctx, f);
    keep_best(best, Candidate{std::move(f), 0});
  }
  // Middle name before the first name (`Thị Thảo` for first Thảo, middle Thị): the usual order
  // after a Vietnamese family name, a swap otherwise.
  if (!label.middle.empty()) {
    for (std::size_t j = 1; j < given.size(); ++j) {
      if (!can_split(given, j)) continue;
      Findings f;
      compare_first(label.first, given.subspan(j), ctx, f);
      compare_middle(label.middle, label.middle_is_initial, given.first(j), ctx, f);
      if (reading != Reading::LastFirst) f.push_back({Grade::NeedsReview, reason::kMiddleFirstSwapped});
      keep_best(best, Candidate{std::move(f), 0});
    }
  }
  if (!best) return {{Grade::Mismatch, reason::kFirstMissing}};
  return std::move(best->findings);
}

bool has_initial(WordSpan w) {
  return std::any_of(w.begin(), w.end(), [](const Word& x) { return x.initial(); });
}

// One reading of the book; nullopt when the reading is not possible: an initial (`M.`) is never
// read as part of a surname unless the label's surname has one or it is spelled into it (`O Neil`).
std::optional<Candidate> compare_reading(const LabelName& label, WordSpan last, WordSpan given,
                                         Reading reading, const Context& ctx) {
  if (has_initial(last) && !has_initial(label.last)) {
    Findings spelled;
    if (!same_spelling(label.last, last, spelled)) return std::nullopt;
  }
  Candidate c;
  compare_last(label.last, last, ctx, c.findings);
  Findings g = compare_given(label, given, reading, ctx);
  c.findings.insert(c.findings.end(), g.begin(), g.end());
  if (reading == Reading::FirstLast) c.findings.push_back({Grade::Equivalent, reason::kOrder});
  if (reading == Reading::LastFirst) c.findings.push_back({Grade::NeedsReview, reason::kFamilyFirst});
  const std::size_t book_parts = surname_parts(Words(last.begin(), last.end())).size();
  const std::size_t label_parts = surname_parts(label.last).size();
  c.stretch = book_parts > label_parts ? book_parts - label_parts : label_parts - book_parts;
  return c;
}

void compare_suffixes(const Suffixes& label, const Suffixes& book, Findings& out) {
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  const auto l = sorted(label.found);
  const auto b = sorted(book.found);
  if (l == b) return;
  if (b.empty()) {
    out.push_back({Grade::NeedsReview, reason::kSuffixMissingOnBook});
  } else if (l.empty()) {
    out.push_back({Grade::NeedsReview, reason::kSuffixMissingOnLabel});
  } else {
    out.push_back({Grade::Mismatch, reason::kSuffixDiffers});
  }
}

Words concat(const Words& a, const Words& b) {
  Words out = a;
  out.insert(out.end(), b.begin(), b.end());
  if (!out.empty()) out.front().sep = ' ';
  return out;
}

// Every way of reading the book, keeping the best.
Findings compare_all(const LabelName& label, const BookName& book, const Context& ctx) {
  const Words all = concat(book.before, book.after);
  if (!label.well_formed) {
    // A label without `LAST, FIRST` (a single name): the same words in the same order, or nothing.
    const Words label_all = concat(concat(label.last, label.first), label.middle);
    Findings f;
    if (same_spelling(label_all, all, f)) return f;
    return {{Grade::Mismatch, label_all.size() == 1 ? reason::kDifferentName : reason::kLabelForm}};
  }
  std::optional<Candidate> best;
  if (book.has_comma) {
    keep_best(best, compare_reading(label, book.before, book.after, Reading::Comma, ctx));
  } else if (all.size() == 1) {
    // Only one name on the book.
    Findings as_last;
    compare_last(label.last, all, ctx, as_last);
    Findings as_first;
    compare_first(label.first, all, ctx, as_first);
    if (grade_of(as_last) <= Grade::NeedsReview) return {{Grade::Mismatch, reason::kFirstMissing}};
    if (grade_of(as_first) <= Grade::NeedsReview) return {{Grade::Mismatch, reason::kLastMissing}};
    return {{Grade::Mismatch, reason::kDifferentName}};
  } else {
    const WordSpan w = all;
    for (std::size_t k = 1; k < w.size(); ++k) {
      if (!can_split(w, k)) continue;
      keep_best(best, compare_reading(label, w.subspan(k), w.first(k), Reading::FirstLast, ctx));
      keep_best(best, compare_reading(label, w.first(k), w.subspan(k), Reading::LastFirst, ctx));
    }
  }
  // No possible reading (one hyphenated compound, initials only).
  if (!best) return {{Grade::Mismatch, reason::kDifferentName}};
  compare_suffixes(label.suffixes, book.suffixes, best->findings);
  return std::move(best->findings);
}

// NFC, case folded, spaces collapsed and trimmed, one space after each comma and none before.
std::string exact_key(std::string_view text) {
  const std::string folded = case_fold(text);
  std::string out;
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (c == ',') {
      out += ',';
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string join_reasons(const Findings& f, Grade grade) {
  // Worst first, each phrase once; for a mismatch only the findings that cause it.
  std::vector<std::string_view> phrases;
  for (Grade g : {Grade::Mismatch, Grade::NeedsReview, Grade::Equivalent}) {
    if (grade == Grade::Mismatch && g == Grade::Equivalent) break;
    for (const Finding& x : f)
      if (x.grade == g && std::find(phrases.begin(), phrases.end(), x.reason) == phrases.end())
        phrases.push_back(x.reason);
  }
  std::string out;
  const bool several_reviews =
      grade == Grade::Mismatch &&
      std::none_of(f.begin(), f.end(), [](const Finding& x) { return x.grade == Grade::Mismatch; });
  if (several_reviews) out = std::string(reason::kSeveral) + ": ";
  if (grade == Grade::Mismatch && !several_reviews) {
    // Several mismatching parts: the names are simply different.
    int mismatches = 0;
    for (const Finding& x : f) mismatches += x.grade == Grade::Mismatch;
    if (mismatches >= 2) return std::string(reason::kDifferentName);
    for (const Finding& x : f)
      if (x.grade == Grade::Mismatch) return std::string(x.reason);
  }
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += "; ";
    out += phrases[i];
  }
  if (phrases.empty()) out += reason::kPunctuation;
  return out;
}

Match mismatch(std::string_view why) { return {Grade::Mismatch, std::string(why)}; }

bool too_long(std::string_view text) { return text.size() > kMaxNameBytes; }

Match match_parsed(const LabelName& label, std::string_view book_text, const std::vector<std::string>& exact,
                   const Options& options) {
  static const NameTable kEmpty;
  const NameTable* table = options.table;
  if (table == nullptr) {
    const Result<NameTable>& d = default_name_table();
    table = d ? &*d : &kEmpty;
  }
  const BookName book = parse_book(book_text);
  if (book.before.empty() && book.after.empty()) return mismatch(reason::kBookEmpty);
  if (book.before.size() + book.after.size() > kMaxNameWords) return mismatch(reason::kTooLong);
  const std::string key = exact_key(book_text);
  if (std::find(exact.begin(), exact.end(), key) != exact.end())
    return {Grade::Exact, std::string(reason::kIdentical)};
  const Context ctx{*table, options.min_typo_letters};
  const Findings f = compare_all(label, book, ctx);
  const Grade g = grade_of(f);
  return {g, join_reasons(f, g)};
}

std::optional<Match> check_text(std::string_view label, std::string_view book) {
  if (utf8::first_invalid(label)) return mismatch(reason::kLabelInvalid);
  if (utf8::first_invalid(book)) return mismatch(reason::kBookInvalid);
  if (too_long(label) || too_long(book)) return mismatch(reason::kTooLong);
  return std::nullopt;
}

std::optional<Match> check_label(const LabelName& label) {
  if (label.last.empty() && label.first.empty()) return mismatch(reason::kLabelEmpty);
  if (label.last.size() + label.first.size() + label.middle.size() > kMaxNameWords)
    return mismatch(reason::kTooLong);
  return std::nullopt;
}

}  // namespace

std::string_view grade_name(Grade grade) {
  switch (grade) {
    case Grade::Exact:
      return "exact";
    case Grade::Equivalent:
      return "equivalent";
    case Grade::NeedsReview:
      return "needs review";
    case Grade::Mismatch:
      return "mismatch";
  }
  return "mismatch";
}

Match match_names(std::string_view label, std::string_view book, const Options& options) {
  if (auto bad = check_text(label, book)) return *bad;
  const LabelName parsed = parse_label(label);
  if (auto bad = check_label(parsed)) return *bad;
  return match_parsed(parsed, book, {exact_key(label)}, options);
}

Match match_names(const StudentName& label, std::string_view book, const Options& options) {
  const std::string all = label.last + label.first + label.middle;
  if (auto bad = check_text(all, book)) return *bad;
  const LabelName parsed = parse_label(label);
  if (auto bad = check_label(parsed)) return *bad;
  return match_parsed(parsed, book, {exact_key(label.label_form()), exact_key(label.full())}, options);
}

std::span<const std::string_view> reason_phrases() { return reason::kAll; }

}  // namespace lg::match
