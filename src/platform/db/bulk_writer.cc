#include "platform/db/bulk_writer.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <charconv>
#include <cstdio>

namespace yuanwu::db {
namespace {

// SOCI declares the SQLite C API inside this namespace.
using namespace sqlite_api;  // NOLINT(build/namespaces)

constexpr size_t kFlushBytes = 4 << 20;

Status ColumnCount(size_t got, size_t want, const std::string& table) {
  if (got == want) return Status::Ok();
  return Status::Internal("bulk row for " + table + " has " + std::to_string(got) +
                          " values, expected " + std::to_string(want));
}

class PostgresWriter final : public BulkWriter {
 public:
  PostgresWriter(PGconn* conn, std::string table, std::vector<std::string> columns)
      : conn_(conn), table_(std::move(table)), width_(columns.size()) {
    copy_sql_ = "COPY " + table_ + " (";
    for (size_t i = 0; i < columns.size(); ++i) copy_sql_ += (i ? ", " : "") + columns[i];
    copy_sql_ += ") FROM STDIN";
  }

  void Null() override { Sep(), buf_ += "\\N"; }
  void Int(int64_t v) override {
    Sep();
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buf_.append(tmp, r.ptr);
  }
  void Real(double v) override {
    Sep();
    char tmp[32];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v);  // shortest round-trip form
    buf_.append(tmp, r.ptr);
  }
  void Text(std::string_view v) override {
    Sep();
    if (v.find_first_of("\\\t\n\r") == std::string_view::npos) {
      buf_.append(v);  // the common case: nothing to escape
      return;
    }
    for (char c : v) {  // COPY text format escapes
      switch (c) {
        case '\\':
          buf_ += "\\\\";
          break;
        case '\t':
          buf_ += "\\t";
          break;
        case '\n':
          buf_ += "\\n";
          break;
        case '\r':
          buf_ += "\\r";
          break;
        default:
          buf_ += c;
      }
    }
  }
  Status EndRow() override {
    size_t n = in_row_;
    in_row_ = 0;
    buf_ += '\n';
    ++rows_;
    YW_RETURN_IF_ERROR(ColumnCount(n, width_, table_));
    if (buf_.size() >= kFlushBytes) return Flush();
    return Status::Ok();
  }
  Status Flush() override {
    if (buf_.empty()) return Status::Ok();
    PGresult* res = PQexec(conn_, copy_sql_.c_str());
    bool started = PQresultStatus(res) == PGRES_COPY_IN;
    std::string err = started ? "" : PQerrorMessage(conn_);
    PQclear(res);
    if (!started) return StatusFromDbError(err);
    bool sent = PQputCopyData(conn_, buf_.data(), static_cast<int>(buf_.size())) == 1;
    buf_.clear();
    bool ended = PQputCopyEnd(conn_, sent ? nullptr : "send failed") == 1;
    Status out;
    while ((res = PQgetResult(conn_)) != nullptr) {
      if (PQresultStatus(res) != PGRES_COMMAND_OK && out.ok())
        out = StatusFromDbError(PQresultErrorMessage(res));
      PQclear(res);
    }
    if (out.ok() && (!sent || !ended)) out = StatusFromDbError(PQerrorMessage(conn_));
    return out;
  }

 private:
  void Sep() {
    if (in_row_++) buf_ += '\t';
  }

  PGconn* conn_;
  std::string table_;
  size_t width_;
  std::string copy_sql_;
  std::string buf_;
  size_t in_row_ = 0;
};

class SqliteWriter final : public BulkWriter {
 public:
  SqliteWriter(sqlite3* db, std::string table, size_t width)
      : db_(db), table_(std::move(table)), width_(width) {}
  ~SqliteWriter() override { sqlite3_finalize(stmt_); }

  Status Prepare(const std::vector<std::string>& columns) {
    std::string sql = "INSERT INTO " + table_ + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      return StatusFromDbError(sqlite3_errmsg(db_));
    return Status::Ok();
  }

  void Null() override { sqlite3_bind_null(stmt_, Next()); }
  void Int(int64_t v) override { sqlite3_bind_int64(stmt_, Next(), v); }
  void Real(double v) override { sqlite3_bind_double(stmt_, Next(), v); }
  void Text(std::string_view v) override {
    // SQLITE_STATIC: the caller keeps the bytes alive until EndRow (see the header); a copy per
    // value was a tenth of a bulk import's time.
    sqlite3_bind_text(stmt_, Next(), v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  Status EndRow() override {
    size_t n = static_cast<size_t>(param_);
    param_ = 0;
    YW_RETURN_IF_ERROR(ColumnCount(n, width_, table_));
    int rc = sqlite3_step(stmt_);
    if (rc != SQLITE_DONE) {
      int extended = sqlite3_extended_errcode(db_);
      std::string message = sqlite3_errmsg(db_);
      sqlite3_reset(stmt_);
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Status::Conflict("记录已存在：" + message, "the row already exists: " + message);
      return StatusFromDbError(message);
    }
    sqlite3_reset(stmt_);
    ++rows_;
    return Status::Ok();
  }
  Status Flush() override { return Status::Ok(); }

 private:
  int Next() { return ++param_; }

  sqlite3* db_;
  std::string table_;
  size_t width_;
  sqlite3_stmt* stmt_ = nullptr;
  int param_ = 0;
};

}  // namespace

Result<std::unique_ptr<BulkWriter>> BulkWriter::Open(soci::session& sql, Dialect dialect,
                                                     std::string table,
                                                     std::vector<std::string> columns) {
  if (dialect == Dialect::kPostgres) {
    auto* be = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    return std::unique_ptr<BulkWriter>(
        new PostgresWriter(be->conn_, std::move(table), std::move(columns)));
  }
  auto* be = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  auto w = std::make_unique<SqliteWriter>(be->conn_, std::move(table), columns.size());
  YW_RETURN_IF_ERROR(w->Prepare(columns));
  return std::unique_ptr<BulkWriter>(std::move(w));
}

}  // namespace yuanwu::db
