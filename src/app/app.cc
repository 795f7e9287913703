#include "app/app.h"

#include <spdlog/spdlog.h>

#include "app/case_setup.h"
#include "app/permissions.h"
#include "complaints/complaint_routes.h"
#include "complaints/complaint_store.h"
#include "disclosure/application_routes.h"
#include "indicators/indicator_routes.h"
#include "platform/db/migrate.h"
#include "platform/db/row.h"
#include "platform/http/problem.h"
#include "platform/notify/notify_routes.h"
#include "quality/quality_routes.h"

namespace yuanwu_embedded {
extern const yuanwu::EmbeddedFile kFiles[];
}

namespace yuanwu::app {

const EmbeddedFile* EmbeddedFiles() { return yuanwu_embedded::kFiles; }

std::string EmbeddedText(std::string_view file_name) {
  for (const EmbeddedFile* f = EmbeddedFiles(); !f->path.empty(); ++f) {
    if (f->path.ends_with("/" + std::string(file_name))) return std::string(f->content);
  }
  return {};
}

App::~App() {
  StopJobs();
  if (items_) (void)items_->FlushViews();
}

Result<std::unique_ptr<App>> App::Open(const Options& o, const Clock& clock) {
  std::unique_ptr<App> app(new App(o, clock));
  YW_ASSIGN_OR_RETURN(app->db_, db::Database::Open(o.db, static_cast<size_t>(o.threads * 2 + 3)));
  YW_ASSIGN_OR_RETURN(db::MigrationReport report, db::Migrate(*app->db_, EmbeddedFiles()));
  for (const std::string& m : report.applied) spdlog::info("applied migration {}", m);

  // Seed the working-day calendar from the shipped data on first run.
  long long days = 0;
  YW_RETURN_IF_ERROR(app->db_->Read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM calendar_day", soci::into(days);
    return Status::Ok();
  }));
  if (days == 0) {
    for (const EmbeddedFile* f = EmbeddedFiles(); !f->path.empty(); ++f) {
      if (!f->path.starts_with("data/calendar/")) continue;
      YW_ASSIGN_OR_RETURN(auto parsed, calendar::ParseCalendarCsv(f->content));
      YW_RETURN_IF_ERROR(app->db_->Transact([&](soci::session& sql) {
        for (const calendar::SpecialDay& d : parsed) {
          std::string day = d.day.ToString();
          sql << "INSERT INTO calendar_day (day, kind, name, notice) VALUES (:d, :k, :n, :no)",
              soci::use(day), soci::use(d.kind), soci::use(d.name), soci::use(d.notice);
        }
        return Status::Ok();
      }));
    }
  }
  YW_RETURN_IF_ERROR(app->ReloadCalendar());

  app->files_ = std::make_unique<DiskFileStore>(o.data_dir + "/files");
  app->renderer_ = std::make_unique<web::Renderer>(EmbeddedFiles());
  app->sessions_ = std::make_unique<auth::SessionService>(
      *app->db_, clock, app->random_,
      auth::SessionOptions{o.idle_timeout_minutes, o.lockout_threshold, o.lockout_minutes,
                           o.secure_cookie});
  app->guard_ = std::make_unique<auth::Guard>(*app->sessions_);
  app->post_limiter_ = std::make_unique<http::RateLimiter>(clock, o.anonymous_posts_per_minute,
                                                           o.anonymous_posts_per_minute);
  app->login_limiter_ = std::make_unique<http::RateLimiter>(clock, o.login_attempts_per_minute,
                                                            o.login_attempts_per_minute);
  app->org_ = std::make_unique<org::OrgService>(*app->db_, clock, PermissionCodes());
  app->items_ = std::make_unique<disclosure::ItemService>(
      *app->db_, clock, app->calendar_, *app->files_, *app->org_,
      disclosure::ItemServiceOptions{o.local_offset_seconds, 20 * 1024 * 1024});
  app->prices_ = std::make_unique<disclosure::PriceService>(*app->db_, clock);
  YW_ASSIGN_OR_RETURN(app->indicators_, indicators::IndicatorService::Create(
                                            *app->db_, *app->files_, clock, EmbeddedFiles()));
  YW_RETURN_IF_ERROR(app->indicators_->Start());
  app->cases_ = std::make_unique<cases::CaseEngine>(
      *app->db_, clock, app->calendar_, *app->files_, app->random_, app->case_directory_,
      cases::EngineOptions{o.local_offset_seconds, 20 * 1024 * 1024, "/console/#/cases/"});
  YW_RETURN_IF_ERROR(SetUpCaseTypes(*app->cases_, *app->db_, EmbeddedFiles(), PermissionCodes()));
  YW_ASSIGN_OR_RETURN(complaints::Codes complaint_codes,
                      complaints::ParseCodes(complaints::ShippedCodesJson()));
  app->complaints_ = std::make_unique<complaints::ComplaintService>(
      *app->db_, clock, *app->cases_, *app->org_, std::move(complaint_codes),
      complaints::ServiceOptions{o.local_offset_seconds, 10000});
  YW_ASSIGN_OR_RETURN(quality::Codes quality_codes,
                      quality::ParseCodes(quality::ShippedCodesJson()));
  app->rectifications_ = std::make_unique<quality::RectificationService>(
      *app->db_, clock, *app->cases_, *app->org_, app->case_directory_, quality_codes,
      o.local_offset_seconds);
  app->rectifications_->OnSourceLinked(
      "complaint", [](soci::session& sql, int64_t complaint_id, int64_t task_id) -> Status {
        if (complaints::ComplaintStore::LinkRectification(sql, complaint_id, task_id)) {
          return Status::Ok();
        }
        return Status::Invalid("source_id", "来源投诉不存在",
                               "the source complaint does not exist");
      });
  app->adverse_events_ = std::make_unique<quality::AdverseEventService>(
      *app->db_, clock, app->calendar_, *app->cases_, *app->org_, app->case_directory_,
      *app->rectifications_, quality_codes, o.local_offset_seconds);
  app->inspections_ = std::make_unique<quality::InspectionService>(
      *app->db_, clock, *app->org_, *app->rectifications_, o.local_offset_seconds);
  // The shipped checklists on first start (later starts add only new shipped codes).
  YW_RETURN_IF_ERROR(app->inspections_->LoadShipped().status());
  app->portal_ = std::make_unique<disclosure::Portal>(
      *app->db_, *app->renderer_, *app->guard_, *app->sessions_, *app->items_, *app->prices_,
      *app->org_, *app->files_, *app->login_limiter_,
      disclosure::PortalOptions{o.local_offset_seconds, "{}", EmbeddedText("portal_labels.json")});
  YW_RETURN_IF_ERROR(app->ReloadHospital());
  disclosure::Portal* portal = app->portal_.get();
  app->items_->SetOnChange([portal] { portal->Invalidate(); });
  app->console_ = std::make_unique<http::StaticFiles>(o.console_dir);

  app->routes_ = std::make_unique<auth::RouteTable>(app->router_, *app->guard_);
  app->RegisterPlatformRoutes();
  org::RegisterRoutes(*app->routes_, *app->org_);
  disclosure::RegisterRoutes(*app->routes_, *app->items_, *app->prices_, *app->files_,
                             o.local_offset_seconds);
  indicators::RegisterRoutes(*app->routes_, *app->indicators_, *app->org_, *app->files_);
  RegisterCaseAdminRoutes(*app->routes_, *app->cases_, *app->db_, clock, EmbeddedFiles());
  notify::RegisterRoutes(*app->routes_, *app->db_, clock);
  complaints::RegisterRoutes(*app->routes_, *app->complaints_);
  quality::RegisterRoutes(*app->routes_, *app->adverse_events_, *app->inspections_,
                          *app->rectifications_);
  app->portal_->RegisterPages(app->router_);
  disclosure::Portal* site = app->portal_.get();
  app->complaint_portal_ = std::make_unique<complaints::ComplaintPortal>(
      *app->complaints_, *app->org_, *app->renderer_,
      [site](http::Request& req, const std::string& title, const std::string& body) {
        return site->Framed(req, title, body);
      });
  app->complaint_portal_->RegisterPages(app->router_);
  app->applications_ = std::make_unique<disclosure::ApplicationService>(
      *app->db_, clock, app->calendar_, *app->cases_, *app->org_,
      disclosure::ApplicationServiceOptions{o.local_offset_seconds, ""});
  disclosure::RegisterApplicationRoutes(*app->routes_, *app->applications_);
  app->application_portal_ = std::make_unique<disclosure::ApplicationPortal>(
      *app->applications_, *app->renderer_,
      [site](http::Request& req, const std::string& title, const std::string& body) {
        return site->Framed(req, title, body);
      },
      app->random_);
  app->application_portal_->RegisterPages(app->router_);
  app->portal_css_ = EmbeddedText("portal.css");
  App* self = app.get();
  app->router_.Add("GET", "/static/portal.css", [self](http::Request&) -> Result<http::Response> {
    http::Response r;
    r.body = self->portal_css_;
    r.Set("Content-Type", "text/css; charset=utf-8");
    r.Set("Cache-Control", "public, max-age=3600");
    return r;
  });
  app->router_.Add("GET", "/console/{path*}", [self](http::Request& req) -> Result<http::Response> {
    if (req.path == "/console") return http::Response::Redirect("/console/", 301);
    return self->console_->Serve(req, req.params["path"], true);
  });
  app->router_.Add("GET", "/healthz", [self](http::Request&) -> Result<http::Response> {
    YW_RETURN_IF_ERROR(self->db_->Read([](soci::session& sql) {
      long long one = 0;
      sql << "SELECT 1", soci::into(one);
      return Status::Ok();
    }));
    return http::Response::Json(200, "{\"status\":\"ok\"}");
  });

  app->scheduler_ = std::make_unique<jobs::Scheduler>(clock, o.scheduler_interval_seconds);
  disclosure::ItemService* items = app->items_.get();
  app->scheduler_->Add("disclosure.publish_and_expire",
                       [items](int64_t now) { return items->RunScheduled(now); });
  app->scheduler_->Add("disclosure.flush_views", [items](int64_t) { return items->FlushViews(); });
  app->webhook_ = std::make_unique<notify::WebhookSender>(*app->db_, clock);
  notify::WebhookSender* webhook = app->webhook_.get();
  app->delivery_ = std::make_unique<jobs::Scheduler>(clock, o.scheduler_interval_seconds);
  app->delivery_->Add("notify.webhook", [webhook](int64_t now) { return webhook->RunOnce(now); });
  cases::CaseEngine* engine = app->cases_.get();
  app->scheduler_->Add("cases.deadlines",
                       [engine](int64_t now) { return engine->RunDeadlines(now).status(); });
  return app;
}

void App::StartJobs() {
  scheduler_->Start();
  delivery_->Start();
}

void App::StopJobs() {
  if (delivery_) delivery_->Stop();
  if (scheduler_) scheduler_->Stop();
}

Status App::RunJobsOnce() {
  YW_RETURN_IF_ERROR(scheduler_->RunOnce());
  return delivery_->RunOnce();
}

Status App::ReloadCalendar() {
  YW_ASSIGN_OR_RETURN(auto days, calendar::LoadCalendar(*db_));
  calendar_.Set(days);
  return Status::Ok();
}

Status App::ReloadHospital() {
  std::string json = "{}";
  YW_RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT value FROM setting WHERE key = 'hospital'");
    for (const soci::row& r : rows) json = db::Text(r, 0);
    return Status::Ok();
  }));
  portal_->SetHospital(json);
  portal_->Invalidate();
  return Status::Ok();
}

http::Response App::Handle(http::Request& req) {
  bool api = req.path.starts_with("/api/");
  bool unsafe = req.method == "POST" || req.method == "PUT" || req.method == "DELETE" ||
                req.method == "PATCH";
  http::Response res;
  bool rejected = false;
  if (unsafe && req.Cookie(auth::SessionService::kCookieName).empty() &&
      !post_limiter_->Allow(req.remote_ip)) {
    res = http::ProblemResponse(Status(StatusCode::kResourceExhausted, "请求过于频繁，请稍后再试",
                                       "too many requests, try again later"),
                                req.PrefersEnglish());
    res.Set("Retry-After", "60");
    rejected = true;
  } else if (api && unsafe && !req.body.empty()) {
    // JSON or uploads only: a cross-site HTML form cannot send either without CORS.
    std::string_view ct = req.Header("content-type");
    if (!ct.starts_with("application/json") && !ct.starts_with("multipart/form-data")) {
      res = http::ProblemResponse(
          Status::Invalid("content-type", "请求须使用 application/json 或 multipart/form-data",
                          "requests must be application/json or multipart/form-data"),
          req.PrefersEnglish());
      res.status = 415;
      rejected = true;
    }
  }
  if (!rejected) {
    res = router_.Dispatch(req);
    if (api && unsafe && res.status < 400) portal_->Invalidate();
  }
  res.Set("X-Content-Type-Options", "nosniff");
  res.Set("Referrer-Policy", "same-origin");
  res.Set("X-Frame-Options", "DENY");
  if (req.path.starts_with("/console")) {
    // Element Plus sets inline style attributes, so styles may be inline in the console only.
    res.Set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
  } else {
    res.Set("Content-Security-Policy",
            "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
  }
  if (options_.secure_cookie) res.Set("Strict-Transport-Security", "max-age=31536000");
  return res;
}

}  // namespace yuanwu::app
