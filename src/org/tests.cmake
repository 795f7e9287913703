# Unit and store tests of the org module (see ../platform/tests.cmake for the pattern).
#
# The service tests run on SQLite always and also on PostgreSQL when YUANWU_TEST_PG_URL is set;
# the scratch-database helpers are in ../platform/db/test_db.h (library yw_test_db).
yw_test(org_test
  SRCS data_scope_test.cc department_import_test.cc org_service_test.cc
  DEPS yw_org yw_platform_audit yw_platform_db yw_test_db)
