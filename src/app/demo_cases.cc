#include "app/demo_cases.h"

#include <algorithm>
#include <map>

#include "app/demo_support.h"
#include "complaints/complaint_service.h"

namespace yuanwu::app {

using http::Json;

Result<DemoCasesReport> LoadDemoComplaints(App& app, const std::string& file, int64_t now) {
  YW_ASSIGN_OR_RETURN(Json t, ReadDemoTemplates(file));

  const int64_t offset = app.options().local_offset_seconds;
  // The engine and the service run on a clock set to each step's moment.
  YW_ASSIGN_OR_RETURN(std::unique_ptr<Replay> rp, NewReplay(app, now));
  FakeClock& replay = rp->clock;
  cases::CaseEngine& engine = rp->engine;
  YW_ASSIGN_OR_RETURN(complaints::Codes codes,
                      complaints::ParseCodes(complaints::ShippedCodesJson()));
  complaints::ComplaintService service(app.db(), replay, engine, app.org(), std::move(codes),
                                       complaints::ServiceOptions{offset, 10000});

  const std::set<std::string> kOffice = {"complaints.register", "complaints.read",
                                         "complaints.handle", "complaints.manage"};
  YW_ASSIGN_OR_RETURN(auth::Principal office, Staff(app, "yihuan", kOffice, auth::Scope::kAll));
  YW_ASSIGN_OR_RETURN(auto heads, DepartmentHeads(app, {"complaints.read", "complaints.handle"}));
  YW_ASSIGN_OR_RETURN(auto dept_id, DepartmentIds(app));
  YW_ASSIGN_OR_RETURN(std::vector<int64_t> targets, DepartmentsOf(dept_id, t["departments"], file));
  std::vector<std::string> names = t["complainants"].get<std::vector<std::string>>();
  std::vector<std::string> replies = t["replies"].get<std::vector<std::string>>();
  std::vector<std::string> spot = t["on_spot_replies"].get<std::vector<std::string>>();

  std::mt19937 rng(20261122);
  const Date today = LocalDate(now, offset);
  // When each complaint came in, over each year up to yesterday; and whether it is one of the
  // recent ones still being handled (never answered here, so some are overdue).
  std::vector<std::pair<int64_t, bool>> arrivals;
  for (auto it = t["per_year"].begin(); it != t["per_year"].end(); ++it) {
    int year = std::stoi(it.key());
    if (today.AddDays(-1) < Date{year, 1, 1}) continue;
    for (int i = 0; i < it->get<int>(); ++i) {
      Date d = DayIn(year, today, rng);
      arrivals.push_back({LocalMoment(d, std::uniform_int_distribution<int>(8, 16)(rng),
                                      std::uniform_int_distribution<int>(0, 59)(rng), offset),
                          false});
    }
  }
  for (int i = 0; i < t.value("recent_open", 0); ++i) {
    Date d = today.AddDays(-std::uniform_int_distribution<int>(1, 12)(rng));
    arrivals.push_back({LocalMoment(d, 9 + i % 7, 20, offset), true});
  }
  std::sort(arrivals.begin(), arrivals.end());

  DemoCasesReport rep;
  const std::string ip = "127.0.0.1";
  for (const auto& [at, stall] : arrivals) {
    replay.Set(at + 300);
    std::string category = Weighted(t["categories"], rng);
    const Json& cat = t["categories"][category];
    complaints::RegistrationInput r;
    r.intake.complainant_name = OneOf(names, rng);
    bool self = Chance(0.6, rng);
    r.intake.complainant_relation = self ? "self" : "child";
    r.intake.patient_name = self ? r.intake.complainant_name : OneOf(names, rng);
    // Demo numbers are 1380000xxxx (data/demo/README.md); complainants are 13800003xxx.
    char phone[16];
    std::snprintf(phone, sizeof phone, "13800003%03d",
                  std::uniform_int_distribution<int>(0, 999)(rng));
    r.intake.complainant_phone = phone;
    r.intake.patient_record_no = "MZ" + std::to_string(100000 + rep.complaints * 37 % 899999);
    r.intake.target_department_id = OneOf(targets, rng);
    r.intake.category = category;
    r.intake.description = OneOf(cat["texts"].get<std::vector<std::string>>(), rng);
    r.intake.demand = cat.value("demand", "");
    r.intake.consent = true;
    r.channel = Weighted(t["channels"], rng);
    r.received_at = FormatLocalMinute(at, offset);
    r.resolved_on_spot = !stall && (r.channel == "onsite" || r.channel == "phone") &&
                         Chance(t.value("on_the_spot_share", 0.3), rng);
    if (r.resolved_on_spot) {
      r.complexity = "on_the_spot";
      r.on_spot_reply = OneOf(spot, rng);
    } else {
      r.complexity =
          Chance(t.value("multi_department_share", 0.15), rng) ? "multi_department" : "investigate";
    }
    YW_ASSIGN_OR_RETURN(complaints::Registered reg, service.Register(office, ip, r));
    ++rep.complaints;
    if (r.resolved_on_spot) continue;
    const int64_t id = reg.c.id;
    const Date received = LocalDate(at, offset);
    const int period = r.complexity == "multi_department" ? 10 : 5;

    // The office sends it to the department two hours later.
    int64_t step = at + 2 * 3600;
    if (step > now) {
      ++rep.open;
      continue;
    }
    replay.Set(step);
    YW_RETURN_IF_ERROR(service
                           .Dispatch(office, ip, id, r.intake.target_department_id, 0,
                                     "请科室调查核实并提出处理意见")
                           .status());
    // The department (its head, where the demo has one) investigates the next working day.
    Date next = app.calendar().AddWorkingDays(received, 1);
    step = LocalMoment(next, 9, 30, offset);
    if (step > now) {
      ++rep.open;
      continue;
    }
    replay.Set(step);
    auto head = heads.find(r.intake.target_department_id);
    const auth::Principal& dept = head != heads.end() ? head->second : office;
    cases::Visibility all = cases::Visibility::All();
    YW_RETURN_IF_ERROR(engine.Act(dept, ip, "complaint", id, all, "accept", "").status());
    YW_RETURN_IF_ERROR(engine
                           .Act(dept, ip, "complaint", id, all, "findings",
                                t.value("findings", "科室已调查核实。"))
                           .status());

    if (stall) {
      ++rep.open;
      continue;
    }
    // The answer: usually within the period, sometimes a few working days late.
    bool late = Chance(t.value("late_share", 0.05), rng);
    bool not_processed = !late && Chance(t.value("not_processed_share", 0.03), rng);
    int days = late ? period + std::uniform_int_distribution<int>(1, 3)(rng)
                    : std::uniform_int_distribution<int>(1, period)(rng);
    Date answer_day = app.calendar().AddWorkingDays(received, std::max(days, 1));
    step = LocalMoment(answer_day, std::uniform_int_distribution<int>(10, 16)(rng), 15, offset);
    if (step > now) {
      ++rep.open;
      continue;
    }
    replay.Set(step);
    if (not_processed) {
      complaints::NotProcessInput np;
      np.reason = "litigation_or_mediation";
      np.explanation = "患者已向医疗纠纷人民调解委员会申请调解，本院配合调解，已向患者说明。";
      YW_RETURN_IF_ERROR(service.NotProcess(office, ip, id, np).status());
      continue;
    }
    complaints::ReplyInput reply;
    reply.text = OneOf(replies, rng);
    reply.method = r.channel == "letter" ? "letter" : "phone";
    reply.accepted = Chance(0.93, rng);
    if (!*reply.accepted) reply.follow_up = {"mediation", "admin_mediation"};
    YW_RETURN_IF_ERROR(service.Reply(office, ip, id, reply).status());
    if (!reg.tracking_code.empty() && r.channel == "online" && step + 86400 <= now) {
      replay.Set(step + 86400);
      int stars = Chance(0.8, rng) ? 5 : 4;
      YW_RETURN_IF_ERROR(
          service.Rate(reg.c.code, reg.tracking_code, stars, "处理及时，感谢。", ip).status());
    }
    // The office files it away after a few days.
    step = LocalMoment(app.calendar().AddWorkingDays(answer_day, 3), 16, 0, offset);
    if (step > now) continue;
    replay.Set(step);
    YW_RETURN_IF_ERROR(engine.Act(office, ip, "complaint", id, all, "close", "").status());
  }
  return rep;
}

}  // namespace yuanwu::app
