// The annual table 三「收到和处理政府信息公开申请情况」as an XLSX workbook laid out like the report
// format (国办公开办函〔2021〕30号, domain-spec §1.6): the 勾稽关系 note in the top-left cell, the
// 申请人情况 columns under their merged headings (自然人 · 法人或其他组织 five kinds · 总计), and
// every row with its exact label; numbers are numbers. Below it, the consultation figure of
// Mode A and whether the table covers every application.
#pragma once

#include <string>

#include "disclosure/application_service.h"

namespace yuanwu::disclosure {

// The .xlsx bytes. Errors: Internal with libxlsxwriter's reason (e.g. no temporary space).
Result<std::string> AnnualTableXlsx(const AnnualReport& report);

// "2026年收到和处理政府信息公开申请情况.xlsx"
std::string AnnualTableFileName(int year);

}  // namespace yuanwu::disclosure
