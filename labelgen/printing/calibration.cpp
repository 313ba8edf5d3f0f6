#include "labelgen/printing/calibration.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

namespace lg::printing {
namespace {

using Span = std::pair<Length, Length>;  // [first, second)

/// Parts of [a, b) outside every cut.
std::vector<Span> subtract(Length a, Length b, const std::vector<Span>& cuts) {
  std::vector<Span> parts{{a, b}};
  for (const auto& [c0, c1] : cuts) {
    std::vector<Span> next;
    for (const auto& [p0, p1] : parts) {
      if (c1 <= p0 || c0 >= p1) {
        next.push_back({p0, p1});
        continue;
      }
      if (c0 > p0) next.push_back({p0, c0});
      if (c1 < p1) next.push_back({c1, p1});
    }
    parts = std::move(next);
  }
  return parts;
}

std::string inches_and_mm(Length v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f in (%.2f mm)", v.inches(), v.millimetres());
  return buf;
}

layout::Text make_text(Length x, Length y, Length size, std::vector<layout::TextRun> runs, bool bold) {
  layout::Text t;
  t.origin = {x, y};
  t.size = size;
  t.runs = std::move(runs);
  t.bold = bold;
  return t;
}

/// Draws into one page with the profile's offsets applied and everything clipped to the page.
class Painter {
 public:
  Painter(layout::Page& page, Length dx, Length dy, const fonts::FontSet& fonts, fonts::RoleId regular,
          fonts::RoleId bold)
      : page_(page), dx_(dx), dy_(dy), fonts_(fonts), regular_(regular), bold_(bold) {}

  /// A filled rectangle (design coordinates).
  void rect(Length x, Length y, Length w, Length h) {
    Length x0 = std::max(x + dx_, Length()), y0 = std::max(y + dy_, Length());
    Length x1 = std::min(x + w + dx_, page_.size.width), y1 = std::min(y + h + dy_, page_.size.height);
    if (x1 <= x0 || y1 <= y0) return;
    layout::Rect r;
    r.origin = {x0, y0};
    r.size = {x1 - x0, y1 - y0};
    r.filled = true;
    page_.items.emplace_back(r);
  }

  enum class Anchor { Left, Center, Right };

  /// One line of text whose baseline starts (Left), is centred (Center) or ends (Right) at x.
  Result<void> text(const std::string& s, Length x, Length baseline, Length size, Anchor anchor,
                    bool bold = false) {
    auto runs = fonts_.shape(s, bold ? bold_ : regular_, size);
    if (!runs) return std::unexpected(runs.error());
    Length width;
    for (const auto& r : *runs) width += r.advance;
    if (anchor == Anchor::Center) x -= width / 2;
    if (anchor == Anchor::Right) x -= width;
    if (x + dx_ < Length() || x + width + dx_ > page_.size.width) return {};  // would leave the page
    page_.items.emplace_back(make_text(x + dx_, baseline + dy_, size, std::move(*runs), bold));
    return {};
  }

  /// A paragraph wrapped at spaces into lines of at most `width`, first baseline at
  /// `baseline`; returns the baseline after its last line.
  Result<Length> paragraph(const std::string& s, Length x, Length baseline, Length width, Length size,
                           bool bold) {
    const fonts::RoleId role = bold ? bold_ : regular_;
    std::string line;
    std::size_t at = 0;
    auto flush = [&]() -> Result<void> {
      auto runs = fonts_.shape(line, role, size);
      if (!runs) return std::unexpected(runs.error());
      page_.items.emplace_back(make_text(x + dx_, baseline + dy_, size, std::move(*runs), bold));
      baseline += size * 1.3;
      line.clear();
      return {};
    };
    while (at < s.size()) {
      std::size_t end = s.find(' ', at);
      if (end == std::string::npos) end = s.size();
      const std::string word = s.substr(at, end - at);
      at = end + 1;
      const std::string longer = line.empty() ? word : line + " " + word;
      auto w = fonts_.measure(longer, role, size);
      if (!w) return std::unexpected(w.error());
      if (*w > width && !line.empty()) {
        if (auto ok = flush(); !ok) return std::unexpected(ok.error());
        line = word;
      } else {
        line = longer;
      }
    }
    if (!line.empty())
      if (auto ok = flush(); !ok) return std::unexpected(ok.error());
    return baseline;
  }

 private:
  layout::Page& page_;
  Length dx_, dy_;
  const fonts::FontSet& fonts_;
  fonts::RoleId regular_, bold_;
};

Length number_size(const layout::Stock& stock) {
  return stock.page.height < Length::in(4) ? Length::pt(5) : Length::pt(7);
}

}  // namespace

Length inch_tick_length(int sixteenths) {
  if (sixteenths % 16 == 0) return Length::in(0.20);
  if (sixteenths % 8 == 0) return Length::in(0.15);
  if (sixteenths % 4 == 0) return Length::in(0.11);
  if (sixteenths % 2 == 0) return Length::in(0.08);
  return kShortestTick;
}

Length mm_tick_length(int millimetres) {
  if (millimetres % 10 == 0) return Length::in(0.18);
  if (millimetres % 5 == 0) return Length::in(0.12);
  return Length::in(0.07);
}

CalibrationGeometry calibration_geometry(const layout::Stock& stock) {
  const bool small = stock.page.height < Length::in(4);
  const Length gap = Length::in(0.03);
  CalibrationGeometry g;
  g.corner = {stock.margin_left, stock.margin_top};
  g.arm = small ? Length::in(0.2) : Length::in(0.3);
  g.mark_width = Length::pt(1);
  g.tick_width = Length::pt(0.5);
  const Length band = stock.page.height - (small ? Length::in(0.36) : Length::in(1));
  g.h_inch_base = band - gap;
  g.h_mm_base = band + gap;
  const Length column = stock.page.width - std::min(Length::in(1), stock.page.width / 4);
  g.v_inch_base = column - gap;
  g.v_mm_base = column + gap;
  g.v_end = g.h_inch_base - inch_tick_length(16) - gap - number_size(stock) - Length::in(0.12);
  g.text_size = small ? Length::pt(4.5) : Length::pt(10);
  g.text_left = small ? Length::in(0.3) : Length::in(0.7);
  g.text_top = g.corner.y + g.arm + (small ? Length::in(0.12) : Length::in(0.5));
  g.text_width = column - Length::in(0.6) - g.text_left;
  return g;
}

Result<layout::Page> calibration_page(const printers::Profile& profile, const layout::Stock& stock,
                                      const fonts::FontSet& fonts) {
  auto regular = fonts.role("label");
  if (!regular) return std::unexpected(regular.error());
  auto bold = fonts.role("label-bold");
  if (!bold) return std::unexpected(bold.error());
  const CalibrationGeometry g = calibration_geometry(stock);
  const bool small = stock.page.height < Length::in(4);
  const Length gap = Length::in(0.03), num = number_size(stock), tw = g.tick_width;
  const Length page_w = stock.page.width, page_h = stock.page.height;
  layout::Page page;
  page.size = stock.page;
  Painter p(page, profile.offset_x, profile.offset_y, fonts, *regular, *bold);
  using A = Painter::Anchor;

  // Instructions.
  const std::vector<std::pair<std::string, bool>> paragraphs = {
      {"Calibration page: printer " + profile.name + " (" + std::to_string(static_cast<int>(profile.dpi)) +
           " dpi), " + stock.description,
       true},
      {"Printed with offset_x = " + inches_and_mm(profile.offset_x) +
           " and offset_y = " + inches_and_mm(profile.offset_y) + ".",
       false},
      {small ? "The cross marks the label's top-left corner. Rulers count from the page's top-left corner "
               "(ticks every 1/16 in and 1 mm)."
             : "The cross marks the top-left corner of the first label; thin lines outline the labels. The "
               "rulers "
               "count from the page's top-left corner in inches (ticks every 1/16 in) and millimetres (every "
               "1 mm).",
       false},
      {"Measure the offset of the mark from the corner (right and down positive) and enter offset_x / "
       "offset_y "
       "in printers/" +
           profile.name +
           ".toml: new offset = current offset - measured offset. Print this page again: the cross then sits "
           "on the label's corner.",
       false},
  };
  Length baseline = g.text_top + g.text_size;
  for (const auto& [text, is_bold] : paragraphs) {
    auto next = p.paragraph(text, g.text_left, baseline, g.text_width, g.text_size, is_bold);
    if (!next) return std::unexpected(next.error());
    baseline = *next + g.text_size * 0.4;
  }
  const Length text_bottom = baseline;

  // Label outlines (not for a roll label that is the whole page). They stop short of the
  // rulers, their numbers and the instructions, so that every dark mark near a ruler is one of
  // its ticks.
  struct Box {
    Length x0, x1, y0, y1;
  };
  const std::vector<Box> keep_clear = {
      {Length(), page_w, g.h_inch_base - inch_tick_length(16) - gap - num - Length::in(0.03),
       g.h_mm_base + mm_tick_length(10) + gap + num + Length::in(0.05)},
      {g.v_inch_base - inch_tick_length(16) - gap - Length::in(0.2),
       g.v_mm_base + mm_tick_length(10) + gap + Length::in(0.25), Length(), g.v_end + Length::in(0.05)},
      {g.text_left - Length::in(0.08), g.text_left + g.text_width + Length::in(0.08),
       g.text_top - Length::in(0.08), text_bottom + Length::in(0.05)},
  };
  const bool outlines =
      stock.labels_per_page() > 1 || stock.label.width < page_w || stock.label.height < page_h;
  for (int i = 0; outlines && i < stock.labels_per_page(); ++i) {
    const Point o = stock.slot_origin(i);
    const Length x0 = o.x, y0 = o.y, x1 = o.x + stock.label.width, y1 = o.y + stock.label.height;
    for (Length y : {y0, y1}) {
      std::vector<Span> cuts;
      for (const auto& k : keep_clear)
        if (y >= k.y0 && y <= k.y1) cuts.push_back({k.x0, k.x1});
      for (const auto& [a, b] : subtract(x0 - tw / 2, x1 + tw / 2, cuts)) p.rect(a, y - tw / 2, b - a, tw);
    }
    for (Length x : {x0, x1}) {
      std::vector<Span> cuts;
      for (const auto& k : keep_clear)
        if (x >= k.x0 && x <= k.x1) cuts.push_back({k.y0, k.y1});
      for (const auto& [a, b] : subtract(y0 - tw / 2, y1 + tw / 2, cuts)) p.rect(x - tw / 2, a, tw, b - a);
    }
  }

  // The cross on the first label's corner.
  p.rect(g.corner.x - g.mark_width / 2, g.corner.y - g.arm, g.mark_width, g.arm * 2);
  p.rect(g.corner.x - g.arm, g.corner.y - g.mark_width / 2, g.arm * 2, g.mark_width);

  // Horizontal rulers: inches above the band's centre line, millimetres below it.
  p.rect(Length(), g.h_inch_base - tw / 2, page_w, tw);
  p.rect(Length(), g.h_mm_base - tw / 2, page_w, tw);
  for (int k = 0; Length::in(k / 16.0) <= page_w; ++k) {
    const Length x = Length::in(k / 16.0), len = inch_tick_length(k);
    p.rect(x - tw / 2, g.h_inch_base - len, tw, len);
    if (k % 16 == 0 && k > 0)
      if (auto ok =
              p.text(std::to_string(k / 16), x, g.h_inch_base - inch_tick_length(16) - gap, num, A::Center);
          !ok)
        return std::unexpected(ok.error());
  }
  if (auto ok = p.text("in", Length::in(0.5), g.h_inch_base - inch_tick_length(16) - gap, num, A::Center);
      !ok)
    return std::unexpected(ok.error());
  for (int m = 0; Length::mm(m) <= page_w; ++m) {
    const Length x = Length::mm(m), len = mm_tick_length(m);
    p.rect(x - tw / 2, g.h_mm_base, tw, len);
    if (m % 10 == 0 && m > 0)
      if (auto ok =
              p.text(std::to_string(m), x, g.h_mm_base + mm_tick_length(10) + gap + num, num, A::Center);
          !ok)
        return std::unexpected(ok.error());
  }
  if (auto ok = p.text("mm", Length::mm(5), g.h_mm_base + mm_tick_length(10) + gap + num, num, A::Center);
      !ok)
    return std::unexpected(ok.error());

  // Vertical rulers, from the top edge down to v_end: inches to the left, millimetres right.
  p.rect(g.v_inch_base - tw / 2, Length(), tw, g.v_end);
  p.rect(g.v_mm_base - tw / 2, Length(), tw, g.v_end);
  const Length middle = num * 0.35;  // baseline offset that centres digits on a tick
  for (int k = 0; Length::in(k / 16.0) <= g.v_end; ++k) {
    const Length y = Length::in(k / 16.0), len = inch_tick_length(k);
    p.rect(g.v_inch_base - len, y - tw / 2, len, tw);
    if (k % 16 == 0 && k > 0)
      if (auto ok = p.text(std::to_string(k / 16), g.v_inch_base - inch_tick_length(16) - gap, y + middle,
                           num, A::Right);
          !ok)
        return std::unexpected(ok.error());
  }
  for (int m = 0; Length::mm(m) <= g.v_end; ++m) {
    const Length y = Length::mm(m), len = mm_tick_length(m);
    p.rect(g.v_mm_base, y - tw / 2, len, tw);
    if (m % 10 == 0 && m > 0)
      if (auto ok =
              p.text(std::to_string(m), g.v_mm_base + mm_tick_length(10) + gap, y + middle, num, A::Left);
          !ok)
        return std::unexpected(ok.error());
  }

  return page;
}

}  // namespace lg::printing
