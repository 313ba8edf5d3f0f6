# Backend agreement: one layout::Page drawn by Cairo (RasterRenderer) and by libharu (PdfWriter,
# rasterized with poppler-cpp) decodes to the same symbols at the same places.
lg_test(backends DEPS lg_run lg_render lg_layout lg_fonts lg_rules lg_events lg_admin lg_printers ZXing::ZXing
        PkgConfig::POPPLER_CPP)
