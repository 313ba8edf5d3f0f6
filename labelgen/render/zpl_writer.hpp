#pragma once
/// Render stage, ZPL II backend for thermal label printers: draws layout::Page primitives as one
/// label format (`^XA … ^XZ`) per page. Positions are printer dots at `dpi`; Code 128 (18- or
/// 8-digit set C content) is the printer's native `^BC`, DataMatrix the native `^BX`, both with
/// the layout's module size and exactly the layout's symbol size (checked; symbols that the
/// printer would draw differently are drawn as a graphic of the layout's modules instead).
/// Rectangles and lines are `^GB`/`^GD`. A text line that is all printable ASCII uses the
/// resident scalable font `^A0` (positioned on its baseline with `^FT`); any other line
/// (accents, Vietnamese, other scripts) is drawn with the layout's own font faces (the same
/// Cairo/FreeType drawing as RasterRenderer) into a 1-bit `^GFA` graphic, because resident
/// fonts lack most of these letters. Output is deterministic: identical pages give identical
/// bytes.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "labelgen/core/length.hpp"
#include "labelgen/core/result.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::render {

/// Options of ZplWriter::open.
struct ZplOptions {
  double dpi = 203;  ///< printer resolution: 203 (8 dots/mm), 300 (12 dots/mm), 600
  /// Calibration offset of the printer profile. Layout already moved every item by it; the
  /// writer takes it back out of the field positions and sends it as the label home (`^LH`), so
  /// the operator sees the calibration in one place. Negative offsets cannot be a label home:
  /// they stay in the field positions and `^LH0,0` is sent.
  Length offset_x, offset_y;
  std::optional<int> darkness;  ///< `~SD`, 0–30; omitted when unset
  std::optional<int> speed;     ///< `^PR`, inches per second (2–14); omitted when unset
  /// Compress `^GFA` graphics with ZPL's ASCII run-length scheme (`G`–`z` repeat counts, `,`
  /// and `!` row fills, `:` row repeat). Off: plain hex.
  bool compress_graphics = true;
};

/// Counts of what the writer drew, for tests and reports.
struct ZplStats {
  std::size_t labels = 0;
  std::size_t resident_text = 0;     ///< text lines in `^A0`
  std::size_t graphic_text = 0;      ///< text lines as `^GF` graphics
  std::size_t native_barcodes = 0;   ///< `^BC` / `^BX`
  std::size_t graphic_barcodes = 0;  ///< symbols drawn as graphics of their modules
};

/// One ZPL document being built (in memory, about 2–6 KB per label). Move-only; not
/// thread-safe (one writer per thread).
class ZplWriter {
 public:
  static Result<ZplWriter> open(const ZplOptions& options = {});
  ZplWriter(ZplWriter&&) noexcept;
  ZplWriter& operator=(ZplWriter&&) noexcept;
  ~ZplWriter();

  /// Appends one label format drawing every primitive of `page` (its size gives `^PW`/`^LL`).
  /// After an error the document is unusable and every later call fails.
  Result<void> add_page(const layout::Page& page);
  /// Writes the document atomically with mode 0600 (temporary file, fsync, rename).
  Result<void> save(const std::filesystem::path& path);
  /// The document so far.
  Result<std::string> bytes() const;
  std::size_t page_count() const;
  const ZplStats& stats() const;

 private:
  struct Impl;
  explicit ZplWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Modules of a Code 128 symbol that starts in set C (`>;`) and encodes `digits` (an even number
/// of digits) entirely in set C: start, one symbol per digit pair, check, stop.
int code128_set_c_modules(std::size_t digits);

/// ZPL's ASCII compression of one `^GFA` graphic (`rows` rows of `row_bytes` bytes, 1 = black):
/// each row as hex with run-length prefixes, `,` (rest of row 0), `!` (rest of row 1) and `:`
/// (row equal to the previous one).
std::string zpl_compress_graphic(const std::uint8_t* data, std::size_t row_bytes, std::size_t rows);

}  // namespace lg::render
