#pragma once
/// Administration configs: which LEAs return answer books, for which form and grades, and the
/// shipping schedule. Loaded from data files `templates/administrations/<year>.toml`.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "labelgen/core/date.hpp"
#include "labelgen/core/ids.hpp"
#include "labelgen/core/result.hpp"

namespace lg::admin {

namespace detail {
class LeaIndex;
}  // namespace detail

/// How an administration's LEA list writes codes.
enum class LeaCodeKind {
  Cds14,  ///< 14-digit CDS codes (2024–25 and later)
  Lea7,   ///< 7-digit codes: county+district for districts, school code for charters (2020–21)
};

/// One entry of a selected-LEA list, exactly as the source document gives it.
struct SelectedLea {
  std::string code;  ///< 14 or 7 digits, per LeaCodeKind
  std::string name;  ///< as printed in the source (may contain parentheses, duplicates)
};

/// A return program: RSVP (Form 1, K–2) or Form 2 second scoring (kindergarten).
struct Program {
  std::string id;    ///< e.g. `rsvp`, `form2-second-scoring`
  std::string name;  ///< e.g. `RSVP`
  Form form = Form::F1;
  std::vector<Grade> grades;  ///< testing grades in scope (TK is tested as KN)
  std::vector<SelectedLea> leas;
  /// Hash index over `leas` codes, built by load_administration (internal). When null,
  /// Administration::selects scans `leas`; call rebuild_index() after editing `leas`.
  std::shared_ptr<const detail::LeaIndex> index{};

  /// (Re)builds `index` from `leas`.
  void rebuild_index();
};

/// One row of the schedule table.
struct Window {
  Date start;          ///< administration window, first day
  Date end;            ///< administration window, last day (inclusive)
  Date preid_arrival;  ///< Pre-ID labels and GIS arrive at the LEA by
  Date ship_by;        ///< ship answer books to the contractor by
};

struct Administration {
  AdminYear year;
  std::string title;
  std::string source;  ///< seed document the data was taken from
  LeaCodeKind code_kind = LeaCodeKind::Cds14;
  std::vector<Program> programs;
  std::vector<Window> windows;             ///< sorted by start; may be empty when the source has none
  std::optional<Date> last_ship_date;      ///< e.g. 2024-12-09
  std::optional<Date> tested_on_or_before; ///< books tested after this date are not returned
  int hold_days = 30;                      ///< hold after parent notification before shipping

  /// The program that returns books of this form, if any.
  const Program* program_for(Form form) const;
  /// Whether `program`'s list selects the LEA with this CDS code (per code_kind).
  bool selects(const Program& program, const CdsCode& lea_cds) const;
  /// The programs whose list selects this LEA (any form).
  std::vector<const Program*> programs_selecting(const CdsCode& lea_cds) const;
  /// The window containing `tested`, or nullptr (before the first, in a gap, after the last).
  const Window* window_for(Date tested) const;
};

/// Loads and validates one administration file. Errors name the file and the key
/// (`field` = dotted key path such as `windows[2].ship_by`).
Result<Administration> load_administration(const std::filesystem::path& file);

/// Loads `<data_dir>/templates/administrations/<year>.toml`.
Result<Administration> find_administration(const AdminYear& year);

/// Administration years for which a data file exists, sorted.
std::vector<std::string> available_administrations();

}  // namespace lg::admin
