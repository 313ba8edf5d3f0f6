#include "labelgen/layout/engine.hpp"

#include <cmath>

#include "labelgen/barcode/encode.hpp"

namespace lg::layout {
namespace {

/// Where a template item is, formatted only when an error names it (draw() runs per label).
struct Where {
  const std::string& tmpl;
  const char* kind;
  std::size_t index;
  std::string str() const { return tmpl + ": " + kind + "[" + std::to_string(index) + "]"; }
};

Point shifted(Point p, Point by) { return {p.x + by.x, p.y + by.y}; }

bool on_page(const std::string& pages, bool first_page) {
  return pages == "all" || (pages == "first") == first_page;
}

Result<void> draw_text(const TextItem& item, fonts::RoleId role, const fonts::FontSet& fonts, const FieldMap& fields,
                       Point origin, Page& page, const Where& at_item) {
  auto text = expand(item.text, fields);
  if (!text) return fail(at_item.str(), at_item.str() + ": " + text.error().message);
  if (text->all_placeholders_empty || text->text.empty()) return {};
  auto fitted = fonts.fit(text->text, role, {item.width, item.size, item.min_size});
  if (!fitted) return fail(at_item.str(), at_item.str() + ": \"" + item.text + "\": " + fitted.error().message);
  Length x = origin.x + item.origin.x;
  if (item.align == Align::Center) x += (item.width - fitted->width) / 2;
  if (item.align == Align::Right) x += item.width - fitted->width;
  Text t;
  t.origin = {x, origin.y + item.origin.y};
  t.size = fitted->size;
  t.runs = std::move(fitted->runs);
  page.items.emplace_back(std::move(t));
  return {};
}

Result<void> draw_barcode(const BarcodeItem& item, const FieldMap& fields, Point origin, double dpi, Page& page,
                          const Where& at_item) {
  auto content = expand(item.content, fields);
  if (!content) return fail(at_item.str(), at_item.str() + ": " + content.error().message);
  auto modules = barcode::encode(item.symbology, content->text);
  if (!modules) return fail(at_item.str(), at_item.str() + ": " + modules.error().message);
  const auto& m = **modules;
  const long min_dots = std::max(1L, static_cast<long>(std::ceil(item.min_module.in_dots(dpi) - 1e-6)));
  long dots = std::max(min_dots, item.module.whole_dots(dpi));
  if (item.max_size > Length{}) {
    const long limit = static_cast<long>(std::floor(item.max_size.in_dots(dpi) + 1e-6));
    const long side = std::max(m.width, item.symbology == Symbology::DataMatrix ? m.height : 0);
    while (dots > min_dots && side * dots > limit) --dots;
    if (side * dots > limit)
      return fail(at_item.str(), at_item.str() + ": a " + std::to_string(m.width) + "x" + std::to_string(m.height) +
                             "-module symbol does not fit in " + std::to_string(item.max_size.inches()) +
                             " in at " + std::to_string(dpi) + " dpi (content too long)");
  }
  Barcode b;
  b.symbology = item.symbology;
  b.modules = *modules;
  b.content = std::move(content->text);
  b.module = Length::dots(static_cast<double>(dots), dpi);
  b.bar_height = item.symbology == Symbology::Code128 ? snap_to_dots(item.height, dpi) : Length{};
  const Size extent = b.extent();
  Point p = shifted(item.origin, origin);
  if (item.anchor == "top-right" || item.anchor == "bottom-right") p.x -= extent.width;
  if (item.anchor == "bottom-left" || item.anchor == "bottom-right") p.y -= extent.height;
  b.origin = {snap_to_dots(p.x, dpi), snap_to_dots(p.y, dpi)};
  page.items.emplace_back(std::move(b));
  return {};
}

void draw_rect(const RectItem& item, Point origin, Page& page) {
  Rect r;
  r.origin = shifted(item.origin, origin);
  r.size = item.size;
  r.filled = item.filled;
  r.stroke = item.stroke;
  page.items.emplace_back(r);
}

Result<std::vector<fonts::RoleId>> resolve_roles(const std::vector<TextItem>& texts, const fonts::FontSet& fonts,
                                                 const std::string& tmpl) {
  std::vector<fonts::RoleId> roles;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto role = fonts.role(texts[i].font);
    if (!role)
      return fail("text[" + std::to_string(i) + "].font",
                  "template " + tmpl + ": text[" + std::to_string(i) + "].font: " + role.error().message);
    roles.push_back(*role);
  }
  return roles;
}

}  // namespace

Length snap_to_dots(Length value, double dpi) { return Length::dots(std::round(value.in_dots(dpi)), dpi); }

Result<LabelLayout> LabelLayout::create(const LabelTemplate& tmpl, const fonts::FontSet& fonts,
                                        const LayoutOptions& options) {
  LabelLayout l;
  l.tmpl_ = tmpl;
  l.fonts_ = &fonts;
  l.options_ = options;
  auto roles = resolve_roles(tmpl.texts, fonts, tmpl.name);
  if (!roles) return std::unexpected(roles.error());
  l.roles_ = std::move(*roles);
  return l;
}

Page LabelLayout::new_page() const {
  Page p;
  p.size = tmpl_.stock.page;
  return p;
}

Result<void> LabelLayout::draw(const FieldMap& fields, Point origin, Page& page) const {
  const Point at{origin.x + options_.offset_x, origin.y + options_.offset_y};
  for (const auto& r : tmpl_.rects) draw_rect(r, at, page);
  for (std::size_t i = 0; i < tmpl_.texts.size(); ++i)
    if (auto ok = draw_text(tmpl_.texts[i], roles_[i], *fonts_, fields, at, page, {tmpl_.name, "text", i}); !ok)
      return ok;
  for (std::size_t i = 0; i < tmpl_.barcodes.size(); ++i)
    if (auto ok = draw_barcode(tmpl_.barcodes[i], fields, at, options_.dpi, page, {tmpl_.name, "barcode", i}); !ok)
      return ok;
  return {};
}

Result<GisLayout> GisLayout::create(const GisTemplate& tmpl, const fonts::FontSet& fonts,
                                    const LayoutOptions& options) {
  GisLayout g;
  g.tmpl_ = tmpl;
  g.fonts_ = &fonts;
  g.options_ = options;
  auto roles = resolve_roles(tmpl.texts, fonts, tmpl.name);
  if (!roles) return std::unexpected(roles.error());
  g.roles_ = std::move(*roles);
  auto roster = fonts.role(tmpl.roster_font);
  if (!roster) return fail("roster.font", tmpl.name + ": roster.font: " + roster.error().message);
  auto header = fonts.role(tmpl.roster_header_font);
  if (!header) return fail("roster.header_font", tmpl.name + ": roster.header_font: " + header.error().message);
  g.roster_role_ = *roster;
  g.header_role_ = *header;
  return g;
}

int GisLayout::rows_first_page() const {
  return static_cast<int>(std::floor((tmpl_.roster_bottom - tmpl_.roster_top) / tmpl_.row_height + 1e-9)) - 1;
}

int GisLayout::rows_continued_page() const {
  return static_cast<int>(std::floor((tmpl_.roster_bottom - tmpl_.roster_continued_top) / tmpl_.row_height + 1e-9)) -
         1;
}

Result<std::vector<Page>> GisLayout::draw(const FieldMap& fields, const std::vector<FieldMap>& roster) const {
  const int first = rows_first_page(), next = rows_continued_page();
  int pages = 1;
  if (static_cast<int>(roster.size()) > first)
    pages += (static_cast<int>(roster.size()) - first + next - 1) / next;
  std::vector<Page> out;
  const Point at{options_.offset_x, options_.offset_y};
  std::size_t row = 0;
  for (int p = 0; p < pages; ++p) {
    const bool is_first = p == 0;
    FieldMap page_fields = fields;
    page_fields.set("page", std::to_string(p + 1));
    page_fields.set("pages", std::to_string(pages));
    Page page;
    page.size = tmpl_.page;
    for (const auto& r : tmpl_.rects)
      if (on_page(r.pages, is_first)) draw_rect(r, at, page);
    for (std::size_t i = 0; i < tmpl_.texts.size(); ++i)
      if (on_page(tmpl_.texts[i].pages, is_first))
        if (auto ok = draw_text(tmpl_.texts[i], roles_[i], *fonts_, page_fields, at, page, {tmpl_.name, "text", i});
            !ok)
          return std::unexpected(ok.error());
    for (std::size_t i = 0; i < tmpl_.barcodes.size(); ++i)
      if (on_page(tmpl_.barcodes[i].pages, is_first))
        if (auto ok = draw_barcode(tmpl_.barcodes[i], page_fields, at, options_.dpi, page,
                                   {tmpl_.name, "barcode", i});
            !ok)
          return std::unexpected(ok.error());
    // Roster: header row, then as many rows as fit.
    Length y = (is_first ? tmpl_.roster_top : tmpl_.roster_continued_top) + at.y;
    const Length baseline_drop = tmpl_.row_height * 0.7;
    auto cell = [&](const RosterColumn& col, const std::string& text, fonts::RoleId role, Length top) -> Result<void> {
      TextItem item;
      item.origin = {col.x, top + baseline_drop};
      item.size = tmpl_.roster_size;
      item.min_size = tmpl_.roster_min_size;
      item.width = col.width;
      item.align = col.align;
      static const FieldMap none;
      // Cell text is already expanded: escape braces so expand() keeps it literal.
      std::string literal;
      for (char c : text) {
        literal += c;
        if (c == '{' || c == '}') literal += c;
      }
      item.text = literal;
      const auto column = static_cast<std::size_t>(&col - tmpl_.columns.data());
      return draw_text(item, role, *fonts_, none, {at.x, Length{}}, page, {tmpl_.name, "roster.column", column});
    };
    for (const auto& col : tmpl_.columns)
      if (!col.header.empty())
        if (auto ok = cell(col, col.header, header_role_, y); !ok) return std::unexpected(ok.error());
    Line rule;
    rule.from = {tmpl_.columns.empty() ? at.x : tmpl_.columns.front().x + at.x, y + tmpl_.row_height};
    rule.to = {tmpl_.columns.empty() ? at.x : tmpl_.columns.back().x + tmpl_.columns.back().width + at.x,
               y + tmpl_.row_height};
    rule.width = Length::pt(0.75);
    page.items.emplace_back(rule);
    y += tmpl_.row_height;
    const int capacity = is_first ? first : next;
    for (int k = 0; k < capacity && row < roster.size(); ++k, ++row) {
      for (const auto& col : tmpl_.columns) {
        if (col.checkbox) {
          Rect box;
          const Length side = tmpl_.row_height * 0.6;
          box.origin = {col.x + at.x, y + (tmpl_.row_height - side) / 2};
          box.size = {side, side};
          box.filled = false;
          box.stroke = Length::pt(0.75);
          page.items.emplace_back(box);
          continue;
        }
        auto text = expand(col.text, roster[row]);
        if (!text) return fail("roster", tmpl_.name + ": roster: " + text.error().message);
        if (auto ok = cell(col, text->text, roster_role_, y); !ok) return std::unexpected(ok.error());
      }
      y += tmpl_.row_height;
    }
    out.push_back(std::move(page));
  }
  return out;
}

}  // namespace lg::layout
