#include "complaints/complaint.h"

#include <nlohmann/json.hpp>

#include "platform/base/embedded.h"

namespace yuanwu_complaints_embedded {
extern const yuanwu::EmbeddedFile kFiles[];  // see CMakeLists.txt
}

namespace yuanwu::complaints {
namespace {

using nlohmann::json;

std::string_view Embedded(std::string_view path) {
  return cases::EmbeddedContent(yuanwu_complaints_embedded::kFiles, path);
}

Status Bad(const std::string& path, const std::string& zh, const std::string& en) {
  return Status::Invalid(path, zh, en);
}

}  // namespace

Result<Codes> ParseCodes(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Bad("$", "投诉代码表不是有效的 JSON 对象", "the complaint codes are not a JSON object");
  }
  Codes c;
  YW_ASSIGN_OR_RETURN(c.channels, cases::ParseCodeList(doc, "channels"));
  YW_ASSIGN_OR_RETURN(c.categories, cases::ParseCodeList(doc, "categories"));
  YW_ASSIGN_OR_RETURN(c.complexities,
                      cases::ParseCodeList(doc, "complexities", cases::PeriodRule::kOptional));
  YW_ASSIGN_OR_RETURN(c.relations, cases::ParseCodeList(doc, "relations"));
  YW_ASSIGN_OR_RETURN(c.reply_methods, cases::ParseCodeList(doc, "reply_methods"));
  YW_ASSIGN_OR_RETURN(c.follow_up_routes, cases::ParseCodeList(doc, "follow_up_routes"));
  YW_ASSIGN_OR_RETURN(c.not_processed_reasons, cases::ParseCodeList(doc, "not_processed_reasons"));
  if (!doc.contains("public_channel") || !doc["public_channel"].is_string() ||
      !cases::FindCode(c.channels, doc["public_channel"].get<std::string>())) {
    return Bad("$.public_channel", "应为渠道列表中的代码", "must be one of the channel codes");
  }
  c.public_channel = doc["public_channel"].get<std::string>();
  // The module relies on these codes by name (on-the-spot registration, the self relation).
  if (!cases::FindCode(c.complexities, "on_the_spot")) {
    return Bad("$.complexities", "缺少 on_the_spot", "on_the_spot is required");
  }
  if (!cases::FindCode(c.relations, "self")) {
    return Bad("$.relations", "缺少 self", "self is required");
  }
  return c;
}

std::string_view ShippedCodesJson() { return Embedded("src/complaints/data/codes.json"); }
std::string_view ShippedCaseTypeJson() { return Embedded("data/cases/complaint.json"); }
std::string_view ShippedPortalLabelsJson() {
  return Embedded("src/complaints/data/portal_labels.json");
}

}  // namespace yuanwu::complaints
