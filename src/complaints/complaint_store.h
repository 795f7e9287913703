// ComplaintStore: the SQL of table `complaint`, on the caller's session (inside the engine's step
// or the service's transaction when writing). The list and the statistics join case_record and
// apply the same visibility clause as the engine (cases::CaseStore::VisibilityClause), so a
// complaint outside the viewer's scope is never read. Nothing here decides anything.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "complaints/complaint.h"
#include "platform/cases/case.h"

namespace yuanwu::complaints {

// The shared list filter (department_id: the 责任科室; q: code, title or description; from / to:
// the local date received, inclusive) and the complaint's own.
struct ListQuery : cases::ListFilter {
  std::string category;
  std::string channel;
  bool major_only = false;  // 重大医疗纠纷 only
};

struct Row {
  cases::Case c;
  Complaint complaint;
};

// One line of a breakdown: the period asked for and the same months a year earlier (同比).
struct Bucket {
  std::string key;   // channel / category code, department id ("" = none), month "01".."12"
  std::string name;  // department name (department breakdown only)
  int64_t received = 0;
  int64_t answered = 0;       // replied, resolved on the spot, or not processed with explanation
  int64_t with_deadline = 0;  // answered cases that had a deadline
  int64_t on_time = 0;        // … answered by it
  int64_t prev_received = 0;
  int64_t prev_answered = 0;
};

struct StatsQuery {
  int year = 0;
  int from_month = 1;
  int to_month = 12;
  cases::Visibility visibility;
};

struct StatsRows {
  Bucket total;
  std::vector<Bucket> by_channel, by_category, by_department, by_month;
};

class ComplaintStore {
 public:
  static void Insert(soci::session& sql, const Complaint& c);
  // The complaint with its department names; nullopt when there is no row.
  static std::optional<Complaint> Get(soci::session& sql, int64_t case_id);

  static void SetReply(soci::session& sql, int64_t case_id, const std::string& text,
                       const std::string& method, std::optional<bool> accepted,
                       const std::vector<std::string>& follow_up, const std::string& at);
  static void SetNotProcessed(soci::session& sql, int64_t case_id, const std::string& reason,
                              const std::string& explanation, const std::string& at);
  static void SetMajorDispute(soci::session& sql, int64_t case_id, bool flag,
                              const std::string& note, const std::string& at);
  // Links the first 整改 task opened from the complaint; later ones are found from the task
  // side (source_type complaint). False when there is no such complaint.
  static bool LinkRectification(soci::session& sql, int64_t case_id, int64_t task_id);
  // Records the rating unless one exists; false when the complaint was already rated.
  static bool SetRating(soci::session& sql, int64_t case_id, int rating, const std::string& comment,
                        const std::string& at);

  // The page of complaints `v` may see matching `q`, newest received first, and the total.
  static std::pair<std::vector<Row>, int64_t> List(soci::session& sql, const ListQuery& q,
                                                   const cases::Visibility& v, int64_t now_minutes);
  // Grouped in the database: one query per breakdown, both years in each.
  static StatsRows Stats(soci::session& sql, const StatsQuery& q);
};

}  // namespace yuanwu::complaints
