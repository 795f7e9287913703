#include "quality/adverse_event_rules.h"

#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/deadline/deadline.h"

namespace yuanwu::quality {
namespace {

constexpr int64_t kYear = 366 * 86400;
// A minute of slack for clocks of the browser and the server that disagree.
constexpr int64_t kSlack = 60;

// Epoch seconds of a local minute "YYYY-MM-DD HH:MM".
int64_t EpochOf(const std::string& local_minute, int64_t offset) {
  return ParseTimestamp(local_minute, offset).value_or(0);
}

}  // namespace

std::string LocalMinuteOf(const std::string& text, int64_t local_offset_seconds) {
  std::optional<int64_t> t = ParseTimestamp(Trim(text), local_offset_seconds);
  if (!t) return "";
  return FormatLocalMinute(*t, local_offset_seconds);
}

std::string CheckText(const std::string& value, const char* field, const char* label_zh,
                      const char* label_en, bool required, size_t max, Validation& v) {
  std::string t = Trim(value);
  if (!IsCleanUtf8(t)) {
    v.Fail(field, std::string(label_zh) + "含有无效字符",
           std::string(label_en) + " contains invalid characters");
    return t;
  }
  if (required && t.empty()) {
    v.Fail(field, std::string("请填写") + label_zh, std::string(label_en) + " is required");
  } else if (Utf8Length(t) > max) {
    v.Fail(field, std::string(label_zh) + "不能超过" + std::to_string(max) + "字",
           std::string(label_en) + ": at most " + std::to_string(max) + " characters");
  }
  return t;
}

AdverseEvent ValidateReport(const ReportInput& in, const Codes& codes, int64_t now, int64_t offset,
                            Validation& v) {
  AdverseEvent e;
  e.anonymous = in.anonymous;
  auto moment = [&](const std::string& text, const char* field, const char* zh, const char* en,
                    bool default_now) -> std::string {
    if (Trim(text).empty()) {
      if (default_now) return FormatLocalMinute(now, offset);
      v.Fail(field, std::string("请填写") + zh, std::string(en) + " is required");
      return "";
    }
    std::string local = LocalMinuteOf(text, offset);
    if (local.empty()) {
      v.Fail(field, std::string(zh) + "格式应为 YYYY-MM-DD HH:MM",
             std::string(en) + " must look like YYYY-MM-DD HH:MM");
      return "";
    }
    if (EpochOf(local, offset) > now + kSlack) {
      v.Fail(field, std::string(zh) + "不能晚于当前时间",
             std::string(en) + " cannot be in the future");
      return "";
    }
    return local;
  };
  e.occurred_at = moment(in.occurred_at, "occurred_at", "发生时间", "the time it occurred", false);
  e.discovered_at =
      moment(in.discovered_at, "discovered_at", "发现时间", "the time it was discovered", true);
  if (!e.occurred_at.empty() && !e.discovered_at.empty()) {
    if (e.discovered_at < e.occurred_at) {
      v.Fail("discovered_at", "发现时间不能早于发生时间",
             "it cannot be discovered before it occurred");
    } else if (EpochOf(e.discovered_at, offset) < now - kYear) {
      v.Fail("discovered_at", "发现时间不能早于一年前，请按规定及时上报",
             "the discovery cannot be more than a year ago");
    }
  }
  if (in.department_id <= 0) {
    v.Fail("department_id", "请选择事件发生科室", "choose the department where it happened");
  }
  e.department_id = in.department_id;
  e.patient_name =
      CheckText(in.patient_name, "patient_name", "患者姓名", "patient name", false, 50, v);
  e.patient_record_no = CheckText(in.patient_record_no, "patient_record_no", "住院号",
                                  "inpatient number", false, 30, v);
  for (char ch : e.patient_record_no) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-') {
      v.Fail("patient_record_no", "住院号只能包含字母、数字和连字符",
             "the inpatient number may hold letters, digits and hyphens only");
      break;
    }
  }
  e.category = Trim(in.category);
  if (e.category.empty()) {
    v.Fail("category", "请选择事件类别", "choose a category");
  } else if (!cases::FindCode(codes.categories, e.category)) {
    v.Fail("category", "事件类别无效：" + e.category, "unknown category: " + e.category);
  }
  e.grade = Trim(in.grade);
  if (e.grade.empty()) {
    v.Fail("grade", "请选择事件分级（I–IV级）", "choose a grade (I–IV)");
  } else if (!cases::FindCode(codes.grades, e.grade)) {
    v.Fail("grade", "事件分级无效：" + e.grade, "unknown grade: " + e.grade);
  }
  e.description =
      CheckText(in.description, "description", "事件经过", "description", true, 4000, v);
  if (!e.description.empty() && Utf8Length(e.description) < 10) {
    v.Fail("description", "事件经过至少10个字，请写明时间、地点、经过和后果",
           "describe what happened in at least 10 characters");
  }
  e.immediate_measures = CheckText(in.immediate_measures, "immediate_measures", "已采取的紧急措施",
                                   "immediate measures", false, 2000, v);
  e.external_severity = Trim(in.external_severity);
  ValidateSeverity(e.external_severity, codes, v);
  return e;
}

void ValidateSeverity(const std::string& severity, const Codes& codes, Validation& v) {
  if (!severity.empty() && !cases::FindCode(codes.severities, severity)) {
    v.Fail("external_severity",
           "对外上报等级无效：" + severity + "（一般 general / 重大 major / 特大 grave）",
           "unknown severity: " + severity + " (general, major or grave)");
  }
}

void ValidateDeptHandling(DeptHandlingInput& in, Validation& v) {
  in.analysis = CheckText(in.analysis, "analysis", "科室原因分析", "the department's analysis",
                          true, 4000, v);
  in.measures = CheckText(in.measures, "measures", "科室处理措施", "the department's measures",
                          false, 4000, v);
}

void ValidateReview(ReviewInput& in, const Codes& codes, Validation& v) {
  if (in.causes.empty()) {
    v.Fail("causes", "请至少填写一项根本原因（人、机、料、法、环）",
           "give at least one root cause (people, equipment, materials, methods, environment)");
  } else if (in.causes.size() > 30) {
    v.Fail("causes", "根本原因最多30项", "at most 30 root causes");
  }
  for (size_t i = 0; i < in.causes.size() && i < 30; ++i) {
    std::string at = "causes[" + std::to_string(i) + "]";
    Cause& c = in.causes[i];
    c.category = Trim(c.category);
    if (!cases::FindCode(codes.cause_categories, c.category)) {
      v.Fail(at + ".category", "原因类别应为人、机、料、法、环之一",
             "the cause category must be people, machine, material, method or environment");
    }
    std::string field = at + ".description";
    c.description = CheckText(c.description, field.c_str(), "原因说明", "the cause", true, 1000, v);
  }
  in.factors = CheckText(in.factors, "factors", "促成因素", "contributing factors", false, 4000, v);
  in.conclusion =
      CheckText(in.conclusion, "conclusion", "审核结论", "the conclusion", true, 4000, v);
  in.grade = Trim(in.grade);
  if (!in.grade.empty() && !cases::FindCode(codes.grades, in.grade)) {
    v.Fail("grade", "事件分级无效：" + in.grade, "unknown grade: " + in.grade);
  }
  in.category = Trim(in.category);
  if (!in.category.empty() && !cases::FindCode(codes.categories, in.category)) {
    v.Fail("category", "事件类别无效：" + in.category, "unknown category: " + in.category);
  }
}

bool IsRectificationPeriod(const std::string& period) {
  Result<deadline::Period> p = deadline::ParsePeriod(period);
  return p.ok() && p->unit == deadline::PeriodUnit::kWorkingDays && p->amount >= 1 &&
         p->amount <= 120;
}

void ValidateCorrectiveActions(std::vector<CorrectiveAction>& in, Validation& v) {
  if (in.empty()) {
    v.Fail("actions", "请至少填写一项整改措施", "give at least one corrective action");
  } else if (in.size() > 20) {
    v.Fail("actions", "一次最多下达20项整改措施", "at most 20 actions at a time");
  }
  for (size_t i = 0; i < in.size() && i < 20; ++i) {
    std::string at = "actions[" + std::to_string(i) + "]";
    CorrectiveAction& a = in[i];
    if (a.department_id <= 0) {
      v.Fail(at + ".department_id", "请选择责任科室", "choose the responsible department");
    }
    if (a.assignee_id < 0) v.Fail(at + ".assignee_id", "责任人无效", "invalid assignee");
    std::string f = at + ".requirement";
    a.requirement =
        CheckText(a.requirement, f.c_str(), "整改要求", "the requirement", true, 2000, v);
    a.period = Trim(a.period);
    if (!a.period.empty() && !IsRectificationPeriod(a.period)) {
      v.Fail(at + ".period", "整改期限应为1到120个工作日，例如 20wd",
             "the period must be 1–120 working days, e.g. 20wd");
    }
    f = at + ".leader";
    a.leader = CheckText(a.leader, f.c_str(), "分管领导", "the supervising leader", false, 50, v);
    f = at + ".responsible";
    a.responsible =
        CheckText(a.responsible, f.c_str(), "责任人", "the person responsible", false, 50, v);
  }
}

void ValidateClose(CloseInput& in, const Codes& codes, Validation& v) {
  in.effectiveness = Trim(in.effectiveness);
  if (in.effectiveness.empty()) {
    v.Fail("effectiveness", "请选择整改效果", "choose how effective the actions were");
  } else if (!cases::FindCode(codes.effectiveness, in.effectiveness)) {
    v.Fail("effectiveness", "整改效果无效：" + in.effectiveness,
           "unknown effectiveness: " + in.effectiveness);
  } else if (in.effectiveness == "ineffective") {
    v.Fail("effectiveness", "整改无效的事件不能结案，请选择「效果不佳，重新分析」",
           "an event whose actions were not effective cannot be closed: analyse it again");
  }
  in.evaluation =
      CheckText(in.evaluation, "evaluation", "效果评价", "the evaluation", true, 4000, v);
}

void ValidateExternalReport(ExternalReportInput& in, const std::string& discovered_at, int64_t now,
                            int64_t offset, Validation& v) {
  if (Trim(in.reported_at).empty()) {
    in.reported_at = FormatLocalMinute(now, offset);
  } else {
    std::string local = LocalMinuteOf(in.reported_at, offset);
    if (local.empty()) {
      v.Fail("reported_at", "上报时间格式应为 YYYY-MM-DD HH:MM",
             "the time must look like YYYY-MM-DD HH:MM");
    } else if (EpochOf(local, offset) > now + kSlack) {
      v.Fail("reported_at", "上报时间不能晚于当前时间", "the time cannot be in the future");
    } else if (local < discovered_at) {
      v.Fail("reported_at", "上报时间不能早于发现时间",
             "it cannot be reported before it was discovered");
    }
    in.reported_at = local;
  }
  in.note = CheckText(in.note, "note", "上报方式及回执（如网络直报编号）",
                      "how it was reported (e.g. the online report number)", true, 1000, v);
}

}  // namespace yuanwu::quality
