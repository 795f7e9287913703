// InspectionService: checklist templates, inspection rounds (督查), their scores and findings,
// and the monthly department scores. Every write is one transaction with its audit entry;
// a finding opens its rectification task (RectificationService::OpenIn) in the same
// transaction. Input is validated first: bad input writes nothing.
//
// Who sees what: inspections.manage every round and sheet; inspections.read the sheets (scores
// and findings) of the departments in the viewer's data scope (org::DeptScope), and rounds only
// through them. Templates are readable by both.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "org/org_service.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "quality/checklist.h"
#include "quality/inspection.h"
#include "quality/inspection_store.h"
#include "quality/rectification_service.h"

namespace yuanwu::quality {

struct ScoreInput {
  int64_t item_id = 0;
  http::Json score;  // a number with at most one decimal
  std::string note;
};

struct MonthlyFigures {
  std::string month;
  std::vector<MonthlyScore> scores;
  std::vector<FindingCount> findings;
};

class InspectionService {
 public:
  InspectionService(db::Database& db, const Clock& clock, org::OrgService& org,
                    RectificationService& rectifications, int64_t local_offset_seconds);

  // Loads the shipped templates (data/quality/checklists) whose code is not in the database
  // yet, as the system; a template an administrator changed is left alone. Returns how many
  // were added. Run at start-up: the first start loads them all.
  Result<int> LoadShipped();

  Result<std::vector<Checklist>> Templates(const auth::Principal& p, bool include_inactive);
  Result<Checklist> Template(const auth::Principal& p, int64_t id, int64_t version);
  Result<Checklist> CreateTemplate(const auth::Principal& p, const std::string& ip,
                                   const http::Json& body);
  // A new version when the content changed; "active": false retires it (no new rounds).
  Result<Checklist> UpdateTemplate(const auth::Principal& p, const std::string& ip, int64_t id,
                                   const http::Json& body);
  // One template object or an array of them, in the file format; by code: new templates are
  // added, changed ones get a new version, identical ones are left. All or nothing.
  Result<std::vector<Checklist>> ImportTemplates(const auth::Principal& p, const std::string& ip,
                                                 const http::Json& body);

  Result<std::pair<std::vector<InspectionRound>, int64_t>> Rounds(const auth::Principal& p,
                                                                  const RoundQuery& q);
  Result<InspectionRound> Round(const auth::Principal& p, int64_t id);
  Result<InspectionRound> CreateRound(const auth::Principal& p, const std::string& ip,
                                      RoundInput in);
  // Every item of the round's template version, once; replaces earlier scores of the sheet.
  Result<InspectionRound> RecordScores(const auth::Principal& p, const std::string& ip,
                                       int64_t round_id, int64_t department_id,
                                       const std::vector<ScoreInput>& scores,
                                       const std::string& summary);
  // Each finding becomes a rectification task owned by the department.
  Result<InspectionRound> AddFindings(const auth::Principal& p, const std::string& ip,
                                      int64_t round_id, int64_t department_id,
                                      std::vector<FindingInput> findings);
  Result<InspectionRound> CompleteRound(const auth::Principal& p, const std::string& ip,
                                        int64_t id);

  // month "YYYY-MM"; template_id 0 = every template.
  Result<MonthlyFigures> MonthlyScores(const auth::Principal& p, const std::string& month,
                                       int64_t template_id);
  Result<std::string> ExportScores(const auth::Principal& p, const std::string& month,
                                   int64_t template_id);

 private:
  // " AND …" limiting `column` to the viewer's departments; "" for inspections.manage.
  std::string ScopeClause(const auth::Principal& p, const char* column);
  // Creates or versions `c` by its code inside the transaction; "" when nothing changed, else
  // the audit action.
  Result<std::string> Upsert(soci::session& sql, const auth::Actor& actor, Checklist& c,
                             const std::string& source);
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  org::OrgService& org_;
  RectificationService& rectifications_;
  int64_t local_offset_seconds_;
};

}  // namespace yuanwu::quality
