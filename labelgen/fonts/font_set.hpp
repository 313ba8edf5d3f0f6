#pragma once
/// Fonts stage: resolves the font roles of `fonts/fonts.toml` to TrueType files once, then
/// splits label text into runs by which face covers each character and measures them.
/// Everything after `FontSet::load` is table look-ups: no fontconfig or FreeType call per label,
/// and a loaded FontSet may be shared by threads (all queries are const and lock-free).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/core/length.hpp"
#include "labelgen/core/result.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::fonts {

/// Options of FontSet::load.
struct FontSetOptions {
  /// The configuration file; empty means `<data_dir>/fonts/fonts.toml`.
  std::filesystem::path config;
  /// Treat glyphs that libharu 2.3.0 would embed incompletely (nested composites, component
  /// glyph ids above 32767) as not covered, so the next fallback face draws them.
  bool libharu_safe_glyphs = true;
};

/// A role of the configuration (`label`, `label-bold`, `mono`), as returned by FontSet::role.
struct RoleId {
  std::uint32_t index = 0;
  friend bool operator==(RoleId, RoleId) = default;
};

/// How text is made to fit a width (FontSet::fit).
///
/// Rule: (1) at `size` when the text fits; (2) otherwise the largest size that is a whole
/// multiple of `step` below `size` at which it fits, if that is at least `min_size`;
/// (3) otherwise at `min_size`, whole characters (a base letter with its combining marks) are
/// dropped from the end, then trailing spaces and commas, and "…" (U+2026; "." when no face
/// of the role has it) is appended, keeping the longest prefix that fits. Fails when not even
/// one character and the ellipsis fit.
struct FitOptions {
  Length width;     ///< the available width
  Length size;      ///< nominal font size
  Length min_size;  ///< smallest size before truncating
  Length step = Length::pt(0.25);
};

/// A fitted line of text.
struct Fitted {
  std::vector<layout::TextRun> runs;
  Length size;             ///< the size to draw at
  Length width;            ///< total advance at `size`
  std::string text;        ///< what is drawn (with the ellipsis when truncated)
  bool shrunk = false;     ///< size < nominal
  bool truncated = false;  ///< characters were dropped
};

/// Why a face can or cannot draw a code point through libharu 2.3.0.
enum class GlyphStatus : std::uint8_t {
  Missing = 0,              ///< no glyph in the face's cmap
  Ok = 1,                   ///< simple glyph, or a composite of simple glyphs
  NestedComposite = 2,      ///< a component is itself composite: libharu drops its parts (marks vanish)
  ComponentOutOfRange = 3,  ///< a component glyph id above 32767 or past numGlyphs: dropped
  UnreadableComposite = 4,  ///< composite header libharu does not parse (numberOfContours < -1)
};
std::string_view describe(GlyphStatus s);

/// Loads one face and reports the status of each code point of `text` (diagnostics, tests).
Result<std::vector<GlyphStatus>> check_glyphs(const layout::FontFace& face, std::u32string_view text);

/// Loaded font configuration. Movable, not copyable.
class FontSet {
 public:
  /// Reads the configuration and resolves every role (fontconfig + FreeType, once).
  static Result<FontSet> load(const FontSetOptions& options = {});
  /// Same, from configuration text (`origin` names it in errors).
  static Result<FontSet> from_toml(std::string_view toml, const FontSetOptions& options = {},
                                   std::string_view origin = "fonts.toml");

  FontSet(FontSet&&) noexcept;
  FontSet& operator=(FontSet&&) noexcept;
  ~FontSet();

  /// The role named `name`, or an error listing the configured roles.
  Result<RoleId> role(std::string_view name) const;
  std::vector<std::string> role_names() const;
  /// The resolved face chain of a role: primary first, then the fallbacks that are installed.
  const std::vector<layout::FontFace>& faces(RoleId role) const;

  /// Splits NFC text into runs of one face each and measures each run at `size`.
  /// Fails, naming the character as U+XXXX, when no face of the role covers it (or a control
  /// character is present). Advances are the font's hmtx widths, unhinted, without kerning,
  /// truncated to 1/1000 em exactly as libharu writes them to the PDF's /W array.
  Result<std::vector<layout::TextRun>> shape(std::string_view utf8_nfc, RoleId role, Length size) const;
  /// Total advance of `utf8_nfc` at `size` (same rules and errors as shape()).
  Result<Length> measure(std::string_view utf8_nfc, RoleId role, Length size) const;
  /// Fits text to a width by shrinking, then truncating (see FitOptions).
  Result<Fitted> fit(std::string_view utf8_nfc, RoleId role, const FitOptions& options) const;

 private:
  struct Impl;
  explicit FontSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lg::fonts
