// JSON of the case engine's records, the same in every case type's API:
//
// case:  {"id", "type", "code", "title", "state", "state_name", "state_name_en", "closed",
//         "department_id", "department_name", "assignee_id", "assignee_name",
//         "opened_by_name", "opened_at", "start_at", "period", "due_at", "clock",
//         "escalation", "overdue", "answered_at", "on_time", "closed_at", "updated_at",
//         "extension_limit", "extended",
//         "actions": [{"action", "name", "name_en", "note_required", "clock"}]}   (with a viewer)
// event: {"id", "seq", "at", "actor_name", "kind", "action", "action_name", "from_state",
//         "to_state", "body", "data", "public", "corrects"}
// attachment: {"id", "event_id", "filename", "content_type", "size", "sha256", "at",
//              "actor_name"}
#pragma once

#include <nlohmann/json.hpp>

#include "platform/auth/principal.h"
#include "platform/cases/case.h"
#include "platform/cases/case_engine.h"

namespace yuanwu::cases {

// `now_minutes`: local minutes since the epoch, for "overdue". With `viewer`, the actions the
// viewer may take now are listed.
nlohmann::ordered_json CaseToJson(const CaseEngine& engine, const Case& c, int64_t now_minutes,
                                  const auth::Principal* viewer = nullptr);
nlohmann::ordered_json EventToJson(const CaseType* type, const Event& e);
nlohmann::ordered_json AttachmentToJson(const Attachment& a);

}  // namespace yuanwu::cases
