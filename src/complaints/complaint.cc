#include "complaints/complaint.h"

#include <nlohmann/json.hpp>
#include <set>

#include "platform/base/embedded.h"

namespace yuanwu_complaints_embedded {
extern const yuanwu::EmbeddedFile kFiles[];  // see CMakeLists.txt
}

namespace yuanwu::complaints {
namespace {

using nlohmann::json;

std::string_view Embedded(std::string_view path) {
  for (const EmbeddedFile* f = yuanwu_complaints_embedded::kFiles; !f->path.empty(); ++f) {
    if (f->path == path) return f->content;
  }
  return {};
}

Status Bad(const std::string& path, const std::string& zh, const std::string& en) {
  return Status::Invalid(path, zh, en);
}

Result<std::vector<Code>> List(const json& doc, const char* key, bool with_period) {
  std::string path = std::string("$.") + key;
  if (!doc.contains(key) || !doc[key].is_array() || doc[key].empty()) {
    return Bad(path, "缺少代码列表", "the code list is missing or empty");
  }
  std::vector<Code> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < doc[key].size(); ++i) {
    const json& e = doc[key][i];
    std::string at = path + "[" + std::to_string(i) + "]";
    if (!e.is_object()) return Bad(at, "应为对象", "must be an object");
    Code c;
    for (auto [field, out_field] : {std::pair{"code", &c.code}, std::pair{"name", &c.name},
                                    std::pair{"name_en", &c.name_en}}) {
      if (!e.contains(field) || !e[field].is_string() || e[field].get<std::string>().empty()) {
        return Bad(at + "." + field, "不能为空", "must be a non-empty string");
      }
      *out_field = e[field].get<std::string>();
    }
    if (with_period) {
      if (!e.contains("period") || !e["period"].is_string()) {
        return Bad(at + ".period", "应为期限名称（可为空）",
                   "must be a period name (may be empty)");
      }
      c.period = e["period"].get<std::string>();
    }
    if (!seen.insert(c.code).second) {
      return Bad(at + ".code", "代码重复：" + c.code, "duplicate code: " + c.code);
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

const Code* Codes::Find(const std::vector<Code>& list, std::string_view code) {
  for (const Code& c : list) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::string Codes::Name(const std::vector<Code>& list, std::string_view code, bool english) {
  const Code* c = Find(list, code);
  if (c == nullptr) return std::string(code);
  return english ? c->name_en : c->name;
}

Result<Codes> ParseCodes(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Bad("$", "投诉代码表不是有效的 JSON 对象", "the complaint codes are not a JSON object");
  }
  Codes c;
  YW_ASSIGN_OR_RETURN(c.channels, List(doc, "channels", false));
  YW_ASSIGN_OR_RETURN(c.categories, List(doc, "categories", false));
  YW_ASSIGN_OR_RETURN(c.complexities, List(doc, "complexities", true));
  YW_ASSIGN_OR_RETURN(c.relations, List(doc, "relations", false));
  YW_ASSIGN_OR_RETURN(c.reply_methods, List(doc, "reply_methods", false));
  YW_ASSIGN_OR_RETURN(c.follow_up_routes, List(doc, "follow_up_routes", false));
  YW_ASSIGN_OR_RETURN(c.not_processed_reasons, List(doc, "not_processed_reasons", false));
  if (!doc.contains("public_channel") || !doc["public_channel"].is_string() ||
      !Codes::Find(c.channels, doc["public_channel"].get<std::string>())) {
    return Bad("$.public_channel", "应为渠道列表中的代码", "must be one of the channel codes");
  }
  c.public_channel = doc["public_channel"].get<std::string>();
  // The module relies on these codes by name (on-the-spot registration, the self relation).
  if (!Codes::Find(c.complexities, "on_the_spot")) {
    return Bad("$.complexities", "缺少 on_the_spot", "on_the_spot is required");
  }
  if (!Codes::Find(c.relations, "self")) {
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
