// RectificationStore: the SQL of table `rectification` on the caller's session; nothing here
// decides anything.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/cases/case.h"
#include "quality/rectification.h"

namespace yuanwu::quality {

// The shared list filter (q: code, title, problem; from / to: the local opening date,
// inclusive) and the task's own.
struct RectificationQuery : cases::ListFilter {
  std::string source_type;
  int64_t source_id = 0;
};

struct RectificationRow {
  cases::Case c;
  Rectification r;
};

class RectificationStore {
 public:
  static void Insert(soci::session& sql, const Rectification& r);
  // Inspection findings: the finding's id, known once the task exists.
  static void SetSource(soci::session& sql, int64_t case_id, int64_t source_id);
  static std::optional<Rectification> Get(soci::session& sql, int64_t case_id);
  // `from_utc` / `to_utc`: the query's local date range as UTC bounds (empty = open).
  static std::pair<std::vector<RectificationRow>, int64_t> List(
      soci::session& sql, const RectificationQuery& q, const cases::Visibility& v,
      int64_t now_minutes, const std::string& from_utc, const std::string& to_utc);
  // Tasks of a source (e.g. an adverse event's corrective actions), oldest first, unfiltered:
  // the caller has checked that the viewer may see the source.
  static std::vector<RectificationRow> OfSource(soci::session& sql, const std::string& type,
                                                int64_t source_id);
  // How many tasks of a source are not closed yet.
  static int64_t OpenOfSource(soci::session& sql, const std::string& type, int64_t source_id);
};

}  // namespace yuanwu::quality
