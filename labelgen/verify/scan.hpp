#pragma once
/// Verify stage, input: what was scanned (labels and GIS sheets), in scan order, from decoded
/// images or from lines typed by a USB scanner (wedge mode).
///
/// Scan order (the `position` a roster refers to): files in command-line order, then pages, then
/// labels top to bottom and, within a row, left to right. A row is every label whose centre lies
/// within half an inch (vertically) of the row's first label; a label's centre is its DataMatrix
/// centre, or its Code 128's when the label has no readable DataMatrix.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/decode/symbol.hpp"

namespace lg::verify {

/// What one decoded symbol or typed line is.
enum class CodeKind {
  PreIdCode128,  ///< 18 digits, Damm check valid
  PreIdPayload,  ///< `P1|…` that parses
  GisCode128,    ///< 8 digits, Damm check valid
  GisPayload,    ///< `G1|…` that parses
  BadOurs,       ///< looks like ours (18/8 digits, `P…|`, `G…|`) but does not parse
  NotOurs,       ///< anything else
};
/// `pre-id code128`, `pre-id payload`, `gis code128`, `gis payload`, `unparseable`, `not ours`.
std::string_view kind_name(CodeKind kind);

/// A classified text: its kind and what it parsed to.
struct Classified {
  CodeKind kind = CodeKind::NotOurs;
  std::optional<barcode::PreIdCode> code;
  std::optional<barcode::PayloadFields> payload;
  std::optional<std::uint32_t> gis_code;
  std::optional<barcode::GisFields> gis;
  std::string error_field;  ///< for BadOurs: the field the parser rejected (never a value)
};
Classified classify(std::string_view text);

/// One Pre-ID label as scanned: its Code 128, its DataMatrix, or both.
struct LabelScan {
  std::size_t position = 0;  ///< 1-based scan order
  std::string source;        ///< `file page N` or `stdin line N`
  std::optional<barcode::PreIdCode> code;
  std::optional<barcode::PayloadFields> payload;
  std::string payload_text;  ///< the DataMatrix text as read (for the MAC check)
  bool disagree = false;     ///< Code 128 and DataMatrix of one label name different SSID / serial
  std::optional<std::string> book_name;  ///< the answer book's name (roster or typed)

  std::uint32_t serial() const { return payload ? payload->serial : code ? code->serial : 0; }
  std::string ssid() const { return payload ? payload->ssid.str() : code ? code->ssid.str() : std::string(); }
};

/// One Group Identification Sheet as scanned.
struct GisScan {
  std::string source;
  std::optional<std::uint32_t> code;  ///< GIS serial from the Code 128
  std::optional<barcode::GisFields> payload;
  std::string payload_text;
  bool disagree = false;
  std::uint32_t serial() const { return payload ? payload->serial : code ? *code : 0; }
};

/// A symbol or line that is not a labelgen code, or one of ours that does not parse.
struct Unrecognised {
  std::string source;
  CodeKind kind = CodeKind::NotOurs;
  std::string detail;  ///< never the text itself (it may hold a name)
};

/// Everything scanned in one session.
struct ScanSet {
  std::vector<LabelScan> labels;
  std::vector<GisScan> gis;
  std::vector<Unrecognised> unrecognised;
  bool empty() const { return labels.empty() && gis.empty(); }
};

/// Adds one page's symbols to `set`: pairs each label's Code 128 with the nearest DataMatrix of
/// the same SSID and serial (a Code 128 whose nearest DataMatrix, within `dpi` × 1.5 px, names
/// another label is a pair that disagrees), the same for GIS sheets, and numbers labels in scan
/// order (see above). `source` names the file and page.
void add_page(ScanSet& set, const std::vector<decode::Symbol>& symbols, double dpi,
              const std::string& source);

/// Adds one typed line (wedge mode). Returns the kind; a label or GIS line is appended.
CodeKind add_line(ScanSet& set, std::string_view line, const std::string& source);

}  // namespace lg::verify
