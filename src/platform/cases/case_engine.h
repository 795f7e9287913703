// CaseEngine: one engine for every kind of case a hospital must not lose — complaints, adverse
// events, rectification tasks, disclosure applications. It owns the case's state (per its
// CaseType), owner (department and person), deadline clock, timeline, attachments and
// reminders; the case type's module owns its own fields in its own table and calls the engine
// inside the same transaction, so a case and its fields commit or roll back together.
//
// Every change is a timeline entry and an audit entry; nothing is deleted (corrections are new
// entries). Every read goes through a Visibility, so a case outside it is "not found".
//
// Deadlines: ComputeDeadline (platform/deadline) over the case's start, period and the clock
// entries on its timeline, on the working-day calendar. RunDeadlines(), run by the scheduler,
// reminds the assignee before the deadline, tells the department head when it has passed, and
// the responsible office (holders of the type's manage permission) when it is overdue by the
// type's escalate_after; each step once, on the timeline, in the console inbox and through the
// webhook (platform/notify).
//
// Example (a module's use case):
//   Result<cases::Opened> opened;
//   Status s = db.Transact([&](soci::session& sql) {
//     opened = engine.Open(sql, actor, "complaint", spec);
//     if (!opened.ok()) return opened.status();
//     return ComplaintStore::Insert(sql, opened->id, complaint);
//   });
#pragma once

#include <soci/soci.h>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/base/random.h"
#include "platform/base/result.h"
#include "platform/calendar/working_calendar.h"
#include "platform/cases/case.h"
#include "platform/cases/case_rules.h"
#include "platform/cases/case_type.h"
#include "platform/db/database.h"
#include "platform/deadline/deadline.h"

namespace yuanwu::cases {

// Who receives reminders and escalations; implemented by the organisation module.
class Directory {
 public:
  virtual ~Directory() = default;
  // The heads (科室负责人) of a department; empty when none is set.
  virtual Result<std::vector<int64_t>> DepartmentHeads(soci::session& sql,
                                                       int64_t department_id) = 0;
  // Active users holding `permission` through any of their roles.
  virtual Result<std::vector<int64_t>> UsersWith(soci::session& sql,
                                                 const std::string& permission) = 0;
  // Active users of a department (0 = any) holding `permission`: who may be assigned a case.
  virtual Result<std::vector<int64_t>> DepartmentUsersWith(soci::session& sql,
                                                           int64_t department_id,
                                                           const std::string& permission) = 0;
};

struct OpenSpec {
  std::string title;
  int64_t department_id = 0;
  int64_t assignee_id = 0;
  deadline::Moment start;  // local; when the clock starts (收到申请之日, 发现时间 …)
  std::string period;      // "" = no deadline
  std::string extension_limit;  // "" = no extension allowed
  bool tracking = false;        // issue a tracking code for the requester
  bool anonymous = false;       // record no opener (anonymous report); actor name "匿名"
  std::string requester_name;   // the actor name on the timeline for public intake
  std::string body;             // the opening entry's text
  bool body_public = true;      // the opening entry shows on the tracking page
};

struct Opened {
  int64_t id = 0;
  std::string code;
  std::string tracking_code;  // only when spec.tracking; shown once, stored hashed
};

// Runs inside the engine's transaction after its own writes (the case as it is now), so a module
// can record its fields with the step; an error rolls the whole step back.
using StepHook = std::function<Status(soci::session&, const Case&)>;

struct EngineOptions {
  int64_t local_offset_seconds = 8 * 3600;
  int64_t max_attachment_bytes = 20 * 1024 * 1024;
  std::string console_link_prefix = "/console/#/cases/";
};

struct Assignee {
  int64_t user_id = 0;
  std::string name;
  bool head = false;  // 科室负责人
};

struct DeadlineRunReport {
  int reminded = 0;
  int overdue = 0;
  int escalated = 0;
};

class CaseEngine {
 public:
  CaseEngine(db::Database& db, const Clock& clock, const calendar::WorkingCalendar& calendar,
             FileStore& files, Random& random, Directory& directory, EngineOptions options);
  ~CaseEngine();

  // Case types and their rules. Register before serving; SetRules whenever an administrator
  // saves them (thread-safe).
  Status Register(CaseType type);
  const CaseType* Type(std::string_view type) const;
  std::vector<const CaseType*> Types() const;
  void SetRules(CaseRules rules);
  CaseRules Rules() const;

  // ---- In the caller's transaction (the module adds its own rows) ----
  Result<Opened> Open(soci::session& sql, const auth::Actor& actor, const std::string& type,
                      const OpenSpec& spec);
  // The case if `v` may see it (NotFound otherwise, also for another type).
  Result<Case> Load(soci::session& sql, const std::string& type, int64_t id, const Visibility& v);
  // Act (below) in the caller's transaction: a case opened and answered in one step (a complaint
  // resolved on the spot) is written whole or not at all.
  Result<Case> ActIn(soci::session& sql, const auth::Principal& p, const std::string& ip,
                     const std::string& type, int64_t id, const Visibility& v,
                     const std::string& action, const std::string& note,
                     const StepHook& hook = nullptr,
                     const std::optional<deadline::Moment>& effective = std::nullopt);

  // ---- Steps: each its own transaction with a timeline entry and an audit entry ----
  // Takes a case type's action: checks the state and the action's permission; note_required
  // actions need `note`. `hook` may write the module's fields (e.g. the reply text).
  //
  // `effective`: for an action that changes the clock, the local moment the change took effect
  // when that was earlier than now — the law counts from the day a 补正 or a third party's reply
  // arrived, which the office may record a day later. Not in the future, and not before the
  // case's start or its last clock entry (Invalid "effective" otherwise). Default: now.
  Result<Case> Act(const auth::Principal& p, const std::string& ip, const std::string& type,
                   int64_t id, const Visibility& v, const std::string& action,
                   const std::string& note, const StepHook& hook = nullptr,
                   const std::optional<deadline::Moment>& effective = std::nullopt);
  // Assigns to a department and optionally a person in it. The type's manage permission may
  // assign anywhere; the handle permission may pick a person within the case's own department.
  // Reassignment (the case already had an owner) needs a reason.
  Result<Case> Assign(const auth::Principal& p, const std::string& ip, const std::string& type,
                      int64_t id, const Visibility& v, int64_t department_id, int64_t assignee_id,
                      const std::string& reason);
  // Notes and attachments: the handle or manage permission, case not closed.
  Result<Event> AddNote(const auth::Principal& p, const std::string& ip, const std::string& type,
                        int64_t id, const Visibility& v, const std::string& body, bool is_public);
  Result<Attachment> Attach(const auth::Principal& p, const std::string& ip,
                            const std::string& type, int64_t id, const Visibility& v,
                            const std::string& filename, const std::string& data);
  // The clock (manage permission): pause with a reason (补正 awaited, third party consulted),
  // resume, extend by `amount` ("10wd") within the case's extension_limit in total, approved by
  // `approver` (name and title, recorded with the reason).
  Result<Case> Pause(const auth::Principal& p, const std::string& ip, const std::string& type,
                     int64_t id, const Visibility& v, const std::string& reason,
                     const StepHook& hook = nullptr,
                     const std::optional<deadline::Moment>& effective = std::nullopt);
  Result<Case> Resume(const auth::Principal& p, const std::string& ip, const std::string& type,
                      int64_t id, const Visibility& v, const std::string& note,
                      const StepHook& hook = nullptr,
                      const std::optional<deadline::Moment>& effective = std::nullopt);
  Result<Case> Extend(const auth::Principal& p, const std::string& ip, const std::string& type,
                      int64_t id, const Visibility& v, const std::string& amount,
                      const std::string& approver, const std::string& reason,
                      const StepHook& hook = nullptr);
  // A correction of an earlier entry (handle or manage permission); the original stays.
  Result<Event> Correct(const auth::Principal& p, const std::string& ip, const std::string& type,
                        int64_t id, const Visibility& v, int64_t event_id, const std::string& body);

  // ---- Reads ----
  Result<Case> Get(const std::string& type, int64_t id, const Visibility& v);
  Result<std::vector<Event>> Timeline(const std::string& type, int64_t id, const Visibility& v);
  Result<std::vector<Attachment>> Attachments(const std::string& type, int64_t id,
                                              const Visibility& v);
  // The attachment and its bytes.
  Result<std::pair<Attachment, std::string>> AttachmentData(const std::string& type, int64_t id,
                                                            const Visibility& v, int64_t aid);
  Result<std::pair<std::vector<Case>, int64_t>> List(const ListFilter& f, const Visibility& v,
                                                     int64_t user_id);
  Result<QueueCounts> Counts(const std::string& type, const Visibility& v, int64_t user_id);
  // Who in `department_id` (0 = the case's own department) may be assigned the case: active
  // members holding the type's handle permission, heads first.
  Result<std::vector<Assignee>> Assignees(const std::string& type, int64_t id, const Visibility& v,
                                          int64_t department_id);
  // The actions `p` may take on the case now (for the console's buttons).
  std::vector<const ActionDef*> AvailableActions(const auth::Principal& p, const Case& c) const;

  // The requester's view by code and tracking code (public; constant-time compare). NotFound
  // for any mismatch, without saying which part was wrong.
  Result<std::pair<Case, std::vector<Event>>> Track(const std::string& type,
                                                    const std::string& code,
                                                    const std::string& tracking_code);
  // A public entry by the requester (e.g. a rating), found by Track's credentials; `hook` writes
  // the module's fields.
  Result<Case> RequesterStep(const std::string& type, const std::string& code,
                             const std::string& tracking_code, const std::string& ip,
                             const std::string& kind, const std::string& body,
                             const std::string& requester_name, const StepHook& hook);

  // 立卷归档: the case file as one ZIP — 卷内目录, the case sheet with `fields` (label → value,
  // already masked as the viewer may see them), the complete timeline, and every attachment.
  Result<std::string> ExportFile(const std::string& type, int64_t id, const Visibility& v,
                                 const std::vector<std::pair<std::string, std::string>>& fields,
                                 const auth::Actor& actor);

  // Reminders and escalations due at `now` (UTC seconds), each once. Called by the scheduler.
  Result<DeadlineRunReport> RunDeadlines(int64_t now);

  // Now as a local wall-clock minute (deadlines are local).
  deadline::Moment LocalNow() const;
  int64_t LocalNowMinutes() const { return LocalNow().Minutes(); }

  // The deadline of a case recomputed from its timeline (used after every clock change).
  Result<deadline::Deadline> ComputeFor(soci::session& sql, const Case& c);

  // The moment a clock entry takes effect: `effective` checked against now, the start and the
  // last clock entry, or now.
  Result<std::string> ClockMoment(soci::session& sql, const Case& c,
                                  const std::optional<deadline::Moment>& effective);

 private:
  // One step: loads the visible case, runs `fn` (which changes `c` and returns the timeline
  // entry), recomputes the deadline when `clock` is set, writes case + entry + audit, runs the
  // hook. The entry's id is returned in *event_id.
  using StepFn = std::function<Status(soci::session&, const CaseType&, Case& c, Event& e,
                                      std::optional<ClockEntry>& clock)>;
  Result<Case> Step(const auth::Actor& actor, const std::string& type, int64_t id,
                    const Visibility& v, const std::string& audit_action, const StepFn& fn,
                    const StepHook& hook, int64_t* event_id = nullptr);
  // Step in the caller's transaction.
  Result<Case> StepIn(soci::session& sql, const auth::Actor& actor, const std::string& type,
                      int64_t id, const Visibility& v, const std::string& audit_action,
                      const StepFn& fn, const StepHook& hook, int64_t* event_id = nullptr);
  // Recomputes due_at / clock of `c` from its clock entries; returns the due minutes or -1.
  Result<int64_t> Recompute(soci::session& sql, Case& c);
  Result<const CaseType*> Find(std::string_view type) const;
  Status Notify(soci::session& sql, const Case& c, const std::string& kind,
                const std::string& title, const std::vector<int64_t>& users);
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  const calendar::WorkingCalendar& calendar_;
  FileStore& files_;
  Random& random_;
  Directory& directory_;
  EngineOptions options_;
  std::map<std::string, CaseType, std::less<>> types_;
  mutable std::mutex rules_mu_;
  CaseRules rules_;
};

}  // namespace yuanwu::cases
