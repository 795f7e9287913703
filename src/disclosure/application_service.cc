#include "disclosure/application_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "org/case_directory.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/deadline/deadline.h"

namespace yuanwu::disclosure {
namespace {

using nlohmann::json;

Status NotFound() { return Status::NotFound("依申请公开记录", "disclosure application"); }

// "7wd" → "7个工作日" / "7 working days", for messages.
std::pair<std::string, std::string> PeriodText(const std::string& period) {
  Result<deadline::Period> p = deadline::ParsePeriod(period);
  if (!p.ok()) return {period, period};
  std::string n = std::to_string(p->amount);
  switch (p->unit) {
    case deadline::PeriodUnit::kWorkingDays:
      return {n + "个工作日", n + " working days"};
    case deadline::PeriodUnit::kCalendarDays:
      return {n + "日", n + " days"};
    case deadline::PeriodUnit::kHours:
      return {n + "小时", n + " hours"};
  }
  return {period, period};
}

std::string Excerpt(const std::string& text, size_t chars) {
  std::string out;
  size_t n = 0;
  for (std::string_view ch : Utf8Chars(text)) {
    if (n++ == chars) return out + "…";
    out += ch == "\n" || ch == "\r" ? std::string(" ") : std::string(ch);
  }
  return out;
}

// A status the caller did not cause but can act on (the stored data, not the request): never
// a 500, and every field reason kept.
Status Explain(const Status& s, const std::string& zh, const std::string& en) {
  Status out(StatusCode::kFailedPrecondition, zh + "：" + s.message(), en + ": " + s.message_en());
  for (const FieldError& f : s.fields()) out.AddField(f.field, f.reason, f.reason_en);
  return out;
}

// What the audit trail records of an application: its handling, never the applicant's identity
// or a third party's name (auditors may not see them).
std::string AuditFields(const Application& a, const std::vector<ThirdParty>& parties) {
  json tp = json::array();
  for (const ThirdParty& t : parties) {
    tp.push_back({{"id", t.id},
                  {"party_kind", t.party_kind},
                  {"sent_on", t.sent_on},
                  {"reply_due", t.reply_due},
                  {"replied_on", t.replied_on},
                  {"silent", t.silent},
                  {"opinion", t.opinion},
                  {"pause_ends", t.pause_ends}});
  }
  return json({{"mode", a.mode},
               {"source", a.source},
               {"applicant_kind", a.applicant_kind},
               {"channel", a.channel},
               {"received_on", a.received_on},
               {"medium", a.medium},
               {"delivery", a.delivery},
               {"outcome", a.outcome},
               {"decided_on", a.decided_on},
               {"answer_delivery", a.answer_delivery},
               {"correction_requested_on", a.correction_requested_on},
               {"correction_due", a.correction_due},
               {"correction_received_on", a.correction_received_on},
               {"third_parties", tp}})
      .dump();
}

Mode ModeOf(const Application& a) {
  return a.mode == "consultation" ? Mode::kConsultation : Mode::kApplication;
}

std::string TypeString(Mode m) { return std::string(CaseTypeOf(m)); }

}  // namespace

std::string_view ModeCode(Mode m) {
  return m == Mode::kConsultation ? "consultation" : "application";
}

std::string_view CaseTypeOf(Mode m) {
  return m == Mode::kConsultation ? kConsultationType : kApplicationType;
}

Application MaskedApplication(const Application& a) {
  Application m = a;
  m.applicant_name = MaskName(a.applicant_name);
  m.id_number = a.id_number.empty() ? "" : MaskIdNumber(a.id_number);
  m.phone = a.phone.empty() ? "" : MaskPhone(a.phone);
  m.email = a.email.empty() ? "" : "***";
  m.address = a.address.empty() ? "" : "***";
  m.submission_key.clear();
  return m;
}

ApplicationService::ApplicationService(db::Database& db, const Clock& clock,
                                       const calendar::WorkingCalendar& calendar,
                                       cases::CaseEngine& engine, org::OrgService& org,
                                       ApplicationServiceOptions options)
    : db_(db),
      clock_(clock),
      calendar_(calendar),
      engine_(engine),
      org_(org),
      options_(std::move(options)) {}

Date ApplicationService::Today() const {
  return LocalDate(clock_.NowSeconds(), options_.local_offset_seconds);
}

int64_t ApplicationService::NowMinutes() const {
  return (clock_.NowSeconds() + options_.local_offset_seconds) / 60;
}

bool ApplicationService::MaySeeIdentity(const auth::Principal& p) {
  return p.Has(kApplicationManage);
}

cases::Visibility ApplicationService::VisibilityFor(const auth::Principal& p) {
  return org::CaseVisibility(org_, p, kApplicationRead, kApplicationManage);
}

Result<std::string> ApplicationService::Rule(Mode mode, const char* name) const {
  return engine_.Rules().Period(CaseTypeOf(mode), name);
}

// ---- Registration ----

Result<RegisteredApplication> ApplicationService::Open(const auth::Actor& actor, Application a,
                                                       int64_t department_id, bool requester) {
  Mode mode = ModeOf(a);
  const std::string type = TypeString(mode);
  YW_ASSIGN_OR_RETURN(std::string period, Rule(mode, "answer"));
  YW_ASSIGN_OR_RETURN(cases::TypeRules rules, engine_.Rules().For(type));
  std::optional<Date> received = ParseDate(a.received_on);
  if (!received) return Status::Internal("bad received_on " + a.received_on);

  cases::OpenSpec spec;
  // The title names the matter, never the applicant: it shows in every handler's list.
  spec.title =
      (mode == Mode::kConsultation ? "咨询：" : "依申请公开：") + Excerpt(a.description, 40);
  spec.department_id = department_id;
  spec.start = deadline::Moment{*received, 0};
  spec.period = period;
  spec.extension_limit = mode == Mode::kApplication ? rules.extension_max : "";
  spec.tracking = mode == Mode::kApplication;
  spec.requester_name = requester ? "申请人" : "";
  spec.body = mode == Mode::kConsultation
                  ? "受理信息公开咨询（" + CodeName(ConsultationChannels(), a.channel) + "，" +
                        a.received_on + "）"
                  : "收到政府信息公开申请（" + std::string(ChannelName(*ParseChannel(a.channel))) +
                        "，收到申请之日 " + a.received_on + "）";
  spec.body_public = true;

  Result<cases::Opened> opened = Status::Internal("not opened");
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    if (!a.submission_key.empty()) {
      if (std::optional<std::string> code =
              ApplicationStore::CodeOfSubmission(sql, a.submission_key)) {
        return Status::Conflict("此申请表已提交过，申请编号为 " + *code + "，请勿重复提交",
                                "this form was already submitted as " + *code);
      }
    }
    if (department_id != 0 && !org::OrgStore::GetDepartment(sql, department_id)) {
      return Status::Invalid("department_id", "科室不存在", "no such department");
    }
    opened = engine_.Open(sql, actor, type, spec);
    if (!opened.ok()) return opened.status();
    a.case_id = opened->id;
    ApplicationStore::Insert(sql, a);
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {"disclosure." + std::string(ModeCode(mode)) + ".register", "disclosure_application",
         std::to_string(a.case_id), "{}", AuditFields(a, {})});
  });
  if (!s.ok()) return s;
  RegisteredApplication out;
  out.tracking_code = opened->tracking_code;
  YW_ASSIGN_OR_RETURN(out.c, engine_.Get(type, opened->id, cases::Visibility::All()));
  return out;
}

Result<RegisteredApplication> ApplicationService::Register(const auth::Principal& p,
                                                           const std::string& ip,
                                                           const RegistrationInput& in) {
  if (!p.Has(kApplicationManage)) return Status::Denied();
  Validation v;
  Application a = ValidateRegistration(in, Today(), false, v);
  if (in.department_id < 0) v.Fail("department_id", "科室无效", "invalid department");
  YW_RETURN_IF_ERROR(v.ToStatus());
  int64_t dept = in.department_id > 0 ? in.department_id : p.department_id;
  return Open(auth::Actor::Of(p, ip), std::move(a), dept, false);
}

Result<RegisteredApplication> ApplicationService::SubmitPublic(const RegistrationInput& in,
                                                               const std::string& ip,
                                                               const std::string& form_key) {
  RegistrationInput only_applications = in;
  only_applications.mode = "application";
  Validation v;
  Application a = ValidateRegistration(only_applications, Today(), true, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  // A key the portal did not make is ignored rather than refused: it only guards resubmission.
  bool hex = form_key.size() == 32 && std::all_of(form_key.begin(), form_key.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
             });
  a.submission_key = hex ? form_key : "";
  int64_t dept = 0;
  if (!options_.intake_department_code.empty()) {
    YW_ASSIGN_OR_RETURN(std::vector<org::Department> depts, org_.Departments());
    for (const org::Department& d : depts) {
      if (d.code == options_.intake_department_code) dept = d.id;
    }
  }
  return Open(auth::Actor{0, "申请人", ip}, std::move(a), dept, true);
}

// ---- Reads ----

Result<std::pair<cases::Case, Application>> ApplicationService::Load(const auth::Principal& p,
                                                                     Mode mode, int64_t id) {
  YW_ASSIGN_OR_RETURN(cases::Case c, engine_.Get(TypeString(mode), id, VisibilityFor(p)));
  YW_ASSIGN_OR_RETURN(std::optional<Application> a,
                      db_.Query<std::optional<Application>>(
                          [&](soci::session& sql) -> Result<std::optional<Application>> {
                            return ApplicationStore::Get(sql, id);
                          }));
  if (!a) return NotFound();
  return std::make_pair(std::move(c), std::move(*a));
}

Result<int64_t> ApplicationService::PausedRemaining(const cases::Case& c) {
  if (c.clock != "paused") return int64_t{-1};
  return db_.Query<int64_t>([&](soci::session& sql) -> Result<int64_t> {
    YW_ASSIGN_OR_RETURN(deadline::Deadline d, engine_.ComputeFor(sql, c));
    return d.paused ? d.remaining : int64_t{-1};
  });
}

Result<ApplicationDetail> ApplicationService::Get(const auth::Principal& p, Mode mode, int64_t id) {
  YW_ASSIGN_OR_RETURN(auto loaded, Load(p, mode, id));
  ApplicationDetail d;
  d.c = std::move(loaded.first);
  d.masked = !MaySeeIdentity(p);
  d.a = d.masked ? MaskedApplication(loaded.second) : loaded.second;
  YW_ASSIGN_OR_RETURN(d.third_parties,
                      db_.Query<std::vector<ThirdParty>>(
                          [&](soci::session& sql) -> Result<std::vector<ThirdParty>> {
                            return ApplicationStore::ThirdParties(sql, id);
                          }));
  if (mode == Mode::kApplication && d.c.state == "received" &&
      d.a.correction_requested_on.empty()) {
    YW_ASSIGN_OR_RETURN(std::string notice, Rule(mode, "correction_notice"));
    YW_ASSIGN_OR_RETURN(Date due,
                        CorrectionNoticeDue(calendar_, *ParseDate(d.a.received_on), notice));
    d.correction_notice_due = due.ToString();
  }
  YW_ASSIGN_OR_RETURN(d.paused_remaining, PausedRemaining(d.c));
  return d;
}

Result<std::pair<std::vector<ApplicationRow>, int64_t>> ApplicationService::List(
    const auth::Principal& p, Mode mode, cases::ListFilter filter) {
  filter.type = TypeString(mode);
  YW_ASSIGN_OR_RETURN(auto page, engine_.List(filter, VisibilityFor(p), p.user_id));
  std::vector<int64_t> ids;
  for (const cases::Case& c : page.first) ids.push_back(c.id);
  YW_ASSIGN_OR_RETURN(auto apps,
                      (db_.Query<std::map<int64_t, Application>>(
                          [&](soci::session& sql) -> Result<std::map<int64_t, Application>> {
                            return ApplicationStore::ForCases(sql, ids);
                          })));
  bool masked = !MaySeeIdentity(p);
  std::vector<ApplicationRow> rows;
  for (cases::Case& c : page.first) {
    auto it = apps.find(c.id);
    if (it == apps.end()) continue;  // a case opened without its row cannot exist (one tx)
    rows.push_back({std::move(c), masked ? MaskedApplication(it->second) : it->second});
  }
  return std::make_pair(std::move(rows), page.second);
}

// ---- Steps ----

Result<Date> ApplicationService::EarliestStepDay(int64_t id, const Application& a) {
  Date earliest = ParseDate(a.received_on).value_or(Date{});
  YW_ASSIGN_OR_RETURN(
      std::optional<ApplicationStore::ClockRef> last,
      db_.Query<std::optional<ApplicationStore::ClockRef>>(
          [&](soci::session& sql) -> Result<std::optional<ApplicationStore::ClockRef>> {
            return ApplicationStore::LastClockEntry(sql, id);
          }));
  if (last && last->at.size() >= 10) {
    std::optional<Date> d = ParseDate(last->at.substr(0, 10));
    if (d && *d > earliest) earliest = *d;
  }
  return earliest;
}

Result<cases::Case> ApplicationService::Step(const auth::Principal& p, const std::string& ip,
                                             Mode mode, int64_t id, const std::string& action,
                                             const std::string& note,
                                             const std::string& audit_action, const Hook& hook,
                                             std::optional<Date> effective) {
  const std::string type = TypeString(mode);
  auth::Actor actor = auth::Actor::Of(p, ip);
  // A day before today dates the clock change to the end of that day: after anything recorded
  // earlier that day, and for working-day periods the day is what counts (a resumed clock runs
  // from the next day, a restarted period too). Today is the engine's "now".
  std::optional<deadline::Moment> at;
  if (effective && *effective < Today())
    at = deadline::Moment{*effective, deadline::Moment::kEndOfDay};
  return engine_.Act(
      p, ip, type, id, VisibilityFor(p), action, note,
      [&](soci::session& sql, const cases::Case& after) -> Status {
        std::optional<Application> before = ApplicationStore::Get(sql, after.id);
        if (!before) return NotFound();
        std::string was = AuditFields(*before, ApplicationStore::ThirdParties(sql, after.id));
        if (hook) YW_RETURN_IF_ERROR(hook(sql, after, *before));
        std::optional<Application> now = ApplicationStore::Get(sql, after.id);
        std::string is = AuditFields(*now, ApplicationStore::ThirdParties(sql, after.id));
        if (was == is) return Status::Ok();
        return audit::Append(
            sql, db_.dialect(), clock_, actor,
            {audit_action, "disclosure_application", std::to_string(after.id), was, is});
      },
      at);
}

Result<cases::Case> ApplicationService::RequestCorrection(const auth::Principal& p,
                                                          const std::string& ip, int64_t id,
                                                          const CorrectionRequestInput& in) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Date today = Today();
  Validation v;
  ValidateCorrectionRequest(in, today, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(std::string notice, Rule(Mode::kApplication, "correction_notice"));
  std::string request = Trim(in.request), due = Trim(in.due);
  std::string note = "请补正：" + request + "\n补正期限：" + due;
  return Step(
      p, ip, Mode::kApplication, id, "request_correction", note,
      "disclosure.application.request_correction",
      [&](soci::session& sql, const cases::Case& c, const Application& a) -> Status {
        if (!a.correction_requested_on.empty()) {
          return Status::Precondition(
              "补正应一次性告知：本申请已于 " + a.correction_requested_on + " 告知过补正",
              "a correction is requested once only: it was requested on " +
                  a.correction_requested_on);
        }
        YW_ASSIGN_OR_RETURN(Date notice_due,
                            CorrectionNoticeDue(calendar_, *ParseDate(a.received_on), notice));
        if (today > notice_due) {
          auto [zh, en] = PeriodText(notice);
          return Status::Precondition(
              "已超过补正告知期限：应自收到申请之日（" + a.received_on + "）起" + zh + "内，即 " +
                  notice_due.ToString() + " 前一次性告知补正（条例第三十条）；现在请按申请内容答复",
              "too late to request a correction: it had to be requested within " + en +
                  " of receipt (" + a.received_on + "), by " + notice_due.ToString() +
                  " (Art.30); answer the application as it stands");
        }
        ApplicationStore::SetCorrectionRequest(sql, c.id, request, today.ToString(), due);
        return Status::Ok();
      });
}

Result<cases::Case> ApplicationService::CorrectionReceived(const auth::Principal& p,
                                                           const std::string& ip, int64_t id,
                                                           const std::string& received_on,
                                                           const std::string& note) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  YW_ASSIGN_OR_RETURN(auto loaded, Load(p, Mode::kApplication, id));
  const Application& a = loaded.second;
  YW_ASSIGN_OR_RETURN(Date earliest, EarliestStepDay(id, a));
  if (std::optional<Date> asked = ParseDate(a.correction_requested_on)) {
    earliest = std::max(earliest, *asked);
  }
  Validation v;
  Date on = ValidateStepDate("received_on", received_on, Today(), earliest, "告知补正之日",
                             "the correction request", v);
  ValidateText("note", note, false, 2000, "说明", "note", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string body = "收到补正（" + on.ToString() + "），答复期限自该日起重新计算" +
                     (Trim(note).empty() ? "" : "。" + Trim(note));
  return Step(
      p, ip, Mode::kApplication, id, "correction_received", body,
      "disclosure.application.correction_received",
      [&](soci::session& sql, const cases::Case& c, const Application&) -> Status {
        ApplicationStore::SetCorrectionReceived(sql, c.id, on.ToString());
        return Status::Ok();
      },
      on);
}

Result<cases::Case> ApplicationService::CorrectionOverdue(const auth::Principal& p,
                                                          const std::string& ip, int64_t id,
                                                          const std::string& note) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Validation v;
  ValidateText("note", note, true, 2000, "说明", "note", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  Date today = Today();
  return Step(p, ip, Mode::kApplication, id, "correction_overdue", Trim(note),
              "disclosure.application.correction_overdue",
              [&](soci::session& sql, const cases::Case& c, const Application& a) -> Status {
                std::optional<Date> due = ParseDate(a.correction_due);
                if (due && today <= *due) {
                  return Status::Precondition(
                      "补正期限（" + a.correction_due + "）尚未届满，不能按逾期未补正处理",
                      "the date to correct by (" + a.correction_due + ") has not passed yet");
                }
                ApplicationStore::SetOutcome(sql, c.id,
                                             std::string(OutcomeCode(Outcome::kNoCorrection)),
                                             today.ToString(), Trim(note), "", "");
                return Status::Ok();
              });
}

Result<cases::Case> ApplicationService::ConsultThirdParty(const auth::Principal& p,
                                                          const std::string& ip, int64_t id,
                                                          const ThirdPartyInput& in) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Validation v;
  ValidateThirdParty(in, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(auto loaded, Load(p, Mode::kApplication, id));
  YW_ASSIGN_OR_RETURN(Date earliest, EarliestStepDay(id, loaded.second));
  Date sent =
      ValidateStepDate("sent_on", in.sent_on, Today(), earliest, "收到申请之日或上一次期限变化之日",
                       "the receipt or the last change of the deadline", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(std::string period, Rule(Mode::kApplication, "third_party"));
  YW_ASSIGN_OR_RETURN(Date reply_due, ThirdPartyReplyDue(calendar_, sent, period));
  ThirdParty t;
  t.case_id = id;
  t.party_kind = Trim(in.party_kind);
  t.party = Trim(in.party);
  t.matter = Trim(in.matter);
  t.sent_on = sent.ToString();
  t.reply_due = reply_due.ToString();
  std::string note = "书面征求" + CodeName(PartyKinds(), t.party_kind) + "「" + t.party +
                     "」意见（" + t.sent_on + "，答复期限 " + t.reply_due +
                     "；征求意见期间不计入答复期限）：" + t.matter;
  return Step(
      p, ip, Mode::kApplication, id, "consult_third_party", note,
      "disclosure.application.consult_third_party",
      [&](soci::session& sql, const cases::Case&, const Application&) -> Status {
        ApplicationStore::AddThirdParty(sql, t);
        return Status::Ok();
      },
      sent);
}

Result<cases::Case> ApplicationService::ThirdPartyReplied(const auth::Principal& p,
                                                          const std::string& ip, int64_t id,
                                                          const ThirdPartyReplyInput& in) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Validation v;
  ValidateThirdPartyReply(in, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(auto loaded, Load(p, Mode::kApplication, id));
  YW_ASSIGN_OR_RETURN(std::optional<ThirdParty> open,
                      db_.Query<std::optional<ThirdParty>>(
                          [&](soci::session& sql) -> Result<std::optional<ThirdParty>> {
                            return ApplicationStore::OpenThirdParty(sql, id);
                          }));
  if (!open) {
    return Status::Precondition("没有等待答复的征求意见", "no consultation is awaiting a reply");
  }
  YW_ASSIGN_OR_RETURN(Date earliest, EarliestStepDay(id, loaded.second));
  earliest = std::max(earliest, *ParseDate(open->sent_on));
  Date replied = ValidateStepDate("replied_on", in.replied_on, Today(), earliest, "征求意见之日",
                                  "the request for an opinion", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(std::string period, Rule(Mode::kApplication, "third_party"));
  YW_ASSIGN_OR_RETURN(Date ends,
                      ThirdPartyPauseEnds(calendar_, *ParseDate(open->sent_on), replied, period));
  std::string opinion = Trim(in.opinion), text = Trim(in.opinion_text);
  std::string note = "收到「" + open->party + "」意见（" + replied.ToString() + "）：" +
                     CodeName(Opinions(), opinion) + "。" + text;
  int64_t open_id = open->id;
  return Step(
      p, ip, Mode::kApplication, id, "third_party_replied", note,
      "disclosure.application.third_party_replied",
      [&](soci::session& sql, const cases::Case& c, const Application&) -> Status {
        std::optional<ThirdParty> still = ApplicationStore::OpenThirdParty(sql, c.id);
        if (!still || still->id != open_id) {
          return Status::Conflict("征求意见记录已变化，请刷新后重试",
                                  "the consultation changed meanwhile; reload and retry");
        }
        ApplicationStore::CloseThirdParty(sql, open_id, replied.ToString(), false, opinion, text,
                                          ends.ToString());
        return Status::Ok();
      },
      ends);
}

Result<cases::Case> ApplicationService::ThirdPartySilent(const auth::Principal& p,
                                                         const std::string& ip, int64_t id,
                                                         const std::string& note) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Validation v;
  ValidateText("note", note, false, 2000, "说明", "note", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(auto loaded, Load(p, Mode::kApplication, id));
  (void)loaded;
  YW_ASSIGN_OR_RETURN(std::optional<ThirdParty> open,
                      db_.Query<std::optional<ThirdParty>>(
                          [&](soci::session& sql) -> Result<std::optional<ThirdParty>> {
                            return ApplicationStore::OpenThirdParty(sql, id);
                          }));
  if (!open) {
    return Status::Precondition("没有等待答复的征求意见", "no consultation is awaiting a reply");
  }
  YW_ASSIGN_OR_RETURN(std::string period, Rule(Mode::kApplication, "third_party"));
  YW_ASSIGN_OR_RETURN(
      Date ends, ThirdPartyPauseEnds(calendar_, *ParseDate(open->sent_on), std::nullopt, period));
  if (Today() <= ends) {
    return Status::Precondition("「" + open->party + "」的答复期限（" + ends.ToString() +
                                    "）尚未届满，届满后才能按逾期未答复处理",
                                "the reply period of the party consulted ends on " +
                                    ends.ToString() + "; it has not passed yet");
  }
  std::string body = "「" + open->party + "」在答复期限（" + ends.ToString() +
                     "）内未提出意见，自该日起恢复计算答复期限" +
                     (Trim(note).empty() ? "" : "。" + Trim(note));
  int64_t open_id = open->id;
  return Step(
      p, ip, Mode::kApplication, id, "third_party_silent", body,
      "disclosure.application.third_party_silent",
      [&](soci::session& sql, const cases::Case& c, const Application&) -> Status {
        std::optional<ThirdParty> still = ApplicationStore::OpenThirdParty(sql, c.id);
        if (!still || still->id != open_id) {
          return Status::Conflict("征求意见记录已变化，请刷新后重试",
                                  "the consultation changed meanwhile; reload and retry");
        }
        ApplicationStore::CloseThirdParty(sql, open_id, "", true, "", "", ends.ToString());
        return Status::Ok();
      },
      ends);
}

Result<cases::Case> ApplicationService::Extend(const auth::Principal& p, const std::string& ip,
                                               int64_t id, const std::string& amount,
                                               const std::string& approver,
                                               const std::string& reason) {
  if (!p.Has(kApplicationManage)) return Status::Denied();
  const std::string type = TypeString(Mode::kApplication);
  cases::Visibility v = VisibilityFor(p);
  YW_ASSIGN_OR_RETURN(cases::Case c, engine_.Get(type, id, v));
  YW_RETURN_IF_ERROR(ValidateExtension({Trim(amount), c.extended, Trim(approver), Trim(reason)},
                                       c.extension_limit));
  return engine_.Extend(p, ip, type, id, v, Trim(amount), Trim(approver), Trim(reason));
}

Result<cases::Case> ApplicationService::Answer(const auth::Principal& p, const std::string& ip,
                                               int64_t id, const AnswerInput& in) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  YW_ASSIGN_OR_RETURN(auto loaded, Load(p, Mode::kApplication, id));
  Validation v;
  std::optional<Outcome> outcome =
      ValidateAnswer(in, !loaded.second.correction_received_on.empty(), v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string text = Trim(in.answer_text), withheld = Trim(in.withheld_text);
  std::string delivery = Trim(in.answer_delivery);
  std::string note = "答复：" + OutcomeFullLabel(*outcome) + "\n" + text +
                     (withheld.empty() ? "" : "\n不予公开部分及理由：" + withheld);
  Date today = Today();
  return Step(p, ip, Mode::kApplication, id, "answer", note, "disclosure.application.answer",
              [&](soci::session& sql, const cases::Case& c, const Application&) -> Status {
                ApplicationStore::SetOutcome(sql, c.id, std::string(OutcomeCode(*outcome)),
                                             today.ToString(), text, withheld, delivery);
                return Status::Ok();
              });
}

Result<cases::Case> ApplicationService::Withdraw(const auth::Principal& p, const std::string& ip,
                                                 int64_t id, const std::string& note) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Validation v;
  ValidateText("note", note, true, 2000, "撤回说明", "the withdrawal", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  Date today = Today();
  return Step(
      p, ip, Mode::kApplication, id, "withdraw", Trim(note), "disclosure.application.withdraw",
      [&](soci::session& sql, const cases::Case& c, const Application&) -> Status {
        ApplicationStore::SetOutcome(sql, c.id, std::string(OutcomeCode(Outcome::kOtherHandling)),
                                     today.ToString(), Trim(note), "", "");
        return Status::Ok();
      });
}

Result<cases::Case> ApplicationService::AnswerConsultation(const auth::Principal& p,
                                                           const std::string& ip, int64_t id,
                                                           const AnswerInput& in) {
  if (!p.Has(kApplicationHandle)) return Status::Denied();
  Validation v;
  ValidateConsultationAnswer(in, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string text = Trim(in.answer_text), delivery = Trim(in.answer_delivery);
  Date today = Today();
  return Step(p, ip, Mode::kConsultation, id, "answer", text, "disclosure.consultation.answer",
              [&](soci::session& sql, const cases::Case& c, const Application&) -> Status {
                ApplicationStore::SetOutcome(sql, c.id, "", today.ToString(), text, "", delivery);
                return Status::Ok();
              });
}

// ---- The annual table ----

Result<AnnualReport> ApplicationService::Annual(const auth::Principal& p, int year) {
  if (!p.Has(kApplicationRead) && !p.Has(kApplicationManage)) return Status::Denied();
  if (year < 2000 || year > 2100) {
    return Status::Invalid("year", "年份应在2000到2100之间", "year must be 2000–2100");
  }
  cases::Visibility v = VisibilityFor(p);
  std::vector<ApplicationRecord> records;
  AnnualReport out;
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) {
    records = ApplicationStore::AnnualRecords(sql, year, v);
    out.consultations = ApplicationStore::Consultations(sql, year, v);
    return Status::Ok();
  }));
  Result<AnnualTable> table = BuildAnnualTable(year, records);
  if (!table.ok()) {
    return Explain(table.status(), "年度报表无法生成，请先更正下列申请的办理记录",
                   "the annual table cannot be built; correct these applications first");
  }
  Status check = Check(*table);
  if (!check.ok()) {
    return Explain(check, "年度报表勾稽关系不成立", "the annual table does not add up");
  }
  out.table = std::move(*table);
  out.complete = v.all || (v.by_department && v.dept_clause.empty());
  return out;
}

// ---- The requester ----

Result<ApplicationTrack> ApplicationService::Track(const std::string& code,
                                                   const std::string& tracking_code) {
  YW_ASSIGN_OR_RETURN(
      auto tracked, engine_.Track(std::string(kApplicationType), Trim(code), Trim(tracking_code)));
  ApplicationTrack out;
  out.c = std::move(tracked.first);
  for (cases::Event& e : tracked.second) {
    if (e.is_public) out.events.push_back(std::move(e));
  }
  YW_ASSIGN_OR_RETURN(std::optional<Application> a,
                      db_.Query<std::optional<Application>>(
                          [&](soci::session& sql) -> Result<std::optional<Application>> {
                            return ApplicationStore::Get(sql, out.c.id);
                          }));
  if (!a) return NotFound();
  out.a = MaskedApplication(*a);
  YW_ASSIGN_OR_RETURN(out.paused_remaining, PausedRemaining(out.c));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> ApplicationService::FileFields(
    const auth::Principal& p, const cases::Case& c) {
  YW_ASSIGN_OR_RETURN(std::optional<Application> stored,
                      db_.Query<std::optional<Application>>(
                          [&](soci::session& sql) -> Result<std::optional<Application>> {
                            return ApplicationStore::Get(sql, c.id);
                          }));
  if (!stored) return NotFound();
  Application a = MaySeeIdentity(p) ? *stored : MaskedApplication(*stored);
  std::vector<std::pair<std::string, std::string>> f;
  bool consultation = a.mode == "consultation";
  f.emplace_back("类型", consultation ? "信息公开咨询" : "依申请公开");
  if (!consultation) {
    std::optional<ApplicantKind> kind = ParseApplicantKind(a.applicant_kind);
    f.emplace_back("申请人类型", kind ? std::string(ApplicantKindName(*kind)) : a.applicant_kind);
  }
  f.emplace_back(a.organisation.empty() ? "申请人" : "联系人", a.applicant_name);
  if (!a.organisation.empty()) f.emplace_back("单位名称", a.organisation);
  if (!a.id_type.empty()) {
    f.emplace_back("证件", CodeName(IdTypes(), a.id_type) + " " + a.id_number);
  }
  f.emplace_back("联系电话", a.phone);
  f.emplace_back("电子邮箱", a.email);
  f.emplace_back("通信地址", a.address);
  std::optional<SubmissionChannel> ch = ParseChannel(a.channel);
  f.emplace_back(consultation ? "咨询方式" : "申请方式",
                 ch ? std::string(ChannelName(*ch)) : CodeName(ConsultationChannels(), a.channel));
  f.emplace_back(consultation ? "咨询日期" : "收到申请之日", a.received_on);
  f.emplace_back(consultation ? "咨询内容" : "所需信息", a.description);
  if (!consultation) {
    f.emplace_back("用途", a.purpose);
    f.emplace_back("获取方式",
                   CodeName(Media(), a.medium) + " · " + CodeName(Deliveries(), a.delivery));
    if (!a.correction_requested_on.empty()) {
      f.emplace_back("补正告知", a.correction_requested_on + "：" + a.correction_request +
                                     "（补正期限 " + a.correction_due + "）");
      f.emplace_back("收到补正", a.correction_received_on);
    }
    std::optional<Outcome> o = ParseOutcome(a.outcome);
    f.emplace_back("办理结果", o ? OutcomeFullLabel(*o) : "");
  }
  f.emplace_back("答复日期", a.decided_on);
  f.emplace_back("答复内容", a.answer_text);
  if (!a.withheld_text.empty()) f.emplace_back("不予公开部分及理由", a.withheld_text);
  return f;
}

}  // namespace yuanwu::disclosure
