#include "complaints/complaint_rules.h"

#include <algorithm>
#include <set>

#include "platform/base/text.h"
#include "platform/base/time.h"

namespace yuanwu::complaints {
namespace {

constexpr size_t kNameMax = 50;
constexpr size_t kDescriptionMin = 10;
constexpr size_t kDescriptionMax = 2000;
constexpr size_t kDemandMax = 1000;
constexpr size_t kReplyMax = 5000;
constexpr int64_t kDay = 86400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A one-line text field: trimmed, clean UTF-8, no line breaks, at most `max` characters.
std::string Line(const std::string& raw, const char* field, const char* label_zh,
                 const char* label_en, bool required, size_t max, Validation& v) {
  std::string s = Trim(raw);
  if (!IsCleanUtf8(s) || s.find_first_of("\r\n\t") != std::string::npos) {
    v.Fail(field, std::string(label_zh) + "含有无效字符或换行",
           std::string(label_en) + " contains invalid characters or line breaks");
    return s;
  }
  if (required && s.empty()) {
    v.Fail(field, "请填写" + std::string(label_zh), std::string(label_en) + " is required");
  } else if (Utf8Length(s) > max) {
    v.Fail(field, std::string(label_zh) + "不能超过" + std::to_string(max) + "个字",
           std::string(label_en) + " must be at most " + std::to_string(max) + " characters");
  }
  return s;
}

// A multi-line text: trimmed, clean UTF-8, between `min` and `max` characters.
std::string Text(const std::string& raw, const char* field, const char* label_zh,
                 const char* label_en, size_t min, size_t max, Validation& v) {
  std::string s = Trim(raw);
  if (!IsCleanUtf8(s)) {
    v.Fail(field, std::string(label_zh) + "含有无效字符",
           std::string(label_en) + " contains invalid characters");
    return s;
  }
  size_t n = Utf8Length(s);
  if (min > 0 && n == 0) {
    v.Fail(field, "请填写" + std::string(label_zh), std::string(label_en) + " is required");
  } else if (n < min) {
    v.Fail(field, std::string(label_zh) + "至少需要" + std::to_string(min) + "个字",
           std::string(label_en) + " needs at least " + std::to_string(min) + " characters");
  } else if (n > max) {
    v.Fail(field, std::string(label_zh) + "不能超过" + std::to_string(max) + "个字",
           std::string(label_en) + " must be at most " + std::to_string(max) + " characters");
  }
  return s;
}

std::string OneOf(const std::string& raw, const std::vector<Code>& list, const char* field,
                  const char* label_zh, const char* label_en, bool required, Validation& v) {
  std::string s = Trim(raw);
  if (s.empty()) {
    if (required) {
      v.Fail(field, "请选择" + std::string(label_zh), std::string(label_en) + " is required");
    }
    return s;
  }
  if (cases::FindCode(list, s) == nullptr) {
    v.Fail(field, std::string(label_zh) + "不在可选范围内：" + s,
           std::string(label_en) + " is not one of the allowed values: " + s);
  }
  return s;
}

}  // namespace

std::optional<std::string> NormalizePhone(const std::string& text) {
  std::string s;
  for (char c : Trim(text)) {
    if (c != ' ') s.push_back(c);
  }
  auto digits = [](std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), IsDigit);
  };
  // Mobile: 11 digits starting 13–19.
  if (s.size() == 11 && digits(s) && s[0] == '1' && s[1] >= '3') return s;
  // Landline: 0 + 2–3 digit area code, optional '-', 7–8 digit number, optional '-' extension.
  std::vector<std::string> parts = Split(s, '-');
  std::string area, number, ext;
  if (parts.size() == 1 && digits(s) && s[0] == '0' && s.size() >= 10 && s.size() <= 12) {
    return s;
  }
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  area = parts[0];
  number = parts[1];
  if (parts.size() == 3) ext = parts[2];
  if (!digits(area) || area[0] != '0' || area.size() < 3 || area.size() > 4) return std::nullopt;
  if (!digits(number) || number.size() < 7 || number.size() > 8) return std::nullopt;
  if (parts.size() == 3 && (!digits(ext) || ext.size() > 6)) return std::nullopt;
  return s;
}

bool IsResidentIdNumber(const std::string& text) {
  if (text.size() != 18) return false;
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(text[i])) return false;
    sum += (text[i] - '0') * kWeights[i];
  }
  char last = text[17] == 'x' ? 'X' : text[17];
  if (last != kCheck[sum % 11]) return false;
  // The birth date (positions 7–14) must be a real day.
  std::string birth = text.substr(6, 4) + "-" + text.substr(10, 2) + "-" + text.substr(12, 2);
  return ParseDate(birth).has_value();
}

Complaint ValidateIntake(const IntakeInput& in, const Codes& codes, bool public_form,
                         Validation& v) {
  Complaint c;
  c.complainant_name = Line(in.complainant_name, "complainant_name", "投诉人姓名",
                            "complainant name", true, kNameMax, v);
  c.complainant_relation = OneOf(in.complainant_relation, codes.relations, "complainant_relation",
                                 "与患者关系", "relation to the patient", true, v);
  std::string phone = Trim(in.complainant_phone);
  if (phone.empty()) {
    v.Fail("complainant_phone", "请填写联系电话，以便我们反馈处理情况",
           "a phone number is required so that we can tell you the outcome");
  } else if (std::optional<std::string> p = NormalizePhone(phone)) {
    c.complainant_phone = *p;
  } else {
    v.Fail("complainant_phone",
           "联系电话格式不正确：请填写11位手机号或带区号的固定电话（如 0871-12345678）",
           "invalid phone number: give an 11-digit mobile number or a landline with its area "
           "code (e.g. 0871-12345678)");
  }
  std::string id = Trim(in.complainant_id_number);
  if (!id.empty()) {
    if (!IsResidentIdNumber(id)) {
      v.Fail("complainant_id_number", "身份证号应为18位，且出生日期和校验位正确（可不填）",
             "the ID number must have 18 characters with a valid birth date and check "
             "character (optional)");
    }
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
    c.complainant_id_number = id;
  }
  bool self = c.complainant_relation == "self";
  c.patient_name =
      Line(in.patient_name, "patient_name", "患者姓名", "patient name", !self, kNameMax, v);
  if (self && c.patient_name.empty()) c.patient_name = c.complainant_name;
  c.patient_record_no = Line(in.patient_record_no, "patient_record_no", "门诊/住院号",
                             "outpatient / inpatient number", false, 30, v);
  for (char ch : c.patient_record_no) {
    bool ok = IsDigit(ch) || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '-';
    if (!ok) {
      v.Fail("patient_record_no", "门诊/住院号只能包含字母、数字和“-”",
             "the outpatient / inpatient number may only contain letters, digits and '-'");
      break;
    }
  }
  if (in.patient_department_id < 0) {
    v.Fail("patient_department_id", "就诊科室无效", "invalid department");
  }
  c.patient_department_id = std::max<int64_t>(0, in.patient_department_id);
  if (in.target_department_id < 0) {
    v.Fail("target_department_id", "被投诉科室无效", "invalid department");
  }
  c.target_department_id = std::max<int64_t>(0, in.target_department_id);
  c.target_staff = Line(in.target_staff, "target_staff", "被投诉人员", "staff complained about",
                        false, kNameMax, v);
  c.category = OneOf(in.category, codes.categories, "category", "投诉类别", "category", true, v);
  c.description = Text(in.description, "description", "投诉事项", "description", kDescriptionMin,
                       kDescriptionMax, v);
  c.demand = Text(in.demand, "demand", "诉求", "demand", 0, kDemandMax, v);
  if (public_form && !in.consent) {
    v.Fail("consent", "请阅读并同意个人信息处理说明，我们才能受理和联系您",
           "please read and agree to how we process your personal information; we need it to "
           "handle the complaint and contact you");
  }
  return c;
}

Complaint ValidateRegistration(const RegistrationInput& in, const Codes& codes, int64_t now,
                               int64_t local_offset_seconds, Validation& v) {
  Complaint c = ValidateIntake(in.intake, codes, false, v);
  c.source = "staff";
  c.channel = OneOf(in.channel, codes.channels, "channel", "受理渠道", "channel", true, v);
  int64_t received = now;
  std::string when = Trim(in.received_at);
  if (!when.empty()) {
    std::optional<int64_t> t = ParseTimestamp(when, local_offset_seconds);
    if (!t) {
      v.Fail("received_at", "受理时间格式应为 YYYY-MM-DD HH:MM",
             "the received time must look like YYYY-MM-DD HH:MM");
    } else if (*t > now + 300) {
      v.Fail("received_at", "受理时间不能晚于现在", "the received time cannot be in the future");
    } else if (*t < now - 366 * kDay) {
      v.Fail("received_at", "受理时间不能早于一年前",
             "the received time cannot be over a year ago");
    } else {
      received = std::min(*t, now);
    }
  }
  c.received_at = FormatTimestamp(received);
  c.received_local = FormatLocalMinute(received, local_offset_seconds);
  if (in.first_receiver_department_id < 0) {
    v.Fail("first_receiver_department_id", "首诉接待科室无效", "invalid department");
  }
  c.first_receiver_department_id = std::max<int64_t>(0, in.first_receiver_department_id);
  c.first_receiver_name = Line(in.first_receiver_name, "first_receiver_name", "首诉接待人",
                               "first receiver", false, kNameMax, v);
  c.resolved_on_spot = in.resolved_on_spot;
  std::string complexity = Trim(in.complexity);
  if (in.resolved_on_spot) {
    if (!complexity.empty() && complexity != "on_the_spot") {
      v.Fail("complexity", "当场处理的投诉不需要选择调查期限",
             "a complaint resolved on the spot has no investigation period");
    }
    c.complexity = "on_the_spot";
    c.reply_text = Text(in.on_spot_reply, "on_spot_reply", "当场处理情况", "on-the-spot resolution",
                        2, kReplyMax, v);
    c.reply_method = in.on_spot_method.empty()
                         ? "in_person"
                         : OneOf(in.on_spot_method, codes.reply_methods, "on_spot_method",
                                 "反馈方式", "reply method", true, v);
  } else {
    c.complexity = OneOf(complexity, codes.complexities, "complexity", "处理类型（调查期限）",
                         "complexity (investigation period)", true, v);
    if (c.complexity == "on_the_spot") {
      v.Fail("complexity", "选择“当场处理”时请勾选“已当场处理”并填写处理情况",
             "on the spot: tick 'resolved on the spot' and describe the resolution");
    }
  }
  return c;
}

void ValidateReply(ReplyInput& in, const Codes& codes, Validation& v) {
  in.text = Text(in.text, "reply_text", "反馈内容（处理意见）", "reply text", 2, kReplyMax, v);
  in.method =
      OneOf(in.method, codes.reply_methods, "reply_method", "反馈方式", "reply method", true, v);
  std::set<std::string> seen;
  for (std::string& r : in.follow_up) {
    r = Trim(r);
    if (cases::FindCode(codes.follow_up_routes, r) == nullptr) {
      v.Fail("follow_up", "告知的后续途径不在可选范围内：" + r, "unknown follow-up route: " + r);
    } else if (!seen.insert(r).second) {
      v.Fail("follow_up", "后续途径重复：" + r, "follow-up route repeated: " + r);
    }
  }
}

void ValidateNotProcess(NotProcessInput& in, const Codes& codes, Validation& v) {
  in.reason = OneOf(in.reason, codes.not_processed_reasons, "reason", "不予处理原因",
                    "reason for not processing", true, v);
  in.explanation = Text(in.explanation, "explanation", "向患者说明的情况",
                        "explanation given to the patient", kDescriptionMin, kDescriptionMax, v);
}

void ValidateMajorDispute(bool flag, std::string& note, Validation& v) {
  note = Text(note, "note", "上报说明", "report note", flag ? 2 : 0, 1000, v);
}

void ValidateRating(int64_t rating, std::string& comment, Validation& v) {
  if (rating < 1 || rating > 5) {
    v.Fail("rating", "评价应为1到5分", "the rating must be 1 to 5");
  }
  comment = Text(comment, "comment", "评价意见", "comment", 0, 500, v);
}

void ValidateStatsPeriod(int year, int from_month, int to_month, Validation& v) {
  if (year < 2000 || year > 2100) {
    v.Fail("year", "年份应在2000到2100之间", "the year must be 2000–2100");
  }
  bool from_ok = from_month >= 1 && from_month <= 12, to_ok = to_month >= 1 && to_month <= 12;
  if (!from_ok) v.Fail("from_month", "起始月份应为1到12", "from_month must be 1–12");
  if (!to_ok) v.Fail("to_month", "结束月份应为1到12", "to_month must be 1–12");
  if (from_ok && to_ok && from_month > to_month) {
    v.Fail("to_month", "结束月份不能早于起始月份", "to_month cannot be before from_month");
  }
}

}  // namespace yuanwu::complaints
