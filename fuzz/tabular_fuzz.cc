// Fuzzes the import parsers (platform/tabular): CSV and XLSX must never crash, and every parsed
// CSV row must name a line within the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "platform/tabular/table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto csv = yuanwu::tabular::ParseCsv(in);
  if (csv.ok()) {
    int lines = 1;
    for (char c : in) lines += c == '\n';
    for (const auto& row : csv->rows) {
      if (row.line < 1 || row.line > lines) std::abort();
    }
  } else if (csv.status().fields().empty()) {
    std::abort();  // every import error names a field
  }
  auto xlsx = yuanwu::tabular::ParseXlsx(in);
  if (!xlsx.ok() && xlsx.status().message_en().empty()) std::abort();
  return 0;
}
