#include "indicators/indicator_service.h"

#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::indicators {

Result<std::unique_ptr<IndicatorService>> IndicatorService::Create(db::Database& db,
                                                                   FileStore& files,
                                                                   const Clock& clock,
                                                                   const EmbeddedFile* embedded) {
  std::unique_ptr<IndicatorService> s(new IndicatorService(db, files, clock));
  std::map<std::string, std::string> qc_files;
  const std::string qc_dir = "data/indicators/qc/";
  for (const EmbeddedFile* f = embedded; !f->path.empty(); ++f) {
    if (f->path.starts_with(qc_dir))
      qc_files[std::string(f->path.substr(qc_dir.size()))] = std::string(f->content);
    if (f->path == "data/indicators/definitions.json")
      s->shipped_definitions_ = std::string(f->content);
  }
  YW_ASSIGN_OR_RETURN(QcRules rules, QcRules::FromFiles(qc_files));
  s->qc_ = std::make_unique<QcRules>(std::move(rules));
  s->engine_ = std::make_unique<Engine>();
  s->importer_ = std::make_unique<Importer>(db, files, *s->qc_, clock);
  s->store_ = std::make_unique<IndicatorStore>(db, clock);
  return s;
}

Result<std::vector<Indicator>> IndicatorService::StoredIndicators() {
  return db_.Query<std::vector<Indicator>>(
      [](soci::session& sql) -> Result<std::vector<Indicator>> {
        std::vector<Indicator> out;
        Status bad;
        db::ForEachRow(sql,
                       "SELECT code, definition FROM indicator_definition WHERE enabled = 1 "
                       "ORDER BY sort, code",
                       {}, [&](const soci::row& r) {
                         Result<Indicator> i = ParseIndicator(db::Text(r, 1));
                         if (i.ok()) {
                           out.push_back(std::move(*i));
                         } else if (bad.ok()) {
                           bad = i.status();
                         }
                       });
        if (!bad.ok()) return bad;
        return out;
      });
}

Status IndicatorService::Start() {
  YW_ASSIGN_OR_RETURN(std::vector<Indicator> shipped, ParseDefinitionFile(shipped_definitions_));
  std::string now = FormatTimestamp(clock_.NowSeconds());
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
    long long sort = 0;
    for (const Indicator& i : shipped) {
      sort += 10;
      db::Params p;
      p.Add("code", i.code);
      if (db::ScalarInt(sql, "SELECT COUNT(*) FROM indicator_definition WHERE code = :code", p))
        continue;  // an administrator's edit of a shipped definition wins
      std::string json = IndicatorToJson(i);
      sql << "INSERT INTO indicator_definition (code, definition, builtin, enabled, sort, "
             "updated_at) VALUES (:c, :d, 1, 1, :s, :t)",
          soci::use(i.code), soci::use(json), soci::use(sort), soci::use(now);
    }
    return Status::Ok();
  }));
  YW_ASSIGN_OR_RETURN(std::vector<Indicator> stored, StoredIndicators());
  return engine_->SetIndicators(std::move(stored));
}

Status IndicatorService::ReloadDefinitions() {
  YW_ASSIGN_OR_RETURN(std::vector<Indicator> stored, StoredIndicators());
  std::lock_guard<std::mutex> l(load_mu_);
  YW_RETURN_IF_ERROR(engine_->SetIndicators(std::move(stored)));
  if (loaded_) return engine_->Load(db_);  // the filter columns depend on the definitions
  return Status::Ok();
}

Status IndicatorService::LoadRecords() {
  std::lock_guard<std::mutex> l(load_mu_);
  if (loaded_) return Status::Ok();
  YW_RETURN_IF_ERROR(engine_->Load(db_));
  loaded_ = true;
  return Status::Ok();
}

Result<std::vector<ResultRow>> IndicatorService::Run(const Query& q) {
  YW_RETURN_IF_ERROR(LoadRecords());
  return engine_->Run(q);
}

Result<ImportOutcome> IndicatorService::Import(const ImportRequest& request) {
  YW_ASSIGN_OR_RETURN(ImportOutcome out, importer_->Import(request));
  std::lock_guard<std::mutex> l(load_mu_);
  if (out.committed && loaded_) YW_RETURN_IF_ERROR(engine_->Reload(db_, request.dataset));
  return out;
}

}  // namespace yuanwu::indicators
