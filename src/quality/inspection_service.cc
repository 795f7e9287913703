#include "quality/inspection_service.h"

#include <map>
#include <set>

#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "quality/adverse_event_rules.h"
#include "quality/quality.h"
#include "quality/xlsx_export.h"

namespace yuanwu::quality {
namespace {

using http::Json;

Status TemplateNotFound() { return Status::NotFound("检查表", "checklist template"); }
Status RoundNotFound() { return Status::NotFound("督查记录", "inspection round"); }

std::string TemplateAudit(const Checklist& c) {
  Json items = Json::array();
  for (const ChecklistItem& i : c.items) items.push_back({i.category, i.content, i.max_x10});
  return Json({{"code", c.code},
               {"version", c.version},
               {"active", c.active},
               {"name", c.name},
               {"category", c.category},
               {"total_x10", c.total_x10},
               {"items", items}})
      .dump();
}

bool SameContent(const Checklist& a, const Checklist& b) {
  if (a.name != b.name || a.name_en != b.name_en || a.category != b.category ||
      a.description != b.description || a.items.size() != b.items.size()) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    const ChecklistItem &x = a.items[i], &y = b.items[i];
    if (x.category != y.category || x.content != y.content || x.max_x10 != y.max_x10) return false;
  }
  return true;
}

std::string SheetAudit(const Sheet& s) {
  Json scores = Json::array();
  for (const ItemScore& i : s.scores) scores.push_back({i.item_id, i.score_x10, i.note});
  return Json({{"round_id", s.round_id},
               {"department_id", s.department_id},
               {"total_x10", s.total_x10},
               {"score_x10", s.score_x10},
               {"summary", s.summary},
               {"scores", scores}})
      .dump();
}

bool IsMonth(const std::string& m) { return m.size() == 7 && ParseDate(m + "-01").has_value(); }

}  // namespace

InspectionService::InspectionService(db::Database& db, const Clock& clock, org::OrgService& org,
                                     RectificationService& rectifications,
                                     int64_t local_offset_seconds)
    : db_(db),
      clock_(clock),
      org_(org),
      rectifications_(rectifications),
      local_offset_seconds_(local_offset_seconds) {}

std::string InspectionService::Now() const { return FormatTimestamp(clock_.NowSeconds()); }

std::string InspectionService::ScopeClause(const auth::Principal& p, const char* column) {
  if (p.Has(kInspectManage)) return "";
  if (!p.Has(kInspectRead)) return " AND 1 = 0";
  Result<org::DeptScope> scope = org_.ScopeOf(p);
  if (!scope.ok()) return " AND 1 = 0";
  // Sheets have no owner: a "self" scope sees none.
  return scope->SqlClause(column, "0");
}

Result<std::string> InspectionService::Upsert(soci::session& sql, const auth::Actor& actor,
                                              Checklist& c, const std::string& source) {
  std::string now = Now();
  std::optional<int64_t> id = InspectionStore::TemplateIdByCode(sql, c.code);
  if (!id) {
    int64_t tid = InspectionStore::InsertTemplate(sql, c.code, source, now);
    InspectionStore::InsertVersion(sql, tid, 1, c, now, actor.name);
    c.source = source;
    YW_RETURN_IF_ERROR(audit::Append(sql, db_.dialect(), clock_, actor,
                                     {"inspections.template.create", "checklist_template",
                                      std::to_string(tid), "{}", TemplateAudit(c)}));
    return std::string("created");
  }
  std::optional<Checklist> current = InspectionStore::GetTemplate(sql, *id, 0);
  if (!current) return Status::Internal("template " + c.code + " has no current version");
  if (SameContent(*current, c)) {
    c = *current;
    return std::string();
  }
  InspectionStore::InsertVersion(sql, *id, current->version + 1, c, now, actor.name);
  c.source = current->source;
  c.active = current->active;
  YW_RETURN_IF_ERROR(
      audit::Append(sql, db_.dialect(), clock_, actor,
                    {"inspections.template.version", "checklist_template", std::to_string(*id),
                     TemplateAudit(*current), TemplateAudit(c)}));
  return std::string("versioned");
}

Result<int> InspectionService::LoadShipped() {
  int added = 0;
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    for (const auto& [path, content] : ShippedChecklists()) {
      Json doc = Json::parse(content, nullptr, false);
      Validation v;
      Checklist c = ParseChecklist(doc, true, v);
      if (!v.ok()) {
        Status s = v.ToStatus();
        return Status::Internal(path + ": " + s.fields()[0].field + " " + s.fields()[0].reason_en);
      }
      if (InspectionStore::TemplateIdByCode(sql, c.code)) continue;
      YW_ASSIGN_OR_RETURN(std::string done, Upsert(sql, auth::Actor::System(), c, "shipped"));
      if (!done.empty()) ++added;
    }
    return Status::Ok();
  });
  if (!tx.ok()) return tx;
  return added;
}

Result<std::vector<Checklist>> InspectionService::Templates(const auth::Principal& p,
                                                            bool include_inactive) {
  if (!p.Has(kInspectRead) && !p.Has(kInspectManage)) return Status::Denied();
  return db_.Query<std::vector<Checklist>>(
      [&](soci::session& sql) -> Result<std::vector<Checklist>> {
        return InspectionStore::ListTemplates(sql, include_inactive);
      });
}

Result<Checklist> InspectionService::Template(const auth::Principal& p, int64_t id,
                                              int64_t version) {
  if (!p.Has(kInspectRead) && !p.Has(kInspectManage)) return Status::Denied();
  if (version < 0)
    return Status::Invalid("version", "版本号应为正整数", "version must be positive");
  YW_ASSIGN_OR_RETURN(std::optional<Checklist> c,
                      db_.Query<std::optional<Checklist>>(
                          [&](soci::session& sql) -> Result<std::optional<Checklist>> {
                            return InspectionStore::GetTemplate(sql, id, version);
                          }));
  if (!c) return TemplateNotFound();
  return *c;
}

Result<Checklist> InspectionService::CreateTemplate(const auth::Principal& p, const std::string& ip,
                                                    const Json& body) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Validation v;
  Checklist c = ParseChecklist(body, true, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    if (InspectionStore::TemplateIdByCode(sql, c.code)) {
      return Status::Invalid("code", "检查表代码已存在：" + c.code, "the code is taken: " + c.code);
    }
    return Upsert(sql, auth::Actor::Of(p, ip), c, "custom").status();
  });
  if (!tx.ok()) return tx;
  return Template(p, c.template_id, 0);
}

Result<Checklist> InspectionService::UpdateTemplate(const auth::Principal& p, const std::string& ip,
                                                    int64_t id, const Json& body) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Validation v;
  Checklist c = ParseChecklist(body, false, v);
  std::optional<bool> active;
  if (body.is_object() && body.contains("active") && !body["active"].is_null()) {
    if (!body["active"].is_boolean()) {
      v.Fail("active", "是否启用应为 true 或 false", "active must be true or false");
    } else {
      active = body["active"].get<bool>();
    }
  }
  if (body.is_object() && body.contains("code") && body["code"].is_string()) {
    v.Fail("code", "检查表代码不能修改", "the code cannot be changed");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    std::optional<Checklist> current = InspectionStore::GetTemplate(sql, id, 0);
    if (!current) return TemplateNotFound();
    c.code = current->code;
    auth::Actor actor = auth::Actor::Of(p, ip);
    YW_RETURN_IF_ERROR(Upsert(sql, actor, c, current->source).status());
    if (active && *active != current->active) {
      InspectionStore::SetActive(sql, id, *active, Now());
      Checklist after = *current;
      after.active = *active;
      YW_RETURN_IF_ERROR(
          audit::Append(sql, db_.dialect(), clock_, actor,
                        {"inspections.template.active", "checklist_template", std::to_string(id),
                         TemplateAudit(*current), TemplateAudit(after)}));
    }
    return Status::Ok();
  });
  if (!tx.ok()) return tx;
  return Template(p, id, 0);
}

Result<std::vector<Checklist>> InspectionService::ImportTemplates(const auth::Principal& p,
                                                                  const std::string& ip,
                                                                  const Json& body) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Json list = body.is_array() ? body : Json::array({body});
  Validation v;
  if (list.empty() || list.size() > 50) {
    v.Fail("$", "请导入1到50个检查表", "import 1 to 50 checklists at a time");
    return v.ToStatus();
  }
  std::vector<Checklist> parsed;
  std::set<std::string> codes;
  for (size_t i = 0; i < list.size(); ++i) {
    Validation one;
    Checklist c = ParseChecklist(list[i], true, one);
    std::string prefix = body.is_array() ? "[" + std::to_string(i) + "]." : "";
    Status errors = one.ToStatus();
    for (const FieldError& f : errors.fields()) v.Fail(prefix + f.field, f.reason, f.reason_en);
    if (one.ok() && !codes.insert(c.code).second) {
      v.Fail(prefix + "code", "导入文件中检查表代码重复：" + c.code, "duplicate code: " + c.code);
    }
    parsed.push_back(std::move(c));
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    for (Checklist& c : parsed) {
      YW_RETURN_IF_ERROR(Upsert(sql, auth::Actor::Of(p, ip), c, "custom").status());
    }
    return Status::Ok();
  });
  if (!tx.ok()) return tx;
  std::vector<Checklist> out;
  for (const Checklist& c : parsed) {
    YW_ASSIGN_OR_RETURN(Checklist stored, Template(p, c.template_id, 0));
    out.push_back(std::move(stored));
  }
  return out;
}

Result<std::pair<std::vector<InspectionRound>, int64_t>> InspectionService::Rounds(
    const auth::Principal& p, const RoundQuery& q) {
  if (!p.Has(kInspectRead) && !p.Has(kInspectManage)) return Status::Denied();
  std::string scope = ScopeClause(p, "s.department_id");
  return db_.Query<std::pair<std::vector<InspectionRound>, int64_t>>(
      [&](soci::session& sql) -> Result<std::pair<std::vector<InspectionRound>, int64_t>> {
        return InspectionStore::ListRounds(sql, q, scope);
      });
}

Result<InspectionRound> InspectionService::Round(const auth::Principal& p, int64_t id) {
  if (!p.Has(kInspectRead) && !p.Has(kInspectManage)) return Status::Denied();
  std::string scope = ScopeClause(p, "s.department_id");
  YW_ASSIGN_OR_RETURN(std::optional<InspectionRound> r,
                      db_.Query<std::optional<InspectionRound>>(
                          [&](soci::session& sql) -> Result<std::optional<InspectionRound>> {
                            return InspectionStore::GetRound(sql, id, scope);
                          }));
  // A round none of whose departments the viewer may see is not theirs to know of.
  if (!r || (!p.Has(kInspectManage) && r->sheets.empty())) return RoundNotFound();
  return *r;
}

Result<InspectionRound> InspectionService::CreateRound(const auth::Principal& p,
                                                       const std::string& ip, RoundInput in) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Validation v;
  in.title = CheckText(in.title, "title", "督查名称", "the title", true, 100, v);
  in.note = CheckText(in.note, "note", "备注", "the note", false, 2000, v);
  std::optional<Date> on = ParseDate(Trim(in.inspected_on));
  Date today = LocalDate(clock_.NowSeconds(), local_offset_seconds_);
  if (!on) {
    v.Fail("inspected_on", "督查日期格式应为 YYYY-MM-DD", "the date must look like YYYY-MM-DD");
  } else if (*on > today) {
    v.Fail("inspected_on", "督查日期不能晚于今天", "the inspection date cannot be in the future");
  } else if (on->ToDays() < today.ToDays() - 366) {
    v.Fail("inspected_on", "督查日期不能早于一年前",
           "the inspection date cannot be over a year ago");
  }
  in.inspected_on = on ? on->ToString() : "";
  std::vector<std::string> inspectors;
  if (in.inspectors.empty() || in.inspectors.size() > 20) {
    v.Fail("inspectors", "请填写1到20名督查人员", "give 1 to 20 inspectors");
  }
  for (size_t i = 0; i < in.inspectors.size() && i < 20; ++i) {
    std::string f = "inspectors[" + std::to_string(i) + "]";
    std::string name =
        CheckText(in.inspectors[i], f.c_str(), "督查人员", "an inspector", true, 50, v);
    if (name.find('\n') != std::string::npos) {
      v.Fail(f, "督查人员姓名不能换行", "a name cannot contain line breaks");
    }
    inspectors.push_back(name);
  }
  in.inspectors = inspectors;
  std::set<int64_t> departments(in.department_ids.begin(), in.department_ids.end());
  if (in.department_ids.empty() || in.department_ids.size() > 200) {
    v.Fail("department_ids", "请选择1到200个受检科室", "choose 1 to 200 departments");
  } else if (departments.size() != in.department_ids.size()) {
    v.Fail("department_ids", "受检科室重复", "a department is listed twice");
  }
  if (in.template_id <= 0) v.Fail("template_id", "请选择检查表", "choose a checklist");
  YW_RETURN_IF_ERROR(v.ToStatus());
  int64_t id = 0;
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    Validation dv;
    std::optional<Checklist> t = InspectionStore::GetTemplate(sql, in.template_id, 0);
    if (!t) {
      dv.Fail("template_id", "检查表不存在", "no such checklist");
    } else if (!t->active) {
      dv.Fail("template_id", "检查表已停用", "the checklist is retired");
    }
    for (size_t i = 0; i < in.department_ids.size(); ++i) {
      if (!org::OrgStore::GetDepartment(sql, in.department_ids[i])) {
        dv.Fail("department_ids[" + std::to_string(i) + "]", "科室不存在", "no such department");
      }
    }
    YW_RETURN_IF_ERROR(dv.ToStatus());
    id = InspectionStore::InsertRound(sql, in, t->template_id, t->version_id, p.user_id, Now());
    for (int64_t dept : in.department_ids) InspectionStore::InsertSheet(sql, id, dept);
    Json after = {{"title", in.title},           {"template", t->code},
                  {"version", t->version},       {"inspected_on", in.inspected_on},
                  {"inspectors", in.inspectors}, {"department_ids", in.department_ids}};
    return audit::Append(
        sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
        {"inspections.round.create", "inspection_round", std::to_string(id), "{}", after.dump()});
  });
  if (!tx.ok()) return tx;
  return Round(p, id);
}

Result<InspectionRound> InspectionService::RecordScores(const auth::Principal& p,
                                                        const std::string& ip, int64_t round_id,
                                                        int64_t department_id,
                                                        const std::vector<ScoreInput>& scores,
                                                        const std::string& summary_in) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Validation v;
  std::string summary = CheckText(summary_in, "summary", "检查小结", "the summary", false, 2000, v);
  if (department_id <= 0) v.Fail("department_id", "请选择受检科室", "choose the department");
  if (scores.empty()) v.Fail("scores", "请逐项评分", "score every item");
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    std::optional<InspectionRound> r = InspectionStore::GetRound(sql, round_id, "");
    if (!r) return RoundNotFound();
    if (r->status != "open") {
      return Status::Precondition("督查已完成，不能再修改评分", "the round is completed");
    }
    std::optional<Sheet> before = InspectionStore::GetSheet(sql, round_id, department_id);
    if (!before) {
      return Status::Invalid("department_id", "该科室不在本次督查范围内",
                             "the department is not part of this round");
    }
    std::optional<Checklist> t = InspectionStore::GetTemplate(sql, r->template_id, r->version);
    if (!t) return Status::Internal("round " + std::to_string(round_id) + " lost its template");
    std::map<int64_t, const ChecklistItem*> items;
    for (const ChecklistItem& i : t->items) items[i.id] = &i;
    Validation sv;
    std::map<int64_t, ItemScore> given;
    for (size_t i = 0; i < scores.size(); ++i) {
      std::string at = "scores[" + std::to_string(i) + "]";
      auto it = items.find(scores[i].item_id);
      if (it == items.end()) {
        sv.Fail(at + ".item_id", "不是本次督查所用检查表的项目",
                "not an item of the checklist version this round uses");
        continue;
      }
      if (given.count(scores[i].item_id)) {
        sv.Fail(at + ".item_id", "同一项目评分重复", "the item is scored twice");
        continue;
      }
      std::optional<int64_t> x10 = PointsToTenths(scores[i].score);
      if (!x10 || *x10 > it->second->max_x10) {
        sv.Fail(at + ".score",
                "得分应为0到" + TenthsText(it->second->max_x10) + "之间、最多一位小数的数字",
                "the score must be 0 to " + TenthsText(it->second->max_x10) +
                    " with at most one decimal");
        continue;
      }
      std::string f = at + ".note";
      std::string note =
          CheckText(scores[i].note, f.c_str(), "扣分说明", "the note", false, 500, sv);
      given[scores[i].item_id] = {scores[i].item_id, *x10, note};
    }
    if (sv.ok() && given.size() != items.size()) {
      sv.Fail("scores", "还有 " + std::to_string(items.size() - given.size()) + " 个项目未评分",
              std::to_string(items.size() - given.size()) + " item(s) are not scored");
    }
    YW_RETURN_IF_ERROR(sv.ToStatus());
    std::vector<ItemScore> ordered;
    int64_t total = 0;
    for (const ChecklistItem& i : t->items) {
      ordered.push_back(given[i.id]);
      total += given[i.id].score_x10;
    }
    int64_t max = t->total_x10;
    // Out of 100, in tenths, rounded half up: total / max × 1000.
    int64_t score = (total * 2000 + max) / (2 * max);
    InspectionStore::SaveScores(sql, before->id, ordered, total, max, score, summary, Now());
    std::optional<Sheet> after = InspectionStore::GetSheet(sql, round_id, department_id);
    return audit::Append(sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
                         {"inspections.sheet.score", "inspection_sheet", std::to_string(before->id),
                          SheetAudit(*before), SheetAudit(*after)});
  });
  if (!tx.ok()) return tx;
  return Round(p, round_id);
}

Result<InspectionRound> InspectionService::AddFindings(const auth::Principal& p,
                                                       const std::string& ip, int64_t round_id,
                                                       int64_t department_id,
                                                       std::vector<FindingInput> findings) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Validation v;
  if (department_id <= 0) v.Fail("department_id", "请选择受检科室", "choose the department");
  if (findings.empty() || findings.size() > 50) {
    v.Fail("findings", "请登记1到50个问题", "record 1 to 50 findings at a time");
  }
  std::vector<NewRectification> tasks;
  for (size_t i = 0; i < findings.size() && i < 50; ++i) {
    std::string prefix = "findings[" + std::to_string(i) + "].";
    FindingInput& f = findings[i];
    NewRectification r;
    r.source_type = "inspection";
    r.department_id = department_id;
    r.assignee_id = f.assignee_id;
    r.problem = f.description;
    r.requirement = f.requirement;
    r.period = f.period;
    r.leader = f.leader;
    r.responsible = f.responsible;
    Validation one;
    RectificationService::Validate(r, prefix, one);
    Status errors = one.ToStatus();
    for (const FieldError& e : errors.fields()) {
      if (e.field == prefix + "department_id") continue;  // reported once, above
      // The problem is the finding's description on the form.
      if (e.field == prefix + "problem") {
        v.Fail(prefix + "description", "问题描述：" + e.reason, "description: " + e.reason_en);
      } else {
        v.Fail(e.field, e.reason, e.reason_en);
      }
    }
    if (f.item_id < 0) v.Fail(prefix + "item_id", "检查项目无效", "invalid item");
    tasks.push_back(std::move(r));
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    std::optional<InspectionRound> r = InspectionStore::GetRound(sql, round_id, "");
    if (!r) return RoundNotFound();
    if (r->status != "open") {
      return Status::Precondition("督查已完成，不能再登记问题", "the round is completed");
    }
    std::optional<Sheet> sheet = InspectionStore::GetSheet(sql, round_id, department_id);
    if (!sheet) {
      return Status::Invalid("department_id", "该科室不在本次督查范围内",
                             "the department is not part of this round");
    }
    std::optional<Checklist> t = InspectionStore::GetTemplate(sql, r->template_id, r->version);
    std::set<int64_t> item_ids;
    if (t) {
      for (const ChecklistItem& i : t->items) item_ids.insert(i.id);
    }
    Validation iv;
    for (size_t i = 0; i < findings.size(); ++i) {
      if (findings[i].item_id > 0 && !item_ids.count(findings[i].item_id)) {
        iv.Fail("findings[" + std::to_string(i) + "].item_id", "不是本次督查所用检查表的项目",
                "not an item of the checklist version this round uses");
      }
    }
    YW_RETURN_IF_ERROR(iv.ToStatus());
    auth::Actor actor = auth::Actor::Of(p, ip);
    for (size_t i = 0; i < tasks.size(); ++i) {
      Result<cases::Opened> opened = rectifications_.OpenIn(sql, actor, tasks[i]);
      if (!opened.ok()) {
        Validation ov;
        for (const FieldError& e : opened.status().fields()) {
          ov.Fail("findings[" + std::to_string(i) + "]." + e.field, e.reason, e.reason_en);
        }
        return ov.ok() ? opened.status() : ov.ToStatus();
      }
      Finding f;
      f.round_id = round_id;
      f.sheet_id = sheet->id;
      f.department_id = department_id;
      f.item_id = findings[i].item_id;
      f.description = tasks[i].problem;
      f.rectification_case_id = opened->id;
      f.created_at = Now();
      f.id = InspectionStore::InsertFinding(sql, f);
      RectificationStore::SetSource(sql, opened->id, f.id);
      Json after = {{"round_id", round_id},
                    {"department_id", department_id},
                    {"item_id", f.item_id},
                    {"description", f.description},
                    {"rectification_case_id", opened->id},
                    {"rectification_code", opened->code}};
      YW_RETURN_IF_ERROR(audit::Append(sql, db_.dialect(), clock_, actor,
                                       {"inspections.finding.create", "inspection_finding",
                                        std::to_string(f.id), "{}", after.dump()}));
    }
    return Status::Ok();
  });
  if (!tx.ok()) return tx;
  return Round(p, round_id);
}

Result<InspectionRound> InspectionService::CompleteRound(const auth::Principal& p,
                                                         const std::string& ip, int64_t id) {
  if (!p.Has(kInspectManage)) return Status::Denied();
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    std::optional<InspectionRound> r = InspectionStore::GetRound(sql, id, "");
    if (!r) return RoundNotFound();
    if (r->status != "open")
      return Status::Precondition("督查已完成", "the round is already completed");
    int64_t unscored = r->department_count - r->scored_count;
    if (unscored > 0) {
      return Status::Precondition("还有 " + std::to_string(unscored) + " 个科室未评分",
                                  std::to_string(unscored) + " department(s) are not scored");
    }
    InspectionStore::CompleteRound(sql, id, Now());
    return audit::Append(
        sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
        {"inspections.round.complete", "inspection_round", std::to_string(id),
         Json({{"status", "open"}}).dump(), Json({{"status", "completed"}}).dump()});
  });
  if (!tx.ok()) return tx;
  return Round(p, id);
}

Result<MonthlyFigures> InspectionService::MonthlyScores(const auth::Principal& p,
                                                        const std::string& month_in,
                                                        int64_t template_id) {
  if (!p.Has(kInspectRead) && !p.Has(kInspectManage)) return Status::Denied();
  std::string month = Trim(month_in);
  if (month.empty()) {
    month = LocalDate(clock_.NowSeconds(), local_offset_seconds_).ToString().substr(0, 7);
  }
  if (!IsMonth(month)) {
    return Status::Invalid("month", "月份格式应为 YYYY-MM", "the month must look like YYYY-MM");
  }
  if (template_id < 0) return Status::Invalid("template_id", "检查表无效", "invalid checklist");
  std::string sheets = ScopeClause(p, "s.department_id");
  std::string findings = ScopeClause(p, "f.department_id");
  int64_t now = (clock_.NowSeconds() + local_offset_seconds_) / 60;
  MonthlyFigures out;
  out.month = month;
  Status tx = db_.Read([&](soci::session& sql) -> Status {
    out.scores = InspectionStore::MonthlyScores(sql, month, template_id, sheets);
    out.findings = InspectionStore::FindingCounts(sql, month, findings, now);
    return Status::Ok();
  });
  if (!tx.ok()) return tx;
  return out;
}

Result<std::string> InspectionService::ExportScores(const auth::Principal& p,
                                                    const std::string& month, int64_t template_id) {
  YW_ASSIGN_OR_RETURN(MonthlyFigures m, MonthlyScores(p, month, template_id));
  std::map<int64_t, FindingCount> counts;
  for (const FindingCount& f : m.findings) counts[f.department_id] = f;
  std::vector<std::vector<std::string>> rows;
  char avg[32];
  for (const MonthlyScore& s : m.scores) {
    std::snprintf(avg, sizeof avg, "%.1f", s.average);
    const FindingCount& f = counts[s.department_id];
    rows.push_back({m.month, s.template_name, s.department_name, std::to_string(s.sheets), avg,
                    TenthsText(s.min_x10), TenthsText(s.max_x10), std::to_string(f.in_month),
                    std::to_string(f.open), std::to_string(f.overdue)});
  }
  return XlsxWorkbook("月度督查得分",
                      {"月份", "检查表", "科室", "受检次数", "平均分", "最低分", "最高分",
                       "当月发现问题", "未销号问题", "逾期未整改"},
                      rows);
}

}  // namespace yuanwu::quality
