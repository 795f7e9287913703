#include "app/demo.h"

#include <fstream>
#include <map>
#include <sstream>

#include "app/demo_applications.h"
#include "app/demo_cases.h"
#include "app/demo_quality.h"
#include "org/org_json.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/auth/password.h"
#include "platform/base/time.h"
#include "platform/http/json.h"

namespace yuanwu::app {
namespace {

using http::Json;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("演示数据文件 " + path, "demo data file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<Json> ReadJson(const std::string& path) {
  YW_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded())
    return Status::Invalid("file", path + " 不是有效的 JSON", path + " is not valid JSON");
  return j;
}

std::string Str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::vector<std::string> StrList(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array()) {
    for (const Json& e : j[key]) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

int64_t Int(const Json& j, const char* key, int64_t dflt) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : dflt;
}

}  // namespace

Result<DemoReport> LoadDemo(App& app, const std::string& dir, const std::string& password) {
  DemoReport rep;
  YW_ASSIGN_OR_RETURN(auto existing, app.org().Departments());
  if (!existing.empty()) {
    rep.already_loaded = true;
    return rep;
  }
  YW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password, ""));
  auth::Actor system = auth::Actor::System();
  system.name = "演示数据导入";
  const Clock& clock = app.clock();
  int64_t now = clock.NowSeconds();

  // Hospital profile.
  YW_ASSIGN_OR_RETURN(Json hospital, ReadJson(dir + "/hospital.json"));
  hospital["demo"] = true;
  std::string hospital_text = hospital.dump();
  YW_RETURN_IF_ERROR(app.db().Transact([&](soci::session& sql) {
    sql << "DELETE FROM setting WHERE key = 'hospital'";
    sql << "INSERT INTO setting (key, value) VALUES ('hospital', :v)", soci::use(hospital_text);
    return audit::Append(sql, app.db().dialect(), clock, system,
                         {"settings.hospital", "setting", "hospital", "{}", hospital_text});
  }));
  YW_RETURN_IF_ERROR(app.ReloadHospital());

  // Campuses and departments (parents before children).
  std::map<std::string, int64_t> campus_ids, dept_ids;
  YW_ASSIGN_OR_RETURN(Json campuses, ReadJson(dir + "/campuses.json"));
  for (const Json& c : campuses) {
    Validation v;
    org::Campus campus = org::CampusFromJson(c, v);
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_ASSIGN_OR_RETURN(org::Campus saved, app.org().SaveCampus(system, campus));
    campus_ids[saved.code] = saved.id;
  }
  YW_ASSIGN_OR_RETURN(Json depts, ReadJson(dir + "/departments.json"));
  for (size_t pass = 0; pass < 5 && dept_ids.size() < depts.size(); ++pass) {
    for (const Json& d : depts) {
      std::string code = Str(d, "code"), parent = Str(d, "parent");
      if (dept_ids.count(code) || (!parent.empty() && !dept_ids.count(parent))) continue;
      org::Department dept;
      dept.code = code;
      dept.name = Str(d, "name");
      dept.campus_id = campus_ids[Str(d, "campus")];
      dept.parent_id = parent.empty() ? 0 : dept_ids[parent];
      dept.kind = Str(d, "kind");
      dept.phone = Str(d, "phone");
      dept.location = Str(d, "location");
      dept.intro = Str(d, "intro");
      dept.is_public = !d.contains("public") || d["public"].get<bool>();
      dept.sort = Int(d, "sort", 0);
      YW_ASSIGN_OR_RETURN(org::Department saved, app.org().SaveDepartment(system, dept));
      dept_ids[code] = saved.id;
      ++rep.departments;
    }
  }

  // Staff: one argon2 hash shared by every demo account keeps loading fast.
  YW_ASSIGN_OR_RETURN(Json users, ReadJson(dir + "/users.json"));
  std::string hash = auth::HashPassword(password);
  std::string now_s = FormatTimestamp(now);
  std::map<std::string, std::pair<int64_t, std::string>> user_ids;  // username → id, name
  YW_RETURN_IF_ERROR(app.db().Transact([&](soci::session& sql) -> Status {
    for (const Json& u : users) {
      org::User user;
      user.username = Str(u, "username");
      user.name = Str(u, "name");
      user.phone = Str(u, "phone");
      user.department_id = dept_ids[Str(u, "department")];
      user.roles = StrList(u, "roles");
      user.scope = Str(u, "scope");
      user.id = org::OrgStore::InsertUser(sql, user, hash, now_s);
      user_ids[user.username] = {user.id, user.name};
      ++rep.users;
    }
    return audit::Append(sql, app.db().dialect(), clock, system,
                         {"org.user.import", "app_user", "", "{}",
                          "{\"imported\":" + std::to_string(rep.users) + "}"});
  }));

  // 科室负责人, now that the accounts exist.
  for (const Json& d : depts) {
    std::string head = Str(d, "head");
    if (head.empty()) continue;
    if (!user_ids.count(head)) {
      return Status::Invalid("departments.json", "科室负责人账号不存在：" + head,
                             "unknown head of department: " + head);
    }
    YW_RETURN_IF_ERROR(app.db().Transact([&](soci::session& sql) {
      org::OrgStore::SetDepartmentHead(sql, dept_ids[Str(d, "code")], user_ids[head].first);
      return Status::Ok();
    }));
  }

  // Catalogue (parents first).
  std::map<std::string, int64_t> cat_ids;
  YW_ASSIGN_OR_RETURN(Json catalogue, ReadJson(dir + "/catalogue.json"));
  for (size_t pass = 0; pass < 5 && cat_ids.size() < catalogue.size(); ++pass) {
    for (const Json& c : catalogue) {
      std::string code = Str(c, "code"), parent = Str(c, "parent");
      if (cat_ids.count(code) || (!parent.empty() && !cat_ids.count(parent))) continue;
      disclosure::CatalogueEntry e;
      e.code = code;
      e.parent_id = parent.empty() ? 0 : cat_ids[parent];
      e.name = Str(c, "name");
      e.content = Str(c, "content");
      e.audience = Str(c, "audience");
      e.channels = StrList(c, "channels");
      e.department_id = dept_ids[Str(c, "department")];
      e.time_limit_days = Int(c, "time_limit_days", 20);
      e.legal_basis = Str(c, "legal_basis");
      e.sort = Int(c, "sort", 0);
      YW_ASSIGN_OR_RETURN(disclosure::CatalogueEntry saved, app.items().SaveCatalogue(system, e));
      cat_ids[code] = saved.id;
      ++rep.catalogue;
    }
  }

  // Items in every state, drafted by the disclosure officer.
  auto office = user_ids.count("office") ? user_ids["office"]
                                         : std::make_pair<int64_t, std::string>(0, "院办");
  auth::Actor drafter{office.first, office.second, "127.0.0.1"};
  YW_ASSIGN_OR_RETURN(Json items, ReadJson(dir + "/items.json"));
  for (const Json& i : items) {
    disclosure::Item item;
    item.catalogue_id = cat_ids[Str(i, "catalogue")];
    item.title = Str(i, "title");
    item.summary = Str(i, "summary");
    item.body = Str(i, "body");
    item.audience = Str(i, "audience");
    item.channels = StrList(i, "channels");
    item.department_id = dept_ids[Str(i, "department")];
    item.formed_on = Str(i, "formed_on");
    if (i.contains("publish_offset_days") && i["publish_offset_days"].is_number_integer()) {
      item.publish_at = FormatTimestamp(now + Int(i, "publish_offset_days", 0) * 86400);
    }
    if (i.contains("expire_offset_days") && i["expire_offset_days"].is_number_integer()) {
      item.expire_at = FormatTimestamp(now + Int(i, "expire_offset_days", 0) * 86400);
    }
    std::string published_at;
    if (std::optional<Date> d = ParseDate(Str(i, "published_on"))) {
      published_at = d->ToString() + "T02:00:00Z";  // 10:00 Beijing time
    }
    std::optional<disclosure::Rejection> rejection;
    if (i.contains("rejection") && i["rejection"].is_object()) {
      rejection =
          disclosure::Rejection{Str(i["rejection"], "stage"), "保密审查员",
                                FormatTimestamp(now - 86400), Str(i["rejection"], "reasons")};
    }
    YW_RETURN_IF_ERROR(app.items()
                           .ImportDemoItem(drafter, item, Str(i, "state"), published_at,
                                           Int(i, "views", 0), rejection)
                           .status());
    ++rep.items;
  }

  // Prices go through the real importer.
  for (auto [file, kind] :
       {std::pair{"prices_service.csv", "service"}, std::pair{"prices_drug.csv", "drug"}}) {
    YW_ASSIGN_OR_RETURN(std::string csv, ReadFile(dir + "/" + file));
    YW_ASSIGN_OR_RETURN(tabular::Table table, tabular::ParseCsv(csv));
    YW_ASSIGN_OR_RETURN(int n, app.prices().Import(system, kind, table));
    rep.prices += n;
  }
  // The cases last: they need the departments, the heads and the offices' accounts.
  YW_ASSIGN_OR_RETURN(DemoCasesReport cases,
                      LoadDemoComplaints(app, dir + "/complaints.json", now));
  rep.complaints = cases.complaints;
  // Then quality and safety (the 质控科 and the heads) and the 院办's 依申请公开.
  YW_ASSIGN_OR_RETURN(DemoQualityReport quality, LoadDemoQuality(app, dir, now));
  rep.adverse_events = quality.adverse_events;
  rep.inspections = quality.inspections;
  YW_ASSIGN_OR_RETURN(DemoApplicationsReport applications,
                      LoadDemoApplications(app, dir + "/applications.json", now));
  rep.applications = applications.applications;
  rep.consultations = applications.consultations;
  return rep;
}

}  // namespace yuanwu::app
