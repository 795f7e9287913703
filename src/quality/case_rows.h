// Helpers for the module's lists that join case_record with its own tables in one query (the
// case columns themselves are cases::CaseStore::CaseColumns / CaseFromRow): the engine's queue
// conditions (case.h Queue) for those joined lists, and LIKE patterns.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "platform/cases/case.h"
#include "platform/db/row.h"

namespace yuanwu::quality {

// " AND …" for `queue`; binds :now into `p` when the queue needs it.
std::string QueueClause(cases::Queue q, const cases::Visibility& v, db::Params& p,
                        int64_t now_minutes);

// "%text%" with LIKE's wildcards escaped (ESCAPE '\').
std::string LikePattern(const std::string& text);

}  // namespace yuanwu::quality
