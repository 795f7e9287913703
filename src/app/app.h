// App: the composition root. Builds every service once, from configuration, and wires the
// HTTP surface: the portal pages, the console (static files) and the API route tables.
// Nothing else in yuanwu constructs services or reads configuration.
#pragma once

#include <memory>
#include <string>

#include "complaints/complaint_portal.h"
#include "complaints/complaint_service.h"
#include "disclosure/application_portal.h"
#include "disclosure/application_service.h"
#include "disclosure/disclosure_routes.h"
#include "disclosure/portal.h"
#include "indicators/indicator_service.h"
#include "org/case_directory.h"
#include "org/org_routes.h"
#include "platform/auth/guard.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/base/random.h"
#include "platform/calendar/working_calendar.h"
#include "platform/cases/case_engine.h"
#include "platform/db/database.h"
#include "platform/http/rate_limiter.h"
#include "platform/http/router.h"
#include "platform/http/static_files.h"
#include "platform/jobs/scheduler.h"
#include "platform/notify/webhook.h"
#include "platform/web/renderer.h"
#include "quality/adverse_event_service.h"
#include "quality/inspection_service.h"
#include "quality/rectification_service.h"

namespace yuanwu::app {

struct Options {
  std::string db = "var/yuanwu.db";  // SQLite path or postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 2;
  std::string data_dir = "var";  // attachments live in <data_dir>/files
  std::string console_dir = "console/dist";
  int scheduler_interval_seconds = 5;
  int idle_timeout_minutes = 30;
  int lockout_threshold = 5;
  int lockout_minutes = 15;
  int anonymous_posts_per_minute = 20;
  int login_attempts_per_minute = 10;  // per client address, on top of per-account lockout
  bool secure_cookie = false;
  int64_t local_offset_seconds = 8 * 3600;
};

// Migrations, templates and the default calendar compiled into the binary.
const EmbeddedFile* EmbeddedFiles();
// The content of the embedded file with this name (any folder), or "".
std::string EmbeddedText(std::string_view file_name);

class App {
 public:
  // Opens the database and applies migrations; loads the calendar (seeding it on first run).
  static Result<std::unique_ptr<App>> Open(const Options& options, const Clock& clock);
  ~App();

  // The request entry point: security headers, rate limits and the router.
  http::Response Handle(http::Request& req);
  const std::vector<auth::RouteSpec>& ApiRoutes() const { return routes_->specs(); }

  Status ReloadCalendar();
  Status ReloadHospital();

  db::Database& db() { return *db_; }
  const Clock& clock() const { return clock_; }
  org::OrgService& org() { return *org_; }
  disclosure::ItemService& items() { return *items_; }
  disclosure::PriceService& prices() { return *prices_; }
  indicators::IndicatorService& indicators() { return *indicators_; }
  cases::CaseEngine& cases() { return *cases_; }
  auth::SessionService& sessions() { return *sessions_; }
  calendar::WorkingCalendar& calendar() { return calendar_; }
  FileStore& files() { return *files_; }
  // The background jobs: publishing, deadlines and view counts on one thread; webhook delivery
  // on its own, so that a slow SMS / 企业微信 gateway (up to a 10 s timeout per request) never
  // holds up a scheduled publication or an escalation.
  void StartJobs();
  void StopJobs();
  // Every job once, now, on the calling thread (`yuanwu jobs`).
  Status RunJobsOnce();
  const Options& options() const { return options_; }

 private:
  App(const Options& options, const Clock& clock) : options_(options), clock_(clock) {}
  void RegisterPlatformRoutes();

  Options options_;
  const Clock& clock_;
  SecureRandom random_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<DiskFileStore> files_;
  calendar::WorkingCalendar calendar_;
  std::unique_ptr<web::Renderer> renderer_;
  std::unique_ptr<auth::SessionService> sessions_;
  std::unique_ptr<auth::Guard> guard_;
  std::unique_ptr<http::RateLimiter> post_limiter_;
  std::unique_ptr<http::RateLimiter> login_limiter_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<disclosure::ItemService> items_;
  std::unique_ptr<disclosure::PriceService> prices_;
  std::unique_ptr<indicators::IndicatorService> indicators_;
  std::unique_ptr<disclosure::Portal> portal_;
  org::CaseDirectory case_directory_;
  std::unique_ptr<cases::CaseEngine> cases_;
  std::unique_ptr<complaints::ComplaintService> complaints_;
  std::unique_ptr<complaints::ComplaintPortal> complaint_portal_;
  std::unique_ptr<disclosure::ApplicationService> applications_;
  std::unique_ptr<disclosure::ApplicationPortal> application_portal_;
  std::unique_ptr<quality::RectificationService> rectifications_;
  std::unique_ptr<quality::AdverseEventService> adverse_events_;
  std::unique_ptr<quality::InspectionService> inspections_;
  std::unique_ptr<http::StaticFiles> console_;
  // Outlives every scheduler run: ~App stops the scheduler first.
  std::unique_ptr<notify::WebhookSender> webhook_;
  std::unique_ptr<jobs::Scheduler> scheduler_;
  std::unique_ptr<jobs::Scheduler> delivery_;
  http::Router router_;
  std::unique_ptr<auth::RouteTable> routes_;
  std::string portal_css_;
};

}  // namespace yuanwu::app
