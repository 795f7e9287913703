# Unit, data-file and store tests of the indicators module (pattern: ../platform/tests.cmake).
# Data-file tests read tests/indicators/ through YUANWU_SOURCE_DIR; store and engine tests run
# on SQLite always and on PostgreSQL when YUANWU_TEST_PG_URL is set.
file(GLOB YW_INDICATORS_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
yw_test(indicators_test
  SRCS ${YW_INDICATORS_TESTS}
  DEPS yw_indicators yw_platform_audit yw_platform_db yw_test_db)
