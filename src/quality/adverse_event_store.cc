#include "quality/adverse_event_store.h"

#include "platform/cases/case_store.h"
#include "platform/db/row.h"

namespace yuanwu::quality {
namespace {

soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

constexpr const char* kColumns =
    "k.case_id, k.anonymous, k.reporter_id, ru.name, rd.name, k.reported_at, k.reported_local, "
    "k.occurred_at, k.discovered_at, k.department_id, ed.name, k.patient_name, "
    "k.patient_record_no, k.category, k.grade, k.description, k.immediate_measures, "
    "k.external_severity, k.external_period, k.external_due_at, k.external_due_minutes, "
    "k.external_reported_at, k.external_report_note, k.external_on_time, k.dept_analysis, "
    "k.dept_measures, k.dept_submitted_at, k.rca_factors, k.rca_conclusion, k.reviewed_at, "
    "k.effectiveness, k.evaluation, k.evaluated_at";

constexpr const char* kJoins =
    " LEFT JOIN app_user ru ON ru.id = k.reporter_id"
    " LEFT JOIN department rd ON rd.id = ru.department_id"
    " LEFT JOIN department ed ON ed.id = k.department_id";

AdverseEvent FromRow(const soci::row& r, size_t at) {
  AdverseEvent e;
  size_t i = at;
  e.case_id = db::Int(r, i++);
  e.anonymous = db::Int(r, i++) != 0;
  e.reporter_id = db::Int(r, i++);
  e.reporter_name = db::Text(r, i++);
  e.reporter_department_name = db::Text(r, i++);
  e.reported_at = db::Text(r, i++);
  e.reported_local = db::Text(r, i++);
  e.occurred_at = db::Text(r, i++);
  e.discovered_at = db::Text(r, i++);
  e.department_id = db::Int(r, i++);
  e.department_name = db::Text(r, i++);
  e.patient_name = db::Text(r, i++);
  e.patient_record_no = db::Text(r, i++);
  e.category = db::Text(r, i++);
  e.grade = db::Text(r, i++);
  e.description = db::Text(r, i++);
  e.immediate_measures = db::Text(r, i++);
  e.external_severity = db::Text(r, i++);
  e.external_period = db::Text(r, i++);
  e.external_due_at = db::Text(r, i++);
  e.external_due_minutes = db::IsNull(r, i) ? -1 : db::Int(r, i);
  ++i;
  e.external_reported_at = db::Text(r, i++);
  e.external_report_note = db::Text(r, i++);
  e.external_on_time = db::IsNull(r, i) ? -1 : static_cast<int>(db::Int(r, i));
  ++i;
  e.dept_analysis = db::Text(r, i++);
  e.dept_measures = db::Text(r, i++);
  e.dept_submitted_at = db::Text(r, i++);
  e.rca_factors = db::Text(r, i++);
  e.rca_conclusion = db::Text(r, i++);
  e.reviewed_at = db::Text(r, i++);
  e.effectiveness = db::Text(r, i++);
  e.evaluation = db::Text(r, i++);
  e.evaluated_at = db::Text(r, i++);
  return e;
}

std::vector<EventRow> Rows(soci::session& sql, const std::string& where, const db::Params& p,
                           const std::string& tail) {
  std::vector<EventRow> out;
  db::ForEachRow(sql,
                 std::string("SELECT ") + cases::CaseStore::CaseColumns() + ", " + kColumns +
                     " FROM case_record c JOIN adverse_event k ON k.case_id = c.id" +
                     cases::CaseStore::CaseJoins() + kJoins + where + tail,
                 p, [&](const soci::row& r) {
                   out.push_back({cases::CaseStore::CaseFromRow(r, 0),
                                  FromRow(r, cases::CaseStore::kCaseColumnCount)});
                 });
  return out;
}

// "YYYY-MM" of month `month` of `year`; month 13 is January of the next year.
std::string MonthText(int year, int month) {
  if (month > 12) {
    ++year;
    month -= 12;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

}  // namespace

void AdverseEventStore::Insert(soci::session& sql, const AdverseEvent& e) {
  long long id = e.case_id, anonymous = e.anonymous ? 1 : 0, reporter = e.reporter_id,
            dept = e.department_id, due_minutes = e.external_due_minutes;
  soci::indicator reporter_ind = reporter > 0 ? soci::i_ok : soci::i_null;
  soci::indicator due_ind = NullIfEmpty(e.external_due_at);
  soci::indicator due_min_ind = due_minutes < 0 ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO adverse_event (case_id, anonymous, reporter_id, reported_at, "
         "reported_local, occurred_at, discovered_at, department_id, patient_name, "
         "patient_record_no, category, grade, description, immediate_measures, "
         "external_severity, external_period, external_due_at, external_due_minutes) VALUES "
         "(:id, :anonymous, :reporter, :reported_at, :reported_local, :occurred, :discovered, "
         ":dept, :pname, :pno, :category, :grade, :description, :measures, :severity, :period, "
         ":due, :due_minutes)",
      soci::use(id), soci::use(anonymous), soci::use(reporter, reporter_ind),
      soci::use(e.reported_at), soci::use(e.reported_local), soci::use(e.occurred_at),
      soci::use(e.discovered_at), soci::use(dept), soci::use(e.patient_name),
      soci::use(e.patient_record_no), soci::use(e.category), soci::use(e.grade),
      soci::use(e.description), soci::use(e.immediate_measures), soci::use(e.external_severity),
      soci::use(e.external_period), soci::use(e.external_due_at, due_ind),
      soci::use(due_minutes, due_min_ind);
}

std::optional<AdverseEvent> AdverseEventStore::Get(soci::session& sql, int64_t case_id) {
  std::optional<AdverseEvent> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 std::string("SELECT ") + kColumns + " FROM adverse_event k" + kJoins +
                     " WHERE k.case_id = :id",
                 p, [&](const soci::row& r) { out = FromRow(r, 0); });
  if (!out) return out;
  db::ForEachRow(sql,
                 "SELECT category, description FROM adverse_event_cause WHERE case_id = :id "
                 "ORDER BY seq",
                 p, [&](const soci::row& r) {
                   out->causes.push_back({db::Text(r, 0), db::Text(r, 1)});
                 });
  return out;
}

std::pair<std::vector<EventRow>, int64_t> AdverseEventStore::List(soci::session& sql,
                                                                  const EventQuery& q,
                                                                  const cases::Visibility& v,
                                                                  int64_t now_minutes) {
  db::Params p;
  // Never the patient or the reporter: most viewers may not see them, and a search by name
  // would reveal them.
  std::string where =
      cases::CaseStore::ListWhere("adverse_event", q, v, now_minutes, {"k.description"}, p);
  auto eq = [&](const char* column, const char* name, const std::string& value) {
    if (value.empty()) return;
    where += std::string(" AND ") + column + " = :" + name;
    p.Add(name, value);
  };
  eq("k.category", "category", q.category);
  eq("k.grade", "grade", q.grade);
  if (q.department_id > 0) {
    where += " AND k.department_id = :dept";
    p.Add("dept", static_cast<long long>(q.department_id));
  }
  if (q.external == "required") {
    where += " AND k.external_severity <> ''";
  } else if (q.external == "pending") {
    where += " AND k.external_severity <> '' AND k.external_reported_at IS NULL";
  } else if (q.external == "overdue") {
    where +=
        " AND k.external_severity <> '' AND k.external_reported_at IS NULL AND "
        "k.external_due_minutes < :ext_now";
    p.Add("ext_now", static_cast<long long>(now_minutes));
  } else if (q.external == "reported") {
    where += " AND k.external_reported_at IS NOT NULL";
  }
  if (!q.from.empty()) {
    where += " AND k.reported_local >= :from";
    p.Add("from", q.from);
  }
  if (!q.to.empty()) {
    where += " AND k.reported_local < :to";
    p.Add("to", q.to + "~");  // '~' sorts after "YYYY-MM-DD HH:MM": the whole last day
  }
  int64_t total = 0;
  db::ForEachRow(
      sql, "SELECT COUNT(*) FROM case_record c JOIN adverse_event k ON k.case_id = c.id" + where, p,
      [&](const soci::row& r) { total = db::Int(r, 0); });
  auto rows = Rows(sql, where, p,
                   " ORDER BY k.reported_local DESC, c.id DESC LIMIT " + std::to_string(q.limit) +
                       " OFFSET " + std::to_string(q.offset));
  return {std::move(rows), total};
}

std::vector<EventRow> AdverseEventStore::OfReporter(soci::session& sql, int64_t user_id) {
  db::Params p;
  p.Add("user", static_cast<long long>(user_id));
  return Rows(sql, " WHERE c.type = 'adverse_event' AND k.reporter_id = :user", p,
              " ORDER BY k.reported_local DESC, c.id DESC LIMIT 200");
}

void AdverseEventStore::SetDeptHandling(soci::session& sql, int64_t case_id,
                                        const std::string& analysis, const std::string& measures,
                                        const std::string& at) {
  long long id = case_id;
  sql << "UPDATE adverse_event SET dept_analysis = :a, dept_measures = :m, "
         "dept_submitted_at = :at WHERE case_id = :id",
      soci::use(analysis), soci::use(measures), soci::use(at), soci::use(id);
}

void AdverseEventStore::SetReview(soci::session& sql, int64_t case_id,
                                  const std::vector<Cause>& causes, const std::string& factors,
                                  const std::string& conclusion, const std::string& grade,
                                  const std::string& category, const std::string& at) {
  long long id = case_id;
  sql << "UPDATE adverse_event SET rca_factors = :f, rca_conclusion = :c, reviewed_at = :at, "
         "grade = :grade, category = :category WHERE case_id = :id",
      soci::use(factors), soci::use(conclusion), soci::use(at), soci::use(grade),
      soci::use(category), soci::use(id);
  sql << "DELETE FROM adverse_event_cause WHERE case_id = :id", soci::use(id);
  long long seq = 0;
  for (const Cause& c : causes) {
    ++seq;
    sql << "INSERT INTO adverse_event_cause (case_id, seq, category, description) VALUES "
           "(:id, :seq, :category, :description)",
        soci::use(id), soci::use(seq), soci::use(c.category), soci::use(c.description);
  }
}

void AdverseEventStore::SetEvaluation(soci::session& sql, int64_t case_id,
                                      const std::string& effectiveness,
                                      const std::string& evaluation, const std::string& at) {
  long long id = case_id;
  sql << "UPDATE adverse_event SET effectiveness = :e, evaluation = :v, evaluated_at = :at "
         "WHERE case_id = :id",
      soci::use(effectiveness), soci::use(evaluation), soci::use(at), soci::use(id);
}

void AdverseEventStore::SetExternal(soci::session& sql, int64_t case_id,
                                    const std::string& severity, const std::string& period,
                                    const std::string& due_at, int64_t due_minutes) {
  long long id = case_id, minutes = due_minutes;
  soci::indicator due_ind = NullIfEmpty(due_at);
  soci::indicator min_ind = due_minutes < 0 ? soci::i_null : soci::i_ok;
  sql << "UPDATE adverse_event SET external_severity = :s, external_period = :p, "
         "external_due_at = :due, external_due_minutes = :minutes WHERE case_id = :id",
      soci::use(severity), soci::use(period), soci::use(due_at, due_ind),
      soci::use(minutes, min_ind), soci::use(id);
}

void AdverseEventStore::SetExternalReported(soci::session& sql, int64_t case_id,
                                            const std::string& reported_at, const std::string& note,
                                            bool on_time) {
  long long id = case_id, ok = on_time ? 1 : 0;
  sql << "UPDATE adverse_event SET external_reported_at = :at, external_report_note = :note, "
         "external_on_time = :ok WHERE case_id = :id",
      soci::use(reported_at), soci::use(note), soci::use(ok), soci::use(id);
}

EventStats AdverseEventStore::Stats(soci::session& sql, int year, int from_month, int to_month,
                                    const cases::Visibility& v, int64_t now_minutes) {
  // The bounds are "YYYY-MM" texts and `now` an integer made here, so they are written inline.
  const std::string where = " WHERE c.type = 'adverse_event' AND k.reported_local >= '" +
                            MonthText(year, from_month) + "' AND k.reported_local < '" +
                            MonthText(year, to_month + 1) + "'" +
                            cases::CaseStore::VisibilityClause(v);
  const std::string from =
      " FROM adverse_event k JOIN case_record c ON c.id = k.case_id"
      " LEFT JOIN department ed ON ed.id = k.department_id";
  const std::string pending = "k.external_severity <> '' AND k.external_reported_at IS NULL";
  EventStats s;
  db::ForEachRow(sql,
                 "SELECT COUNT(*), SUM(k.anonymous), "
                 "SUM(CASE WHEN k.external_severity <> '' THEN 1 ELSE 0 END), "
                 "SUM(CASE WHEN k.external_reported_at IS NOT NULL THEN 1 ELSE 0 END), "
                 "SUM(CASE WHEN k.external_on_time = 1 THEN 1 ELSE 0 END), "
                 "SUM(CASE WHEN " +
                     pending + " AND k.external_due_minutes < " + std::to_string(now_minutes) +
                     " THEN 1 ELSE 0 END), "
                     "SUM(CASE WHEN c.closed_at IS NOT NULL THEN 1 ELSE 0 END)" +
                     from + where,
                 {}, [&](const soci::row& r) {
                   s.total = db::Int(r, 0);
                   s.anonymous = db::Int(r, 1);
                   s.external_required = db::Int(r, 2);
                   s.external_reported = db::Int(r, 3);
                   s.external_on_time = db::Int(r, 4);
                   s.external_overdue = db::Int(r, 5);
                   s.closed = db::Int(r, 6);
                 });
  // `name` is "" or a column grouped with the key; `count` what is counted.
  auto grouped = [&](const std::string& key, const std::string& name, const std::string& count,
                     const std::string& joins, std::vector<Count>& into) {
    std::string group = name.empty() ? key : key + ", " + name;
    db::ForEachRow(sql,
                   "SELECT " + key + ", " + (name.empty() ? "''" : name) + ", " + count + from +
                       joins + where + " GROUP BY " + group + " ORDER BY " + key,
                   {}, [&](const soci::row& r) {
                     into.push_back({db::Text(r, 0), db::Text(r, 1), db::Int(r, 2)});
                   });
  };
  grouped("k.category", "", "COUNT(*)", "", s.by_category);
  grouped("k.grade", "", "COUNT(*)", "", s.by_grade);
  grouped("k.department_id", "ed.name", "COUNT(*)", "", s.by_department);
  grouped("substr(k.reported_local, 6, 2)", "", "COUNT(*)", "", s.by_month);
  // Events with at least one root cause of the category (an event may count in several).
  grouped("ac.category", "", "COUNT(DISTINCT k.case_id)",
          " JOIN adverse_event_cause ac ON ac.case_id = k.case_id", s.by_cause);
  return s;
}

}  // namespace yuanwu::quality
