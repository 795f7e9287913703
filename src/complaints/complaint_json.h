// What a viewer may see of a complaint, and its JSON, case-file and export forms.
//
// Confidentiality (domain-spec §2.2: staff must not disclose the complainant's identity): every
// output goes through ForViewer(), the one place that decides. complaints.manage holders (医患办)
// see everything; everyone else — the department investigating, leadership, the member of staff
// who registered it — gets the complainant's name, phone and ID number masked, the relation
// omitted, and the patient's name masked (they see the matter, not who raised it).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "complaints/complaint.h"
#include "platform/auth/principal.h"
#include "platform/http/json.h"

namespace yuanwu::complaints {

// True when `p` may see the complainant's identity and contact unmasked.
bool MaySeeIdentity(const auth::Principal& p);
// `c` as `identify` allows: unchanged, or with identity and contact masked / omitted.
Complaint ForViewer(const Complaint& c, bool identify);

// {"source", "channel", "channel_name", "received_at", "received_local", "first_receiver",
//  "resolved_on_spot", "complainant": {"name", "relation", "relation_name", "phone",
//  "id_number", "masked"}, "patient", "target", "category", "category_name", "description",
//  "demand", "complexity", "complexity_name", "reply", "not_processed", "major_dispute",
//  "rating", "rectification_case_id"} of an already masked complaint.
http::Json ComplaintJson(const Complaint& c, const Codes& codes);
// The case sheet of the 立卷归档 file: label → value (of an already masked complaint).
std::vector<std::pair<std::string, std::string>> FileFields(const Complaint& c, const Codes& codes);
// {"channels": [{"code", "name", "name_en"}], "categories", …}: the code lists for the forms.
http::Json CodesJson(const Codes& codes);

}  // namespace yuanwu::complaints
