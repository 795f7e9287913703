// The complaint record (投诉, domain-spec §2.5) and its code lists. A complaint is a case of the
// case engine (type "complaint", data/cases/complaint.json): the engine owns its state, owner,
// deadline and timeline; this record holds what only a complaint has, in table `complaint`
// keyed by case_record.id (migrations/0009_complaints.sql).
//
// The code lists (channels, categories, complexity, relations, reply methods, follow-up routes,
// the five 不予处理 reasons) with their zh/en names are data: src/complaints/data/codes.json,
// compiled into the module (ShippedCodesJson()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/cases/code_list.h"

namespace yuanwu::complaints {

inline constexpr const char* kType = "complaint";
inline constexpr const char* kRead = "complaints.read";
inline constexpr const char* kHandle = "complaints.handle";
inline constexpr const char* kManage = "complaints.manage";
// 首诉负责制: any member of staff who receives a complaint at their desk registers it.
inline constexpr const char* kRegister = "complaints.register";

struct Complaint {
  int64_t case_id = 0;
  std::string source;  // "public" (portal form) or "staff" (registered by a member of staff)
  std::string channel;
  std::string received_at;     // UTC ISO-8601
  std::string received_local;  // local "YYYY-MM-DD HH:MM": statistics group by its year/month
  int64_t first_receiver_department_id = 0;  // 首诉接待科室 (0 = none, e.g. public intake)
  std::string first_receiver_department_name;
  std::string first_receiver_name;  // 首诉接待人
  bool resolved_on_spot = false;
  // 投诉人 — confidential: only complaints.manage holders see it unmasked.
  std::string complainant_name;
  std::string complainant_relation;  // code, relation to the patient
  std::string complainant_phone;
  std::string complainant_id_number;  // optional 身份证明
  // 患者
  std::string patient_name;
  std::string patient_record_no;  // 门诊/住院号
  int64_t patient_department_id = 0;
  std::string patient_department_name;
  // 被投诉对象
  int64_t target_department_id = 0;
  std::string target_department_name;
  std::string target_staff;
  std::string category;
  std::string description;
  std::string demand;      // 诉求
  std::string complexity;  // on_the_spot | investigate | multi_department
  // 反馈
  std::string reply_text;
  std::string reply_method;
  std::string replied_at;  // UTC; empty until replied
  std::optional<bool> accepted;
  std::vector<std::string> follow_up;  // routes the patient was told of
  // 不予处理
  std::string not_processed_reason;
  std::string not_processed_explanation;
  std::string not_processed_at;
  // 重大医疗纠纷 (→ reported to the health authority, 医疗纠纷预防和处理条例 Art.28)
  bool major_dispute = false;
  std::string major_dispute_note;
  std::string major_dispute_at;
  // 评价 by the complainant, once, after the reply
  int rating = 0;  // 0 = not rated, else 1..5
  std::string rating_comment;
  std::string rated_at;
  int64_t rectification_case_id = 0;  // an 整改 task spawned from it; 0 = none
  // Set by ForViewer (complaint_json.h) when identity and contact were masked for the viewer.
  bool masked = false;
};

// complexities carry the CaseRules period name ("" = no deadline).
using Code = cases::Code;

// The code lists, parsed once from the data file. Lookups are by code.
struct Codes {
  std::vector<Code> channels;
  std::vector<Code> categories;
  std::vector<Code> complexities;
  std::vector<Code> relations;
  std::vector<Code> reply_methods;
  std::vector<Code> follow_up_routes;
  std::vector<Code> not_processed_reasons;
  std::string public_channel;  // the channel of portal submissions ("online")
};

// Errors name the JSON path of the problem (missing list, duplicate code, empty name).
Result<Codes> ParseCodes(std::string_view json);
// The shipped src/complaints/data/codes.json.
std::string_view ShippedCodesJson();
// The shipped data/cases/complaint.json (the case type the engine registers).
std::string_view ShippedCaseTypeJson();
// The shipped src/complaints/data/portal_labels.json (zh-CN and en texts of the public pages).
std::string_view ShippedPortalLabelsJson();

}  // namespace yuanwu::complaints
