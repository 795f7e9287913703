#include "platform/cases/case_store.h"

#include "platform/db/row.h"

namespace yuanwu::cases {

namespace {

// The engine's own reads: CaseColumns() from case_record c with their joins.
std::string Select() {
  return std::string("SELECT ") + CaseStore::CaseColumns() + " FROM case_record c" +
         CaseStore::CaseJoins() + " ";
}

Event EventFromRow(const soci::row& r) {
  Event e;
  e.id = db::Int(r, 0);
  e.seq = db::Int(r, 1);
  e.at = db::Text(r, 2);
  e.actor_id = db::Int(r, 3);
  e.actor_name = db::Text(r, 4);
  e.kind = db::Text(r, 5);
  e.action = db::Text(r, 6);
  e.from_state = db::Text(r, 7);
  e.to_state = db::Text(r, 8);
  e.body = db::Text(r, 9);
  e.data_json = db::Text(r, 10);
  e.is_public = db::Int(r, 11) != 0;
  e.corrects = db::Int(r, 12);
  return e;
}

const char* kEventColumns =
    "SELECT id, seq, at, actor_id, actor_name, kind, action, from_state, to_state, body, data, "
    "public, corrects FROM case_event ";

}  // namespace

const char* CaseStore::CaseColumns() {
  return "c.id, c.type, c.code, c.title, c.state, c.department_id, d.name, c.assignee_id, u.name, "
         "c.opened_by, o.name, c.opened_at, c.start_at, c.period, c.extension_limit, c.extended, "
         "c.due_at, c.clock, c.escalation, c.answered_at, c.on_time, c.closed_at, c.updated_at";
}

const char* CaseStore::CaseJoins() {
  return " LEFT JOIN department d ON d.id = c.department_id"
         " LEFT JOIN app_user u ON u.id = c.assignee_id"
         " LEFT JOIN app_user o ON o.id = c.opened_by";
}

Case CaseStore::CaseFromRow(const soci::row& r, size_t first_column) {
  const size_t i = first_column;
  Case c;
  c.id = db::Int(r, i + 0);
  c.type = db::Text(r, i + 1);
  c.code = db::Text(r, i + 2);
  c.title = db::Text(r, i + 3);
  c.state = db::Text(r, i + 4);
  c.department_id = db::Int(r, i + 5);
  c.department_name = db::Text(r, i + 6);
  c.assignee_id = db::Int(r, i + 7);
  c.assignee_name = db::Text(r, i + 8);
  c.opened_by = db::Int(r, i + 9);
  c.opened_by_name = db::Text(r, i + 10);
  c.opened_at = db::Text(r, i + 11);
  c.start_at = db::Text(r, i + 12);
  c.period = db::Text(r, i + 13);
  c.extension_limit = db::Text(r, i + 14);
  c.extended = db::Text(r, i + 15);
  c.due_at = db::Text(r, i + 16);
  c.clock = db::Text(r, i + 17);
  c.escalation = static_cast<int>(db::Int(r, i + 18));
  c.answered_at = db::Text(r, i + 19);
  c.on_time = db::IsNull(r, i + 20) ? -1 : static_cast<int>(db::Int(r, i + 20));
  c.closed_at = db::Text(r, i + 21);
  c.updated_at = db::Text(r, i + 22);
  return c;
}

std::string CaseStore::VisibilityClause(const Visibility& v) {
  if (v.all) return "";
  std::string ors;
  if (v.by_department) ors = "(1 = 1" + v.dept_clause + ")";
  if (v.user_id > 0) {
    std::string id = std::to_string(v.user_id);
    if (!ors.empty()) ors += " OR ";
    ors += "c.assignee_id = " + id + " OR c.opened_by = " + id;
  }
  if (ors.empty()) return " AND 1 = 0";
  return " AND (" + ors + ")";
}

std::optional<Case> CaseStore::Get(soci::session& sql, const std::string& type, int64_t id,
                                   const Visibility& v) {
  std::optional<Case> out;
  db::Params p;
  p.Add("id", static_cast<long long>(id));
  p.Add("type", type);
  db::ForEachRow(sql, Select() + "WHERE c.id = :id AND c.type = :type" + VisibilityClause(v), p,
                 [&](const soci::row& r) { out = CaseStore::CaseFromRow(r, 0); });
  return out;
}

std::optional<Case> CaseStore::GetByCode(soci::session& sql, const std::string& type,
                                         const std::string& code, std::string* tracking_hash) {
  std::optional<Case> out;
  db::Params p;
  p.Add("code", code);
  p.Add("type", type);
  int64_t id = 0;
  db::ForEachRow(sql,
                 "SELECT id, tracking_hash FROM case_record WHERE code = :code AND type = :type", p,
                 [&](const soci::row& r) {
                   id = db::Int(r, 0);
                   *tracking_hash = db::Text(r, 1);
                 });
  if (id == 0) return out;
  return Get(sql, type, id, Visibility::All());
}

int64_t CaseStore::NextNumber(soci::session& sql, const std::string& type, int year) {
  long long y = year;
  long long last = 0;
  sql << "INSERT INTO case_sequence (type, year, last) VALUES (:t, :y, 1) "
         "ON CONFLICT (type, year) DO UPDATE SET last = case_sequence.last + 1 RETURNING last",
      soci::use(type), soci::use(y), soci::into(last);
  return last;
}

int64_t CaseStore::Insert(soci::session& sql, const Case& c, const std::string& tracking_hash) {
  long long id = 0;
  long long dept = c.department_id, assignee = c.assignee_id, opener = c.opened_by;
  soci::indicator dept_ind = dept ? soci::i_ok : soci::i_null;
  soci::indicator assignee_ind = assignee ? soci::i_ok : soci::i_null;
  soci::indicator opener_ind = opener ? soci::i_ok : soci::i_null;
  soci::indicator hash_ind = tracking_hash.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO case_record (type, code, title, state, department_id, assignee_id, "
         "opened_by, opened_at, tracking_hash, start_at, period, extension_limit, clock, "
         "updated_at) VALUES (:type, :code, :title, :state, :dept, :assignee, :opener, :opened, "
         ":hash, :start, :period, :ext, :clock, :updated) RETURNING id",
      soci::use(c.type), soci::use(c.code), soci::use(c.title), soci::use(c.state),
      soci::use(dept, dept_ind), soci::use(assignee, assignee_ind), soci::use(opener, opener_ind),
      soci::use(c.opened_at), soci::use(tracking_hash, hash_ind), soci::use(c.start_at),
      soci::use(c.period), soci::use(c.extension_limit), soci::use(c.clock),
      soci::use(c.updated_at), soci::into(id);
  return id;
}

void CaseStore::Update(soci::session& sql, const Case& c, int64_t due_minutes_or_minus1) {
  long long id = c.id, dept = c.department_id, assignee = c.assignee_id;
  long long esc = c.escalation, due_minutes = due_minutes_or_minus1, on_time = c.on_time;
  soci::indicator dept_ind = dept ? soci::i_ok : soci::i_null;
  soci::indicator assignee_ind = assignee ? soci::i_ok : soci::i_null;
  soci::indicator due_ind = c.due_at.empty() ? soci::i_null : soci::i_ok;
  soci::indicator due_min_ind = due_minutes < 0 ? soci::i_null : soci::i_ok;
  soci::indicator answered_ind = c.answered_at.empty() ? soci::i_null : soci::i_ok;
  soci::indicator on_time_ind = on_time < 0 ? soci::i_null : soci::i_ok;
  soci::indicator closed_ind = c.closed_at.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE case_record SET state = :state, department_id = :dept, assignee_id = :assignee, "
         "extended = :extended, due_at = :due, due_minutes = :due_minutes, clock = :clock, "
         "escalation = :esc, answered_at = :answered, on_time = :on_time, closed_at = :closed, "
         "updated_at = :updated WHERE id = :id",
      soci::use(c.state), soci::use(dept, dept_ind), soci::use(assignee, assignee_ind),
      soci::use(c.extended), soci::use(c.due_at, due_ind), soci::use(due_minutes, due_min_ind),
      soci::use(c.clock), soci::use(esc), soci::use(c.answered_at, answered_ind),
      soci::use(on_time, on_time_ind), soci::use(c.closed_at, closed_ind), soci::use(c.updated_at),
      soci::use(id);
}

int64_t CaseStore::AddEvent(soci::session& sql, int64_t case_id, const Event& e,
                            const ClockEntry* clock) {
  long long cid = case_id;
  long long seq = 0;
  sql << "UPDATE case_record SET last_seq = last_seq + 1 WHERE id = :id RETURNING last_seq",
      soci::use(cid), soci::into(seq);
  long long actor = e.actor_id, pub = e.is_public ? 1 : 0, corrects = e.corrects;
  soci::indicator actor_ind = actor ? soci::i_ok : soci::i_null;
  soci::indicator corrects_ind = corrects ? soci::i_ok : soci::i_null;
  std::string effect = clock ? clock->effect : "";
  std::string clock_at = clock ? clock->at : "";
  long long amount = clock ? clock->amount : 0;
  soci::indicator at_ind = clock ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql << "INSERT INTO case_event (case_id, seq, at, actor_id, actor_name, kind, action, "
         "from_state, to_state, body, data, public, corrects, clock_effect, clock_at, "
         "clock_amount) VALUES (:cid, :seq, :at, :actor, :actor_name, :kind, :action, :from_state, "
         ":to_state, :body, :data, :pub, :corrects, :effect, :clock_at, :amount) RETURNING id",
      soci::use(cid), soci::use(seq), soci::use(e.at), soci::use(actor, actor_ind),
      soci::use(e.actor_name), soci::use(e.kind), soci::use(e.action), soci::use(e.from_state),
      soci::use(e.to_state), soci::use(e.body), soci::use(e.data_json), soci::use(pub),
      soci::use(corrects, corrects_ind), soci::use(effect), soci::use(clock_at, at_ind),
      soci::use(amount), soci::into(id);
  return id;
}

std::vector<Event> CaseStore::Events(soci::session& sql, int64_t case_id, bool public_only) {
  std::vector<Event> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 std::string(kEventColumns) + "WHERE case_id = :id" +
                     (public_only ? " AND public = 1" : "") + " ORDER BY seq",
                 p, [&](const soci::row& r) { out.push_back(EventFromRow(r)); });
  return out;
}

std::optional<Event> CaseStore::GetEvent(soci::session& sql, int64_t case_id, int64_t event_id) {
  std::optional<Event> out;
  db::Params p;
  p.Add("cid", static_cast<long long>(case_id));
  p.Add("id", static_cast<long long>(event_id));
  db::ForEachRow(sql, std::string(kEventColumns) + "WHERE case_id = :cid AND id = :id", p,
                 [&](const soci::row& r) { out = EventFromRow(r); });
  return out;
}

std::vector<ClockEntry> CaseStore::ClockEntries(soci::session& sql, int64_t case_id) {
  std::vector<ClockEntry> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 "SELECT clock_effect, clock_at, clock_amount FROM case_event WHERE case_id = :id "
                 "AND clock_effect <> '' ORDER BY seq",
                 p, [&](const soci::row& r) {
                   out.push_back({db::Text(r, 0), db::Text(r, 1), db::Int(r, 2)});
                 });
  return out;
}

int64_t CaseStore::AddAttachment(soci::session& sql, int64_t case_id, const Attachment& a,
                                 int64_t actor_id) {
  long long cid = case_id, eid = a.event_id, size = a.size, actor = actor_id;
  long long id = 0;
  sql << "INSERT INTO case_attachment (case_id, event_id, filename, content_type, size, sha256, "
         "at, actor_id, actor_name) VALUES (:cid, :eid, :fn, :ct, :size, :sha, :at, :actor, "
         ":actor_name) RETURNING id",
      soci::use(cid), soci::use(eid), soci::use(a.filename), soci::use(a.content_type),
      soci::use(size), soci::use(a.sha256), soci::use(a.at), soci::use(actor),
      soci::use(a.actor_name), soci::into(id);
  return id;
}

std::vector<Attachment> CaseStore::Attachments(soci::session& sql, int64_t case_id) {
  std::vector<Attachment> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 "SELECT id, event_id, filename, content_type, size, sha256, at, actor_name "
                 "FROM case_attachment WHERE case_id = :id ORDER BY id",
                 p, [&](const soci::row& r) {
                   Attachment a;
                   a.id = db::Int(r, 0);
                   a.event_id = db::Int(r, 1);
                   a.filename = db::Text(r, 2);
                   a.content_type = db::Text(r, 3);
                   a.size = db::Int(r, 4);
                   a.sha256 = db::Text(r, 5);
                   a.at = db::Text(r, 6);
                   a.actor_name = db::Text(r, 7);
                   out.push_back(std::move(a));
                 });
  return out;
}

std::string CaseStore::QueueClause(Queue q, const Visibility& v, db::Params& p,
                                   int64_t now_minutes) {
  switch (q) {
    case Queue::kAll:
      return "";
    case Queue::kMine:
      return " AND c.assignee_id = " + std::to_string(v.user_id);
    case Queue::kDepartment:
      return " AND c.department_id = " + std::to_string(v.department_id);
    case Queue::kOpen:
      return " AND c.closed_at IS NULL";
    case Queue::kOverdue:
      p.Add("now", static_cast<long long>(now_minutes));
      return " AND c.clock = 'running' AND c.due_minutes < :now";
    case Queue::kDueSoon:
      p.Add("now", static_cast<long long>(now_minutes));
      return " AND c.clock = 'running' AND c.escalation = 1 AND c.due_minutes >= :now";
    case Queue::kPaused:
      return " AND c.clock = 'paused'";
    case Queue::kClosed:
      return " AND c.closed_at IS NOT NULL";
  }
  return "";
}

std::string CaseStore::ListWhere(const std::string& type, const ListFilter& f, const Visibility& v,
                                 int64_t now_minutes, const std::vector<std::string>& text_columns,
                                 db::Params& p) {
  p.Add("type", type);
  std::string where =
      " WHERE c.type = :type" + VisibilityClause(v) + QueueClause(f.queue, v, p, now_minutes);
  if (!f.state.empty()) {
    where += " AND c.state = :state";
    p.Add("state", f.state);
  }
  if (!f.q.empty()) {
    // SOCI binds a name once, so each column gets its own copy of the pattern.
    const std::string like = db::LikePattern(f.q);
    std::vector<std::string> columns = {"c.code", "c.title"};
    columns.insert(columns.end(), text_columns.begin(), text_columns.end());
    where += " AND (";
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string name = "q" + std::to_string(i);
      where += (i ? " OR " : "") + columns[i] + " LIKE :" + name + " ESCAPE '\\'";
      p.Add(name, like);
    }
    where += ")";
  }
  return where;
}

std::pair<std::vector<Case>, int64_t> CaseStore::List(soci::session& sql, const ListQuery& q) {
  const ListFilter& f = q.filter;
  db::Params p;
  std::string where = ListWhere(f.type, f, q.visibility, q.now_minutes, {}, p);
  if (f.department_id > 0) {
    where += " AND c.department_id = :dept";
    p.Add("dept", static_cast<long long>(f.department_id));
  }
  if (!q.from_utc.empty()) {
    where += " AND c.opened_at >= :from_utc";
    p.Add("from_utc", q.from_utc);
  }
  if (!q.to_utc.empty()) {
    where += " AND c.opened_at < :to_utc";
    p.Add("to_utc", q.to_utc);
  }
  int64_t total = 0;
  db::ForEachRow(sql, "SELECT COUNT(*) FROM case_record c " + where, p,
                 [&](const soci::row& r) { total = db::Int(r, 0); });
  std::vector<Case> out;
  std::string order = f.queue == Queue::kOverdue || f.queue == Queue::kDueSoon
                          ? "c.due_minutes, c.id"
                      : f.queue == Queue::kClosed ? "c.closed_at DESC, c.id DESC"
                                                  : "c.id DESC";
  db::ForEachRow(sql,
                 Select() + where + " ORDER BY " + order + " LIMIT " + std::to_string(f.limit) +
                     " OFFSET " + std::to_string(f.offset),
                 p, [&](const soci::row& r) { out.push_back(CaseStore::CaseFromRow(r, 0)); });
  return {std::move(out), total};
}

QueueCounts CaseStore::Counts(soci::session& sql, const std::string& type, const Visibility& v,
                              int64_t now_minutes) {
  QueueCounts out;
  db::Params p;
  p.Add("type", type);
  p.Add("now", static_cast<long long>(now_minutes));
  p.Add("me", static_cast<long long>(v.user_id));
  p.Add("dept", static_cast<long long>(v.department_id));
  db::ForEachRow(
      sql,
      "SELECT "
      "COALESCE(SUM(CASE WHEN c.assignee_id = :me THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN c.department_id = :dept THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN c.closed_at IS NULL THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN c.clock = 'running' AND c.due_minutes < :now THEN 1 ELSE 0 END), "
      "0), "
      "COALESCE(SUM(CASE WHEN c.clock = 'running' AND c.escalation = 1 AND c.due_minutes >= :now2 "
      "THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN c.clock = 'paused' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN c.closed_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
      "FROM case_record c WHERE c.type = :type" +
          VisibilityClause(v),
      [&] {
        db::Params q = p;
        q.Add("now2", static_cast<long long>(now_minutes));
        return q;
      }(),
      [&](const soci::row& r) {
        out.mine = db::Int(r, 0);
        out.department = db::Int(r, 1);
        out.open = db::Int(r, 2);
        out.overdue = db::Int(r, 3);
        out.due_soon = db::Int(r, 4);
        out.paused = db::Int(r, 5);
        out.closed = db::Int(r, 6);
      });
  return out;
}

std::vector<Case> CaseStore::Running(soci::session& sql) {
  std::vector<Case> out;
  db::ForEachRow(sql,
                 Select() +
                     "WHERE c.clock = 'running' AND c.due_minutes IS NOT NULL AND c.escalation < 3 "
                     "ORDER BY c.due_minutes",
                 {}, [&](const soci::row& r) { out.push_back(CaseStore::CaseFromRow(r, 0)); });
  return out;
}

}  // namespace yuanwu::cases
