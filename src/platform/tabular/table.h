// Tabular files (CSV and XLSX) read into rows of text cells, for every import in yuanwu.
//
// CSV: UTF-8 with or without BOM, RFC 4180 quoting (quoted commas, doubled quotes, newlines in
// quotes). XLSX: the first worksheet, shared and inline strings, numbers as written.
// Each row remembers its line (CSV) or sheet row number (XLSX) so errors can point at it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

namespace yuanwu::tabular {

struct Row {
  int line = 0;  // 1-based, as the user sees it in their editor or spreadsheet
  std::vector<std::string> cells;
};

struct Table {
  std::vector<std::string> header;  // trimmed
  std::vector<Row> rows;            // blank rows skipped

  // Index of a header column, or -1.
  int Column(std::string_view name) const;
};

Result<Table> ParseCsv(std::string_view data);
Result<Table> ParseXlsx(std::string_view data);
// A date cell as YYYY-MM-DD: accepts 2026-07-01, 2026/7/1, 2026-7-1 and the day numbers Excel
// stores for date-formatted cells (46204 = 2026-07-01). Returns the input unchanged otherwise, so
// the importer's own date check reports it.
std::string NormalizeDateCell(std::string_view cell);

// Chooses by file name extension (.csv / .xlsx); errors name the supported types.
Result<Table> ParseUpload(std::string_view filename, std::string_view data);

}  // namespace yuanwu::tabular
