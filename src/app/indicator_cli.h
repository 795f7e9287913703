// The indicators module's command-line surface:
//   yuanwu import --dataset discharges|visits|antibiotic_use|pathways [--mapping NAME] FILE…
//   yuanwu import --dataset figures FILE…                  (医院填报数据, a wide sheet per month)
//   yuanwu import --dataset icd10|procedures --version V FILE   (首页质控 code tables)
//   yuanwu indicators --from 2025-01 --to 2025-12 --by month|quarter|year
//                     --group hospital|campus|department [--format json|csv|xlsx] [--out FILE]
//                     [--indicator CODE…] [--reference] [--reference-sql]
//   yuanwu generate --out DIR [--first-year 2024 --years 2 --discharges N --visits N --seed S]
// Output is documented in docs/indicators.md.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "app/app.h"

namespace yuanwu::app {

class IndicatorCli {
 public:
  void Register(CLI::App& cli);
  bool Parsed() const;
  bool WantsGenerate() const { return generate_ && generate_->parsed(); }
  int Generate(const std::string& demo_dir);
  int Run(App& app);

 private:
  int Import(App& app);
  int Indicators(App& app);

  CLI::App* import_ = nullptr;
  CLI::App* indicators_ = nullptr;
  CLI::App* generate_ = nullptr;
  std::string dataset_, mapping_;
  std::vector<std::string> files_;
  std::string from_, to_, by_ = "month", group_ = "hospital", format_ = "json", out_;
  std::vector<std::string> codes_;
  bool reference_ = false, reference_sql_ = false;
  std::string gen_out_;
  int gen_first_year_ = 2024, gen_years_ = 2;
  long long gen_discharges_ = 19000, gen_visits_ = 300000;
  unsigned long long gen_seed_ = 1;
};

}  // namespace yuanwu::app
