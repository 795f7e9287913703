#include "app/demo_applications.h"

#include <algorithm>

#include "app/demo_support.h"
#include "disclosure/application_service.h"

namespace yuanwu::app {
namespace {

using disclosure::Mode;
using http::Json;

const std::string kIp = "127.0.0.1";
const char* kFile = "applications.json";

std::string Str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

struct Generator {
  App& app;
  Replay& replay;
  disclosure::ApplicationService& service;
  const Json& t;
  const auth::Principal& office;
  const std::map<std::string, int64_t>& departments;
  int64_t now;
  int64_t offset;
  std::mt19937 rng;
  DemoApplicationsReport rep;

  const calendar::WorkingCalendar& Cal() const { return app.calendar(); }
  // The replay clock at `day` during office hours, unless that is still to come.
  bool At(Date day, int hour) {
    int64_t at = LocalMoment(day, hour, Between(0, 50, rng), offset);
    if (at > now) return false;
    replay.clock.Set(at);
    return true;
  }

  // The applicant's particulars: fictitious names, 13800004xxx numbers, .example addresses.
  void Applicant(disclosure::RegistrationInput& in, int serial) {
    in.applicant_name = OneOf(t["names"], rng).get<std::string>();
    char phone[16];
    std::snprintf(phone, sizeof phone, "13800004%03d", Between(0, 999, rng));
    in.phone = phone;
    in.email = "ysq" + std::to_string(serial) + "@mail.example";
    in.address =
        OneOf(t["streets"], rng).get<std::string>() + std::to_string(Between(1, 300, rng)) + "号";
  }

  Status Application(const Json& tp, Date received, int serial) {
    disclosure::RegistrationInput in;
    in.mode = "application";
    in.applicant_kind = Str(tp, "kind");
    Applicant(in, serial);
    in.organisation = Str(tp, "organisation");
    // No ID-card numbers in the demo: every applicant shows an invented 其他证件.
    in.id_type = "other";
    in.id_number = "DEMO-" + std::to_string(received.year) + "-" + std::to_string(1000 + serial);
    in.channel = Str(tp, "channel");
    if (in.channel == "in_person") {
      in.submitted_on = received.ToString();
    } else if (in.channel == "registered_mail") {
      in.submitted_on = received.AddDays(-2).ToString();
      in.signed_on = received.ToString();
    } else {
      in.confirmed_on = received.ToString();
    }
    in.description = Str(tp, "description");
    in.purpose = Str(tp, "purpose");
    in.medium = Str(tp, "medium");
    in.delivery = Str(tp, "delivery");
    auto dept = departments.find(Str(tp, "department"));
    if (dept == departments.end()) {
      return Status::Invalid(kFile, "科室不存在：" + Str(tp, "department"),
                             "unknown department: " + Str(tp, "department"));
    }
    in.department_id = dept->second;
    if (!At(received, Between(9, 15, rng))) return Status::Ok();
    YW_ASSIGN_OR_RETURN(disclosure::RegisteredApplication reg, service.Register(office, kIp, in));
    ++rep.applications;
    const int64_t id = reg.c.id;
    bool open = true;
    YW_RETURN_IF_ERROR(Handle(tp, id, received, open));
    if (open) ++rep.open;
    return Status::Ok();
  }

  // The steps after registration, as far as `now`; `open` false once the application is done.
  Status Handle(const Json& tp, int64_t id, Date received, bool& open) {
    Date day = received;  // the day the answer period runs from
    if (tp.contains("correction")) {
      const Json& c = tp["correction"];
      Date asked = Cal().AddWorkingDays(received, Between(2, 5, rng));
      if (!At(asked, 10)) return Status::Ok();
      Date due = asked.AddDays(15);
      YW_RETURN_IF_ERROR(
          service.RequestCorrection(office, kIp, id, {Str(c, "request"), due.ToString()}).status());
      if (!c.value("received", false)) {
        if (!At(Cal().AddWorkingDays(due, Between(1, 3, rng)), 10)) return Status::Ok();
        YW_RETURN_IF_ERROR(service.CorrectionOverdue(office, kIp, id, Str(c, "note")).status());
        return Archive(id, Cal().AddWorkingDays(due, 4), open);
      }
      day = asked.AddDays(Between(3, 10, rng));
      if (!At(day, 11)) return Status::Ok();
      YW_RETURN_IF_ERROR(service.CorrectionReceived(office, kIp, id, "", Str(c, "note")).status());
    }
    if (tp.contains("withdraw")) {
      if (!At(Cal().AddWorkingDays(day, Between(3, 8, rng)), 15)) return Status::Ok();
      YW_RETURN_IF_ERROR(service.Withdraw(office, kIp, id, Str(tp, "withdraw")).status());
      open = false;
      return Status::Ok();
    }
    int answer_in = Between(5, 16, rng);
    if (tp.contains("third_party")) {
      const Json& p = tp["third_party"];
      Date sent = Cal().AddWorkingDays(day, 3);
      if (!At(sent, 10)) return Status::Ok();
      YW_RETURN_IF_ERROR(
          service
              .ConsultThirdParty(office, kIp, id,
                                 {"third_party", Str(p, "party"), Str(p, "matter"), ""})
              .status());
      Date replied = Cal().AddWorkingDays(sent, Between(6, 12, rng));
      if (!At(replied, 14)) return Status::Ok();
      YW_RETURN_IF_ERROR(
          service
              .ThirdPartyReplied(office, kIp, id, {"", Str(p, "opinion"), Str(p, "opinion_text")})
              .status());
      day = replied;
      answer_in = Between(3, 6, rng);
    }
    if (tp.contains("extension")) {
      if (!At(Cal().AddWorkingDays(day, 17), 16)) return Status::Ok();
      YW_RETURN_IF_ERROR(
          service.Extend(office, kIp, id, "10wd", Str(t, "approver"), Str(tp, "extension"))
              .status());
      answer_in = Between(22, 27, rng);
    }
    Date answered = Cal().AddWorkingDays(day, answer_in);
    if (!At(answered, Between(10, 16, rng))) return Status::Ok();
    disclosure::AnswerInput a;
    a.outcome = Str(tp, "outcome");
    a.answer_text = Str(tp, "answer");
    a.withheld_text = Str(tp, "withheld");
    a.answer_delivery = Str(tp, "delivery");
    YW_RETURN_IF_ERROR(service.Answer(office, kIp, id, a).status());
    return Archive(id, answered.AddDays(Between(3, 10, rng)), open);
  }

  // The answered (or lapsed) file goes to the archive a few days later.
  Status Archive(int64_t id, Date day, bool& open) {
    open = false;
    if (!At(day, 16)) return Status::Ok();
    return service.engine()
        .Act(office, kIp, std::string(disclosure::kApplicationType), id, cases::Visibility::All(),
             "archive", "")
        .status();
  }

  // `waiting`: a recent one, registered and not answered yet.
  Status Consultation(Date day, int serial, bool waiting) {
    const Json& c = OneOf(t["consultations"], rng);
    disclosure::RegistrationInput in;
    in.mode = "consultation";
    Applicant(in, serial);
    in.email.clear();
    in.address.clear();
    in.channel = Weighted(t["consultation_channels"], rng);
    in.received_on = day.ToString();
    in.description = Str(c, "q");
    if (!At(day, Between(8, 16, rng))) return Status::Ok();
    YW_ASSIGN_OR_RETURN(disclosure::RegisteredApplication reg, service.Register(office, kIp, in));
    ++rep.consultations;
    const int64_t id = reg.c.id;
    if (waiting) {
      ++rep.open;
      return Status::Ok();
    }
    // Most are answered on the spot or within a day or two; letters take longer.
    Date answered =
        Cal().AddWorkingDays(day, in.channel == "mail" ? Between(2, 4, rng) : Between(0, 2, rng));
    if (answered == day && !At(day, 17)) {
      ++rep.open;
      return Status::Ok();
    }
    if (answered != day && !At(answered, Between(9, 16, rng))) {
      ++rep.open;
      return Status::Ok();
    }
    YW_RETURN_IF_ERROR(
        service.AnswerConsultation(office, kIp, id, {"", Str(c, "a"), "", in.channel}).status());
    if (!At(Cal().AddWorkingDays(answered, Between(1, 3, rng)), 16)) return Status::Ok();
    return service.engine()
        .Act(office, kIp, std::string(disclosure::kConsultationType), id, cases::Visibility::All(),
             "close", "")
        .status();
  }
};

}  // namespace

Result<DemoApplicationsReport> LoadDemoApplications(App& app, const std::string& file,
                                                    int64_t now) {
  YW_ASSIGN_OR_RETURN(Json t, ReadDemoTemplates(file));
  const int64_t offset = app.options().local_offset_seconds;
  YW_ASSIGN_OR_RETURN(std::unique_ptr<Replay> replay, NewReplay(app, now));
  disclosure::ApplicationService service(app.db(), replay->clock, app.calendar(), replay->engine,
                                         app.org(),
                                         disclosure::ApplicationServiceOptions{offset, ""});
  YW_ASSIGN_OR_RETURN(auth::Principal office, Staff(app, "office",
                                                    {std::string(disclosure::kApplicationRead),
                                                     std::string(disclosure::kApplicationHandle),
                                                     std::string(disclosure::kApplicationManage)},
                                                    auth::Scope::kAll));
  YW_ASSIGN_OR_RETURN(auto departments, DepartmentIds(app));
  Generator g{app, *replay, service,
              t,   office,  departments,
              now, offset,  std::mt19937(t.value("seed", 20261125u)),
              {}};
  const Date today = LocalDate(now, offset);

  // Applications: each template once a year in a shuffled order (a year with more than there
  // are templates goes round again); a template may pin its day in the first year.
  std::vector<std::pair<Date, const Json*>> arrivals;
  const Json& templates = t["applications"];
  auto counts = CountsPerYear(t["per_year"], today);
  // The recent ones, still open, are among the current year's.
  std::vector<Date> recent;
  for (const Json& days : t["recent_open_days_ago"]) {
    Date d = today.AddDays(-days.get<int>());
    while (!app.calendar().IsWorkingDay(d)) d = d.AddDays(-1);
    recent.push_back(d);
  }
  for (auto [year, count] : counts) {
    if (year == today.year) count = std::max(0, count - static_cast<int>(recent.size()));
    std::vector<const Json*> order;
    for (const Json& tp : templates) order.push_back(&tp);
    std::shuffle(order.begin(), order.end(), g.rng);
    for (int i = 0; i < count; ++i) {
      const Json* tp = order[i % order.size()];
      Date d = DayIn(year, today, g.rng);
      std::optional<Date> pinned =
          ParseDate(std::to_string(year) + "-" + Str(*tp, "first_year_on"));
      if (pinned && year == counts.front().first && *pinned < today) d = *pinned;
      while (!app.calendar().IsWorkingDay(d)) d = d.AddDays(-1);
      arrivals.push_back({d, tp});
    }
    if (year == today.year) {
      for (size_t i = 0; i < recent.size(); ++i) {
        arrivals.push_back({recent[i], order[(count + i) % order.size()]});
      }
    }
  }
  std::stable_sort(arrivals.begin(), arrivals.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  int serial = 0;
  for (const auto& [day, tp] : arrivals) {
    YW_RETURN_IF_ERROR(g.Application(*tp, day, ++serial));
  }

  std::vector<Date> asked;
  std::vector<Date> asked_recently;
  for (const Json& days : t["consultations_recent_open_days_ago"]) {
    Date d = today.AddDays(-days.get<int>());
    while (!app.calendar().IsWorkingDay(d)) d = d.AddDays(-1);
    asked_recently.push_back(d);
  }
  for (auto [year, count] : CountsPerYear(t["consultations_per_year"], today)) {
    if (year == today.year) {
      count = std::max(0, count - static_cast<int>(asked_recently.size()));
      asked.insert(asked.end(), asked_recently.begin(), asked_recently.end());
    }
    for (int i = 0; i < count; ++i) {
      Date d = DayIn(year, today, g.rng);
      while (!app.calendar().IsWorkingDay(d)) d = d.AddDays(-1);
      asked.push_back(d);
    }
  }
  std::sort(asked.begin(), asked.end());
  for (Date d : asked) {
    bool waiting =
        std::find(asked_recently.begin(), asked_recently.end(), d) != asked_recently.end();
    YW_RETURN_IF_ERROR(g.Consultation(d, ++serial, waiting));
  }

  // The annual table 三 of every year must add up (Annual checks it).
  for (auto [year, count] : counts) {
    (void)count;
    YW_RETURN_IF_ERROR(service.Annual(office, year).status());
  }
  return g.rep;
}

}  // namespace yuanwu::app
