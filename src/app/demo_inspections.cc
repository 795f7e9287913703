// The demo's inspection rounds (督查) and their rectification tasks: see demo_quality.h.
#include <algorithm>

#include "app/demo_quality.h"

namespace yuanwu::app {
namespace {

using http::Json;

const std::string kIp = "127.0.0.1";

struct Task {
  int64_t id = 0;
  int64_t department_id = 0;
  int period = 20;  // working days
  std::string evidence;
};

// One department's sheet: every item at full marks but a few problems (2–4 of the template's,
// with their notes) and now and then a minor deduction. Returns the problems found, in order.
std::vector<std::pair<int64_t, const Json*>> Score(const quality::Checklist& cl, const Json& tp,
                                                   const Json& t,
                                                   std::vector<quality::ScoreInput>& scores,
                                                   std::mt19937& rng) {
  std::map<int64_t, std::pair<int64_t, std::string>> marks;  // item → (tenths, note)
  for (const quality::ChecklistItem& i : cl.items) marks[i.id] = {i.max_x10, ""};
  std::vector<std::string> categories;
  for (auto it = tp["problems"].begin(); it != tp["problems"].end(); ++it) {
    categories.push_back(it.key());
  }
  std::shuffle(categories.begin(), categories.end(), rng);
  categories.resize(std::min<size_t>(categories.size(), Between(2, 4, rng)));
  std::vector<std::pair<int64_t, const Json*>> found;
  for (const std::string& cat : categories) {
    std::vector<const quality::ChecklistItem*> items;
    for (const quality::ChecklistItem& i : cl.items) {
      if (i.category == cat && i.max_x10 >= 5) items.push_back(&i);
    }
    if (items.empty()) continue;
    const quality::ChecklistItem* item = OneOf(items, rng);
    const Json& problem = OneOf(tp["problems"][cat], rng);
    int64_t off = 5 * Between(1, static_cast<int>(std::min<int64_t>(4, item->max_x10 / 5)), rng);
    marks[item->id] = {item->max_x10 - off, problem.value("note", "")};
    found.push_back({item->id, &problem});
  }
  if (Chance(0.5, rng)) {
    const quality::ChecklistItem& i = OneOf(cl.items, rng);
    if (marks[i.id].second.empty() && i.max_x10 >= 5) {
      marks[i.id] = {i.max_x10 - 5, OneOf(t["minor_notes"], rng).get<std::string>()};
    }
  }
  for (const auto& [id, mark] : marks) {
    quality::ScoreInput s;
    s.item_id = id;
    s.score = Json(static_cast<double>(mark.first) / 10.0);
    s.note = mark.second;
    scores.push_back(std::move(s));
  }
  return found;
}

// A working day of `year`-`month` from the plan's "round_day" range (or just after it).
Date RoundDay(const Json& t, int year, int month, const calendar::WorkingCalendar& cal,
              std::mt19937& rng) {
  const Json& days = t["round_day"];
  Date d{year, month, Between(days[0].get<int>(), days[1].get<int>(), rng)};
  while (!cal.IsWorkingDay(d)) d = d.AddDays(1);
  return d;
}

}  // namespace

Status LoadDemoInspections(QualityDemo& q, const std::string& file, DemoQualityReport& rep) {
  YW_ASSIGN_OR_RETURN(Json t, ReadDemoTemplates(file));
  std::mt19937 rng(t.value("seed", 20261124u));
  const Date today = LocalDate(q.now, q.offset);
  const calendar::WorkingCalendar& cal = q.app.calendar();
  YW_ASSIGN_OR_RETURN(std::vector<quality::Checklist> listed,
                      q.inspections.Templates(q.office, false));
  std::map<std::string, quality::Checklist> checklists;  // by code, with items
  for (const quality::Checklist& c : listed) {
    YW_ASSIGN_OR_RETURN(checklists[c.code], q.inspections.Template(q.office, c.template_id, 0));
  }
  const int first_year = t.value("from_year", 2025);
  for (int year = first_year; year <= today.year; ++year) {
    for (int month = 1; month <= 12; ++month) {
      if (Date{year, month, 1} >= today) break;
      for (const Json& code_json : t["plan"][month - 1]) {
        const std::string code = code_json.get<std::string>();
        const Json& tp = t["templates"][code];
        auto cl = checklists.find(code);
        if (cl == checklists.end() || !tp.is_object()) {
          return Status::Invalid(file, "检查表不存在：" + code, "unknown checklist: " + code);
        }
        Date day = RoundDay(t, year, month, cal, rng);
        if (day >= today) continue;
        YW_ASSIGN_OR_RETURN(std::vector<int64_t> depts,
                            DepartmentsOf(q.department_ids, tp["departments"], file));
        std::shuffle(depts.begin(), depts.end(), rng);
        const Json& per_round = t["departments_per_round"];
        depts.resize(std::min<size_t>(
            depts.size(), Between(per_round[0].get<int>(), per_round[1].get<int>(), rng)));
        quality::RoundInput in;
        in.template_id = cl->second.template_id;
        in.title = std::to_string(year) + "年" + std::to_string(month) + "月" +
                   tp.value("title", cl->second.name);
        in.inspected_on = day.ToString();
        in.inspectors = tp["inspectors"].get<std::vector<std::string>>();
        in.department_ids = depts;
        q.At(LocalMoment(day, 8, 30, q.offset));
        YW_ASSIGN_OR_RETURN(quality::InspectionRound round,
                            q.inspections.CreateRound(q.office, kIp, in));
        ++rep.inspections;
        // Which sheets the round's few findings go to.
        const Json& per = t["findings_per_round"];
        std::map<int64_t, int> finding_count;
        for (int n = Between(per[0].get<int>(), per[1].get<int>(), rng); n > 0; --n) {
          ++finding_count[OneOf(depts, rng)];
        }
        std::vector<Task> tasks;
        for (size_t i = 0; i < depts.size(); ++i) {
          std::vector<quality::ScoreInput> scores;
          auto found = Score(cl->second, tp, t, scores, rng);
          q.At(LocalMoment(day, 9 + static_cast<int>(i) / 2, 10 + 25 * (i % 2), q.offset));
          std::string summary = found.size() >= 3 ? t["summaries"].value("fair", "")
                                                  : t["summaries"].value("good", "");
          YW_RETURN_IF_ERROR(
              q.inspections.RecordScores(q.office, kIp, round.id, depts[i], scores, summary)
                  .status());
          std::vector<quality::FindingInput> findings;
          auto head = q.heads.find(depts[i]);
          for (int k = 0; k < finding_count[depts[i]] && k < static_cast<int>(found.size()); ++k) {
            const Json& p = *found[k].second;
            quality::FindingInput f;
            f.item_id = found[k].first;
            f.description = p.value("finding", "");
            f.requirement = p.value("requirement", "");
            f.period = Chance(t.value("short_period_share", 0.3), rng) ? "10wd" : "";
            f.leader = t.value("leader", "");
            f.responsible = head != q.heads.end() ? head->second.name : "科室负责人";
            findings.push_back(f);
            tasks.push_back({0, depts[i], f.period == "10wd" ? 10 : 20, p.value("evidence", "")});
          }
          if (findings.empty()) continue;
          YW_ASSIGN_OR_RETURN(
              quality::InspectionRound after,
              q.inspections.AddFindings(q.office, kIp, round.id, depts[i], findings));
          size_t next = tasks.size() - findings.size();
          for (const quality::Sheet& s : after.sheets) {
            if (s.department_id != depts[i]) continue;
            for (const quality::Finding& f : s.findings) tasks[next++].id = f.rectification_case_id;
          }
          rep.findings += static_cast<int>(findings.size());
        }
        q.At(LocalMoment(day, 17, 0, q.offset));
        YW_RETURN_IF_ERROR(q.inspections.CompleteRound(q.office, kIp, round.id).status());
        // The departments rectify within the period, a few late; the office re-checks.
        for (const Task& task : tasks) {
          // A few of the recent ones past their deadline have not been reported done yet.
          Date due = cal.AddWorkingDays(day, task.period);
          if (due < today && today.ToDays() - day.ToDays() <= t.value("stall_window_days", 0) &&
              Chance(t.value("stall_share", 0.0), rng)) {
            continue;
          }
          bool late = Chance(t.value("late_share", 0.1), rng);
          int days = late ? task.period + Between(1, 6, rng) : Between(4, task.period - 2, rng);
          YW_RETURN_IF_ERROR(
              q.WorkTask(task.id, task.department_id, day, days, task.evidence, rng).status());
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace yuanwu::app
