// ItemStore: SQL for the catalogue, items, versions, reviews, events, attachments and the live
// publications. Runs on the caller's session; the service owns transactions and audit.
#pragma once

#include <soci/soci.h>

#include <optional>

#include "disclosure/disclosure.h"

namespace yuanwu::disclosure {

struct ItemFilter {
  std::string state;
  int64_t catalogue_id = 0;
  std::string audience;
  std::string q;  // title substring
  int64_t department_id = 0;
  std::string scope_clause;  // from org::DeptScope::SqlClause on i.department_id / i.created_by
  int64_t offset = 0;
  int64_t limit = 20;
};

struct Event {
  std::string action;
  std::string at;
  std::string actor_name;
  std::string note;
};

struct Version {
  int64_t version = 0;
  std::string title, summary, body, audience, channels, saved_at, saved_by_name;
};

class ItemStore {
 public:
  // Catalogue.
  static std::vector<CatalogueEntry> ListCatalogue(soci::session& sql);
  static std::optional<CatalogueEntry> GetCatalogue(soci::session& sql, int64_t id);
  static int64_t InsertCatalogue(soci::session& sql, const CatalogueEntry& c);
  static void UpdateCatalogue(soci::session& sql, const CatalogueEntry& c);

  // Items.
  static std::optional<Item> Get(soci::session& sql, int64_t id);
  static std::pair<std::vector<Item>, int64_t> List(soci::session& sql, const ItemFilter& f);
  // Items not yet (re)published whose 形成/变更日期 is set (everything but published/archived).
  static std::vector<Item> Unpublished(soci::session& sql);
  static int64_t Insert(soci::session& sql, const Item& item);
  static void UpdateContent(soci::session& sql, const Item& item);
  static void SetState(soci::session& sql, int64_t id, ItemState s, const std::string& now);
  static void SetPublishedAt(soci::session& sql, int64_t id, const std::string& at);
  static void SetRejection(soci::session& sql, int64_t id, const std::optional<Rejection>& r);
  static void Revise(soci::session& sql, int64_t id, int64_t version, const std::string& formed_on,
                     const std::string& now);
  static void SaveVersion(soci::session& sql, const Item& item, const std::string& now,
                          const std::string& by);
  static std::vector<Version> Versions(soci::session& sql, int64_t id);
  static void AddReview(soci::session& sql, int64_t item_id, const Review& r, int64_t reviewer_id);
  static std::vector<Review> Reviews(soci::session& sql, int64_t id);
  static void AddEvent(soci::session& sql, int64_t item_id, const Event& e);
  static std::vector<Event> Events(soci::session& sql, int64_t id);
  static void AddViews(soci::session& sql, int64_t id, int64_t n);

  // Attachments (owner_kind "disclosure_item").
  static int64_t AddAttachment(soci::session& sql, int64_t item_id, const Attachment& a, int64_t by,
                               const std::string& now);
  static std::vector<Attachment> Attachments(soci::session& sql, int64_t item_id,
                                             int64_t visible_in_version);
  static void RemoveAttachment(soci::session& sql, int64_t attachment_id, int64_t version);

  // Publications: what the portals show.
  static void Publish(soci::session& sql, const Item& item, const std::string& at);
  static void Unpublish(soci::session& sql, int64_t item_id, const std::string& at,
                        const std::string& reason);
  static bool IsLive(soci::session& sql, int64_t item_id);
  // Ids of scheduled items whose publish_at has come, and live items whose expire_at has.
  static std::vector<int64_t> DueToPublish(soci::session& sql, const std::string& now);
  static std::vector<int64_t> DueToExpire(soci::session& sql, const std::string& now);
};

}  // namespace yuanwu::disclosure
