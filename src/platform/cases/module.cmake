# The case engine (case_engine.h) and its shared HTTP surface (case_routes.h).
yw_module(platform_cases
  SRCS cases/case_type.cc cases/case_rules.cc cases/case_store.cc cases/case_engine.cc
       cases/case_deadlines.cc cases/case_file.cc cases/case_json.cc cases/case_routes.cc cases/case_query.cc
       cases/code_list.cc
  DEPS yw_platform_deadline yw_platform_notify yw_platform_audit yw_platform_auth
       nlohmann_json::nlohmann_json PkgConfig::LIBZIP PkgConfig::SODIUM)

if(YUANWU_TESTS)
  # On SQLite and PostgreSQL (db/test_db.h), with the shipped calendar and rules via
  # YUANWU_SOURCE_DIR.
  yw_test(case_engine_test
    SRCS cases/case_engine_test.cc
    DEPS yw_platform_cases yw_test_db PkgConfig::LIBZIP)
endif()
