# labelgen verify: real `labelgen run` output rasterized (poppler-cpp via lg_decode's loader),
# edited into a box with problems (libpng), verified by the real binary in image, wedge (pipe and
# pseudo-terminal via util-linux `script`), offline, signed and redacted modes.
lg_test(verify DEPS lg_verify lg_decode lg_ledger lg_admin lg_barcode lg_core PNG::PNG nlohmann_json::nlohmann_json)
