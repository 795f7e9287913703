// RecordStore: writes the records of one import batch inside the caller's transaction and
// replaces what they supersede, so that re-importing a file never doubles a record.
//
// Replacement is by the dataset's identity: a discharge by (BAH, ZYCS), a visit by JZLSH, and
// the antibiotic / pathway rows of a discharge as a group by (BAH, ZYCS). Discharges and
// visits are staged in temporary tables first (their identity is UNIQUE in the real table),
// then the superseded rows are deleted and the staged ones inserted in set operations — fast on
// both engines (PostgreSQL rows arrive by COPY, see platform/db/bulk_writer.h).
//
// Usage (one transaction):
//   YW_ASSIGN_OR_RETURN(auto w, RecordStore::Begin(sql, dialect, dataset, batch_id));
//   for each chunk: YW_RETURN_IF_ERROR(w->Write(chunk));   // rejects duplicates in the file
//   YW_ASSIGN_OR_RETURN(CommitCounts n, w->Commit());
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
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

  // Stages the chunk's records and stores its findings.
  Status Write(const ParsedChunk& chunk);

  // Keys that occur twice in the file (discharges, visits), as rejections naming both lines.
  // Memory stays at 8 bytes per record: 64-bit key hashes are sorted, and only on a hash
  // collision are the staged keys read back to confirm.
  Result<std::vector<RecordFinding>> Duplicates();

  // Deletes the superseded rows, moves the staged rows in, marks batches left without rows as
  // replaced. Call only when no row was rejected.
  Result<CommitCounts> Commit();

 private:
  RecordStore(soci::session& sql, db::Dialect dialect, Dataset dataset, int64_t batch_id)
      : sql_(sql), dialect_(dialect), dataset_(dataset), batch_(batch_id) {}
  Status Open();
  Status FlushAll();
  Status Exec(const std::string& statement);

  soci::session& sql_;
  db::Dialect dialect_;
  Dataset dataset_;
  int64_t batch_;
  int64_t next_id_ = 0;
  std::vector<uint64_t> key_hashes_;  // discharges, visits
  std::unique_ptr<db::BulkWriter> main_, diagnoses_, procedures_, findings_;
};

}  // namespace yuanwu::indicators
