#include "platform/cases/case_type.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace yuanwu::cases {

namespace {

using nlohmann::json;

Status Bad(const std::string& path, const std::string& zh, const std::string& en) {
  return Status::Invalid(path, zh, en);
}

Result<std::string> Str(const json& obj, const char* key, const std::string& path, bool required) {
  if (!obj.contains(key) || obj[key].is_null()) {
    if (required) return Bad(path + "." + key, "缺少必填项", "is required");
    return std::string();
  }
  if (!obj[key].is_string()) return Bad(path + "." + key, "应为字符串", "must be a string");
  std::string s = obj[key].get<std::string>();
  if (required && s.empty()) return Bad(path + "." + key, "不能为空", "must not be empty");
  return s;
}

bool Known(const std::vector<std::string>& known, const std::string& p) {
  return std::find(known.begin(), known.end(), p) != known.end();
}

}  // namespace

const StateDef* CaseType::State(std::string_view code) const {
  for (const StateDef& s : states) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

const ActionDef* CaseType::Action(std::string_view action) const {
  for (const ActionDef& a : actions) {
    if (a.action == action) return &a;
  }
  return nullptr;
}

std::vector<const ActionDef*> CaseType::ActionsFrom(std::string_view state) const {
  std::vector<const ActionDef*> out;
  for (const ActionDef& a : actions) {
    if (std::find(a.from.begin(), a.from.end(), state) != a.from.end()) out.push_back(&a);
  }
  return out;
}

Result<CaseType> ParseCaseType(std::string_view text,
                               const std::vector<std::string>& known_permissions) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Bad("$", "案件类型定义不是有效的 JSON 对象", "the case type is not a JSON object");
  }
  CaseType t;
  YW_ASSIGN_OR_RETURN(t.type, Str(doc, "type", "$", true));
  YW_ASSIGN_OR_RETURN(t.name, Str(doc, "name", "$", true));
  YW_ASSIGN_OR_RETURN(t.name_en, Str(doc, "name_en", "$", true));
  YW_ASSIGN_OR_RETURN(t.code_prefix, Str(doc, "code_prefix", "$", true));
  YW_ASSIGN_OR_RETURN(t.initial, Str(doc, "initial", "$", true));
  if (!doc.contains("permissions") || !doc["permissions"].is_object()) {
    return Bad("$.permissions", "缺少权限定义", "is required");
  }
  const json& perms = doc["permissions"];
  YW_ASSIGN_OR_RETURN(t.read_permission, Str(perms, "read", "$.permissions", true));
  YW_ASSIGN_OR_RETURN(t.handle_permission, Str(perms, "handle", "$.permissions", true));
  YW_ASSIGN_OR_RETURN(t.manage_permission, Str(perms, "manage", "$.permissions", true));
  for (const std::string* p : {&t.read_permission, &t.handle_permission, &t.manage_permission}) {
    if (!Known(known_permissions, *p)) {
      return Bad("$.permissions", "未知的权限：" + *p, "unknown permission: " + *p);
    }
  }

  if (!doc.contains("states") || !doc["states"].is_array() || doc["states"].empty()) {
    return Bad("$.states", "至少需要一个状态", "needs at least one state");
  }
  std::set<std::string> codes;
  for (size_t i = 0; i < doc["states"].size(); ++i) {
    const json& s = doc["states"][i];
    std::string path = "$.states[" + std::to_string(i) + "]";
    if (!s.is_object()) return Bad(path, "应为对象", "must be an object");
    StateDef d;
    YW_ASSIGN_OR_RETURN(d.code, Str(s, "code", path, true));
    YW_ASSIGN_OR_RETURN(d.name, Str(s, "name", path, true));
    YW_ASSIGN_OR_RETURN(d.name_en, Str(s, "name_en", path, true));
    d.closed = s.value("closed", false);
    if (!codes.insert(d.code).second) {
      return Bad(path, "状态重复：" + d.code, "duplicate state: " + d.code);
    }
    t.states.push_back(std::move(d));
  }
  if (!codes.count(t.initial)) {
    return Bad("$.initial", "初始状态未定义：" + t.initial, "undeclared state: " + t.initial);
  }

  std::set<std::string> names;
  const json empty = json::array();
  const json& actions = doc.contains("actions") ? doc["actions"] : empty;
  if (!actions.is_array()) return Bad("$.actions", "应为数组", "must be an array");
  for (size_t i = 0; i < actions.size(); ++i) {
    const json& a = actions[i];
    std::string path = "$.actions[" + std::to_string(i) + "]";
    if (!a.is_object()) return Bad(path, "应为对象", "must be an object");
    ActionDef d;
    YW_ASSIGN_OR_RETURN(d.action, Str(a, "action", path, true));
    YW_ASSIGN_OR_RETURN(d.name, Str(a, "name", path, true));
    YW_ASSIGN_OR_RETURN(d.name_en, Str(a, "name_en", path, true));
    YW_ASSIGN_OR_RETURN(d.to, Str(a, "to", path, true));
    YW_ASSIGN_OR_RETURN(d.permission, Str(a, "permission", path, true));
    YW_ASSIGN_OR_RETURN(d.clock, Str(a, "clock", path, false));
    YW_ASSIGN_OR_RETURN(std::string note, Str(a, "note", path, false));
    if (!note.empty() && note != "required" && note != "optional") {
      return Bad(path + ".note", "应为 required 或 optional", "must be required or optional");
    }
    d.note_required = note == "required";
    d.is_public = a.value("public", false);
    if (!names.insert(d.action).second) {
      return Bad(path, "操作重复：" + d.action, "duplicate action: " + d.action);
    }
    if (!codes.count(d.to)) {
      return Bad(path + ".to", "状态未定义：" + d.to, "undeclared state: " + d.to);
    }
    if (!Known(known_permissions, d.permission)) {
      return Bad(path + ".permission", "未知的权限：" + d.permission,
                 "unknown permission: " + d.permission);
    }
    static const std::set<std::string> kClocks = {"", "stop", "pause", "resume", "restart"};
    if (!kClocks.count(d.clock)) {
      return Bad(path + ".clock", "未知的计时操作：" + d.clock, "unknown clock effect: " + d.clock);
    }
    if (!a.contains("from") || !a["from"].is_array() || a["from"].empty()) {
      return Bad(path + ".from", "至少需要一个起始状态", "needs at least one state");
    }
    for (const json& f : a["from"]) {
      if (!f.is_string() || !codes.count(f.get<std::string>())) {
        return Bad(path + ".from", "状态未定义：" + f.dump(), "undeclared state: " + f.dump());
      }
      d.from.push_back(f.get<std::string>());
    }
    t.actions.push_back(std::move(d));
  }
  return t;
}

}  // namespace yuanwu::cases
