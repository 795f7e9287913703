#include "indicators/import_report.h"

#include <fstream>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace yuanwu::indicators {
namespace {

std::string_view SeverityLabel(Severity s) {
  switch (s) {
    case Severity::kReject:
      return "拒收 reject";
    case Severity::kError:
      return "错误 error";
    case Severity::kWarning:
      return "提示 warning";
  }
  return "";
}

tabular::ReportCell Cell(std::string text, bool marked = false) {
  tabular::ReportCell c;
  c.text = std::move(text);
  c.marked = marked;
  return c;
}

}  // namespace

Result<std::unique_ptr<ImportReportWriter>> ImportReportWriter::Start(
    std::string file_name, std::vector<std::string> header, std::vector<std::string> canonical) {
  namespace fs = std::filesystem;
  std::unique_ptr<ImportReportWriter> w(new ImportReportWriter);
  w->file_name_ = std::move(file_name);
  w->header_ = std::move(header);
  w->canonical_ = std::move(canonical);
  std::error_code ec;
  // A private scratch file: libxlsxwriter writes to a path, we hand back the bytes.
  w->path_ =
      fs::temp_directory_path(ec) /
      ("yuanwu-report-" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) +
       "-" + std::to_string(reinterpret_cast<uintptr_t>(w.get())) + ".xlsx");
  YW_ASSIGN_OR_RETURN(w->book_, tabular::XlsxReport::Create(w->path_.string()));
  // The list comes first in the workbook although it is written last: each sheet only needs
  // its own rows in order.
  std::vector<std::string> list_header = {"文件 file", "行号 line", "记录 record",
                                          "列 column", "值 value",  "级别 level",
                                          "规则 rule", "原因",      "reason"};
  YW_ASSIGN_OR_RETURN(w->list_, w->book_->AddSheet("问题清单", list_header));
  std::vector<std::string> rows_header = {"行号 line"};
  rows_header.insert(rows_header.end(), w->header_.begin(), w->header_.end());
  YW_ASSIGN_OR_RETURN(w->rows_, w->book_->AddSheet("问题行", rows_header));
  return w;
}

ImportReportWriter::~ImportReportWriter() {
  book_.reset();  // closes the workbook if Finish did not
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

Status ImportReportWriter::AddRows(const std::vector<FlaggedRow>& rows,
                                   const std::vector<RecordFinding>& findings) {
  std::unordered_map<int64_t, std::vector<const RecordFinding*>> by_line;
  for (const RecordFinding& f : findings) by_line[f.line].push_back(&f);
  std::vector<tabular::ReportCell> cells;
  for (const FlaggedRow& r : rows) {
    if (rows_written_ >= kMaxRows) return Status::Ok();
    ++rows_written_;
    cells.clear();
    cells.push_back(Cell(std::to_string(r.line)));
    const size_t width = std::max(r.cells.size(), header_.size());
    for (size_t c = 0; c < width; ++c)
      cells.push_back(Cell(c < r.cells.size() ? r.cells[c] : std::string()));
    std::string record_note;
    auto it = by_line.find(r.line);
    if (it != by_line.end()) {
      for (const RecordFinding* f : it->second) {
        bool placed = false;
        for (size_t c = 0; c < canonical_.size(); ++c) {
          if (f->finding.field.empty() || canonical_[c] != f->finding.field) continue;
          tabular::ReportCell& target = cells[c + 1];
          target.marked = true;
          target.comment += (target.comment.empty() ? "" : "\n") + f->finding.message;
          placed = true;
        }
        // A finding about a column the file lacks (or the whole record) marks the line number.
        if (!placed) record_note += (record_note.empty() ? "" : "\n") + f->finding.message;
      }
    }
    if (!record_note.empty()) {
      cells[0].marked = true;
      cells[0].comment = record_note;
    }
    YW_RETURN_IF_ERROR(book_->AddRow(rows_, cells));
  }
  return Status::Ok();
}

Result<std::string> ImportReportWriter::Finish(const std::vector<RecordFinding>& findings,
                                               bool truncated) {
  for (const RecordFinding& f : findings) {
    std::vector<tabular::ReportCell> row = {Cell(file_name_),
                                            Cell(std::to_string(f.line)),
                                            Cell(f.key),
                                            Cell(f.finding.field, !f.finding.field.empty()),
                                            Cell(f.finding.value),
                                            Cell(std::string(SeverityLabel(f.finding.severity)),
                                                 f.finding.severity == Severity::kReject),
                                            Cell(f.finding.rule),
                                            Cell(f.finding.message),
                                            Cell(f.finding.message_en)};
    YW_RETURN_IF_ERROR(book_->AddRow(list_, row));
  }
  if (truncated) {
    std::vector<tabular::ReportCell> note = {
        Cell("问题过多，清单只列出前 " + std::to_string(findings.size()) + " 条 / only the first " +
             std::to_string(findings.size()) + " findings are listed")};
    YW_RETURN_IF_ERROR(book_->AddRow(list_, note));
  }
  YW_RETURN_IF_ERROR(book_->Close());
  std::ifstream f(path_, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace yuanwu::indicators
