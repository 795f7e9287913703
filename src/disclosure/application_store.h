// ApplicationStore: the SQL of tables disclosure_application and disclosure_third_party, on the
// caller's session (inside the engine's step or the service's transaction when writing).
// Queries over many applications join case_record and apply the engine's visibility clause
// (cases::CaseStore::VisibilityClause), so an application outside the viewer's scope is never
// read. Nothing here decides anything.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "disclosure/application.h"
#include "disclosure/application_form.h"
#include "platform/cases/case.h"

namespace yuanwu::disclosure {

class ApplicationStore {
 public:
  static void Insert(soci::session& sql, const Application& a);
  static std::optional<Application> Get(soci::session& sql, int64_t case_id);
  // The applications of these cases, by case id (rows missing from the table are left out).
  static std::map<int64_t, Application> ForCases(soci::session& sql,
                                                 const std::vector<int64_t>& case_ids);
  // The 编号 of the case registered with this portal form key, if any.
  static std::optional<std::string> CodeOfSubmission(soci::session& sql, const std::string& key);

  static void SetCorrectionRequest(soci::session& sql, int64_t case_id, const std::string& request,
                                   const std::string& requested_on, const std::string& due);
  static void SetCorrectionReceived(soci::session& sql, int64_t case_id,
                                    const std::string& received_on);
  // The outcome fields together (answer, 逾期不补正, withdrawal).
  static void SetOutcome(soci::session& sql, int64_t case_id, const std::string& outcome,
                         const std::string& decided_on, const std::string& answer_text,
                         const std::string& withheld_text, const std::string& answer_delivery);

  static int64_t AddThirdParty(soci::session& sql, const ThirdParty& t);
  static std::vector<ThirdParty> ThirdParties(soci::session& sql, int64_t case_id);
  // The consultation still waiting for a reply, if any.
  static std::optional<ThirdParty> OpenThirdParty(soci::session& sql, int64_t case_id);
  static void CloseThirdParty(soci::session& sql, int64_t id, const std::string& replied_on,
                              bool silent, const std::string& opinion,
                              const std::string& opinion_text, const std::string& pause_ends);

  // What table 三 of `year` needs: every application `v` may see that was received by the end
  // of the year and not decided before it began.
  static std::vector<ApplicationRecord> AnnualRecords(soci::session& sql, int year,
                                                      const cases::Visibility& v);
  struct ConsultationCounts {
    int64_t received = 0;  // received in the year
    int64_t answered = 0;  // … of which answered
  };
  static ConsultationCounts Consultations(soci::session& sql, int year, const cases::Visibility& v);

  // The id and clock moment of the case's latest timeline entry with a clock effect: a step
  // may not be dated before it.
  struct ClockRef {
    int64_t event_id = 0;
    std::string at;
  };
  static std::optional<ClockRef> LastClockEntry(soci::session& sql, int64_t case_id);
};

}  // namespace yuanwu::disclosure
