// Demo quality and safety: a year and a bit of the 质控科's work, generated from
// data/demo/adverse_events.json and data/demo/inspections.json (fictitious people and events),
// so that the queues, the statistics (the seeds' 「共上报不良事件27件」 a year), the monthly
// department scores and the open rectification tasks have something true to show.
//
// Like the complaints (demo_cases.h) everything goes through the real use cases on a case
// engine whose clock is replayed to each step's moment: adverse events are reported by the demo
// staff (some anonymously), handled by the department, reviewed with a root-cause analysis,
// corrected through rectification tasks, evaluated and closed, and reported outward on time
// where their harm requires it; every month has one or two inspection rounds whose findings
// become rectification tasks, rectified, re-checked (a few fail first) and closed. Recent
// cases are left open at different steps, some overdue.
#pragma once

#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/demo_support.h"
#include "quality/adverse_event_service.h"
#include "quality/inspection_service.h"
#include "quality/rectification_service.h"

namespace yuanwu::app {

struct DemoQualityReport {
  int adverse_events = 0;
  int adverse_events_open = 0;
  int inspections = 0;  // rounds
  int findings = 0;     // each a rectification task
  int rectifications_open = 0;
};

// `dir`: data/demo. `now`: the demo's present (UTC seconds). Deterministic for the files and
// `now`'s date.
Result<DemoQualityReport> LoadDemoQuality(App& app, const std::string& dir, int64_t now);

// ---- What the two generators share (demo_quality.cc, demo_inspections.cc) ----
struct QualityDemo {
  App& app;
  Replay& replay;
  quality::RectificationService& rectifications;
  quality::AdverseEventService& events;
  quality::InspectionService& inspections;
  int64_t now = 0;
  int64_t offset = 0;
  auth::Principal office;                    // zhikong, 质控科
  std::map<int64_t, auth::Principal> heads;  // 科室负责人 by department
  http::Json recheck;                        // inspections.json "recheck": notes of re-checks
  std::map<std::string, int64_t> department_ids;

  // Who acts for a department: its head, or the quality office where the demo has none.
  const auth::Principal& Handler(int64_t department_id) const;
  // Sets the replay clock to `at` unless that is after now (then false: the step has not
  // happened yet).
  bool At(int64_t at);
  // Carries a task through: the department reports it done `days` working days after `from`
  // with `evidence`, the office re-checks 1–3 working days later and passes it or (a few) fails
  // it, and the department reports again. The day it closed, or nullopt while still open.
  Result<std::optional<Date>> WorkTask(int64_t task_id, int64_t department_id, Date from, int days,
                                       const std::string& evidence, std::mt19937& rng);
};

Status LoadDemoAdverseEvents(QualityDemo& q, const std::string& file, DemoQualityReport& rep);
Status LoadDemoInspections(QualityDemo& q, const std::string& file, DemoQualityReport& rep);

}  // namespace yuanwu::app
