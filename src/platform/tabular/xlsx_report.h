// XlsxReport: the error report of an import, as an XLSX workbook the user opens in Excel or
// WPS. Each sheet shows rows as they were in the file, with the offending cells filled red and
// bold and the reason in a cell note (批注).
//
// Written with libxlsxwriter in constant-memory mode: rows go to a temporary file as they are
// added, so a report of a million rows does not sit in memory. The price is that rows of a sheet
// are written in order and never revisited; sheets may be interleaved. Notes are the exception
// (libxlsxwriter keeps each in memory until Close, ~0.5 KB apiece), hence max_comments.
//
// Text is written as text exactly as given, numbers included: an error report shows the value
// as it was in the file, not as Excel would reformat it.
//
// Example:
//   YW_ASSIGN_OR_RETURN(auto report, XlsxReport::Create(path));
//   YW_ASSIGN_OR_RETURN(XlsxReport::Sheet s, report->AddSheet("出院记录", {"行号", "病案号"}));
//   YW_RETURN_IF_ERROR(report->AddRow(s, {{"12"}, {"BA0012", true, "病案号重复"}}));
//   YW_RETURN_IF_ERROR(report->Close());
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace yuanwu::tabular {

// Aggregate, so {"text"} and {"text", true, "reason"} both work (every member has an
// initializer, so -Wmissing-field-initializers stays quiet).
struct ReportCell {
  std::string text{};
  bool marked = false;    // the offending cell: red fill, bold
  std::string comment{};  // the reason, as a cell note (批注); "" for none
};

struct XlsxReportOptions {
  // Rows per sheet, header and the closing notice row included: Excel's limit. Lower in tests.
  int64_t max_rows = 1048576;
  // Comments (cell notes) per workbook. Past this, cells are still marked but carry no
  // comment, and the sheet's last row says how many were left out.
  int64_t max_comments = 100000;
  // Where libxlsxwriter keeps its temporary files; "" = the report's own directory, which has
  // room for the report anyway (unlike a small tmpfs /tmp).
  std::string tmpdir{};
};

class XlsxReport {
 public:
  struct Sheet {
    int index = -1;
  };

  // Starts a workbook at `path` (written by Close). Errors: the path cannot be written.
  static Result<std::unique_ptr<XlsxReport>> Create(const std::string& path,
                                                    XlsxReportOptions options = {});
  // Closes the workbook if Close was not called; errors are then lost.
  ~XlsxReport();
  XlsxReport(const XlsxReport&) = delete;
  XlsxReport& operator=(const XlsxReport&) = delete;

  // Adds a sheet whose first row is `header` (bold, frozen while scrolling). The name is made
  // acceptable to Excel: characters []:*?/\ become '_', it is cut to 31 characters, and a name
  // already taken gets "(2)", "(3)", … appended.
  Result<Sheet> AddSheet(std::string_view name_zh, std::span<const std::string> header);

  // Appends a row. Past max_rows the row is dropped (and counted): Close ends the sheet with a
  // row saying how many rows were cut, in Chinese and English. Cells past Excel's 16,384
  // columns are dropped; text past 32,767 characters is cut and ends in "…"; bytes that are not
  // UTF-8 become U+FFFD.
  Status AddRow(Sheet sheet, std::span<const ReportCell> cells);

  // Rows dropped from `sheet` so far for the row limit.
  int64_t dropped_rows(Sheet sheet) const;

  // Sets column widths, writes the closing notice rows and the file. Errors: Internal with
  // libxlsxwriter's reason (e.g. the disk is full).
  Status Close();

 private:
  struct SheetState {
    lxw_worksheet* ws = nullptr;
    std::string name;
    int64_t next_row = 1;  // row 0 is the header
    std::vector<double> widths;
    int64_t dropped_rows = 0;
    int64_t dropped_comments = 0;
  };

  XlsxReport(std::string path, XlsxReportOptions options);
  void AddFormats();
  Status WriteCell(SheetState& s, int64_t row, size_t col, std::string_view text,
                   lxw_format* format);
  SheetState* Find(Sheet sheet);

  lxw_workbook* wb_ = nullptr;
  std::string path_;
  XlsxReportOptions options_;
  lxw_format* header_format_ = nullptr;
  lxw_format* marked_format_ = nullptr;
  lxw_format* notice_format_ = nullptr;
  std::vector<SheetState> sheets_;
  int64_t comments_ = 0;
  bool closed_ = false;
};

}  // namespace yuanwu::tabular
