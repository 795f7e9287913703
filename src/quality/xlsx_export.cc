#include "quality/xlsx_export.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/tabular/xlsx_report.h"

namespace yuanwu::quality {
namespace {

// A scratch file of this process: libxlsxwriter writes to a path, the caller gets the bytes.
std::filesystem::path ScratchPath() {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  return std::filesystem::temp_directory_path(ec) /
         ("yuanwu-quality-" + std::to_string(::getpid()) + "-" +
          std::to_string(counter.fetch_add(1)) + ".xlsx");
}

}  // namespace

Result<std::string> XlsxWorkbook(const std::string& sheet_name,
                                 const std::vector<std::string>& header,
                                 const std::vector<std::vector<std::string>>& rows) {
  std::filesystem::path path = ScratchPath();
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  } remove{path};
  {
    YW_ASSIGN_OR_RETURN(auto book, tabular::XlsxReport::Create(path.string()));
    YW_ASSIGN_OR_RETURN(tabular::XlsxReport::Sheet sheet, book->AddSheet(sheet_name, header));
    for (const std::vector<std::string>& row : rows) {
      std::vector<tabular::ReportCell> cells;
      cells.reserve(row.size());
      for (const std::string& text : row) cells.push_back({text});
      YW_RETURN_IF_ERROR(book->AddRow(sheet, cells));
    }
    YW_RETURN_IF_ERROR(book->Close());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal("cannot read the export workbook " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace yuanwu::quality
