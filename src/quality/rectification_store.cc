#include "quality/rectification_store.h"

#include "platform/cases/case_store.h"
#include "platform/db/row.h"
#include "quality/quality.h"

namespace yuanwu::quality {
namespace {

// The task's columns after the case's; the source's code comes from its case (adverse events,
// complaints) or the inspection round (findings).
constexpr const char* kColumns =
    "r.case_id, r.source_type, r.source_id, r.problem, r.requirement, r.leader, r.responsible, "
    "r.created_at, sc.code, ir.title, ir.id, "
    "(SELECT COUNT(*) FROM case_event e WHERE e.case_id = r.case_id AND e.kind = 'action' "
    "AND e.action = 'recheck_fail')";

constexpr const char* kJoins =
    " LEFT JOIN case_record sc ON r.source_type IN ('adverse_event', 'complaint') "
    "AND sc.id = r.source_id"
    " LEFT JOIN inspection_finding f ON r.source_type = 'inspection' AND f.id = r.source_id"
    " LEFT JOIN inspection_round ir ON ir.id = f.round_id";

Rectification FromRow(const soci::row& row, size_t at) {
  Rectification r;
  size_t i = at;
  r.case_id = db::Int(row, i++);
  r.source_type = db::Text(row, i++);
  r.source_id = db::Int(row, i++);
  r.problem = db::Text(row, i++);
  r.requirement = db::Text(row, i++);
  r.leader = db::Text(row, i++);
  r.responsible = db::Text(row, i++);
  r.created_at = db::Text(row, i++);
  std::string code = db::Text(row, i++);
  std::string round = db::Text(row, i++);
  r.source_round_id = db::Int(row, i++);
  r.source_code = r.source_type == "inspection" ? round : code;
  r.failed_rechecks = db::Int(row, i++);
  return r;
}

std::vector<RectificationRow> Rows(soci::session& sql, const std::string& where,
                                   const db::Params& p, const std::string& tail) {
  std::vector<RectificationRow> out;
  db::ForEachRow(sql,
                 std::string("SELECT ") + cases::CaseStore::CaseColumns() + ", " + kColumns +
                     " FROM case_record c JOIN rectification r ON r.case_id = c.id" +
                     cases::CaseStore::CaseJoins() + kJoins + where + tail,
                 p, [&](const soci::row& row) {
                   out.push_back({cases::CaseStore::CaseFromRow(row, 0),
                                  FromRow(row, cases::CaseStore::kCaseColumnCount)});
                 });
  return out;
}

}  // namespace

void RectificationStore::Insert(soci::session& sql, const Rectification& r) {
  long long id = r.case_id, source = r.source_id;
  soci::indicator source_ind = source ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO rectification (case_id, source_type, source_id, problem, requirement, "
         "leader, responsible, created_at) VALUES (:id, :type, :source, :problem, :req, "
         ":leader, :responsible, :at)",
      soci::use(id), soci::use(r.source_type), soci::use(source, source_ind), soci::use(r.problem),
      soci::use(r.requirement), soci::use(r.leader), soci::use(r.responsible),
      soci::use(r.created_at);
}

void RectificationStore::SetSource(soci::session& sql, int64_t case_id, int64_t source_id) {
  long long id = case_id, source = source_id;
  sql << "UPDATE rectification SET source_id = :source WHERE case_id = :id", soci::use(source),
      soci::use(id);
}

std::optional<Rectification> RectificationStore::Get(soci::session& sql, int64_t case_id) {
  std::optional<Rectification> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 std::string("SELECT ") + kColumns + " FROM rectification r" + kJoins +
                     " WHERE r.case_id = :id",
                 p, [&](const soci::row& row) { out = FromRow(row, 0); });
  return out;
}

std::pair<std::vector<RectificationRow>, int64_t> RectificationStore::List(
    soci::session& sql, const RectificationQuery& q, const cases::Visibility& v,
    int64_t now_minutes, const std::string& from_utc, const std::string& to_utc) {
  db::Params p;
  std::string where =
      cases::CaseStore::ListWhere("rectification", q, v, now_minutes, {"r.problem"}, p);
  if (!q.source_type.empty()) {
    where += " AND r.source_type = :source_type";
    p.Add("source_type", q.source_type);
  }
  if (q.source_id > 0) {
    where += " AND r.source_id = :source_id";
    p.Add("source_id", static_cast<long long>(q.source_id));
  }
  if (q.department_id > 0) {
    where += " AND c.department_id = :dept";
    p.Add("dept", static_cast<long long>(q.department_id));
  }
  if (!from_utc.empty()) {
    where += " AND c.opened_at >= :from";
    p.Add("from", from_utc);
  }
  if (!to_utc.empty()) {
    where += " AND c.opened_at < :to";
    p.Add("to", to_utc);
  }
  int64_t total = 0;
  db::ForEachRow(
      sql, "SELECT COUNT(*) FROM case_record c JOIN rectification r ON r.case_id = c.id" + where, p,
      [&](const soci::row& row) { total = db::Int(row, 0); });
  auto rows = Rows(sql, where, p,
                   " ORDER BY c.opened_at DESC, c.id DESC LIMIT " + std::to_string(q.limit) +
                       " OFFSET " + std::to_string(q.offset));
  return {std::move(rows), total};
}

std::vector<RectificationRow> RectificationStore::OfSource(soci::session& sql,
                                                           const std::string& type,
                                                           int64_t source_id) {
  db::Params p;
  p.Add("type", type);
  p.Add("source", static_cast<long long>(source_id));
  return Rows(sql,
              " WHERE c.type = 'rectification' AND r.source_type = :type AND r.source_id = :source",
              p, " ORDER BY c.id");
}

int64_t RectificationStore::OpenOfSource(soci::session& sql, const std::string& type,
                                         int64_t source_id) {
  db::Params p;
  p.Add("type", type);
  p.Add("source", static_cast<long long>(source_id));
  return db::ScalarInt(sql,
                       "SELECT COUNT(*) FROM rectification r JOIN case_record c ON c.id = "
                       "r.case_id WHERE r.source_type = :type AND r.source_id = :source AND "
                       "c.closed_at IS NULL",
                       p);
}

}  // namespace yuanwu::quality
