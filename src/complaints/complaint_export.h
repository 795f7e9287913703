// The XLSX export of a filtered complaint list (投诉登记台账), one row per complaint, written
// with tabular::XlsxReport. Rows come already masked for the viewer (ForViewer).
#pragma once

#include <string>
#include <vector>

#include "complaints/complaint.h"
#include "complaints/complaint_store.h"
#include "platform/base/result.h"
#include "platform/cases/case_type.h"

namespace yuanwu::complaints {

// The workbook's bytes. `type` names the states (nullptr: state codes).
Result<std::string> ExportWorkbook(const std::vector<Row>& rows, const Codes& codes,
                                   const cases::CaseType* type);

}  // namespace yuanwu::complaints
