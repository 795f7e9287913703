// A rectification task (限期整改): a case of type "rectification" (data/cases/rectification.json)
// owned by a department with a deadline, and its row in table `rectification`: where it came
// from and what is required.
//
// Flow: 整改中 → (the department reports it done, with evidence as attachments) 待复查 → the
// inspector re-checks: pass → 复查通过（销号）; fail → 整改中 again with the reason. The deadline
// (rules rectification.default, or a period chosen when it is assigned, in working days) stops
// when the department reports it done; a failed re-check restarts it for the full period from
// that day (the department must rectify again and is given the same time as at first), and the
// case's on_time then describes the latest report. Extensions (approver and reason) go through
// the engine, at most rectification.extension_max in total.
#pragma once

#include <cstdint>
#include <string>

namespace yuanwu::quality {

struct Rectification {
  int64_t case_id = 0;
  std::string source_type;      // inspection, adverse_event, complaint, other
  int64_t source_id = 0;        // inspection_finding.id, or the source case's id; 0 for other
  std::string source_code;      // the source case's 编号, or the inspection round's title
  int64_t source_round_id = 0;  // inspection findings: the round
  std::string problem;
  std::string requirement;
  std::string leader;       // 分管领导
  std::string responsible;  // 责任人
  std::string created_at;
  int64_t failed_rechecks = 0;  // 复查不通过 so far
};

// What the office (or a module, e.g. complaints) asks for.
struct NewRectification {
  std::string source_type = "other";
  int64_t source_id = 0;
  int64_t department_id = 0;
  int64_t assignee_id = 0;
  std::string problem;
  std::string requirement;
  std::string period;  // "" = rules rectification.default; else "Nwd"
  std::string leader;
  std::string responsible;
};

}  // namespace yuanwu::quality
