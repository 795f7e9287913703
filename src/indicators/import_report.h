// The error report of an import as an XLSX workbook: sheet 「问题清单」 lists every finding
// (file, line, record, column, value, level, rule, reason zh / en); sheet 「问题行」 repeats
// each row that has a finding, cells as they were in the file, with the offending cells filled
// red and the reason attached as a cell note.
#pragma once

#include <string>
#include <vector>

#include "indicators/record_parser.h"
#include "platform/base/result.h"

namespace yuanwu::indicators {

struct ReportInput {
  std::string file_name;
  std::vector<std::string> header;            // the file's header as written
  std::vector<std::string> canonical_header;  // canonical column per source column
  const std::vector<RecordFinding>* findings = nullptr;
  const std::vector<FlaggedRow>* rows = nullptr;
  bool truncated = false;  // more findings existed than were kept
};

// The workbook's bytes.
Result<std::string> WriteImportReport(const ReportInput& in);

}  // namespace yuanwu::indicators
