// XlsxReport on libxlsxwriter. Everything handed to the library is first made acceptable to
// Excel here (valid UTF-8, length limits, sheet-name rules), so a strange value in an uploaded
// file can never turn into a report that Excel offers to "repair".
#include "platform/tabular/xlsx_report.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include "platform/base/text.h"

namespace yuanwu::tabular {
namespace {

constexpr size_t kMaxColumns = LXW_COL_MAX;
constexpr size_t kMaxTextUnits = 32767;  // Excel's cell and comment limit, in UTF-16 units
constexpr size_t kMaxSheetNameUnits = LXW_SHEETNAME_MAX;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // …

// Decodes one UTF-8 sequence at s[i] under IsCleanUtf8's rules (control characters aside);
// returns its length and code point, or 0 if the bytes there are not one.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80                 ? 1
             : c >= 0xC2 && c <= 0xDF ? 2
             : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4
                                      : 0;
  if (n == 0 || i + n > s.size()) return 0;
  if (n == 1) {
    *cp = c;
    return 1;
  }
  char32_t v = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  if ((n == 3 && v < 0x800) || (v >= 0xD800 && v <= 0xDFFF) || (n == 4 && v < 0x10000) ||
      v > 0x10FFFF) {
    return 0;
  }
  *cp = v;
  return n;
}

bool IsControl(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F;
}

// Text Excel accepts: invalid bytes → U+FFFD; cut to `max_units` UTF-16 units ending in "…";
// with `replace_controls`, control characters → U+FFFD (libxlsxwriter escapes them in cells
// but writes them raw into comments, which breaks the XML).
std::string ExcelText(std::string_view s, size_t max_units, bool replace_controls) {
  if (s.size() <= max_units && IsCleanUtf8(s)) return std::string(s);  // the usual case
  std::string out;
  size_t units = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t n = DecodeUtf8(s, i, &cp);
    std::string_view piece = n == 0 ? kReplacement : s.substr(i, n);
    if (n != 0 && replace_controls && IsControl(cp)) piece = kReplacement;
    size_t piece_units = n == 4 ? 2 : 1;
    bool more = i + std::max<size_t>(n, 1) < s.size();
    if (units + piece_units > (more ? max_units - 1 : max_units)) {
      out += kEllipsis;  // fits: units <= max_units - 1 whenever more text followed
      break;
    }
    out += piece;
    units += piece_units;
    i += std::max<size_t>(n, 1);
  }
  return out;
}

// Excel reads "_xHHHH_" in cell text as an escaped character (and so does ParseXlsx); a
// literal one is written with its '_' escaped as "_x005F_", so the report shows what the file
// held.
std::string EscapeExcelEscapes(std::string s) {
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  size_t at = s.find("_x");
  if (at == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && hex(s[i + 2]) && hex(s[i + 3]) &&
        hex(s[i + 4]) && hex(s[i + 5]) && s[i + 6] == '_') {
      out += "_x005F_";
    } else {
      out += s[i];
    }
  }
  return out;
}

// Column width in Excel's units (one '0' of the default font): CJK and full-width characters
// take two. The longest line of a multi-line cell counts.
double DisplayWidth(std::string_view s) {
  double widest = 0, line = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t n = DecodeUtf8(s, i, &cp);
    i += std::max<size_t>(n, 1);
    if (cp == '\n') {
      widest = std::max(widest, line);
      line = 0;
      continue;
    }
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    line += wide ? 2 : 1;
  }
  return std::max(widest, line);
}

// Excel's sheet-name rules: no []:*?/\ or control characters, no leading or trailing
// apostrophe, at most 31 characters, not empty.
std::string SheetName(std::string_view name) {
  std::string s = ExcelText(name, 4 * kMaxSheetNameUnits, true);
  for (char& c : s) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  std::string cut;
  size_t units = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t n = std::max<size_t>(DecodeUtf8(s, i, &cp), 1);
    size_t piece_units = n == 4 ? 2 : 1;
    if (units + piece_units > kMaxSheetNameUnits) break;
    cut.append(s, i, n);
    units += piece_units;
    i += n;
  }
  while (!cut.empty() && cut.front() == '\'') cut.erase(0, 1);
  while (!cut.empty() && cut.back() == '\'') cut.pop_back();
  std::string trimmed = Trim(cut);
  return trimmed.empty() ? "工作表" : trimmed;
}

// Excel compares sheet names case-insensitively.
bool SameSheetName(std::string_view a, std::string_view b) {
  return ToLowerAscii(a) == ToLowerAscii(b);
}

// Drops the last UTF-8 character of `s`.
void PopUtf8(std::string* s) {
  while (!s->empty() && (static_cast<unsigned char>(s->back()) & 0xC0) == 0x80) s->pop_back();
  if (!s->empty()) s->pop_back();
}

size_t Utf16Units(std::string_view s) {
  size_t units = 0;
  for (unsigned char c : s) units += (c & 0xC0) != 0x80 ? (c >= 0xF0 ? 2 : 1) : 0;
  return units;
}

Status LxwError(std::string_view what, lxw_error e) {
  return Status::Internal("XLSX report: " + std::string(what) + ": " + lxw_strerror(e));
}

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<XlsxReport>> XlsxReport::Create(const std::string& path,
                                                       XlsxReportOptions options) {
  // libxlsxwriter opens the file only at close; finding out then would waste the whole report.
  std::FILE* probe = std::fopen(path.c_str(), "wb");
  if (probe == nullptr) {
    return Status::Internal("XLSX report: cannot write " + path + ": " +
                            std::error_code(errno, std::generic_category()).message());
  }
  std::fclose(probe);
  if (options.tmpdir.empty()) {
    size_t slash = path.find_last_of('/');
    options.tmpdir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  }
  std::unique_ptr<XlsxReport> report(new XlsxReport(path, std::move(options)));
  lxw_workbook_options lxw = {};
  lxw.constant_memory = LXW_TRUE;
  lxw.tmpdir = report->options_.tmpdir.data();  // outlives the workbook either way
  report->wb_ = workbook_new_opt(path.c_str(), &lxw);
  if (report->wb_ == nullptr) {
    report->closed_ = true;
    return Status::Internal("XLSX report: cannot start a workbook at " + path);
  }
  report->AddFormats();
  return report;
}

XlsxReport::XlsxReport(std::string path, XlsxReportOptions options)
    : path_(std::move(path)), options_(std::move(options)) {
  // One row for the header, one for the closing notice, at least one for data.
  options_.max_rows = std::clamp<int64_t>(options_.max_rows, 3, LXW_ROW_MAX);
  options_.max_comments = std::max<int64_t>(options_.max_comments, 0);
}

void XlsxReport::AddFormats() {
  header_format_ = workbook_add_format(wb_);
  format_set_bold(header_format_);
  format_set_pattern(header_format_, LXW_PATTERN_SOLID);
  format_set_bg_color(header_format_, 0xF2F2F2);
  format_set_border(header_format_, LXW_BORDER_THIN);
  format_set_border_color(header_format_, 0xBFBFBF);

  // Excel's own "bad" cell style: light red fill, dark red text; bold so it shows in print.
  marked_format_ = workbook_add_format(wb_);
  format_set_bold(marked_format_);
  format_set_pattern(marked_format_, LXW_PATTERN_SOLID);
  format_set_bg_color(marked_format_, 0xFFC7CE);
  format_set_font_color(marked_format_, 0x9C0006);

  notice_format_ = workbook_add_format(wb_);
  format_set_bold(notice_format_);
  format_set_font_color(notice_format_, 0xC00000);
}

XlsxReport::~XlsxReport() {
  if (!closed_) workbook_close(wb_);
}

XlsxReport::SheetState* XlsxReport::Find(Sheet sheet) {
  if (sheet.index < 0 || static_cast<size_t>(sheet.index) >= sheets_.size()) return nullptr;
  return &sheets_[static_cast<size_t>(sheet.index)];
}

int64_t XlsxReport::dropped_rows(Sheet sheet) const {
  if (sheet.index < 0 || static_cast<size_t>(sheet.index) >= sheets_.size()) return 0;
  return sheets_[static_cast<size_t>(sheet.index)].dropped_rows;
}

Result<XlsxReport::Sheet> XlsxReport::AddSheet(std::string_view name_zh,
                                               std::span<const std::string> header) {
  if (closed_) return Status::Internal("XLSX report: AddSheet after Close");
  std::string base = SheetName(name_zh), name = base;
  for (int n = 2;; ++n) {
    bool taken = std::any_of(sheets_.begin(), sheets_.end(),
                             [&](const SheetState& s) { return SameSheetName(s.name, name); });
    if (!taken) break;
    // Built by append: GCC 12 at -O3 reports a false -Wrestrict on "(" + std::string&&.
    std::string suffix = "(";
    suffix += std::to_string(n);
    suffix += ")";
    while (!base.empty() && Utf16Units(base) + suffix.size() > kMaxSheetNameUnits) PopUtf8(&base);
    name = base + suffix;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (ws == nullptr) return Status::Internal("XLSX report: cannot add sheet " + name);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_comments_author(ws, "院务");
  SheetState& s = sheets_.emplace_back();
  s.ws = ws;
  s.name = name;
  for (size_t col = 0; col < header.size() && col < kMaxColumns; ++col) {
    YW_RETURN_IF_ERROR(WriteCell(s, 0, col, header[col], header_format_));
  }
  return Sheet{static_cast<int>(sheets_.size() - 1)};
}

Status XlsxReport::WriteCell(SheetState& s, int64_t row, size_t col, std::string_view text,
                             lxw_format* format) {
  std::string value = EscapeExcelEscapes(ExcelText(text, kMaxTextUnits, false));
  if (s.widths.size() <= col) s.widths.resize(col + 1, 0);
  s.widths[col] = std::max(s.widths[col], DisplayWidth(text.substr(0, 4 * 256)));
  if (value.empty() && format == nullptr) return Status::Ok();  // nothing to show
  lxw_error e = worksheet_write_string(s.ws, static_cast<lxw_row_t>(row),
                                       static_cast<lxw_col_t>(col), value.c_str(), format);
  return e == LXW_NO_ERROR ? Status::Ok() : LxwError("writing a cell", e);
}

Status XlsxReport::AddRow(Sheet sheet, std::span<const ReportCell> cells) {
  SheetState* s = Find(sheet);
  if (closed_ || s == nullptr) return Status::Internal("XLSX report: AddRow on a closed report");
  if (s->next_row >= options_.max_rows - 1) {  // the last row is the notice's
    ++s->dropped_rows;
    return Status::Ok();
  }
  int64_t row = s->next_row++;
  for (size_t col = 0; col < cells.size() && col < kMaxColumns; ++col) {
    const ReportCell& cell = cells[col];
    YW_RETURN_IF_ERROR(WriteCell(*s, row, col, cell.text, cell.marked ? marked_format_ : nullptr));
    if (cell.comment.empty()) continue;
    if (comments_ >= options_.max_comments) {
      ++s->dropped_comments;
      continue;
    }
    std::string comment = ExcelText(cell.comment, kMaxTextUnits, true);
    lxw_comment_options opts = {};
    opts.width = 260;  // the default 128 px fits about eight Chinese characters a line
    opts.height = 90;
    lxw_error e = worksheet_write_comment_opt(s->ws, static_cast<lxw_row_t>(row),
                                              static_cast<lxw_col_t>(col), comment.c_str(), &opts);
    if (e != LXW_NO_ERROR) return LxwError("writing a comment", e);
    ++comments_;
  }
  return Status::Ok();
}

Status XlsxReport::Close() {
  if (closed_) return Status::Ok();
  for (SheetState& s : sheets_) {
    std::string zh, en;
    if (s.dropped_rows > 0) {
      zh += "已截断：另有 " + WithThousands(s.dropped_rows) + " 行超出 Excel 每个工作表 " +
            WithThousands(LXW_ROW_MAX) + " 行的上限，未写入本报告。";
      en += "Truncated: " + WithThousands(s.dropped_rows) + " more rows exceed Excel's limit of " +
            WithThousands(LXW_ROW_MAX) + " rows per sheet and are not in this report. ";
    }
    if (s.dropped_comments > 0) {
      zh += "另有 " + WithThousands(s.dropped_comments) + " 个标红单元格超出本报告批注数上限（" +
            WithThousands(options_.max_comments) + "），未附原因批注。";
      en += WithThousands(s.dropped_comments) + " more marked cells have no comment: the report " +
            "holds at most " + WithThousands(options_.max_comments) + " comments.";
    }
    if (!zh.empty()) {
      // Not through WriteCell: the long notice must not widen the data columns.
      auto row = static_cast<lxw_row_t>(s.next_row++);
      lxw_error e = worksheet_write_string(s.ws, row, 0, zh.c_str(), notice_format_);
      if (e == LXW_NO_ERROR) e = worksheet_write_string(s.ws, row, 1, en.c_str(), notice_format_);
      if (e != LXW_NO_ERROR) return LxwError("writing the truncation notice", e);
    }
    for (size_t col = 0; col < s.widths.size(); ++col) {
      double width = std::clamp(s.widths[col] + 2, 6.0, 60.0);
      worksheet_set_column(s.ws, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width,
                           nullptr);
    }
  }
  closed_ = true;
  lxw_error e = workbook_close(wb_);
  wb_ = nullptr;
  return e == LXW_NO_ERROR ? Status::Ok() : LxwError("writing " + path_, e);
}

}  // namespace yuanwu::tabular
