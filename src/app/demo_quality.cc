#include "app/demo_quality.h"

#include <algorithm>

namespace yuanwu::app {
namespace {

using http::Json;

const std::string kIp = "127.0.0.1";

const std::set<std::string> kOfficePermissions = {
    quality::kEventReport, quality::kEventRead,   quality::kEventHandle,
    quality::kEventManage, quality::kInspectRead, quality::kInspectManage,
    quality::kRectRead,    quality::kRectHandle,  quality::kRectManage};
const std::set<std::string> kHeadPermissions = {quality::kEventReport, quality::kEventRead,
                                                quality::kEventHandle, quality::kInspectRead,
                                                quality::kRectRead,    quality::kRectHandle};

std::string Str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// "{year}" and "{n}" of a receipt-number template.
std::string Fill(std::string text, int year, int n) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{year}", std::to_string(year)},
                            {"{n}", std::to_string(n)}}) {
    size_t at = text.find(key);
    if (at != std::string::npos) text.replace(at, key.size(), value);
  }
  return text;
}

struct Arrival {
  int64_t at = 0;
  const Json* scenario = nullptr;
  std::string category;
  std::string stop;  // the state a recent event is left in; "" = as far as time allows
};

// One event through its flow up to `now` (or its `stop`); true when it is still open.
Result<bool> RunEvent(QualityDemo& q, const Json& t, const Arrival& a, int64_t department_id,
                      int serial, std::mt19937& rng) {
  const Json& sc = *a.scenario;
  const int64_t off = q.offset;
  const calendar::WorkingCalendar& cal = q.app.calendar();
  YW_ASSIGN_OR_RETURN(std::vector<std::string> staff, StaffOf(q.app, department_id));
  if (staff.empty()) {
    return Status::Invalid("adverse_events.json", "事件科室没有演示账号可作上报人",
                           "no demo account in the event's department to report it");
  }
  YW_ASSIGN_OR_RETURN(auth::Principal reporter,
                      Staff(q.app, OneOf(staff, rng), {quality::kEventReport}, auth::Scope::kSelf));
  // It happened a little before it was reported (or when the template says) and was noticed
  // soon after.
  int64_t occurred = a.at - 60 * Between(20, 600, rng);
  std::optional<int64_t> fixed =
      ParseTimestamp(LocalDate(a.at, q.offset).ToString() + " " + Str(sc, "occurred"), q.offset);
  if (!Str(sc, "occurred").empty() && fixed) {
    occurred = std::min(*fixed, a.at - 1800);
  }
  int64_t discovered = std::min(a.at - 600, occurred + 60 * Between(0, 30, rng));
  quality::ReportInput r;
  r.occurred_at = FormatLocalMinute(occurred, off);
  r.discovered_at = FormatLocalMinute(discovered, off);
  r.department_id = department_id;
  r.patient_name = OneOf(t["patients"], rng).get<std::string>();
  const Date day = LocalDate(a.at, off);
  r.patient_record_no =
      "ZY" + std::to_string(day.year) + std::to_string(10000 + serial * 379 % 89999);
  r.category = a.category;
  r.grade = sc.contains("grade") ? Str(sc, "grade") : OneOf(sc["grades"], rng).get<std::string>();
  r.description = Str(sc, "description");
  r.immediate_measures = Str(sc, "immediate");
  r.external_severity = Str(sc, "severity");
  r.anonymous = r.grade != "I" && Chance(t.value("anonymous_share", 0.2), rng);
  // Some reporters ("always_anonymous": nurse01, whose name the API tests look for to prove an
  // anonymous report leaves no trace) report only anonymously.
  for (const Json& u : t["always_anonymous"]) {
    if (u.get<std::string>() == reporter.username) r.anonymous = true;
  }
  q.replay.clock.Set(a.at);
  YW_ASSIGN_OR_RETURN(quality::ReportedEvent reported, q.events.Report(reporter, kIp, r));
  const int64_t id = reported.id;

  // The outward report: within hours for a 重大 event, within days for a 一般 one.
  int64_t outward = r.external_severity == "general"
                        ? LocalMoment(LocalDate(discovered, off).AddDays(Between(2, 8, rng)),
                                      Between(9, 11, rng), 30, off)
                        : discovered + 3600 * Between(3, 8, rng);
  bool outward_due = !r.external_severity.empty();
  std::string receipt = Fill(OneOf(t["external_notes"], rng).get<std::string>(), day.year,
                             Between(10000, 99999, rng));
  auto report_outward = [&](int64_t until) -> Status {
    if (!outward_due || outward > until || !q.At(outward)) return Status::Ok();
    outward_due = false;
    return q.events.ReportOutward(q.office, kIp, id, {"", receipt}).status();
  };
  // Each step: the outward report if it came first, then the step if its moment has come.
  auto reach = [&](int64_t at) -> Result<bool> {
    YW_RETURN_IF_ERROR(report_outward(at));
    return q.At(at);
  };
  auto finish_open = [&]() -> Result<bool> {
    YW_RETURN_IF_ERROR(report_outward(q.now));
    return true;
  };

  const auth::Principal& dept = q.Handler(department_id);
  cases::Visibility dept_view = q.events.VisibilityFor(dept);
  if (a.stop == "reported") return finish_open();
  YW_ASSIGN_OR_RETURN(bool reached, reach(a.at + 3600 * Between(1, 4, rng)));
  if (!reached) return finish_open();
  YW_RETURN_IF_ERROR(
      q.events.engine().Act(dept, kIp, quality::kEventType, id, dept_view, "accept", "").status());

  if (sc.contains("dismiss")) {
    YW_ASSIGN_OR_RETURN(reached, reach(LocalMoment(cal.AddWorkingDays(day, 1), 10, 20, off)));
    if (!reached) return finish_open();
    YW_RETURN_IF_ERROR(q.events.engine()
                           .Act(q.office, kIp, quality::kEventType, id, cases::Visibility::All(),
                                "dismiss", Str(sc, "dismiss"))
                           .status());
    return false;
  }
  if (a.stop == "dept_handling") return finish_open();
  Date step_day = cal.AddWorkingDays(day, Between(2, 7, rng));
  YW_ASSIGN_OR_RETURN(reached, reach(LocalMoment(step_day, Between(14, 16, rng), 30, off)));
  if (!reached) return finish_open();
  YW_RETURN_IF_ERROR(
      q.events.SubmitDeptHandling(dept, kIp, id, {Str(sc, "analysis"), Str(sc, "measures")})
          .status());
  if (Chance(t.value("return_share", 0.1), rng)) {
    // The office wants more; the department answers two working days later.
    step_day = cal.AddWorkingDays(step_day, 1);
    YW_ASSIGN_OR_RETURN(reached, reach(LocalMoment(step_day, 10, 0, off)));
    if (!reached) return finish_open();
    YW_RETURN_IF_ERROR(q.events.engine()
                           .Act(q.office, kIp, quality::kEventType, id, cases::Visibility::All(),
                                "return_to_dept", OneOf(t["return_notes"], rng).get<std::string>())
                           .status());
    step_day = cal.AddWorkingDays(step_day, 2);
    YW_ASSIGN_OR_RETURN(reached, reach(LocalMoment(step_day, 16, 0, off)));
    if (!reached) return finish_open();
    std::string more = Str(sc, "analysis");
    if (!sc["causes"].empty())
      more += "\n经科室再次讨论补充：" + sc["causes"][0][1].get<std::string>();
    YW_RETURN_IF_ERROR(
        q.events.SubmitDeptHandling(dept, kIp, id, {more, Str(sc, "measures")}).status());
  }

  // The quality office's review with its root-cause analysis, and the corrective actions.
  if (a.stop == "review") return finish_open();
  step_day = cal.AddWorkingDays(step_day, Between(2, 5, rng));
  int64_t at = LocalMoment(step_day, Between(9, 15, rng), 30, off);
  YW_ASSIGN_OR_RETURN(reached, reach(at));
  if (!reached) return finish_open();
  quality::ReviewInput review;
  for (const Json& c : sc["causes"])
    review.causes.push_back({c[0].get<std::string>(), c[1].get<std::string>()});
  review.factors = Str(sc, "factors");
  review.conclusion = Str(sc, "conclusion");
  YW_RETURN_IF_ERROR(q.events.Review(q.office, kIp, id, review).status());
  YW_ASSIGN_OR_RETURN(reached, reach(at + 3600));
  if (!reached) return finish_open();
  std::vector<quality::CorrectiveAction> actions;
  auto head = q.heads.find(department_id);
  for (const Json& text : sc["actions"]) {
    quality::CorrectiveAction c;
    c.department_id = department_id;
    c.requirement = text.get<std::string>();
    c.leader = Str(t, "leader");
    c.responsible = head != q.heads.end() ? head->second.name : "科室负责人";
    actions.push_back(c);
  }
  YW_RETURN_IF_ERROR(q.events.PlanActions(q.office, kIp, id, actions, "").status());
  if (a.stop == "corrective") return finish_open();

  YW_ASSIGN_OR_RETURN(quality::EventDetail detail, q.events.Get(q.office, id));
  Date done = step_day;
  for (const quality::RectificationRow& task : detail.corrective) {
    YW_ASSIGN_OR_RETURN(std::optional<Date> closed,
                        q.WorkTask(task.c.id, department_id, step_day, Between(6, 16, rng),
                                   Str(sc, "evidence"), rng));
    if (!closed) return finish_open();
    done = std::max(done, *closed);
  }
  step_day = cal.AddWorkingDays(done, Between(1, 2, rng));
  YW_ASSIGN_OR_RETURN(reached, reach(LocalMoment(step_day, 10, 0, off)));
  if (!reached) return finish_open();
  YW_RETURN_IF_ERROR(
      q.events.StartEvaluation(q.office, kIp, id, Str(t, "start_evaluation_note")).status());
  // The effect is watched for a month or so before the event is closed.
  step_day = cal.AddWorkingDays(step_day, Between(15, 30, rng));
  YW_ASSIGN_OR_RETURN(reached, reach(LocalMoment(step_day, 15, 0, off)));
  if (!reached) return finish_open();
  bool partial = Chance(t.value("partial_share", 0.15), rng);
  YW_RETURN_IF_ERROR(q.events
                         .Close(q.office, kIp, id,
                                {partial ? "partial" : "effective",
                                 partial ? Str(t, "partial_evaluation") : Str(sc, "evaluation")})
                         .status());
  YW_RETURN_IF_ERROR(report_outward(q.now));
  return false;
}

}  // namespace

const auth::Principal& QualityDemo::Handler(int64_t department_id) const {
  auto it = heads.find(department_id);
  return it != heads.end() ? it->second : office;
}

bool QualityDemo::At(int64_t at) {
  if (at > now) return false;
  replay.clock.Set(at);
  return true;
}

Result<std::optional<Date>> QualityDemo::WorkTask(int64_t task_id, int64_t department_id, Date from,
                                                  int days, const std::string& evidence,
                                                  std::mt19937& rng) {
  const calendar::WorkingCalendar& cal = app.calendar();
  const auth::Principal& dept = Handler(department_id);
  Date d = cal.AddWorkingDays(from, days);
  for (int attempt = 0;; ++attempt) {
    if (!At(LocalMoment(d, Between(14, 17, rng), Between(0, 59, rng), offset)))
      return std::optional<Date>();
    std::string report =
        attempt == 0 ? evidence : OneOf(recheck["resubmit"], rng).get<std::string>();
    YW_RETURN_IF_ERROR(rectifications.Submit(dept, "127.0.0.1", task_id, report).status());
    Date check = cal.AddWorkingDays(d, Between(1, 3, rng));
    if (!At(LocalMoment(check, Between(9, 11, rng), Between(0, 59, rng), offset))) {
      return std::optional<Date>();
    }
    // A second report always passes: the demo has no task failing twice.
    bool pass = attempt > 0 || !Chance(recheck.value("fail_share", 0.12), rng);
    std::string note = OneOf(recheck[pass ? "pass" : "fail"], rng).get<std::string>();
    YW_RETURN_IF_ERROR(rectifications.Recheck(office, "127.0.0.1", task_id, pass, note).status());
    if (pass) return std::optional<Date>(check);
    d = cal.AddWorkingDays(check, Between(5, 10, rng));
  }
}

Status LoadDemoAdverseEvents(QualityDemo& q, const std::string& file, DemoQualityReport& rep) {
  YW_ASSIGN_OR_RETURN(Json t, ReadDemoTemplates(file));
  std::mt19937 rng(t.value("seed", 20261123u));
  const Date today = LocalDate(q.now, q.offset);
  std::vector<Arrival> arrivals;
  const Json& sentinel = t["sentinel"];
  std::optional<Date> sentinel_day = ParseDate(Str(sentinel, "date"));
  // The recent open events are among the current year's.
  int recent = static_cast<int>(t["recent_open"].size());
  for (auto [year, count] : CountsPerYear(t["per_year"], today)) {
    if (year == today.year) count = std::max(0, count - recent);
    // The year's one 警讯事件 counts among its events.
    if (sentinel_day && sentinel_day->year == year && *sentinel_day < today && count > 0) {
      arrivals.push_back(
          {LocalMoment(*sentinel_day, 3, 40, q.offset), &sentinel, Str(sentinel, "category"), ""});
      --count;
    }
    for (int i = 0; i < count; ++i) {
      Date d = DayIn(year, today, rng);
      std::string category = Weighted(t["categories"], rng);
      const Json& sc = OneOf(t["categories"][category]["scenarios"], rng);
      arrivals.push_back(
          {LocalMoment(d, Between(8, 17, rng), Between(0, 59, rng), q.offset), &sc, category, ""});
    }
  }
  for (const Json& open : t["recent_open"]) {
    Date d = today.AddDays(-open.value("days_ago", 1));
    std::string category = Weighted(t["categories"], rng);
    const Json* sc = nullptr;
    for (const Json& s : t["categories"][category]["scenarios"]) {
      if (!s.contains("dismiss")) sc = &s;
    }
    if (sc == nullptr) continue;
    arrivals.push_back({LocalMoment(d, Between(8, 11, rng), Between(0, 59, rng), q.offset), sc,
                        category, Str(open, "stop")});
  }
  std::stable_sort(arrivals.begin(), arrivals.end(),
                   [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
  for (const Arrival& a : arrivals) {
    if (a.at >= q.now) continue;
    YW_ASSIGN_OR_RETURN(std::vector<int64_t> depts,
                        DepartmentsOf(q.department_ids, (*a.scenario)["departments"], file));
    int64_t dept = OneOf(depts, rng);
    YW_ASSIGN_OR_RETURN(bool open, RunEvent(q, t, a, dept, rep.adverse_events + 1, rng));
    ++rep.adverse_events;
    if (open) ++rep.adverse_events_open;
  }
  return Status::Ok();
}

Result<DemoQualityReport> LoadDemoQuality(App& app, const std::string& dir, int64_t now) {
  const int64_t offset = app.options().local_offset_seconds;
  YW_ASSIGN_OR_RETURN(std::unique_ptr<Replay> replay, NewReplay(app, now));
  YW_ASSIGN_OR_RETURN(quality::Codes codes, quality::ParseCodes(quality::ShippedCodesJson()));
  quality::RectificationService rectifications(app.db(), replay->clock, replay->engine, app.org(),
                                               replay->directory, codes, offset);
  quality::AdverseEventService events(app.db(), replay->clock, app.calendar(), replay->engine,
                                      app.org(), replay->directory, rectifications, codes, offset);
  quality::InspectionService inspections(app.db(), replay->clock, app.org(), rectifications,
                                         offset);
  YW_ASSIGN_OR_RETURN(auth::Principal office,
                      Staff(app, "zhikong", kOfficePermissions, auth::Scope::kAll));
  YW_ASSIGN_OR_RETURN(auto heads, DepartmentHeads(app, kHeadPermissions));
  YW_ASSIGN_OR_RETURN(auto department_ids, DepartmentIds(app));
  YW_ASSIGN_OR_RETURN(Json plan, ReadDemoTemplates(dir + "/inspections.json"));
  QualityDemo q{app,    *replay, rectifications, events,          inspections,   now,
                offset, office,  heads,          plan["recheck"], department_ids};
  DemoQualityReport rep;
  YW_RETURN_IF_ERROR(LoadDemoAdverseEvents(q, dir + "/adverse_events.json", rep));
  YW_RETURN_IF_ERROR(LoadDemoInspections(q, dir + "/inspections.json", rep));
  quality::RectificationQuery open;
  open.queue = cases::Queue::kOpen;
  open.limit = 1;
  YW_ASSIGN_OR_RETURN(auto page, rectifications.List(office, open));
  rep.rectifications_open = static_cast<int>(page.second);
  return rep;
}

}  // namespace yuanwu::app
