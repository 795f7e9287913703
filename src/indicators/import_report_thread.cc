#include "indicators/import_report_thread.h"

namespace yuanwu::indicators {
namespace {

// Rows waiting for the report thread before Add blocks (about 20 MB of 首页 rows).
constexpr size_t kMaxQueuedRows = 20000;

}  // namespace

ImportReportThread::ImportReportThread(std::string file_name, std::vector<std::string> header,
                                       std::vector<std::string> canonical)
    : file_name_(std::move(file_name)),
      header_(std::move(header)),
      canonical_(std::move(canonical)),
      thread_([this] { Run(); }) {}

ImportReportThread::~ImportReportThread() {
  {
    std::lock_guard<std::mutex> l(mu_);
    finishing_ = true;
    queue_.push_back(Item{Item::Kind::kStop, {}, {}, false});
  }
  cv_.notify_all();
  thread_.join();
}

void ImportReportThread::Add(std::vector<FlaggedRow> rows, std::vector<RecordFinding> findings) {
  std::unique_lock<std::mutex> l(mu_);
  if (finishing_) return;
  // Rows past the sheet's limit are never written: drop them here, not in the queue.
  const size_t room =
      ImportReportWriter::kMaxRows - std::min(accepted_rows_, ImportReportWriter::kMaxRows);
  if (rows.size() > room) rows.resize(room);
  if (rows.empty()) return;
  accepted_rows_ += rows.size();
  cv_.wait(l, [&] { return queued_rows_ < kMaxQueuedRows; });
  queued_rows_ += rows.size();
  queue_.push_back(Item{Item::Kind::kRows, std::move(rows), std::move(findings), false});
  cv_.notify_all();
}

std::future<Result<std::string>> ImportReportThread::Finish(std::vector<RecordFinding> findings,
                                                            bool truncated) {
  std::future<Result<std::string>> out = result_.get_future();
  {
    std::lock_guard<std::mutex> l(mu_);
    finishing_ = true;
    queue_.push_back(Item{Item::Kind::kFinish, {}, std::move(findings), truncated});
  }
  cv_.notify_all();
  return out;
}

void ImportReportThread::Run() {
  std::unique_ptr<ImportReportWriter> writer;
  Status failed;  // the first error; later rows are skipped
  auto open = [&] {
    if (writer || !failed.ok()) return;
    Result<std::unique_ptr<ImportReportWriter>> w =
        ImportReportWriter::Start(file_name_, header_, canonical_);
    if (w.ok()) {
      writer = std::move(*w);
    } else {
      failed = w.status();
    }
  };
  while (true) {
    Item item;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [&] { return !queue_.empty(); });
      item = std::move(queue_.front());
      queue_.pop_front();
      queued_rows_ -= item.rows.size();
    }
    cv_.notify_all();
    switch (item.kind) {
      case Item::Kind::kRows:
        open();
        if (writer && failed.ok()) failed = writer->AddRows(item.rows, item.findings);
        continue;
      case Item::Kind::kStop:
        return;  // the scratch file goes with the writer
      case Item::Kind::kFinish:
        open();
        if (failed.ok()) {
          result_.set_value(writer->Finish(item.findings, item.truncated));
        } else {
          result_.set_value(failed);
        }
        return;
    }
  }
}

}  // namespace yuanwu::indicators
