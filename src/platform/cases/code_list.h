// Code tables of the case modules (complaint channels and categories, event grades, reasons for
// 不予处理 …), shipped as data files: each entry has a code, its names in zh-CN and en, optional
// help text shown on forms, and for some lists the CaseRules period the code sets.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/embedded.h"
#include "platform/base/result.h"

namespace yuanwu::cases {

struct Code {
  std::string code;
  std::string name;
  std::string name_en;
  std::string help;  // optional: the definition shown on the form
  std::string help_en;
  std::string period;  // the CaseRules period name, for lists that set a deadline
};

enum class PeriodRule {
  kNone,      // "period" is read when present
  kOptional,  // "period" must be present; "" means no deadline
  kRequired,  // "period" must name a period
};

// doc[key]: a non-empty array of {code, name, name_en[, help, help_en, period]} with unique,
// non-empty codes and names. Errors name the JSON path ("$.grades[2].name").
Result<std::vector<Code>> ParseCodeList(const nlohmann::json& doc, const char* key,
                                        PeriodRule period = PeriodRule::kNone);

// The entry of `code`, or null.
const Code* FindCode(const std::vector<Code>& list, std::string_view code);
// Its name in the locale; the code itself when the list does not have it.
std::string CodeName(const std::vector<Code>& list, std::string_view code, bool english = false);

// The content of `path` in an embedded table (cmake/embed.cmake); empty when absent.
std::string_view EmbeddedContent(const EmbeddedFile* table, std::string_view path);

}  // namespace yuanwu::cases
