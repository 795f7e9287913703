// What the demo's case generators share (demo_cases.h, demo_quality.h, demo_applications.h):
// reading a template file, the replay (a case engine on a clock set to each step's moment, so
// timelines, on-time flags and audit entries are what they would have been), the demo accounts
// as principals, and small seeded random choices. Everything is deterministic for a seed.
#pragma once

#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "app/app.h"
#include "org/case_directory.h"
#include "platform/base/clock.h"
#include "platform/base/time.h"
#include "platform/cases/case_engine.h"
#include "platform/http/json.h"

namespace yuanwu::app {

// The moment a demo step happens: a local date and time, as UTC seconds.
int64_t LocalMoment(Date d, int hour, int minute, int64_t offset);

// Picks a key of a {"key": weight} object (or of {"key": {"weight": w}}).
std::string Weighted(const http::Json& weights, std::mt19937& rng);

template <typename T>
const T& OneOf(const std::vector<T>& v, std::mt19937& rng) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

// An element of a JSON array.
const http::Json& OneOf(const http::Json& array, std::mt19937& rng);

bool Chance(double p, std::mt19937& rng);

// A whole number in [lo, hi].
int Between(int lo, int hi, std::mt19937& rng);

// A template file of data/demo, parsed; NotFound or Invalid naming it.
Result<http::Json> ReadDemoTemplates(const std::string& file);

// A demo account as the principal a session would give it, with `permissions` (those of its
// role for what it does here) and `scope`; NotFound when the account is missing.
Result<auth::Principal> Staff(App& app, const std::string& username,
                              std::set<std::string> permissions, auth::Scope scope);

// The 科室负责人 of the departments that have one (departments.json "head"), by department id,
// each with `permissions` and the scope of their department.
Result<std::map<int64_t, auth::Principal>> DepartmentHeads(
    App& app, const std::set<std::string>& permissions);

// The usernames of the demo accounts in a department, in username order.
Result<std::vector<std::string>> StaffOf(App& app, int64_t department_id);

// Department code → id; Invalid naming `file` for a code of `codes` that does not exist.
Result<std::map<std::string, int64_t>> DepartmentIds(App& app);
Result<std::vector<int64_t>> DepartmentsOf(const std::map<std::string, int64_t>& ids,
                                           const http::Json& codes, const std::string& file);

// How many cases a year of the templates' "per_year" gets: its count for a year listed, else
// the last year's; a year still running gets its share up to `today` (the day before counts).
// Pairs of (year, count) for every year from the first listed to today's.
std::vector<std::pair<int, int>> CountsPerYear(const http::Json& per_year, Date today);

// The day a case arrived, spread over `year` up to the day before `today`; and a time of day.
Date DayIn(int year, Date today, std::mt19937& rng);

// A case engine on a replayed clock, set up with the shipped case types like the app's own.
// The services of a generator are built on `clock` and `engine`.
struct Replay {
  Replay(App& app, int64_t now);
  FakeClock clock;
  org::CaseDirectory directory;
  SecureRandom random;
  cases::CaseEngine engine;
};
Result<std::unique_ptr<Replay>> NewReplay(App& app, int64_t now);

}  // namespace yuanwu::app
