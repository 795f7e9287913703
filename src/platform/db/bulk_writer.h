// BulkWriter: appends many rows to one table inside the caller's transaction, fast on both
// engines. Row-at-a-time INSERTs cost a network round trip each on PostgreSQL (~22 s per
// 100,000 rows, see ../shared/stack.md), so there rows are buffered and sent with COPY FROM
// STDIN; on SQLite one prepared INSERT is stepped per row through the C API (no per-row SOCI
// overhead).
//
// Rows are built value by value and closed with EndRow(). Text values are views: they must stay
// valid until EndRow() returns (SQLite binds them without a copy). On PostgreSQL nothing is sent
// until Flush() (or the buffer passes a few MB); only one COPY can run on a connection at a time,
// and Flush() finishes its COPY before returning, so several writers may share one session as long
// as their Flush() calls do not overlap (they cannot: the session is single-threaded).
//
// Example:
//   YW_ASSIGN_OR_RETURN(auto w, BulkWriter::Open(sql, dialect, "visit", {"jzlsh", "zfy"}));
//   w->Text("V001"); w->Int(12345); YW_RETURN_IF_ERROR(w->EndRow());
//   YW_RETURN_IF_ERROR(w->Flush());
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/db/database.h"

namespace yuanwu::db {

class BulkWriter {
 public:
  static Result<std::unique_ptr<BulkWriter>> Open(soci::session& sql, Dialect dialect,
                                                  std::string table,
                                                  std::vector<std::string> columns);
  virtual ~BulkWriter() = default;

  virtual void Null() = 0;
  virtual void Int(int64_t v) = 0;
  virtual void Real(double v) = 0;
  // Valid UTF-8 without NUL bytes; the bytes must live until EndRow() returns.
  virtual void Text(std::string_view v) = 0;
  // Ends a row; kInternal if the row does not have one value per column. On SQLite a row that
  // breaks a UNIQUE or PRIMARY KEY constraint returns kAlreadyExists and is not written (the
  // transaction goes on), so a caller can resolve the conflict and write the row again; on
  // PostgreSQL constraints are checked at Flush(), where any violation fails the COPY.
  virtual Status EndRow() = 0;
  // Sends everything buffered (PostgreSQL); no-op on SQLite.
  virtual Status Flush() = 0;

  int64_t rows() const { return rows_; }

 protected:
  int64_t rows_ = 0;
};

}  // namespace yuanwu::db
