# Unit, store and service tests of the disclosure module (see ../platform/tests.cmake for the
# pattern). The service tests run on SQLite always and also on PostgreSQL when
# YUANWU_TEST_PG_URL is set; ../platform/db/test_db.h (library yw_test_db) holds the
# scratch-database helpers.
# due_dates_data_test.cc reads tests/disclosure/due_dates.csv (see tests/disclosure/README.md).
yw_test(disclosure_test
  SRCS item_rules_test.cc item_service_test.cc price_service_test.cc due_dates_data_test.cc
  DEPS yw_disclosure yw_platform_audit yw_platform_db yw_test_db)
