// What a viewer may see of an adverse event, and its JSON, case-file and export forms.
//
// Confidentiality: every output goes through ForViewer(), the one place that decides.
// adverse_events.manage holders (质控办) see the reporter of a named report and the patient;
// everyone else sees "（已保护）" for the reporter and the patient masked (张*, ****56). An
// anonymous report has no reporter to show anyone: "匿名".
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/http/json.h"
#include "quality/adverse_event.h"
#include "quality/quality.h"

namespace yuanwu::quality {

bool MaySeeReporter(const auth::Principal& p);
AdverseEvent ForViewer(const AdverseEvent& e, bool identify);

// {"anonymous", "reporter": {"id", "name", "department"}, "reported_at", "reported_local",
//  "occurred_at", "discovered_at", "department_id", "department_name", "patient": {"name",
//  "record_no"}, "category", "category_name", "grade", "grade_name", "description",
//  "immediate_measures", "external": {…, "overdue"}, "department_handling": {…},
//  "review": {"causes": [{"category", "category_name", "description"}], "factors",
//  "conclusion", "reviewed_at"}, "evaluation": {…}, "masked"} of an already masked event.
http::Json EventJson(const AdverseEvent& e, const Codes& codes, int64_t now_minutes);
std::vector<std::pair<std::string, std::string>> EventFileFields(const AdverseEvent& e,
                                                                 const Codes& codes);
// The code lists for the forms, with the grade and severity definitions and the non-punitive
// reporting notice.
http::Json CodesJson(const Codes& codes);

}  // namespace yuanwu::quality
