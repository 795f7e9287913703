#include "quality/checklist.h"

#include <cmath>
#include <set>

#include "quality/adverse_event_rules.h"

namespace yuanwu::quality {

using http::Json;

std::optional<int64_t> PointsToTenths(const Json& value) {
  if (!value.is_number()) return std::nullopt;
  double d = value.get<double>();
  if (!std::isfinite(d) || d < 0 || d > 1000) return std::nullopt;
  double tenths = d * 10;
  double rounded = std::round(tenths);
  if (std::fabs(tenths - rounded) > 1e-6) return std::nullopt;
  return static_cast<int64_t>(rounded);
}

std::string TenthsText(int64_t x10) {
  std::string out = std::to_string(x10 / 10);
  if (x10 % 10 != 0) out += "." + std::to_string(x10 % 10);
  return out;
}

Json TenthsJson(int64_t x10) {
  if (x10 % 10 == 0) return Json(x10 / 10);
  return Json(static_cast<double>(x10) / 10.0);
}

Checklist ParseChecklist(const Json& doc, bool require_code, Validation& v) {
  Checklist c;
  if (!doc.is_object()) {
    v.Fail("$", "检查表应为 JSON 对象", "the checklist must be a JSON object");
    return c;
  }
  auto text = [&](const char* key, const char* zh, const char* en, bool required, size_t max) {
    if (doc.contains(key) && !doc[key].is_null() && !doc[key].is_string()) {
      v.Fail(key, std::string(zh) + "应为文本", std::string(en) + " must be text");
      return std::string();
    }
    std::string value =
        doc.contains(key) && doc[key].is_string() ? doc[key].get<std::string>() : "";
    return CheckText(value, key, zh, en, required, max, v);
  };
  if (require_code) {
    c.code = text("code", "检查表代码", "the code", true, 40);
    bool ok = c.code.size() >= 2;
    for (char ch : c.code) {
      if (!(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9') && ch != '_') ok = false;
    }
    if (!c.code.empty() && !ok) {
      v.Fail("code", "检查表代码应为2到40个小写字母、数字或下划线",
             "the code must be 2–40 lowercase letters, digits or underscores");
    }
  }
  c.name = text("name", "检查表名称", "the name", true, 100);
  c.name_en = text("name_en", "英文名称", "the English name", false, 200);
  c.category = text("category", "检查表类别", "the category", true, 50);
  c.description = text("description", "说明", "the description", false, 2000);
  if (!doc.contains("items") || !doc["items"].is_array() || doc["items"].empty()) {
    v.Fail("items", "请至少填写一个检查项目", "give at least one item");
    return c;
  }
  const Json& items = doc["items"];
  if (items.size() > 300) {
    v.Fail("items", "检查项目最多300项", "at most 300 items");
    return c;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string at = "items[" + std::to_string(i) + "]";
    const Json& it = items[i];
    if (!it.is_object()) {
      v.Fail(at, "检查项目应为对象", "an item must be an object");
      continue;
    }
    ChecklistItem item;
    item.seq = static_cast<int64_t>(i) + 1;
    auto field = [&](const char* key, const char* zh, const char* en, size_t max) {
      std::string path = at + "." + key;
      std::string value = it.contains(key) && it[key].is_string() ? it[key].get<std::string>() : "";
      if (it.contains(key) && !it[key].is_string()) {
        v.Fail(path, std::string(zh) + "应为文本", std::string(en) + " must be text");
        return std::string();
      }
      return CheckText(value, path.c_str(), zh, en, true, max, v);
    };
    item.category = field("category", "项目类别", "the item's category", 50);
    item.content = field("content", "检查内容", "what is checked", 500);
    std::optional<int64_t> max =
        it.contains("max_score") ? PointsToTenths(it["max_score"]) : std::nullopt;
    if (!max || *max <= 0 || *max > 1000) {
      v.Fail(at + ".max_score", "分值应为大于0、不超过100且最多一位小数的数字",
             "the points must be a number above 0 and at most 100, with at most one decimal");
    } else {
      item.max_x10 = *max;
      c.total_x10 += *max;
    }
    if (!item.content.empty() && !seen.insert(item.category + "\n" + item.content).second) {
      v.Fail(at + ".content", "检查项目重复", "duplicate item");
    }
    c.items.push_back(std::move(item));
  }
  if (c.total_x10 > 10000) {
    v.Fail("items", "检查表总分不能超过1000分", "the checklist may total at most 1000 points");
  }
  return c;
}

Json ChecklistJson(const Checklist& c, bool with_items) {
  Json j = {{"id", c.template_id},
            {"code", c.code},
            {"source", c.source},
            {"active", c.active},
            {"version_id", c.version_id},
            {"version", c.version},
            {"name", c.name},
            {"name_en", c.name_en},
            {"category", c.category},
            {"description", c.description},
            {"total_score", TenthsJson(c.total_x10)},
            {"item_count", c.items.empty() ? c.item_count : static_cast<int64_t>(c.items.size())},
            {"created_at", c.created_at},
            {"created_by_name", c.created_by_name}};
  if (with_items) {
    Json items = Json::array();
    for (const ChecklistItem& i : c.items) {
      items.push_back({{"id", i.id},
                       {"seq", i.seq},
                       {"category", i.category},
                       {"content", i.content},
                       {"max_score", TenthsJson(i.max_x10)}});
    }
    j["items"] = items;
  }
  return j;
}

}  // namespace yuanwu::quality
