#include "platform/cases/code_list.h"

#include <set>

namespace yuanwu::cases {
namespace {

using nlohmann::json;

std::string OptionalString(const json& e, const char* key) {
  return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : "";
}

}  // namespace

Result<std::vector<Code>> ParseCodeList(const json& doc, const char* key, PeriodRule period) {
  std::string path = std::string("$.") + key;
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array() || doc[key].empty()) {
    return Status::Invalid(path, "缺少代码列表", "the code list is missing or empty");
  }
  std::vector<Code> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < doc[key].size(); ++i) {
    const json& e = doc[key][i];
    std::string at = path + "[" + std::to_string(i) + "]";
    if (!e.is_object()) return Status::Invalid(at, "应为对象", "must be an object");
    Code c;
    for (auto [field, out_field] : {std::pair{"code", &c.code}, std::pair{"name", &c.name},
                                    std::pair{"name_en", &c.name_en}}) {
      if (!e.contains(field) || !e[field].is_string() || e[field].get<std::string>().empty()) {
        return Status::Invalid(at + "." + field, "不能为空", "must be a non-empty string");
      }
      *out_field = e[field].get<std::string>();
    }
    c.help = OptionalString(e, "help");
    c.help_en = OptionalString(e, "help_en");
    c.period = OptionalString(e, "period");
    if (period == PeriodRule::kOptional && (!e.contains("period") || !e["period"].is_string())) {
      return Status::Invalid(at + ".period", "应为期限名称（可为空）",
                             "must be a period name (may be empty)");
    }
    if (period == PeriodRule::kRequired && c.period.empty()) {
      return Status::Invalid(at + ".period", "缺少期限名称", "the period name is required");
    }
    if (!seen.insert(c.code).second) {
      return Status::Invalid(at + ".code", "代码重复：" + c.code, "duplicate code: " + c.code);
    }
    out.push_back(std::move(c));
  }
  return out;
}

const Code* FindCode(const std::vector<Code>& list, std::string_view code) {
  for (const Code& c : list) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::string CodeName(const std::vector<Code>& list, std::string_view code, bool english) {
  const Code* c = FindCode(list, code);
  if (c == nullptr) return std::string(code);
  return english ? c->name_en : c->name;
}

std::string_view EmbeddedContent(const EmbeddedFile* table, std::string_view path) {
  for (const EmbeddedFile* f = table; !f->path.empty(); ++f) {
    if (f->path == path) return f->content;
  }
  return {};
}

}  // namespace yuanwu::cases
