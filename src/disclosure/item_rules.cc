#include "disclosure/item_rules.h"

#include "platform/base/text.h"
#include "platform/base/time.h"

namespace yuanwu::disclosure {

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kEdit:
      return "edit";
    case Action::kSubmit:
      return "submit";
    case Action::kReview:
      return "review";
    case Action::kApprove:
      return "approve";
    case Action::kWithdraw:
      return "withdraw";
    case Action::kRevise:
      return "revise";
    case Action::kArchive:
      return "archive";
  }
  return "edit";
}

std::string_view ActionPermission(Action a) {
  switch (a) {
    case Action::kEdit:
    case Action::kSubmit:
    case Action::kRevise:
      return "disclosure.item.draft";
    case Action::kReview:
      return "disclosure.item.review";
    case Action::kApprove:
      return "disclosure.item.approve";
    case Action::kWithdraw:
    case Action::kArchive:
      return "disclosure.item.publish";
  }
  return "disclosure.item.draft";
}

Status CheckTransition(ItemState s, Action a, bool live) {
  bool ok = false;
  switch (a) {
    case Action::kEdit:
    case Action::kSubmit:
      ok = s == ItemState::kDraft;
      break;
    case Action::kReview:
      ok = s == ItemState::kPendingReview;
      break;
    case Action::kApprove:
      ok = s == ItemState::kPendingApproval;
      break;
    case Action::kWithdraw:
      ok = s == ItemState::kPublished || s == ItemState::kScheduled ||
           (live && (s == ItemState::kDraft || s == ItemState::kPendingReview ||
                     s == ItemState::kPendingApproval));
      break;
    case Action::kRevise:
      ok = s == ItemState::kPublished || s == ItemState::kOffline || s == ItemState::kExpired;
      break;
    case Action::kArchive:
      ok = s == ItemState::kOffline || s == ItemState::kExpired;
      break;
  }
  if (ok) return Status::Ok();
  return Status::Precondition("当前状态「" + std::string(StateLabel(s)) + "」不允许此操作",
                              "action " + std::string(ActionName(a)) + " is not allowed in state " +
                                  std::string(StateName(s)));
}

void ValidateDraft(const Item& item, int64_t now, int64_t local_offset, Validation& v) {
  if (item.title.empty()) {
    v.Fail("title", "标题不能为空", "title is required");
  } else if (Utf8Length(item.title) > 200) {
    v.Fail("title", "标题不能超过200个字", "title must be at most 200 characters");
  }
  if (Utf8Length(item.summary) > 500) {
    v.Fail("summary", "摘要不能超过500个字", "summary must be at most 500 characters");
  }
  if (item.body.empty()) {
    v.Fail("body", "正文不能为空", "body is required");
  } else if (Utf8Length(item.body) > 100000) {
    v.Fail("body", "正文不能超过10万字", "body must be at most 100,000 characters");
  }
  if (!IsAudience(item.audience)) {
    v.Fail("audience", "公开对象必须是社会、患者或职工",
           "audience must be society, patient or staff");
  }
  if (item.channels.empty()) {
    v.Fail("channels", "请至少选择一个公开渠道", "choose at least one channel");
  }
  for (const std::string& c : item.channels) {
    if (!IsChannel(c)) v.Fail("channels", "未知的公开渠道：" + c, "unknown channel: " + c);
  }
  std::optional<Date> formed = ParseDate(item.formed_on);
  if (!formed) {
    v.Fail("formed_on", "形成/变更日期格式应为 YYYY-MM-DD", "formed_on must be a date YYYY-MM-DD");
  } else if (*formed > LocalDate(now, local_offset)) {
    v.Fail("formed_on", "形成/变更日期不能晚于今天", "formed_on cannot be in the future");
  }
  if (!item.publish_at.empty() && !item.expire_at.empty() && item.expire_at <= item.publish_at) {
    v.Fail("expire_at", "下线时间必须晚于发布时间", "expire_at must be after publish_at");
  }
  if (!item.expire_at.empty() && item.expire_at <= FormatTimestamp(now)) {
    v.Fail("expire_at", "下线时间必须晚于当前时间", "expire_at must be in the future");
  }
}

void ValidateAgainstCatalogue(const Item& item, const CatalogueEntry& entry, Validation& v) {
  if (entry.audience == "staff" && item.audience != "staff") {
    v.Fail("audience", "「" + entry.name + "」是职工院务公开目录，事项只能向职工公开",
           "items under a staff-only catalogue entry must have audience staff");
  }
}

bool IsReviewResult(std::string_view r) {
  return r == "public" || r == "partial" || r == "withheld";
}

std::string_view ReviewResultLabel(std::string_view r) {
  if (r == "public") return "可公开";
  if (r == "partial") return "部分公开";
  if (r == "withheld") return "不予公开";
  if (r == "approved") return "同意发布";
  if (r == "returned") return "退回";
  return r;
}

}  // namespace yuanwu::disclosure
