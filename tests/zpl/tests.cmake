# ZPL backend: ZplWriter unit tests and `labelgen run` with the Zebra profiles judged by an
# independent renderer (tests/zpl/judge, installed by scripts/install-deps.sh).
lg_test(zpl DEPS lg_render lg_run lg_layout lg_fonts lg_barcode lg_printers lg_admin ZXing::ZXing PkgConfig::CAIRO
        nlohmann_json::nlohmann_json)
