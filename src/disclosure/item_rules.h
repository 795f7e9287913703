// Pure rules of the disclosure workflow: which action is allowed in which state and by which
// permission, where it leads, draft validation and the republication deadline. No I/O.
//
//   草稿 ─submit→ 待保密审查 ─review(可公开/部分公开)→ 待审批 ─approve→ 已发布 | 定时发布
//     ↑                └─review(不予公开)→ 草稿(退回)      └─return→ 草稿(退回)
//   已发布/定时发布 ─withdraw→ 已下线 (during a revision, withdraw takes the live version down);
//   已发布 ─(expire_at)→ 已过期;  已下线/已过期 ─archive→ 归档 已发布/已下线/已过期 ─revise→ 草稿
//   (version+1; the live version stays until the new one is approved)
#pragma once

#include <optional>
#include <string>

#include "disclosure/disclosure.h"
#include "platform/base/status.h"

namespace yuanwu::disclosure {

enum class Action { kEdit, kSubmit, kReview, kApprove, kWithdraw, kRevise, kArchive };

std::string_view ActionName(Action a);
// The permission an action needs.
std::string_view ActionPermission(Action a);
// OK when `a` may be taken in state `s`; otherwise a kFailedPrecondition naming the state.
// `live`: an earlier version is public now (a revision is in progress), which may be withdrawn.
Status CheckTransition(ItemState s, Action a, bool live = false);

// Rules between an item and its catalogue entry: an entry for staff (职工) holds staff items
// only, so nothing filed under 职工院务公开 can be published to the public by mistake.
void ValidateAgainstCatalogue(const Item& item, const CatalogueEntry& entry, Validation& v);

// Validates the editable fields of an item (title, body, audience, channels, dates).
// `now` is epoch seconds; `local_offset` the hospital's UTC offset in seconds.
void ValidateDraft(const Item& item, int64_t now, int64_t local_offset, Validation& v);

// Review result codes for 保密审查.
bool IsReviewResult(std::string_view r);  // public | partial | withheld
std::string_view ReviewResultLabel(std::string_view r);

}  // namespace yuanwu::disclosure
