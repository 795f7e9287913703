// The adverse event record (不良事件, domain-spec §7): what only an adverse event has, in table
// `adverse_event` keyed by its case (migrations/0011_quality.sql). The case engine holds its
// state, department, deadline and timeline.
//
// Reporter confidentiality: an anonymous report stores no reporter anywhere (reporter_id 0
// here, no opener on the case, "匿名" on the timeline and in the audit trail). A named report
// keeps reporter_id here only; the case and its timeline say "（已保护）", and only holders of
// adverse_events.manage are shown the name (adverse_event_json.h ForViewer).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace yuanwu::quality {

struct Cause {
  std::string category;  // cause_categories code: people, machine, material, method, environment
  std::string description;
};

struct AdverseEvent {
  int64_t case_id = 0;
  bool anonymous = false;
  int64_t reporter_id = 0;  // 0 when anonymous (and when masked for the viewer)
  std::string reporter_name;
  std::string reporter_department_name;
  std::string reported_at;     // UTC ISO-8601
  std::string reported_local;  // local "YYYY-MM-DD HH:MM"
  std::string occurred_at;     // local "YYYY-MM-DD HH:MM"
  std::string discovered_at;   // local "YYYY-MM-DD HH:MM": the external clock starts here
  int64_t department_id = 0;   // where it happened
  std::string department_name;
  std::string patient_name;
  std::string patient_record_no;  // 住院号
  std::string category;
  std::string grade;  // I, II, III, IV
  std::string description;
  std::string immediate_measures;
  // Reporting outward: severity "" (not required), general, major, grave.
  std::string external_severity;
  std::string external_period;        // "15d", "12h", "2h" from the rules when set
  std::string external_due_at;        // local; "YYYY-MM-DD" = by the end of that day
  int64_t external_due_minutes = -1;  // local minutes since the epoch; -1 = none
  std::string external_reported_at;   // local "YYYY-MM-DD HH:MM"; empty = not yet
  std::string external_report_note;
  int external_on_time = -1;  // -1 not reported yet, 1 by the due moment, 0 late
  // 科室处理
  std::string dept_analysis;
  std::string dept_measures;
  std::string dept_submitted_at;
  // 审核 / RCA
  std::vector<Cause> causes;
  std::string rca_factors;
  std::string rca_conclusion;
  std::string reviewed_at;
  // 效果评价
  std::string effectiveness;
  std::string evaluation;
  std::string evaluated_at;
  // Set by ForViewer when the reporter or the patient was masked for the viewer.
  bool masked = false;
};

}  // namespace yuanwu::quality
