#include "app/demo_support.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/case_setup.h"
#include "app/permissions.h"

namespace yuanwu::app {

using http::Json;

int64_t LocalMoment(Date d, int hour, int minute, int64_t offset) {
  return d.ToDays() * 86400 + hour * 3600 + minute * 60 - offset;
}

std::string Weighted(const Json& weights, std::mt19937& rng) {
  std::vector<std::string> keys;
  std::vector<double> w;
  for (auto it = weights.begin(); it != weights.end(); ++it) {
    keys.push_back(it.key());
    w.push_back(it->is_object() ? it->value("weight", 1.0) : it->get<double>());
  }
  std::discrete_distribution<size_t> pick(w.begin(), w.end());
  return keys[pick(rng)];
}

const Json& OneOf(const Json& array, std::mt19937& rng) {
  return array[std::uniform_int_distribution<size_t>(0, array.size() - 1)(rng)];
}

bool Chance(double p, std::mt19937& rng) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

int Between(int lo, int hi, std::mt19937& rng) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

Result<Json> ReadDemoTemplates(const std::string& file) {
  std::ifstream in(file);
  if (!in) return Status::NotFound("演示数据模板 " + file, "demo templates " + file);
  std::stringstream text;
  text << in.rdbuf();
  Json t = Json::parse(text.str(), nullptr, false);
  if (t.is_discarded()) return Status::Invalid(file, "不是有效的 JSON", "not valid JSON");
  return t;
}

Result<auth::Principal> Staff(App& app, const std::string& username,
                              std::set<std::string> permissions, auth::Scope scope) {
  auth::Principal p;
  YW_RETURN_IF_ERROR(app.db().Read([&](soci::session& sql) {
    long long id = 0, dept = 0;
    soci::indicator dept_ind = soci::i_null;
    sql << "SELECT id, name, department_id FROM app_user WHERE username = :u", soci::use(username),
        soci::into(id), soci::into(p.name), soci::into(dept, dept_ind);
    p.user_id = id;
    p.department_id = dept_ind == soci::i_ok ? dept : 0;
    return Status::Ok();
  }));
  if (p.user_id == 0) return Status::NotFound("演示账号 " + username, "demo account " + username);
  p.username = username;
  p.permissions = std::move(permissions);
  p.scope = scope;
  return p;
}

Result<std::map<int64_t, auth::Principal>> DepartmentHeads(
    App& app, const std::set<std::string>& permissions) {
  std::vector<std::string> usernames;
  YW_RETURN_IF_ERROR(app.db().Read([&](soci::session& sql) {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT u.username FROM department d JOIN app_user u "
                        "ON u.id = d.head_user_id ORDER BY d.id");
    for (const std::string& u : rows) usernames.push_back(u);
    return Status::Ok();
  }));
  std::map<int64_t, auth::Principal> heads;
  for (const std::string& u : usernames) {
    YW_ASSIGN_OR_RETURN(auth::Principal h, Staff(app, u, permissions, auth::Scope::kDept));
    heads[h.department_id] = h;
  }
  return heads;
}

Result<std::vector<std::string>> StaffOf(App& app, int64_t department_id) {
  std::vector<std::string> out;
  YW_RETURN_IF_ERROR(app.db().Read([&](soci::session& sql) {
    long long dept = department_id;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT username FROM app_user WHERE department_id = :d ORDER BY username",
         soci::use(dept));
    for (const std::string& u : rows) out.push_back(u);
    return Status::Ok();
  }));
  return out;
}

Result<std::map<std::string, int64_t>> DepartmentIds(App& app) {
  YW_ASSIGN_OR_RETURN(std::vector<org::Department> departments, app.org().Departments());
  std::map<std::string, int64_t> ids;
  for (const org::Department& d : departments) ids[d.code] = d.id;
  return ids;
}

Result<std::vector<int64_t>> DepartmentsOf(const std::map<std::string, int64_t>& ids,
                                           const Json& codes, const std::string& file) {
  std::vector<int64_t> out;
  for (const Json& code : codes) {
    auto it = ids.find(code.get<std::string>());
    if (it == ids.end()) {
      return Status::Invalid(file, "科室不存在：" + code.get<std::string>(),
                             "unknown department: " + code.get<std::string>());
    }
    out.push_back(it->second);
  }
  return out;
}

std::vector<std::pair<int, int>> CountsPerYear(const Json& per_year, Date today) {
  std::vector<std::pair<int, int>> out;
  if (!per_year.is_object() || per_year.empty()) return out;
  std::map<int, int> listed;
  for (auto it = per_year.begin(); it != per_year.end(); ++it) {
    listed[std::stoi(it.key())] = it->get<int>();
  }
  int count = 0;
  for (int year = listed.begin()->first; year <= today.year; ++year) {
    if (listed.count(year)) count = listed[year];
    Date first{year, 1, 1};
    int64_t days = Date{year, 12, 31}.ToDays() - first.ToDays() + 1;
    int64_t elapsed = std::min(days, today.ToDays() - first.ToDays());
    out.push_back({year, static_cast<int>((count * elapsed + days / 2) / days)});
  }
  return out;
}

Date DayIn(int year, Date today, std::mt19937& rng) {
  Date first{year, 1, 1};
  Date last = std::min(Date{year, 12, 31}, today.AddDays(-1));
  if (last < first) return first;
  int64_t span = last.ToDays() - first.ToDays() + 1;
  return first.AddDays(std::uniform_int_distribution<int64_t>(0, span - 1)(rng));
}

Replay::Replay(App& app, int64_t now)
    : clock(now),
      engine(app.db(), clock, app.calendar(), app.files(), random, directory,
             cases::EngineOptions{app.options().local_offset_seconds, 20 * 1024 * 1024,
                                  "/console/#/cases/"}) {}

Result<std::unique_ptr<Replay>> NewReplay(App& app, int64_t now) {
  auto replay = std::make_unique<Replay>(app, now);
  YW_RETURN_IF_ERROR(SetUpCaseTypes(replay->engine, app.db(), EmbeddedFiles(), PermissionCodes()));
  return replay;
}

}  // namespace yuanwu::app
