// load_administration: reads one `templates/administrations/<year>.toml` file into an
// Administration, checking every value (see templates/administrations/README.md for the format).
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <system_error>

#include "labelgen/admin/administration.hpp"
#include "labelgen/admin/checks.hpp"
#include "labelgen/config/toml_reader.hpp"

namespace lg::admin {
namespace {

using config::index_path;
using config::key_path;
using config::TomlReader;

constexpr std::int64_t kMaxHoldDays = 365;

/// Reads the document top-down; problems are recorded in the reader (first one wins).
class DocumentReader {
 public:
  explicit DocumentReader(TomlReader& reader) : rd_(reader) {}

  Administration read(const toml::table& root) {
    Administration admin;
    rd_.allow_only(root, "",
                   {"year", "title", "source", "code_kind", "hold_days", "last_ship_date",
                    "tested_on_or_before", "windows", "programs"});
    read_year(root, admin);
    admin.title = rd_.string(root, "", "title");
    admin.source = rd_.string(root, "", "source");
    read_code_kind(root, admin);
    read_hold_days(root, admin);
    admin.last_ship_date = rd_.date(root, "", "last_ship_date", false);
    admin.tested_on_or_before = rd_.date(root, "", "tested_on_or_before", false);
    if (const toml::array* windows = rd_.array(root, "", "windows", false))
      for (std::size_t i = 0; i < windows->size() && rd_.ok(); ++i)
        admin.windows.push_back(read_window(*windows->get(i), index_path("windows", i)));
    if (const toml::array* programs = rd_.array(root, "", "programs", true)) {
      if (programs->empty()) rd_.fail("programs", "at least one program is required");
      for (std::size_t i = 0; i < programs->size() && rd_.ok(); ++i)
        admin.programs.push_back(read_program(*programs->get(i), index_path("programs", i), admin.code_kind));
    }
    return admin;
  }

 private:
  void read_year(const toml::table& root, Administration& admin) {
    const std::string text = rd_.string(root, "", "year");
    if (!rd_.ok()) return;
    if (auto year = AdminYear::parse(text))
      admin.year = *year;
    else
      rd_.fail("year", year.error().message);
  }

  void read_code_kind(const toml::table& root, Administration& admin) {
    const std::string kind = rd_.string(root, "", "code_kind");
    if (kind == "cds14")
      admin.code_kind = LeaCodeKind::Cds14;
    else if (kind == "lea7")
      admin.code_kind = LeaCodeKind::Lea7;
    else if (rd_.ok())
      rd_.fail("code_kind", "must be \"cds14\" (14-digit CDS codes) or \"lea7\" (7-digit LEA codes), got \"" +
                                kind + "\"");
  }

  void read_hold_days(const toml::table& root, Administration& admin) {
    auto days = rd_.integer(root, "", "hold_days");
    if (!days) return;
    if (*days < 0 || *days > kMaxHoldDays)
      rd_.fail("hold_days",
               "must be 0 to " + std::to_string(kMaxHoldDays) + " days, got " + std::to_string(*days));
    else
      admin.hold_days = static_cast<int>(*days);
  }

  Window read_window(const toml::node& node, const std::string& path) {
    Window window;
    const toml::table* table = rd_.table(node, path);
    if (!table) return window;
    rd_.allow_only(*table, path, {"start", "end", "preid_arrival", "ship_by"});
    window.start = rd_.date(*table, path, "start", true).value_or(Date{});
    window.end = rd_.date(*table, path, "end", true).value_or(Date{});
    window.preid_arrival = rd_.date(*table, path, "preid_arrival", true).value_or(Date{});
    window.ship_by = rd_.date(*table, path, "ship_by", true).value_or(Date{});
    return window;
  }

  Program read_program(const toml::node& node, const std::string& path, LeaCodeKind kind) {
    Program program;
    const toml::table* table = rd_.table(node, path);
    if (!table) return program;
    rd_.allow_only(*table, path, {"id", "name", "form", "grades", "leas"});
    program.id = rd_.string(*table, path, "id");
    program.name = rd_.string(*table, path, "name");
    if (auto number = rd_.integer(*table, path, "form")) {
      if (auto form = parse_form(std::to_string(*number)))
        program.form = *form;
      else
        rd_.fail(key_path(path, "form"), form.error().message);
    }
    read_grades(*table, path, program);
    read_leas(*table, path, kind, program);
    return program;
  }

  void read_grades(const toml::table& table, const std::string& path, Program& program) {
    const toml::array* grades = rd_.array(table, path, "grades", true);
    if (!grades) return;
    const std::string at = key_path(path, "grades");
    if (grades->empty()) rd_.fail(at, "at least one grade is required");
    for (std::size_t i = 0; i < grades->size() && rd_.ok(); ++i) {
      const std::string item = index_path(at, i);
      auto text = rd_.string(*grades->get(i), item);
      if (!text) return;
      auto grade = parse_grade(*text);
      if (!grade) {
        rd_.fail(item, grade.error().message);
        return;
      }
      const Grade tested = testing_grade(*grade);  // TK tests as KN: listing either covers both
      if (std::ranges::find(program.grades, tested) == program.grades.end()) program.grades.push_back(tested);
    }
  }

  void read_leas(const toml::table& table, const std::string& path, LeaCodeKind kind, Program& program) {
    const toml::array* leas = rd_.array(table, path, "leas", true);
    if (!leas) return;
    const std::string at = key_path(path, "leas");
    if (leas->empty()) rd_.fail(at, "at least one LEA is required");
    program.leas.reserve(leas->size());
    for (std::size_t i = 0; i < leas->size() && rd_.ok(); ++i)
      program.leas.push_back(read_lea(*leas->get(i), index_path(at, i), kind));
  }

  SelectedLea read_lea(const toml::node& node, const std::string& path, LeaCodeKind kind) {
    SelectedLea lea;
    const toml::table* table = rd_.table(node, path);
    if (!table) return lea;
    rd_.allow_only(*table, path, {"code", "name"});
    const std::string code_path = key_path(path, "code");
    if (const toml::node* code = rd_.find(*table, path, "code", true)) {
      if (code->is_integer())
        rd_.fail(code_path,
                 "codes are strings: write the digits in quotes (leading zeros matter), got an integer");
      else if (auto text = rd_.string(*code, code_path)) {
        check_code(*text, code_path, kind);
        lea.code = *text;
      }
    }
    lea.name = rd_.string(*table, path, "name");
    return lea;
  }

  /// Checks a code against code_kind, pointing out a code that fits the other kind.
  void check_code(const std::string& text, const std::string& path, LeaCodeKind kind) {
    const auto cds = CdsCode::parse(text);
    const auto lea7 = LeaCode7::parse(text);
    if (kind == LeaCodeKind::Cds14 && !cds)
      rd_.fail(path, cds.error().message +
                         (lea7 ? "; this looks like a 7-digit LEA code but code_kind is \"cds14\"" : ""));
    if (kind == LeaCodeKind::Lea7 && !lea7)
      rd_.fail(path, lea7.error().message +
                         (cds ? "; this looks like a 14-digit CDS code but code_kind is \"lea7\"" : ""));
  }

  TomlReader& rd_;
};

Result<std::string> read_text(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return fail("", file.string() + ": administration file not found");
  if (!std::filesystem::is_regular_file(file, ec))
    return fail("", file.string() + ": administration file is not a regular file");
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail("", file.string() + ": cannot open the administration file");
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

Result<Administration> load_administration(const std::filesystem::path& file) {
  const std::string name = file.string();
  auto text = read_text(file);
  if (!text) return std::unexpected(text.error());
  auto root = config::parse_toml(*text, name);
  if (!root) return std::unexpected(root.error());

  TomlReader reader(name, *root);
  Administration admin = DocumentReader(reader).read(*root);
  if (reader.ok())
    for (auto check : {detail::check_schedule, detail::check_programs})
      if (auto issue = check(admin)) reader.fail(issue->path, issue->why);
  if (!reader.ok()) return std::unexpected(reader.error());

  for (auto& program : admin.programs) program.rebuild_index();
  return admin;
}

}  // namespace lg::admin
