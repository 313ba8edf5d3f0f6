#include "labelgen/match/words.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "labelgen/core/utf8.hpp"
#include "labelgen/match/fold.hpp"

namespace lg::match {
namespace {

bool keep_in_key(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; }

Word make_word(std::string text, char sep) {
  Word w;
  w.sep = sep;
  w.dotted = !text.empty() && text.back() == '.';
  for (char32_t c : utf8::decode(text))
    if (keep_in_key(c) || u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK)
      utf8::append(w.letters, c);
  std::string stripped = strip_accents(w.letters);
  for (char32_t c : utf8::decode(stripped))
    if (keep_in_key(c)) utf8::append(w.base, c);
  w.single = utf8::length(w.base) == 1 && utf8::length(w.letters) == 1;
  w.text = std::move(text);
  return w;
}

std::optional<std::string> suffix_of(const Word& w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kSuffixes{{{"jr", "jr"},
                                                                                           {"sr", "sr"},
                                                                                           {"ii", "ii"},
                                                                                           {"iii", "iii"},
                                                                                           {"iv", "iv"},
                                                                                           {"2nd", "ii"},
                                                                                           {"3rd", "iii"}}};
  for (const auto& [written, normal] : kSuffixes)
    if (w.base == written) return std::string(normal);
  return std::nullopt;
}

// Removes suffix words (not when a suffix is the only word) and records them.
void take_suffixes(Words& words, Suffixes& out) {
  if (words.size() < 2) return;
  Words kept;
  for (Word& w : words) {
    if (auto s = suffix_of(w)) {
      out.found.push_back(*s);
    } else {
      kept.push_back(std::move(w));
    }
  }
  if (!kept.empty()) kept.front().sep = ' ';
  words = std::move(kept);
}

// Splits `text` at commas (after case folding); empty segments are dropped.
std::vector<std::string> comma_segments(const std::string& folded) {
  std::vector<std::string> segments;
  std::string current;
  for (char c : folded) {
    if (c == ',') {
      segments.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  segments.push_back(current);
  return segments;
}

}  // namespace

Words split_words(std::string_view text) {
  Words words;
  std::string current;
  char sep = ' ';
  auto flush = [&] {
    if (current.empty()) return;
    Word w = make_word(std::move(current), words.empty() ? ' ' : sep);
    current.clear();
    sep = ' ';
    // A word needs a letter or digit of its own (a lone accent mark is no word).
    if (!w.base.empty()) words.push_back(std::move(w));
  };
  for (char c : text) {
    if (c == ' ' || c == '-') {
      flush();
      if (c == '-') sep = '-';
      continue;
    }
    current += c;
  }
  flush();
  return words;
}

bool is_particle(const Word& w) {
  static constexpr std::array<std::string_view, 28> kParticles{
      "de",  "del", "della", "dela", "delos", "delas", "la", "las", "los", "da",  "das", "do",  "dos", "du",
      "van", "von", "der",   "den",  "di",    "al",    "el", "bin", "ibn", "ter", "st",  "san", "y",   "abu"};
  return std::find(kParticles.begin(), kParticles.end(), w.base) != kParticles.end();
}

std::vector<Words> surname_parts(const Words& last) {
  std::vector<Words> parts;
  Words pending;
  for (const Word& w : last) {
    pending.push_back(w);
    if (!is_particle(w)) {
      parts.push_back(std::move(pending));
      pending.clear();
    }
  }
  if (!pending.empty()) {
    if (parts.empty()) {
      parts.push_back(std::move(pending));
    } else {
      for (Word& w : pending) parts.back().push_back(std::move(w));
    }
  }
  return parts;
}

LabelName parse_label(std::string_view label) {
  LabelName out;
  const std::vector<std::string> segments = comma_segments(fold_case(label));
  if (segments.size() < 2) {
    out.well_formed = false;
    out.last = split_words(segments.front());
    take_suffixes(out.last, out.suffixes);
    return out;
  }
  out.last = split_words(segments[0]);
  std::string given;
  for (std::size_t i = 1; i < segments.size(); ++i) given += (i > 1 ? " " : "") + segments[i];
  out.first = split_words(given);
  take_suffixes(out.last, out.suffixes);
  take_suffixes(out.first, out.suffixes);
  // `FIRST M.`: a trailing single dotted letter after the first name is the middle initial.
  if (out.first.size() >= 2 && out.first.back().dotted && out.first.back().initial()) {
    out.middle.push_back(std::move(out.first.back()));
    out.middle.front().sep = ' ';
    out.first.pop_back();
    out.middle_is_initial = true;
  }
  if (out.last.empty() || out.first.empty()) out.well_formed = false;
  return out;
}

LabelName parse_label(const StudentName& name) {
  LabelName out;
  out.last = split_words(fold_case(name.last));
  out.first = split_words(fold_case(name.first));
  out.middle = split_words(fold_case(name.middle));
  take_suffixes(out.last, out.suffixes);
  take_suffixes(out.first, out.suffixes);
  take_suffixes(out.middle, out.suffixes);
  out.middle_is_initial = out.middle.size() == 1 && out.middle.front().initial();
  if (out.last.empty() || out.first.empty()) out.well_formed = false;
  return out;
}

BookName parse_book(std::string_view book) {
  BookName out;
  std::vector<Words> segments;
  for (const std::string& s : comma_segments(fold_case(book))) {
    Words w = split_words(s);
    if (w.empty()) continue;
    // A segment that is only a suffix (`Santos, Jr., Jose`) is recorded and dropped.
    if (w.size() == 1 && suffix_of(w.front()) && !segments.empty()) {
      out.suffixes.found.push_back(*suffix_of(w.front()));
      continue;
    }
    segments.push_back(std::move(w));
  }
  if (segments.empty()) return out;
  out.before = std::move(segments.front());
  take_suffixes(out.before, out.suffixes);
  if (segments.size() >= 2) {
    out.has_comma = true;
    for (std::size_t i = 1; i < segments.size(); ++i)
      for (Word& w : segments[i]) out.after.push_back(std::move(w));
    take_suffixes(out.after, out.suffixes);
  }
  return out;
}

}  // namespace lg::match
