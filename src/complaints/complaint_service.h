// ComplaintService: the complaint use cases on the case engine. Each write is one engine step
// (or engine.Open inside the service's transaction) whose hook writes the complaint row in the
// same transaction, so the case, its timeline entry, its audit entry and the complaint's fields
// commit or roll back together. Input is validated first (complaint_rules.h): bad input writes
// nothing.
//
// Who sees what:
// - complaints.manage (医患办): every complaint, the complainant's identity and contact.
// - complaints.read: complaints of the departments in the viewer's data scope
//   (org::DeptScope), identity masked (complaint_json.h ForViewer).
// - anyone: complaints they registered or that are assigned to them (identity masked unless
//   they hold complaints.manage).
// A complaint outside this is "not found".
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "complaints/complaint.h"
#include "complaints/complaint_rules.h"
#include "complaints/complaint_stats.h"
#include "complaints/complaint_store.h"
#include "org/org_service.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/cases/case_engine.h"
#include "platform/db/database.h"

namespace yuanwu::complaints {

struct ServiceOptions {
  int64_t local_offset_seconds = 8 * 3600;
  int64_t export_max_rows = 10000;
};

struct Registered {
  cases::Case c;
  std::string tracking_code;  // shown once; only its hash is stored
};

struct Detail {
  cases::Case c;
  Complaint complaint;  // already masked for the viewer
};

// What the complainant sees with the code and tracking code.
struct TrackView {
  cases::Case c;
  std::vector<cases::Event> events;  // public entries only
  Complaint complaint;               // the reply and rating; identity masked
  bool may_rate = false;             // answered with a reply and not rated yet
};

class ComplaintService {
 public:
  ComplaintService(db::Database& db, const Clock& clock, cases::CaseEngine& engine,
                   org::OrgService& org, Codes codes, ServiceOptions options = {});

  // Parses data/cases/complaint.json and registers it with the engine.
  static Status RegisterType(cases::CaseEngine& engine,
                             const std::vector<std::string>& known_permissions);

  const Codes& codes() const { return codes_; }
  cases::CaseEngine& engine() { return engine_; }
  // Never fails: a scope that cannot be read leaves only the viewer's own complaints.
  cases::Visibility VisibilityFor(const auth::Principal& p);
  // Local minutes since the epoch, for CaseToJson's "overdue".
  int64_t NowMinutes() const;
  int64_t local_offset_seconds() const { return options_.local_offset_seconds; }

  // The portal form (no account). Channel "网络", received now, complexity "需调查核实".
  Result<Registered> SubmitPublic(const IntakeInput& in, const std::string& ip);
  // 首诉 registration by a member of staff (complaints.register). Resolved on the spot: the
  // complaint is registered and closed at once with the resolution as its reply.
  Result<Registered> Register(const auth::Principal& p, const std::string& ip,
                              const RegistrationInput& in);

  Result<Detail> Get(const auth::Principal& p, int64_t id);
  Result<std::pair<std::vector<Row>, int64_t>> List(const auth::Principal& p, const ListQuery& q);

  // The office sends the complaint to a department (and optionally a person in it) to
  // investigate: the engine's Assign, then the "dispatch" action when still registered.
  Result<cases::Case> Dispatch(const auth::Principal& p, const std::string& ip, int64_t id,
                               int64_t department_id, int64_t assignee_id, const std::string& note);
  Result<cases::Case> Reply(const auth::Principal& p, const std::string& ip, int64_t id,
                            ReplyInput in);
  Result<cases::Case> NotProcess(const auth::Principal& p, const std::string& ip, int64_t id,
                                 NotProcessInput in);
  // 重大医疗纠纷 flag (complaints.manage), audited; allowed in any state.
  Result<Detail> MarkMajorDispute(const auth::Principal& p, const std::string& ip, int64_t id,
                                  bool flag, std::string note);

  Result<Stats> Statistics(const auth::Principal& p, int year, int from_month, int to_month);
  // The filtered list as an XLSX workbook (masked as the viewer may see it).
  Result<std::string> ExportXlsx(const auth::Principal& p, ListQuery q);

  // Public, by code and tracking code; the same NotFound for any mismatch.
  Result<TrackView> Track(const std::string& code, const std::string& tracking_code);
  // The complainant's rating, once, after the reply.
  Result<TrackView> Rate(const std::string& code, const std::string& tracking_code, int64_t rating,
                         std::string comment, const std::string& ip);

  // The case sheet of the 立卷归档 file, masked for `p`.
  Result<std::vector<std::pair<std::string, std::string>>> FileFields(const auth::Principal& p,
                                                                      const cases::Case& c);

 private:
  // Department checks, the title and the engine's Open with the complaint row, in one
  // transaction.
  // `then`, when given, runs in the same transaction once the case and its row exist.
  Result<Registered> Open(
      const auth::Actor& actor, Complaint c, bool anonymous_opener,
      const std::function<Status(soci::session&, int64_t case_id)>& then = nullptr);
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  cases::CaseEngine& engine_;
  org::OrgService& org_;
  Codes codes_;
  ServiceOptions options_;
};

}  // namespace yuanwu::complaints
