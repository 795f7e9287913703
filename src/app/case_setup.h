// The case engine's setup: the case types shipped as data (data/cases/<type>.json), the
// deadline rules (data/cases/rules.json, with an administrator's overrides from the `setting`
// table), and the routes every case type shares at /api/v1/cases: the types (for the console's
// labels) and the rules (read, and changed with an audit entry).
#pragma once

#include "platform/auth/guard.h"
#include "platform/base/embedded.h"
#include "platform/cases/case_engine.h"

namespace yuanwu::app {

// Registers every embedded data/cases/*.json but rules.json, checking permissions against the
// app's catalogue, and loads the rules.
Status SetUpCaseTypes(cases::CaseEngine& engine, db::Database& db, const EmbeddedFile* files,
                      const std::vector<std::string>& permissions);

//   GET /api/v1/cases/types   signed in: states and actions of every type, zh + en
//   GET /api/v1/cases/rules   signed in: the rules in force and the shipped defaults
//   PUT /api/v1/cases/rules   cases.rules.manage: overrides (partial), validated, audited
void RegisterCaseAdminRoutes(auth::RouteTable& routes, cases::CaseEngine& engine, db::Database& db,
                             const Clock& clock, const EmbeddedFile* files);

}  // namespace yuanwu::app
