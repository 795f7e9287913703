// InspectionStore: the SQL of checklist templates, inspection rounds, sheets, scores and
// findings, on the caller's session, including the monthly scores (averaged in SQL). Nothing
// here decides anything. `scope` arguments are org::DeptScope clauses (" AND (…)") on the
// inspected department's column, as the method documents.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quality/checklist.h"
#include "quality/inspection.h"

namespace yuanwu::quality {

struct RoundQuery {
  std::string from;  // inspected_on, YYYY-MM-DD, inclusive
  std::string to;
  int64_t template_id = 0;
  int64_t department_id = 0;
  std::string status;
  int64_t offset = 0;
  int64_t limit = 20;
};

class InspectionStore {
 public:
  // ---- Templates ----
  static std::optional<int64_t> TemplateIdByCode(soci::session& sql, const std::string& code);
  static int64_t InsertTemplate(soci::session& sql, const std::string& code,
                                const std::string& source, const std::string& now);
  // Writes version `version` of the template with its items (their ids are set in `c`) and
  // makes it current.
  static void InsertVersion(soci::session& sql, int64_t template_id, int64_t version, Checklist& c,
                            const std::string& now, const std::string& by_name);
  static void SetActive(soci::session& sql, int64_t template_id, bool active,
                        const std::string& now);
  // The template at `version` (0 = current), with its items.
  static std::optional<Checklist> GetTemplate(soci::session& sql, int64_t template_id,
                                              int64_t version);
  static std::vector<Checklist> ListTemplates(soci::session& sql, bool include_inactive);

  // ---- Rounds ----
  static int64_t InsertRound(soci::session& sql, const RoundInput& in, int64_t template_id,
                             int64_t version_id, int64_t created_by, const std::string& now);
  static void InsertSheet(soci::session& sql, int64_t round_id, int64_t department_id);
  // The round with the sheets within `scope` (on s.department_id), their scores and findings.
  static std::optional<InspectionRound> GetRound(soci::session& sql, int64_t id,
                                                 const std::string& scope);
  // Rounds with at least one sheet within `scope` (on s.department_id), newest first.
  static std::pair<std::vector<InspectionRound>, int64_t> ListRounds(soci::session& sql,
                                                                     const RoundQuery& q,
                                                                     const std::string& scope);
  static std::optional<Sheet> GetSheet(soci::session& sql, int64_t round_id, int64_t department_id);
  // Replaces the sheet's scores and sets its totals.
  static void SaveScores(soci::session& sql, int64_t sheet_id, const std::vector<ItemScore>& scores,
                         int64_t total_x10, int64_t max_x10, int64_t score_x10,
                         const std::string& summary, const std::string& now);
  static int64_t InsertFinding(soci::session& sql, const Finding& f);
  static void CompleteRound(soci::session& sql, int64_t id, const std::string& now);

  // ---- Monthly figures (month "YYYY-MM") ----
  // `scope` on s.department_id.
  static std::vector<MonthlyScore> MonthlyScores(soci::session& sql, const std::string& month,
                                                 int64_t template_id, const std::string& scope);
  // `scope` on f.department_id; `now_minutes` (local) for overdue.
  static std::vector<FindingCount> FindingCounts(soci::session& sql, const std::string& month,
                                                 const std::string& scope, int64_t now_minutes);
};

}  // namespace yuanwu::quality
