# Notifications: the console inbox and the webhook outbox (notify.h, README.md).
# libcurl is the webhook's HTTP client (webhook_http.cc only); Boost.Beast stays in http/server.cc.
yw_module(platform_notify
  SRCS notify/notify.cc notify/inbox.cc notify/webhook_settings.cc notify/webhook.cc
       notify/webhook_http.cc notify/notify_routes.cc
  DEPS yw_platform_db yw_platform_audit yw_platform_auth yw_platform_http
       nlohmann_json::nlohmann_json spdlog::spdlog PkgConfig::CURL PkgConfig::SODIUM)

# notify_test: Enqueue, the inbox, the settings, the routes (through a real Router, Guard and
# sessions) and the sender against a small HTTP listener on 127.0.0.1 started by the test.
# Every database test runs on SQLite and PostgreSQL (db/test_db.h).
if(YUANWU_TESTS)
  yw_test(notify_test
    SRCS notify/notify_test.cc notify/inbox_test.cc notify/webhook_settings_test.cc
         notify/webhook_test.cc notify/notify_routes_test.cc notify/test_listener.cc
    DEPS yw_platform_notify yw_test_db Threads::Threads)
endif()
