#include "disclosure/application_store.h"

#include "platform/cases/case_store.h"
#include "platform/db/row.h"

namespace yuanwu::disclosure {
namespace {

soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

constexpr const char* kApplicationColumns =
    "a.case_id, a.mode, a.source, a.applicant_kind, a.applicant_name, a.organisation, a.id_type, "
    "a.id_number, a.phone, a.email, a.address, a.channel, a.submitted_on, a.signed_on, "
    "a.confirmed_on, a.received_on, a.description, a.purpose, a.medium, a.delivery, a.outcome, "
    "a.decided_on, a.answer_text, a.withheld_text, a.answer_delivery, a.correction_request, "
    "a.correction_requested_on, a.correction_due, a.correction_received_on, a.submission_key";

Application FromRow(const soci::row& r) {
  Application a;
  size_t i = 0;
  a.case_id = db::Int(r, i++);
  a.mode = db::Text(r, i++);
  a.source = db::Text(r, i++);
  a.applicant_kind = db::Text(r, i++);
  a.applicant_name = db::Text(r, i++);
  a.organisation = db::Text(r, i++);
  a.id_type = db::Text(r, i++);
  a.id_number = db::Text(r, i++);
  a.phone = db::Text(r, i++);
  a.email = db::Text(r, i++);
  a.address = db::Text(r, i++);
  a.channel = db::Text(r, i++);
  a.submitted_on = db::Text(r, i++);
  a.signed_on = db::Text(r, i++);
  a.confirmed_on = db::Text(r, i++);
  a.received_on = db::Text(r, i++);
  a.description = db::Text(r, i++);
  a.purpose = db::Text(r, i++);
  a.medium = db::Text(r, i++);
  a.delivery = db::Text(r, i++);
  a.outcome = db::Text(r, i++);
  a.decided_on = db::Text(r, i++);
  a.answer_text = db::Text(r, i++);
  a.withheld_text = db::Text(r, i++);
  a.answer_delivery = db::Text(r, i++);
  a.correction_request = db::Text(r, i++);
  a.correction_requested_on = db::Text(r, i++);
  a.correction_due = db::Text(r, i++);
  a.correction_received_on = db::Text(r, i++);
  a.submission_key = db::Text(r, i++);
  return a;
}

constexpr const char* kThirdPartyColumns =
    "SELECT id, case_id, party_kind, party, matter, sent_on, reply_due, replied_on, silent, "
    "opinion, opinion_text, pause_ends FROM disclosure_third_party ";

ThirdParty ThirdPartyFromRow(const soci::row& r) {
  ThirdParty t;
  t.id = db::Int(r, 0);
  t.case_id = db::Int(r, 1);
  t.party_kind = db::Text(r, 2);
  t.party = db::Text(r, 3);
  t.matter = db::Text(r, 4);
  t.sent_on = db::Text(r, 5);
  t.reply_due = db::Text(r, 6);
  t.replied_on = db::Text(r, 7);
  t.silent = db::Int(r, 8) != 0;
  t.opinion = db::Text(r, 9);
  t.opinion_text = db::Text(r, 10);
  t.pause_ends = db::Text(r, 11);
  return t;
}

std::string YearStart(int year) { return std::to_string(year) + "-01-01"; }
std::string YearEnd(int year) { return std::to_string(year) + "-12-31"; }

}  // namespace

void ApplicationStore::Insert(soci::session& sql, const Application& a) {
  long long id = a.case_id;
  soci::indicator submitted_ind = NullIfEmpty(a.submitted_on);
  soci::indicator signed_ind = NullIfEmpty(a.signed_on);
  soci::indicator confirmed_ind = NullIfEmpty(a.confirmed_on);
  soci::indicator key_ind = NullIfEmpty(a.submission_key);
  sql << "INSERT INTO disclosure_application (case_id, mode, source, applicant_kind, "
         "applicant_name, organisation, id_type, id_number, phone, email, address, channel, "
         "submitted_on, signed_on, confirmed_on, received_on, description, purpose, medium, "
         "delivery, submission_key) VALUES (:id, :mode, :source, :kind, :name, :org, :id_type, "
         ":id_number, :phone, :email, :address, :channel, :submitted, :signed, :confirmed, "
         ":received, :description, :purpose, :medium, :delivery, :key)",
      soci::use(id), soci::use(a.mode), soci::use(a.source), soci::use(a.applicant_kind),
      soci::use(a.applicant_name), soci::use(a.organisation), soci::use(a.id_type),
      soci::use(a.id_number), soci::use(a.phone), soci::use(a.email), soci::use(a.address),
      soci::use(a.channel), soci::use(a.submitted_on, submitted_ind),
      soci::use(a.signed_on, signed_ind), soci::use(a.confirmed_on, confirmed_ind),
      soci::use(a.received_on), soci::use(a.description), soci::use(a.purpose), soci::use(a.medium),
      soci::use(a.delivery), soci::use(a.submission_key, key_ind);
}

std::optional<Application> ApplicationStore::Get(soci::session& sql, int64_t case_id) {
  std::optional<Application> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 std::string("SELECT ") + kApplicationColumns +
                     " FROM disclosure_application a WHERE a.case_id = :id",
                 p, [&](const soci::row& r) { out = FromRow(r); });
  return out;
}

std::map<int64_t, Application> ApplicationStore::ForCases(soci::session& sql,
                                                          const std::vector<int64_t>& case_ids) {
  std::map<int64_t, Application> out;
  if (case_ids.empty()) return out;
  // Ids come from our own case rows (a page of at most 500), so they are written inline.
  std::string in;
  for (int64_t id : case_ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  db::ForEachRow(sql,
                 std::string("SELECT ") + kApplicationColumns +
                     " FROM disclosure_application a WHERE a.case_id IN (" + in + ")",
                 {}, [&](const soci::row& r) {
                   Application a = FromRow(r);
                   out.emplace(a.case_id, std::move(a));
                 });
  return out;
}

std::optional<std::string> ApplicationStore::CodeOfSubmission(soci::session& sql,
                                                              const std::string& key) {
  std::optional<std::string> out;
  db::Params p;
  p.Add("key", key);
  db::ForEachRow(sql,
                 "SELECT c.code FROM disclosure_application a JOIN case_record c ON c.id = "
                 "a.case_id WHERE a.submission_key = :key",
                 p, [&](const soci::row& r) { out = db::Text(r, 0); });
  return out;
}

void ApplicationStore::SetCorrectionRequest(soci::session& sql, int64_t case_id,
                                            const std::string& request,
                                            const std::string& requested_on,
                                            const std::string& due) {
  long long id = case_id;
  sql << "UPDATE disclosure_application SET correction_request = :r, correction_requested_on = "
         ":on, correction_due = :due WHERE case_id = :id",
      soci::use(request), soci::use(requested_on), soci::use(due), soci::use(id);
}

void ApplicationStore::SetCorrectionReceived(soci::session& sql, int64_t case_id,
                                             const std::string& received_on) {
  long long id = case_id;
  sql << "UPDATE disclosure_application SET correction_received_on = :on WHERE case_id = :id",
      soci::use(received_on), soci::use(id);
}

void ApplicationStore::SetOutcome(soci::session& sql, int64_t case_id, const std::string& outcome,
                                  const std::string& decided_on, const std::string& answer_text,
                                  const std::string& withheld_text,
                                  const std::string& answer_delivery) {
  long long id = case_id;
  soci::indicator decided_ind = NullIfEmpty(decided_on);
  sql << "UPDATE disclosure_application SET outcome = :outcome, decided_on = :decided, "
         "answer_text = :answer, withheld_text = :withheld, answer_delivery = :delivery "
         "WHERE case_id = :id",
      soci::use(outcome), soci::use(decided_on, decided_ind), soci::use(answer_text),
      soci::use(withheld_text), soci::use(answer_delivery), soci::use(id);
}

int64_t ApplicationStore::AddThirdParty(soci::session& sql, const ThirdParty& t) {
  long long case_id = t.case_id;
  long long id = 0;
  sql << "INSERT INTO disclosure_third_party (case_id, party_kind, party, matter, sent_on, "
         "reply_due) VALUES (:cid, :kind, :party, :matter, :sent, :due) RETURNING id",
      soci::use(case_id), soci::use(t.party_kind), soci::use(t.party), soci::use(t.matter),
      soci::use(t.sent_on), soci::use(t.reply_due), soci::into(id);
  return id;
}

std::vector<ThirdParty> ApplicationStore::ThirdParties(soci::session& sql, int64_t case_id) {
  std::vector<ThirdParty> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql, std::string(kThirdPartyColumns) + "WHERE case_id = :id ORDER BY id", p,
                 [&](const soci::row& r) { out.push_back(ThirdPartyFromRow(r)); });
  return out;
}

std::optional<ThirdParty> ApplicationStore::OpenThirdParty(soci::session& sql, int64_t case_id) {
  std::optional<ThirdParty> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 std::string(kThirdPartyColumns) +
                     "WHERE case_id = :id AND pause_ends IS NULL ORDER BY id DESC LIMIT 1",
                 p, [&](const soci::row& r) { out = ThirdPartyFromRow(r); });
  return out;
}

void ApplicationStore::CloseThirdParty(soci::session& sql, int64_t id,
                                       const std::string& replied_on, bool silent,
                                       const std::string& opinion, const std::string& opinion_text,
                                       const std::string& pause_ends) {
  long long row = id, s = silent ? 1 : 0;
  soci::indicator replied_ind = NullIfEmpty(replied_on);
  sql << "UPDATE disclosure_third_party SET replied_on = :replied, silent = :silent, opinion = "
         ":opinion, opinion_text = :text, pause_ends = :ends WHERE id = :id",
      soci::use(replied_on, replied_ind), soci::use(s), soci::use(opinion), soci::use(opinion_text),
      soci::use(pause_ends), soci::use(row);
}

std::vector<ApplicationRecord> ApplicationStore::AnnualRecords(soci::session& sql, int year,
                                                               const cases::Visibility& v) {
  std::vector<ApplicationRecord> out;
  db::Params p;
  p.Add("end", YearEnd(year));
  p.Add("start", YearStart(year));
  db::ForEachRow(sql,
                 "SELECT c.code, a.applicant_kind, a.received_on, a.outcome, a.decided_on "
                 "FROM disclosure_application a JOIN case_record c ON c.id = a.case_id "
                 "WHERE a.mode = 'application' AND a.received_on <= :end "
                 "AND (a.decided_on IS NULL OR a.decided_on >= :start)" +
                     cases::CaseStore::VisibilityClause(v) + " ORDER BY a.received_on, c.id",
                 p, [&](const soci::row& r) {
                   ApplicationRecord rec;
                   rec.code = db::Text(r, 0);
                   // Kinds and dates were validated when stored; an unreadable one is reported by
                   // the table builder (an outcome without a date and the like) or counted as 其他.
                   rec.kind = ParseApplicantKind(db::Text(r, 1)).value_or(ApplicantKind::kOther);
                   rec.received_on = ParseDate(db::Text(r, 2)).value_or(Date{});
                   std::string outcome = db::Text(r, 3);
                   if (!outcome.empty())
                     rec.outcome = ParseOutcome(outcome).value_or(Outcome::kOtherHandling);
                   if (!db::IsNull(r, 4)) rec.decided_on = ParseDate(db::Text(r, 4));
                   out.push_back(std::move(rec));
                 });
  return out;
}

ApplicationStore::ConsultationCounts ApplicationStore::Consultations(soci::session& sql, int year,
                                                                     const cases::Visibility& v) {
  ConsultationCounts out;
  db::Params p;
  p.Add("start", YearStart(year));
  p.Add("end", YearEnd(year));
  db::ForEachRow(sql,
                 "SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.answer_text <> '' THEN 1 ELSE 0 END), "
                 "0) FROM disclosure_application a JOIN case_record c ON c.id = a.case_id "
                 "WHERE a.mode = 'consultation' AND a.received_on >= :start AND a.received_on "
                 "<= :end" +
                     cases::CaseStore::VisibilityClause(v),
                 p, [&](const soci::row& r) {
                   out.received = db::Int(r, 0);
                   out.answered = db::Int(r, 1);
                 });
  return out;
}

std::optional<ApplicationStore::ClockRef> ApplicationStore::LastClockEntry(soci::session& sql,
                                                                           int64_t case_id) {
  std::optional<ClockRef> out;
  db::Params p;
  p.Add("id", static_cast<long long>(case_id));
  db::ForEachRow(sql,
                 "SELECT id, clock_at FROM case_event WHERE case_id = :id AND clock_effect <> '' "
                 "ORDER BY seq DESC LIMIT 1",
                 p, [&](const soci::row& r) {
                   out = ClockRef{db::Int(r, 0), db::Text(r, 1)};
                 });
  return out;
}

}  // namespace yuanwu::disclosure
