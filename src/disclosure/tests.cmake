# Unit, store and service tests of the disclosure module (see ../platform/tests.cmake for the
# pattern). The service tests run on SQLite always and also on PostgreSQL when
# YUANWU_TEST_PG_URL is set; ../platform/db/test_db.h (library yw_test_db) holds the
# scratch-database helpers.
# due_dates_data_test.cc reads tests/disclosure/due_dates.csv (see tests/disclosure/README.md).
yw_test(disclosure_test
  SRCS item_rules_test.cc item_service_test.cc price_service_test.cc due_dates_data_test.cc
  DEPS yw_disclosure yw_platform_audit yw_platform_db yw_test_db)

# Disclosure applications and consultations on the case engine (application_service.h), their
# portal pages and the annual table's XLSX: one binary of their own, on SQLite always and on
# PostgreSQL when YUANWU_TEST_PG_URL is set (failing with YUANWU_REQUIRE_PG=1 when it is not).
# The shipped calendar and case rules are read via YUANWU_SOURCE_DIR; the portal test renders the
# real templates, embedded here as the app embeds them.
yw_embed(yw_disclosure_application_templates yuanwu_disclosure_application_templates
         ${PROJECT_SOURCE_DIR}/src/disclosure/templates/application_apply.mustache
         ${PROJECT_SOURCE_DIR}/src/disclosure/templates/application_done.mustache
         ${PROJECT_SOURCE_DIR}/src/disclosure/templates/application_duplicate.mustache
         ${PROJECT_SOURCE_DIR}/src/disclosure/templates/application_track.mustache
         ${PROJECT_SOURCE_DIR}/src/disclosure/templates/application_status.mustache)
yw_test(disclosure_applications_test
  SRCS application_form_test.cc application_service_test.cc application_portal_test.cc
       application_routes_test.cc
       application_export_test.cc
  DEPS yw_disclosure yw_disclosure_application_templates yw_platform_audit yw_platform_db
       yw_platform_tabular yw_test_db)
