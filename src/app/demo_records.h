// The demo hospital's records: two years of generated 住院病案首页, 门急诊, antibiotic and
// pathway data for the demo departments (src/indicators/generator.h), written as CSV files and
// imported through the real importer, so that every dashboard has something true to show.
// Every batch is flagged demo = 1 and the generated names are fictional.
#pragma once

#include <string>

#include "app/app.h"

namespace yuanwu::app {

struct DemoRecordsReport {
  bool already_loaded = false;
  int64_t discharges = 0, visits = 0, antibiotic_rows = 0, pathway_rows = 0;
};

// `departments_json`: data/demo/departments.json. `last_year`: the second of the two years.
// `scale`: 1 = a county hospital of the seeds' size (about 19,000 discharges and 300,000
// visits a year); the test harness uses a small fraction to start quickly; 0 = no records.
Result<DemoRecordsReport> LoadDemoRecords(App& app, const std::string& departments_json,
                                          int last_year, double scale);

}  // namespace yuanwu::app
