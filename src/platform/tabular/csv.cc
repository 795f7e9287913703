#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/tabular/table.h"

namespace yuanwu::tabular {

int Table::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {

bool Blank(const std::vector<std::string>& cells) {
  for (const std::string& c : cells) {
    if (!Trim(c).empty()) return false;
  }
  return true;
}

}  // namespace

Result<Table> ParseCsv(std::string_view data) {
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  if (!IsCleanUtf8(data)) {
    return Status::Invalid("file", "文件不是 UTF-8 编码（请另存为 UTF-8 CSV 或使用 XLSX）",
                           "file is not UTF-8 (save as UTF-8 CSV or use XLSX)");
  }
  Table t;
  std::vector<std::string> cells;
  std::string cell;
  bool in_quotes = false, quoted = false;
  int line = 1, row_line = 1;
  auto end_row = [&] {
    cells.push_back(quoted ? cell : Trim(cell));
    if (t.header.empty()) {
      // The header is the first non-blank line.
      if (!Blank(cells)) {
        for (std::string& h : cells) t.header.push_back(Trim(h));
      }
    } else if (!Blank(cells)) {
      t.rows.push_back({row_line, std::move(cells)});
    }
    cells.clear();
    cell.clear();
    quoted = false;
  };
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && Trim(cell).empty()) {
      in_quotes = true;
      quoted = true;
      cell.clear();
    } else if (c == ',') {
      cells.push_back(quoted ? cell : Trim(cell));
      cell.clear();
      quoted = false;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      end_row();
      ++line;
      row_line = line;
    } else {
      cell.push_back(c);
    }
  }
  if (in_quotes) {
    return Status::Invalid("file", "第" + std::to_string(row_line) + "行引号未闭合",
                           "line " + std::to_string(row_line) + ": unterminated quote");
  }
  if (!cell.empty() || !cells.empty()) end_row();
  if (t.header.empty()) return Status::Invalid("file", "文件为空", "file is empty");
  return t;
}

std::string NormalizeDateCell(std::string_view cell) {
  std::string s = Trim(cell);
  if (!s.empty() && s.size() <= 5 && s.find_first_not_of("0123456789") == std::string::npos) {
    int serial = std::stoi(s);
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was, so serials after
    // 60 are days since 1899-12-30. Only plausible years are converted.
    if (serial >= 36526 && serial <= 73050) {  // 2000-01-01 … 2099-12-31
      return Date::FromDays(Date{1899, 12, 30}.ToDays() + serial).ToString();
    }
    return s;
  }
  for (char sep : {'/', '-', '.'}) {
    std::vector<std::string> parts = Split(s, sep);
    if (parts.size() != 3 || parts[0].size() != 4) continue;
    bool digits = true;
    for (const std::string& p : parts) {
      digits &=
          !p.empty() && p.size() <= 4 && p.find_first_not_of("0123456789") == std::string::npos;
    }
    if (!digits) continue;
    std::string out = parts[0] + "-" + (parts[1].size() == 1 ? "0" : "") + parts[1] + "-" +
                      (parts[2].size() == 1 ? "0" : "") + parts[2];
    if (ParseDate(out)) return out;
  }
  return s;
}

Result<Table> ParseUpload(std::string_view filename, std::string_view data) {
  std::string lower = ToLowerAscii(filename);
  if (lower.ends_with(".csv")) return ParseCsv(data);
  if (lower.ends_with(".xlsx")) return ParseXlsx(data);
  return Status::Invalid("file", "仅支持 CSV 或 XLSX 文件", "only CSV or XLSX files are supported");
}

}  // namespace yuanwu::tabular
