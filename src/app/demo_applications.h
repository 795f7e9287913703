// Demo 依申请公开 (disclosure applications) and 咨询 (consultations): a year and a bit of the
// 院办's work, generated from data/demo/applications.json (fictitious applicants), so that the
// queues and the annual report's table 三 「收到和处理政府信息公开申请情况」 have something true
// to show: outcomes spread over the table's rows, a 补正 received and one not, a third party
// consulted, extensions, a withdrawal, an application carried over into the next year.
//
// As with the complaints (demo_cases.h), every application goes through the real use cases on a
// case engine whose clock is replayed to each step's moment, so deadlines, pauses, on-time flags
// and audit entries are what they would have been. Recent ones are left open. The annual table
// of every year loaded is built and checked at the end (ApplicationService::Annual).
#pragma once

#include <string>

#include "app/app.h"

namespace yuanwu::app {

struct DemoApplicationsReport {
  int applications = 0;
  int consultations = 0;
  int open = 0;
};

Result<DemoApplicationsReport> LoadDemoApplications(App& app, const std::string& file, int64_t now);

}  // namespace yuanwu::app
