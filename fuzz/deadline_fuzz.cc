// Fuzzes the deadline arithmetic (platform/deadline/deadline.h): the period and moment parsers,
// then ComputeDeadline over events decoded from the input, on the shipped-style calendar. The
// properties: no crash or hang; a result is either an error naming the events, a due moment
// not before the start, or a pause with time left.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "platform/deadline/deadline.h"

using namespace yuanwu;            // NOLINT(build/namespaces)
using namespace yuanwu::deadline;  // NOLINT(build/namespaces)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // Line 1: a period; line 2: a start; the rest: events as bytes.
  const size_t nl1 = in.find('\n');
  if (nl1 == std::string_view::npos) {
    (void)ParsePeriod(in);
    (void)ParseMoment(in);
    return 0;
  }
  const size_t nl2 = in.find('\n', nl1 + 1);
  Result<Period> period = ParsePeriod(in.substr(0, nl1));
  std::optional<Moment> start =
      ParseMoment(in.substr(nl1 + 1, nl2 == std::string_view::npos ? nl2 : nl2 - nl1 - 1));
  if (!period.ok() || !start) return 0;
  Result<Period> again = ParsePeriod(period->ToString());  // "0420wd" prints as "420wd"
  if (!again.ok() || again->unit != period->unit || again->amount != period->amount) std::abort();
  std::vector<ClockEvent> events;
  if (nl2 != std::string_view::npos) {
    std::string_view rest = in.substr(nl2 + 1);
    int64_t minutes = start->Minutes();
    for (size_t i = 0; i + 2 < rest.size() && events.size() < 64; i += 3) {
      ClockEvent e;
      e.kind = static_cast<ClockEvent::Kind>(static_cast<uint8_t>(rest[i]) % 4);
      minutes += static_cast<uint8_t>(rest[i + 1]) * 97;  // up to ~17 days a step
      e.at = Moment{Date::FromDays(minutes / 1440), static_cast<int>(minutes % 1440)};
      e.amount = static_cast<int8_t>(rest[i + 2]);
      events.push_back(e);
    }
  }
  std::vector<calendar::SpecialDay> days = {
      {*ParseDate("2026-10-01"), "holiday", "国庆节", ""},
      {*ParseDate("2026-10-10"), "workday", "国庆节调休上班", ""}};
  calendar::WorkingCalendar cal(days);
  Result<Deadline> d = ComputeDeadline(cal, *period, *start, events);
  if (!d.ok()) {
    if (d.status().code() != StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  if (d->due && d->due->Minutes() < start->Minutes()) std::abort();
  if (!d->due && (!d->paused || d->remaining <= 0)) std::abort();
  return 0;
}
