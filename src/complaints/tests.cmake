# Tests of the complaints module. The database tests run on SQLite always and on PostgreSQL
# when YUANWU_TEST_PG_URL is set (fail with YUANWU_REQUIRE_PG=1 when it is not); see
# ../platform/db/test_db.h.
#   complaint_rules_test    validation: each bad input names its field, zh + en
#   complaint_json_test     masking per viewer, the code lists, the case-file fields
#   complaint_stats_test    statistics over a generated set with independently computed figures
#   complaint_service_test  use cases through the case engine: intake, tracking, reply, rating,
#                           visibility and masking per role, audit
yw_test(complaints_test
  SRCS complaint_rules_test.cc complaint_json_test.cc complaint_stats_test.cc
       complaint_service_test.cc
  DEPS yw_complaints yw_platform_audit yw_platform_db yw_test_db)
