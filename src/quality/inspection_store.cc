#include "quality/inspection_store.h"

#include "platform/base/text.h"
#include "platform/db/row.h"

namespace yuanwu::quality {
namespace {

// "YYYY-MM" of the month after `month` ("YYYY-MM").
std::string NextMonth(const std::string& month) {
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  if (++m > 12) {
    m = 1;
    ++y;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  for (const std::string& part : Split(s, '\n')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

constexpr const char* kTemplateColumns =
    "t.id, t.code, t.source, t.active, v.id, v.version, v.name, v.name_en, v.category, "
    "v.description, v.total_x10, v.created_at, v.created_by_name, "
    "(SELECT COUNT(*) FROM checklist_item i WHERE i.version_id = v.id)";

Checklist TemplateFromRow(const soci::row& r) {
  Checklist c;
  c.template_id = db::Int(r, 0);
  c.code = db::Text(r, 1);
  c.source = db::Text(r, 2);
  c.active = db::Int(r, 3) != 0;
  c.version_id = db::Int(r, 4);
  c.version = db::Int(r, 5);
  c.name = db::Text(r, 6);
  c.name_en = db::Text(r, 7);
  c.category = db::Text(r, 8);
  c.description = db::Text(r, 9);
  c.total_x10 = db::Int(r, 10);
  c.created_at = db::Text(r, 11);
  c.created_by_name = db::Text(r, 12);
  c.item_count = db::Int(r, 13);
  return c;
}

constexpr const char* kRoundColumns =
    "r.id, r.title, r.template_id, t.code, r.version_id, v.version, v.name, r.inspected_on, "
    "r.inspectors, r.status, r.note, cu.name, r.created_at, r.completed_at, "
    "(SELECT COUNT(*) FROM inspection_sheet s2 WHERE s2.round_id = r.id), "
    "(SELECT COUNT(*) FROM inspection_sheet s3 WHERE s3.round_id = r.id AND s3.score_x10 IS NOT "
    "NULL)";
constexpr const char* kRoundJoins =
    " JOIN checklist_template t ON t.id = r.template_id"
    " JOIN checklist_version v ON v.id = r.version_id"
    " LEFT JOIN app_user cu ON cu.id = r.created_by";

InspectionRound RoundFromRow(const soci::row& row) {
  InspectionRound r;
  r.id = db::Int(row, 0);
  r.title = db::Text(row, 1);
  r.template_id = db::Int(row, 2);
  r.template_code = db::Text(row, 3);
  r.version_id = db::Int(row, 4);
  r.version = db::Int(row, 5);
  r.template_name = db::Text(row, 6);
  r.inspected_on = db::Text(row, 7);
  r.inspectors = SplitLines(db::Text(row, 8));
  r.status = db::Text(row, 9);
  r.note = db::Text(row, 10);
  r.created_by_name = db::Text(row, 11);
  r.created_at = db::Text(row, 12);
  r.completed_at = db::Text(row, 13);
  r.department_count = db::Int(row, 14);
  r.scored_count = db::Int(row, 15);
  return r;
}

constexpr const char* kSheetColumns =
    "s.id, s.round_id, s.department_id, d.name, s.total_x10, s.max_x10, s.score_x10, s.summary, "
    "s.scored_at";

Sheet SheetFromRow(const soci::row& r) {
  Sheet s;
  s.id = db::Int(r, 0);
  s.round_id = db::Int(r, 1);
  s.department_id = db::Int(r, 2);
  s.department_name = db::Text(r, 3);
  s.total_x10 = db::IsNull(r, 4) ? -1 : db::Int(r, 4);
  s.max_x10 = db::IsNull(r, 5) ? -1 : db::Int(r, 5);
  s.score_x10 = db::IsNull(r, 6) ? -1 : db::Int(r, 6);
  s.summary = db::Text(r, 7);
  s.scored_at = db::Text(r, 8);
  return s;
}

void LoadSheetDetails(soci::session& sql, Sheet& s) {
  db::Params p;
  p.Add("sheet", static_cast<long long>(s.id));
  db::ForEachRow(sql,
                 "SELECT sc.item_id, sc.score_x10, sc.note FROM inspection_score sc JOIN "
                 "checklist_item i ON i.id = sc.item_id WHERE sc.sheet_id = :sheet ORDER BY i.seq",
                 p, [&](const soci::row& r) {
                   s.scores.push_back({db::Int(r, 0), db::Int(r, 1), db::Text(r, 2)});
                 });
  db::ForEachRow(sql,
                 "SELECT f.id, f.round_id, f.sheet_id, f.department_id, f.item_id, f.description, "
                 "f.rectification_case_id, c.code, c.state, f.created_at FROM inspection_finding f "
                 "JOIN case_record c ON c.id = f.rectification_case_id WHERE f.sheet_id = :sheet "
                 "ORDER BY f.id",
                 p, [&](const soci::row& r) {
                   Finding f;
                   f.id = db::Int(r, 0);
                   f.round_id = db::Int(r, 1);
                   f.sheet_id = db::Int(r, 2);
                   f.department_id = db::Int(r, 3);
                   f.item_id = db::Int(r, 4);
                   f.description = db::Text(r, 5);
                   f.rectification_case_id = db::Int(r, 6);
                   f.rectification_code = db::Text(r, 7);
                   f.rectification_state = db::Text(r, 8);
                   f.created_at = db::Text(r, 9);
                   s.findings.push_back(std::move(f));
                 });
}

}  // namespace

std::optional<int64_t> InspectionStore::TemplateIdByCode(soci::session& sql,
                                                         const std::string& code) {
  std::optional<int64_t> out;
  db::Params p;
  p.Add("code", code);
  db::ForEachRow(sql, "SELECT id FROM checklist_template WHERE code = :code", p,
                 [&](const soci::row& r) { out = db::Int(r, 0); });
  return out;
}

int64_t InspectionStore::InsertTemplate(soci::session& sql, const std::string& code,
                                        const std::string& source, const std::string& now) {
  long long id = 0;
  sql << "INSERT INTO checklist_template (code, current_version, source, active, created_at, "
         "updated_at) VALUES (:code, 0, :source, 1, :now, :now2) RETURNING id",
      soci::use(code), soci::use(source), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

void InspectionStore::InsertVersion(soci::session& sql, int64_t template_id, int64_t version,
                                    Checklist& c, const std::string& now,
                                    const std::string& by_name) {
  long long tid = template_id, ver = version, total = c.total_x10, vid = 0;
  sql << "INSERT INTO checklist_version (template_id, version, name, name_en, category, "
         "description, total_x10, created_at, created_by_name) VALUES (:tid, :ver, :name, "
         ":name_en, :category, :description, :total, :now, :by) RETURNING id",
      soci::use(tid), soci::use(ver), soci::use(c.name), soci::use(c.name_en),
      soci::use(c.category), soci::use(c.description), soci::use(total), soci::use(now),
      soci::use(by_name), soci::into(vid);
  for (ChecklistItem& i : c.items) {
    long long seq = i.seq, max = i.max_x10, iid = 0;
    sql << "INSERT INTO checklist_item (version_id, seq, category, content, max_x10) VALUES "
           "(:vid, :seq, :category, :content, :max) RETURNING id",
        soci::use(vid), soci::use(seq), soci::use(i.category), soci::use(i.content), soci::use(max),
        soci::into(iid);
    i.id = iid;
  }
  sql << "UPDATE checklist_template SET current_version = :ver, updated_at = :now WHERE id = :tid",
      soci::use(ver), soci::use(now), soci::use(tid);
  c.template_id = template_id;
  c.version = version;
  c.version_id = vid;
  c.created_at = now;
  c.created_by_name = by_name;
}

void InspectionStore::SetActive(soci::session& sql, int64_t template_id, bool active,
                                const std::string& now) {
  long long tid = template_id, a = active ? 1 : 0;
  sql << "UPDATE checklist_template SET active = :a, updated_at = :now WHERE id = :tid",
      soci::use(a), soci::use(now), soci::use(tid);
}

std::optional<Checklist> InspectionStore::GetTemplate(soci::session& sql, int64_t template_id,
                                                      int64_t version) {
  std::optional<Checklist> out;
  db::Params p;
  p.Add("tid", static_cast<long long>(template_id));
  std::string which = "v.version = t.current_version";
  if (version > 0) {
    which = "v.version = :ver";
    p.Add("ver", static_cast<long long>(version));
  }
  db::ForEachRow(sql,
                 std::string("SELECT ") + kTemplateColumns +
                     " FROM checklist_template t JOIN checklist_version v ON v.template_id = t.id"
                     " WHERE t.id = :tid AND " +
                     which,
                 p, [&](const soci::row& r) { out = TemplateFromRow(r); });
  if (!out) return out;
  db::Params ip;
  ip.Add("vid", static_cast<long long>(out->version_id));
  db::ForEachRow(sql,
                 "SELECT id, seq, category, content, max_x10 FROM checklist_item WHERE version_id "
                 "= :vid ORDER BY seq",
                 ip, [&](const soci::row& r) {
                   out->items.push_back({db::Int(r, 0), db::Int(r, 1), db::Text(r, 2),
                                         db::Text(r, 3), db::Int(r, 4)});
                 });
  return out;
}

std::vector<Checklist> InspectionStore::ListTemplates(soci::session& sql, bool include_inactive) {
  std::vector<Checklist> out;
  db::ForEachRow(sql,
                 std::string("SELECT ") + kTemplateColumns +
                     " FROM checklist_template t JOIN checklist_version v ON v.template_id = t.id"
                     " AND v.version = t.current_version" +
                     (include_inactive ? "" : " WHERE t.active = 1") + " ORDER BY t.id",
                 {}, [&](const soci::row& r) { out.push_back(TemplateFromRow(r)); });
  return out;
}

int64_t InspectionStore::InsertRound(soci::session& sql, const RoundInput& in, int64_t template_id,
                                     int64_t version_id, int64_t created_by,
                                     const std::string& now) {
  long long tid = template_id, vid = version_id, by = created_by, id = 0;
  soci::indicator by_ind = by > 0 ? soci::i_ok : soci::i_null;
  std::string inspectors = JoinLines(in.inspectors);
  sql << "INSERT INTO inspection_round (title, template_id, version_id, inspected_on, "
         "inspectors, status, note, created_by, created_at) VALUES (:title, :tid, :vid, :on, "
         ":inspectors, 'open', :note, :by, :now) RETURNING id",
      soci::use(in.title), soci::use(tid), soci::use(vid), soci::use(in.inspected_on),
      soci::use(inspectors), soci::use(in.note), soci::use(by, by_ind), soci::use(now),
      soci::into(id);
  return id;
}

void InspectionStore::InsertSheet(soci::session& sql, int64_t round_id, int64_t department_id) {
  long long rid = round_id, dept = department_id;
  sql << "INSERT INTO inspection_sheet (round_id, department_id) VALUES (:rid, :dept)",
      soci::use(rid), soci::use(dept);
}

std::optional<InspectionRound> InspectionStore::GetRound(soci::session& sql, int64_t id,
                                                         const std::string& scope) {
  std::optional<InspectionRound> out;
  db::Params p;
  p.Add("id", static_cast<long long>(id));
  db::ForEachRow(sql,
                 std::string("SELECT ") + kRoundColumns + " FROM inspection_round r" + kRoundJoins +
                     " WHERE r.id = :id",
                 p, [&](const soci::row& r) { out = RoundFromRow(r); });
  if (!out) return out;
  db::ForEachRow(sql,
                 std::string("SELECT ") + kSheetColumns +
                     " FROM inspection_sheet s LEFT JOIN department d ON d.id = s.department_id"
                     " WHERE s.round_id = :id" +
                     scope + " ORDER BY d.sort, d.id",
                 p, [&](const soci::row& r) { out->sheets.push_back(SheetFromRow(r)); });
  for (Sheet& s : out->sheets) LoadSheetDetails(sql, s);
  return out;
}

std::pair<std::vector<InspectionRound>, int64_t> InspectionStore::ListRounds(
    soci::session& sql, const RoundQuery& q, const std::string& scope) {
  db::Params p;
  std::string sheet_cond = scope;
  if (q.department_id > 0) {
    sheet_cond += " AND s.department_id = :dept";
    p.Add("dept", static_cast<long long>(q.department_id));
  }
  std::string where =
      " WHERE EXISTS (SELECT 1 FROM inspection_sheet s WHERE s.round_id = r.id" + sheet_cond + ")";
  if (!q.from.empty()) {
    where += " AND r.inspected_on >= :from";
    p.Add("from", q.from);
  }
  if (!q.to.empty()) {
    where += " AND r.inspected_on <= :to";
    p.Add("to", q.to);
  }
  if (q.template_id > 0) {
    where += " AND r.template_id = :tid";
    p.Add("tid", static_cast<long long>(q.template_id));
  }
  if (!q.status.empty()) {
    where += " AND r.status = :status";
    p.Add("status", q.status);
  }
  int64_t total = 0;
  db::ForEachRow(sql, "SELECT COUNT(*) FROM inspection_round r" + where, p,
                 [&](const soci::row& r) { total = db::Int(r, 0); });
  std::vector<InspectionRound> out;
  db::ForEachRow(sql,
                 std::string("SELECT ") + kRoundColumns + " FROM inspection_round r" + kRoundJoins +
                     where + " ORDER BY r.inspected_on DESC, r.id DESC LIMIT " +
                     std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset),
                 p, [&](const soci::row& r) { out.push_back(RoundFromRow(r)); });
  return {std::move(out), total};
}

std::optional<Sheet> InspectionStore::GetSheet(soci::session& sql, int64_t round_id,
                                               int64_t department_id) {
  std::optional<Sheet> out;
  db::Params p;
  p.Add("rid", static_cast<long long>(round_id));
  p.Add("dept", static_cast<long long>(department_id));
  db::ForEachRow(sql,
                 std::string("SELECT ") + kSheetColumns +
                     " FROM inspection_sheet s LEFT JOIN department d ON d.id = s.department_id"
                     " WHERE s.round_id = :rid AND s.department_id = :dept",
                 p, [&](const soci::row& r) { out = SheetFromRow(r); });
  if (out) LoadSheetDetails(sql, *out);
  return out;
}

void InspectionStore::SaveScores(soci::session& sql, int64_t sheet_id,
                                 const std::vector<ItemScore>& scores, int64_t total_x10,
                                 int64_t max_x10, int64_t score_x10, const std::string& summary,
                                 const std::string& now) {
  long long sid = sheet_id, total = total_x10, max = max_x10, score = score_x10;
  sql << "DELETE FROM inspection_score WHERE sheet_id = :sid", soci::use(sid);
  for (const ItemScore& s : scores) {
    long long item = s.item_id, x10 = s.score_x10;
    sql << "INSERT INTO inspection_score (sheet_id, item_id, score_x10, note) VALUES (:sid, "
           ":item, :score, :note)",
        soci::use(sid), soci::use(item), soci::use(x10), soci::use(s.note);
  }
  sql << "UPDATE inspection_sheet SET total_x10 = :total, max_x10 = :max, score_x10 = :score, "
         "summary = :summary, scored_at = :now WHERE id = :sid",
      soci::use(total), soci::use(max), soci::use(score), soci::use(summary), soci::use(now),
      soci::use(sid);
}

int64_t InspectionStore::InsertFinding(soci::session& sql, const Finding& f) {
  long long rid = f.round_id, sid = f.sheet_id, dept = f.department_id, item = f.item_id,
            cid = f.rectification_case_id, id = 0;
  soci::indicator item_ind = item > 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO inspection_finding (round_id, sheet_id, department_id, item_id, "
         "description, rectification_case_id, created_at) VALUES (:rid, :sid, :dept, :item, "
         ":description, :cid, :at) RETURNING id",
      soci::use(rid), soci::use(sid), soci::use(dept), soci::use(item, item_ind),
      soci::use(f.description), soci::use(cid), soci::use(f.created_at), soci::into(id);
  return id;
}

void InspectionStore::CompleteRound(soci::session& sql, int64_t id, const std::string& now) {
  long long rid = id;
  sql << "UPDATE inspection_round SET status = 'completed', completed_at = :now WHERE id = :id",
      soci::use(now), soci::use(rid);
}

std::vector<MonthlyScore> InspectionStore::MonthlyScores(soci::session& sql,
                                                         const std::string& month,
                                                         int64_t template_id,
                                                         const std::string& scope) {
  db::Params p;
  p.Add("from", month);
  p.Add("to", NextMonth(month));
  std::string where =
      " WHERE s.score_x10 IS NOT NULL AND r.inspected_on >= :from AND r.inspected_on < :to" + scope;
  if (template_id > 0) {
    where += " AND r.template_id = :tid";
    p.Add("tid", static_cast<long long>(template_id));
  }
  std::vector<MonthlyScore> out;
  db::ForEachRow(
      sql,
      "SELECT s.department_id, d.name, r.template_id, t.code, cv.name, COUNT(*), "
      "AVG(s.score_x10), MIN(s.score_x10), MAX(s.score_x10)"
      " FROM inspection_sheet s JOIN inspection_round r ON r.id = s.round_id"
      " JOIN checklist_template t ON t.id = r.template_id"
      " JOIN checklist_version cv ON cv.template_id = t.id AND cv.version = t.current_version"
      " LEFT JOIN department d ON d.id = s.department_id" +
          where +
          " GROUP BY s.department_id, d.name, r.template_id, t.code, cv.name"
          " ORDER BY t.code, AVG(s.score_x10) DESC, d.name",
      p, [&](const soci::row& r) {
        MonthlyScore m;
        m.department_id = db::Int(r, 0);
        m.department_name = db::Text(r, 1);
        m.template_id = db::Int(r, 2);
        m.template_code = db::Text(r, 3);
        m.template_name = db::Text(r, 4);
        m.sheets = db::Int(r, 5);
        m.average = db::Real(r, 6) / 10.0;
        m.min_x10 = db::Int(r, 7);
        m.max_x10 = db::Int(r, 8);
        out.push_back(std::move(m));
      });
  return out;
}

std::vector<FindingCount> InspectionStore::FindingCounts(soci::session& sql,
                                                         const std::string& month,
                                                         const std::string& scope,
                                                         int64_t now_minutes) {
  // Bounds and `now` are made here from checked values: written inline (SOCI binds a name once
  // per statement, and they appear inside aggregates).
  const std::string from = "'" + month + "'", to = "'" + NextMonth(month) + "'";
  std::vector<FindingCount> out;
  db::ForEachRow(
      sql,
      "SELECT f.department_id, d.name, "
      "SUM(CASE WHEN r.inspected_on >= " +
          from + " AND r.inspected_on < " + to +
          " THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN c.closed_at IS NULL THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN c.closed_at IS NULL AND c.clock = 'running' AND c.due_minutes < " +
          std::to_string(now_minutes) +
          " THEN 1 ELSE 0 END)"
          " FROM inspection_finding f JOIN inspection_round r ON r.id = f.round_id"
          " JOIN case_record c ON c.id = f.rectification_case_id"
          " LEFT JOIN department d ON d.id = f.department_id"
          " WHERE ((r.inspected_on >= " +
          from + " AND r.inspected_on < " + to + ") OR c.closed_at IS NULL)" + scope +
          " GROUP BY f.department_id, d.name ORDER BY d.name",
      {}, [&](const soci::row& r) {
        out.push_back({db::Int(r, 0), db::Text(r, 1), db::Int(r, 2), db::Int(r, 3), db::Int(r, 4)});
      });
  return out;
}

}  // namespace yuanwu::quality
