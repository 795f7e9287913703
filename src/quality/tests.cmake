# Tests of the quality module. The database tests run on SQLite always and on PostgreSQL when
# YUANWU_TEST_PG_URL is set (and fail with YUANWU_REQUIRE_PG=1 when it is not); see
# ../platform/db/test_db.h.
#   quality_rules_test        code lists and shipped data, report validation, the outward
#                             reporting clock, checklist parsing (pure)
#   adverse_event_service_test  anonymity, masking, the flow to closure, bad input writes
#                             nothing, the 12 h / 15 d clock, statistics
#   inspection_service_test   shipped templates, versions, scores and monthly averages in SQL,
#                             findings → rectification (re-check fail → pass, extension),
#                             visibility
yw_test(quality_test
  SRCS quality_rules_test.cc adverse_event_service_test.cc inspection_service_test.cc
  DEPS yw_quality yw_platform_audit yw_platform_db yw_test_db)
