// Checklist templates (检查表): items with a category, the content checked and the most points
// it can score. Shipped as data (data/quality/checklists/*.json: 十八项医疗质量安全核心制度, 病历,
// 护理, 院感 — 100 points each), loaded on first start (InspectionService::LoadShipped) and
// editable by inspections.manage. Every edit is a new version; a round keeps the version it
// used, so old scores stay explainable.
//
// The JSON of a template, the same for the shipped files and the API:
// {"code": "core18", "name": "…", "name_en": "…", "category": "医疗质量", "description": "…",
//  "items": [{"category": "首诊负责制度", "content": "…", "max_score": 3}, …]}
// Points have at most one decimal and are kept in tenths (x10) as integers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/status.h"
#include "platform/http/json.h"

namespace yuanwu::quality {

struct ChecklistItem {
  int64_t id = 0;
  int64_t seq = 0;  // 1, 2, … in the version
  std::string category;
  std::string content;
  int64_t max_x10 = 0;
};

struct Checklist {
  int64_t template_id = 0;
  std::string code;
  std::string source;  // shipped | custom
  bool active = true;
  int64_t version_id = 0;
  int64_t version = 0;
  std::string name;
  std::string name_en;
  std::string category;
  std::string description;
  int64_t total_x10 = 0;
  std::string created_at;  // of this version
  std::string created_by_name;
  int64_t item_count = 0;  // also when the items are not loaded
  std::vector<ChecklistItem> items;
};

// Points as tenths: 2.5 → 25. nullopt when not a number with at most one decimal in 0–1000.
std::optional<int64_t> PointsToTenths(const http::Json& value);
// 25 → "2.5", 30 → "3".
std::string TenthsText(int64_t x10);
http::Json TenthsJson(int64_t x10);

// A template from its JSON; problems go to `v` with the JSON field names (items[3].max_score).
// `require_code`: a new template names its code; an edit keeps the one it has.
Checklist ParseChecklist(const http::Json& doc, bool require_code, Validation& v);

http::Json ChecklistJson(const Checklist& c, bool with_items);

}  // namespace yuanwu::quality
