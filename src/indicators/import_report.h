// The error report of an import as an XLSX workbook: sheet 「问题清单」 lists every finding
// (file, line, record, column, value, level, rule, reason zh / en); sheet 「问题行」 repeats
// each row that has a finding, cells as they were in the file, with the offending cells filled
// red and the reason attached as a cell note.
//
// The rows sheet is written while the import runs, chunk by chunk, and the list when every
// finding is known (rejections first): a million-record file with 2 % flagged rows spent two
// seconds writing the report after its last record, with nothing else left to do.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "indicators/record_parser.h"
#include "platform/base/result.h"
#include "platform/tabular/xlsx_report.h"

namespace yuanwu::indicators {

// One thread at a time (the importer gives it its own).
class ImportReportWriter {
 public:
  // At most this many rows are copied into 「问题行」; every finding still goes to the list.
  static constexpr size_t kMaxRows = 100000;

  // `header`: the file's header as written; `canonical`: the canonical column per source
  // column (which cell a finding's field marks). Errors: the scratch file cannot be written.
  static Result<std::unique_ptr<ImportReportWriter>> Start(std::string file_name,
                                                           std::vector<std::string> header,
                                                           std::vector<std::string> canonical);
  ~ImportReportWriter();  // removes the scratch file
  ImportReportWriter(const ImportReportWriter&) = delete;
  ImportReportWriter& operator=(const ImportReportWriter&) = delete;

  // Rows with findings, in file order, and findings about them (findings about other lines
  // are ignored here; they belong in the list).
  Status AddRows(const std::vector<FlaggedRow>& rows, const std::vector<RecordFinding>& findings);

  // Writes 「问题清单」 (`findings` in the order given; `truncated`: more existed than were kept)
  // and returns the workbook's bytes. Call once.
  Result<std::string> Finish(const std::vector<RecordFinding>& findings, bool truncated);

 private:
  ImportReportWriter() = default;

  std::string file_name_;
  std::vector<std::string> header_, canonical_;
  std::filesystem::path path_;
  std::unique_ptr<tabular::XlsxReport> book_;
  tabular::XlsxReport::Sheet list_, rows_;
  size_t rows_written_ = 0;
};

}  // namespace yuanwu::indicators
