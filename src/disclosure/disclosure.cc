#include "disclosure/disclosure.h"

#include "platform/base/text.h"

namespace yuanwu::disclosure {
namespace {

struct Named {
  std::string_view code;
  std::string_view label;
};

constexpr Named kAudiences[] = {{"society", "社会"}, {"patient", "患者"}, {"staff", "职工"}};
constexpr Named kChannels[] = {{"website", "网站"},     {"onsite_board", "公开栏"},
                               {"screen", "电子屏"},    {"service_desk", "服务台"},
                               {"wechat", "公众号"},    {"handbook", "服务手册"},
                               {"hotline", "咨询电话"}, {"oa", "OA"}};
constexpr Named kStates[] = {{"draft", "草稿"},
                             {"pending_review", "待保密审查"},
                             {"pending_approval", "待审批"},
                             {"scheduled", "定时发布"},
                             {"published", "已发布"},
                             {"offline", "已下线"},
                             {"expired", "已过期"},
                             {"archived", "归档"}};

}  // namespace

bool IsAudience(std::string_view a) {
  for (const Named& n : kAudiences) {
    if (n.code == a) return true;
  }
  return false;
}

bool IsPublicAudience(std::string_view a) { return a == "society" || a == "patient"; }

std::string_view AudienceLabel(std::string_view a) {
  for (const Named& n : kAudiences) {
    if (n.code == a) return n.label;
  }
  return a;
}

bool IsChannel(std::string_view c) {
  for (const Named& n : kChannels) {
    if (n.code == c) return true;
  }
  return false;
}

std::string_view ChannelLabel(std::string_view c) {
  for (const Named& n : kChannels) {
    if (n.code == c) return n.label;
  }
  return c;
}

std::string JoinList(const std::vector<std::string>& xs) {
  std::string out;
  for (const std::string& x : xs) out += (out.empty() ? "" : ",") + x;
  return out;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  for (const std::string& x : Split(s, ',')) {
    if (!Trim(x).empty()) out.push_back(Trim(x));
  }
  return out;
}

std::string_view StateName(ItemState s) { return kStates[static_cast<int>(s)].code; }
std::string_view StateLabel(ItemState s) { return kStates[static_cast<int>(s)].label; }

std::optional<ItemState> ParseState(std::string_view name) {
  for (size_t i = 0; i < std::size(kStates); ++i) {
    if (kStates[i].code == name) return static_cast<ItemState>(i);
  }
  return std::nullopt;
}

}  // namespace yuanwu::disclosure
