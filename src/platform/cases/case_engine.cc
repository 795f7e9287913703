#include "platform/cases/case_engine.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_store.h"
#include "platform/http/static_files.h"
#include "platform/notify/notify.h"

namespace yuanwu::cases {

namespace {

using nlohmann::json;

// The part of a case the audit trail records before and after each step.
std::string AuditJson(const Case& c) {
  if (c.id == 0) return "{}";
  json j = {{"code", c.code},
            {"state", c.state},
            {"department_id", c.department_id},
            {"assignee_id", c.assignee_id},
            {"due_at", c.due_at},
            {"clock", c.clock},
            {"escalation", c.escalation},
            {"extended", c.extended}};
  return j.dump();
}

bool IsClosed(const CaseType& t, const std::string& state) {
  const StateDef* s = t.State(state);
  return s && s->closed;
}

// Minutes since the epoch of a due moment ("YYYY-MM-DD" = the end of that day).
int64_t DueMinutes(const std::string& due_at) {
  std::optional<deadline::Moment> m = deadline::ParseMoment(due_at);
  if (!m) return -1;
  if (due_at.size() == 10) m->minute = deadline::Moment::kEndOfDay;
  return m->Minutes();
}

// Tracking codes: 12 characters without look-alikes (0/O, 1/I/L), grouped for reading aloud.
std::string TrackingCode(Random& random) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string hex = random.Hex(12);
  std::string out;
  for (size_t i = 0; i < 12; ++i) {
    int byte = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
    out += kAlphabet[byte % (sizeof(kAlphabet) - 1)];
    if (i == 3 || i == 7) out += '-';
  }
  return out;
}

std::string NormalizeTracking(std::string_view code) {
  std::string out;
  for (char ch : code) {
    if (ch == '-' || ch == ' ') continue;
    out += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  }
  return out;
}

Status NotFoundCase() { return Status::NotFound("案件", "case"); }

Status RequireNote(const std::string& note, const char* label_zh, const char* label_en) {
  if (Trim(note).empty()) {
    return Status::Invalid("note", std::string(label_zh) + "不能为空",
                           std::string(label_en) + " is required");
  }
  if (note.size() > 20000) {
    return Status::Invalid("note", "内容过长（最多约 6000 字）", "too long (at most 20,000 bytes)");
  }
  return Status::Ok();
}

}  // namespace

bool ParseQueue(std::string_view name, Queue* out) {
  static const std::pair<std::string_view, Queue> kNames[] = {
      {"all", Queue::kAll},       {"mine", Queue::kMine},       {"department", Queue::kDepartment},
      {"open", Queue::kOpen},     {"overdue", Queue::kOverdue}, {"due_soon", Queue::kDueSoon},
      {"paused", Queue::kPaused}, {"closed", Queue::kClosed}};
  for (const auto& [n, q] : kNames) {
    if (n == name) {
      *out = q;
      return true;
    }
  }
  return false;
}

CaseEngine::CaseEngine(db::Database& db, const Clock& clock,
                       const calendar::WorkingCalendar& calendar, FileStore& files, Random& random,
                       Directory& directory, EngineOptions options)
    : db_(db),
      clock_(clock),
      calendar_(calendar),
      files_(files),
      random_(random),
      directory_(directory),
      options_(std::move(options)) {}

CaseEngine::~CaseEngine() = default;

Status CaseEngine::Register(CaseType type) {
  if (types_.count(type.type)) {
    return Status::Conflict("案件类型重复：" + type.type, "duplicate case type: " + type.type);
  }
  std::string key = type.type;
  types_.emplace(std::move(key), std::move(type));
  return Status::Ok();
}

const CaseType* CaseEngine::Type(std::string_view type) const {
  auto it = types_.find(type);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<const CaseType*> CaseEngine::Types() const {
  std::vector<const CaseType*> out;
  for (const auto& [_, t] : types_) out.push_back(&t);
  return out;
}

void CaseEngine::SetRules(CaseRules rules) {
  std::lock_guard lock(rules_mu_);
  rules_ = std::move(rules);
}

CaseRules CaseEngine::Rules() const {
  std::lock_guard lock(rules_mu_);
  return rules_;
}

Result<const CaseType*> CaseEngine::Find(std::string_view type) const {
  const CaseType* t = Type(type);
  if (!t)
    return Status::NotFound("案件类型 " + std::string(type), "case type " + std::string(type));
  return t;
}

std::string CaseEngine::Now() const { return FormatTimestamp(clock_.NowSeconds()); }

deadline::Moment CaseEngine::LocalNow() const {
  int64_t local = clock_.NowSeconds() + options_.local_offset_seconds;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return {Date::FromDays(days), static_cast<int>((local - days * 86400) / 60)};
}

Result<int64_t> CaseEngine::Recompute(soci::session& sql, Case& c) {
  if (c.period.empty()) {
    c.due_at.clear();
    return int64_t{-1};
  }
  YW_ASSIGN_OR_RETURN(deadline::Deadline d, ComputeFor(sql, c));
  if (c.clock == "running" || c.clock == "paused") c.clock = d.paused ? "paused" : "running";
  if (!d.due) {
    c.due_at.clear();
    return int64_t{-1};
  }
  c.due_at = d.due->ToString();
  return d.due->Minutes();
}

Result<deadline::Deadline> CaseEngine::ComputeFor(soci::session& sql, const Case& c) {
  YW_ASSIGN_OR_RETURN(deadline::Period period, deadline::ParsePeriod(c.period));
  std::optional<deadline::Moment> start = deadline::ParseMoment(c.start_at);
  if (!start) return Status::Internal("case " + c.code + " has a bad start " + c.start_at);
  std::vector<deadline::ClockEvent> events;
  for (const ClockEntry& e : CaseStore::ClockEntries(sql, c.id)) {
    std::optional<deadline::Moment> at = deadline::ParseMoment(e.at);
    if (!at) return Status::Internal("case " + c.code + " has a bad clock entry " + e.at);
    deadline::ClockEvent ev;
    ev.at = *at;
    ev.amount = static_cast<int>(e.amount);
    if (e.effect == "pause") {
      ev.kind = deadline::ClockEvent::Kind::kPause;
    } else if (e.effect == "resume") {
      ev.kind = deadline::ClockEvent::Kind::kResume;
    } else if (e.effect == "restart") {
      ev.kind = deadline::ClockEvent::Kind::kRestart;
    } else {
      ev.kind = deadline::ClockEvent::Kind::kExtend;
    }
    events.push_back(ev);
  }
  return deadline::ComputeDeadline(calendar_, period, *start, events);
}

Result<Opened> CaseEngine::Open(soci::session& sql, const auth::Actor& actor,
                                const std::string& type, const OpenSpec& spec) {
  YW_ASSIGN_OR_RETURN(const CaseType* t, Find(type));
  Validation v;
  std::string title = Trim(spec.title);
  if (title.empty()) v.Fail("title", "标题不能为空", "title is required");
  if (Utf8Length(title) > 200) v.Fail("title", "标题最多 200 字", "title: at most 200 characters");
  if (!spec.period.empty() && !deadline::ParsePeriod(spec.period).ok()) {
    v.Fail("period", "期限格式不正确", "invalid period");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());

  Opened out;
  Case c;
  c.type = type;
  int year = spec.start.date.year;
  out.code = t->code_prefix + "-" + std::to_string(year) + "-" + [&] {
    std::string n = std::to_string(CaseStore::NextNumber(sql, type, year));
    return std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
  }();
  c.code = out.code;
  c.title = title;
  c.state = t->initial;
  c.department_id = spec.department_id;
  c.assignee_id = spec.assignee_id;
  c.opened_by = spec.anonymous ? 0 : actor.user_id;
  c.opened_at = Now();
  c.start_at = spec.start.ToString();
  if (spec.start.minute == deadline::Moment::kEndOfDay) c.start_at += " 23:59";
  c.period = spec.period;
  c.extension_limit = spec.extension_limit;
  c.clock = spec.period.empty() ? "none" : "running";
  c.updated_at = c.opened_at;
  std::string hash;
  if (spec.tracking) {
    out.tracking_code = TrackingCode(random_);
    hash = Sha256Hex(NormalizeTracking(out.tracking_code));
  }
  c.id = CaseStore::Insert(sql, c, hash);
  out.id = c.id;
  YW_ASSIGN_OR_RETURN(int64_t due_minutes, Recompute(sql, c));
  CaseStore::Update(sql, c, due_minutes);

  Event e;
  e.at = c.opened_at;
  e.actor_id = spec.anonymous ? 0 : actor.user_id;
  e.actor_name = spec.anonymous                 ? "匿名"
                 : !spec.requester_name.empty() ? spec.requester_name
                                                : actor.name;
  e.kind = "open";
  e.to_state = c.state;
  e.body = spec.body;
  e.is_public = spec.body_public;
  e.data_json = json({{"period", c.period}, {"start_at", c.start_at}, {"due_at", c.due_at}}).dump();
  CaseStore::AddEvent(sql, c.id, e, nullptr);
  auth::Actor audited = actor;
  if (spec.anonymous) audited = {0, "匿名", actor.ip};
  YW_RETURN_IF_ERROR(audit::Append(
      sql, db_.dialect(), clock_, audited,
      {"case." + type + ".open", "case_record", std::to_string(c.id), "{}", AuditJson(c)}));
  if (c.assignee_id) {
    YW_RETURN_IF_ERROR(Notify(sql, c, "case.assigned",
                              t->name + " " + c.code + "「" + c.title + "」已交由您办理",
                              {c.assignee_id}));
  }
  return out;
}

Result<Case> CaseEngine::Load(soci::session& sql, const std::string& type, int64_t id,
                              const Visibility& v) {
  std::optional<Case> c = CaseStore::Get(sql, type, id, v);
  if (!c) return NotFoundCase();
  return *c;
}

Result<Case> CaseEngine::Step(const auth::Actor& actor, const std::string& type, int64_t id,
                              const Visibility& v, const std::string& audit_action,
                              const StepFn& fn, const StepHook& hook, int64_t* event_id) {
  Result<Case> out = Status::Internal("step not run");
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    out = StepIn(sql, actor, type, id, v, audit_action, fn, hook, event_id);
    return out.status();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Case> CaseEngine::StepIn(soci::session& sql, const auth::Actor& actor,
                                const std::string& type, int64_t id, const Visibility& v,
                                const std::string& audit_action, const StepFn& fn,
                                const StepHook& hook, int64_t* event_id) {
  YW_ASSIGN_OR_RETURN(const CaseType* t, Find(type));
  YW_ASSIGN_OR_RETURN(Case c, Load(sql, type, id, v));
  Case before = c;
  Event e;
  e.at = Now();
  e.actor_id = actor.user_id;
  e.actor_name = actor.name;
  std::optional<ClockEntry> clock;
  YW_RETURN_IF_ERROR(fn(sql, *t, c, e, clock));
  c.updated_at = e.at;
  if (before.closed_at.empty() && IsClosed(*t, c.state)) {
    c.closed_at = e.at;
    if (c.clock == "running" || c.clock == "paused") c.clock = "stopped";
  }
  int64_t id_of_event = CaseStore::AddEvent(sql, c.id, e, clock ? &*clock : nullptr);
  if (event_id) *event_id = id_of_event;
  int64_t due_minutes = DueMinutes(c.due_at);
  if (clock) {
    YW_ASSIGN_OR_RETURN(due_minutes, Recompute(sql, c));
    if (c.due_at != before.due_at) c.escalation = 0;
  }
  CaseStore::Update(sql, c, due_minutes);
  YW_RETURN_IF_ERROR(audit::Append(
      sql, db_.dialect(), clock_, actor,
      {audit_action, "case_record", std::to_string(c.id), AuditJson(before), AuditJson(c)}));
  if (hook) YW_RETURN_IF_ERROR(hook(sql, c));
  return c;
}

Result<std::string> CaseEngine::ClockMoment(soci::session& sql, const Case& c,
                                            const std::optional<deadline::Moment>& effective) {
  deadline::Moment now = LocalNow();
  if (!effective) return now.ToString();
  deadline::Moment at = *effective;
  if (at.minute == deadline::Moment::kEndOfDay) at.minute = 1439;
  if (at.Minutes() > now.Minutes()) {
    return Status::Invalid("effective", "生效时间不能晚于现在", "must not be in the future");
  }
  std::optional<deadline::Moment> floor = deadline::ParseMoment(c.start_at);
  std::vector<ClockEntry> entries = CaseStore::ClockEntries(sql, c.id);
  if (!entries.empty()) floor = deadline::ParseMoment(entries.back().at);
  if (floor && at.Minutes() < floor->Minutes()) {
    return Status::Invalid("effective", "生效时间不能早于" + floor->ToString(),
                           "must not be before " + floor->ToString());
  }
  return at.ToString();
}

Result<Case> CaseEngine::Act(const auth::Principal& p, const std::string& ip,
                             const std::string& type, int64_t id, const Visibility& v,
                             const std::string& action, const std::string& note,
                             const StepHook& hook,
                             const std::optional<deadline::Moment>& effective) {
  Result<Case> out = Status::Internal("action not run");
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    out = ActIn(sql, p, ip, type, id, v, action, note, hook, effective);
    return out.status();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Case> CaseEngine::ActIn(soci::session& session, const auth::Principal& p,
                               const std::string& ip, const std::string& type, int64_t id,
                               const Visibility& v, const std::string& action,
                               const std::string& note, const StepHook& hook,
                               const std::optional<deadline::Moment>& effective) {
  return StepIn(
      session, auth::Actor::Of(p, ip), type, id, v, "case." + type + "." + action,
      [&](soci::session& sql, const CaseType& t, Case& c, Event& e,
          std::optional<ClockEntry>& clock) -> Status {
        const ActionDef* a = t.Action(action);
        if (!a) {
          return Status::Invalid("action", "未知的操作：" + action, "unknown action: " + action);
        }
        if (!p.Has(a->permission)) return Status::Denied();
        if (std::find(a->from.begin(), a->from.end(), c.state) == a->from.end()) {
          const StateDef* s = t.State(c.state);
          return Status::Precondition(
              "当前状态（" + (s ? s->name : c.state) + "）不能执行「" + a->name + "」",
              "cannot " + a->name_en + " in state " + (s ? s->name_en : c.state));
        }
        if (a->note_required) YW_RETURN_IF_ERROR(RequireNote(note, "说明", "a note"));
        e.kind = "action";
        e.action = action;
        e.from_state = c.state;
        e.to_state = a->to;
        e.body = note;
        e.is_public = a->is_public;
        c.state = a->to;
        deadline::Moment now = LocalNow();
        std::string at = now.ToString();
        if (a->clock == "pause" || a->clock == "resume" || a->clock == "restart") {
          YW_ASSIGN_OR_RETURN(at, ClockMoment(sql, c, effective));
        } else if (effective) {
          return Status::Invalid("effective", "此操作不改变期限，无需生效时间",
                                 "this action does not change the deadline");
        }
        if (a->clock == "stop") {
          if (c.clock == "running" || c.clock == "paused") {
            int64_t due = DueMinutes(c.due_at);
            c.on_time = c.clock == "paused" || due < 0 || now.Minutes() <= due ? 1 : 0;
            c.clock = "stopped";
            c.answered_at = e.at;
          }
        } else if (a->clock == "pause") {
          if (c.clock != "running") {
            return Status::Precondition("期限未在计时，不能暂停", "the clock is not running");
          }
          clock = ClockEntry{"pause", at, 0};
        } else if (a->clock == "resume") {
          if (c.clock != "paused") {
            return Status::Precondition("期限未暂停，无需恢复", "the clock is not paused");
          }
          clock = ClockEntry{"resume", at, 0};
        } else if (a->clock == "restart") {
          if (c.period.empty()) {
            return Status::Precondition("该案件没有办理期限", "the case has no deadline");
          }
          c.clock = "running";
          clock = ClockEntry{"restart", at, 0};
        }
        return Status::Ok();
      },
      hook);
}

Result<Case> CaseEngine::Assign(const auth::Principal& p, const std::string& ip,
                                const std::string& type, int64_t id, const Visibility& v,
                                int64_t department_id, int64_t assignee_id,
                                const std::string& reason) {
  std::vector<int64_t> notify_users;
  const CaseType* t = Type(type);
  Result<Case> out = Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".assign",
      [&](soci::session& sql, const CaseType& ct, Case& c, Event& e,
          std::optional<ClockEntry>&) -> Status {
        bool manage = p.Has(ct.manage_permission);
        bool handle = p.Has(ct.handle_permission);
        if (!manage && !(handle && department_id == c.department_id && c.department_id != 0)) {
          return Status::Denied();
        }
        if (IsClosed(ct, c.state)) {
          return Status::Precondition("案件已办结，不能再分派", "the case is closed");
        }
        if (department_id <= 0) {
          return Status::Invalid("department_id", "请选择责任科室", "choose a department");
        }
        if (c.department_id == department_id && c.assignee_id == assignee_id) {
          return Status::Invalid("assignee_id", "与当前分派相同", "same as the current assignment");
        }
        // Naming a person in the department the case is already with is not a reassignment.
        bool reassign =
            c.assignee_id != 0 || (c.department_id != 0 && c.department_id != department_id);
        if (reassign && Trim(reason).empty()) {
          return Status::Invalid("reason", "改派须填写原因", "a reason is required to reassign");
        }
        long long dept = department_id;
        long long n = 0;
        sql << "SELECT COUNT(*) FROM department WHERE id = :id", soci::use(dept), soci::into(n);
        if (n == 0) return Status::Invalid("department_id", "科室不存在", "no such department");
        if (assignee_id > 0) {
          YW_ASSIGN_OR_RETURN(
              std::vector<int64_t> allowed,
              directory_.DepartmentUsersWith(sql, department_id, ct.handle_permission));
          if (std::find(allowed.begin(), allowed.end(), assignee_id) == allowed.end()) {
            return Status::Invalid("assignee_id", "承办人须是该科室有办理权限的在职职工",
                                   "the assignee must be an active member of the department "
                                   "who may handle such cases");
          }
        }
        e.kind = "assign";
        e.body = reason;
        e.data_json = json({{"from_department_id", c.department_id},
                            {"from_assignee_id", c.assignee_id},
                            {"department_id", department_id},
                            {"assignee_id", assignee_id},
                            {"reassign", reassign}})
                          .dump();
        c.department_id = department_id;
        c.assignee_id = assignee_id;
        if (assignee_id > 0) {
          notify_users = {assignee_id};
        } else {
          YW_ASSIGN_OR_RETURN(notify_users, directory_.DepartmentHeads(sql, department_id));
        }
        return Status::Ok();
      },
      [&](soci::session& sql, const Case& c) -> Status {
        if (notify_users.empty()) return Status::Ok();
        return Notify(sql, c, "case.assigned",
                      t->name + " " + c.code + "「" + c.title + "」已交由" +
                          (c.assignee_id ? "您" : "贵科室") + "办理",
                      notify_users);
      });
  if (!out.ok()) return out;
  // With the department's and the assignee's names; the case may now be outside `v`.
  return Get(type, id, Visibility::All());
}

Result<Event> CaseEngine::AddNote(const auth::Principal& p, const std::string& ip,
                                  const std::string& type, int64_t id, const Visibility& v,
                                  const std::string& body, bool is_public) {
  Event added;
  int64_t event_id = 0;
  Result<Case> c = Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".note",
      [&](soci::session&, const CaseType& t, Case& cs, Event& e,
          std::optional<ClockEntry>&) -> Status {
        if (!p.Has(t.handle_permission) && !p.Has(t.manage_permission)) return Status::Denied();
        if (IsClosed(t, cs.state)) {
          return Status::Precondition("案件已办结；如需更正请使用「更正」",
                                      "the case is closed; add a correction instead");
        }
        YW_RETURN_IF_ERROR(RequireNote(body, "记录内容", "the note"));
        e.kind = "note";
        e.body = body;
        e.is_public = is_public;
        added = e;
        return Status::Ok();
      },
      nullptr, &event_id);
  if (!c.ok()) return c.status();
  added.id = event_id;
  return added;
}

Result<Attachment> CaseEngine::Attach(const auth::Principal& p, const std::string& ip,
                                      const std::string& type, int64_t id, const Visibility& v,
                                      const std::string& filename, const std::string& data) {
  std::string name = Trim(filename);
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  if (name.empty()) return Status::Invalid("file", "请选择文件", "choose a file");
  if (data.empty()) return Status::Invalid("file", "文件是空的", "the file is empty");
  if (static_cast<int64_t>(data.size()) > options_.max_attachment_bytes) {
    return Status::Invalid(
        "file", "文件超过 " + std::to_string(options_.max_attachment_bytes >> 20) + " MB",
        "the file is larger than " + std::to_string(options_.max_attachment_bytes >> 20) + " MB");
  }
  // Check access before storing the bytes.
  YW_ASSIGN_OR_RETURN(Case existing, Get(type, id, v));
  (void)existing;
  YW_ASSIGN_OR_RETURN(std::string key, files_.Put(data));
  Attachment a;
  a.filename = name;
  a.content_type = http::ContentTypeFor(name);
  a.size = static_cast<int64_t>(data.size());
  a.sha256 = key;
  a.actor_name = p.name;
  Result<Case> c = Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".attach",
      [&](soci::session&, const CaseType& t, Case& cs, Event& e,
          std::optional<ClockEntry>&) -> Status {
        if (!p.Has(t.handle_permission) && !p.Has(t.manage_permission)) return Status::Denied();
        if (IsClosed(t, cs.state)) {
          return Status::Precondition("案件已办结，不能再添加附件", "the case is closed");
        }
        e.kind = "attachment";
        e.body = name;
        e.data_json = json({{"sha256", key}, {"size", a.size}}).dump();
        a.at = e.at;
        return Status::Ok();
      },
      [&](soci::session& sql, const Case& cs) -> Status {
        long long last = 0;
        long long cid = cs.id;
        sql << "SELECT id FROM case_event WHERE case_id = :id ORDER BY seq DESC LIMIT 1",
            soci::use(cid), soci::into(last);
        a.event_id = last;
        a.id = CaseStore::AddAttachment(sql, cs.id, a, p.user_id);
        return Status::Ok();
      });
  if (!c.ok()) return c.status();
  return a;
}

Result<Case> CaseEngine::Pause(const auth::Principal& p, const std::string& ip,
                               const std::string& type, int64_t id, const Visibility& v,
                               const std::string& reason, const StepHook& hook,
                               const std::optional<deadline::Moment>& effective) {
  return Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".pause",
      [&](soci::session& sql, const CaseType& t, Case& c, Event& e,
          std::optional<ClockEntry>& clock) -> Status {
        if (!p.Has(t.manage_permission)) return Status::Denied();
        if (c.clock != "running") {
          return Status::Precondition("期限未在计时，不能暂停", "the clock is not running");
        }
        YW_RETURN_IF_ERROR(RequireNote(reason, "暂停原因", "a reason"));
        YW_ASSIGN_OR_RETURN(std::string at, ClockMoment(sql, c, effective));
        e.kind = "pause";
        e.body = reason;
        clock = ClockEntry{"pause", at, 0};
        return Status::Ok();
      },
      hook);
}

Result<Case> CaseEngine::Resume(const auth::Principal& p, const std::string& ip,
                                const std::string& type, int64_t id, const Visibility& v,
                                const std::string& note, const StepHook& hook,
                                const std::optional<deadline::Moment>& effective) {
  return Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".resume",
      [&](soci::session& sql, const CaseType& t, Case& c, Event& e,
          std::optional<ClockEntry>& clock) -> Status {
        if (!p.Has(t.manage_permission)) return Status::Denied();
        if (c.clock != "paused") {
          return Status::Precondition("期限未暂停，无需恢复", "the clock is not paused");
        }
        YW_ASSIGN_OR_RETURN(std::string at, ClockMoment(sql, c, effective));
        e.kind = "resume";
        e.body = note;
        clock = ClockEntry{"resume", at, 0};
        return Status::Ok();
      },
      hook);
}

Result<Case> CaseEngine::Extend(const auth::Principal& p, const std::string& ip,
                                const std::string& type, int64_t id, const Visibility& v,
                                const std::string& amount, const std::string& approver,
                                const std::string& reason, const StepHook& hook) {
  return Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".extend",
      [&](soci::session&, const CaseType& t, Case& c, Event& e,
          std::optional<ClockEntry>& clock) -> Status {
        if (!p.Has(t.manage_permission)) return Status::Denied();
        if (c.clock != "running" && c.clock != "paused") {
          return Status::Precondition("案件不在计时中，不能延期", "the clock is not running");
        }
        Validation val;
        Result<deadline::Period> add = deadline::ParsePeriod(amount);
        YW_ASSIGN_OR_RETURN(deadline::Period period, deadline::ParsePeriod(c.period));
        if (!add.ok()) {
          val.Fail("amount", "延长期限格式不正确（例如 10wd）", "invalid amount (e.g. 10wd)");
        } else if (add->unit != period.unit) {
          val.Fail("amount", "延长期限的单位须与办理期限（" + c.period + "）一致",
                   "the extension must be in the unit of the period (" + c.period + ")");
        }
        if (Trim(approver).empty())
          val.Fail("approver", "请填写批准人", "the approver is required");
        if (Trim(reason).empty()) val.Fail("reason", "请填写延期理由", "a reason is required");
        YW_RETURN_IF_ERROR(val.ToStatus());
        int already = 0;
        if (!c.extended.empty()) {
          YW_ASSIGN_OR_RETURN(deadline::Period e0, deadline::ParsePeriod(c.extended));
          already = e0.amount;
        }
        if (c.extension_limit.empty()) {
          return Status::Invalid("amount", "此类案件不允许延期",
                                 "this kind of case cannot be extended");
        }
        YW_ASSIGN_OR_RETURN(deadline::Period limit, deadline::ParsePeriod(c.extension_limit));
        if (already + add->amount > limit.amount) {
          return Status::Invalid("amount",
                                 "累计延期不得超过 " + c.extension_limit + "（已延期 " +
                                     std::to_string(already) + "）",
                                 "the total extension may not exceed " + c.extension_limit +
                                     " (already " + std::to_string(already) + ")");
        }
        deadline::Period total{period.unit, already + add->amount};
        c.extended = total.ToString();
        e.kind = "extend";
        e.body = reason;
        e.is_public = true;  // the requester must be told of an extension (条例第三十三条)
        e.data_json = json({{"amount", add->ToString()}, {"approver", Trim(approver)}}).dump();
        clock = ClockEntry{"extend", LocalNow().ToString(), add->amount};
        return Status::Ok();
      },
      hook);
}

Result<Event> CaseEngine::Correct(const auth::Principal& p, const std::string& ip,
                                  const std::string& type, int64_t id, const Visibility& v,
                                  int64_t event_id, const std::string& body) {
  Event added;
  int64_t new_id = 0;
  Result<Case> c = Step(
      auth::Actor::Of(p, ip), type, id, v, "case." + type + ".correct",
      [&](soci::session& sql, const CaseType& t, Case& cs, Event& e,
          std::optional<ClockEntry>&) -> Status {
        if (!p.Has(t.handle_permission) && !p.Has(t.manage_permission)) return Status::Denied();
        std::optional<Event> original = CaseStore::GetEvent(sql, cs.id, event_id);
        if (!original) {
          return Status::Invalid("event_id", "要更正的记录不存在", "no such timeline entry");
        }
        YW_RETURN_IF_ERROR(RequireNote(body, "更正内容", "the correction"));
        e.kind = "correct";
        e.body = body;
        e.corrects = event_id;
        e.is_public = original->is_public;
        added = e;
        return Status::Ok();
      },
      nullptr, &new_id);
  if (!c.ok()) return c.status();
  added.id = new_id;
  return added;
}

Result<Case> CaseEngine::Get(const std::string& type, int64_t id, const Visibility& v) {
  return db_.Query<Case>(
      [&](soci::session& sql) -> Result<Case> { return Load(sql, type, id, v); });
}

Result<std::vector<Event>> CaseEngine::Timeline(const std::string& type, int64_t id,
                                                const Visibility& v) {
  return db_.Query<std::vector<Event>>([&](soci::session& sql) -> Result<std::vector<Event>> {
    YW_ASSIGN_OR_RETURN(Case c, Load(sql, type, id, v));
    return CaseStore::Events(sql, c.id, false);
  });
}

Result<std::vector<Attachment>> CaseEngine::Attachments(const std::string& type, int64_t id,
                                                        const Visibility& v) {
  return db_.Query<std::vector<Attachment>>(
      [&](soci::session& sql) -> Result<std::vector<Attachment>> {
        YW_ASSIGN_OR_RETURN(Case c, Load(sql, type, id, v));
        return CaseStore::Attachments(sql, c.id);
      });
}

Result<std::pair<Attachment, std::string>> CaseEngine::AttachmentData(const std::string& type,
                                                                      int64_t id,
                                                                      const Visibility& v,
                                                                      int64_t aid) {
  YW_ASSIGN_OR_RETURN(std::vector<Attachment> all, Attachments(type, id, v));
  for (const Attachment& a : all) {
    if (a.id != aid) continue;
    YW_ASSIGN_OR_RETURN(std::string data, files_.Get(a.sha256));
    return std::make_pair(a, std::move(data));
  }
  return Status::NotFound("附件", "attachment");
}

Result<std::pair<std::vector<Case>, int64_t>> CaseEngine::List(const ListFilter& f,
                                                               const Visibility& v,
                                                               int64_t user_id) {
  YW_RETURN_IF_ERROR(Find(f.type).status());
  CaseStore::ListQuery q;
  q.filter = f;
  q.filter.limit = std::clamp<int64_t>(f.limit, 1, 500);
  q.filter.offset = std::max<int64_t>(f.offset, 0);
  q.visibility = v;
  if (q.visibility.user_id == 0) q.visibility.user_id = user_id;
  q.now_minutes = LocalNowMinutes();
  for (auto [text, out, days] : {std::tuple{f.from, &q.from_utc, 0}, {f.to, &q.to_utc, 1}}) {
    if (text.empty()) continue;
    std::optional<Date> d = ParseDate(text);
    if (!d) {
      return Status::Invalid(days ? "to" : "from", "日期格式应为 YYYY-MM-DD",
                             "dates are YYYY-MM-DD");
    }
    *out = FormatTimestamp((d->AddDays(days).ToDays()) * 86400 - options_.local_offset_seconds);
  }
  return db_.Query<std::pair<std::vector<Case>, int64_t>>(
      [&](soci::session& sql) -> Result<std::pair<std::vector<Case>, int64_t>> {
        return CaseStore::List(sql, q);
      });
}

Result<QueueCounts> CaseEngine::Counts(const std::string& type, const Visibility& v,
                                       int64_t user_id) {
  YW_RETURN_IF_ERROR(Find(type).status());
  Visibility vis = v;
  if (vis.user_id == 0) vis.user_id = user_id;
  int64_t now = LocalNowMinutes();
  return db_.Query<QueueCounts>([&](soci::session& sql) -> Result<QueueCounts> {
    return CaseStore::Counts(sql, type, vis, now);
  });
}

Result<std::vector<Assignee>> CaseEngine::Assignees(const std::string& type, int64_t id,
                                                    const Visibility& v, int64_t department_id) {
  YW_ASSIGN_OR_RETURN(const CaseType* t, Find(type));
  return db_.Query<std::vector<Assignee>>([&](soci::session& sql) -> Result<std::vector<Assignee>> {
    YW_ASSIGN_OR_RETURN(Case c, Load(sql, type, id, v));
    int64_t dept = department_id > 0 ? department_id : c.department_id;
    std::vector<Assignee> out;
    if (dept <= 0) return out;
    YW_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                        directory_.DepartmentUsersWith(sql, dept, t->handle_permission));
    YW_ASSIGN_OR_RETURN(std::vector<int64_t> heads, directory_.DepartmentHeads(sql, dept));
    for (int64_t uid : ids) {
      long long u = uid;
      std::string name;
      sql << "SELECT name FROM app_user WHERE id = :id", soci::use(u), soci::into(name);
      bool head = std::find(heads.begin(), heads.end(), uid) != heads.end();
      out.push_back({uid, name, head});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Assignee& a, const Assignee& b) { return a.head > b.head; });
    return out;
  });
}

std::vector<const ActionDef*> CaseEngine::AvailableActions(const auth::Principal& p,
                                                           const Case& c) const {
  std::vector<const ActionDef*> out;
  const CaseType* t = Type(c.type);
  if (!t) return out;
  for (const ActionDef* a : t->ActionsFrom(c.state)) {
    if (!p.Has(a->permission)) continue;
    if (a->clock == "pause" && c.clock != "running") continue;
    if (a->clock == "resume" && c.clock != "paused") continue;
    out.push_back(a);
  }
  return out;
}

Result<std::pair<Case, std::vector<Event>>> CaseEngine::Track(const std::string& type,
                                                              const std::string& code,
                                                              const std::string& tracking_code) {
  return db_.Query<std::pair<Case, std::vector<Event>>>(
      [&](soci::session& sql) -> Result<std::pair<Case, std::vector<Event>>> {
        std::string stored;
        std::optional<Case> c = CaseStore::GetByCode(sql, type, Trim(code), &stored);
        std::string given = Sha256Hex(NormalizeTracking(tracking_code));
        // Compare even when the code is unknown, so timing does not tell which part was wrong.
        std::string against =
            stored.size() == given.size() ? stored : std::string(given.size(), '0');
        bool match = sodium_memcmp(against.data(), given.data(), given.size()) == 0;
        if (!c || stored.empty() || !match) {
          return Status::NotFound("编号或查询码不正确", "the code or tracking code is wrong");
        }
        return std::make_pair(*c, CaseStore::Events(sql, c->id, true));
      });
}

Result<Case> CaseEngine::RequesterStep(const std::string& type, const std::string& code,
                                       const std::string& tracking_code, const std::string& ip,
                                       const std::string& kind, const std::string& body,
                                       const std::string& requester_name, const StepHook& hook) {
  YW_ASSIGN_OR_RETURN(auto tracked, Track(type, code, tracking_code));
  auth::Actor actor{0, requester_name, ip};
  return Step(
      actor, type, tracked.first.id, Visibility::All(), "case." + type + "." + kind,
      [&](soci::session&, const CaseType&, Case&, Event& e, std::optional<ClockEntry>&) {
        e.kind = kind;
        e.body = body;
        e.is_public = true;
        return Status::Ok();
      },
      hook);
}

Status CaseEngine::Notify(soci::session& sql, const Case& c, const std::string& kind,
                          const std::string& title, const std::vector<int64_t>& users) {
  notify::Message m;
  m.kind = kind;
  m.title = title;
  m.link = options_.console_link_prefix + c.type + "/" + std::to_string(c.id);
  m.entity = "case_record";
  m.entity_id = std::to_string(c.id);
  m.user_ids = users;
  m.payload_json = json({{"case_id", c.id},
                         {"type", c.type},
                         {"code", c.code},
                         {"state", c.state},
                         {"department", c.department_name},
                         {"due_at", c.due_at}})
                       .dump();
  return notify::Enqueue(sql, db_.dialect(), clock_, m);
}

}  // namespace yuanwu::cases
