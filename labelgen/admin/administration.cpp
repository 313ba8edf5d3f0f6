#include "labelgen/admin/administration.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "labelgen/admin/lea_index.hpp"

namespace lg::admin {
namespace {

bool listed(const Program& program, std::string_view code) {
  if (program.index) return program.index->contains(code);
  return std::ranges::any_of(program.leas, [&](const SelectedLea& lea) { return lea.code == code; });
}

}  // namespace

void Program::rebuild_index() { index = std::make_shared<const detail::LeaIndex>(leas); }

const Program* Administration::program_for(Form form) const {
  auto it = std::ranges::find(programs, form, &Program::form);
  return it == programs.end() ? nullptr : &*it;
}

bool Administration::selects(const Program& program, const CdsCode& lea_cds) const {
  if (lea_cds.str().size() != 14) return false;  // a default-constructed code selects nothing
  return code_kind == LeaCodeKind::Cds14 ? listed(program, lea_cds.str()) : listed(program, lea_cds.lea7());
}

std::vector<const Program*> Administration::programs_selecting(const CdsCode& lea_cds) const {
  std::vector<const Program*> out;
  for (const auto& program : programs)
    if (selects(program, lea_cds)) out.push_back(&program);
  return out;
}

const Window* Administration::window_for(Date tested) const {
  // Windows are sorted by start and do not overlap: the candidate is the last one starting on
  // or before `tested`.
  auto after = std::ranges::upper_bound(windows, tested, {}, &Window::start);
  if (after == windows.begin()) return nullptr;
  const Window& candidate = *std::prev(after);
  return tested <= candidate.end ? &candidate : nullptr;
}

}  // namespace lg::admin
