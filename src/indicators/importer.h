// Importer: one file of one dataset → one import batch, committed whole or not at all.
//
// The file streams through in chunks of whole records (CSV; XLSX sheets are read whole, which
// Excel's 1,048,576-row limit keeps bounded): a reader thread cuts chunks, worker threads parse
// and run 首页质控 (both cores), and the calling thread writes them in file order into one
// database transaction (record_store.h). Any rejected record (unreadable key or value,
// duplicate key) rolls the transaction back; the batch is then recorded as failed with its
// error report, and none of its records exist. Findings that are not rejections are stored with
// the records (qc_finding) and also go into the report.
//
// Every batch, committed or failed, has an import_batch row (lineage: each record carries its
// batch_id) and an audit entry.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indicators/dataset.h"
#include "indicators/qc.h"
#include "indicators/record_parser.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/db/database.h"

namespace yuanwu::indicators {

struct ImportProgress {
  int64_t bytes_done = 0;
  int64_t bytes_total = 0;
  int64_t records = 0;
};

struct ImportRequest {
  Dataset dataset = Dataset::kDischarges;
  std::string file_name;            // shown in reports; ".csv" or ".xlsx" decides the format
  std::string path;                 // read from disk, streaming …
  std::optional<std::string> data;  // … or from memory (console uploads)
  std::map<std::string, std::string> mapping;  // source header → canonical column
  std::string mapping_name;
  std::string source = "cli";  // cli | console | demo
  bool demo = false;           // generated demonstration data
  auth::Actor actor = auth::Actor::System();
  int threads = 0;  // parse workers; 0 = one per core
  std::function<void(const ImportProgress&)> progress;
};

struct ImportOutcome {
  int64_t batch_id = 0;
  bool committed = false;
  int64_t records = 0;   // rows read from the file
  int64_t inserted = 0;  // committed rows
  int64_t replaced = 0;  // rows of earlier batches superseded
  int64_t rejects = 0, errors = 0, warnings = 0;
  int period_from = 0, period_to = 0;  // YYYYMM, 0 when unknown
  std::string report_key;              // FileStore key of the XLSX report ("" = no findings)
  std::vector<std::string> ignored_columns;
  std::vector<RecordFinding> sample;  // the first findings (at most 200), rejections first
  Status failure;                     // why the batch failed (OK when committed)
};

class Importer {
 public:
  Importer(db::Database& db, FileStore& files, const QcRules& qc, const Clock& clock)
      : db_(db), files_(files), qc_(qc), clock_(clock) {}

  // A Status error means the file could not be imported at all before a batch was opened
  // (unknown format, unreadable file, missing key columns): nothing is recorded then. A batch
  // that fails on its records returns an outcome with committed = false.
  Result<ImportOutcome> Import(const ImportRequest& request);

 private:
  Result<std::set<std::string>> DepartmentCodes();

  db::Database& db_;
  FileStore& files_;
  const QcRules& qc_;
  const Clock& clock_;
};

}  // namespace yuanwu::indicators
