# lg_library(NAME DEPS ...): one static library per stage folder, sources globbed.
function(lg_library name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(lg_${name} STATIC ${srcs})
  target_include_directories(lg_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(lg_${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(lg_${name} PUBLIC ZX_USE_UTF8=1)
endfunction()

# lg_test(NAME DEPS ...): one GoogleTest binary per folder under tests/.
function(lg_test name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cpp)
  if(NOT srcs)
    message(WARNING "tests/${name} has no test sources")
    return()
  endif()
  add_executable(test_${name} ${srcs})
  target_link_libraries(test_${name} PRIVATE ${ARG_DEPS} lg_testsupport GTest::gtest_main)
  # Tests may run the real binary (tests/support: run_labelgen).
  add_dependencies(test_${name} labelgen)
  target_compile_definitions(test_${name} PRIVATE LABELGEN_TEST_BIN_PATH="$<TARGET_FILE:labelgen>")
  gtest_discover_tests(test_${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    NO_PRETTY_VALUES
    DISCOVERY_TIMEOUT 60)
endfunction()
