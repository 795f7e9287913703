// ItemService: the disclosure workflow. Each use case checks the data scope and the state
// machine (item_rules.h), writes in one transaction with an event and an audit entry, and calls
// `on_change` so the portal drops cached pages. Items outside the caller's data scope are
// reported as not found, so their existence does not leak.
#pragma once

#include <functional>
#include <map>
#include <mutex>

#include "disclosure/disclosure.h"
#include "disclosure/item_rules.h"
#include "disclosure/item_store.h"
#include "org/org_service.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/calendar/working_calendar.h"
#include "platform/db/database.h"

namespace yuanwu::disclosure {

struct ItemHistory {
  std::vector<Version> versions;
  std::vector<Review> reviews;
  std::vector<Event> events;
};

struct OverdueItem {
  Item item;
  std::string due_on;
};

struct YearStats {
  int year = 0;
  int64_t published_total = 0;
  std::vector<std::tuple<int64_t, std::string, int64_t>> by_catalogue;  // id, name, count
  std::vector<std::pair<std::string, int64_t>> by_channel;
  std::vector<std::pair<std::string, int64_t>> by_audience;
  int64_t views_total = 0;
  std::vector<std::tuple<int64_t, std::string, int64_t>> top_items;  // id, title, views
  int64_t overdue = 0;
};

struct ItemServiceOptions {
  int64_t local_offset_seconds = 8 * 3600;
  int64_t max_attachment_bytes = 20 * 1024 * 1024;
};

class ItemService {
 public:
  ItemService(db::Database& db, const Clock& clock, const calendar::WorkingCalendar& calendar,
              FileStore& files, org::OrgService& org, ItemServiceOptions options)
      : db_(db), clock_(clock), calendar_(calendar), files_(files), org_(org), options_(options) {}

  void SetOnChange(std::function<void()> f) { on_change_ = std::move(f); }

  // Catalogue (公开目录).
  Result<std::vector<CatalogueEntry>> Catalogue();
  Result<CatalogueEntry> SaveCatalogue(const auth::Actor& actor, CatalogueEntry c);

  // Items.
  Result<std::pair<std::vector<Item>, int64_t>> List(const auth::Principal& p, ItemFilter f);
  Result<Item> Get(const auth::Principal& p, int64_t id);
  Result<Item> Create(const auth::Principal& p, const std::string& ip, Item draft);
  Result<Item> Update(const auth::Principal& p, const std::string& ip, Item draft);
  Result<Item> Submit(const auth::Principal& p, const std::string& ip, int64_t id);
  Result<Item> Review(const auth::Principal& p, const std::string& ip, int64_t id,
                      const std::string& result, const std::string& basis,
                      const std::string& opinion);
  Result<Item> Approve(const auth::Principal& p, const std::string& ip, int64_t id, bool approved,
                       const std::string& opinion);
  Result<Item> Withdraw(const auth::Principal& p, const std::string& ip, int64_t id,
                        const std::string& reason);
  Result<Item> Revise(const auth::Principal& p, const std::string& ip, int64_t id);
  Result<Item> Archive(const auth::Principal& p, const std::string& ip, int64_t id);
  Result<ItemHistory> History(const auth::Principal& p, int64_t id);

  Result<Attachment> AddAttachment(const auth::Principal& p, const std::string& ip, int64_t id,
                                   const std::string& filename, const std::string& data);
  Status RemoveAttachment(const auth::Principal& p, const std::string& ip, int64_t id,
                          int64_t attachment_id);

  // The date by which an item's current version must be public (形成/变更日期 + 时限 working days).
  std::string DueOn(const Item& item) const;
  bool IsOverdue(const Item& item) const;
  Result<std::vector<OverdueItem>> Overdue(const auth::Principal& p);
  Result<YearStats> Stats(int year);

  // Background work: publish scheduled items whose time has come, expire old ones.
  Status RunScheduled(int64_t now);
  // View counting is in memory and flushed in batches, so a page view costs no database write.
  void RecordView(int64_t item_id);
  Status FlushViews();

  // Loads demo data: inserts an item in any state directly (used by `yuanwu demo` only).
  Result<int64_t> ImportDemoItem(const auth::Actor& actor, Item item, const std::string& state,
                                 const std::string& published_at, int64_t views,
                                 const std::optional<Rejection>& rejection);

 private:
  // Loads the item in scope and checks the transition and the permission.
  Result<Item> Load(soci::session& sql, const auth::Principal& p, int64_t id, Action action);
  Status Record(soci::session& sql, const auth::Principal& p, const std::string& ip,
                const Item& before, int64_t id, const std::string& action, const std::string& note);
  Result<Item> Reload(const auth::Principal& p, int64_t id);
  void Changed() {
    if (on_change_) on_change_();
  }
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  const calendar::WorkingCalendar& calendar_;
  FileStore& files_;
  org::OrgService& org_;
  ItemServiceOptions options_;
  std::function<void()> on_change_;
  std::mutex views_mu_;
  std::map<int64_t, int64_t> pending_views_;
};

}  // namespace yuanwu::disclosure
