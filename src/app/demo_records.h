// The demo hospital's records: two years of generated 住院病案首页, 门急诊, antibiotic and
// pathway data for the demo departments (src/indicators/generator.h), written as CSV files and
// imported through the real importer, so that every dashboard has something true to show.
// Every batch is flagged demo = 1 and the generated names are fictional.
//
// With the records come two years of 医院填报数据 (period_figure) derived from them: occupied
// bed-days ≈ Σ SJZYTS of a department's discharges in the month (±3 %), open beds for an
// occupancy of 80–95 %, staff in proportion to beds and visits, revenue = Σ ZFY of the records
// (drugs, materials, examinations, laboratory from their cost items), the 医保 fund's part from
// YLFKFS and ZFJE, expenditure, assets and liabilities in plausible proportions. Deterministic
// (a fixed seed), every row's note says 演示数据, and loaded once like the records.
#pragma once

#include <string>

#include "app/app.h"

namespace yuanwu::app {

struct DemoRecordsReport {
  bool already_loaded = false;
  int64_t discharges = 0, visits = 0, antibiotic_rows = 0, pathway_rows = 0;
  int64_t figures = 0;  // period_figure values written (0 when they were there already)
};

// `departments_json`: data/demo/departments.json. `last_year`: the second of the two years.
// `scale`: 1 = a county hospital of the seeds' size (about 19,000 discharges and 300,000
// visits a year); the test harness uses a small fraction to start quickly; 0 = no records.
// The demo's 医院填报数据 for the two years ending with `last_year`, from the records in the
// database; 0 (and nothing written) when they are there already. Called by LoadDemoRecords.
Result<int64_t> LoadDemoFigures(App& app, int last_year);

Result<DemoRecordsReport> LoadDemoRecords(App& app, const std::string& departments_json,
                                          int last_year, double scale);

}  // namespace yuanwu::app
