// IndicatorService: the indicators module's front door for the app, the CLI and the API —
// the 首页质控 rules, the importer and the engine, kept consistent: after every committed
// import the engine re-reads what changed, and definitions edited by an administrator are
// stored (indicator_definition) and applied to the engine at once.
//
// The hospital's code tables (code_table_entry) are part of the 首页质控 rules: the rules are
// an immutable QcRules behind a shared_ptr, replaced whole when a table changes. An import
// takes the rules current when it starts and keeps them for its whole batch, so a code table
// imported meanwhile applies from the next batch on and never changes rules under a running
// one. Hospital-level figures (医院填报数据, period_figure) are saved, deleted and imported
// here too, so that every change reaches the engine.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "indicators/code_table_store.h"
#include "indicators/engine.h"
#include "indicators/figure.h"
#include "indicators/figure_store.h"
#include "indicators/importer.h"
#include "indicators/indicator_store.h"
#include "indicators/qc.h"
#include "platform/base/embedded.h"

namespace yuanwu::indicators {

class IndicatorService {
 public:
  // `embedded`: the app's embedded files; data/indicators/qc/*.csv,
  // data/indicators/definitions.json and data/indicators/figures.json are read from it.
  static Result<std::unique_ptr<IndicatorService>> Create(db::Database& db, FileStore& files,
                                                          const Clock& clock,
                                                          const EmbeddedFile* embedded);

  // Seeds the shipped definitions that are not in the database yet and gives the enabled ones
  // to the engine; loads the hospital's code tables into the 首页质控 rules. Records are read on
  // the first query (or by LoadRecords), so that command-line tools which never ask for an
  // indicator do not pay for it.
  Status Start();
  Status LoadRecords();

  // Imports one file; on commit a loaded engine is refreshed before this returns.
  Result<ImportOutcome> Import(const ImportRequest& request);

  Result<std::vector<ResultRow>> Run(const Query& q);
  // Re-reads the enabled definitions from the database into the engine (after an edit).
  Status ReloadDefinitions();
  IndicatorStore& store() { return *store_; }
  const Engine& engine() const { return *engine_; }
  Engine& engine() { return *engine_; }
  // The 首页质控 rules in force now (with the code tables loaded at the time).
  std::shared_ptr<const QcRules> qc() const;

  // 医院填报数据: reads go to the store; changes go through here.
  FigureStore& figures() { return *figure_store_; }
  const FigureCatalogue& figure_catalogue() const { return catalogue_; }
  Result<int64_t> SaveFigures(const auth::Actor& actor, const std::vector<FigureInput>& inputs);
  Result<int64_t> DeleteFigures(const auth::Actor& actor, int period, const std::string& org_unit,
                                const std::string& code);
  Result<FigureImportOutcome> ImportFigures(const auth::Actor& actor, const std::string& file_name,
                                            std::string_view data);

  // Code tables: the store for reads; replacing or clearing one reloads the rules.
  CodeTableStore& code_tables() { return *code_table_store_; }
  Result<CodeTableImport> ImportCodeTable(const auth::Actor& actor, CodeKind kind,
                                          const std::string& version, const std::string& file_name,
                                          std::string_view data);
  Result<int64_t> ClearCodeTable(const auth::Actor& actor, CodeKind kind);
  // Re-reads code_table_entry into a new QcRules and makes it current.
  Status ReloadCodeTables();

 private:
  IndicatorService(db::Database& db, FileStore& files, const Clock& clock)
      : db_(db), files_(files), clock_(clock) {}
  Result<std::vector<Indicator>> StoredIndicators();
  // After figures changed: refresh what the engine holds of them.
  Status FiguresChanged();

  db::Database& db_;
  FileStore& files_;
  const Clock& clock_;
  std::string shipped_definitions_;
  std::shared_ptr<const QcRules> qc_;  // guarded by qc_mu_; the object itself is immutable
  mutable std::mutex qc_mu_;
  std::mutex code_reload_mu_;  // one reload at a time: the last to read the tables swaps last
  FigureCatalogue catalogue_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<IndicatorStore> store_;
  std::unique_ptr<FigureStore> figure_store_;
  std::unique_ptr<CodeTableStore> code_table_store_;
  std::mutex load_mu_;
  bool loaded_ = false;
};

}  // namespace yuanwu::indicators
