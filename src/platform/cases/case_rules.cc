#include "platform/cases/case_rules.h"

#include <nlohmann/json.hpp>

namespace yuanwu::cases {

namespace {

using nlohmann::json;

Status CheckPeriod(const std::string& path, const std::string& value) {
  if (value.empty()) return Status::Ok();
  Result<deadline::Period> p = deadline::ParsePeriod(value);
  if (!p.ok()) {
    return Status::Invalid(path, "期限格式不正确：" + value + "（例如 5wd、15d、12h）",
                           "invalid period: " + value + " (e.g. 5wd, 15d, 12h)");
  }
  return Status::Ok();
}

// Applies one type's object onto `r`; every value is validated.
Status Apply(const std::string& type, const json& obj, TypeRules* r) {
  if (!obj.is_object()) return Status::Invalid(type, "应为对象", "must be an object");
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string path = type + "." + it.key();
    if (it.key() == "periods") {
      if (!it->is_object()) return Status::Invalid(path, "应为对象", "must be an object");
      for (auto p = it->begin(); p != it->end(); ++p) {
        if (!p->is_string())
          return Status::Invalid(path + "." + p.key(), "应为字符串", "must be a string");
        std::string v = p->get<std::string>();
        if (v.empty()) {
          return Status::Invalid(path + "." + p.key(), "期限不能为空", "must not be empty");
        }
        YW_RETURN_IF_ERROR(CheckPeriod(path + "." + p.key(), v));
        r->periods[p.key()] = v;
      }
      continue;
    }
    std::string* field = it.key() == "remind_before"    ? &r->remind_before
                         : it.key() == "escalate_after" ? &r->escalate_after
                         : it.key() == "extension_max"  ? &r->extension_max
                                                        : nullptr;
    if (!field) return Status::Invalid(path, "未知的配置项", "unknown setting");
    if (!it->is_string()) return Status::Invalid(path, "应为字符串", "must be a string");
    YW_RETURN_IF_ERROR(CheckPeriod(path, it->get<std::string>()));
    *field = it->get<std::string>();
  }
  return Status::Ok();
}

Result<json> ParseObject(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::Invalid("rules", "期限配置不是有效的 JSON 对象",
                           "the rules are not a JSON object");
  }
  return doc;
}

}  // namespace

Result<CaseRules> CaseRules::Parse(std::string_view text) {
  YW_ASSIGN_OR_RETURN(json doc, ParseObject(text));
  CaseRules rules;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    YW_RETURN_IF_ERROR(Apply(it.key(), *it, &rules.types_[it.key()]));
  }
  return rules;
}

Result<CaseRules> CaseRules::Merge(const CaseRules& defaults, std::string_view overrides_json) {
  YW_ASSIGN_OR_RETURN(json doc, ParseObject(overrides_json));
  CaseRules rules = defaults;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    auto found = rules.types_.find(it.key());
    if (found == rules.types_.end()) {
      return Status::Invalid(it.key(), "未知的案件类型", "unknown case type");
    }
    YW_RETURN_IF_ERROR(Apply(it.key(), *it, &found->second));
  }
  return rules;
}

Result<TypeRules> CaseRules::For(std::string_view type) const {
  auto it = types_.find(type);
  if (it == types_.end()) {
    return Status::NotFound("案件类型的期限配置：" + std::string(type),
                            "deadline rules of case type " + std::string(type));
  }
  return it->second;
}

Result<std::string> CaseRules::Period(std::string_view type, std::string_view name) const {
  YW_ASSIGN_OR_RETURN(TypeRules r, For(type));
  auto it = r.periods.find(std::string(name));
  if (it == r.periods.end()) {
    return Status::NotFound("期限配置 " + std::string(type) + "." + std::string(name),
                            "period " + std::string(type) + "." + std::string(name));
  }
  return it->second;
}

std::string CaseRules::ToJson() const {
  json doc = json::object();
  for (const auto& [type, r] : types_) {
    json t = json::object();
    t["periods"] = r.periods;
    t["remind_before"] = r.remind_before;
    t["escalate_after"] = r.escalate_after;
    t["extension_max"] = r.extension_max;
    doc[type] = t;
  }
  return doc.dump();
}

}  // namespace yuanwu::cases
