// Validation of what people type into a complaint: the public form, staff registration, the
// office's reply and 不予处理, the complainant's rating. Pure: no database (the service checks
// that departments exist), no clock but the `now` given. Every problem is a field error in zh
// and en naming the field as the API and the form call it, so a form can show all of them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "complaints/complaint.h"
#include "platform/base/status.h"

namespace yuanwu::complaints {

// What the complainant (portal) or the receiving member of staff types.
struct IntakeInput {
  std::string complainant_name;
  std::string complainant_relation;
  std::string complainant_phone;
  std::string complainant_id_number;
  std::string patient_name;
  std::string patient_record_no;
  int64_t patient_department_id = 0;
  int64_t target_department_id = 0;
  std::string target_staff;
  std::string category;
  std::string description;
  std::string demand;
  bool consent = false;  // 个人信息保护法: agreement to the processing of the personal data
};

// Staff registration (首诉): the intake plus how and when it came in.
struct RegistrationInput {
  IntakeInput intake;
  std::string channel;
  std::string received_at;  // local "YYYY-MM-DD HH:MM" (or ISO with offset); "" = now
  int64_t first_receiver_department_id = 0;  // 0 = the registering user's department
  std::string first_receiver_name;           // "" = the registering user
  bool resolved_on_spot = false;
  std::string complexity;      // investigate | multi_department; on_the_spot when resolved
  std::string on_spot_reply;   // what was done and told on the spot (required then)
  std::string on_spot_method;  // reply method; "" = in_person
};

struct ReplyInput {
  std::string text;
  std::string method;
  std::optional<bool> accepted;
  std::vector<std::string> follow_up;
};

struct NotProcessInput {
  std::string reason;
  std::string explanation;  // told to the patient: 「不予处理，但应当向患者说明情况」
};

// Mobile 1[3-9]XXXXXXXXX or a landline with area code (0871-12345678[-ext]); spaces dropped.
// Returns the normalised number, or nullopt.
std::optional<std::string> NormalizePhone(const std::string& text);
// An 18-character 居民身份证号 with a correct check character (ISO 7064 MOD 11-2).
bool IsResidentIdNumber(const std::string& text);

// The complaint an intake describes, trimmed and normalised; problems go to `v`. `public_form`
// requires the consent box.
Complaint ValidateIntake(const IntakeInput& in, const Codes& codes, bool public_form,
                         Validation& v);
// Adds channel, received time (not in the future, at most a year back), 首诉 and complexity.
// `now` is UTC seconds.
Complaint ValidateRegistration(const RegistrationInput& in, const Codes& codes, int64_t now,
                               int64_t local_offset_seconds, Validation& v);
void ValidateReply(ReplyInput& in, const Codes& codes, Validation& v);
void ValidateNotProcess(NotProcessInput& in, const Codes& codes, Validation& v);
void ValidateMajorDispute(bool flag, std::string& note, Validation& v);
void ValidateRating(int64_t rating, std::string& comment, Validation& v);
// The period of the statistics: a year 2000–2100 and months 1–12, from ≤ to.
void ValidateStatsPeriod(int year, int from_month, int to_month, Validation& v);

}  // namespace yuanwu::complaints
