// Fuzz target: the administration TOML loader (lg::admin::load_administration). Beyond "no
// crash": an error names the file; a loaded administration keeps every rule the loader promises
// (administration.hpp, checks.hpp), and its LEA index finds every listed code.
#include <cstdint>
#include <set>

#include "labelgen/admin/administration.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

void check_loaded(const lg::admin::Administration& a) {
  using lg::Date;
  LG_FUZZ_CHECK(a.year.start_year() > 0);
  LG_FUZZ_CHECK(!a.title.empty() && !a.source.empty());
  LG_FUZZ_CHECK(a.hold_days >= 0 && a.hold_days <= 365);
  const Date first = Date::from_ymd(a.year.start_year(), 7, 1);
  const Date last = Date::from_ymd(a.year.start_year() + 1, 6, 30);
  for (std::size_t i = 0; i < a.windows.size(); ++i) {
    const auto& w = a.windows[i];
    LG_FUZZ_CHECK(w.start <= w.end && w.end < w.preid_arrival && w.preid_arrival <= w.ship_by);
    LG_FUZZ_CHECK(first <= w.start && w.end <= last);
    LG_FUZZ_CHECK(i == 0 || a.windows[i - 1].end < w.start);
    LG_FUZZ_CHECK(!a.tested_on_or_before || w.end <= *a.tested_on_or_before);
    LG_FUZZ_CHECK(!a.last_ship_date || w.ship_by <= *a.last_ship_date);
    LG_FUZZ_CHECK(a.window_for(w.start) == &w && a.window_for(w.end) == &w);
  }
  LG_FUZZ_CHECK(!a.tested_on_or_before || !a.last_ship_date || *a.tested_on_or_before < *a.last_ship_date);
  LG_FUZZ_CHECK(!a.programs.empty());
  std::set<std::string> ids;
  std::set<int> forms;
  for (const auto& p : a.programs) {
    LG_FUZZ_CHECK(ids.insert(p.id).second && forms.insert(lg::form_number(p.form)).second);
    LG_FUZZ_CHECK(a.program_for(p.form) == &p);
    LG_FUZZ_CHECK(!p.grades.empty() && !p.leas.empty());
    for (auto g : p.grades) LG_FUZZ_CHECK(g != lg::Grade::TK);  // TK is tested (and listed) as KN
    std::set<std::string> codes;
    for (const auto& lea : p.leas) {
      LG_FUZZ_CHECK(codes.insert(lea.code).second && !lea.name.empty());
      // A 7-digit code is matched through the CDS code whose county+district it is.
      const std::string cds = a.code_kind == lg::admin::LeaCodeKind::Cds14 ? lea.code : lea.code + "0000000";
      auto parsed = lg::CdsCode::parse(cds);
      LG_FUZZ_CHECK(parsed && a.selects(p, *parsed));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("administration.toml");
  const auto& path = file.write(data, size);
  auto a = lg::admin::load_administration(path);
  if (!a) {
    LG_FUZZ_CHECK(a.error().message.find(path.string()) != std::string::npos);
    return 0;
  }
  check_loaded(*a);
  return 0;
}
