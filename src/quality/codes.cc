#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "platform/base/embedded.h"
#include "quality/quality.h"

namespace yuanwu_quality_embedded {
extern const yuanwu::EmbeddedFile kFiles[];  // see CMakeLists.txt
}

namespace yuanwu::quality {
namespace {

using nlohmann::json;

std::string_view Embedded(std::string_view path) {
  for (const EmbeddedFile* f = yuanwu_quality_embedded::kFiles; !f->path.empty(); ++f) {
    if (f->path == path) return f->content;
  }
  return {};
}

Status Bad(const std::string& path, const std::string& zh, const std::string& en) {
  return Status::Invalid(path, zh, en);
}

std::string OptionalString(const json& e, const char* key) {
  return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : "";
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
    c.help = OptionalString(e, "help");
    c.help_en = OptionalString(e, "help_en");
    c.period = OptionalString(e, "period");
    if (with_period && c.period.empty()) {
      return Bad(at + ".period", "缺少期限名称", "the period name is required");
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
    return Bad("$", "质量安全代码表不是有效的 JSON 对象",
               "the quality codes are not a JSON object");
  }
  Codes c;
  YW_ASSIGN_OR_RETURN(c.categories, List(doc, "categories", false));
  YW_ASSIGN_OR_RETURN(c.grades, List(doc, "grades", false));
  YW_ASSIGN_OR_RETURN(c.severities, List(doc, "severities", true));
  YW_ASSIGN_OR_RETURN(c.cause_categories, List(doc, "cause_categories", false));
  YW_ASSIGN_OR_RETURN(c.effectiveness, List(doc, "effectiveness", false));
  YW_ASSIGN_OR_RETURN(c.rectification_sources, List(doc, "rectification_sources", false));
  // The module relies on these codes by name.
  for (const char* code : {"inspection", "adverse_event", "complaint", "other"}) {
    if (!Codes::Find(c.rectification_sources, code)) {
      return Bad("$.rectification_sources", std::string("缺少 ") + code,
                 std::string(code) + " is required");
    }
  }
  if (!Codes::Find(c.effectiveness, "ineffective")) {
    return Bad("$.effectiveness", "缺少 ineffective", "ineffective is required");
  }
  c.non_punitive_notice = OptionalString(doc, "non_punitive_notice");
  c.non_punitive_notice_en = OptionalString(doc, "non_punitive_notice_en");
  if (c.non_punitive_notice.empty()) {
    return Bad("$.non_punitive_notice", "缺少非惩罚性上报说明",
               "the non-punitive reporting notice is required");
  }
  return c;
}

std::string_view ShippedCodesJson() { return Embedded("src/quality/data/codes.json"); }
std::string_view ShippedEventTypeJson() { return Embedded("data/cases/adverse_event.json"); }
std::string_view ShippedRectificationTypeJson() {
  return Embedded("data/cases/rectification.json");
}

std::vector<std::pair<std::string, std::string_view>> ShippedChecklists() {
  std::vector<std::pair<std::string, std::string_view>> out;
  for (const EmbeddedFile* f = yuanwu_quality_embedded::kFiles; !f->path.empty(); ++f) {
    if (f->path.starts_with("data/quality/checklists/")) out.emplace_back(f->path, f->content);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace yuanwu::quality
