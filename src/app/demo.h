// The demo hospital: loads data/demo/*.json and the price CSVs into a fresh database through
// the same services the console uses (prices go through the real importer). Everything it
// creates is fictional and the hospital profile carries demo: true, which the portal shows.
#pragma once

#include <string>

#include "app/app.h"

namespace yuanwu::app {

struct DemoReport {
  bool already_loaded = false;
  int departments = 0;
  int users = 0;
  int catalogue = 0;
  int items = 0;
  int prices = 0;
  int complaints = 0;      // generated through the real use cases (demo_cases.h)
  int adverse_events = 0;  // demo_quality.h
  int inspections = 0;     // rounds (demo_quality.h)
  int applications = 0;    // 依申请公开 (demo_applications.h)
  int consultations = 0;   // 咨询
};

// `dir` holds hospital.json, campuses.json, … (see data/demo/README.md). Every demo account
// gets `password`. Does nothing if the database already has departments.
Result<DemoReport> LoadDemo(App& app, const std::string& dir, const std::string& password);

}  // namespace yuanwu::app
