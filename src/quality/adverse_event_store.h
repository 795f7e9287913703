// AdverseEventStore: the SQL of tables `adverse_event` and `adverse_event_cause` on the caller's
// session, including the statistics (grouped in SQL). Nothing here decides anything.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/cases/case.h"
#include "quality/adverse_event.h"

namespace yuanwu::quality {

// The shared list filter (q: code, title or description, never the patient or the reporter;
// from / to: the local report date, inclusive) and the event's own.
struct EventQuery : cases::ListFilter {
  std::string category;
  std::string grade;
  // "" any; required (must be reported outward); pending (required, not yet reported);
  // overdue (pending and past due); reported.
  std::string external;
};

struct EventRow {
  cases::Case c;
  AdverseEvent e;
};

// A count per key ("drug", "I", a department id, "03") of the statistics.
struct Count {
  std::string key;
  std::string name;  // departments: the name
  int64_t count = 0;
};

struct EventStats {
  int64_t total = 0;
  int64_t anonymous = 0;
  int64_t external_required = 0;
  int64_t external_reported = 0;
  int64_t external_on_time = 0;
  int64_t external_overdue = 0;  // required, not reported, past due now
  int64_t closed = 0;
  std::vector<Count> by_category;
  std::vector<Count> by_grade;
  std::vector<Count> by_department;
  std::vector<Count> by_month;  // "01" … "12"
  std::vector<Count> by_cause;  // root-cause categories of the analysed events
};

class AdverseEventStore {
 public:
  static void Insert(soci::session& sql, const AdverseEvent& e);
  static std::optional<AdverseEvent> Get(soci::session& sql, int64_t case_id);
  static std::pair<std::vector<EventRow>, int64_t> List(soci::session& sql, const EventQuery& q,
                                                        const cases::Visibility& v,
                                                        int64_t now_minutes);
  // Named reports of `user_id`, newest first (the reporter's "我的上报").
  static std::vector<EventRow> OfReporter(soci::session& sql, int64_t user_id);

  static void SetDeptHandling(soci::session& sql, int64_t case_id, const std::string& analysis,
                              const std::string& measures, const std::string& at);
  static void SetReview(soci::session& sql, int64_t case_id, const std::vector<Cause>& causes,
                        const std::string& factors, const std::string& conclusion,
                        const std::string& grade, const std::string& category,
                        const std::string& at);
  static void SetEvaluation(soci::session& sql, int64_t case_id, const std::string& effectiveness,
                            const std::string& evaluation, const std::string& at);
  // Severity "" clears the outward clock.
  static void SetExternal(soci::session& sql, int64_t case_id, const std::string& severity,
                          const std::string& period, const std::string& due_at,
                          int64_t due_minutes);
  static void SetExternalReported(soci::session& sql, int64_t case_id,
                                  const std::string& reported_at, const std::string& note,
                                  bool on_time);

  // Events reported (local) in [from_month, to_month] of `year`, within `v`.
  static EventStats Stats(soci::session& sql, int year, int from_month, int to_month,
                          const cases::Visibility& v, int64_t now_minutes);
};

}  // namespace yuanwu::quality
