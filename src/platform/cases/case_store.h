// CaseStore: the engine's SQL, on the caller's session. The engine owns transactions, checks
// and audit; nothing here decides anything.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "platform/cases/case.h"
#include "platform/db/database.h"
#include "platform/db/row.h"

namespace yuanwu::cases {

class CaseStore {
 public:
  // The case columns as the engine reads them, to follow "SELECT ": `c` is case_record, `d` the
  // department (c.department_id), `u` the assignee and `o` the opener (app_user). Modules that
  // join case_record with their own tables select these first and add CaseJoins().
  static const char* CaseColumns();
  // The joins CaseColumns() needs, to follow "FROM case_record c …".
  static const char* CaseJoins();
  // How many columns CaseColumns() has: a module's own columns start at this index.
  static constexpr size_t kCaseColumnCount = 23;
  // Reads the CaseColumns() of `r`, starting at column `first_column`.
  static Case CaseFromRow(const soci::row& r, size_t first_column);

  // " AND (…)" limiting `c.` rows to what `v` may see.
  static std::string VisibilityClause(const Visibility& v);
  // " AND …" for the queue (case.h Queue); binds :now into `p` when the queue needs it.
  static std::string QueueClause(Queue q, const Visibility& v, db::Params& p, int64_t now_minutes);
  // The start of a work list's WHERE clause, the same for every type: " WHERE c.type = :type"
  // (`type`; f.type is not read), what `v` may see, `f`'s queue and state, and f.q in the code, the
  // title and `text_columns` (LIKE wildcards in f.q match themselves). The department, the dates
  // and a type's own filters differ per type; the caller appends them.
  static std::string ListWhere(const std::string& type, const ListFilter& f, const Visibility& v,
                               int64_t now_minutes, const std::vector<std::string>& text_columns,
                               db::Params& p);

  static std::optional<Case> Get(soci::session& sql, const std::string& type, int64_t id,
                                 const Visibility& v);
  static std::optional<Case> GetByCode(soci::session& sql, const std::string& type,
                                       const std::string& code, std::string* tracking_hash);
  // Next 编号 number of `type` in `year` (1, 2, …), atomically.
  static int64_t NextNumber(soci::session& sql, const std::string& type, int year);
  static int64_t Insert(soci::session& sql, const Case& c, const std::string& tracking_hash);
  // Writes the mutable columns: state, owner, deadline, clock, escalation, answer, close.
  static void Update(soci::session& sql, const Case& c, int64_t due_minutes_or_minus1);
  // Appends an entry with the next seq; returns its id.
  static int64_t AddEvent(soci::session& sql, int64_t case_id, const Event& e,
                          const ClockEntry* clock);
  static std::vector<Event> Events(soci::session& sql, int64_t case_id, bool public_only);
  static std::optional<Event> GetEvent(soci::session& sql, int64_t case_id, int64_t event_id);
  static std::vector<ClockEntry> ClockEntries(soci::session& sql, int64_t case_id);
  static int64_t AddAttachment(soci::session& sql, int64_t case_id, const Attachment& a,
                               int64_t actor_id);
  static std::vector<Attachment> Attachments(soci::session& sql, int64_t case_id);

  struct ListQuery {
    ListFilter filter;
    Visibility visibility;
    int64_t now_minutes = 0;  // local, for the overdue / due-soon queues
    std::string from_utc, to_utc;
  };
  static std::pair<std::vector<Case>, int64_t> List(soci::session& sql, const ListQuery& q);
  static QueueCounts Counts(soci::session& sql, const std::string& type, const Visibility& v,
                            int64_t now_minutes);
  // Running cases with a due moment whose escalation is below 3.
  static std::vector<Case> Running(soci::session& sql);
};

}  // namespace yuanwu::cases
