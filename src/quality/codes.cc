#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/base/embedded.h"
#include "quality/quality.h"

namespace yuanwu_quality_embedded {
extern const yuanwu::EmbeddedFile kFiles[];  // see CMakeLists.txt
}

namespace yuanwu::quality {
namespace {

using nlohmann::json;

std::string_view Embedded(std::string_view path) {
  return cases::EmbeddedContent(yuanwu_quality_embedded::kFiles, path);
}

Status Bad(const std::string& path, const std::string& zh, const std::string& en) {
  return Status::Invalid(path, zh, en);
}

std::string OptionalString(const json& e, const char* key) {
  return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : "";
}

}  // namespace

Result<Codes> ParseCodes(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Bad("$", "质量安全代码表不是有效的 JSON 对象",
               "the quality codes are not a JSON object");
  }
  Codes c;
  YW_ASSIGN_OR_RETURN(c.categories, cases::ParseCodeList(doc, "categories"));
  YW_ASSIGN_OR_RETURN(c.grades, cases::ParseCodeList(doc, "grades"));
  YW_ASSIGN_OR_RETURN(c.severities,
                      cases::ParseCodeList(doc, "severities", cases::PeriodRule::kRequired));
  YW_ASSIGN_OR_RETURN(c.cause_categories, cases::ParseCodeList(doc, "cause_categories"));
  YW_ASSIGN_OR_RETURN(c.effectiveness, cases::ParseCodeList(doc, "effectiveness"));
  YW_ASSIGN_OR_RETURN(c.rectification_sources, cases::ParseCodeList(doc, "rectification_sources"));
  // The module relies on these codes by name.
  for (const char* code : {"inspection", "adverse_event", "complaint", "other"}) {
    if (!cases::FindCode(c.rectification_sources, code)) {
      return Bad("$.rectification_sources", std::string("缺少 ") + code,
                 std::string(code) + " is required");
    }
  }
  if (!cases::FindCode(c.effectiveness, "ineffective")) {
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
