// Complaint statistics — the figures behind 「2024年共接到投诉84起，回复84起」 (domain-spec §2.5):
// 受理数, 已反馈数, 回复率 = 已反馈 / 受理, 按时反馈率 = 按时反馈 / 有期限的已反馈, by channel,
// category, target department and month, each with the same months of the previous year (同比).
//
// Choices (management metrics, not national indicators):
// - A complaint counts in the period it was received (local date), whenever it was answered.
// - 已反馈 = replied (including resolved on the spot) or 不予处理 with the explanation given to
//   the patient: either way the patient had an answer.
// - 按时反馈率 counts only answered complaints that had a deadline (on-the-spot ones have none);
//   complaints still open are not in it (they show in the overdue queue instead).
// The counting is done by the database (ComplaintStore::Stats); this file adds the rates and
// the changes and fills in the codes that had no complaint.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "complaints/complaint.h"
#include "complaints/complaint_store.h"
#include "platform/http/json.h"

namespace yuanwu::complaints {

struct Figure {
  std::string key;
  std::string name;
  std::string name_en;
  Bucket counts;
  std::optional<double> reply_rate;       // % of received, one decimal
  std::optional<double> on_time_rate;     // % of answered with a deadline
  std::optional<double> prev_reply_rate;  // the same, a year earlier
  std::optional<double> received_change;  // 同比 % change of received; none when 0 a year ago
  std::optional<double> answered_change;
};

struct Stats {
  int year = 0;
  int from_month = 1;
  int to_month = 12;
  Figure total;
  std::vector<Figure> by_channel, by_category, by_department, by_month;
};

// Percent with one decimal, none when the denominator is 0.
std::optional<double> Percent(int64_t part, int64_t whole);
// 同比 change in percent, one decimal; none when there was nothing a year earlier.
std::optional<double> Change(int64_t now, int64_t before);

Stats Summarize(const StatsRows& rows, const Codes& codes, int year, int from_month, int to_month);
http::Json StatsJson(const Stats& s);

}  // namespace yuanwu::complaints
