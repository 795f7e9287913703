#include "app/case_setup.h"

#include "platform/audit/audit_log.h"
#include "platform/db/row.h"
#include "platform/http/json.h"

namespace yuanwu::app {

namespace {

using http::Json;

std::string_view EmbeddedCaseFile(const EmbeddedFile* files, std::string_view name) {
  for (const EmbeddedFile* f = files; !f->path.empty(); ++f) {
    if (f->path == "data/cases/" + std::string(name)) return f->content;
  }
  return {};
}

Result<std::string> StoredOverrides(soci::session& sql) {
  std::string json = "{}";
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT value FROM setting WHERE key = 'case_rules'");
  for (const soci::row& r : rows) json = db::Text(r, 0);
  return json;
}

Result<cases::CaseRules> Defaults(const EmbeddedFile* files) {
  return cases::CaseRules::Parse(EmbeddedCaseFile(files, "rules.json"));
}

}  // namespace

Status SetUpCaseTypes(cases::CaseEngine& engine, db::Database& db, const EmbeddedFile* files,
                      const std::vector<std::string>& permissions) {
  for (const EmbeddedFile* f = files; !f->path.empty(); ++f) {
    if (!f->path.starts_with("data/cases/") || f->path.ends_with("/rules.json")) continue;
    Result<cases::CaseType> type = cases::ParseCaseType(f->content, permissions);
    if (!type.ok()) {
      return Status::Internal(
          std::string(f->path) + ": " + type.status().message_en() + " " +
          (type.status().fields().empty()
               ? ""
               : type.status().fields()[0].field + " " + type.status().fields()[0].reason_en));
    }
    YW_RETURN_IF_ERROR(engine.Register(std::move(*type)));
  }
  YW_ASSIGN_OR_RETURN(cases::CaseRules defaults, Defaults(files));
  YW_ASSIGN_OR_RETURN(std::string overrides, db.Query<std::string>(StoredOverrides));
  Result<cases::CaseRules> merged = cases::CaseRules::Merge(defaults, overrides);
  // Stored overrides were validated when saved; if a later release renamed a type, fall back to
  // the shipped defaults rather than refuse to start.
  engine.SetRules(merged.ok() ? *merged : defaults);
  return Status::Ok();
}

void RegisterCaseAdminRoutes(auth::RouteTable& routes, cases::CaseEngine& engine, db::Database& db,
                             const Clock& clock, const EmbeddedFile* files) {
  cases::CaseEngine* e = &engine;
  routes.Add(
      "GET", "/api/v1/cases/types", auth::kSignedIn,
      [e](http::Request&, const auth::Principal&) -> Result<http::Response> {
        Json types = Json::array();
        for (const cases::CaseType* t : e->Types()) {
          Json states = Json::array();
          for (const cases::StateDef& s : t->states) {
            states.push_back(
                {{"code", s.code}, {"name", s.name}, {"name_en", s.name_en}, {"closed", s.closed}});
          }
          Json actions = Json::array();
          for (const cases::ActionDef& a : t->actions) {
            actions.push_back({{"action", a.action},
                               {"name", a.name},
                               {"name_en", a.name_en},
                               {"from", a.from},
                               {"to", a.to},
                               {"clock", a.clock},
                               {"note_required", a.note_required}});
          }
          types.push_back({{"type", t->type},
                           {"name", t->name},
                           {"name_en", t->name_en},
                           {"code_prefix", t->code_prefix},
                           {"initial", t->initial},
                           {"states", states},
                           {"actions", actions}});
        }
        return http::JsonResponse({{"items", types}});
      });
  routes.Add("GET", "/api/v1/cases/rules", auth::kSignedIn,
             [e, files](http::Request&, const auth::Principal&) -> Result<http::Response> {
               YW_ASSIGN_OR_RETURN(cases::CaseRules defaults, Defaults(files));
               return http::JsonResponse({{"rules", Json::parse(e->Rules().ToJson())},
                                          {"defaults", Json::parse(defaults.ToJson())}});
             });
  db::Database* d = &db;
  const Clock* c = &clock;
  routes.Add(
      "PUT", "/api/v1/cases/rules", "cases.rules.manage",
      [e, d, c, files](http::Request& req, const auth::Principal& p) -> Result<http::Response> {
        YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
        std::string overrides = body.dump();
        YW_ASSIGN_OR_RETURN(cases::CaseRules defaults, Defaults(files));
        YW_ASSIGN_OR_RETURN(cases::CaseRules merged, cases::CaseRules::Merge(defaults, overrides));
        YW_RETURN_IF_ERROR(d->Transact([&](soci::session& sql) -> Status {
          YW_ASSIGN_OR_RETURN(std::string before, StoredOverrides(sql));
          sql << "DELETE FROM setting WHERE key = 'case_rules'";
          sql << "INSERT INTO setting (key, value) VALUES ('case_rules', :v)", soci::use(overrides);
          return audit::Append(sql, d->dialect(), *c, auth::Actor::Of(p, req.remote_ip),
                               {"cases.rules.update", "setting", "case_rules", before, overrides});
        }));
        e->SetRules(merged);
        return http::JsonResponse({{"rules", Json::parse(merged.ToJson())}});
      });
}

}  // namespace yuanwu::app
