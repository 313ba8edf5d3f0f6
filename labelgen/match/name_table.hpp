#pragma once
/// The data the name matcher cannot derive from spelling: short forms (nicknames) of first names,
/// spelling variants, and written abbreviations. Loaded from `templates/match/short-forms.toml`
/// or built directly (tests).
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "labelgen/core/result.hpp"

namespace lg::match {

/// Relations between names, keyed by `name_key()` (case, accents and punctuation ignored).
class NameTable {
 public:
  /// `full` (Francisco) and its short forms (Paco, Pancho). Two names are related when one is the
  /// full name and the other its short form, or both are short forms of the same full name.
  void add_short_forms(std::string_view full, const std::vector<std::string>& shorts);
  /// Spelling variants of one name (Mohammed, Muhammad, Mohamed): any two are related.
  void add_variants(const std::vector<std::string>& names);
  /// A written abbreviation (`Ma` for Maria, `Sta` for Santa) and what it stands for.
  void add_abbreviation(std::string_view abbreviation, std::string_view full);

  /// Whether `a` is a short form of `b`, or `b` of `a`, or both of one full name (inputs are any
  /// spelling; they are keyed with name_key()).
  bool short_form(std::string_view a, std::string_view b) const;
  /// Whether `a` and `b` are listed as spelling variants of one name.
  bool variant(std::string_view a, std::string_view b) const;
  /// The key of what an abbreviation stands for, or nullptr.
  const std::string* expand(std::string_view abbreviation) const;

  /// The same three look-ups for text that is already a name_key() (no folding; the matcher's
  /// inner loop).
  bool short_form_keys(const std::string& a, const std::string& b) const;
  bool variant_keys(const std::string& a, const std::string& b) const;
  const std::string* expand_key(const std::string& key) const;

  /// Number of entries (short-form groups + variant groups + abbreviations).
  std::size_t size() const { return groups_ + abbreviations_.size(); }

 private:
  struct Member {
    std::size_t group;
    bool full;
  };
  std::unordered_map<std::string, std::vector<Member>> short_forms_;
  std::unordered_map<std::string, std::vector<std::size_t>> variants_;
  std::unordered_map<std::string, std::string> abbreviations_;
  std::size_t groups_ = 0;
};

/// Parses the TOML text of a short-forms file (format: see templates/match/short-forms.toml);
/// errors name `file`, the key and the line.
Result<NameTable> parse_name_table(const std::string& toml_text, const std::string& file);
/// Reads and parses a short-forms file.
Result<NameTable> load_name_table(const std::filesystem::path& file);
/// `lg::data_dir()/templates/match/short-forms.toml`, loaded once (thread-safe) and kept.
const Result<NameTable>& default_name_table();

}  // namespace lg::match
