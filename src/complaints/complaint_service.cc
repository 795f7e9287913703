#include "complaints/complaint_service.h"

#include "complaints/complaint_export.h"
#include "complaints/complaint_json.h"
#include "org/case_directory.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_type.h"

namespace yuanwu::complaints {
namespace {

Status NotFound() { return Status::NotFound("投诉", "complaint"); }

// The deadline's start: the local minute the complaint was received.
Result<deadline::Moment> StartOf(const Complaint& c) {
  std::optional<deadline::Moment> m = deadline::ParseMoment(c.received_local);
  if (!m) return Status::Internal("bad received_local " + c.received_local);
  return *m;
}

// What the audit trail records of a complaint's own fields: never the complainant's identity
// (the audit log is read by auditors who may not see it).
std::string AuditFields(const Complaint& c) {
  return http::Json({{"major_dispute", c.major_dispute}, {"note", c.major_dispute_note}}).dump();
}

}  // namespace

ComplaintService::ComplaintService(db::Database& db, const Clock& clock, cases::CaseEngine& engine,
                                   org::OrgService& org, Codes codes, ServiceOptions options)
    : db_(db),
      clock_(clock),
      engine_(engine),
      org_(org),
      codes_(std::move(codes)),
      options_(options) {}

Status ComplaintService::RegisterType(cases::CaseEngine& engine,
                                      const std::vector<std::string>& known_permissions) {
  YW_ASSIGN_OR_RETURN(cases::CaseType t,
                      cases::ParseCaseType(ShippedCaseTypeJson(), known_permissions));
  return engine.Register(std::move(t));
}

std::string ComplaintService::Now() const { return FormatTimestamp(clock_.NowSeconds()); }

int64_t ComplaintService::NowMinutes() const {
  return (clock_.NowSeconds() + options_.local_offset_seconds) / 60;
}

cases::Visibility ComplaintService::VisibilityFor(const auth::Principal& p) {
  return org::CaseVisibility(org_, p, kRead, kManage);
}

Result<Registered> ComplaintService::Open(
    const auth::Actor& actor, Complaint c, bool anonymous_opener,
    const std::function<Status(soci::session&, int64_t case_id)>& then) {
  const Code* complexity = cases::FindCode(codes_.complexities, c.complexity);
  if (complexity == nullptr) return Status::Internal("unknown complexity " + c.complexity);
  std::string period;
  if (!complexity->period.empty()) {
    YW_ASSIGN_OR_RETURN(period, engine_.Rules().Period(kType, complexity->period));
  }
  YW_ASSIGN_OR_RETURN(deadline::Moment start, StartOf(c));
  Result<cases::Opened> opened = Status::Internal("not opened");
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    Validation v;
    auto department = [&](int64_t id, const char* field, std::string* name) {
      if (id == 0) return;
      std::optional<org::Department> d = org::OrgStore::GetDepartment(sql, id);
      if (!d) {
        v.Fail(field, "科室不存在", "department does not exist");
      } else {
        *name = d->name;
      }
    };
    department(c.patient_department_id, "patient_department_id", &c.patient_department_name);
    department(c.target_department_id, "target_department_id", &c.target_department_name);
    department(c.first_receiver_department_id, "first_receiver_department_id",
               &c.first_receiver_department_name);
    YW_RETURN_IF_ERROR(v.ToStatus());
    // The title names the matter, never a person: it shows in lists every handler sees.
    cases::OpenSpec spec;
    spec.title = cases::CodeName(codes_.categories, c.category) + " · " +
                 (c.target_department_name.empty() ? "未指明科室" : c.target_department_name);
    spec.start = start;
    spec.period = period;
    spec.tracking = true;
    spec.anonymous = false;
    spec.requester_name = anonymous_opener ? "投诉人" : "";
    spec.body = "投诉已受理（" + cases::CodeName(codes_.channels, c.channel) + "，" +
                cases::CodeName(codes_.categories, c.category) + "）";
    spec.body_public = true;
    opened = engine_.Open(sql, actor, kType, spec);
    if (!opened.ok()) return opened.status();
    c.case_id = opened->id;
    ComplaintStore::Insert(sql, c);
    return then ? then(sql, opened->id) : Status::Ok();
  });
  if (!s.ok()) return s;
  Registered out;
  out.tracking_code = opened->tracking_code;
  cases::Visibility all;
  all.all = true;
  YW_ASSIGN_OR_RETURN(out.c, engine_.Get(kType, opened->id, all));
  return out;
}

Result<Registered> ComplaintService::SubmitPublic(const IntakeInput& in, const std::string& ip) {
  Validation v;
  Complaint c = ValidateIntake(in, codes_, true, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  int64_t now = clock_.NowSeconds();
  c.source = "public";
  c.channel = codes_.public_channel;
  c.received_at = FormatTimestamp(now);
  c.received_local = FormatLocalMinute(now, options_.local_offset_seconds);
  c.complexity = "investigate";
  return Open(auth::Actor{0, "投诉人", ip}, std::move(c), true);
}

Result<Registered> ComplaintService::Register(const auth::Principal& p, const std::string& ip,
                                              const RegistrationInput& in) {
  if (!p.Has(kRegister)) return Status::Denied();
  Validation v;
  Complaint c =
      ValidateRegistration(in, codes_, clock_.NowSeconds(), options_.local_offset_seconds, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  if (c.first_receiver_department_id == 0) c.first_receiver_department_id = p.department_id;
  if (c.first_receiver_name.empty()) c.first_receiver_name = p.name;
  std::string reply = c.reply_text, method = c.reply_method;
  if (!in.resolved_on_spot) return Open(auth::Actor::Of(p, ip), std::move(c), false);
  // 当场处理: the resolution is the reply, and the case closes at once (no deadline ran), in the
  // registration's own transaction — never a registered complaint without its resolution.
  std::string now = Now();
  return Open(
      auth::Actor::Of(p, ip), std::move(c), false, [&](soci::session& sql, int64_t id) -> Status {
        return engine_
            .ActIn(sql, p, ip, kType, id, VisibilityFor(p), "resolve_on_spot", reply,
                   [&](soci::session& s, const cases::Case& done) -> Status {
                     ComplaintStore::SetReply(s, done.id, reply, method, std::nullopt, {}, now);
                     return Status::Ok();
                   })
            .status();
      });
}

Result<Detail> ComplaintService::Get(const auth::Principal& p, int64_t id) {
  YW_ASSIGN_OR_RETURN(cases::Case c, engine_.Get(kType, id, VisibilityFor(p)));
  YW_ASSIGN_OR_RETURN(std::optional<Complaint> k,
                      db_.Query<std::optional<Complaint>>(
                          [&](soci::session& sql) -> Result<std::optional<Complaint>> {
                            return ComplaintStore::Get(sql, id);
                          }));
  if (!k) return NotFound();
  return Detail{std::move(c), ForViewer(*k, MaySeeIdentity(p))};
}

Result<std::pair<std::vector<Row>, int64_t>> ComplaintService::List(const auth::Principal& p,
                                                                    const ListQuery& q) {
  cases::Visibility v = VisibilityFor(p);
  YW_ASSIGN_OR_RETURN(auto page,
                      (db_.Query<std::pair<std::vector<Row>, int64_t>>(
                          [&](soci::session& sql) -> Result<std::pair<std::vector<Row>, int64_t>> {
                            return ComplaintStore::List(sql, q, v, NowMinutes());
                          })));
  bool identify = MaySeeIdentity(p);
  for (Row& r : page.first) r.complaint = ForViewer(r.complaint, identify);
  return page;
}

Result<cases::Case> ComplaintService::Dispatch(const auth::Principal& p, const std::string& ip,
                                               int64_t id, int64_t department_id,
                                               int64_t assignee_id, const std::string& note) {
  if (!p.Has(kManage)) return Status::Denied();
  Validation v;
  if (department_id <= 0) v.Fail("department_id", "请选择调查科室", "choose a department");
  if (assignee_id < 0) v.Fail("assignee_id", "承办人无效", "invalid assignee");
  if (!IsCleanUtf8(note) || Utf8Length(note) > 1000) {
    v.Fail("note", "说明不能超过1000字", "the note must be at most 1000 characters");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  cases::Visibility vis = VisibilityFor(p);
  YW_ASSIGN_OR_RETURN(cases::Case c,
                      engine_.Assign(p, ip, kType, id, vis, department_id, assignee_id, note));
  if (c.state != "registered") return c;  // a re-assignment while being investigated
  return engine_.Act(p, ip, kType, id, vis, "dispatch", Trim(note),
                     [](soci::session&, const cases::Case& after) -> Status {
                       if (after.department_id == 0) {
                         return Status::Invalid("department_id", "请先分派科室",
                                                "assign a department first");
                       }
                       return Status::Ok();
                     });
}

Result<cases::Case> ComplaintService::Reply(const auth::Principal& p, const std::string& ip,
                                            int64_t id, ReplyInput in) {
  Validation v;
  ValidateReply(in, codes_, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = Now();
  return engine_.Act(p, ip, kType, id, VisibilityFor(p), "reply", in.text,
                     [&](soci::session& sql, const cases::Case& c) -> Status {
                       ComplaintStore::SetReply(sql, c.id, in.text, in.method, in.accepted,
                                                in.follow_up, now);
                       return Status::Ok();
                     });
}

Result<cases::Case> ComplaintService::NotProcess(const auth::Principal& p, const std::string& ip,
                                                 int64_t id, NotProcessInput in) {
  Validation v;
  ValidateNotProcess(in, codes_, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = Now();
  // The note is public: the patient reads the reason and the explanation on the tracking page.
  std::string note = "不予处理原因：" + cases::CodeName(codes_.not_processed_reasons, in.reason) +
                     "。\n" + in.explanation;
  return engine_.Act(p, ip, kType, id, VisibilityFor(p), "not_process", note,
                     [&](soci::session& sql, const cases::Case& c) -> Status {
                       ComplaintStore::SetNotProcessed(sql, c.id, in.reason, in.explanation, now);
                       return Status::Ok();
                     });
}

Result<Detail> ComplaintService::MarkMajorDispute(const auth::Principal& p, const std::string& ip,
                                                  int64_t id, bool flag, std::string note) {
  if (!p.Has(kManage)) return Status::Denied();
  Validation v;
  ValidateMajorDispute(flag, note, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  cases::Visibility vis = VisibilityFor(p);
  // Not a step of the case's state machine (it may be flagged in any state), so the change is
  // audited here, in the same transaction.
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(cases::Case c, engine_.Load(sql, kType, id, vis));
    std::optional<Complaint> before = ComplaintStore::Get(sql, c.id);
    if (!before) return NotFound();
    ComplaintStore::SetMajorDispute(sql, c.id, flag, note, Now());
    std::optional<Complaint> after = ComplaintStore::Get(sql, c.id);
    return audit::Append(sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
                         {"complaints.major_dispute", "case_record", std::to_string(c.id),
                          AuditFields(*before), AuditFields(*after)});
  });
  if (!s.ok()) return s;
  return Get(p, id);
}

Result<Stats> ComplaintService::Statistics(const auth::Principal& p, int year, int from_month,
                                           int to_month) {
  if (!p.Has(kRead) && !p.Has(kManage)) return Status::Denied();
  Validation v;
  ValidateStatsPeriod(year, from_month, to_month, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  StatsQuery q{year, from_month, to_month, VisibilityFor(p)};
  YW_ASSIGN_OR_RETURN(StatsRows rows, db_.Query<StatsRows>([&](soci::session& sql) {
    return Result<StatsRows>(ComplaintStore::Stats(sql, q));
  }));
  return Summarize(rows, codes_, year, from_month, to_month);
}

Result<std::string> ComplaintService::ExportXlsx(const auth::Principal& p, ListQuery q) {
  q.offset = 0;
  q.limit = options_.export_max_rows + 1;
  YW_ASSIGN_OR_RETURN(auto page, List(p, q));
  if (static_cast<int64_t>(page.first.size()) > options_.export_max_rows) {
    std::string n = std::to_string(options_.export_max_rows);
    return Status::Invalid("limit", "一次最多导出" + n + "条，请缩小筛选范围",
                           "at most " + n + " complaints per export; narrow the filter");
  }
  return ExportWorkbook(page.first, codes_, engine_.Type(kType));
}

Result<TrackView> ComplaintService::Track(const std::string& code,
                                          const std::string& tracking_code) {
  YW_ASSIGN_OR_RETURN(auto tracked, engine_.Track(kType, Trim(code), Trim(tracking_code)));
  TrackView out;
  out.c = std::move(tracked.first);
  for (cases::Event& e : tracked.second) {
    if (e.is_public) out.events.push_back(std::move(e));
  }
  YW_ASSIGN_OR_RETURN(std::optional<Complaint> k,
                      db_.Query<std::optional<Complaint>>(
                          [&](soci::session& sql) -> Result<std::optional<Complaint>> {
                            return ComplaintStore::Get(sql, out.c.id);
                          }));
  if (!k) return NotFound();
  out.complaint = ForViewer(*k, false);
  out.may_rate = !k->replied_at.empty() && k->rating == 0;
  return out;
}

Result<TrackView> ComplaintService::Rate(const std::string& code, const std::string& tracking_code,
                                         int64_t rating, std::string comment,
                                         const std::string& ip) {
  Validation v;
  ValidateRating(rating, comment, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = Now();
  std::string body =
      "投诉人评价：" + std::to_string(rating) + "分" + (comment.empty() ? "" : "。" + comment);
  YW_RETURN_IF_ERROR(
      engine_
          .RequesterStep(kType, Trim(code), Trim(tracking_code), ip, "rate", body, "投诉人",
                         [&](soci::session& sql, const cases::Case& c) -> Status {
                           std::optional<Complaint> k = ComplaintStore::Get(sql, c.id);
                           if (!k) return NotFound();
                           if (k->replied_at.empty()) {
                             return Status::Precondition("投诉尚未反馈，反馈后才能评价",
                                                         "you can rate once we have replied");
                           }
                           if (!ComplaintStore::SetRating(sql, c.id, static_cast<int>(rating),
                                                          comment, now)) {
                             return Status::Conflict("您已评价过，每件投诉只能评价一次",
                                                     "this complaint has already been rated");
                           }
                           return Status::Ok();
                         })
          .status());
  return Track(code, tracking_code);
}

Result<std::vector<std::pair<std::string, std::string>>> ComplaintService::FileFields(
    const auth::Principal& p, const cases::Case& c) {
  YW_ASSIGN_OR_RETURN(std::optional<Complaint> k,
                      db_.Query<std::optional<Complaint>>(
                          [&](soci::session& sql) -> Result<std::optional<Complaint>> {
                            return ComplaintStore::Get(sql, c.id);
                          }));
  if (!k) return NotFound();
  return complaints::FileFields(ForViewer(*k, MaySeeIdentity(p)), codes_);
}

}  // namespace yuanwu::complaints
