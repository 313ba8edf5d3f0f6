# Every dependency comes from a Debian package; nothing is downloaded at build time.
find_package(ZXing 1.4 REQUIRED CONFIG)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(PkgConfig REQUIRED)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
find_package(SQLite3 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(Fontconfig REQUIRED)
find_package(Freetype REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(OpenSSL REQUIRED)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
find_package(GTest REQUIRED)
find_package(Threads REQUIRED)

# libharu ships neither a pkg-config file nor a CMake config.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
add_library(hpdf::hpdf UNKNOWN IMPORTED)
set_target_properties(hpdf::hpdf PROPERTIES
  IMPORTED_LOCATION ${HPDF_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${HPDF_INCLUDE_DIR})
