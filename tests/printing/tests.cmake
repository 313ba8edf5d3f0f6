# tests/printing: CUPS submission through a private cupsd with cups-pdf queues, labelgen print
# and calibrate end to end, and the calibration page's geometry.
lg_test(printing DEPS lg_printing lg_layout lg_barcode lg_fonts ZXing::ZXing PkgConfig::POPPLER_CPP
        nlohmann_json::nlohmann_json)
