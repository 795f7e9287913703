// Validation of what people type into an adverse event: the report, the department's handling,
// the review with its root-cause analysis, the corrective actions, the closing evaluation and
// the outward report. Pure: no database (the service checks that departments exist), no clock
// but the `now` given. Every problem is a field error in zh and en naming the field as the API
// calls it, so a form can show all of them at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/base/status.h"
#include "quality/adverse_event.h"
#include "quality/quality.h"

namespace yuanwu::quality {

struct ReportInput {
  std::string occurred_at;    // local "YYYY-MM-DD HH:MM" (or ISO-8601 with an offset)
  std::string discovered_at;  // the same; "" = now
  int64_t department_id = 0;
  std::string patient_name;
  std::string patient_record_no;
  std::string category;
  std::string grade;
  std::string description;
  std::string immediate_measures;
  std::string external_severity;  // "" = not to be reported outward
  bool anonymous = false;
};

struct DeptHandlingInput {
  std::string analysis;  // 原因分析
  std::string measures;  // 已采取的处理措施
};

struct ReviewInput {
  std::vector<Cause> causes;
  std::string factors;     // 促成因素
  std::string conclusion;  // 审核结论
  std::string grade;       // "" = keep; else the reviewed grade
  std::string category;    // "" = keep
};

// One corrective action: becomes a rectification task owned by `department_id`.
struct CorrectiveAction {
  int64_t department_id = 0;
  int64_t assignee_id = 0;
  std::string requirement;
  std::string period;  // "" = the rules' rectification.default; else "Nwd"
  std::string leader;
  std::string responsible;
};

struct CloseInput {
  std::string effectiveness;
  std::string evaluation;
};

struct ExternalReportInput {
  std::string reported_at;  // local "YYYY-MM-DD HH:MM"; "" = now
  std::string note;         // how and where (网络直报, 电话, 传真 …), the receipt number
};

// A local wall-clock minute "YYYY-MM-DD HH:MM" from "YYYY-MM-DD HH:MM[:SS]" (local) or ISO-8601
// with an offset; "" when unparseable.
std::string LocalMinuteOf(const std::string& text, int64_t local_offset_seconds);

// The event the report describes, trimmed; times normalised to local minutes. `now` is UTC
// seconds: neither time may lie in the future, discovery not before occurrence nor more than a
// year back.
AdverseEvent ValidateReport(const ReportInput& in, const Codes& codes, int64_t now,
                            int64_t local_offset_seconds, Validation& v);
void ValidateDeptHandling(DeptHandlingInput& in, Validation& v);
void ValidateReview(ReviewInput& in, const Codes& codes, Validation& v);
// Field names are actions[i].…
void ValidateCorrectiveActions(std::vector<CorrectiveAction>& in, Validation& v);
void ValidateClose(CloseInput& in, const Codes& codes, Validation& v);
void ValidateSeverity(const std::string& severity, const Codes& codes, Validation& v);
// The outward report's time: not before `discovered_at`, not in the future.
void ValidateExternalReport(ExternalReportInput& in, const std::string& discovered_at, int64_t now,
                            int64_t local_offset_seconds, Validation& v);

// A rectification period typed by a person: "Nwd", 1–120 working days (extensions are counted
// in working days, so the period must be too).
bool IsRectificationPeriod(const std::string& period);

// Free text: trimmed, clean UTF-8, at most `max` characters; required → not empty.
std::string CheckText(const std::string& value, const char* field, const char* label_zh,
                      const char* label_en, bool required, size_t max, Validation& v);

}  // namespace yuanwu::quality
