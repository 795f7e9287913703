// RectificationService: rectification tasks (限期整改) on the case engine. A task is opened
// either inside another use case's transaction (an inspection finding, an adverse event's
// corrective action: OpenIn) or on its own from a source (Create: a complaint, an adverse event,
// or the office's own 督办). Each write commits with its timeline and audit entries.
//
// Who sees what: rectification.manage every task; rectification.read the tasks of the
// departments in the viewer's data scope (org::DeptScope) and those assigned to them. A task
// outside this is "not found".
//
// Who may create one from a source (POST /api/v1/rectifications, guarded by rectification.read):
// rectification.manage always; otherwise the source's office — complaints.manage for a
// complaint, adverse_events.manage for an adverse event. Inspection findings are recorded
// through the inspection (InspectionService::AddFindings), never here.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "org/org_service.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/cases/case_engine.h"
#include "platform/db/database.h"
#include "quality/quality.h"
#include "quality/rectification.h"
#include "quality/rectification_store.h"

namespace yuanwu::quality {

struct RectificationDetail {
  cases::Case c;
  Rectification r;
};

class RectificationService {
 public:
  RectificationService(db::Database& db, const Clock& clock, cases::CaseEngine& engine,
                       org::OrgService& org, cases::Directory& directory, Codes codes,
                       int64_t local_offset_seconds);

  cases::CaseEngine& engine() { return engine_; }
  const Codes& codes() const { return codes_; }
  cases::Visibility VisibilityFor(const auth::Principal& p);
  int64_t NowMinutes() const { return engine_.LocalNowMinutes(); }

  // The text fields, period and owner of `in` (trimmed in place); `prefix` names the fields
  // ("" or "actions[2].").
  static void Validate(NewRectification& in, const std::string& prefix, Validation& v);
  // In the caller's transaction: checks the department and the assignee, opens the case with
  // its deadline, writes the row and its audit entry. `in` has been validated.
  Result<cases::Opened> OpenIn(soci::session& sql, const auth::Actor& actor,
                               const NewRectification& in);

  // Records on a source case that a task was opened from it, in Create's transaction (e.g.
  // complaint.rectification_case_id). The app wires one per source type: quality does not
  // depend on the modules its sources come from.
  using SourceLink = std::function<Status(soci::session& sql, int64_t source_id, int64_t task_id)>;
  void OnSourceLinked(const std::string& source_type, SourceLink link) {
    links_[source_type] = std::move(link);
  }

  // From a source (see above); returns the new task as `p` sees it.
  Result<RectificationDetail> Create(const auth::Principal& p, const std::string& ip,
                                     NewRectification in);
  Result<RectificationDetail> Get(const auth::Principal& p, int64_t id);
  Result<std::pair<std::vector<RectificationRow>, int64_t>> List(const auth::Principal& p,
                                                                 const RectificationQuery& q);
  // 整改完成: the department's report (rectification.handle); evidence goes up as attachments.
  Result<cases::Case> Submit(const auth::Principal& p, const std::string& ip, int64_t id,
                             const std::string& report);
  // 复查 (rectification.manage): pass closes the task, fail sends it back with `note`.
  Result<cases::Case> Recheck(const auth::Principal& p, const std::string& ip, int64_t id,
                              bool passed, const std::string& note);
  Result<std::string> ExportXlsx(const auth::Principal& p, RectificationQuery q);
  Result<std::vector<std::pair<std::string, std::string>>> FileFields(const auth::Principal& p,
                                                                      const cases::Case& c);

 private:
  // Whether `p` may create a task from `source_type`, and that the source exists.
  Status CheckSource(soci::session& sql, const auth::Principal& p, const NewRectification& in);

  std::map<std::string, SourceLink> links_;
  db::Database& db_;
  const Clock& clock_;
  cases::CaseEngine& engine_;
  org::OrgService& org_;
  cases::Directory& directory_;
  Codes codes_;
  int64_t local_offset_seconds_;
};

}  // namespace yuanwu::quality
