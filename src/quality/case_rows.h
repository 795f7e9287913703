// Reading case_record rows joined to the module's own tables in one query (lists and exports),
// the way the case engine reads them (platform/cases/case_store.cc), and the engine's queue
// conditions (case.h Queue) for those joined lists.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "platform/cases/case.h"
#include "platform/db/row.h"

namespace yuanwu::quality {

// The case columns, to follow "SELECT "; CaseFromRow reads them from column 0.
inline constexpr const char* kCaseColumns =
    "c.id, c.type, c.code, c.title, c.state, c.department_id, d.name, c.assignee_id, u.name, "
    "c.opened_by, o.name, c.opened_at, c.start_at, c.period, c.extension_limit, c.extended, "
    "c.due_at, c.clock, c.escalation, c.answered_at, c.on_time, c.closed_at, c.updated_at";
inline constexpr size_t kCaseColumnCount = 23;
inline constexpr const char* kCaseJoins =
    " LEFT JOIN department d ON d.id = c.department_id"
    " LEFT JOIN app_user u ON u.id = c.assignee_id"
    " LEFT JOIN app_user o ON o.id = c.opened_by";

cases::Case CaseFromRow(const soci::row& r);

// " AND …" for `queue`; binds :now into `p` when the queue needs it.
std::string QueueClause(cases::Queue q, const cases::Visibility& v, db::Params& p,
                        int64_t now_minutes);

// "%text%" with LIKE's wildcards escaped (ESCAPE '\').
std::string LikePattern(const std::string& text);

}  // namespace yuanwu::quality
