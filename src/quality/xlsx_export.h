// One-sheet XLSX workbooks of the module's lists (不良事件台账, 整改台账, 月度督查得分), written
// with platform/tabular's XlsxReport through a scratch file and returned as bytes.
#pragma once

#include <string>
#include <vector>

#include "platform/base/result.h"

namespace yuanwu::quality {

Result<std::string> XlsxWorkbook(const std::string& sheet_name,
                                 const std::vector<std::string>& header,
                                 const std::vector<std::vector<std::string>>& rows);

}  // namespace yuanwu::quality
