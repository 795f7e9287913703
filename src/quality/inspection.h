// Inspection rounds (督查): a template version, a date, the inspectors and the departments
// inspected; per department the scored items (a sheet) and the problems found (findings), each
// of which becomes a rectification task owned by the department (rectification.h).
//
// Scores: a sheet scores every item of the round's template version, 0 to the item's points,
// one decimal at most; its score is total / maximum × 100 (the shipped templates have 100 points,
// so it is the total). A department's monthly score per template is the average of its sheets'
// scores in the month of the round's date, computed in SQL (InspectionStore::MonthlyScores).
// A round is open while it is recorded and completed (locked) when every sheet is scored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace yuanwu::quality {

struct ItemScore {
  int64_t item_id = 0;
  int64_t score_x10 = 0;
  std::string note;  // 扣分原因
};

struct Finding {
  int64_t id = 0;
  int64_t round_id = 0;
  int64_t sheet_id = 0;
  int64_t department_id = 0;
  int64_t item_id = 0;  // 0 = not tied to one item
  std::string description;
  int64_t rectification_case_id = 0;
  std::string rectification_code;
  std::string rectification_state;
  std::string created_at;
};

struct Sheet {
  int64_t id = 0;
  int64_t round_id = 0;
  int64_t department_id = 0;
  std::string department_name;
  int64_t total_x10 = -1;  // -1 = not scored yet
  int64_t max_x10 = -1;
  int64_t score_x10 = -1;  // out of 100, in tenths
  std::string summary;
  std::string scored_at;
  std::vector<ItemScore> scores;
  std::vector<Finding> findings;
};

struct InspectionRound {
  int64_t id = 0;
  std::string title;
  int64_t template_id = 0;
  std::string template_code;
  int64_t version_id = 0;
  int64_t version = 0;
  std::string template_name;  // of the version used
  std::string inspected_on;   // YYYY-MM-DD
  std::vector<std::string> inspectors;
  std::string status;  // open | completed
  std::string note;
  std::string created_by_name;
  std::string created_at;
  std::string completed_at;
  int64_t department_count = 0;
  int64_t scored_count = 0;
  std::vector<Sheet> sheets;  // within the viewer's scope
};

struct RoundInput {
  int64_t template_id = 0;
  std::string title;
  std::string inspected_on;
  std::vector<std::string> inspectors;
  std::vector<int64_t> department_ids;
  std::string note;
};

struct FindingInput {
  int64_t item_id = 0;
  std::string description;
  std::string requirement;
  std::string period;  // "" = rules rectification.default
  std::string leader;
  std::string responsible;
  int64_t assignee_id = 0;
};

// One row of the monthly scores: a department's average over a template's sheets in a month.
struct MonthlyScore {
  int64_t department_id = 0;
  std::string department_name;
  int64_t template_id = 0;
  std::string template_code;
  std::string template_name;
  int64_t sheets = 0;
  double average = 0;  // out of 100
  int64_t min_x10 = 0;
  int64_t max_x10 = 0;
};

// Findings of a department: recorded in the month, and still open (not re-checked and closed)
// now, whenever recorded.
struct FindingCount {
  int64_t department_id = 0;
  std::string department_name;
  int64_t in_month = 0;
  int64_t open = 0;
  int64_t overdue = 0;
};

}  // namespace yuanwu::quality
