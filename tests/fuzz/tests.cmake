# Fuzz targets for every parser of outside input (events, data files, barcode payloads, MACs).
#
# Each target in tests/fuzz/targets/<name>.cpp defines LLVMFuzzerTestOneInput and checks
# invariants of the code under test, not only that it does not crash. Its seeds and every input
# that ever failed (crash-* / regress-*) live in tests/fuzz/corpus/<name>/.
#
# - Ordinary build (g++): each target links tests/fuzz/replay_main.cpp, which runs every corpus
#   file once; CTest runs that as `fuzz.<name>`, so old crashes stay regression tests.
# - -DLABELGEN_FUZZ=ON (clang, with -DLABELGEN_SANITIZE=ON): each target is a libFuzzer binary
#   and the libraries it tests are built with coverage instrumentation. scripts/fuzz.sh does this.
option(LABELGEN_FUZZ "Build libFuzzer targets (clang with LABELGEN_SANITIZE=ON; see scripts/fuzz.sh)" OFF)

set(LG_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
# <target>:<library it exercises>
set(LG_FUZZ_TARGETS
    events_csv:lg_events
    events_jsonl:lg_events
    admin:lg_admin
    label_template:lg_layout
    gis_template:lg_layout
    stock:lg_layout
    printer_profile:lg_printers
    payload:lg_barcode
    percent_decode:lg_barcode
    mac:lg_barcode
    planner:lg_rules)

if(LABELGEN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LABELGEN_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT LABELGEN_SANITIZE)
    message(FATAL_ERROR "LABELGEN_FUZZ needs -DLABELGEN_SANITIZE=ON (ASan + UBSan report the bugs)")
  endif()
  # clang 14 cannot use g++ 12's <expected> (see compat/expected); every target includes lg_core.
  if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
    target_include_directories(lg_core SYSTEM BEFORE PUBLIC ${LG_FUZZ_DIR}/compat)
  endif()
  # Coverage feedback for the code under test.
  foreach(lib lg_core lg_config lg_events lg_admin lg_rules lg_barcode lg_layout lg_printers)
    target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link)
  endforeach()
endif()

add_library(lg_fuzz_support STATIC ${LG_FUZZ_DIR}/fuzz_support.cpp)
target_include_directories(lg_fuzz_support PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(lg_fuzz_support PUBLIC lg_core)
target_compile_definitions(lg_fuzz_support PRIVATE LABELGEN_FUZZ_REPO="${PROJECT_SOURCE_DIR}")

set(lg_fuzz_all)
foreach(entry IN LISTS LG_FUZZ_TARGETS)
  string(REPLACE ":" ";" parts ${entry})
  list(GET parts 0 name)
  list(GET parts 1 lib)
  set(corpus ${LG_FUZZ_DIR}/corpus/${name})
  if(LABELGEN_FUZZ)
    add_executable(fuzz_${name} ${LG_FUZZ_DIR}/targets/${name}.cpp)
    target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    # -runs=0: run the corpus once and stop.
    add_test(NAME fuzz.${name} COMMAND fuzz_${name} -runs=0 ${corpus} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  else()
    add_executable(fuzz_${name} ${LG_FUZZ_DIR}/targets/${name}.cpp ${LG_FUZZ_DIR}/replay_main.cpp)
    add_test(NAME fuzz.${name} COMMAND fuzz_${name} ${corpus} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endif()
  target_link_libraries(fuzz_${name} PRIVATE ${lib} lg_fuzz_support)
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz)
  list(APPEND lg_fuzz_all fuzz_${name})
endforeach()
add_custom_target(fuzz_all DEPENDS ${lg_fuzz_all})
