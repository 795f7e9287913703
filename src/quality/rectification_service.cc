#include "quality/rectification_service.h"

#include <algorithm>

#include "org/case_directory.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"
#include "platform/http/json.h"
#include "quality/adverse_event_rules.h"
#include "quality/xlsx_export.h"

namespace yuanwu::quality {
namespace {

Status NotFound() { return Status::NotFound("整改任务", "rectification task"); }

// The first `n` characters of `s`, with "…" when cut.
std::string Shorten(const std::string& s, size_t n) {
  std::vector<std::string_view> chars = Utf8Chars(s);
  if (chars.size() <= n) return s;
  std::string out;
  for (size_t i = 0; i < n; ++i) out += chars[i];
  return out + "…";
}

std::string AuditJson(const Rectification& r, int64_t department_id, const std::string& period) {
  return http::Json({{"source_type", r.source_type},
                     {"source_id", r.source_id},
                     {"department_id", department_id},
                     {"problem", r.problem},
                     {"requirement", r.requirement},
                     {"leader", r.leader},
                     {"responsible", r.responsible},
                     {"period", period}})
      .dump();
}

std::string YesNo(int on_time) { return on_time < 0 ? "" : on_time == 1 ? "是" : "否"; }

}  // namespace

RectificationService::RectificationService(db::Database& db, const Clock& clock,
                                           cases::CaseEngine& engine, org::OrgService& org,
                                           cases::Directory& directory, Codes codes,
                                           int64_t local_offset_seconds)
    : db_(db),
      clock_(clock),
      engine_(engine),
      org_(org),
      directory_(directory),
      codes_(std::move(codes)),
      local_offset_seconds_(local_offset_seconds) {}

cases::Visibility RectificationService::VisibilityFor(const auth::Principal& p) {
  return org::CaseVisibility(org_, p, kRectRead, kRectManage);
}

void RectificationService::Validate(NewRectification& in, const std::string& prefix,
                                    Validation& v) {
  auto f = [&](const char* name) { return prefix + name; };
  if (in.department_id <= 0) {
    v.Fail(f("department_id"), "请选择责任科室", "choose the responsible department");
  }
  if (in.assignee_id < 0) v.Fail(f("assignee_id"), "责任人无效", "invalid assignee");
  in.problem =
      CheckText(in.problem, f("problem").c_str(), "存在问题", "the problem", true, 2000, v);
  in.requirement = CheckText(in.requirement, f("requirement").c_str(), "整改要求",
                             "the requirement", true, 2000, v);
  in.leader =
      CheckText(in.leader, f("leader").c_str(), "分管领导", "the supervising leader", false, 50, v);
  in.responsible = CheckText(in.responsible, f("responsible").c_str(), "责任人",
                             "the person responsible", false, 50, v);
  in.period = Trim(in.period);
  if (!in.period.empty() && !IsRectificationPeriod(in.period)) {
    v.Fail(f("period"), "整改期限应为1到120个工作日，例如 20wd",
           "the period must be 1–120 working days, e.g. 20wd");
  }
}

Result<cases::Opened> RectificationService::OpenIn(soci::session& sql, const auth::Actor& actor,
                                                   const NewRectification& in) {
  Validation v;
  std::optional<org::Department> dept = org::OrgStore::GetDepartment(sql, in.department_id);
  if (!dept) v.Fail("department_id", "科室不存在", "no such department");
  if (dept && in.assignee_id > 0) {
    YW_ASSIGN_OR_RETURN(std::vector<int64_t> allowed,
                        directory_.DepartmentUsersWith(sql, in.department_id, kRectHandle));
    if (std::find(allowed.begin(), allowed.end(), in.assignee_id) == allowed.end()) {
      v.Fail("assignee_id", "责任人须是该科室有整改权限的在职职工",
             "the assignee must be an active member of the department who may carry out "
             "rectification");
    }
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  cases::CaseRules rules = engine_.Rules();
  std::string period = in.period;
  if (period.empty()) {
    YW_ASSIGN_OR_RETURN(period, rules.Period(kRectType, "default"));
  }
  YW_ASSIGN_OR_RETURN(cases::TypeRules type_rules, rules.For(kRectType));
  cases::OpenSpec spec;
  spec.title = "整改：" + Shorten(in.problem, 40);
  spec.department_id = in.department_id;
  spec.assignee_id = in.assignee_id;
  spec.start = engine_.LocalNow();
  spec.period = period;
  spec.extension_limit = type_rules.extension_max;
  spec.body = "下达整改任务（" + cases::CodeName(codes_.rectification_sources, in.source_type) +
              "）：" + in.problem + "\n整改要求：" + in.requirement;
  spec.body_public = false;
  YW_ASSIGN_OR_RETURN(cases::Opened opened, engine_.Open(sql, actor, kRectType, spec));
  Rectification r;
  r.case_id = opened.id;
  r.source_type = in.source_type;
  r.source_id = in.source_id;
  r.problem = in.problem;
  r.requirement = in.requirement;
  r.leader = in.leader;
  r.responsible = in.responsible;
  r.created_at = FormatTimestamp(clock_.NowSeconds());
  RectificationStore::Insert(sql, r);
  YW_RETURN_IF_ERROR(
      audit::Append(sql, db_.dialect(), clock_, actor,
                    {"rectification.create", "case_record", std::to_string(opened.id), "{}",
                     AuditJson(r, in.department_id, period)}));
  return opened;
}

Status RectificationService::CheckSource(soci::session& sql, const auth::Principal& p,
                                         const NewRectification& in) {
  bool manage = p.Has(kRectManage);
  if (in.source_type == "other") return manage ? Status::Ok() : Status::Denied();
  const char* office = in.source_type == "complaint" ? "complaints.manage" : kEventManage;
  if (!manage && !p.Has(office)) return Status::Denied();
  db::Params params;
  params.Add("id", static_cast<long long>(in.source_id));
  params.Add("type", in.source_type);
  if (db::ScalarInt(sql, "SELECT COUNT(*) FROM case_record WHERE id = :id AND type = :type",
                    params) == 0) {
    return Status::Invalid("source_id", "来源案件不存在", "the source case does not exist");
  }
  return Status::Ok();
}

Result<RectificationDetail> RectificationService::Create(const auth::Principal& p,
                                                         const std::string& ip,
                                                         NewRectification in) {
  Validation v;
  in.source_type = Trim(in.source_type);
  if (in.source_type.empty()) in.source_type = "other";
  if (in.source_type == "inspection") {
    v.Fail("source_type",
           "督查发现的问题请在督查记录中登记（POST /api/v1/inspections/{id}/findings）",
           "record inspection findings on the inspection (POST /api/v1/inspections/{id}/findings)");
  } else if (!cases::FindCode(codes_.rectification_sources, in.source_type)) {
    v.Fail("source_type", "来源类型无效：" + in.source_type,
           "unknown source type: " + in.source_type);
  } else if (in.source_type == "other") {
    if (in.source_id != 0)
      v.Fail("source_id", "「其他督办」不关联来源", "other tasks have no source");
  } else if (in.source_id <= 0) {
    v.Fail("source_id", "请指明来源案件", "the source case is required");
  }
  Validate(in, "", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  Result<cases::Opened> opened = Status::Internal("not opened");
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    YW_RETURN_IF_ERROR(CheckSource(sql, p, in));
    opened = OpenIn(sql, auth::Actor::Of(p, ip), in);
    if (!opened.ok()) return opened.status();
    auto link = links_.find(in.source_type);
    if (link == links_.end()) return Status::Ok();
    return link->second(sql, in.source_id, opened->id);
  });
  if (!tx.ok()) return tx;
  // The creator (e.g. 医患办) may not see the department's tasks afterwards: answer from what was
  // just made.
  RectificationDetail d;
  YW_ASSIGN_OR_RETURN(d.c, engine_.Get(kRectType, opened->id, cases::Visibility::All()));
  YW_ASSIGN_OR_RETURN(std::optional<Rectification> r,
                      db_.Query<std::optional<Rectification>>(
                          [&](soci::session& sql) -> Result<std::optional<Rectification>> {
                            return RectificationStore::Get(sql, opened->id);
                          }));
  if (!r) return NotFound();
  d.r = *r;
  return d;
}

Result<RectificationDetail> RectificationService::Get(const auth::Principal& p, int64_t id) {
  RectificationDetail d;
  YW_ASSIGN_OR_RETURN(d.c, engine_.Get(kRectType, id, VisibilityFor(p)));
  YW_ASSIGN_OR_RETURN(std::optional<Rectification> r,
                      db_.Query<std::optional<Rectification>>(
                          [&](soci::session& sql) -> Result<std::optional<Rectification>> {
                            return RectificationStore::Get(sql, id);
                          }));
  if (!r) return NotFound();
  d.r = *r;
  return d;
}

Result<std::pair<std::vector<RectificationRow>, int64_t>> RectificationService::List(
    const auth::Principal& p, const RectificationQuery& q) {
  cases::Visibility v = VisibilityFor(p);
  std::string from_utc, to_utc;
  for (auto [text, out, days] : {std::tuple{q.from, &from_utc, 0}, {q.to, &to_utc, 1}}) {
    if (text.empty()) continue;
    std::optional<Date> d = ParseDate(text);
    if (!d)
      return Status::Invalid(days ? "to" : "from", "日期格式应为 YYYY-MM-DD",
                             "dates are YYYY-MM-DD");
    *out = FormatTimestamp(d->AddDays(days).ToDays() * 86400 - local_offset_seconds_);
  }
  int64_t now = NowMinutes();
  return db_.Query<std::pair<std::vector<RectificationRow>, int64_t>>(
      [&](soci::session& sql) -> Result<std::pair<std::vector<RectificationRow>, int64_t>> {
        return RectificationStore::List(sql, q, v, now, from_utc, to_utc);
      });
}

Result<cases::Case> RectificationService::Submit(const auth::Principal& p, const std::string& ip,
                                                 int64_t id, const std::string& report) {
  Validation v;
  std::string text =
      CheckText(report, "report", "整改情况", "the rectification report", true, 4000, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return engine_.Act(p, ip, kRectType, id, VisibilityFor(p), "submit", text);
}

Result<cases::Case> RectificationService::Recheck(const auth::Principal& p, const std::string& ip,
                                                  int64_t id, bool passed,
                                                  const std::string& note) {
  Validation v;
  std::string text = CheckText(note, "note", "复查意见", "the re-check note", !passed, 4000, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return engine_.Act(p, ip, kRectType, id, VisibilityFor(p),
                     passed ? "recheck_pass" : "recheck_fail", text);
}

Result<std::string> RectificationService::ExportXlsx(const auth::Principal& p,
                                                     RectificationQuery q) {
  constexpr int64_t kMax = 10000;
  q.offset = 0;
  q.limit = kMax + 1;
  YW_ASSIGN_OR_RETURN(auto page, List(p, q));
  if (static_cast<int64_t>(page.first.size()) > kMax) {
    return Status::Invalid("limit", "一次最多导出10000条，请缩小筛选范围",
                           "at most 10,000 tasks per export; narrow the filter");
  }
  const cases::CaseType* type = engine_.Type(kRectType);
  std::vector<std::vector<std::string>> rows;
  for (const RectificationRow& row : page.first) {
    const cases::StateDef* s = type ? type->State(row.c.state) : nullptr;
    rows.push_back(
        {row.c.code, cases::CodeName(codes_.rectification_sources, row.r.source_type),
         row.r.source_code, row.r.problem, row.r.requirement, row.c.department_name, row.r.leader,
         row.r.responsible.empty() ? row.c.assignee_name : row.r.responsible,
         FormatLocalMinute(ParseTimestamp(row.c.opened_at, 0).value_or(0), local_offset_seconds_),
         row.c.due_at, s ? s->name : row.c.state, YesNo(row.c.on_time),
         std::to_string(row.r.failed_rechecks),
         row.c.closed_at.empty() ? ""
                                 : FormatLocalMinute(ParseTimestamp(row.c.closed_at, 0).value_or(0),
                                                     local_offset_seconds_)});
  }
  return XlsxWorkbook(
      "整改台账",
      {"编号", "来源", "来源编号/督查", "存在问题", "整改要求", "责任科室", "分管领导", "责任人",
       "下达时间", "整改期限", "状态", "是否按时", "复查不通过次数", "办结时间"},
      rows);
}

Result<std::vector<std::pair<std::string, std::string>>> RectificationService::FileFields(
    const auth::Principal&, const cases::Case& c) {
  YW_ASSIGN_OR_RETURN(std::optional<Rectification> r,
                      db_.Query<std::optional<Rectification>>(
                          [&](soci::session& sql) -> Result<std::optional<Rectification>> {
                            return RectificationStore::Get(sql, c.id);
                          }));
  if (!r) return NotFound();
  return std::vector<std::pair<std::string, std::string>>{
      {"来源", cases::CodeName(codes_.rectification_sources, r->source_type)},
      {"来源编号/督查", r->source_code},
      {"存在问题", r->problem},
      {"整改要求", r->requirement},
      {"分管领导", r->leader},
      {"责任人", r->responsible},
      {"复查不通过次数", std::to_string(r->failed_rechecks)}};
}

}  // namespace yuanwu::quality
