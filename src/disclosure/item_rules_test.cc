#include "disclosure/item_rules.h"

#include <gtest/gtest.h>

#include <functional>

#include "platform/base/time.h"

namespace yuanwu::disclosure {
namespace {

constexpr ItemState kStates[] = {ItemState::kDraft,           ItemState::kPendingReview,
                                 ItemState::kPendingApproval, ItemState::kScheduled,
                                 ItemState::kPublished,       ItemState::kOffline,
                                 ItemState::kExpired,         ItemState::kArchived};
constexpr Action kActions[] = {Action::kEdit,    Action::kSubmit,   Action::kReview,
                               Action::kApprove, Action::kWithdraw, Action::kRevise,
                               Action::kArchive};

// The whole transition table (item_rules.h), one row per state, one column per action.
// 1 = allowed.                 edit submit review approve withdraw revise archive
struct Row {
  ItemState state;
  int allowed[7];
};
constexpr Row kTable[] = {
    {ItemState::kDraft, {1, 1, 0, 0, 0, 0, 0}},
    {ItemState::kPendingReview, {0, 0, 1, 0, 0, 0, 0}},
    {ItemState::kPendingApproval, {0, 0, 0, 1, 0, 0, 0}},
    {ItemState::kScheduled, {0, 0, 0, 0, 1, 0, 0}},
    {ItemState::kPublished, {0, 0, 0, 0, 1, 1, 0}},
    {ItemState::kOffline, {0, 0, 0, 0, 0, 1, 1}},
    {ItemState::kExpired, {0, 0, 0, 0, 0, 1, 1}},
    {ItemState::kArchived, {0, 0, 0, 0, 0, 0, 0}},
};

TEST(CheckTransitionTest, TheTableCoversEveryStateAndAction) {
  ASSERT_EQ(std::size(kTable), std::size(kStates));
  for (size_t i = 0; i < std::size(kStates); ++i) EXPECT_EQ(kTable[i].state, kStates[i]);
  static_assert(std::size(kActions) == 7);
}

// While a revision is in progress (`live`: an earlier version is public), the live version may
// also be withdrawn from the revision's draft and review states; nothing else changes.
constexpr Row kLiveTable[] = {
    {ItemState::kDraft, {1, 1, 0, 0, 1, 0, 0}},
    {ItemState::kPendingReview, {0, 0, 1, 0, 1, 0, 0}},
    {ItemState::kPendingApproval, {0, 0, 0, 1, 1, 0, 0}},
    {ItemState::kScheduled, {0, 0, 0, 0, 1, 0, 0}},
    {ItemState::kPublished, {0, 0, 0, 0, 1, 1, 0}},
    {ItemState::kOffline, {0, 0, 0, 0, 0, 1, 1}},
    {ItemState::kExpired, {0, 0, 0, 0, 0, 1, 1}},
    {ItemState::kArchived, {0, 0, 0, 0, 0, 0, 0}},
};

// Checks every state × action of `table`; returns how many were allowed.
int CheckTable(const Row (&table)[8], bool live) {
  int allowed = 0;
  for (const Row& row : table) {
    for (size_t a = 0; a < std::size(kActions); ++a) {
      Status s = CheckTransition(row.state, kActions[a], live);
      SCOPED_TRACE(std::string(StateName(row.state)) + " × " +
                   std::string(ActionName(kActions[a])) + (live ? " (live)" : ""));
      if (row.allowed[a]) {
        EXPECT_TRUE(s.ok()) << s.message_en();
        ++allowed;
      } else {
        EXPECT_FALSE(s.ok());
        EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
        EXPECT_EQ(s.message(),
                  "当前状态「" + std::string(StateLabel(row.state)) + "」不允许此操作");
        EXPECT_EQ(s.message_en(), "action " + std::string(ActionName(kActions[a])) +
                                      " is not allowed in state " +
                                      std::string(StateName(row.state)));
        EXPECT_TRUE(s.fields().empty());
      }
    }
  }
  return allowed;
}

TEST(CheckTransitionTest, EveryStateTimesEveryAction) {
  EXPECT_EQ(CheckTable(kTable, false), 11);
  // `live` defaults to false.
  EXPECT_TRUE(CheckTransition(ItemState::kPublished, Action::kWithdraw).ok());
  EXPECT_FALSE(CheckTransition(ItemState::kDraft, Action::kWithdraw).ok());
}

TEST(CheckTransitionTest, EveryStateTimesEveryActionDuringARevision) {
  EXPECT_EQ(CheckTable(kLiveTable, true), 14);
}

TEST(ValidateAgainstCatalogueTest, StaffEntriesHoldStaffItemsOnly) {
  CatalogueEntry staff;
  staff.name = "职工福利";
  staff.audience = "staff";
  CatalogueEntry society;
  society.name = "医疗服务";
  society.audience = "society";
  struct Case {
    const CatalogueEntry* entry;
    const char* audience;
    bool ok;
  };
  const Case cases[] = {
      {&staff, "staff", true},     {&staff, "society", false},  {&staff, "patient", false},
      {&society, "society", true}, {&society, "patient", true}, {&society, "staff", true},
  };
  for (const Case& c : cases) {
    Item it;
    it.audience = c.audience;
    Validation v;
    ValidateAgainstCatalogue(it, *c.entry, v);
    const Status s = v.ToStatus();
    EXPECT_EQ(s.ok(), c.ok) << c.entry->audience << " entry, " << c.audience << " item";
    if (!c.ok) {
      ASSERT_EQ(s.fields().size(), 1u);
      EXPECT_EQ(s.fields()[0].field, "audience");
      EXPECT_EQ(s.fields()[0].reason, "「职工福利」是职工院务公开目录，事项只能向职工公开");
    }
  }
}

TEST(ActionTest, NamesAndPermissions) {
  struct Case {
    Action action;
    const char* name;
    const char* permission;
  };
  const Case cases[] = {
      {Action::kEdit, "edit", "disclosure.item.draft"},
      {Action::kSubmit, "submit", "disclosure.item.draft"},
      {Action::kReview, "review", "disclosure.item.review"},
      {Action::kApprove, "approve", "disclosure.item.approve"},
      {Action::kWithdraw, "withdraw", "disclosure.item.publish"},
      {Action::kRevise, "revise", "disclosure.item.draft"},
      {Action::kArchive, "archive", "disclosure.item.publish"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ActionName(c.action), c.name);
    EXPECT_EQ(ActionPermission(c.action), c.permission) << c.name;
  }
}

TEST(ItemStateTest, NamesLabelsAndParsingRoundTrip) {
  const char* names[] = {"draft",     "pending_review", "pending_approval", "scheduled",
                         "published", "offline",        "expired",          "archived"};
  const char* labels[] = {"草稿",   "待保密审查", "待审批", "定时发布",
                          "已发布", "已下线",     "已过期", "归档"};
  for (size_t i = 0; i < std::size(kStates); ++i) {
    EXPECT_EQ(StateName(kStates[i]), names[i]);
    EXPECT_EQ(StateLabel(kStates[i]), labels[i]);
    EXPECT_EQ(ParseState(names[i]), kStates[i]);
  }
  EXPECT_EQ(ParseState("Draft"), std::nullopt);
  EXPECT_EQ(ParseState(""), std::nullopt);
  EXPECT_EQ(ParseState("deleted"), std::nullopt);
}

TEST(ReviewResultTest, CodesAndLabels) {
  EXPECT_TRUE(IsReviewResult("public"));
  EXPECT_TRUE(IsReviewResult("partial"));
  EXPECT_TRUE(IsReviewResult("withheld"));
  EXPECT_FALSE(IsReviewResult("approved"));  // an approval result, not a review result
  EXPECT_FALSE(IsReviewResult(""));
  EXPECT_EQ(ReviewResultLabel("public"), "可公开");
  EXPECT_EQ(ReviewResultLabel("partial"), "部分公开");
  EXPECT_EQ(ReviewResultLabel("withheld"), "不予公开");
  EXPECT_EQ(ReviewResultLabel("returned"), "退回");
}

// ---- ValidateDraft ----

constexpr int64_t kOffset = 8 * 3600;
// 2026-03-10T20:00:00Z: already Wednesday 2026-03-11 04:00 in Beijing.
constexpr int64_t kNow = 1773172800;

Item ValidItem() {
  Item it;
  it.title = "2026年门诊服务时间调整公告";
  it.summary = "摘要";
  it.body = "自3月起，门诊服务时间调整为8:00-17:30。";
  it.audience = "society";
  it.channels = {"website", "onsite_board"};
  it.formed_on = "2026-03-09";
  return it;
}

std::vector<std::string> Fields(const Item& it) {
  Validation v;
  ValidateDraft(it, kNow, kOffset, v);
  std::vector<std::string> out;
  const Status s = v.ToStatus();
  for (const FieldError& f : s.fields()) out.push_back(f.field);
  return out;
}

using Strings = std::vector<std::string>;

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ValidateDraftTest, AValidItemPasses) {
  EXPECT_EQ(Fields(ValidItem()), Strings{});
  Item all_audiences = ValidItem();
  for (const char* a : {"society", "patient", "staff"}) {
    all_audiences.audience = a;
    EXPECT_EQ(Fields(all_audiences), Strings{}) << a;
  }
  Item every_channel = ValidItem();
  every_channel.channels = {"website", "onsite_board", "screen",  "service_desk",
                            "wechat",  "handbook",     "hotline", "oa"};
  EXPECT_EQ(Fields(every_channel), Strings{});
}

TEST(ValidateDraftTest, FieldCases) {
  struct Case {
    const char* what;
    std::function<void(Item&)> edit;
    Strings fields;
  };
  const std::string now_iso = FormatTimestamp(kNow);
  const std::vector<Case> cases = {
      {"empty title", [](Item& i) { i.title = ""; }, {"title"}},
      {"200-character title", [](Item& i) { i.title = Repeat("院", 200); }, {}},
      {"201-character title", [](Item& i) { i.title = Repeat("院", 201); }, {"title"}},
      {"500-character summary", [](Item& i) { i.summary = Repeat("摘", 500); }, {}},
      {"501-character summary", [](Item& i) { i.summary = Repeat("摘", 501); }, {"summary"}},
      {"empty body", [](Item& i) { i.body = ""; }, {"body"}},
      {"100000-character body", [](Item& i) { i.body = Repeat("文", 100000); }, {}},
      {"100001-character body", [](Item& i) { i.body = Repeat("文", 100001); }, {"body"}},
      {"unknown audience", [](Item& i) { i.audience = "public"; }, {"audience"}},
      {"empty audience", [](Item& i) { i.audience = ""; }, {"audience"}},
      {"no channel", [](Item& i) { i.channels.clear(); }, {"channels"}},
      {"unknown channel",
       [](Item& i) {
         i.channels = {"website", "tiktok"};
       },
       {"channels"}},
      {"two unknown channels",
       [](Item& i) {
         i.channels = {"fax", "tiktok"};
       },
       {"channels", "channels"}},
      {"empty formed_on", [](Item& i) { i.formed_on = ""; }, {"formed_on"}},
      {"slashes in formed_on", [](Item& i) { i.formed_on = "2026/03/09"; }, {"formed_on"}},
      {"impossible formed_on", [](Item& i) { i.formed_on = "2026-02-30"; }, {"formed_on"}},
      // Local today is 2026-03-11 (UTC is still 03-10): the local date decides.
      {"formed today (local)", [](Item& i) { i.formed_on = "2026-03-11"; }, {}},
      {"formed tomorrow (local)", [](Item& i) { i.formed_on = "2026-03-12"; }, {"formed_on"}},
      {"publish and expire in order",
       [](Item& i) {
         i.publish_at = "2026-03-12T00:00:00Z";
         i.expire_at = "2026-04-12T00:00:00Z";
       },
       {}},
      {"expire before publish",
       [](Item& i) {
         i.publish_at = "2026-04-12T00:00:00Z";
         i.expire_at = "2026-04-11T00:00:00Z";
       },
       {"expire_at"}},
      {"expire equal to publish",
       [](Item& i) {
         i.publish_at = "2026-04-12T00:00:00Z";
         i.expire_at = "2026-04-12T00:00:00Z";
       },
       {"expire_at"}},
      {"expire in the past", [](Item& i) { i.expire_at = "2026-03-10T19:59:59Z"; }, {"expire_at"}},
      {"expire exactly now", [now_iso](Item& i) { i.expire_at = now_iso; }, {"expire_at"}},
      {"expire one second from now", [](Item& i) { i.expire_at = "2026-03-10T20:00:01Z"; }, {}},
      {"publish in the past is allowed (publishes on approval)",
       [](Item& i) { i.publish_at = "2026-01-01T00:00:00Z"; },
       {}},
      {"past expire before past publish",
       [](Item& i) {
         i.publish_at = "2026-03-01T00:00:00Z";
         i.expire_at = "2026-02-01T00:00:00Z";
       },
       {"expire_at", "expire_at"}},
  };
  for (const Case& c : cases) {
    Item it = ValidItem();
    c.edit(it);
    EXPECT_EQ(Fields(it), c.fields) << c.what;
  }
}

TEST(ValidateDraftTest, ReportsEveryBadFieldAtOnceInFormOrder) {
  Item it;
  it.audience = "everyone";
  it.formed_on = "yesterday";
  Validation v;
  ValidateDraft(it, kNow, kOffset, v);
  Status s = v.ToStatus();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldError& f : s.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (Strings{"title", "body", "audience", "channels", "formed_on"}));
  EXPECT_EQ(s.message(), "标题不能为空（共5处错误）");
  EXPECT_EQ(s.fields()[3].reason, "请至少选择一个公开渠道");
}

TEST(ValidateDraftTest, AppendsToAnExistingValidation) {
  Validation v;
  v.Fail("catalogue_id", "所属公开目录不存在", "catalogue entry does not exist");
  ValidateDraft(ValidItem(), kNow, kOffset, v);
  EXPECT_EQ(v.ToStatus().fields().size(), 1u);
}

}  // namespace
}  // namespace yuanwu::disclosure
