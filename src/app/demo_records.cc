#include "app/demo_records.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indicators/generator.h"
#include "platform/db/row.h"

namespace yuanwu::app {

namespace {

constexpr const char* kDemoNote = "演示数据";

// A deterministic number in [-1, 1] for (period, key): the demo must be the same every time.
double Noise(int period, std::string_view key) {
  uint64_t h = 0xcbf29ce484222325ULL ^ (static_cast<uint64_t>(period) * 0x9E3779B97F4A7C15ULL);
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return static_cast<double>(h % 2000001) / 1000000.0 - 1.0;
}

int DaysIn(int period) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = period / 100, m = period % 100;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

struct DeptMonth {
  int64_t bed_days = 0, discharges = 0, visits = 0;
};

struct HospitalMonth {
  int64_t inpatient = 0, inpatient_drugs = 0, materials = 0, exams = 0, lab = 0, fund = 0;
  int64_t outpatient = 0, outpatient_drugs = 0;
};

// What the records say per month: department bed-days and visits, the hospital's cost sums (分).
Status ReadRecordSums(App& app, int from, int to,
                      std::map<int, std::map<std::string, DeptMonth>>* depts,
                      std::map<int, HospitalMonth>* hospital) {
  return app.db().Read([&](soci::session& sql) {
    const std::string range =
        " WHERE period BETWEEN " + std::to_string(from) + " AND " + std::to_string(to);
    db::ForEachRow(sql,
                   "SELECT period, cykb, COALESCE(SUM(sjzyts), 0), COUNT(*) FROM discharge" +
                       range + " GROUP BY period, cykb",
                   {}, [&](const soci::row& r) {
                     DeptMonth& d = (*depts)[static_cast<int>(db::Int(r, 0))][db::Text(r, 1)];
                     d.bed_days = db::Int(r, 2), d.discharges = db::Int(r, 3);
                   });
    db::ForEachRow(
        sql, "SELECT period, ksdm, COUNT(*) FROM visit" + range + " GROUP BY period, ksdm", {},
        [&](const soci::row& r) {
          (*depts)[static_cast<int>(db::Int(r, 0))][db::Text(r, 1)].visits = db::Int(r, 2);
        });
    // The fund's part of an insured stay (YLFKFS 1–3): what the patient did not pay (ZFJE);
    // 70 % when the 首页 has no ZFJE.
    db::ForEachRow(
        sql,
        "SELECT period, COALESCE(SUM(zfy), 0), COALESCE(SUM(COALESCE(xyf, 0) + COALESCE(zcyf, 0) "
        "+ COALESCE(zcyf1, 0)), 0), COALESCE(SUM(COALESCE(hcyyclf, 0) + COALESCE(yyclf, 0) + "
        "COALESCE(ycxyyclf, 0)), 0), COALESCE(SUM(COALESCE(yxxzdf, 0) + COALESCE(lczdxmf, 0)), "
        "0), COALESCE(SUM(COALESCE(syszdf, 0)), 0), COALESCE(SUM(CASE WHEN ylfkfs IN ('1', '2', "
        "'3') THEN COALESCE(zfy, 0) - COALESCE(zfje, COALESCE(zfy, 0) * 3 / 10) ELSE 0 END), 0) "
        "FROM discharge" +
            range + " GROUP BY period",
        {}, [&](const soci::row& r) {
          HospitalMonth& h = (*hospital)[static_cast<int>(db::Int(r, 0))];
          h.inpatient = db::Int(r, 1), h.inpatient_drugs = db::Int(r, 2);
          h.materials = db::Int(r, 3), h.exams = db::Int(r, 4), h.lab = db::Int(r, 5);
          h.fund = std::max<int64_t>(0, db::Int(r, 6));
        });
    db::ForEachRow(sql,
                   "SELECT period, COALESCE(SUM(zfy), 0), COALESCE(SUM(ypf), 0) FROM visit" +
                       range + " GROUP BY period",
                   {}, [&](const soci::row& r) {
                     HospitalMonth& h = (*hospital)[static_cast<int>(db::Int(r, 0))];
                     h.outpatient = db::Int(r, 1), h.outpatient_drugs = db::Int(r, 2);
                   });
    return Status::Ok();
  });
}

}  // namespace

Result<int64_t> LoadDemoFigures(App& app, int last_year) {
  YW_ASSIGN_OR_RETURN(
      int64_t existing, app.db().Query<int64_t>([](soci::session& sql) -> Result<int64_t> {
        db::Params p;
        p.Add("n", std::string(kDemoNote));
        return db::ScalarInt(sql, "SELECT COUNT(*) FROM period_figure WHERE note = :n", p);
      }));
  if (existing > 0) return int64_t{0};
  const int from = (last_year - 1) * 100 + 1, to = last_year * 100 + 12;
  std::map<int, std::map<std::string, DeptMonth>> depts;
  std::map<int, HospitalMonth> hospital;
  YW_RETURN_IF_ERROR(ReadRecordSums(app, from, to, &depts, &hospital));
  YW_ASSIGN_OR_RETURN(auto names, app.indicators().store().OrgNames());

  // Beds per department from its average occupied beds at 88 %, in steps of 5 (编制床位).
  std::map<std::string, int64_t> total_bed_days, total_days, peak_visits;
  for (const auto& [period, by_dept] : depts)
    for (const auto& [code, d] : by_dept) {
      if (d.bed_days > 0) total_bed_days[code] += d.bed_days, total_days[code] += DaysIn(period);
      peak_visits[code] = std::max(peak_visits[code], d.visits);
    }
  std::map<std::string, int64_t> beds;
  for (const auto& [code, bd] : total_bed_days) {
    double daily = static_cast<double>(bd) / static_cast<double>(total_days[code]);
    beds[code] = std::max<int64_t>(5, static_cast<int64_t>(std::ceil(daily / 0.88 / 5)) * 5);
  }

  std::vector<indicators::FigureInput> inputs;
  auto add = [&](int period, const std::string& unit, const char* code, int64_t scaled) {
    const indicators::FigureDef* def = app.indicators().figure_catalogue().Find(code);
    if (def == nullptr || scaled < 0) return;  // a catalogue without this figure
    indicators::FigureInput in;
    in.field = "demo";
    in.period = indicators::FigurePeriodLabel(period);
    in.org_unit = unit, in.code = code, in.note = kDemoNote;
    in.text = indicators::FigureValueText(*def, scaled);
    inputs.push_back(std::move(in));
  };
  auto scaled = [](double base, double noise) {
    return static_cast<int64_t>(std::llround(base * (1 + noise)));
  };
  for (const auto& [period, by_dept] : depts) {
    const int days = DaysIn(period);
    const double year_growth = period / 100 == last_year ? 1.04 : 1.0;
    for (const auto& [code, d] : by_dept) {
      if (!names.count(code)) continue;  // a code the department table does not know
      if (d.bed_days > 0 && beds.count(code)) {
        int64_t occupied = scaled(static_cast<double>(d.bed_days), 0.03 * Noise(period, code));
        // Open bed-days: the department's beds every night, unless that puts occupancy outside
        // 80–95 %; then beds were added (加床) or closed that month, to a target in that band.
        int64_t open_days = beds[code] * days;
        double occupancy = static_cast<double>(occupied) / static_cast<double>(open_days);
        if (occupancy < 0.80 || occupancy > 0.95) {
          double target = 0.80 + 0.15 * (Noise(period, code + "occ") + 1) / 2;
          open_days =
              std::max<int64_t>(occupied, std::llround(static_cast<double>(occupied) / target));
        }
        add(period, code, "sjzyzcrs", occupied);
        add(period, code, "sjkfzcrs", open_days);
        add(period, code, "bzcwzcrs", beds[code] * days);
        add(period, code, "qmkfcws",
            std::max<int64_t>(1, std::llround(static_cast<double>(open_days) / days)));
      }
      if (beds.count(code) || peak_visits[code] > 0) {
        // Staff: per bed for wards, per visits for clinics (an outpatient physician sees about
        // 400 patients a month); a few more in the second year.
        double physicians = beds.count(code) ? beds[code] * 0.32 : 0;
        physicians += static_cast<double>(peak_visits[code]) / 400.0;
        double nurses = beds.count(code) ? beds[code] * 0.6 : physicians * 0.5;
        add(period, code, "zyysrs", std::max<int64_t>(2, std::llround(physicians * year_growth)));
        add(period, code, "zchsrs", std::max<int64_t>(1, std::llround(nurses * year_growth)));
      }
    }
  }
  int64_t assets = 0;
  for (const auto& [period, h] : hospital) {
    const std::string key = "hospital";
    auto n = [&](const char* what) { return Noise(period, what); };
    int64_t outpatient = h.outpatient, inpatient = h.inpatient;
    int64_t medical = outpatient + inpatient;
    add(period, key, "mzsr", outpatient);
    add(period, key, "zysr", inpatient);
    add(period, key, "ylsr", medical);
    // Outpatient parts the visit records do not itemise: about 30 % examinations, 20 % lab.
    int64_t outpatient_other = outpatient - h.outpatient_drugs;
    add(period, key, "ypsr", h.inpatient_drugs + h.outpatient_drugs);
    add(period, key, "wsclsr", h.materials + scaled(outpatient_other * 0.05, 0.1 * n("cl")));
    add(period, key, "jcsr", h.exams + scaled(outpatient_other * 0.30, 0.1 * n("jc")));
    add(period, key, "hysr", h.lab + scaled(outpatient_other * 0.20, 0.1 * n("hy")));
    add(period, key, "zyybsr", h.fund);
    add(period, key, "mzybsr", scaled(outpatient * 0.42, 0.05 * n("mzyb")));
    // Total revenue: medical revenue plus government grants and other income (~8 %).
    int64_t total = scaled(medical * 1.08, 0.02 * n("zsr"));
    int64_t operating = scaled(medical * 0.93, 0.03 * n("ywzc"));
    add(period, key, "zsr", total);
    add(period, key, "ywzc", operating);
    add(period, key, "ryzc", scaled(operating * 0.38, 0.04 * n("ryzc")));
    // 万元收入能耗支出 around 110 元, more in winter and summer.
    int m = period % 100;
    double season = (m <= 2 || m == 12 || (m >= 7 && m <= 8)) ? 1.25 : 1.0;
    add(period, key, "nhzc", scaled(total * 0.011 * season, 0.05 * n("nhzc")));
    // Assets: about 1.3 years of revenue at the start, growing with each month's surplus;
    // liabilities around 40 % of assets (资产负债率).
    if (assets == 0) assets = scaled(total * 12 * 1.3, 0.0);
    assets += (total - operating) / 2;
    add(period, key, "zzc", assets);
    add(period, key, "zfz", scaled(assets * 0.40, 0.05 * n("zfz")));
  }
  if (inputs.empty()) return int64_t{0};
  return app.indicators().SaveFigures(auth::Actor::System(), inputs);
}

Result<DemoRecordsReport> LoadDemoRecords(App& app, const std::string& departments_json,
                                          int last_year, double scale) {
  DemoRecordsReport rep;
  if (scale <= 0) return rep;
  YW_ASSIGN_OR_RETURN(
      int64_t existing, app.db().Query<int64_t>([](soci::session& sql) -> Result<int64_t> {
        return db::ScalarInt(sql, "SELECT COUNT(*) FROM import_batch WHERE demo = 1", {});
      }));
  if (existing > 0) {
    rep.already_loaded = true;
    // A demo database made before the figures existed gets them now.
    YW_ASSIGN_OR_RETURN(rep.figures, LoadDemoFigures(app, last_year));
    return rep;
  }
  std::ifstream in(departments_json);
  if (!in)
    return Status::NotFound("演示数据文件 " + departments_json, "demo file " + departments_json);
  std::stringstream ss;
  ss << in.rdbuf();
  auto depts = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!depts.is_array())
    return Status::Invalid("file", departments_json + " 不是有效的 JSON", "invalid JSON");

  indicators::GeneratorOptions opt;
  opt.first_year = last_year - 1;
  opt.years = 2;
  opt.seed = 20261122;
  opt.discharges_per_year = std::max<int64_t>(1, std::llround(opt.discharges_per_year * scale));
  opt.visits_per_year = std::max<int64_t>(1, std::llround(opt.visits_per_year * scale));
  for (const auto& d : depts)
    opt.departments.push_back(
        {d.value("code", ""), d.value("name", ""), d.value("kind", ""), d.value("campus", "")});
  for (const EmbeddedFile* f = EmbeddedFiles(); !f->path.empty(); ++f)
    // The 首页 required list too: the generator fills every required column it names.
    if (f->path.starts_with("data/indicators/demo/") ||
        f->path == "data/indicators/qc/required_fields.csv")
      opt.files[std::string(f->path)] = std::string(f->content);

  namespace fs = std::filesystem;
  fs::path dir = fs::path(app.options().data_dir) / "demo-records";
  std::error_code ec;
  fs::create_directories(dir, ec);
  indicators::GeneratorStats stats;
  YW_RETURN_IF_ERROR(indicators::GenerateCsv(opt, dir.string(), &stats));
  rep.discharges = stats.discharges, rep.visits = stats.visits;
  rep.antibiotic_rows = stats.antibiotic_rows, rep.pathway_rows = stats.pathway_rows;
  for (indicators::Dataset d : indicators::kAllDatasets) {
    indicators::ImportRequest r;
    r.dataset = d;
    r.file_name = std::string(indicators::DatasetName(d)) + ".csv";
    r.path = (dir / r.file_name).string();
    r.source = "demo";
    r.demo = true;
    YW_ASSIGN_OR_RETURN(indicators::ImportOutcome out, app.indicators().Import(r));
    if (!out.committed) return out.failure;
  }
  fs::remove_all(dir, ec);  // the records now live in the database
  YW_ASSIGN_OR_RETURN(rep.figures, LoadDemoFigures(app, last_year));
  return rep;
}

}  // namespace yuanwu::app
