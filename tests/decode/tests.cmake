# Decode tests: real labelgen output rasterized, damaged by the real labelgen-damage binary,
# decoded with lg_decode. Cairo writes the multi-page PDF scan, libtiff the TIFF.
lg_test(decode DEPS lg_decode lg_barcode lg_core PkgConfig::CAIRO TIFF::TIFF PNG::PNG)
if(TARGET test_decode)
  add_dependencies(test_decode labelgen-damage)
  target_compile_definitions(test_decode PRIVATE LABELGEN_DAMAGE_BIN="$<TARGET_FILE:labelgen-damage>")
endif()
