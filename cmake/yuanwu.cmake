# Every module goes through these functions so that flags live in one place.

function(yw_apply_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                           -Wimplicit-fallthrough -Werror)
endfunction()

# yw_module(name SRCS a.cc b.cc DEPS other_target ...)
function(yw_module name)
  cmake_parse_arguments(M "" "" "SRCS;DEPS" ${ARGN})
  add_library(yw_${name} STATIC ${M_SRCS})
  target_include_directories(yw_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/gen)
  target_link_libraries(yw_${name} PUBLIC ${M_DEPS})
  yw_apply_warnings(yw_${name})
endfunction()

# yw_test(name SRCS a_test.cc DEPS yw_x): one GoogleTest binary, discovered by CTest.
function(yw_test name)
  cmake_parse_arguments(T "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${T_SRCS})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  yw_apply_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_PREFIX "${name}."
                       PROPERTIES ENVIRONMENT "YUANWU_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# yw_embed(target VAR files...): compiles files into a generated .cc as a name -> content table,
# so that the binary carries its own migrations and templates and cannot run against stale ones.
function(yw_embed target namespace)
  set(out ${PROJECT_BINARY_DIR}/gen/${target}_embedded.cc)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${namespace} -DBASE=${PROJECT_SOURCE_DIR}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${namespace} files"
    VERBATIM)  # FILES is a ;-list: unquoted, the shell would split the command at each ';'
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
