# The rules of disclosure applications (application.h): pure functions in a small module of
# their own, so their tests need neither the database nor the rest of yw_disclosure; yw_disclosure
# depends on it. The test also reads tests/disclosure/applications/*.case and
# data/cases/disclosure_*.json (see tests/disclosure/applications/README.md).
yw_module(disclosure_application
  SRCS application.cc
  DEPS yw_platform_deadline nlohmann_json::nlohmann_json)

if(YUANWU_TESTS)
  yw_test(disclosure_application_test
    SRCS application_test.cc
    DEPS yw_disclosure_application)
endif()
