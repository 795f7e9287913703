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
  std::string figures_json;
  for (const EmbeddedFile* f = embedded; !f->path.empty(); ++f) {
    if (f->path.starts_with(qc_dir))
      qc_files[std::string(f->path.substr(qc_dir.size()))] = std::string(f->content);
    if (f->path == "data/indicators/definitions.json")
      s->shipped_definitions_ = std::string(f->content);
    if (f->path == "data/indicators/figures.json") figures_json = std::string(f->content);
  }
  YW_ASSIGN_OR_RETURN(QcRules rules, QcRules::FromFiles(qc_files));
  s->qc_ = std::make_shared<const QcRules>(std::move(rules));
  YW_ASSIGN_OR_RETURN(s->catalogue_, FigureCatalogue::Parse(figures_json));
  s->engine_ = std::make_unique<Engine>();
  s->store_ = std::make_unique<IndicatorStore>(db, clock, &s->catalogue_);
  s->figure_store_ = std::make_unique<FigureStore>(db, clock, s->catalogue_);
  s->code_table_store_ = std::make_unique<CodeTableStore>(db, clock);
  return s;
}

Result<std::vector<Indicator>> IndicatorService::StoredIndicators() {
  return db_.Query<std::vector<Indicator>>(
      [this](soci::session& sql) -> Result<std::vector<Indicator>> {
        std::vector<Indicator> out;
        Status bad;
        db::ForEachRow(sql,
                       "SELECT code, definition FROM indicator_definition WHERE enabled = 1 "
                       "ORDER BY sort, code",
                       {}, [&](const soci::row& r) {
                         Result<Indicator> i = ParseIndicator(db::Text(r, 1), &catalogue_);
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
  YW_ASSIGN_OR_RETURN(std::vector<Indicator> shipped,
                      ParseDefinitionFile(shipped_definitions_, &catalogue_));
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
  YW_RETURN_IF_ERROR(ReloadCodeTables());
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
  // The rules of this moment for the whole batch; the shared_ptr keeps them alive even if a
  // code table import swaps in new ones meanwhile.
  std::shared_ptr<const QcRules> rules = qc();
  Importer importer(db_, files_, *rules, clock_);
  YW_ASSIGN_OR_RETURN(ImportOutcome out, importer.Import(request));
  std::lock_guard<std::mutex> l(load_mu_);
  if (out.committed && loaded_) YW_RETURN_IF_ERROR(engine_->Reload(db_, request.dataset));
  return out;
}

std::shared_ptr<const QcRules> IndicatorService::qc() const {
  std::lock_guard<std::mutex> l(qc_mu_);
  return qc_;
}

Status IndicatorService::ReloadCodeTables() {
  std::lock_guard<std::mutex> reload(code_reload_mu_);
  YW_ASSIGN_OR_RETURN(CodeTables tables, code_table_store_->Load());
  auto rules = std::make_shared<QcRules>(*qc());  // copies share the parsed rule tables
  rules->SetCodeTables(std::make_shared<const CodeTables>(std::move(tables)));
  std::lock_guard<std::mutex> l(qc_mu_);
  qc_ = std::move(rules);
  return Status::Ok();
}

Result<CodeTableImport> IndicatorService::ImportCodeTable(const auth::Actor& actor, CodeKind kind,
                                                          const std::string& version,
                                                          const std::string& file_name,
                                                          std::string_view data) {
  YW_ASSIGN_OR_RETURN(CodeTableImport out,
                      code_table_store_->Replace(actor, kind, version, file_name, data));
  if (out.errors.empty()) YW_RETURN_IF_ERROR(ReloadCodeTables());
  return out;
}

Result<int64_t> IndicatorService::ClearCodeTable(const auth::Actor& actor, CodeKind kind) {
  YW_ASSIGN_OR_RETURN(int64_t removed, code_table_store_->Clear(actor, kind));
  YW_RETURN_IF_ERROR(ReloadCodeTables());
  return removed;
}

Status IndicatorService::FiguresChanged() {
  // Before the records are loaded the engine holds no figures: Load reads them with the rest.
  std::lock_guard<std::mutex> l(load_mu_);
  if (!loaded_) return Status::Ok();
  return engine_->ReloadFigures(db_);
}

Result<int64_t> IndicatorService::SaveFigures(const auth::Actor& actor,
                                              const std::vector<FigureInput>& inputs) {
  YW_ASSIGN_OR_RETURN(int64_t changed, figure_store_->Save(actor, inputs));
  if (changed) YW_RETURN_IF_ERROR(FiguresChanged());
  return changed;
}

Result<int64_t> IndicatorService::DeleteFigures(const auth::Actor& actor, int period,
                                                const std::string& org_unit,
                                                const std::string& code) {
  YW_ASSIGN_OR_RETURN(int64_t deleted, figure_store_->Delete(actor, period, org_unit, code));
  YW_RETURN_IF_ERROR(FiguresChanged());
  return deleted;
}

Result<FigureImportOutcome> IndicatorService::ImportFigures(const auth::Actor& actor,
                                                            const std::string& file_name,
                                                            std::string_view data) {
  YW_ASSIGN_OR_RETURN(FigureImportOutcome out, figure_store_->Import(actor, file_name, data));
  if (out.errors.empty() && out.inserted + out.updated > 0) YW_RETURN_IF_ERROR(FiguresChanged());
  return out;
}

}  // namespace yuanwu::indicators
