#pragma once
/// Writes one page of primitives as the file a printer profile takes.
#include <filesystem>

#include "labelgen/core/result.hpp"
#include "labelgen/layout/primitives.hpp"
#include "labelgen/printers/profile.hpp"

namespace lg::printing {

/// Writes `page` for `profile`: a PNG (Cairo, at the profile's dpi) for png profiles, else a
/// one-page PDF (libharu). The file is replaced atomically, mode 0600.
Result<void> write_page(const layout::Page& page, const printers::Profile& profile,
                        const std::filesystem::path& file);

/// The file extension write_page uses for `profile` (".png" or ".pdf").
const char* page_extension(const printers::Profile& profile);

}  // namespace lg::printing
