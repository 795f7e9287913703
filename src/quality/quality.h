// Quality and safety (质量安全, domain-spec §7): the names the module shares and its code lists.
//
// Two case types of the case engine live here, each shipped as data (data/cases/<type>.json):
//   adverse_event  医疗安全（不良）事件: reported by any member of staff (optionally anonymous),
//                  handled by the department, reviewed with a root-cause analysis by the quality
//                  office, corrected through rectification tasks, evaluated and closed;
//   rectification  限期整改: a task owned by a department with a deadline, from an inspection
//                  finding, an adverse event's corrective action, a complaint or the office.
// Inspections (督查) score departments against versioned checklist templates
// (data/quality/checklists/*.json) and turn findings into rectification tasks.
//
// The code lists (event categories, harm grades I–IV, external-report severities, the
// 人/机/料/法/环 cause categories, effectiveness, rectification sources) with zh/en names and
// help texts are data: src/quality/data/codes.json, compiled into the module.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/base/result.h"
#include "platform/cases/code_list.h"

namespace yuanwu::quality {

inline constexpr const char* kEventType = "adverse_event";
inline constexpr const char* kEventReport = "adverse_events.report";
inline constexpr const char* kEventRead = "adverse_events.read";
inline constexpr const char* kEventHandle = "adverse_events.handle";
inline constexpr const char* kEventManage = "adverse_events.manage";

inline constexpr const char* kRectType = "rectification";
inline constexpr const char* kRectRead = "rectification.read";
inline constexpr const char* kRectHandle = "rectification.handle";
inline constexpr const char* kRectManage = "rectification.manage";

inline constexpr const char* kInspectRead = "inspections.read";
inline constexpr const char* kInspectManage = "inspections.manage";

// What everyone but adverse_events.manage sees instead of a named reporter.
inline constexpr const char* kProtected = "（已保护）";
inline constexpr const char* kAnonymous = "匿名";

// grades and severities carry help (the definition shown on the form); severities the CaseRules
// period name (report_general, …).
using Code = cases::Code;

struct Codes {
  std::vector<Code> categories;
  std::vector<Code> grades;
  std::vector<Code> severities;
  std::vector<Code> cause_categories;
  std::vector<Code> effectiveness;
  std::vector<Code> rectification_sources;
  std::string non_punitive_notice;
  std::string non_punitive_notice_en;
};

// Errors name the JSON path of the problem (missing list, duplicate code, empty name, a
// severity without its period).
Result<Codes> ParseCodes(std::string_view json);

// The shipped files, compiled into the module (CMakeLists.txt).
std::string_view ShippedCodesJson();
std::string_view ShippedEventTypeJson();
std::string_view ShippedRectificationTypeJson();
// data/quality/checklists/*.json: (path, content) in path order.
std::vector<std::pair<std::string, std::string_view>> ShippedChecklists();

}  // namespace yuanwu::quality
