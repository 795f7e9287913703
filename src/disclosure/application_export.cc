#include "disclosure/application_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace yuanwu::disclosure {
namespace {

using Json = nlohmann::ordered_json;

constexpr lxw_col_t kLastColumn = kColumns;  // column 0 holds the row labels

// A scratch file of this process: libxlsxwriter writes to a path, the caller gets the bytes.
std::filesystem::path ScratchPath() {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  return std::filesystem::temp_directory_path(ec) /
         ("yuanwu-annual-table-" + std::to_string(::getpid()) + "-" +
          std::to_string(counter.fetch_add(1)) + ".xlsx");
}

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* head = nullptr;
  lxw_format* label = nullptr;
  lxw_format* heading = nullptr;
  lxw_format* number = nullptr;
  lxw_format* note = nullptr;
};

Formats MakeFormats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.head = workbook_add_format(wb);
  format_set_bold(f.head);
  format_set_border(f.head, LXW_BORDER_THIN);
  format_set_align(f.head, LXW_ALIGN_CENTER);
  format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.head);
  f.label = workbook_add_format(wb);
  format_set_border(f.label, LXW_BORDER_THIN);
  format_set_text_wrap(f.label);
  format_set_align(f.label, LXW_ALIGN_VERTICAL_CENTER);
  f.heading = workbook_add_format(wb);
  format_set_border(f.heading, LXW_BORDER_THIN);
  format_set_bold(f.heading);
  format_set_text_wrap(f.heading);
  f.number = workbook_add_format(wb);
  format_set_border(f.number, LXW_BORDER_THIN);
  format_set_align(f.number, LXW_ALIGN_CENTER);
  format_set_align(f.number, LXW_ALIGN_VERTICAL_CENTER);
  f.note = workbook_add_format(wb);
  format_set_text_wrap(f.note);
  return f;
}

Status Check(lxw_error e, const char* what) {
  if (e == LXW_NO_ERROR) return Status::Ok();
  return Status::Internal(std::string("xlsx ") + what + ": " + lxw_strerror(e));
}

Status WriteSheet(lxw_worksheet* ws, const Formats& f, const AnnualReport& report) {
  Json t = ToJson(report.table);
  const Json& columns = t["columns"];
  std::string title = std::to_string(report.table.year) + "年收到和处理政府信息公开申请情况";
  YW_RETURN_IF_ERROR(
      Check(worksheet_merge_range(ws, 0, 0, 0, kLastColumn, title.c_str(), f.title), "title"));
  // The header as in the format: the 勾稽关系 note over the label column, 申请人情况 over the
  // seven columns, 法人或其他组织 over its five kinds.
  std::string note = t["note"].get<std::string>();
  YW_RETURN_IF_ERROR(Check(worksheet_merge_range(ws, 1, 0, 3, 0, note.c_str(), f.head), "note"));
  YW_RETURN_IF_ERROR(
      Check(worksheet_merge_range(ws, 1, 1, 1, kLastColumn, "申请人情况", f.head), "header"));
  lxw_col_t first_group = 0, last_group = 0;
  std::string group;
  for (size_t c = 0; c < columns.size(); ++c) {
    lxw_col_t col = static_cast<lxw_col_t>(c + 1);
    std::string label = columns[c]["label"].get<std::string>();
    if (columns[c].contains("group")) {
      if (first_group == 0) first_group = col;
      last_group = col;
      group = columns[c]["group"].get<std::string>();
      YW_RETURN_IF_ERROR(Check(worksheet_write_string(ws, 3, col, label.c_str(), f.head), "kind"));
    } else {
      YW_RETURN_IF_ERROR(
          Check(worksheet_merge_range(ws, 2, col, 3, col, label.c_str(), f.head), "column"));
    }
  }
  if (first_group != 0) {
    YW_RETURN_IF_ERROR(Check(
        worksheet_merge_range(ws, 2, first_group, 2, last_group, group.c_str(), f.head), "group"));
  }
  lxw_row_t row = 4;
  for (const Json& r : t["rows"]) {
    // Sub-rows are indented as the format shows them under their headings.
    std::string label = std::string(static_cast<size_t>(r["level"].get<int>()) * 2, ' ') +
                        r["label"].get<std::string>();
    bool heading = r.value("heading", false);
    YW_RETURN_IF_ERROR(Check(
        worksheet_write_string(ws, row, 0, label.c_str(), heading ? f.heading : f.label), "row"));
    for (lxw_col_t col = 1; col <= kLastColumn; ++col) {
      if (heading) {
        YW_RETURN_IF_ERROR(Check(worksheet_write_blank(ws, row, col, f.label), "cell"));
      } else {
        double n = static_cast<double>(r["cells"][col - 1].get<int64_t>());
        YW_RETURN_IF_ERROR(Check(worksheet_write_number(ws, row, col, n, f.number), "cell"));
      }
    }
    ++row;
  }
  ++row;
  std::string consultations = "信息公开咨询：本年受理 " +
                              std::to_string(report.consultations.received) + " 件，已答复 " +
                              std::to_string(report.consultations.answered) + " 件。";
  YW_RETURN_IF_ERROR(
      Check(worksheet_merge_range(ws, row, 0, row, kLastColumn, consultations.c_str(), f.note),
            "consultations"));
  if (!report.complete) {
    ++row;
    YW_RETURN_IF_ERROR(Check(
        worksheet_merge_range(ws, row, 0, row, kLastColumn,
                              "注：本表只统计导出人有权查看的申请，不是全院的年度数据。", f.note),
        "scope"));
  }
  YW_RETURN_IF_ERROR(Check(worksheet_set_column(ws, 0, 0, 48, nullptr), "width"));
  YW_RETURN_IF_ERROR(Check(worksheet_set_column(ws, 1, kLastColumn, 11, nullptr), "width"));
  YW_RETURN_IF_ERROR(Check(worksheet_set_row(ws, 1, 30, nullptr), "height"));
  return Status::Ok();
}

}  // namespace

std::string AnnualTableFileName(int year) {
  return std::to_string(year) + "年收到和处理政府信息公开申请情况.xlsx";
}

Result<std::string> AnnualTableXlsx(const AnnualReport& report) {
  std::filesystem::path path = ScratchPath();
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  } remove{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return Status::Internal("xlsx: cannot create " + path.string());
  Formats f = MakeFormats(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "收到和处理申请情况");
  Status written =
      ws == nullptr ? Status::Internal("xlsx: cannot add the sheet") : WriteSheet(ws, f, report);
  // Closing frees the workbook whatever happened; its own error matters only if writing worked.
  lxw_error closed = workbook_close(wb);
  YW_RETURN_IF_ERROR(written);
  YW_RETURN_IF_ERROR(Check(closed, "close"));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal("xlsx: cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace yuanwu::disclosure
