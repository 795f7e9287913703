// The records behind every indicator, one struct per imported dataset, as the importer parses
// them and the 首页 quality checks (qc.h) read them.
//
// Field names are the national upload codes (病案首页 BAH, ZYCS, …; domain-spec §4.2–4.4) in
// lower case, the same names as the database columns (migrations/0004_indicators.sql) and the
// canonical CSV headers (dataset.h). Money is integer 分 (fen) so sums are exact on SQLite,
// PostgreSQL and in the engine. Coded values (XB, LYFS, …) stay text: the quality checks judge
// them, the importer does not.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/time.h"

namespace yuanwu::indicators {

// A civil date-time from the hospital's export, local time, minute precision or better.
struct LocalDateTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t Seconds() const { return date.ToDays() * 86400 + hour * 3600 + minute * 60 + second; }
  std::string ToString() const;  // "YYYY-MM-DD HH:MM:SS"
};

// Text forms as stored ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS") in a fixed buffer: the import
// writer formats three per record, and snprintf was a measurable share of its time.
struct DateText {
  char buf[19];
  uint8_t size = 0;
  std::string_view view() const { return {buf, size}; }
};
DateText DateTextOf(const Date& d);
DateText DateTimeTextOf(const LocalDateTime& t);

// YYYYMM, e.g. 202501: the period key of every record.
inline int PeriodOf(const Date& d) { return d.year * 100 + d.month; }

struct Diagnosis {  // 其他诊断 n (JBDMn, QTZDn, RYBQn)
  int seq = 0;      // 1..15
  std::string code;
  std::string name;
  std::string rybq;  // 入院病情 1 有 2 临床未确定 3 情况不明 4 无
};

struct Procedure {           // 手术及操作 n
  int seq = 0;               // 1..7
  std::string code;          // SSJCZBMn
  std::string name;          // SSJCZMCn
  std::optional<Date> date;  // SSJCZRQn (date part; a time, if given, is kept in date_text)
  std::string date_text;     // as written, for the error report
  std::string ssjb;          // 手术级别 1–4
  std::string sspb;    // 手术判别 1 手术 2 诊断性操作 3 治疗性操作 4 介入治疗
  std::string wcss;    // 微创 0/1; "" = not given (derived from the code list on import)
  std::string qkdj;    // 切口等级
  std::string qkyhlb;  // 切口愈合类别
  std::string mzfs;    // 麻醉方式
};

// The 28 cost items of §4.3 in upload order; top-level items sum to ZFY, the 其中 items
// (wlzlf, maf, ssf, kjywf) are parts of their parents.
inline constexpr std::array<const char*, 28> kCostFields = {
    "ylfuf",   "zlczf",    "hlf",      "qtfy",    "blzdf", "syszdf",   "yxxzdf",
    "lczdxmf", "fsszlxmf", "wlzlf",    "sszlf",   "maf",   "ssf",      "kff",
    "zyzlf",   "xyf",      "kjywf",    "zcyf",    "zcyf1", "xf",       "bdblzpf",
    "qdblzpf", "nxyzlzpf", "xbyzlzpf", "hcyyclf", "yyclf", "ycxyyclf", "qtf"};

struct Discharge {  // 住院病案首页
  int line = 0;     // source line (CSV) or sheet row (XLSX)
  std::string bah;  // 病案号
  int zycs = 0;     // 住院次数
  std::string xm, xb, sfzh, ylfkfs, rytj, rykb, cykb, lyfs;
  std::optional<Date> csrq;
  std::optional<int> nl;  // 年龄 (years)
  std::optional<LocalDateTime> rysj, cysj;
  std::optional<int> sjzyts;          // 实际住院天数
  std::string jbdm, zyzd, rybq;       // 主要诊断编码 / 名称 / 入院病情
  std::string bmy;                    // 编码员
  std::string kzr, zrys, zzys, zyys;  // 签名: 科主任 主任医师 主治医师 住院医师
  std::optional<int64_t> zfy, zfje;   // 分
  std::array<std::optional<int64_t>, kCostFields.size()> costs;  // 分, kCostFields order
  std::vector<Diagnosis> diagnoses;                              // 其他诊断, by seq
  std::vector<Procedure> procedures;                             // by seq
  // 必填项目 counts of the 2016 规范 list (qc.h CountRequired), for 完整率.
  int required_filled = 0;
  int required_total = 0;

  int period() const { return cysj ? PeriodOf(cysj->date) : 0; }
};

struct Visit {  // 门急诊就诊
  int line = 0;
  std::string jzlsh;  // 就诊流水号
  LocalDateTime jzsj;
  std::string ksdm;
  int jzlx = 0;              // 1 门诊 2 急诊 3 健康体检
  int yybz = 0;              // 预约
  int64_t zfy = 0, ypf = 0;  // 分
  int kjywbz = 0;            // 开具抗菌药物
};

struct AntibioticUse {  // 住院抗菌药物使用
  int line = 0;
  std::string bah;
  int zycs = 0;
  std::string ypbm, ypmc, atc;
  double syl = 0;      // 使用量
  double dddz = 0;     // 该药 DDD 值, same unit
  int64_t ddd_e4 = 0;  // DDD数 × 10000, rounded: exact integer sums everywhere
};

struct PathwayCase {  // 临床路径
  int line = 0;
  std::string bah;
  int zycs = 0;
  std::string ljdm, ljmc, byyy;
  int rj = 0, wc = 0, bybz = 0, tc = 0;  // 入径 完成 变异 退出 (CSV columns RJ WC BY TC)
};

}  // namespace yuanwu::indicators
