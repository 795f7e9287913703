// The rules of 依申请公开 (disclosure applications, 政府信息公开条例 Art.29–45, domain-spec §1.5)
// and of the annual table 三「收到和处理政府信息公开申请情况」(国办公开办函〔2021〕30号,
// domain-spec §1.6). Pure: no database, no clock; the application module records applications
// as cases (data/cases/disclosure_application.json) and calls these functions.
// Tested with tests/disclosure/applications/*.case (see the README there).
//
// Example:
//   Result<Date> on = ReceivedOn(SubmissionChannel::kRegisteredMail, sent, signed_for, {});
//   Result<AnnualTable> t = BuildAnnualTable(2025, records);
//   if (t.ok()) YW_RETURN_IF_ERROR(Check(*t));
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/base/time.h"
#include "platform/calendar/working_calendar.h"

namespace yuanwu::disclosure {

// ---- Who applied: the columns of table 三 (申请人情况), in the table's order ----
enum class ApplicantKind {
  kNaturalPerson,   // 自然人
  kBusiness,        // 法人或其他组织：商业企业
  kResearch,        // 科研机构
  kPublicInterest,  // 社会公益组织
  kLegalServices,   // 法律服务机构
  kOther,           // 其他
};
inline constexpr int kApplicantKinds = 6;
inline constexpr std::array<ApplicantKind, kApplicantKinds> kAllApplicantKinds = {
    ApplicantKind::kNaturalPerson,  ApplicantKind::kBusiness,      ApplicantKind::kResearch,
    ApplicantKind::kPublicInterest, ApplicantKind::kLegalServices, ApplicantKind::kOther};

std::string_view ApplicantKindCode(ApplicantKind k);  // "natural_person", "business", …
std::string_view ApplicantKindName(ApplicantKind k);  // the column label: "自然人", "商业企业", …
std::string_view ApplicantKindNameEn(ApplicantKind k);
std::optional<ApplicantKind> ParseApplicantKind(std::string_view code);

// ---- How the application arrived, and the receipt date of Art.31 (收到申请之日) ----
enum class SubmissionChannel {
  kInPerson,        // 当面提交 (also an oral application written down by the office, Art.29)
  kRegisteredMail,  // 挂号信、EMS 等需签收的邮件
  kOrdinaryMail,    // 平信
  kOnline,          // 互联网渠道 (网上申请平台、电子邮件)
  kFax,             // 传真
};
std::string_view ChannelCode(SubmissionChannel c);  // "in_person", "registered_mail", …
std::string_view ChannelName(SubmissionChannel c);
std::string_view ChannelNameEn(SubmissionChannel c);
std::optional<SubmissionChannel> ParseChannel(std::string_view code);

// Art.31: in person → the day handed in (`submitted`); registered mail / EMS → the day the
// hospital signed for it (`signed_for`); ordinary mail → the day the office confirmed receipt with
// the applicant (`confirmed`); online / fax → the day both sides confirmed (`confirmed`).
// Invalid naming the missing field ("submitted_at", "signed_at", "confirmed_at") when the date the
// channel needs is absent, or when it is before `submitted` (an application cannot arrive before
// it was sent). Dates are local (Beijing) calendar days.
Result<Date> ReceivedOn(SubmissionChannel channel, std::optional<Date> submitted,
                        std::optional<Date> signed_for, std::optional<Date> confirmed);

// ---- How an application ended: one row of table 三「本年度办理结果」, in the table's order ----
// Mapping of the Art.36 answer types [D]: 已主动公开 / 可以公开 → kOpen; 区分处理 (Art.37) →
// kPartial; 信息不存在 and 不属于本机关 → kNotHeld; 补正 not received in time (Art.30) →
// kNoCorrection; withdrawn by the applicant → kOther.
enum class Outcome {
  kOpen,                    // （一）予以公开
  kPartial,                 // （二）部分公开
  kStateSecret,             // （三）1 属于国家秘密
  kLawForbids,              // （三）2 其他法律行政法规禁止公开
  kSecurityStability,       // （三）3 危及“三安全一稳定”
  kThirdParty,              // （三）4 保护第三方合法权益
  kInternalAffairs,         // （三）5 属于三类内部事务信息
  kProcessInformation,      // （三）6 属于四类过程性信息
  kEnforcementFile,         // （三）7 属于行政执法案卷
  kAdminQuery,              // （三）8 属于行政查询事项
  kNotHeld,                 // （四）1 本机关不掌握相关政府信息
  kNeedsCreation,           // （四）2 没有现成信息需要另行制作
  kUnclearAfterCorrection,  // （四）3 补正后申请内容仍不明确
  kPetition,                // （五）1 信访举报投诉类申请
  kRepeat,                  // （五）2 重复申请
  kPublication,             // （五）3 要求提供公开出版物
  kExcessive,               // （五）4 无正当理由大量反复申请
  kConfirmExisting,         // （五）5 要求行政机关确认或重新出具已获取信息
  kNoCorrection,            // （六）1 逾期不补正
  kNoFee,                   // （六）2 逾期未缴费
  kOtherHandling,           // （六）3 其他
};
inline constexpr int kOutcomes = 21;

// The stable code: "open", "partial", "withheld.state_secret", …, "other.other".
std::string_view OutcomeCode(Outcome o);
// The row label exactly as in the table: "（一）予以公开", "1.属于国家秘密", ….
std::string_view OutcomeLabel(Outcome o);
// The heading the row sits under: "（三）不予公开", …; empty for （一） and （二）, which are rows.
std::string_view OutcomeGroupLabel(Outcome o);
// "（三）不予公开 1.属于国家秘密", for lists and answer letters.
std::string OutcomeFullLabel(Outcome o);
std::string_view OutcomeNameEn(Outcome o);
std::optional<Outcome> ParseOutcome(std::string_view code);
// Every outcome in table order.
std::array<Outcome, kOutcomes> AllOutcomes();

// ---- The annual table 三 ----
// One application as the table sees it. `decided_on` and `outcome` go together: an application
// is decided (办结) on the day its outcome was given.
struct ApplicationRecord {
  std::string code;  // 编号, named in errors; may be empty
  ApplicantKind kind = ApplicantKind::kNaturalPerson;
  Date received_on;
  std::optional<Outcome> outcome;
  std::optional<Date> decided_on;
};

// Columns: the six applicant kinds in order, then 总计.
inline constexpr int kColumns = kApplicantKinds + 1;
inline constexpr int kTotalColumn = kApplicantKinds;
using Cells = std::array<int64_t, kColumns>;

struct AnnualTable {
  int year = 0;
  Cells received{};    // 一、本年新收: received in the year
  Cells carried_in{};  // 二、上年结转: received earlier, not decided before it
  std::array<Cells, kOutcomes> decided{};  // 三、by Outcome (index = enum value)
  Cells decided_total{};                   // 三（七）总计
  Cells carried_out{};  // 四、结转下年度继续办理: not decided by 31 December
};

// Fills the table for `year` (1..9999). Invalid, naming the record, when an outcome has no
// decision date or the reverse, or a decision is dated before the receipt. A table built here
// always passes Check().
Result<AnnualTable> BuildAnnualTable(int year, std::span<const ApplicationRecord> records);

// The validations of §1.6, every failure listed (Invalid, field "table.<row>.<column>"):
// 一 + 二 == 三（七） + 四 for each column; 三（七） == Σ（一）…（六） for each column; 总计 ==
// the sum of the six kinds in each row; no cell is negative. Messages name the row and column.
Status Check(const AnnualTable& table);

// {"year", "note", "columns": [{"code", "label", "label_en"}], "rows": [{"code", "label",
// "label_en", "level", "cells": [7 numbers]} or {…, "heading": true} for 三 and （三）…（六)]},
// rows in the order of the table. Row codes: "received", "carried_in", "results", "open", …,
// the group codes "withheld", "unavailable", "not_processed", "other", then "total",
// "carried_out".
nlohmann::ordered_json ToJson(const AnnualTable& table);

// ---- Deadlines (the amounts are configuration: data/cases/rules.json) ----
// Day periods only ("7wd", "15d"); an hour period or a bad text is Invalid naming `field`.
// The day the 补正 notice must go out by: `period` ("7wd", Art.30) after the receipt date.
Result<Date> CorrectionNoticeDue(const calendar::WorkingCalendar& calendar, Date received_on,
                                 std::string_view period);
// The answer deadline without pauses or extensions: `period` ("20wd", Art.33) after receipt,
// or after the day the 补正 arrived (the period starts again then).
Result<Date> AnswerDue(const calendar::WorkingCalendar& calendar, Date received_on,
                       std::string_view period);
// The day a consulted third party must reply by (`period` "15wd", Art.32); silence after it
// lets the hospital decide.
Result<Date> ThirdPartyReplyDue(const calendar::WorkingCalendar& calendar, Date sent_on,
                                std::string_view period);
// The day the consultation pause ends (the answer clock resumes): the reply day, or the reply
// deadline if no reply came by then. Invalid if the reply is dated before the request.
Result<Date> ThirdPartyPauseEnds(const calendar::WorkingCalendar& calendar, Date sent_on,
                                 std::optional<Date> replied_on, std::string_view period);

// Art.33: an extension needs the consent of the 信息公开工作机构负责人 (`approver`) and a reason
// for the notice to the applicant, and all extensions together may not exceed `max`
// ("20wd"; empty = extensions not allowed). `granted` is what was granted before ("" = none).
struct ExtensionRequest {
  std::string amount;  // "10wd"
  std::string granted;
  std::string approver;
  std::string reason;
};
// Every problem at once (fields "amount", "approver", "reason"); the total's unit must be the
// unit of `max`.
Status ValidateExtension(const ExtensionRequest& request, std::string_view max);

}  // namespace yuanwu::disclosure
