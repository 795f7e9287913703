// Routes of the platform itself: session, permissions, audit trail, calendar, hospital profile.
#include "app/app.h"
#include "app/permissions.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"
#include "platform/http/json.h"
#include "platform/http/params.h"

namespace yuanwu::app {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

Json PrincipalJson(const Principal& p) {
  return {{"id", p.user_id},
          {"username", p.username},
          {"name", p.name},
          {"department_id", p.department_id},
          {"department_name", p.department_name},
          {"campus_id", p.campus_id},
          {"roles", p.roles},
          {"permissions", std::vector<std::string>(p.permissions.begin(), p.permissions.end())},
          {"scope", std::string(auth::ScopeName(p.scope))}};
}

std::string CsvCell(const std::string& s) {
  std::string v = s;
  // A leading = + - @ would run as a formula when the export is opened in a spreadsheet.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void App::RegisterPlatformRoutes() {
  auth::RouteTable& r = *routes_;
  App* self = this;

  r.AddPublic("POST", "/api/v1/session", [self](Request& req) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    http::FieldReader f(body, v);
    std::string username = f.String("username", "工号", "username", true, 32);
    std::string password;
    if (!body.contains("password") || !body["password"].is_string() ||
        body["password"].get<std::string>().empty()) {
      v.Fail("password", "密码不能为空", "password is required");
    } else {
      password = body["password"].get<std::string>();
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    if (!self->login_limiter_->Allow(req.remote_ip)) {
      return Status(StatusCode::kResourceExhausted, "登录尝试过于频繁，请稍后再试",
                    "too many sign-in attempts, try again later");
    }
    YW_ASSIGN_OR_RETURN(auth::SignIn in, self->sessions_->Login(username, password, req.remote_ip));
    Response res = JsonResponse(
        {{"user", PrincipalJson(in.principal)}, {"csrf_token", in.principal.csrf_token}});
    res.Set("Set-Cookie", self->sessions_->CookieHeader(in.token));
    return res;
  });
  r.Add("GET", "/api/v1/session", auth::kSignedIn,
        [](Request&, const Principal& p) -> Result<Response> {
          return JsonResponse({{"user", PrincipalJson(p)}, {"csrf_token", p.csrf_token}});
        });
  r.Add(
      "DELETE", "/api/v1/session", auth::kSignedIn,
      [self](Request& req, const Principal&) -> Result<Response> {
        YW_RETURN_IF_ERROR(self->sessions_->Logout(req.Cookie(auth::SessionService::kCookieName)));
        Response res = Response::NoContent();
        res.Set("Set-Cookie", self->sessions_->ClearCookieHeader());
        return res;
      });
  r.Add("POST", "/api/v1/session/password", auth::kSignedIn,
        [self](Request& req, const Principal& p) -> Result<Response> {
          YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
          Validation v;
          http::FieldReader f(body, v);
          std::string old_pw = f.String("old_password", "原密码", "current password", true, 128);
          std::string new_pw = f.String("new_password", "新密码", "new password", true, 128);
          YW_RETURN_IF_ERROR(v.ToStatus());
          YW_RETURN_IF_ERROR(self->sessions_->ChangePassword(p, old_pw, new_pw, req.remote_ip));
          return Response::NoContent();
        });
  r.Add("GET", "/api/v1/permissions", "org.read",
        [](Request&, const Principal&) -> Result<Response> {
          Json items = Json::array();
          for (const PermissionInfo& p : Permissions()) {
            items.push_back({{"code", p.code}, {"name", p.name}, {"name_en", p.name_en}});
          }
          return JsonResponse({{"items", items}});
        });

  // Audit trail (审计日志).
  auto audit_filter = [](const Request& req, audit::Filter* f) -> Status {
    f->actor = Trim(req.Query("actor"));
    f->entity = Trim(req.Query("entity"));
    f->action = Trim(req.Query("action"));
    Validation v;
    for (auto [key, out, end_of_day] :
         {std::tuple{"from", &f->from, false}, std::tuple{"to", &f->to, true}}) {
      std::string s = req.Query(key);
      if (s.empty()) continue;
      if (std::optional<Date> d = ParseDate(s)) {
        *out = d->ToString() + (end_of_day ? "T23:59:59Z" : "T00:00:00Z");
      } else {
        v.Fail(key, "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
      }
    }
    return v.ToStatus();
  };
  r.Add(
      "GET", "/api/v1/audit", "audit.read",
      [self, audit_filter](Request& req, const Principal&) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
        audit::Filter f;
        YW_RETURN_IF_ERROR(audit_filter(req, &f));
        f.offset = page.offset();
        f.limit = page.page_size;
        YW_ASSIGN_OR_RETURN(auto result, audit::List(*self->db_, f));
        Json items = Json::array();
        for (const audit::Entry& e : result.first) {
          Json before = Json::parse(e.change.before_json, nullptr, false);
          Json after = Json::parse(e.change.after_json, nullptr, false);
          items.push_back({{"id", e.id},
                           {"at", e.at},
                           {"actor_name", e.actor_name},
                           {"ip", e.ip},
                           {"action", e.change.action},
                           {"entity", e.change.entity},
                           {"entity_id", e.change.entity_id},
                           {"before", before.is_discarded() ? Json(e.change.before_json) : before},
                           {"after", after.is_discarded() ? Json(e.change.after_json) : after}});
        }
        return JsonResponse({{"items", items}, {"total", result.second}});
      });
  r.Add("GET", "/api/v1/audit/export", "audit.read",
        [self, audit_filter](Request& req, const Principal& p) -> Result<Response> {
          audit::Filter f;
          YW_RETURN_IF_ERROR(audit_filter(req, &f));
          f.limit = 1000000;
          YW_ASSIGN_OR_RETURN(auto result, audit::List(*self->db_, f));
          std::string csv =
              "\xEF\xBB\xBF序号,时间,操作人,IP,操作,对象,对象编号,变更前,变更后,哈希\r\n";
          for (const audit::Entry& e : result.first) {
            csv += std::to_string(e.id) + "," + CsvCell(e.at) + "," + CsvCell(e.actor_name) + "," +
                   CsvCell(e.ip) + "," + CsvCell(e.change.action) + "," + CsvCell(e.change.entity) +
                   "," + CsvCell(e.change.entity_id) + "," + CsvCell(e.change.before_json) + "," +
                   CsvCell(e.change.after_json) + "," + CsvCell(e.hash) + "\r\n";
          }
          // Exports are themselves audited: who took a copy of the trail, and when.
          YW_RETURN_IF_ERROR(self->db_->Transact([&](soci::session& sql) {
            return audit::Append(sql, self->db_->dialect(), self->clock_,
                                 auth::Actor::Of(p, req.remote_ip),
                                 {"audit.export", "audit_log", "", "{}",
                                  "{\"rows\":" + std::to_string(result.first.size()) + "}"});
          }));
          Response res;
          res.body = std::move(csv);
          res.Set("Content-Type", "text/csv; charset=utf-8");
          res.Set("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
          res.Set("Cache-Control", "no-store");
          return res;
        });
  r.Add("GET", "/api/v1/audit/verify", "audit.read",
        [self](Request&, const Principal&) -> Result<Response> {
          YW_ASSIGN_OR_RETURN(audit::VerifyReport rep, audit::Verify(*self->db_));
          return JsonResponse({{"ok", rep.ok},
                               {"checked", rep.checked},
                               {"broken_at", rep.ok ? Json(nullptr) : Json(rep.broken_at)}});
        });

  // Working-day calendar (工作日历).
  r.Add("GET", "/api/v1/calendar", auth::kSignedIn,
        [self](Request& req, const Principal&) -> Result<Response> {
          YW_ASSIGN_OR_RETURN(int64_t year, http::QueryInt(req, "year"));
          YW_ASSIGN_OR_RETURN(auto days, calendar::LoadCalendar(*self->db_));
          Json items = Json::array();
          for (const calendar::SpecialDay& d : days) {
            if (year != 0 && d.day.year != year) continue;
            items.push_back({{"date", d.day.ToString()},
                             {"kind", d.kind},
                             {"name", d.name},
                             {"notice", d.notice}});
          }
          return JsonResponse({{"items", items}});
        });
  r.Add("PUT", "/api/v1/calendar/{date}", "calendar.manage",
        [self](Request& req, const Principal& p) -> Result<Response> {
          std::optional<Date> day = ParseDate(req.params["date"]);
          if (!day)
            return Status::Invalid("date", "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
          YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
          Validation v;
          http::FieldReader f(body, v);
          std::string kind = f.String("kind", "类型", "kind", true, 16);
          std::string name = f.String("name", "名称", "name", true, 50);
          std::string notice = f.String("notice", "依据通知", "notice", false, 200);
          if (!kind.empty() && kind != "holiday" && kind != "workday") {
            v.Fail("kind", "类型必须是 holiday（放假）或 workday（调休上班）",
                   "kind must be holiday or workday");
          }
          YW_RETURN_IF_ERROR(v.ToStatus());
          std::string date = day->ToString();
          YW_RETURN_IF_ERROR(self->db_->Transact([&](soci::session& sql) -> Status {
            std::string before = "{}";
            soci::rowset<soci::row> rows =
                (sql.prepare << "SELECT kind, name FROM calendar_day WHERE day = :d",
                 soci::use(date));
            for (const soci::row& row : rows) {
              before = Json({{"kind", db::Text(row, 0)}, {"name", db::Text(row, 1)}}).dump();
            }
            sql << "DELETE FROM calendar_day WHERE day = :d", soci::use(date);
            sql << "INSERT INTO calendar_day (day, kind, name, notice) VALUES (:d, :k, :n, :no)",
                soci::use(date), soci::use(kind), soci::use(name), soci::use(notice);
            return audit::Append(
                sql, self->db_->dialect(), self->clock_, auth::Actor::Of(p, req.remote_ip),
                {"calendar.set", "calendar_day", date, before,
                 Json({{"kind", kind}, {"name", name}, {"notice", notice}}).dump()});
          }));
          YW_RETURN_IF_ERROR(self->ReloadCalendar());
          return JsonResponse({{"date", date}, {"kind", kind}, {"name", name}, {"notice", notice}});
        });
  r.Add("DELETE", "/api/v1/calendar/{date}", "calendar.manage",
        [self](Request& req, const Principal& p) -> Result<Response> {
          std::optional<Date> day = ParseDate(req.params["date"]);
          if (!day) return Status::NotFound("日历条目", "calendar entry");
          std::string date = day->ToString();
          YW_RETURN_IF_ERROR(self->db_->Transact([&](soci::session& sql) -> Status {
            long long n = 0;
            sql << "SELECT COUNT(*) FROM calendar_day WHERE day = :d", soci::use(date),
                soci::into(n);
            if (n == 0) return Status::NotFound("日历条目", "calendar entry");
            sql << "DELETE FROM calendar_day WHERE day = :d", soci::use(date);
            return audit::Append(sql, self->db_->dialect(), self->clock_,
                                 auth::Actor::Of(p, req.remote_ip),
                                 {"calendar.delete", "calendar_day", date, "{}", "{}"});
          }));
          YW_RETURN_IF_ERROR(self->ReloadCalendar());
          return Response::NoContent();
        });
  r.Add("GET", "/api/v1/calendar/add-working-days", auth::kSignedIn,
        [self](Request& req, const Principal&) -> Result<Response> {
          std::optional<Date> from = ParseDate(req.Query("from"));
          Validation v;
          if (!from) v.Fail("from", "起始日期格式应为 YYYY-MM-DD", "from must be YYYY-MM-DD");
          Result<int64_t> days = http::QueryInt(req, "days");
          if (!days.ok() || *days < 0 || *days > 1000) {
            v.Fail("days", "工作日数应为0到1000的整数", "days must be an integer from 0 to 1000");
          }
          YW_RETURN_IF_ERROR(v.ToStatus());
          Date due = self->calendar_.AddWorkingDays(*from, static_cast<int>(*days));
          return JsonResponse({{"date", due.ToString()}});
        });

  // Hospital profile (医院信息) shown on the portal.
  r.Add("GET", "/api/v1/settings/hospital", auth::kSignedIn,
        [self](Request&, const Principal&) -> Result<Response> {
          std::string json = "{}";
          YW_RETURN_IF_ERROR(self->db_->Read([&](soci::session& sql) {
            soci::rowset<soci::row> rows =
                (sql.prepare << "SELECT value FROM setting WHERE key = 'hospital'");
            for (const soci::row& row : rows) json = db::Text(row, 0);
            return Status::Ok();
          }));
          Json j = Json::parse(json, nullptr, false);
          return JsonResponse(j.is_discarded() ? Json::object() : j);
        });
  r.Add("PUT", "/api/v1/settings/hospital", "settings.manage",
        [self](Request& req, const Principal& p) -> Result<Response> {
          YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
          Validation v;
          http::FieldReader f(body, v);
          Json out = Json::object();
          static const std::tuple<const char*, const char*, const char*, bool, size_t> kFields[] = {
              {"name", "医院名称", "name", true, 100},
              {"name_en", "英文名称", "English name", false, 200},
              {"level", "医院等级", "level", false, 20},
              {"address", "地址", "address", false, 200},
              {"phone", "电话", "phone", false, 40},
              {"website", "网址", "website", false, 200},
              {"intro", "医院简介", "introduction", false, 10000},
              {"complaint_phone", "投诉电话", "complaint phone", false, 40},
              {"complaint_email", "投诉邮箱", "complaint email", false, 100},
              {"disclosure_officer", "信息公开负责人", "disclosure officer", false, 50},
              {"opening_hours", "门诊时间", "opening hours", false, 200}};
          for (const auto& [key, zh, en, required, max] : kFields) {
            out[key] = f.String(key, zh, en, required, max);
          }
          out["demo"] = f.Bool("demo", "演示数据", "demo").value_or(false);
          YW_RETURN_IF_ERROR(v.ToStatus());
          std::string value = out.dump();
          YW_RETURN_IF_ERROR(self->db_->Transact([&](soci::session& sql) -> Status {
            std::string before = "{}";
            soci::rowset<soci::row> rows =
                (sql.prepare << "SELECT value FROM setting WHERE key = 'hospital'");
            for (const soci::row& row : rows) before = db::Text(row, 0);
            sql << "DELETE FROM setting WHERE key = 'hospital'";
            sql << "INSERT INTO setting (key, value) VALUES ('hospital', :v)", soci::use(value);
            return audit::Append(sql, self->db_->dialect(), self->clock_,
                                 auth::Actor::Of(p, req.remote_ip),
                                 {"settings.hospital", "setting", "hospital", before, value});
          }));
          YW_RETURN_IF_ERROR(self->ReloadHospital());
          return JsonResponse(out);
        });
}

}  // namespace yuanwu::app
