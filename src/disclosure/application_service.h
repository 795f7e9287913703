// ApplicationService: disclosure applications (依申请公开, Mode B) and consultations (咨询,
// Mode A) on the case engine (domain-spec §1.1, §1.5). Each write is one engine step (or
// engine.Open inside the service's transaction) whose hook writes the application's own fields
// and their audit entry in the same transaction, so the case, its timeline entry, its audit
// entries and the application's fields commit or roll back together. Input is validated first
// (application_form.h): bad input writes nothing.
//
// The deadline (条例 Art.30–33): the clock starts on the receipt date (Art.31); a 补正 notice
// (once, within the notice period after receipt) pauses it and the day the 补正 arrives
// restarts the whole period; consulting a third party pauses it until the reply, or until the
// reply period ends without one; an extension (approved, at most extension_max in total) adds
// to it; the answer, 逾期不补正 and withdrawal stop it. When the office records a 补正 or a reply
// that arrived on an earlier day, the step's clock change is dated to that day (the engine's
// `effective` moment), so the deadline is counted from when it happened, not when it was typed.
//
// Who sees what: disclosure.application.manage (院办) every application and the applicant's
// documents and contact; disclosure.application.read the applications of the departments in
// the viewer's data scope (org::DeptScope), identity masked; anyone the applications assigned to
// them or that they registered. An application outside this is "not found".
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "disclosure/application.h"
#include "disclosure/application_form.h"
#include "disclosure/application_store.h"
#include "org/org_service.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/calendar/working_calendar.h"
#include "platform/cases/case_engine.h"
#include "platform/db/database.h"

namespace yuanwu::disclosure {

struct ApplicationServiceOptions {
  int64_t local_offset_seconds = 8 * 3600;
  // The department (code) that owns applications from the portal, e.g. the 院办 "YB"; "" or an
  // unknown code leaves them unassigned (the office, which sees every application, assigns).
  std::string intake_department_code;
};

enum class Mode { kApplication, kConsultation };
std::string_view ModeCode(Mode m);    // "application" | "consultation"
std::string_view CaseTypeOf(Mode m);  // "disclosure_application" | "disclosure_consultation"

struct RegisteredApplication {
  cases::Case c;
  std::string tracking_code;  // shown once; only its hash is stored ("" for consultations)
};

// What the console shows of one application.
struct ApplicationDetail {
  cases::Case c;
  Application a;  // masked for the viewer
  std::vector<ThirdParty> third_parties;
  bool masked = false;
  // The last day to send the 补正 notice (Art.30), while one may still be sent; "" otherwise.
  std::string correction_notice_due;
  // While the clock is paused: the working days of the period still to run when it resumes.
  int64_t paused_remaining = -1;
};

struct ApplicationRow {
  cases::Case c;
  Application a;  // masked for the viewer
};

// The requester's view by code and tracking code.
struct ApplicationTrack {
  cases::Case c;
  std::vector<cases::Event> events;  // public entries only
  Application a;                     // identity masked
  int64_t paused_remaining = -1;
};

struct AnnualReport {
  AnnualTable table;
  // The table counts only what the viewer may see: false when that is not every application.
  bool complete = true;
  ApplicationStore::ConsultationCounts consultations;
};

class ApplicationService {
 public:
  ApplicationService(db::Database& db, const Clock& clock,
                     const calendar::WorkingCalendar& calendar, cases::CaseEngine& engine,
                     org::OrgService& org, ApplicationServiceOptions options = {});

  cases::CaseEngine& engine() { return engine_; }
  const calendar::WorkingCalendar& calendar() const { return calendar_; }
  int64_t local_offset_seconds() const { return options_.local_offset_seconds; }
  // Never fails: a scope that cannot be read leaves only the viewer's own cases.
  cases::Visibility VisibilityFor(const auth::Principal& p);
  static bool MaySeeIdentity(const auth::Principal& p);
  // The local date and minute of now.
  Date Today() const;
  int64_t NowMinutes() const;

  // Registration by the office (disclosure.application.manage): letters, visits, calls.
  Result<RegisteredApplication> Register(const auth::Principal& p, const std::string& ip,
                                         const RegistrationInput& in);
  // The portal form: an application received online today. `form_key` (the form's one-time
  // key, may be "") makes a form sent twice register once: the second time is AlreadyExists
  // naming the 编号.
  Result<RegisteredApplication> SubmitPublic(const RegistrationInput& in, const std::string& ip,
                                             const std::string& form_key);

  Result<ApplicationDetail> Get(const auth::Principal& p, Mode mode, int64_t id);
  Result<std::pair<std::vector<ApplicationRow>, int64_t>> List(const auth::Principal& p, Mode mode,
                                                               cases::ListFilter filter);

  // ---- Steps of an application (disclosure.application.handle) ----
  // 补正告知: once, and only within the notice period (rules "correction_notice") after the
  // receipt date; after it the application must be answered as it is.
  Result<cases::Case> RequestCorrection(const auth::Principal& p, const std::string& ip, int64_t id,
                                        const CorrectionRequestInput& in);
  // The 补正 arrived on `received_on` ("" = today): the answer period runs again from that day.
  Result<cases::Case> CorrectionReceived(const auth::Principal& p, const std::string& ip,
                                         int64_t id, const std::string& received_on,
                                         const std::string& note);
  // 补正期限 passed without a 补正: closed as （六）1, no longer processed.
  Result<cases::Case> CorrectionOverdue(const auth::Principal& p, const std::string& ip, int64_t id,
                                        const std::string& note);
  Result<cases::Case> ConsultThirdParty(const auth::Principal& p, const std::string& ip, int64_t id,
                                        const ThirdPartyInput& in);
  Result<cases::Case> ThirdPartyReplied(const auth::Principal& p, const std::string& ip, int64_t id,
                                        const ThirdPartyReplyInput& in);
  // No reply by the reply deadline (only once it has passed): the clock resumes from that day.
  Result<cases::Case> ThirdPartySilent(const auth::Principal& p, const std::string& ip, int64_t id,
                                       const std::string& note);
  // An approved extension (disclosure.application.manage), at most the case's extension limit
  // in total; the applicant is told (the entry is public).
  Result<cases::Case> Extend(const auth::Principal& p, const std::string& ip, int64_t id,
                             const std::string& amount, const std::string& approver,
                             const std::string& reason);
  Result<cases::Case> Answer(const auth::Principal& p, const std::string& ip, int64_t id,
                             const AnswerInput& in);
  // The applicant withdrew (counted as （六）3 其他).
  Result<cases::Case> Withdraw(const auth::Principal& p, const std::string& ip, int64_t id,
                               const std::string& note);

  // ---- Consultations ----
  Result<cases::Case> AnswerConsultation(const auth::Principal& p, const std::string& ip,
                                         int64_t id, const AnswerInput& in);

  // Table 三 of `year` from the stored applications, checked; a table that cannot be built or
  // does not add up is FailedPrecondition naming the application or the cell.
  Result<AnnualReport> Annual(const auth::Principal& p, int year);

  // Public, by code and tracking code; the same NotFound for any mismatch.
  Result<ApplicationTrack> Track(const std::string& code, const std::string& tracking_code);

  // The case sheet of the 立卷归档 file, masked for `p`.
  Result<std::vector<std::pair<std::string, std::string>>> FileFields(const auth::Principal& p,
                                                                      const cases::Case& c);

 private:
  using Hook = std::function<Status(soci::session&, const cases::Case&, const Application&)>;
  // Takes a case-type action on an application or consultation: `hook` runs inside the engine's
  // step with the application as stored before the step; its changes are audited as
  // `audit_action`. `effective` (a day before today) dates the step's clock change.
  Result<cases::Case> Step(const auth::Principal& p, const std::string& ip, Mode mode, int64_t id,
                           const std::string& action, const std::string& note,
                           const std::string& audit_action, const Hook& hook,
                           std::optional<Date> effective = std::nullopt);
  // The earliest day a step may be dated: the receipt, and the day of the last clock change.
  Result<Date> EarliestStepDay(int64_t id, const Application& a);
  Result<std::pair<cases::Case, Application>> Load(const auth::Principal& p, Mode mode, int64_t id);
  Result<RegisteredApplication> Open(const auth::Actor& actor, Application a, int64_t department_id,
                                     bool requester);
  Result<int64_t> PausedRemaining(const cases::Case& c);
  Result<std::string> Rule(Mode mode, const char* name) const;

  db::Database& db_;
  const Clock& clock_;
  const calendar::WorkingCalendar& calendar_;
  cases::CaseEngine& engine_;
  org::OrgService& org_;
  ApplicationServiceOptions options_;
};

// The applicant's identity and contact masked (for viewers without the manage permission and
// for the tracking page).
Application MaskedApplication(const Application& a);

}  // namespace yuanwu::disclosure
