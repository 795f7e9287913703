// ImportReportThread: runs an ImportReportWriter on its own thread, so that the importer's
// writer thread — which sets the pace of an import — only hands over each chunk's flagged rows.
// The workbook is created at the first rows (a clean file never makes one). Memory stays
// bounded: rows past ImportReportWriter::kMaxRows are dropped before they are queued, and Add
// waits while too many rows are queued.
#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "indicators/import_report.h"

namespace yuanwu::indicators {

class ImportReportThread {
 public:
  ImportReportThread(std::string file_name, std::vector<std::string> header,
                     std::vector<std::string> canonical);
  ~ImportReportThread();  // waits for the thread; a report not finished is discarded
  ImportReportThread(const ImportReportThread&) = delete;
  ImportReportThread& operator=(const ImportReportThread&) = delete;

  // Rows with findings (file order) and the findings of their chunk, for 「问题行」.
  void Add(std::vector<FlaggedRow> rows, std::vector<RecordFinding> findings);
  // Every finding, in the list's order; the workbook's bytes, or why there are none. Once.
  std::future<Result<std::string>> Finish(std::vector<RecordFinding> findings, bool truncated);

 private:
  struct Item {
    enum class Kind { kRows, kFinish, kStop } kind = Kind::kRows;
    std::vector<FlaggedRow> rows;
    std::vector<RecordFinding> findings;
    bool truncated = false;
  };
  void Run();

  std::string file_name_;
  std::vector<std::string> header_, canonical_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  size_t queued_rows_ = 0;
  size_t accepted_rows_ = 0;
  bool finishing_ = false;
  std::promise<Result<std::string>> result_;
  std::thread thread_;
};

}  // namespace yuanwu::indicators
