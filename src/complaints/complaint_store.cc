#include "complaints/complaint_store.h"

#include "platform/base/text.h"
#include "platform/cases/case_store.h"
#include "platform/db/row.h"

namespace yuanwu::complaints {
namespace {

soci::indicator NullIfZero(long long v) { return v == 0 ? soci::i_null : soci::i_ok; }
soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

// The complaint columns, after the engine's case columns (cases::CaseStore::CaseColumns), for
// List and Get.
constexpr const char* kComplaintColumns =
    "k.case_id, k.source, k.channel, k.received_at, k.received_local, "
    "k.first_receiver_department_id, fd.name, k.first_receiver_name, k.resolved_on_spot, "
    "k.complainant_name, k.complainant_relation, k.complainant_phone, k.complainant_id_number, "
    "k.patient_name, k.patient_record_no, k.patient_department_id, pd.name, "
    "k.target_department_id, td.name, k.target_staff, k.category, k.description, k.demand, "
    "k.complexity, k.reply_text, k.reply_method, k.replied_at, k.accepted, k.follow_up, "
    "k.not_processed_reason, k.not_processed_explanation, k.not_processed_at, k.major_dispute, "
    "k.major_dispute_note, k.major_dispute_at, k.rating, k.rating_comment, k.rated_at, "
    "k.rectification_case_id";

constexpr const char* kComplaintJoins =
    " LEFT JOIN department fd ON fd.id = k.first_receiver_department_id"
    " LEFT JOIN department pd ON pd.id = k.patient_department_id"
    " LEFT JOIN department td ON td.id = k.target_department_id";

Complaint ComplaintFromRow(const soci::row& r, size_t at) {
  Complaint c;
  size_t i = at;
  c.case_id = db::Int(r, i++);
  c.source = db::Text(r, i++);
  c.channel = db::Text(r, i++);
  c.received_at = db::Text(r, i++);
  c.received_local = db::Text(r, i++);
  c.first_receiver_department_id = db::Int(r, i++);
  c.first_receiver_department_name = db::Text(r, i++);
  c.first_receiver_name = db::Text(r, i++);
  c.resolved_on_spot = db::Int(r, i++) != 0;
  c.complainant_name = db::Text(r, i++);
  c.complainant_relation = db::Text(r, i++);
  c.complainant_phone = db::Text(r, i++);
  c.complainant_id_number = db::Text(r, i++);
  c.patient_name = db::Text(r, i++);
  c.patient_record_no = db::Text(r, i++);
  c.patient_department_id = db::Int(r, i++);
  c.patient_department_name = db::Text(r, i++);
  c.target_department_id = db::Int(r, i++);
  c.target_department_name = db::Text(r, i++);
  c.target_staff = db::Text(r, i++);
  c.category = db::Text(r, i++);
  c.description = db::Text(r, i++);
  c.demand = db::Text(r, i++);
  c.complexity = db::Text(r, i++);
  c.reply_text = db::Text(r, i++);
  c.reply_method = db::Text(r, i++);
  c.replied_at = db::Text(r, i++);
  if (!db::IsNull(r, i)) c.accepted = db::Int(r, i) != 0;
  ++i;
  std::string follow = db::Text(r, i++);
  if (!follow.empty()) c.follow_up = Split(follow, ',');
  c.not_processed_reason = db::Text(r, i++);
  c.not_processed_explanation = db::Text(r, i++);
  c.not_processed_at = db::Text(r, i++);
  c.major_dispute = db::Int(r, i++) != 0;
  c.major_dispute_note = db::Text(r, i++);
  c.major_dispute_at = db::Text(r, i++);
  c.rating = static_cast<int>(db::Int(r, i++));
  c.rating_comment = db::Text(r, i++);
  c.rated_at = db::Text(r, i++);
  c.rectification_case_id = db::Int(r, i++);
  return c;
}

// "YYYY-MM" of a month of `year`; month 13 is January of the next year.
std::string MonthStart(int year, int month) {
  if (month > 12) {
    ++year;
    month -= 12;
  }
  std::string y = std::to_string(year), m = std::to_string(month);
  return std::string(y.size() < 4 ? 4 - y.size() : 0, '0') + y + (m.size() < 2 ? "-0" : "-") + m;
}

}  // namespace

void ComplaintStore::Insert(soci::session& sql, const Complaint& c) {
  long long id = c.case_id, frd = c.first_receiver_department_id, pdept = c.patient_department_id,
            tdept = c.target_department_id;
  long long on_spot = c.resolved_on_spot ? 1 : 0;
  soci::indicator frd_ind = NullIfZero(frd), pdept_ind = NullIfZero(pdept),
                  tdept_ind = NullIfZero(tdept), replied_ind = NullIfEmpty(c.replied_at);
  long long accepted = c.accepted.value_or(false) ? 1 : 0;
  soci::indicator accepted_ind = c.accepted ? soci::i_ok : soci::i_null;
  std::string follow = JoinCodes(c.follow_up);
  sql << "INSERT INTO complaint (case_id, source, channel, received_at, received_local, "
         "first_receiver_department_id, first_receiver_name, resolved_on_spot, "
         "complainant_name, complainant_relation, complainant_phone, complainant_id_number, "
         "patient_name, patient_record_no, patient_department_id, target_department_id, "
         "target_staff, category, description, demand, complexity, reply_text, reply_method, "
         "replied_at, accepted, follow_up) VALUES (:id, :source, :channel, :received_at, "
         ":received_local, :frd, :frn, :on_spot, :cn, :cr, :cp, :ci, :pn, :prn, :pdept, "
         ":tdept, :tstaff, :category, :description, :demand, :complexity, :reply_text, "
         ":reply_method, :replied_at, :accepted, :follow_up)",
      soci::use(id), soci::use(c.source), soci::use(c.channel), soci::use(c.received_at),
      soci::use(c.received_local), soci::use(frd, frd_ind), soci::use(c.first_receiver_name),
      soci::use(on_spot), soci::use(c.complainant_name), soci::use(c.complainant_relation),
      soci::use(c.complainant_phone), soci::use(c.complainant_id_number), soci::use(c.patient_name),
      soci::use(c.patient_record_no), soci::use(pdept, pdept_ind), soci::use(tdept, tdept_ind),
      soci::use(c.target_staff), soci::use(c.category), soci::use(c.description),
      soci::use(c.demand), soci::use(c.complexity), soci::use(c.reply_text),
      soci::use(c.reply_method), soci::use(c.replied_at, replied_ind),
      soci::use(accepted, accepted_ind), soci::use(follow);
}

std::optional<Complaint> ComplaintStore::Get(soci::session& sql, int64_t case_id) {
  std::optional<Complaint> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 std::string("SELECT ") + kComplaintColumns + " FROM complaint k" +
                     kComplaintJoins + " WHERE k.case_id = :id",
                 p, [&](const soci::row& r) { out = ComplaintFromRow(r, 0); });
  return out;
}

void ComplaintStore::SetReply(soci::session& sql, int64_t case_id, const std::string& text,
                              const std::string& method, std::optional<bool> accepted,
                              const std::vector<std::string>& follow_up, const std::string& at) {
  long long id = case_id;
  long long acc = accepted.value_or(false) ? 1 : 0;
  soci::indicator acc_ind = accepted ? soci::i_ok : soci::i_null;
  std::string follow = JoinCodes(follow_up);
  sql << "UPDATE complaint SET reply_text = :text, reply_method = :method, replied_at = :at, "
         "accepted = :accepted, follow_up = :follow WHERE case_id = :id",
      soci::use(text), soci::use(method), soci::use(at), soci::use(acc, acc_ind), soci::use(follow),
      soci::use(id);
}

void ComplaintStore::SetNotProcessed(soci::session& sql, int64_t case_id, const std::string& reason,
                                     const std::string& explanation, const std::string& at) {
  long long id = case_id;
  sql << "UPDATE complaint SET not_processed_reason = :reason, not_processed_explanation = :e, "
         "not_processed_at = :at WHERE case_id = :id",
      soci::use(reason), soci::use(explanation), soci::use(at), soci::use(id);
}

void ComplaintStore::SetMajorDispute(soci::session& sql, int64_t case_id, bool flag,
                                     const std::string& note, const std::string& at) {
  long long id = case_id, f = flag ? 1 : 0;
  std::string when = flag ? at : "";
  soci::indicator when_ind = NullIfEmpty(when);
  sql << "UPDATE complaint SET major_dispute = :f, major_dispute_note = :note, "
         "major_dispute_at = :at WHERE case_id = :id",
      soci::use(f), soci::use(note), soci::use(when, when_ind), soci::use(id);
}

bool ComplaintStore::LinkRectification(soci::session& sql, int64_t case_id, int64_t task_id) {
  long long id = case_id, task = task_id;
  int exists = 0;
  sql << "SELECT COUNT(*) FROM complaint WHERE case_id = :id", soci::use(id), soci::into(exists);
  if (exists == 0) return false;
  sql << "UPDATE complaint SET rectification_case_id = :task WHERE case_id = :id AND "
         "rectification_case_id IS NULL",
      soci::use(task), soci::use(id);
  return true;
}

bool ComplaintStore::SetRating(soci::session& sql, int64_t case_id, int rating,
                               const std::string& comment, const std::string& at) {
  long long id = case_id, score = rating;
  soci::statement st = (sql.prepare << "UPDATE complaint SET rating = :r, rating_comment = :c, "
                                       "rated_at = :at WHERE case_id = :id AND rating IS NULL",
                        soci::use(score), soci::use(comment), soci::use(at), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::pair<std::vector<Row>, int64_t> ComplaintStore::List(soci::session& sql, const ListQuery& q,
                                                          const cases::Visibility& v,
                                                          int64_t now_minutes) {
  db::Params p;
  // Code, title or the matter itself; never the complainant's identity, which most viewers
  // may not see (a search by name would reveal it).
  std::string where =
      cases::CaseStore::ListWhere(std::string(kType), q, v, now_minutes, {"k.description"}, p);
  auto eq = [&](const char* column, const char* name, const std::string& value) {
    if (value.empty()) return;
    where += std::string(" AND ") + column + " = :" + name;
    p.Add(name, value);
  };
  eq("k.category", "category", q.category);
  eq("k.channel", "channel", q.channel);
  if (q.department_id > 0) {
    where += " AND c.department_id = :dept";
    p.Add("dept", static_cast<long long>(q.department_id));
  }
  if (!q.from.empty()) {
    where += " AND k.received_local >= :from";
    p.Add("from", q.from);
  }
  if (!q.to.empty()) {
    where += " AND k.received_local < :to";
    p.Add("to", q.to + "~");  // '~' sorts after "YYYY-MM-DD HH:MM": the whole last day
  }
  if (q.major_only) where += " AND k.major_dispute = 1";
  const std::string from = " FROM case_record c JOIN complaint k ON k.case_id = c.id";
  int64_t total = 0;
  db::ForEachRow(sql, "SELECT COUNT(*)" + from + where, p,
                 [&](const soci::row& r) { total = db::Int(r, 0); });
  std::vector<Row> out;
  db::ForEachRow(sql,
                 std::string("SELECT ") + cases::CaseStore::CaseColumns() + ", " +
                     kComplaintColumns + from + cases::CaseStore::CaseJoins() + kComplaintJoins +
                     where + " ORDER BY k.received_local DESC, c.id DESC LIMIT " +
                     std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset),
                 p, [&](const soci::row& r) {
                   out.push_back({cases::CaseStore::CaseFromRow(r, 0),
                                  ComplaintFromRow(r, cases::CaseStore::kCaseColumnCount)});
                 });
  return {std::move(out), total};
}

StatsRows ComplaintStore::Stats(soci::session& sql, const StatsQuery& q) {
  // Both periods in one pass; a row belongs to the asked-for period when it was received on or
  // after its first month, to the same months a year earlier otherwise. The bounds are "YYYY-MM"
  // texts made here from integers, so they are written inline (SOCI binds a name once).
  auto quoted = [](int year, int month) { return "'" + MonthStart(year, month) + "'"; };
  const std::string a0 = quoted(q.year - 1, q.from_month), b0 = quoted(q.year - 1, q.to_month + 1);
  const std::string a1 = quoted(q.year, q.from_month), b1 = quoted(q.year, q.to_month + 1);
  // 已反馈: replied (also on the spot) or not processed with the reason explained to the patient.
  const std::string answered = "(k.replied_at IS NOT NULL OR k.not_processed_at IS NOT NULL)";
  const std::string cur = "k.received_local >= " + a1;
  const std::string with_deadline = " AND c.period <> '' AND c.on_time IS NOT NULL";
  const std::string sums = "SUM(CASE WHEN " + cur +
                           " THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN " +
                           cur + " AND " + answered +
                           " THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN " +
                           cur + " AND " + answered + with_deadline +
                           " THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN " +
                           cur + " AND " + answered + with_deadline +
                           " AND c.on_time = 1 "
                           "THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN " +
                           cur +
                           " THEN 0 ELSE 1 END), "
                           "SUM(CASE WHEN " +
                           cur + " THEN 0 WHEN " + answered + " THEN 1 ELSE 0 END)";
  const std::string from = " FROM complaint k JOIN case_record c ON c.id = k.case_id";
  const std::string where = " WHERE c.type = 'complaint' AND ((k.received_local >= " + a0 +
                            " AND k.received_local < " + b0 + ") OR (k.received_local >= " + a1 +
                            " AND k.received_local < " + b1 + "))" +
                            cases::CaseStore::VisibilityClause(q.visibility);
  auto read = [](const soci::row& r, size_t at, Bucket& b) {
    b.received = db::Int(r, at);
    b.answered = db::Int(r, at + 1);
    b.with_deadline = db::Int(r, at + 2);
    b.on_time = db::Int(r, at + 3);
    b.prev_received = db::Int(r, at + 4);
    b.prev_answered = db::Int(r, at + 5);
  };
  StatsRows out;
  db::ForEachRow(sql, "SELECT " + sums + from + where, {},
                 [&](const soci::row& r) { read(r, 0, out.total); });
  auto grouped = [&](const std::string& key, std::vector<Bucket>& into) {
    db::ForEachRow(
        sql, "SELECT " + key + ", " + sums + from + where + " GROUP BY " + key + " ORDER BY " + key,
        {}, [&](const soci::row& r) {
          Bucket b;
          b.key = db::Text(r, 0);
          read(r, 1, b);
          into.push_back(std::move(b));
        });
  };
  grouped("k.channel", out.by_channel);
  grouped("k.category", out.by_category);
  grouped("substr(k.received_local, 6, 2)", out.by_month);
  db::ForEachRow(sql,
                 "SELECT k.target_department_id, td.name, " + sums + from +
                     " LEFT JOIN department td ON td.id = k.target_department_id" + where +
                     " GROUP BY k.target_department_id, td.name ORDER BY td.name",
                 {}, [&](const soci::row& r) {
                   Bucket b;
                   b.key = db::IsNull(r, 0) ? "" : std::to_string(db::Int(r, 0));
                   b.name = db::Text(r, 1);
                   read(r, 2, b);
                   out.by_department.push_back(std::move(b));
                 });
  return out;
}

}  // namespace yuanwu::complaints
