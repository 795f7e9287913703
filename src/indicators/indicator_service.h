// IndicatorService: the indicators module's front door for the app, the CLI and the API —
// the 首页质控 rules, the importer and the engine, kept consistent: after every committed
// import the engine re-reads what changed, and definitions edited by an administrator are
// stored (indicator_definition) and applied to the engine at once.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "indicators/engine.h"
#include "indicators/importer.h"
#include "indicators/indicator_store.h"
#include "indicators/qc.h"
#include "platform/base/embedded.h"

namespace yuanwu::indicators {

class IndicatorService {
 public:
  // `embedded`: the app's embedded files; data/indicators/qc/*.csv and
  // data/indicators/definitions.json are read from it.
  static Result<std::unique_ptr<IndicatorService>> Create(db::Database& db, FileStore& files,
                                                          const Clock& clock,
                                                          const EmbeddedFile* embedded);

  // Seeds the shipped definitions that are not in the database yet and gives the enabled ones
  // to the engine. Records are read on the first query (or by LoadRecords), so that command-line
  // tools which never ask for an indicator do not pay for it.
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
  const QcRules& qc() const { return *qc_; }

 private:
  IndicatorService(db::Database& db, FileStore& files, const Clock& clock)
      : db_(db), files_(files), clock_(clock) {}
  Result<std::vector<Indicator>> StoredIndicators();

  db::Database& db_;
  FileStore& files_;
  const Clock& clock_;
  std::string shipped_definitions_;
  std::unique_ptr<QcRules> qc_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Importer> importer_;
  std::unique_ptr<IndicatorStore> store_;
  std::mutex load_mu_;
  bool loaded_ = false;
};

}  // namespace yuanwu::indicators
