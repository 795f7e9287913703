#include "indicators/importer.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "indicators/import_report_thread.h"
#include "indicators/record_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/db/bulk_writer.h"
#include "platform/db/row.h"
#include "platform/tabular/csv_reader.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

constexpr size_t kMaxFindingsKept = 200000;  // the report lists at most this many
constexpr size_t kSampleSize = 200;
constexpr size_t kXlsxRowsPerChunk = 5000;
constexpr size_t kQueueDepth = 4;  // chunks in flight per stage: bounds memory

// Work handed to the parse workers: CSV bytes or already-split XLSX rows.
struct SourceChunk {
  int64_t seq = 0;
  int64_t bytes = 0;
  tabular::CsvChunk csv;
  std::vector<tabular::Row> rows;
  bool is_csv = true;
};

// A file opened for reading, either format.
class Source {
 public:
  static Result<std::unique_ptr<Source>> Open(const ImportRequest& r) {
    std::unique_ptr<Source> s(new Source);
    std::string lower = ToLowerAscii(r.file_name);
    if (lower.ends_with(".csv")) {
      Result<tabular::CsvChunker> c =
          r.data ? tabular::CsvChunker::FromString(*r.data) : tabular::CsvChunker::OpenFile(r.path);
      if (!c.ok()) return c.status();
      s->csv_.emplace(std::move(*c));
      s->header_ = s->csv_->header();
      std::error_code ec;
      s->total_ = r.data ? static_cast<int64_t>(r.data->size())
                         : static_cast<int64_t>(std::filesystem::file_size(r.path, ec));
      return s;
    }
    if (lower.ends_with(".xlsx")) {
      std::string data;
      if (r.data) {
        data = *r.data;
      } else {
        Result<std::string> read = ReadWholeFile(r.path);
        if (!read.ok()) return read.status();
        data = std::move(*read);
      }
      s->total_ = static_cast<int64_t>(data.size());
      YW_ASSIGN_OR_RETURN(tabular::Table t, tabular::ParseXlsx(data));
      s->header_ = std::move(t.header);
      s->rows_ = std::move(t.rows);
      return s;
    }
    return Status::Invalid("file", "只支持 CSV（UTF-8）或 XLSX 文件：" + r.file_name,
                           "only CSV (UTF-8) or XLSX files are supported: " + r.file_name);
  }

  const std::vector<std::string>& header() const { return header_; }
  int64_t total_bytes() const { return total_; }

  // Fills the next chunk; false at the end.
  Result<bool> Next(SourceChunk* out) {
    out->seq = seq_++;
    if (csv_) {
      out->is_csv = true;
      YW_ASSIGN_OR_RETURN(bool more, csv_->Next(&out->csv));
      out->bytes = static_cast<int64_t>(out->csv.data.size());
      return more;
    }
    out->is_csv = false;
    if (next_row_ >= rows_.size()) return false;
    size_t end = std::min(rows_.size(), next_row_ + kXlsxRowsPerChunk);
    out->rows.assign(std::make_move_iterator(rows_.begin() + next_row_),
                     std::make_move_iterator(rows_.begin() + end));
    out->bytes = total_ * static_cast<int64_t>(end - next_row_) /
                 static_cast<int64_t>(std::max<size_t>(rows_.size(), 1));
    next_row_ = end;
    return true;
  }

 private:
  static Result<std::string> ReadWholeFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Status::Invalid("file", "无法打开文件：" + path, "cannot open file: " + path);
    std::string out;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
    return out;
  }

  std::optional<tabular::CsvChunker> csv_;
  std::vector<std::string> header_;
  std::vector<tabular::Row> rows_;
  size_t next_row_ = 0;
  int64_t total_ = 0;
  int64_t seq_ = 0;
};

// Runs `parser` over one chunk.
ParsedChunk ParseChunk(const RecordParser& parser, tabular::CsvChunkParser& csv,
                       const SourceChunk& in) {
  ParsedChunk out;
  out.bytes = in.bytes;
  if (in.is_csv) {
    // One record per line but for quoted line breaks: reserve once instead of moving every
    // record (a Discharge is ~1 KB of strings) each time the vector grows.
    size_t lines = 1;
    const char* p = in.csv.data.data();
    const char* end = p + in.csv.data.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
      ++lines;
      ++p;
    }
    out.Reserve(parser.dataset(), lines);
    Status s = csv.Parse(in.csv, [&](int64_t line, std::span<const std::string_view> cells) {
      parser.Parse(line, cells, &out);
      return Status::Ok();
    });
    (void)s;  // the callback never fails; chunk-level errors surfaced in Next()
    return out;
  }
  out.Reserve(parser.dataset(), in.rows.size());
  std::vector<std::string_view> cells;
  for (const tabular::Row& r : in.rows) {
    cells.assign(r.cells.begin(), r.cells.end());
    parser.Parse(r.line, cells, &out);
  }
  return out;
}

// Reader → workers → ordered consumer, with bounded queues so memory stays flat.
class Pipeline {
 public:
  Pipeline(Source& source, const RecordParser& parser, int threads)
      : source_(source), parser_(parser) {
    reader_ = std::thread([this] { Read(); });
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~Pipeline() {
    {
      std::lock_guard<std::mutex> l(mu_);
      cancelled_ = true;
    }
    cv_.notify_all();
    reader_.join();
    for (auto& w : workers_) w.join();
  }

  // The next parsed chunk in file order; nullopt at the end (check status()).
  std::optional<ParsedChunk> Next() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] {
      return done_.count(next_out_) || (read_done_ && pending_ == 0 && input_.empty()) ||
             !status_.ok();
    });
    auto it = done_.find(next_out_);
    if (it == done_.end()) return std::nullopt;
    ParsedChunk c = std::move(it->second);
    done_.erase(it);
    ++next_out_;
    cv_.notify_all();
    return c;
  }
  // Hands a written chunk back so that a worker frees it (thousands of records' strings) and
  // not the writer thread, which sets the pace of the import.
  void Recycle(ParsedChunk&& c) {
    std::lock_guard<std::mutex> l(mu_);
    spent_.push_back(std::move(c));
    cv_.notify_all();
  }
  Status status() {
    std::lock_guard<std::mutex> l(mu_);
    return status_;
  }

 private:
  void Read() {
    while (true) {
      SourceChunk c;
      Result<bool> more = source_.Next(&c);
      std::unique_lock<std::mutex> l(mu_);
      if (!more.ok() || !*more) {
        if (!more.ok()) status_ = more.status();
        read_done_ = true;
        cv_.notify_all();
        return;
      }
      cv_.wait(l, [&] {
        return cancelled_ || input_.size() + done_.size() + pending_ < kQueueDepth * 2;
      });
      if (cancelled_) return;
      input_.push_back(std::move(c));
      cv_.notify_all();
    }
  }
  void Work() {
    tabular::CsvChunkParser csv;  // one per thread: it keeps scratch buffers
    while (true) {
      SourceChunk c;
      {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [&] { return cancelled_ || !input_.empty() || read_done_ || !spent_.empty(); });
        if (!spent_.empty() && !cancelled_) {
          ParsedChunk spent = std::move(spent_.front());
          spent_.pop_front();
          l.unlock();
          continue;  // `spent` is freed here, outside the lock
        }
        if (cancelled_ || (input_.empty() && read_done_)) return;
        c = std::move(input_.front());
        input_.pop_front();
        ++pending_;
      }
      ParsedChunk p = ParseChunk(parser_, csv, c);
      std::lock_guard<std::mutex> l(mu_);
      done_.emplace(c.seq, std::move(p));
      --pending_;
      cv_.notify_all();
    }
  }

  Source& source_;
  const RecordParser& parser_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<SourceChunk> input_;
  std::deque<ParsedChunk> spent_;
  std::map<int64_t, ParsedChunk> done_;
  int64_t next_out_ = 0;
  size_t pending_ = 0;
  bool read_done_ = false, cancelled_ = false;
  Status status_;
  std::thread reader_;
  std::vector<std::thread> workers_;
};

// Keeps the findings the report's list and the outcome need, within a fixed bound.
struct Collector {
  std::vector<RecordFinding> findings;
  bool truncated = false;
  int64_t rejects = 0, errors = 0, warnings = 0;

  void Add(std::vector<RecordFinding>&& fs) {
    for (RecordFinding& f : fs) {
      switch (f.finding.severity) {
        case Severity::kReject:
          ++rejects;
          break;
        case Severity::kError:
          ++errors;
          break;
        case Severity::kWarning:
          ++warnings;
          break;
      }
      if (findings.size() < kMaxFindingsKept) {
        findings.push_back(std::move(f));
      } else {
        truncated = true;
      }
    }
  }
};

std::string BatchJson(const ImportOutcome& o, std::string_view dataset, const std::string& file) {
  nlohmann::ordered_json j = {
      {"dataset", dataset},   {"file", file},           {"committed", o.committed},
      {"records", o.records}, {"inserted", o.inserted}, {"replaced", o.replaced},
      {"rejects", o.rejects}, {"errors", o.errors},     {"warnings", o.warnings}};
  return j.dump();
}

Status StoreFindings(soci::session& sql, db::Dialect dialect, const std::string& dataset,
                     int64_t batch, const std::vector<RecordFinding>& findings) {
  YW_ASSIGN_OR_RETURN(auto w, db::BulkWriter::Open(sql, dialect, "qc_finding", FindingColumns()));
  for (const RecordFinding& rf : findings) {
    WriteFinding(*w, batch, dataset, rf);
    YW_RETURN_IF_ERROR(w->EndRow());
  }
  return w->Flush();
}

// Rejections first (the sample and the report): they are what the user must fix.
void RejectionsFirst(std::vector<RecordFinding>* findings) {
  std::stable_sort(findings->begin(), findings->end(),
                   [](const RecordFinding& a, const RecordFinding& b) {
                     return a.finding.severity < b.finding.severity;
                   });
}

}  // namespace

Result<std::set<std::string>> Importer::DepartmentCodes() {
  return db_.Query<std::set<std::string>>([](soci::session& sql) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    db::ForEachRow(sql, "SELECT code FROM department", {},
                   [&](const soci::row& r) { out.insert(db::Text(r, 0)); });
    return out;
  });
}

Result<ImportOutcome> Importer::Import(const ImportRequest& req) {
  YW_ASSIGN_OR_RETURN(std::unique_ptr<Source> source, Source::Open(req));
  YW_ASSIGN_OR_RETURN(std::set<std::string> departments, DepartmentCodes());
  YW_ASSIGN_OR_RETURN(RecordParser parser, RecordParser::Create(req.dataset, source->header(),
                                                                req.mapping, &qc_, &departments));
  const std::string dataset(DatasetName(req.dataset));
  const std::string now = FormatTimestamp(clock_.NowSeconds());
  const std::string sha = req.data ? Sha256Hex(*req.data) : "";

  ImportOutcome out;
  out.ignored_columns = parser.ignored_columns();
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
    long long uid = req.actor.user_id;
    soci::indicator uid_ind = uid ? soci::i_ok : soci::i_null;
    int demo = req.demo ? 1 : 0;
    long long bytes = source->total_bytes();
    sql << "INSERT INTO import_batch (dataset, file_name, file_sha256, file_bytes, status, "
           "source, mapping_name, demo, created_by, created_at) VALUES (:d, :f, :s, :b, "
           "'running', :src, :m, :demo, :u, :t)",
        soci::use(dataset), soci::use(req.file_name), soci::use(sha), soci::use(bytes),
        soci::use(req.source), soci::use(req.mapping_name), soci::use(demo),
        soci::use(uid, uid_ind), soci::use(now);
    long long id = 0;
    sql << "SELECT MAX(id) FROM import_batch WHERE created_at = :t AND file_name = :f",
        soci::use(now), soci::use(req.file_name), soci::into(id);
    out.batch_id = id;
    return Status::Ok();
  }));

  Collector collected;
  int threads = req.threads > 0
                    ? req.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ImportProgress progress;
  progress.bytes_total = source->total_bytes();
  int period_min = 0, period_max = 0;
  auto note_period = [&](int p) {
    if (p <= 0) return;
    period_min = period_min ? std::min(period_min, p) : p;
    period_max = std::max(period_max, p);
  };

  // The XLSX report is written on its own thread: the flagged rows as the chunks pass, the
  // list of findings while the batch commits or rolls back.
  std::unique_ptr<ImportReportThread> reporter;
  auto reporter_started = [&]() -> ImportReportThread& {
    if (!reporter) {
      reporter = std::make_unique<ImportReportThread>(req.file_name, source->header(),
                                                      parser.canonical_header());
    }
    return *reporter;
  };
  auto start_report = [&] {
    RejectionsFirst(&collected.findings);
    return reporter_started().Finish(collected.findings, collected.truncated);
  };
  std::future<Result<std::string>> report;

  // The batch's records: one transaction; rejected rows roll it back. A bulk one: durable at
  // commit, copied into the database file afterwards (Database::TransactBulk).
  Status records = db_.TransactBulk([&](soci::session& sql) {
    YW_ASSIGN_OR_RETURN(std::unique_ptr<RecordStore> store,
                        RecordStore::Begin(sql, db_.dialect(), req.dataset, out.batch_id));
    Pipeline pipe(*source, parser, threads);
    while (std::optional<ParsedChunk> chunk = pipe.Next()) {
      out.records += chunk->records;
      for (const Discharge& d : chunk->discharges) note_period(d.period());
      for (const Visit& v : chunk->visits) note_period(PeriodOf(v.jzsj.date));
      // Rows are written even after a rejection (the transaction is rolled back then), so that
      // duplicate keys are found and reported together with every other rejection.
      std::vector<RecordFinding> dups;
      YW_RETURN_IF_ERROR(store->Write(*chunk, &dups));
      if (!chunk->flagged.empty()) {
        std::vector<RecordFinding> about = chunk->findings;
        about.insert(about.end(), dups.begin(), dups.end());
        reporter_started().Add(std::move(chunk->flagged), std::move(about));
      }
      collected.Add(std::move(chunk->findings));
      collected.Add(std::move(dups));
      progress.bytes_done += chunk->bytes;
      pipe.Recycle(std::move(*chunk));
      progress.records = out.records;
      if (req.progress) req.progress(progress);
    }
    YW_RETURN_IF_ERROR(pipe.status());
    if (!parser.absent_required().empty()) {
      // One notice for the whole file instead of one per record and column.
      std::string cols;
      for (const std::string& c : parser.absent_required()) cols += (cols.empty() ? "" : "、") + c;
      RecordFinding rf;
      rf.line = 1;
      rf.finding.rule = "required.columns_absent";
      rf.finding.severity = Severity::kWarning;
      rf.finding.category = QcCategory::kCompleteness;
      rf.finding.value = cols;
      rf.finding.message = "文件缺少 " + std::to_string(parser.absent_required().size()) +
                           " 个首页必填项目的列（" + cols + "），每份病案均按未填写计入完整率";
      rf.finding.message_en = "the file lacks " + std::to_string(parser.absent_required().size()) +
                              " required 首页 columns (" + cols +
                              "); every record counts them as not filled";
      ParsedChunk notice;  // stored with the batch like every other finding
      notice.findings.push_back(rf);
      std::vector<RecordFinding> none;
      YW_RETURN_IF_ERROR(store->Write(notice, &none));
      collected.Add({rf});
    }
    // Every finding is known: nothing below adds to `collected`.
    if (!collected.findings.empty() || collected.rejects > 0) report = start_report();

    if (collected.rejects > 0) {
      return Status::Invalid("file",
                             "文件中有 " + std::to_string(collected.rejects) +
                                 " 处无法导入的数据，整批未导入，请按错误报告修改后重新导入",
                             std::to_string(collected.rejects) +
                                 " values could not be imported; nothing of this batch was "
                                 "imported — fix them as the error report says and import again");
    }
    YW_ASSIGN_OR_RETURN(CommitCounts n, store->Commit());
    out.inserted = n.inserted;
    out.replaced = n.replaced;
    return Status::Ok();
  });
  out.committed = records.ok();
  out.failure = records;
  out.rejects = collected.rejects;
  out.errors = collected.errors;
  out.warnings = collected.warnings;
  out.period_from = period_min;
  out.period_to = period_max;

  // A batch that failed before its findings were complete (a database error) still gets one.
  if (!report.valid() && (!collected.findings.empty() || !records.ok())) report = start_report();
  for (size_t i = 0; i < collected.findings.size() && i < kSampleSize; ++i)
    out.sample.push_back(collected.findings[i]);
  if (report.valid()) {
    Result<std::string> xlsx = report.get();
    if (xlsx.ok()) {
      Result<std::string> key = files_.Put(*xlsx);
      if (key.ok()) out.report_key = *key;
    }
  }

  // Finalize the batch row (and the audit entry) whatever happened to the records.
  std::string status = out.committed ? "committed" : "failed";
  std::string message = out.committed ? "" : records.message();
  std::string message_en = out.committed ? "" : records.message_en();
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
    long long id = out.batch_id, rows = out.inserted, replaced = out.replaced,
              rejects = out.rejects, errors = out.errors, warnings = out.warnings;
    long long pf = out.period_from, pt = out.period_to;
    soci::indicator pi = pf ? soci::i_ok : soci::i_null;
    std::string fin = FormatTimestamp(clock_.NowSeconds());
    sql << "UPDATE import_batch SET status = :s, row_count = :r, replaced_count = :rp, "
           "reject_count = :rj, error_count = :e, warning_count = :w, period_from = :pf, "
           "period_to = :pt, report_key = :k, message = :m, message_en = :me, finished_at = :fin "
           "WHERE id = :id",
        soci::use(status), soci::use(rows), soci::use(replaced), soci::use(rejects),
        soci::use(errors), soci::use(warnings), soci::use(pf, pi), soci::use(pt, pi),
        soci::use(out.report_key), soci::use(message), soci::use(message_en), soci::use(fin),
        soci::use(id);
    if (!out.committed && !collected.findings.empty()) {
      // The records are gone with the rolled-back transaction; what was wrong with them stays
      // with the batch (the findings list of the console), as far as it was kept in memory.
      Status stored = StoreFindings(sql, db_.dialect(), dataset, out.batch_id, collected.findings);
      if (!stored.ok()) return stored;
    }
    audit::Change c{"indicators.import", "import_batch", std::to_string(out.batch_id), "{}",
                    BatchJson(out, dataset, req.file_name)};
    return audit::Append(sql, db_.dialect(), clock_, req.actor, c);
  }));
  if (!out.committed && records.code() != StatusCode::kInvalidArgument) return records;
  return out;
}

}  // namespace yuanwu::indicators
