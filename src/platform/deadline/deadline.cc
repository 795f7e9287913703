#include "platform/deadline/deadline.h"

#include <charconv>
#include <cstdio>
#include <vector>

namespace yuanwu::deadline {
namespace {

constexpr int kMaxDays = 3650;
constexpr int kMaxHours = 87600;

Status BadEvent(size_t index, const std::string& zh, const std::string& en) {
  return Status::Invalid("events", "第" + std::to_string(index + 1) + "个事件：" + zh,
                         "event " + std::to_string(index + 1) + ": " + en);
}

struct Span {  // a pause, [from, to) in minutes or (from, to] in days
  int64_t from = 0, to = 0;
};

}  // namespace

std::string Moment::ToString() const {
  if (minute == kEndOfDay) return date.ToString();
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", minute / 60 % 24, minute % 60);
  return date.ToString() + buf;
}

std::optional<Moment> ParseMoment(std::string_view text) {
  if (text.size() == 10) {
    std::optional<Date> d = ParseDate(text);
    if (!d) return std::nullopt;
    return Moment{*d, 0};
  }
  if (text.size() != 16 || text[10] != ' ' || text[13] != ':') return std::nullopt;
  std::optional<Date> d = ParseDate(text.substr(0, 10));
  int h = -1, m = -1;
  auto two = [](std::string_view s, int* out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + 2, *out);
    return ec == std::errc() && end == s.data() + 2;
  };
  if (!d || !two(text.substr(11, 2), &h) || !two(text.substr(14, 2), &m)) return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return Moment{*d, h * 60 + m};
}

std::string Period::ToString() const {
  const char* unit_text = unit == PeriodUnit::kWorkingDays    ? "wd"
                          : unit == PeriodUnit::kCalendarDays ? "d"
                                                              : "h";
  return std::to_string(amount) + unit_text;
}

Result<Period> ParsePeriod(std::string_view text) {
  Period p;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), p.amount);
  std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  bool ok = ec == std::errc() && end != text.data();
  if (unit == "wd") {
    p.unit = PeriodUnit::kWorkingDays;
  } else if (unit == "d") {
    p.unit = PeriodUnit::kCalendarDays;
  } else if (unit == "h") {
    p.unit = PeriodUnit::kHours;
  } else {
    ok = false;
  }
  const int max = p.unit == PeriodUnit::kHours ? kMaxHours : kMaxDays;
  if (!ok || p.amount < 1 || p.amount > max) {
    return Status::Invalid(
        "period",
        "期限「" + std::string(text) +
            "」无法识别，应为工作日（如 20wd）、自然日（如 15d）或小时（如 12h），"
            "且大于 0",
        "period \"" + std::string(text) +
            "\" is not working days (20wd), calendar days (15d) or hours (12h) "
            "greater than 0");
  }
  return p;
}

Result<Deadline> ComputeDeadline(const calendar::WorkingCalendar& calendar, const Period& period,
                                 const Moment& start, std::span<const ClockEvent> events) {
  const bool hours = period.unit == PeriodUnit::kHours;
  // Positions on the clock: minutes for hour periods, day numbers for day periods.
  auto pos = [&](const Moment& m) { return hours ? m.Minutes() : m.date.ToDays(); };
  int64_t from = pos(start);
  int64_t total = period.amount;
  std::vector<Span> pauses;
  // A pause not yet resumed, and where it began (a plain pair: GCC 12 misreads an optional
  // here as maybe-uninitialized).
  bool open = false;
  int64_t open_at = 0;
  Moment last = start;
  for (size_t i = 0; i < events.size(); ++i) {
    const ClockEvent& e = events[i];
    if (e.at.Minutes() < last.Minutes()) {
      return BadEvent(i, "时间早于开始时间或上一个事件（" + last.ToString() + "）",
                      "is before the start or the previous event (" + last.ToString() + ")");
    }
    last = e.at;
    switch (e.kind) {
      case ClockEvent::Kind::kPause:
        if (open) return BadEvent(i, "计时已暂停，不能再次暂停", "the clock is already paused");
        open = true;
        open_at = pos(e.at);
        break;
      case ClockEvent::Kind::kResume:
        if (!open) return BadEvent(i, "计时未暂停，无法恢复", "the clock is not paused");
        pauses.push_back(Span{open_at, pos(e.at)});
        open = false;
        break;
      case ClockEvent::Kind::kRestart:
        from = pos(e.at);
        pauses.clear();
        open = false;
        break;
      case ClockEvent::Kind::kExtend:
        if (e.amount < 1) return BadEvent(i, "延长的期限必须大于 0", "an extension must add time");
        total += e.amount;
        break;
    }
  }
  if (hours) total *= 60;

  Deadline out;
  if (hours) {
    // Clock time: each pause that starts before the running end pushes it back by its length.
    int64_t due = from + total;
    for (const Span& s : pauses) {
      if (s.from < due) due += s.to - s.from;
    }
    if (open && open_at < due) {
      out.paused = true;
      out.remaining = due - open_at;
      return out;
    }
    out.paused = open;
    out.due = Moment{Date::FromDays(due / 1440), static_cast<int>(due % 1440)};
    return out;
  }
  // Day periods: walk the days after the start, counting those the period counts.
  auto in_pause = [&](int64_t day) {
    for (const Span& s : pauses)
      if (s.from < day && day <= s.to) return true;
    return false;
  };
  int64_t counted = 0, day = from;
  while (counted < total) {
    ++day;
    if (open && day > open_at) {
      out.paused = true;
      out.remaining = total - counted;
      return out;
    }
    if (in_pause(day)) continue;
    if (period.unit == PeriodUnit::kWorkingDays && !calendar.IsWorkingDay(Date::FromDays(day)))
      continue;
    ++counted;
  }
  out.paused = open;
  out.due = Moment{Date::FromDays(day), Moment::kEndOfDay};
  return out;
}

}  // namespace yuanwu::deadline
