#include "labelgen/fonts/font_set.hpp"

#include <fontconfig/fontconfig.h>
#include <toml++/toml.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "labelgen/core/data_dir.hpp"
#include "labelgen/core/utf8.hpp"
#include "labelgen/fonts/face_table.hpp"

namespace lg::fonts {
namespace {

using detail::FaceTable;
using detail::GlyphEntry;

// ---------------------------------------------------------------------------------------------
// Configuration

struct BlockRule {
  bool prefix = false;
  std::string family;
  std::optional<double> below_version;
  std::string reason;
};

struct FamilyRef {
  std::string family;
  bool optional = false;
};

struct RoleConfig {
  std::string name;
  int weight = FC_WEIGHT_REGULAR;
  std::vector<FamilyRef> chain;  // primary first
};

struct Config {
  std::vector<RoleConfig> roles;
  std::vector<BlockRule> blocklist;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool rule_matches_name(const BlockRule& r, std::string_view family) {
  const std::string f = lower(family), want = lower(r.family);
  return r.prefix ? f.starts_with(want) : f == want;
}

Result<Config> parse_config(std::string_view text, std::string_view origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << origin << ":" << e.source().begin.line << ": " << e.description();
    return fail("fonts", msg.str());
  }
  const std::string where(origin);
  if (auto v = root["version"].value<std::int64_t>(); !v || *v != 1)
    return fail("version", where + ": version must be 1");
  Config cfg;
  const toml::table* roles = root["roles"].as_table();
  if (!roles || roles->empty()) return fail("roles", where + ": no [roles.<name>] tables");
  for (auto&& [key, node] : *roles) {
    RoleConfig rc;
    rc.name = std::string(key.str());
    const std::string field = "roles." + rc.name;
    const toml::table* t = node.as_table();
    if (!t) return fail(field, where + ": " + field + " must be a table");
    const std::string weight = (*t)["weight"].value_or(std::string("regular"));
    if (weight == "regular")
      rc.weight = FC_WEIGHT_REGULAR;
    else if (weight == "bold")
      rc.weight = FC_WEIGHT_BOLD;
    else
      return fail(field + ".weight",
                  where + ": weight must be \"regular\" or \"bold\", got \"" + weight + "\"");
    auto primary = (*t)["primary"].value<std::string>();
    if (!primary || primary->empty())
      return fail(field + ".primary", where + ": " + field + ".primary is missing");
    rc.chain.push_back({*primary, false});
    if (const toml::node* fb = t->get("fallbacks")) {
      const toml::array* arr = fb->as_array();
      if (!arr) return fail(field + ".fallbacks", where + ": fallbacks must be an array");
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::node& item = *arr->get(i);
        const std::string f = field + ".fallbacks[" + std::to_string(i) + "]";
        if (auto s = item.value<std::string>()) {
          rc.chain.push_back({*s, false});
        } else if (const toml::table* it = item.as_table()) {
          auto fam = (*it)["family"].value<std::string>();
          if (!fam) return fail(f, where + ": " + f + " needs a family");
          rc.chain.push_back({*fam, (*it)["optional"].value_or(false)});
        } else {
          return fail(f, where + ": " + f + " must be a family name or { family = …, optional = … }");
        }
      }
    }
    cfg.roles.push_back(std::move(rc));
  }
  if (const toml::array* bl = root["blocklist"].as_array()) {
    for (std::size_t i = 0; i < bl->size(); ++i) {
      const std::string f = "blocklist[" + std::to_string(i) + "]";
      const toml::table* t = bl->get(i)->as_table();
      if (!t) return fail(f, where + ": " + f + " must be a table");
      BlockRule r;
      const std::string match = (*t)["match"].value_or(std::string("family"));
      if (match != "family" && match != "prefix")
        return fail(f + ".match", where + ": match must be \"family\" or \"prefix\"");
      r.prefix = match == "prefix";
      r.family = (*t)["family"].value_or(std::string());
      if (r.family.empty()) return fail(f + ".family", where + ": " + f + ".family is missing");
      r.reason = (*t)["reason"].value_or(std::string("known unsafe with libharu 2.3.0"));
      if (auto v = (*t)["below_version"].value<std::string>()) {
        try {
          r.below_version = std::stod(*v);
        } catch (...) {
          return fail(f + ".below_version", where + ": below_version must look like \"2.0\"");
        }
      }
      cfg.blocklist.push_back(std::move(r));
    }
  }
  return cfg;
}

// ---------------------------------------------------------------------------------------------
// fontconfig

struct FcConfigDeleter {
  void operator()(FcConfig* c) const { FcConfigDestroy(c); }
};
struct FcPatternDeleter {
  void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FcObjectSetDeleter {
  void operator()(FcObjectSet* o) const { FcObjectSetDestroy(o); }
};
struct FcFontSetDeleter {
  void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};

struct Candidate {
  layout::FontFace face;
  int weight = FC_WEIGHT_REGULAR;
};

std::string version_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

/// Finds the installed face of `family` closest to `weight` (roman, normal width, TrueType
/// outlines in a .ttf/.ttc file, not blocklisted). nullopt when none is installed.
Result<std::optional<layout::FontFace>> resolve_family(FcConfig* config, const FamilyRef& ref, int weight,
                                                       const std::vector<BlockRule>& blocklist,
                                                       const std::string& role) {
  for (const auto& rule : blocklist)
    if (!rule.below_version && rule_matches_name(rule, ref.family))
      return fail("roles." + role,
                  "font family '" + ref.family + "' (role '" + role + "') is blocklisted: " + rule.reason);
  std::unique_ptr<FcPattern, FcPatternDeleter> pattern(FcPatternCreate());
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(ref.family.c_str()));
  std::unique_ptr<FcObjectSet, FcObjectSetDeleter> objects(FcObjectSetBuild(
      FC_FAMILY, FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH, FC_FONTFORMAT, FC_FONTVERSION, nullptr));
  std::unique_ptr<FcFontSet, FcFontSetDeleter> set(FcFontList(config, pattern.get(), objects.get()));
  std::vector<Candidate> ok;
  std::vector<std::string> rejected;
  for (int i = 0; set && i < set->nfont; ++i) {
    FcPattern* p = set->fonts[i];
    FcChar8* file = nullptr;
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch) continue;
    const std::string path(reinterpret_cast<const char*>(file));
    int slant = FC_SLANT_ROMAN, width = FC_WIDTH_NORMAL, index = 0, w = FC_WEIGHT_REGULAR, version = 0;
    FcPatternGetInteger(p, FC_SLANT, 0, &slant);
    FcPatternGetInteger(p, FC_WIDTH, 0, &width);
    FcPatternGetInteger(p, FC_INDEX, 0, &index);
    FcPatternGetInteger(p, FC_WEIGHT, 0, &w);
    FcPatternGetInteger(p, FC_FONTVERSION, 0, &version);
    if (slant != FC_SLANT_ROMAN || width != FC_WIDTH_NORMAL) continue;
    if (index > 0xFFFF) continue;  // a named instance of a variable font
    FcChar8* format = nullptr;
    FcPatternGetString(p, FC_FONTFORMAT, 0, &format);
    const std::string fmt = format ? reinterpret_cast<const char*>(format) : "";
    const std::string ext = lower(path.size() >= 4 ? std::string_view(path).substr(path.size() - 4) : "");
    if (fmt != "TrueType" || (ext != ".ttf" && ext != ".ttc")) {
      rejected.push_back(path + " (" + (fmt.empty() ? "unknown format" : fmt) +
                         ": only TrueType-outline .ttf/.ttc faces load in libharu 2.3.0)");
      continue;
    }
    const double ver = version / 65536.0;
    const BlockRule* blocked = nullptr;
    for (const auto& rule : blocklist) {
      if (rule.below_version && ver >= *rule.below_version) continue;
      FcChar8* fam = nullptr;
      for (int k = 0; FcPatternGetString(p, FC_FAMILY, k, &fam) == FcResultMatch; ++k)
        if (rule_matches_name(rule, reinterpret_cast<const char*>(fam))) blocked = &rule;
    }
    if (blocked) {
      rejected.push_back(path + " (version " + version_text(ver) + ", blocklisted: " + blocked->reason + ")");
      continue;
    }
    ok.push_back({layout::FontFace{path, index, ref.family}, w});
  }
  if (ok.empty()) {
    if (ref.optional && rejected.empty()) return std::optional<layout::FontFace>{};
    std::string msg = "font family '" + ref.family + "' (role '" + role + "') has no usable face installed";
    for (const auto& r : rejected) msg += "; rejected " + r;
    if (ref.optional) return std::optional<layout::FontFace>{};
    return fail("roles." + role, msg);
  }
  std::sort(ok.begin(), ok.end(), [weight](const Candidate& a, const Candidate& b) {
    const int da = std::abs(a.weight - weight), db = std::abs(b.weight - weight);
    if (da != db) return da < db;
    if (a.face.path != b.face.path) return a.face.path < b.face.path;
    return a.face.index < b.face.index;
  });
  return std::optional<layout::FontFace>(ok.front().face);
}

// ---------------------------------------------------------------------------------------------
// Text

std::string hex_cp(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

/// Decodes one UTF-8 sequence at `i`; returns its length or 0 when invalid.
inline std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  return utf8::decode_at(s, i, cp);
}

/// Characters that stay with the preceding base character's face.
inline bool is_mark(char32_t cp) {
  if (cp < 0x300) return false;
  if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)) return true;  // ZWJ, variation selectors
  const auto t = u_charType(static_cast<UChar32>(cp));
  return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

/// Right-to-left letters: libharu draws every run left to right, without bidi reordering.
inline bool is_rtl(char32_t cp) {
  if (cp < 0x590) return false;
  const auto d = u_charDirection(static_cast<UChar32>(cp));
  return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
}

/// A base character with its combining marks, drawn with one face.
struct Cluster {
  std::size_t begin = 0, end = 0;  // byte range
  std::uint32_t slot = 0;          // index into the role's chain
  std::uint32_t milli = 0;         // advance, 1/1000 em
};

/// Joins consecutive clusters of one face into text runs at a size.
class RunBuilder {
 public:
  RunBuilder(std::string_view text, const std::vector<std::shared_ptr<const layout::FontFace>>& faces, Length size)
      : text_(text), faces_(faces), scale_(size.points() / 1000.0) {}
  void add(const Cluster& c) {
    if (c.slot != slot_) {
      flush();
      slot_ = c.slot, milli_ = 0, begin_ = c.begin;
    }
    milli_ += c.milli;
    end_ = c.end;
  }
  std::vector<layout::TextRun> finish() {
    flush();
    return std::move(runs_);
  }

 private:
  void flush() {
    if (slot_ == UINT32_MAX) return;
    runs_.push_back(layout::TextRun{std::string(text_.substr(begin_, end_ - begin_)), faces_[slot_],
                                    Length::pt(milli_ * scale_)});
  }
  std::string_view text_;
  const std::vector<std::shared_ptr<const layout::FontFace>>& faces_;
  double scale_;
  std::vector<layout::TextRun> runs_;
  std::uint32_t slot_ = UINT32_MAX, milli_ = 0;
  std::size_t begin_ = 0, end_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------------

struct FontSet::Impl {
  struct Role {
    std::string name;
    std::vector<std::uint32_t> tables;  // indices into Impl::tables, chain order
    std::vector<layout::FontFace> faces;
    std::vector<std::shared_ptr<const layout::FontFace>> shared_faces;  // the same, for text runs
    std::string family_list;  // "Liberation Sans, Noto Sans, …" for messages
    std::string ellipsis;     // "…" or "."
    std::uint32_t ellipsis_milli = 0;
  };
  std::vector<FaceTable> tables;
  std::vector<Role> roles;
  bool safe_only = true;

  bool usable(GlyphEntry e) const {
    return e.status == GlyphStatus::Ok || (!safe_only && e.status != GlyphStatus::Missing);
  }

  /// Error for a cluster no single face of the role can draw.
  Error uncovered(const Role& role, std::string_view text, std::size_t begin, std::size_t end) const {
    std::u32string cps;
    for (std::size_t i = begin; i < end;) {
      char32_t cp = 0;
      i += decode(text, i, cp);
      cps.push_back(cp);
    }
    const std::string shown(text.substr(begin, end - begin));
    if (!cps.empty() && is_mark(cps.front()))
      return Error{"text", "combining mark " + hex_cp(cps.front()) + " has no base letter before it"};
    for (char32_t cp : cps) {
      if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return Error{"text", "control character " + hex_cp(cp) + " cannot be printed"};
      if (is_rtl(cp))
        return Error{"text", hex_cp(cp) + " '" + shown +
                                 "' is a right-to-left letter; labels are drawn left to right without "
                                 "bidi reordering, so it cannot be printed correctly"};
      if (cp > 0xFFFF)
        return Error{"text",
                     hex_cp(cp) + " '" + shown +
                         "' is outside the Basic Multilingual Plane, which libharu 2.3.0 cannot draw"};
      bool any = false;
      const FaceTable* unsafe = nullptr;
      GlyphStatus why = GlyphStatus::Missing;
      for (std::uint32_t t : role.tables) {
        const GlyphEntry e = tables[t].lookup(cp);
        if (usable(e))
          any = true;
        else if (e.status != GlyphStatus::Missing && !unsafe)
          unsafe = &tables[t], why = e.status;
      }
      if (any) continue;
      std::string msg = "no font of role '" + role.name + "' (" + role.family_list + ") can draw " +
                        hex_cp(cp) + " '" + utf8_of(cp) + "'";
      if (unsafe) msg += ": " + unsafe->face().family + " has it only as " + std::string(describe(why));
      return Error{"text", msg};
    }
    std::string list;
    for (char32_t cp : cps) list += (list.empty() ? "" : " ") + hex_cp(cp);
    return Error{"text", "'" + shown + "' (" + list + "): no single font of role '" + role.name +
                             "' has the letter and all its combining marks"};
  }

  static std::string utf8_of(char32_t cp) {
    std::string s;
    utf8::append(s, cp);
    return s;
  }

  /// Calls `emit(Cluster)` for each cluster of `text` in order; fails at the first one no
  /// face covers. No allocation on the success path.
  template <class Emit>
  Result<void> clusters(std::string_view text, const Role& role, Emit&& emit) const {
    std::size_t i = 0;
    const std::size_t n = text.size();
    char32_t cp = 0;
    std::size_t len = n == 0 ? 0 : decode(text, 0, cp);
    while (i < n) {
      if (len == 0) return fail("text", "invalid UTF-8 at byte " + std::to_string(i));
      // Cluster: [i, end) = base + following marks.
      const std::size_t begin = i;
      const char32_t base = cp;
      std::size_t end = i + len;
      char32_t marks[8];
      std::size_t nmarks = 0;
      bool overflow = false;
      char32_t next = 0;
      std::size_t next_len = 0;
      while (end < n) {
        next_len = decode(text, end, next);
        if (next_len == 0 || !is_mark(next)) break;
        if (nmarks < 8)
          marks[nmarks++] = next;
        else
          overflow = true;
        end += next_len;
        next_len = 0;
      }
      if (overflow) return fail("text", "more than 8 combining marks on one letter");
      bool done = false;
      if (base >= 0x20 && !(base >= 0x7F && base < 0xA0) && !is_mark(base) && !is_rtl(base)) {
        for (std::uint32_t slot = 0; slot < role.tables.size() && !done; ++slot) {
          const FaceTable& t = tables[role.tables[slot]];
          const GlyphEntry e = t.lookup(base);
          if (!usable(e)) continue;
          std::uint32_t milli = e.milli;
          bool all = true;
          for (std::size_t k = 0; k < nmarks && all; ++k) {
            const GlyphEntry m = t.lookup(marks[k]);
            all = usable(m);
            milli += m.milli;
          }
          if (!all) continue;
          emit(Cluster{begin, end, slot, milli});
          done = true;
        }
      }
      if (!done) return std::unexpected(uncovered(role, text, begin, end));
      i = end;
      if (i < n) {
        if (next_len != 0) {
          cp = next;
          len = next_len;
        } else {
          len = decode(text, i, cp);
        }
      }
    }
    return {};
  }
};

FontSet::FontSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;
FontSet::~FontSet() = default;

Result<FontSet> FontSet::load(const FontSetOptions& options) {
  const auto path = options.config.empty() ? data_dir() / "fonts" / "fonts.toml" : options.config;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("fonts", "cannot read font configuration '" + path.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return from_toml(text.str(), options, path.string());
}

Result<FontSet> FontSet::from_toml(std::string_view toml, const FontSetOptions& options,
                                   std::string_view origin) {
  auto cfg = parse_config(toml, origin);
  if (!cfg) return std::unexpected(cfg.error());
  std::unique_ptr<FcConfig, FcConfigDeleter> fc(FcInitLoadConfigAndFonts());
  if (!fc) return fail("fonts", "cannot load the fontconfig configuration");
  auto lib = detail::open_freetype();
  if (!lib) return std::unexpected(lib.error());

  auto impl = std::make_unique<Impl>();
  impl->safe_only = options.libharu_safe_glyphs;
  for (const RoleConfig& rc : cfg->roles) {
    Impl::Role role;
    role.name = rc.name;
    for (const FamilyRef& ref : rc.chain) {
      auto face = resolve_family(fc.get(), ref, rc.weight, cfg->blocklist, rc.name);
      if (!face) return std::unexpected(face.error());
      if (!*face) continue;
      std::uint32_t index = 0;
      while (index < impl->tables.size() && !(impl->tables[index].face().path == (*face)->path &&
                                              impl->tables[index].face().index == (*face)->index))
        ++index;
      if (index == impl->tables.size()) {
        auto table = FaceTable::build(lib->get(), **face);
        if (!table) return std::unexpected(table.error());
        impl->tables.push_back(std::move(*table));
      }
      if (std::find(role.tables.begin(), role.tables.end(), index) != role.tables.end()) continue;
      if (role.tables.size() >= 32)
        return fail("roles." + rc.name, "role '" + rc.name + "' has more than 32 faces");
      role.tables.push_back(index);
      role.faces.push_back(impl->tables[index].face());
      role.shared_faces.push_back(std::make_shared<const layout::FontFace>(role.faces.back()));
      role.family_list += (role.family_list.empty() ? "" : ", ") + (*face)->family;
    }
    role.ellipsis = ".";
    for (std::uint32_t t : role.tables)
      if (impl->usable(impl->tables[t].lookup(0x2026))) {
        role.ellipsis = "\u2026";
        break;
      }
    auto measured =
        impl->clusters(role.ellipsis, role, [&](const Cluster& c) { role.ellipsis_milli += c.milli; });
    if (!measured) return std::unexpected(measured.error());
    impl->roles.push_back(std::move(role));
  }
  return FontSet(std::move(impl));
}

Result<RoleId> FontSet::role(std::string_view name) const {
  std::string known;
  for (std::size_t i = 0; i < impl_->roles.size(); ++i) {
    if (impl_->roles[i].name == name) return RoleId{static_cast<std::uint32_t>(i)};
    known += (known.empty() ? "" : ", ") + impl_->roles[i].name;
  }
  return fail("role", "no font role '" + std::string(name) + "' (configured: " + known + ")");
}

std::vector<std::string> FontSet::role_names() const {
  std::vector<std::string> out;
  for (const auto& r : impl_->roles) out.push_back(r.name);
  return out;
}

const std::vector<layout::FontFace>& FontSet::faces(RoleId role) const {
  return impl_->roles.at(role.index).faces;
}

Result<std::vector<layout::TextRun>> FontSet::shape(std::string_view text, RoleId role_id,
                                                    Length size) const {
  const Impl::Role& role = impl_->roles.at(role_id.index);
  RunBuilder runs(text, role.shared_faces, size);
  auto ok = impl_->clusters(text, role, [&](const Cluster& c) { runs.add(c); });
  if (!ok) return std::unexpected(ok.error());
  return runs.finish();
}

Result<Length> FontSet::measure(std::string_view text, RoleId role_id, Length size) const {
  const Impl::Role& role = impl_->roles.at(role_id.index);
  std::uint64_t milli = 0;
  auto ok = impl_->clusters(text, role, [&](const Cluster& c) { milli += c.milli; });
  if (!ok) return std::unexpected(ok.error());
  return Length::pt(static_cast<double>(milli) * size.points() / 1000.0);
}

Result<Fitted> FontSet::fit(std::string_view text, RoleId role_id, const FitOptions& o) const {
  const Impl::Role& role = impl_->roles.at(role_id.index);
  if (o.size.points() <= 0 || o.min_size.points() <= 0 || o.min_size > o.size || o.step.points() <= 0)
    return fail("size", "fit needs 0 < min_size <= size and a positive step");
  std::vector<Cluster> cl;
  cl.reserve(text.size());
  std::uint64_t total = 0;
  auto ok = impl_->clusters(text, role, [&](const Cluster& c) {
    cl.push_back(c);
    total += c.milli;
  });
  if (!ok) return std::unexpected(ok.error());
  constexpr double kEps = 1e-9;
  const double width = o.width.points();
  Fitted out;
  // The whole text's runs come from the clusters measured above; a truncated text is shaped
  // again (it ends with the ellipsis).
  auto finish = [&](std::string_view s, Length size) -> Result<Fitted> {
    if (s.data() == text.data() && s.size() == text.size()) {
      RunBuilder runs(text, role.shared_faces, size);
      for (const Cluster& c : cl) runs.add(c);
      out.runs = runs.finish();
    } else {
      auto runs = shape(s, role_id, size);
      if (!runs) return std::unexpected(runs.error());
      out.runs = std::move(*runs);
    }
    out.size = size;
    out.text = std::string(s);
    out.width = Length{};
    for (const auto& r : out.runs) out.width += r.advance;
    out.shrunk = size < o.size;
    return out;
  };
  if (total * o.size.points() / 1000.0 <= width + kEps) return finish(text, o.size);
  // Largest multiple of step (below nominal) at which the text fits.
  const double fit_size = width * 1000.0 / static_cast<double>(total);
  const double stepped = std::floor(fit_size / o.step.points() + kEps) * o.step.points();
  if (stepped >= o.min_size.points() - kEps)
    return finish(text, Length::pt(std::min(stepped, o.size.points())));
  // Truncate at min_size.
  const double scale = o.min_size.points() / 1000.0;
  const std::uint64_t ell_milli = role.ellipsis_milli;
  std::uint64_t prefix = 0;
  std::size_t keep = 0;  // clusters kept
  for (std::size_t k = 0; k < cl.size(); ++k) {
    if ((prefix + cl[k].milli + ell_milli) * scale > width + kEps) break;
    prefix += cl[k].milli;
    keep = k + 1;
  }
  auto trailing = [&](std::size_t k) {
    const std::string_view s = text.substr(cl[k].begin, cl[k].end - cl[k].begin);
    return s == " " || s == ",";
  };
  while (keep > 0 && trailing(keep - 1)) --keep;
  if (keep == 0)
    return fail("text", "'" + std::string(text) + "' does not fit " + o.width.str() +
                            " even as one letter and '" + role.ellipsis + "' at " + o.min_size.str());
  std::string shown(text.substr(0, cl[keep - 1].end));
  shown += role.ellipsis;
  out.truncated = true;
  return finish(shown, o.min_size);
}

}  // namespace lg::fonts
