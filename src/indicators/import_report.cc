#include "indicators/import_report.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "platform/tabular/xlsx_report.h"

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

}  // namespace

Result<std::string> WriteImportReport(const ReportInput& in) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A private scratch file: libxlsxwriter writes to a path, we hand back the bytes.
  fs::path path =
      fs::temp_directory_path(ec) /
      ("yuanwu-report-" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) +
       "-" + std::to_string(reinterpret_cast<uintptr_t>(&in)) + ".xlsx");
  YW_ASSIGN_OR_RETURN(auto book, tabular::XlsxReport::Create(path.string()));
  std::vector<std::string> list_header = {"文件 file", "行号 line", "记录 record",
                                          "列 column", "值 value",  "级别 level",
                                          "规则 rule", "原因",      "reason"};
  YW_ASSIGN_OR_RETURN(auto list, book->AddSheet("问题清单", list_header));
  std::map<int64_t, std::vector<const RecordFinding*>> by_line;
  auto cell = [](std::string text, bool marked = false) {
    tabular::ReportCell c;
    c.text = std::move(text);
    c.marked = marked;
    return c;
  };
  for (const RecordFinding& f : *in.findings) {
    std::vector<tabular::ReportCell> row = {cell(in.file_name),
                                            cell(std::to_string(f.line)),
                                            cell(f.key),
                                            cell(f.finding.field, !f.finding.field.empty()),
                                            cell(f.finding.value),
                                            cell(std::string(SeverityLabel(f.finding.severity)),
                                                 f.finding.severity == Severity::kReject),
                                            cell(f.finding.rule),
                                            cell(f.finding.message),
                                            cell(f.finding.message_en)};
    YW_RETURN_IF_ERROR(book->AddRow(list, row));
    by_line[f.line].push_back(&f);
  }
  if (in.truncated) {
    std::vector<tabular::ReportCell> note = {cell(
        "问题过多，清单只列出前 " + std::to_string(in.findings->size()) + " 条 / only the first " +
        std::to_string(in.findings->size()) + " findings are listed")};
    YW_RETURN_IF_ERROR(book->AddRow(list, note));
  }
  // The rows themselves, offending cells marked.
  std::vector<std::string> header = {"行号 line"};
  header.insert(header.end(), in.header.begin(), in.header.end());
  YW_ASSIGN_OR_RETURN(auto rows, book->AddSheet("问题行", header));
  for (const FlaggedRow& r : *in.rows) {
    std::vector<tabular::ReportCell> cells;
    cells.push_back(cell(std::to_string(r.line)));
    size_t width = std::max(r.cells.size(), in.header.size());
    for (size_t c = 0; c < width; ++c)
      cells.push_back(cell(c < r.cells.size() ? r.cells[c] : std::string()));
    std::string record_note;
    for (const RecordFinding* f : by_line[r.line]) {
      bool placed = false;
      for (size_t c = 0; c < in.canonical_header.size(); ++c) {
        if (f->finding.field.empty() || in.canonical_header[c] != f->finding.field) continue;
        tabular::ReportCell& target = cells[c + 1];
        target.marked = true;
        target.comment += (target.comment.empty() ? "" : "\n") + f->finding.message;
        placed = true;
      }
      // A finding about a column the file lacks (or the whole record) marks the line number.
      if (!placed) record_note += (record_note.empty() ? "" : "\n") + f->finding.message;
    }
    if (!record_note.empty()) {
      cells[0].marked = true;
      cells[0].comment = record_note;
    }
    YW_RETURN_IF_ERROR(book->AddRow(rows, cells));
  }
  YW_RETURN_IF_ERROR(book->Close());
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  fs::remove(path, ec);
  return ss.str();
}

}  // namespace yuanwu::indicators
