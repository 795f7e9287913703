// 院务公开 types: catalogue entries (公开目录), items (公开事项) with their workflow states,
// review records, live publications and price-list rows. Plain data; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yuanwu::disclosure {

// Audiences of 院务公开 (domain-spec §1.4): 社会 / 患者 / 职工.
// society and patient items are public; staff items only reach signed-in staff.
bool IsAudience(std::string_view a);
bool IsPublicAudience(std::string_view a);
std::string_view AudienceLabel(std::string_view a);  // 社会 / 患者 / 职工

// Disclosure channels (公开渠道), stored as a comma-separated list.
bool IsChannel(std::string_view c);
std::string_view ChannelLabel(std::string_view c);
std::string JoinList(const std::vector<std::string>& xs);
std::vector<std::string> SplitList(const std::string& s);

struct CatalogueEntry {
  int64_t id = 0;
  int64_t parent_id = 0;
  std::string code;
  std::string name;
  std::string content;  // 公开内容
  std::string audience = "society";
  std::vector<std::string> channels;
  int64_t department_id = 0;     // 公开主体（责任科室）
  int64_t time_limit_days = 20;  // 公开时限: working days after 形成/变更
  std::string legal_basis;
  int64_t sort = 0;
};

enum class ItemState {
  kDraft,            // 草稿
  kPendingReview,    // 待保密审查
  kPendingApproval,  // 待审批
  kScheduled,        // 定时发布
  kPublished,        // 已发布
  kOffline,          // 已下线
  kExpired,          // 已过期
  kArchived,         // 归档
};
std::string_view StateName(ItemState s);   // "draft", …
std::string_view StateLabel(ItemState s);  // "草稿", …
std::optional<ItemState> ParseState(std::string_view name);

struct Rejection {
  std::string stage;  // "security" or "approval"
  std::string by;
  std::string at;
  std::string reasons;
};

struct Attachment {
  int64_t id = 0;
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  int64_t added_version = 1;
};

struct Item {
  int64_t id = 0;
  int64_t catalogue_id = 0;
  std::string catalogue_name;
  std::string title;
  std::string summary;
  std::string body;
  std::string audience = "society";
  std::vector<std::string> channels;
  int64_t department_id = 0;
  std::string department_name;
  ItemState state = ItemState::kDraft;
  int64_t version = 1;
  std::string formed_on;   // YYYY-MM-DD 形成/变更日期
  std::string publish_at;  // ISO UTC or empty
  std::string expire_at;
  std::string published_at;
  int64_t created_by = 0;
  std::string created_by_name;
  std::string created_at;
  std::string updated_at;
  std::optional<Rejection> rejection;
  int64_t views = 0;
  std::vector<Attachment> attachments;
  bool live = false;  // a publication of some version is public now
  int64_t time_limit_days = 20;
};

// What the portals read: the version of an item that is live now.
struct Publication {
  int64_t item_id = 0;
  int64_t version = 0;
  int64_t catalogue_id = 0;
  std::string catalogue_name;
  std::string title;
  std::string summary;
  std::string body;
  std::string audience;
  std::vector<std::string> channels;
  int64_t department_id = 0;
  std::string department_name;
  std::string published_at;
  std::string expire_at;
  int64_t views = 0;
  std::vector<Attachment> attachments;
};

struct Review {
  std::string stage;  // security 保密审查 | approval 审批
  std::string result;  // public 可公开 | partial 部分公开 | withheld 不予公开 | approved | returned
  std::string basis;
  std::string opinion;
  std::string reviewer_name;
  std::string at;
  int64_t version = 0;
};

struct PriceItem {
  int64_t id = 0;
  std::string kind;  // service 医疗服务 | drug 药品
  std::string code;
  std::string name;
  std::string unit;
  std::string spec;
  int64_t price_fen = 0;
  std::string category;
  std::string connotation;  // 项目内涵
  std::string exclusions;   // 除外内容
  std::string note;
  std::string manufacturer;
  std::string effective_from;
};

}  // namespace yuanwu::disclosure
