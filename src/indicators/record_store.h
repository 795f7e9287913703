// RecordStore: writes the records of one import batch inside the caller's transaction and
// replaces what they supersede, so that re-importing a file never doubles a record.
//
// Replacement is by the dataset's identity: a discharge by (BAH, ZYCS), a visit by JZLSH, and
// the antibiotic / pathway rows of a discharge as a group by (BAH, ZYCS). Rows are written
// straight into the real tables (PostgreSQL by COPY, see platform/db/bulk_writer.h). Taken keys
// — repeats within the file (rejected) and rows of earlier batches (superseded) — are found on
// SQLite by the insert's own UNIQUE conflict, and on PostgreSQL by joining each chunk's keys
// (a small temporary table) to the unique index before the COPY. The caller's transaction
// makes it all or nothing.
//
// Usage (one transaction):
//   YW_ASSIGN_OR_RETURN(auto w, RecordStore::Begin(sql, dialect, dataset, batch_id));
//   for each chunk: YW_RETURN_IF_ERROR(w->Write(chunk, &rejects));  // duplicate keys
//   YW_ASSIGN_OR_RETURN(CommitCounts n, w->Commit());
#pragma once

#include <soci/soci.h>

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "indicators/record_parser.h"
#include "platform/db/bulk_writer.h"

namespace yuanwu::indicators {

struct CommitCounts {
  int64_t inserted = 0;
  int64_t replaced = 0;  // rows of earlier batches superseded by this one
};

// The qc_finding columns a finding is written with, and the writer of one row (without
// EndRow), shared by the batch writer and the importer's failed-batch path.
const std::vector<std::string>& FindingColumns();
void WriteFinding(db::BulkWriter& w, int64_t batch, std::string_view dataset,
                  const RecordFinding& rf);

class RecordStore {
 public:
  static Result<std::unique_ptr<RecordStore>> Begin(soci::session& sql, db::Dialect dialect,
                                                    Dataset dataset, int64_t batch_id);
  ~RecordStore();

  // Writes the chunk's records and their findings. A key that repeats an earlier record of
  // the file is appended to `rejects` (naming both lines) and not written again.
  Status Write(const ParsedChunk& chunk, std::vector<RecordFinding>* rejects);

  // Replaces the antibiotic / pathway groups, counts, and marks batches left without rows as
  // replaced. Call only when no row was rejected.
  Result<CommitCounts> Commit();

 private:
  RecordStore(soci::session& sql, db::Dialect dialect, Dataset dataset, int64_t batch_id)
      : sql_(sql), dialect_(dialect), dataset_(dataset), batch_(batch_id) {}
  Status Open();
  Status FlushAll();
  Status Exec(const std::string& statement);
  Status CheckKeys(const ParsedChunk& chunk, std::vector<RecordFinding>* rejects,
                   std::set<std::string>* skip);
  Status OnTakenKey(const std::string& key, int64_t zycs, int64_t line, size_t index,
                    std::vector<RecordFinding>* rejects);
  Status ReplaceStaged();
  void StageKey(const std::string& key, int64_t zycs, int64_t line);
  std::string StagedJoin() const;
  std::string StagedKeySql() const;
  // false: the key is taken (SQLite, by_conflict_), nothing of the record was written.
  Result<bool> WriteDischarge(const Discharge& d);
  Result<bool> WriteVisit(const Visit& v);

  // The prepared lookup of a taken key's owner (SQLite).
  struct KeyLookup {
    std::string key;
    long long zycs = 0, batch = 0, line = 0;
    std::unique_ptr<soci::statement> st;
  };

  soci::session& sql_;
  db::Dialect dialect_;
  Dataset dataset_;
  int64_t batch_;
  // Discharge ids are assigned here (migrations/0006): the table has no sequence of its own.
  int64_t next_id_ = 0;
  int64_t replaced_ = 0;
  // SQLite finds taken keys by the insert's UNIQUE conflict; PostgreSQL checks each chunk's
  // keys first (CheckKeys), since a conflict inside COPY fails the whole COPY.
  bool by_conflict_ = false;
  std::unique_ptr<KeyLookup> lookup_;
  std::vector<size_t> deferred_;  // SQLite: records of this chunk waiting for their old rows
  std::unordered_map<std::string, int64_t> deferred_keys_;  // … by key → line
  std::unique_ptr<db::BulkWriter> main_, diagnoses_, procedures_, findings_, keys_;
};

}  // namespace yuanwu::indicators
