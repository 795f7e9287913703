# Unit tests of the platform layer: one binary, platform_test, discovered by CTest.
#
# The database tests run on SQLite always; their PostgreSQL instances run when YUANWU_TEST_PG_URL
# is set (a postgresql:// URL, e.g. from scripts/pg-test-server.sh) and are reported as skipped
# otherwise, or fail if YUANWU_REQUIRE_PG=1; the scratch-database helpers for the tests of every
# module are in db/test_db.h (library yw_test_db).
# The calendar data test reads tests/calendar/add_working_days.csv, the deadline cases
# tests/deadlines/*.case, via YUANWU_SOURCE_DIR.
# The tabular tests write their XLSX workbooks with libxlsxwriter into the GoogleTest temp dir.

# The migrations, embedded the same way the app embeds them, so the tests migrate real schemas.
file(GLOB yw_test_migration_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/migrations/*.sql)
list(SORT yw_test_migration_files)
yw_embed(yw_test_migrations yuanwu_test_embedded ${yw_test_migration_files})

# Scratch databases and helpers shared by platform_test, org_test and disclosure_test.
yw_module(test_db
  SRCS db/test_db.cc
  DEPS yw_platform_db yw_test_migrations GTest::gtest)

yw_test(platform_test
  SRCS base/status_test.cc base/time_test.cc base/text_test.cc
       http/url_test.cc http/message_test.cc http/multipart_test.cc http/router_test.cc
       http/problem_test.cc http/json_test.cc http/rate_limiter_test.cc
       auth/password_test.cc
       db/database_test.cc db/migrate_test.cc
       audit/audit_log_test.cc
       calendar/working_calendar_test.cc
       deadline/deadline_test.cc
       web/renderer_test.cc web/form_pages_test.cc
       tabular/csv_test.cc tabular/xlsx_test.cc
       tabular/csv_reader_test.cc tabular/xlsx_report_test.cc
  DEPS yw_platform_web yw_platform_http yw_platform_calendar yw_platform_deadline yw_platform_audit yw_platform_auth yw_platform_db
       yw_platform_tabular PkgConfig::XLSXWRITER
       yw_test_db)
