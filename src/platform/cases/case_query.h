// The query parameters every case type's work list takes, read the same way for each:
//   ?queue=mine|department|open|overdue|due_soon|paused|closed|all  ?state=  ?department_id=
//   ?q=  ?from=YYYY-MM-DD  ?to=  ?offset=  ?limit=
// A type with more filters derives its query from ListFilter and reads the rest itself.
#pragma once

#include "platform/base/status.h"
#include "platform/cases/case.h"
#include "platform/cases/case_type.h"
#include "platform/http/message.h"

namespace yuanwu::cases {

// Each malformed parameter is a field error in `v` (and keeps its default). `type` names the
// states ?state= may take; null accepts none.
ListFilter ReadListFilter(const http::Request& req, const CaseType* type, Validation& v);

}  // namespace yuanwu::cases
