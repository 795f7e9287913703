// Demo complaints: a year and a bit of the 医患办's work, generated from
// data/demo/complaints.json (fictitious people and events) so that the queues, the statistics
// ("共接到投诉84起，回复84起") and the deadlines have something to show.
//
// Every complaint goes through the real use cases — registration, dispatch, the department's
// findings, the reply, closing — on a case engine whose clock is replayed to each step's
// moment, so timelines, on-time flags and audit entries are what they would have been. Recent
// complaints are left open: some due soon, some overdue (the scheduler escalates them).
#pragma once

#include <string>

#include "app/app.h"

namespace yuanwu::app {

struct DemoCasesReport {
  int complaints = 0;
  int open = 0;
};

// `now`: the demo's present (UTC seconds); complaints are generated for the years in the file
// up to it. Deterministic for a given file and `now`'s date.
Result<DemoCasesReport> LoadDemoComplaints(App& app, const std::string& file, int64_t now);

}  // namespace yuanwu::app
