// CaseType: the states of one kind of case, the actions that move it and who may take them.
// Each case type (complaint, adverse event, rectification task, disclosure application) ships
// its definition as a data file, data/cases/<type>.json, parsed here; the engine enforces it.
//
// {
//   "type": "complaint", "name": "投诉", "name_en": "Complaint", "code_prefix": "TS",
//   "permissions": {"read": "complaints.read", "handle": "complaints.handle",
//                   "manage": "complaints.manage"},
//   "initial": "registered",
//   "states": [{"code": "registered", "name": "已受理", "name_en": "Registered"}, …,
//              {"code": "closed", "name": "已办结", "name_en": "Closed", "closed": true}],
//   "actions": [{"action": "reply", "name": "反馈", "name_en": "Reply",
//                "from": ["investigating"], "to": "replied", "permission": "complaints.handle",
//                "note": "required", "clock": "stop", "public": true}, …]
// }
//
// "clock" is what the action does to the deadline: "stop" (answered: the case met or missed its
// deadline at this moment), "pause", "resume", "restart" (a 补正 received), or "" (nothing).
// "note": "required" makes the action need a reason / content. "public": the event appears on
// the requester's tracking page. Every permission must be one the app knows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

namespace yuanwu::cases {

struct StateDef {
  std::string code;
  std::string name;
  std::string name_en;
  bool closed = false;  // no action leads out of a closed state except those listed from it
};

struct ActionDef {
  std::string action;
  std::string name;
  std::string name_en;
  std::vector<std::string> from;
  std::string to;  // may equal a "from" state (e.g. a supervisor's 督办 that changes nothing)
  std::string permission;
  bool note_required = false;
  std::string clock;  // "", "stop", "pause", "resume", "restart"
  bool is_public = false;
};

struct CaseType {
  std::string type;
  std::string name;
  std::string name_en;
  std::string code_prefix;  // 编号 = prefix-YYYY-NNNN
  // read: see cases of one's own department scope; handle: work on them (notes, attachments,
  // the department's actions); manage: every case of the type, assignment, clock changes,
  // extensions (the responsible office, e.g. 医患办 / 质控办 / 院办).
  std::string read_permission;
  std::string handle_permission;
  std::string manage_permission;
  std::string initial;
  std::vector<StateDef> states;
  std::vector<ActionDef> actions;

  const StateDef* State(std::string_view code) const;
  const ActionDef* Action(std::string_view action) const;
  // Actions whose "from" includes `state`.
  std::vector<const ActionDef*> ActionsFrom(std::string_view state) const;
};

// Errors name the JSON path: an unknown state in "from"/"to", a duplicate action, a permission
// not in `known_permissions`, an unknown clock effect.
Result<CaseType> ParseCaseType(std::string_view json,
                               const std::vector<std::string>& known_permissions);

}  // namespace yuanwu::cases
