#include "disclosure/application.h"

#include <algorithm>

#include "platform/base/text.h"
#include "platform/deadline/deadline.h"

namespace yuanwu::disclosure {
namespace {

struct KindInfo {
  ApplicantKind kind;
  std::string_view code, name, name_en;
};
constexpr std::array<KindInfo, kApplicantKinds> kKinds = {{
    {ApplicantKind::kNaturalPerson, "natural_person", "自然人", "natural person"},
    {ApplicantKind::kBusiness, "business", "商业企业", "business"},
    {ApplicantKind::kResearch, "research", "科研机构", "research institution"},
    {ApplicantKind::kPublicInterest, "public_interest", "社会公益组织",
     "public-interest organisation"},
    {ApplicantKind::kLegalServices, "legal_services", "法律服务机构", "legal services provider"},
    {ApplicantKind::kOther, "other", "其他", "other organisation"},
}};

struct ChannelInfo {
  SubmissionChannel channel;
  std::string_view code, name, name_en;
};
constexpr std::array<ChannelInfo, 5> kChannels = {{
    {SubmissionChannel::kInPerson, "in_person", "当面提交", "in person"},
    {SubmissionChannel::kRegisteredMail, "registered_mail", "挂号信/EMS", "registered mail / EMS"},
    {SubmissionChannel::kOrdinaryMail, "ordinary_mail", "平信", "ordinary mail"},
    {SubmissionChannel::kOnline, "online", "网络", "online"},
    {SubmissionChannel::kFax, "fax", "传真", "fax"},
}};

// The rows of 三「本年度办理结果」, verbatim from 国办公开办函〔2021〕30号 (domain-spec §1.6).
struct OutcomeInfo {
  Outcome outcome;
  std::string_view code, group, label, name_en;
};
constexpr std::string_view kWithheld = "（三）不予公开";
constexpr std::string_view kUnavailable = "（四）无法提供";
constexpr std::string_view kNotProcessed = "（五）不予处理";
constexpr std::string_view kOtherGroup = "（六）其他处理";
constexpr std::array<OutcomeInfo, kOutcomes> kOutcomeRows = {{
    {Outcome::kOpen, "open", "", "（一）予以公开", "disclosed"},
    {Outcome::kPartial, "partial", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
     "partly disclosed"},
    {Outcome::kStateSecret, "withheld.state_secret", kWithheld, "1.属于国家秘密",
     "not disclosed: state secret"},
    {Outcome::kLawForbids, "withheld.law_forbids", kWithheld, "2.其他法律行政法规禁止公开",
     "not disclosed: forbidden by another law or administrative regulation"},
    {Outcome::kSecurityStability, "withheld.security_stability", kWithheld, "3.危及“三安全一稳定”",
     "not disclosed: would endanger national, public or economic security or social stability"},
    {Outcome::kThirdParty, "withheld.third_party", kWithheld, "4.保护第三方合法权益",
     "not disclosed: protects a third party's lawful rights"},
    {Outcome::kInternalAffairs, "withheld.internal_affairs", kWithheld, "5.属于三类内部事务信息",
     "not disclosed: internal affairs"},
    {Outcome::kProcessInformation, "withheld.process_info", kWithheld, "6.属于四类过程性信息",
     "not disclosed: process information"},
    {Outcome::kEnforcementFile, "withheld.enforcement_file", kWithheld, "7.属于行政执法案卷",
     "not disclosed: administrative enforcement file"},
    {Outcome::kAdminQuery, "withheld.admin_query", kWithheld, "8.属于行政查询事项",
     "not disclosed: administrative query matter"},
    {Outcome::kNotHeld, "unavailable.not_held", kUnavailable, "1.本机关不掌握相关政府信息",
     "cannot be provided: not held"},
    {Outcome::kNeedsCreation, "unavailable.needs_creation", kUnavailable,
     "2.没有现成信息需要另行制作", "cannot be provided: would have to be created"},
    {Outcome::kUnclearAfterCorrection, "unavailable.unclear_after_correction", kUnavailable,
     "3.补正后申请内容仍不明确", "cannot be provided: still unclear after correction"},
    {Outcome::kPetition, "not_processed.petition", kNotProcessed, "1.信访举报投诉类申请",
     "not processed: a petition, report or complaint"},
    {Outcome::kRepeat, "not_processed.repeat", kNotProcessed, "2.重复申请",
     "not processed: repeated application"},
    {Outcome::kPublication, "not_processed.publication", kNotProcessed, "3.要求提供公开出版物",
     "not processed: asks for a publication"},
    {Outcome::kExcessive, "not_processed.excessive", kNotProcessed, "4.无正当理由大量反复申请",
     "not processed: excessive repeated applications without good reason"},
    {Outcome::kConfirmExisting, "not_processed.confirm_existing", kNotProcessed,
     "5.要求行政机关确认或重新出具已获取信息",
     "not processed: asks to confirm or re-issue information already obtained"},
    {Outcome::kNoCorrection, "other.no_correction", kOtherGroup,
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "other: no correction in time, no longer processed"},
    {Outcome::kNoFee, "other.no_fee", kOtherGroup,
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "other: fee not paid in time, no longer processed"},
    {Outcome::kOtherHandling, "other.other", kOtherGroup, "3.其他", "other"},
}};

// The group headings of 三 (for the JSON rows), keyed by the prefix of their outcome codes.
struct GroupInfo {
  std::string_view code, label, label_en;
};
constexpr std::array<GroupInfo, 4> kGroups = {{
    {"withheld", kWithheld, "not disclosed"},
    {"unavailable", kUnavailable, "cannot be provided"},
    {"not_processed", kNotProcessed, "not processed"},
    {"other", kOtherGroup, "other handling"},
}};

constexpr std::string_view kReceivedLabel = "一、本年新收政府信息公开申请数量";
constexpr std::string_view kCarriedInLabel = "二、上年结转政府信息公开申请数量";
constexpr std::string_view kResultsLabel = "三、本年度办理结果";
constexpr std::string_view kTotalLabel = "（七）总计";
constexpr std::string_view kCarriedOutLabel = "四、结转下年度继续办理";
constexpr std::string_view kNote =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const OutcomeInfo& Info(Outcome o) { return kOutcomeRows[static_cast<size_t>(o)]; }

std::string S(std::string_view v) { return std::string(v); }
std::string N(int64_t n) { return std::to_string(n); }

std::string ColumnName(int c) {
  return c == kTotalColumn ? "总计" : S(kKinds[static_cast<size_t>(c)].name);
}
std::string ColumnNameEn(int c) {
  return c == kTotalColumn ? "total" : S(kKinds[static_cast<size_t>(c)].name_en);
}
std::string ColumnCode(int c) {
  return c == kTotalColumn ? "total" : S(kKinds[static_cast<size_t>(c)].code);
}

// Every row of the table that has cells, with its code and label, in table order.
struct RowRef {
  std::string_view code, label, label_en;
  const Cells* cells;
};
std::vector<RowRef> CellRows(const AnnualTable& t) {
  std::vector<RowRef> rows = {
      {"received", kReceivedLabel, "received this year", &t.received},
      {"carried_in", kCarriedInLabel, "carried over from last year", &t.carried_in}};
  for (const OutcomeInfo& o : kOutcomeRows)
    rows.push_back({o.code, o.label, o.name_en, &t.decided[static_cast<size_t>(o.outcome)]});
  rows.push_back({"total", kTotalLabel, "total decided", &t.decided_total});
  rows.push_back({"carried_out", kCarriedOutLabel, "carried over to next year", &t.carried_out});
  return rows;
}

// A day period from configuration; errors name `field`.
Result<deadline::Period> DayPeriod(std::string_view text, const std::string& field) {
  Result<deadline::Period> p = deadline::ParsePeriod(text);
  if (!p.ok()) return Status::Invalid(field, p.status().message(), p.status().message_en());
  if (p->unit == deadline::PeriodUnit::kHours) {
    return Status::Invalid(field, "期限「" + S(text) + "」应以工作日或自然日计（如 20wd、15d）",
                           "period \"" + S(text) + "\" must be in days (20wd, 15d), not hours");
  }
  return p;
}

Result<Date> DayAfterPeriod(const calendar::WorkingCalendar& calendar, Date from,
                            std::string_view period, const std::string& field) {
  YW_ASSIGN_OR_RETURN(deadline::Period p, DayPeriod(period, field));
  YW_ASSIGN_OR_RETURN(deadline::Deadline d,
                      deadline::ComputeDeadline(calendar, p, deadline::Moment{from, 0}, {}));
  if (!d.due) return Status::Internal("a deadline without pauses has no due date");
  return d.due->date;
}

std::string Amount(const deadline::Period& p) {
  return N(p.amount) + (p.unit == deadline::PeriodUnit::kWorkingDays    ? " 个工作日"
                        : p.unit == deadline::PeriodUnit::kCalendarDays ? " 日"
                                                                        : " 小时");
}
std::string AmountEn(const deadline::Period& p) {
  return N(p.amount) + (p.unit == deadline::PeriodUnit::kWorkingDays    ? " working days"
                        : p.unit == deadline::PeriodUnit::kCalendarDays ? " days"
                                                                        : " hours");
}

}  // namespace

// ---- Applicant kinds ----
std::string_view ApplicantKindCode(ApplicantKind k) { return kKinds[static_cast<size_t>(k)].code; }
std::string_view ApplicantKindName(ApplicantKind k) { return kKinds[static_cast<size_t>(k)].name; }
std::string_view ApplicantKindNameEn(ApplicantKind k) {
  return kKinds[static_cast<size_t>(k)].name_en;
}
std::optional<ApplicantKind> ParseApplicantKind(std::string_view code) {
  for (const KindInfo& k : kKinds)
    if (k.code == code) return k.kind;
  return std::nullopt;
}

// ---- Channels and Art.31 ----
std::string_view ChannelCode(SubmissionChannel c) { return kChannels[static_cast<size_t>(c)].code; }
std::string_view ChannelName(SubmissionChannel c) { return kChannels[static_cast<size_t>(c)].name; }
std::string_view ChannelNameEn(SubmissionChannel c) {
  return kChannels[static_cast<size_t>(c)].name_en;
}
std::optional<SubmissionChannel> ParseChannel(std::string_view code) {
  for (const ChannelInfo& c : kChannels)
    if (c.code == code) return c.channel;
  return std::nullopt;
}

Result<Date> ReceivedOn(SubmissionChannel channel, std::optional<Date> submitted,
                        std::optional<Date> signed_for, std::optional<Date> confirmed) {
  std::optional<Date> on;
  std::string field, what, what_en;
  switch (channel) {
    case SubmissionChannel::kInPerson:
      if (!submitted) {
        return Status::Invalid("submitted_at",
                               "当面提交的申请以提交之日为收到申请之日，请填写提交日期",
                               "an application handed in is received the day it is handed in: "
                               "the submission date is required");
      }
      return *submitted;
    case SubmissionChannel::kRegisteredMail:
      if (!signed_for) {
        return Status::Invalid(
            "signed_at",
            "以挂号信、EMS 等需签收的邮件提交的申请，以签收之日为收到申请之日，请填写签收日期",
            "an application by registered mail or EMS is received the day it is signed for: the "
            "signing date is required");
      }
      on = signed_for, field = "signed_at", what = "签收日期", what_en = "the signing date";
      break;
    case SubmissionChannel::kOrdinaryMail:
      if (!confirmed) {
        return Status::Invalid(
            "confirmed_at", "以平信提交的申请，以与申请人确认之日为收到申请之日，请填写确认日期",
            "an application by ordinary mail is received the day receipt is confirmed with the "
            "applicant: the confirmation date is required");
      }
      on = confirmed, field = "confirmed_at", what = "确认日期", what_en = "the confirmation date";
      break;
    case SubmissionChannel::kOnline:
    case SubmissionChannel::kFax:
      if (!confirmed) {
        const std::string via = channel == SubmissionChannel::kFax ? "传真" : "互联网渠道";
        const std::string via_en = channel == SubmissionChannel::kFax ? "fax" : "online";
        return Status::Invalid(
            "confirmed_at",
            "通过" + via + "提交的申请，以双方确认之日为收到申请之日，请填写确认日期",
            "an application by " + via_en +
                " is received the day both sides confirm it: the confirmation "
                "date is required");
      }
      on = confirmed, field = "confirmed_at", what = "确认日期", what_en = "the confirmation date";
      break;
  }
  if (submitted && *on < *submitted) {
    return Status::Invalid(
        field, what + "（" + on->ToString() + "）早于提交日期（" + submitted->ToString() + "）",
        what_en + " (" + on->ToString() + ") is before the submission date (" +
            submitted->ToString() + ")");
  }
  return *on;
}

// ---- Outcomes ----
std::string_view OutcomeCode(Outcome o) { return Info(o).code; }
std::string_view OutcomeLabel(Outcome o) { return Info(o).label; }
std::string_view OutcomeGroupLabel(Outcome o) { return Info(o).group; }
std::string OutcomeFullLabel(Outcome o) {
  const OutcomeInfo& i = Info(o);
  return i.group.empty() ? S(i.label) : S(i.group) + " " + S(i.label);
}
std::string_view OutcomeNameEn(Outcome o) { return Info(o).name_en; }
std::optional<Outcome> ParseOutcome(std::string_view code) {
  for (const OutcomeInfo& o : kOutcomeRows)
    if (o.code == code) return o.outcome;
  return std::nullopt;
}
std::array<Outcome, kOutcomes> AllOutcomes() {
  std::array<Outcome, kOutcomes> out{};
  for (size_t i = 0; i < kOutcomeRows.size(); ++i) out[i] = kOutcomeRows[i].outcome;
  return out;
}

// ---- The annual table ----
Result<AnnualTable> BuildAnnualTable(int year, std::span<const ApplicationRecord> records) {
  if (year < 1 || year > 9999) {
    return Status::Invalid("year", "年度「" + N(year) + "」无效",
                           "year " + N(year) + " is invalid");
  }
  const Date first{year, 1, 1}, last{year, 12, 31};
  AnnualTable t;
  t.year = year;
  Validation v;
  for (size_t i = 0; i < records.size(); ++i) {
    const ApplicationRecord& r = records[i];
    const std::string which = "第" + N(static_cast<int64_t>(i) + 1) + "条申请" +
                              (r.code.empty() ? "" : "（" + r.code + "）");
    const std::string which_en = "application " + N(static_cast<int64_t>(i) + 1) +
                                 (r.code.empty() ? "" : " (" + r.code + ")");
    if (r.outcome.has_value() != r.decided_on.has_value()) {
      v.Fail("records",
             which + (r.outcome ? "有办理结果但没有办结日期" : "有办结日期但没有办理结果"),
             which_en + (r.outcome ? " has an outcome but no decision date"
                                   : " has a decision date but no outcome"));
      continue;
    }
    if (r.decided_on && *r.decided_on < r.received_on) {
      v.Fail("records",
             which + "的办结日期（" + r.decided_on->ToString() + "）早于收到申请之日（" +
                 r.received_on.ToString() + "）",
             which_en + " is decided (" + r.decided_on->ToString() + ") before it was received (" +
                 r.received_on.ToString() + ")");
      continue;
    }
    const size_t col = static_cast<size_t>(r.kind);
    auto add = [&](Cells& row) {
      ++row[col];
      ++row[kTotalColumn];
    };
    if (r.received_on > last) continue;  // a later year's application
    const bool decided_before = r.decided_on && *r.decided_on < first;
    const bool decided_in = r.decided_on && first <= *r.decided_on && *r.decided_on <= last;
    if (r.received_on >= first) {
      add(t.received);
    } else if (!decided_before) {
      add(t.carried_in);
    }
    if (decided_in) {
      add(t.decided[static_cast<size_t>(*r.outcome)]);
      add(t.decided_total);
    } else if (!decided_before) {
      add(t.carried_out);
    }
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  return t;
}

Status Check(const AnnualTable& t) {
  Validation v;
  const std::vector<RowRef> rows = CellRows(t);
  for (const RowRef& row : rows) {
    for (int c = 0; c < kColumns; ++c) {
      const int64_t value = (*row.cells)[static_cast<size_t>(c)];
      if (value >= 0) continue;
      v.Fail("table." + S(row.code) + "." + ColumnCode(c),
             "「" + S(row.label) + "」行「" + ColumnName(c) + "」列为负数（" + N(value) + "）",
             "row \"" + S(row.label_en) + "\", column " + ColumnNameEn(c) + " is negative (" +
                 N(value) + ")");
    }
  }
  for (int c = 0; c < kColumns; ++c) {
    const size_t i = static_cast<size_t>(c);
    const int64_t left = t.received[i] + t.carried_in[i];
    const int64_t right = t.decided_total[i] + t.carried_out[i];
    if (left != right) {
      v.Fail("table.balance." + ColumnCode(c),
             "「" + ColumnName(c) + "」列：一、本年新收（" + N(t.received[i]) +
                 "）加二、上年结转（" + N(t.carried_in[i]) + "）之和为 " + N(left) +
                 "，不等于三、（七）总计（" + N(t.decided_total[i]) +
                 "）加四、结转下年度继续办理（" + N(t.carried_out[i]) + "）之和 " + N(right),
             "column " + ColumnNameEn(c) + ": received (" + N(t.received[i]) + ") + carried in (" +
                 N(t.carried_in[i]) + ") = " + N(left) + " is not total decided (" +
                 N(t.decided_total[i]) + ") + carried out (" + N(t.carried_out[i]) +
                 ") = " + N(right));
    }
    int64_t sum = 0;
    for (const Cells& row : t.decided) sum += row[i];
    if (sum != t.decided_total[i]) {
      v.Fail("table.total." + ColumnCode(c),
             "「" + ColumnName(c) + "」列：三、（七）总计（" + N(t.decided_total[i]) +
                 "）不等于（一）至（六）各项之和（" + N(sum) + "）",
             "column " + ColumnNameEn(c) + ": total decided (" + N(t.decided_total[i]) +
                 ") is not the sum of the outcome rows (" + N(sum) + ")");
    }
  }
  for (const RowRef& row : rows) {
    int64_t sum = 0;
    for (int c = 0; c < kApplicantKinds; ++c) sum += (*row.cells)[static_cast<size_t>(c)];
    const int64_t total = (*row.cells)[kTotalColumn];
    if (sum != total) {
      v.Fail("table." + S(row.code) + ".total",
             "「" + S(row.label) + "」行：总计（" + N(total) +
                 "）不等于自然人与法人或其他组织各列之和（" + N(sum) + "）",
             "row \"" + S(row.label_en) + "\": total (" + N(total) +
                 ") is not the sum of the applicant columns (" + N(sum) + ")");
    }
  }
  return v.ToStatus();
}

nlohmann::ordered_json ToJson(const AnnualTable& t) {
  using J = nlohmann::ordered_json;
  J columns = J::array();
  for (int c = 0; c < kColumns; ++c) {
    J col = {{"code", ColumnCode(c)}, {"label", ColumnName(c)}, {"label_en", ColumnNameEn(c)}};
    if (c != 0 && c != kTotalColumn) col["group"] = "法人或其他组织";
    columns.push_back(std::move(col));
  }
  auto cells_row = [](std::string_view code, std::string_view label, std::string_view label_en,
                      int level, const Cells& cells) {
    J row = {{"code", code}, {"label", label}, {"label_en", label_en}, {"level", level}};
    row["cells"] = J::array();
    for (int64_t n : cells) row["cells"].push_back(n);
    return row;
  };
  auto heading = [](std::string_view code, std::string_view label, std::string_view label_en,
                    int level) {
    return J{{"code", code},
             {"label", label},
             {"label_en", label_en},
             {"level", level},
             {"heading", true}};
  };
  J rows = J::array();
  rows.push_back(cells_row("received", kReceivedLabel, "received this year", 0, t.received));
  rows.push_back(
      cells_row("carried_in", kCarriedInLabel, "carried over from last year", 0, t.carried_in));
  rows.push_back(heading("results", kResultsLabel, "results this year", 0));
  std::string_view group;
  for (const OutcomeInfo& o : kOutcomeRows) {
    if (o.group != group) {  // the first row of （三）…（六）: its heading first
      group = o.group;
      for (const GroupInfo& g : kGroups)
        if (g.label == group) rows.push_back(heading(g.code, g.label, g.label_en, 1));
    }
    rows.push_back(cells_row(o.code, o.label, o.name_en, o.group.empty() ? 1 : 2,
                             t.decided[static_cast<size_t>(o.outcome)]));
  }
  rows.push_back(cells_row("total", kTotalLabel, "total decided", 1, t.decided_total));
  rows.push_back(
      cells_row("carried_out", kCarriedOutLabel, "carried over to next year", 0, t.carried_out));
  return J{{"year", t.year}, {"note", kNote}, {"columns", columns}, {"rows", rows}};
}

// ---- Deadlines ----
Result<Date> CorrectionNoticeDue(const calendar::WorkingCalendar& calendar, Date received_on,
                                 std::string_view period) {
  return DayAfterPeriod(calendar, received_on, period, "correction_notice");
}

Result<Date> AnswerDue(const calendar::WorkingCalendar& calendar, Date received_on,
                       std::string_view period) {
  return DayAfterPeriod(calendar, received_on, period, "answer");
}

Result<Date> ThirdPartyReplyDue(const calendar::WorkingCalendar& calendar, Date sent_on,
                                std::string_view period) {
  return DayAfterPeriod(calendar, sent_on, period, "third_party");
}

Result<Date> ThirdPartyPauseEnds(const calendar::WorkingCalendar& calendar, Date sent_on,
                                 std::optional<Date> replied_on, std::string_view period) {
  YW_ASSIGN_OR_RETURN(Date due, ThirdPartyReplyDue(calendar, sent_on, period));
  if (!replied_on) return due;
  if (*replied_on < sent_on) {
    return Status::Invalid("replied_on",
                           "第三方答复日期（" + replied_on->ToString() + "）早于征求意见日期（" +
                               sent_on.ToString() + "）",
                           "the third party's reply (" + replied_on->ToString() +
                               ") is dated before the request (" + sent_on.ToString() + ")");
  }
  return std::min(*replied_on, due);
}

Status ValidateExtension(const ExtensionRequest& r, std::string_view max) {
  if (max.empty()) {
    return Status::Invalid("amount", "本类申请不允许延长答复期限",
                           "this kind of case allows no extension");
  }
  Result<deadline::Period> limit = deadline::ParsePeriod(max);
  if (!limit.ok()) {
    return Status::Invalid("extension_max", "延长上限配置有误：" + limit.status().message(),
                           "the extension limit is misconfigured: " + limit.status().message_en());
  }
  Validation v;
  Result<deadline::Period> amount = deadline::ParsePeriod(r.amount);
  if (!amount.ok()) {
    v.Fail("amount", amount.status().message(), amount.status().message_en());
  } else if (amount->unit != limit->unit) {
    v.Fail("amount", "延长期限「" + r.amount + "」的单位应与上限（" + Amount(*limit) + "）一致",
           "the extension \"" + r.amount + "\" must be in the unit of the limit (" +
               AmountEn(*limit) + ")");
  } else {
    deadline::Period before{limit->unit, 0};
    bool granted_ok = true;
    if (!r.granted.empty()) {
      Result<deadline::Period> g = deadline::ParsePeriod(r.granted);
      granted_ok = g.ok() && g->unit == limit->unit;
      if (granted_ok) before = *g;
    }
    if (!granted_ok) {
      v.Fail("granted", "已延长期限「" + r.granted + "」无法识别",
             "the extension granted so far \"" + r.granted + "\" is not understood");
    } else if (before.amount + amount->amount > limit->amount) {
      const deadline::Period total{limit->unit, before.amount + amount->amount};
      v.Fail("amount",
             "延长后合计 " + Amount(total) + "（此前已延长 " + Amount(before) + "），超过上限 " +
                 Amount(*limit),
             "the extensions would total " + AmountEn(total) + " (" + AmountEn(before) +
                 " granted before), more than the limit of " + AmountEn(*limit));
    }
  }
  if (Trim(r.approver).empty()) {
    v.Fail("approver", "延长答复期限须经政府信息公开工作机构负责人同意，请填写同意人",
           "an extension needs the consent of the head of the disclosure office: the approver is "
           "required");
  }
  if (Trim(r.reason).empty()) {
    v.Fail("reason", "请填写延长理由（将告知申请人）",
           "the reason is required (the applicant is told)");
  }
  return v.ToStatus();
}

}  // namespace yuanwu::disclosure
