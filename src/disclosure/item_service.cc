#include "disclosure/item_service.h"

#include <algorithm>

#include "disclosure/disclosure_json.h"
#include "disclosure/item_rules.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::disclosure {
namespace {

Status NotFound() { return Status::NotFound("公开事项", "disclosure item"); }

// Accepts uploads by extension and checks the content's magic bytes agree.
Status CheckAttachment(const std::string& filename, const std::string& data, int64_t max_bytes,
                       std::string* content_type) {
  std::string lower = ToLowerAscii(filename);
  struct Kind {
    const char* ext;
    const char* magic;
    size_t magic_len;
    const char* type;
  };
  static const Kind kKinds[] = {
      {".pdf", "%PDF", 4, "application/pdf"},
      {".docx", "PK\x03\x04", 4,
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xlsx", "PK\x03\x04", 4,
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".jpg", "\xFF\xD8\xFF", 3, "image/jpeg"},
      {".jpeg", "\xFF\xD8\xFF", 3, "image/jpeg"},
      {".png", "\x89PNG", 4, "image/png"},
  };
  if (filename.empty() || Utf8Length(filename) > 200 || !IsCleanUtf8(filename) ||
      filename.find('/') != std::string::npos || filename.find('\\') != std::string::npos) {
    return Status::Invalid("file", "文件名无效", "invalid file name");
  }
  if (data.empty()) return Status::Invalid("file", "文件为空", "the file is empty");
  if (static_cast<int64_t>(data.size()) > max_bytes) {
    return Status::Invalid(
        "file", "附件不能超过" + std::to_string(max_bytes / 1024 / 1024) + "MB",
        "attachments must be at most " + std::to_string(max_bytes / 1024 / 1024) + " MB");
  }
  for (const Kind& k : kKinds) {
    if (!lower.ends_with(k.ext)) continue;
    if (data.compare(0, k.magic_len, k.magic, k.magic_len) != 0) {
      return Status::Invalid("file", "文件内容与扩展名不符",
                             "file content does not match its extension");
    }
    *content_type = k.type;
    return Status::Ok();
  }
  return Status::Invalid("file", "仅支持 PDF、DOCX、XLSX、JPG、PNG 格式的附件",
                         "only PDF, DOCX, XLSX, JPG and PNG attachments are allowed");
}

}  // namespace

std::string ItemService::Now() const { return FormatTimestamp(clock_.NowSeconds()); }

Result<std::vector<CatalogueEntry>> ItemService::Catalogue() {
  return db_.Query<std::vector<CatalogueEntry>>(
      [](soci::session& sql) -> Result<std::vector<CatalogueEntry>> {
        return ItemStore::ListCatalogue(sql);
      });
}

Result<CatalogueEntry> ItemService::SaveCatalogue(const auth::Actor& actor, CatalogueEntry c) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    Validation v;
    std::vector<CatalogueEntry> all = ItemStore::ListCatalogue(sql);
    for (const CatalogueEntry& x : all) {
      if (x.code == c.code && x.id != c.id)
        v.Fail("code", "目录编码已存在", "catalogue code already exists");
    }
    if (c.department_id != 0 && !org::OrgStore::GetDepartment(sql, c.department_id)) {
      v.Fail("department_id", "责任科室不存在", "department does not exist");
    }
    if (c.parent_id != 0) {
      std::map<int64_t, int64_t> parent_of;
      for (const CatalogueEntry& x : all) parent_of[x.id] = x.parent_id;
      if (!parent_of.count(c.parent_id)) {
        v.Fail("parent_id", "上级目录不存在", "parent entry does not exist");
      } else {
        for (int64_t at = c.parent_id, hops = 0; at != 0 && hops < 10000;
             at = parent_of[at], ++hops) {
          if (at == c.id) {
            v.Fail("parent_id", "上级目录不能是本目录或其下级", "parent would create a cycle");
            break;
          }
        }
      }
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    std::string before = "{}";
    if (c.id != 0) {
      std::optional<CatalogueEntry> old = ItemStore::GetCatalogue(sql, c.id);
      if (!old) return Status::NotFound("公开目录", "catalogue entry");
      before = ToJson(*old).dump();
      ItemStore::UpdateCatalogue(sql, c);
    } else {
      c.id = ItemStore::InsertCatalogue(sql, c);
    }
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {before == "{}" ? "disclosure.catalogue.create" : "disclosure.catalogue.update",
         "disclosure_catalogue", std::to_string(c.id), before, ToJson(c).dump()});
  });
  if (!s.ok()) return s;
  Changed();
  return c;
}

Result<std::pair<std::vector<Item>, int64_t>> ItemService::List(const auth::Principal& p,
                                                                ItemFilter f) {
  YW_ASSIGN_OR_RETURN(org::DeptScope scope, org_.ScopeOf(p));
  f.scope_clause = scope.SqlClause("i.department_id", "i.created_by");
  return db_.Query<std::pair<std::vector<Item>, int64_t>>(
      [&](soci::session& sql) -> Result<std::pair<std::vector<Item>, int64_t>> {
        return ItemStore::List(sql, f);
      });
}

Result<Item> ItemService::Load(soci::session& sql, const auth::Principal& p, int64_t id,
                               Action action) {
  std::optional<Item> item = ItemStore::Get(sql, id);
  if (!item) return NotFound();
  YW_ASSIGN_OR_RETURN(org::DeptScope scope, org_.ScopeOf(p));
  if (!scope.Allows(item->department_id, item->created_by)) return NotFound();
  if (!p.Has(ActionPermission(action))) return Status::Denied();
  YW_RETURN_IF_ERROR(CheckTransition(item->state, action, item->live));
  return *item;
}

Result<Item> ItemService::Get(const auth::Principal& p, int64_t id) {
  YW_ASSIGN_OR_RETURN(org::DeptScope scope, org_.ScopeOf(p));
  return db_.Query<Item>([&](soci::session& sql) -> Result<Item> {
    std::optional<Item> item = ItemStore::Get(sql, id);
    if (!item || !scope.Allows(item->department_id, item->created_by)) return NotFound();
    return *item;
  });
}

Result<Item> ItemService::Reload(const auth::Principal& p, int64_t id) {
  Changed();
  return Get(p, id);
}

Status ItemService::Record(soci::session& sql, const auth::Principal& p, const std::string& ip,
                           const Item& before, int64_t id, const std::string& action,
                           const std::string& note) {
  std::string now = Now();
  ItemStore::AddEvent(sql, id, {action, now, p.name, note});
  std::optional<Item> after = ItemStore::Get(sql, id);
  return audit::Append(
      sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
      {"disclosure.item." + action, "disclosure_item", std::to_string(id),
       before.id == 0 ? "{}" : AuditJson(before).dump(), after ? AuditJson(*after).dump() : "{}"});
}

Result<Item> ItemService::Create(const auth::Principal& p, const std::string& ip, Item draft) {
  if (!p.Has("disclosure.item.draft")) return Status::Denied();
  Validation v;
  if (draft.formed_on.empty()) {
    draft.formed_on = LocalDate(clock_.NowSeconds(), options_.local_offset_seconds).ToString();
  }
  ValidateDraft(draft, clock_.NowSeconds(), options_.local_offset_seconds, v);
  YW_ASSIGN_OR_RETURN(org::DeptScope scope, org_.ScopeOf(p));
  if (draft.department_id == 0) draft.department_id = p.department_id;
  if (!scope.all && !scope.self_only && !scope.departments.count(draft.department_id)) {
    v.Fail("department_id", "只能为本人数据范围内的科室起草事项",
           "you can only draft items for departments in your data scope");
  }
  int64_t id = 0;
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    if (std::optional<CatalogueEntry> entry = ItemStore::GetCatalogue(sql, draft.catalogue_id)) {
      ValidateAgainstCatalogue(draft, *entry, v);
    } else {
      v.Fail("catalogue_id", "所属公开目录不存在", "catalogue entry does not exist");
    }
    if (draft.department_id != 0 && !org::OrgStore::GetDepartment(sql, draft.department_id)) {
      v.Fail("department_id", "责任科室不存在", "department does not exist");
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    std::string now = Now();
    draft.state = ItemState::kDraft;
    draft.version = 1;
    draft.created_by = p.user_id;
    draft.created_by_name = p.name;
    draft.created_at = now;
    draft.updated_at = now;
    id = ItemStore::Insert(sql, draft);
    return Record(sql, p, ip, Item{}, id, "create", "");
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<Item> ItemService::Update(const auth::Principal& p, const std::string& ip, Item draft) {
  Validation v;
  ValidateDraft(draft, clock_.NowSeconds(), options_.local_offset_seconds, v);
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, draft.id, Action::kEdit));
    if (std::optional<CatalogueEntry> entry = ItemStore::GetCatalogue(sql, draft.catalogue_id)) {
      ValidateAgainstCatalogue(draft, *entry, v);
    } else {
      v.Fail("catalogue_id", "所属公开目录不存在", "catalogue entry does not exist");
    }
    YW_ASSIGN_OR_RETURN(org::DeptScope scope, org_.ScopeOf(p));
    if (draft.department_id == 0) draft.department_id = before.department_id;
    if (!org::OrgStore::GetDepartment(sql, draft.department_id)) {
      v.Fail("department_id", "责任科室不存在", "department does not exist");
    } else if (draft.department_id != before.department_id && !scope.all && !scope.self_only &&
               !scope.departments.count(draft.department_id)) {
      // Moving an item to another department needs that department in the editor's scope.
      v.Fail("department_id", "只能选择本人数据范围内的科室",
             "you can only choose departments in your data scope");
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    draft.updated_at = Now();
    ItemStore::UpdateContent(sql, draft);
    return Record(sql, p, ip, before, draft.id, "update", "");
  });
  if (!s.ok()) return s;
  return Reload(p, draft.id);
}

Result<Item> ItemService::Submit(const auth::Principal& p, const std::string& ip, int64_t id) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kSubmit));
    // Re-validate: dates may have passed since the draft was saved.
    Validation v;
    ValidateDraft(before, clock_.NowSeconds(), options_.local_offset_seconds, v);
    if (std::optional<CatalogueEntry> entry = ItemStore::GetCatalogue(sql, before.catalogue_id)) {
      ValidateAgainstCatalogue(before, *entry, v);
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    std::string now = Now();
    ItemStore::SetState(sql, id, ItemState::kPendingReview, now);
    ItemStore::SetRejection(sql, id, std::nullopt);
    ItemStore::SaveVersion(sql, before, now, p.name);
    return Record(sql, p, ip, before, id, "submit", "");
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<Item> ItemService::Review(const auth::Principal& p, const std::string& ip, int64_t id,
                                 const std::string& result, const std::string& basis,
                                 const std::string& opinion) {
  Validation v;
  if (!IsReviewResult(result)) {
    v.Fail("result", "审查结论必须是可公开、部分公开或不予公开",
           "result must be public, partial or withheld");
  }
  if ((result == "withheld" || result == "partial") && basis.empty()) {
    v.Fail("basis", "部分公开或不予公开时须注明依据条款",
           "a basis clause is required for partial or withheld");
  }
  if (result == "withheld" && opinion.empty()) {
    v.Fail("opinion", "不予公开时须填写退回意见", "give the reasons when withholding");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kReview));
    if (before.created_by == p.user_id) {
      return Status::Precondition("不能对本人起草的事项进行保密审查",
                                  "you cannot review an item you drafted");
    }
    std::string now = Now();
    ItemStore::AddReview(sql, id, {"security", result, basis, opinion, p.name, now, before.version},
                         p.user_id);
    if (result == "withheld") {
      ItemStore::SetState(sql, id, ItemState::kDraft, now);
      ItemStore::SetRejection(sql, id, Rejection{"security", p.name, now, opinion});
    } else {
      ItemStore::SetState(sql, id, ItemState::kPendingApproval, now);
    }
    return Record(sql, p, ip, before, id, "review",
                  std::string(ReviewResultLabel(result)) + (opinion.empty() ? "" : "：" + opinion));
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<Item> ItemService::Approve(const auth::Principal& p, const std::string& ip, int64_t id,
                                  bool approved, const std::string& opinion) {
  if (!approved && opinion.empty()) {
    return Status::Invalid("opinion", "退回时须填写意见", "give the reasons when returning");
  }
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kApprove));
    if (before.created_by == p.user_id) {
      return Status::Precondition("不能审批本人起草的事项",
                                  "you cannot approve an item you drafted");
    }
    std::string now = Now();
    ItemStore::AddReview(
        sql, id,
        {"approval", approved ? "approved" : "returned", "", opinion, p.name, now, before.version},
        p.user_id);
    if (!approved) {
      ItemStore::SetState(sql, id, ItemState::kDraft, now);
      ItemStore::SetRejection(sql, id, Rejection{"approval", p.name, now, opinion});
      return Record(sql, p, ip, before, id, "return", opinion);
    }
    if (!before.expire_at.empty() && before.expire_at <= now) {
      return Status::Invalid("expire_at", "下线时间已过，请退回修改",
                             "expire_at has passed; return the item");
    }
    if (!before.publish_at.empty() && before.publish_at > now) {
      ItemStore::SetState(sql, id, ItemState::kScheduled, now);
      return Record(sql, p, ip, before, id, "approve", "定时发布：" + before.publish_at);
    }
    ItemStore::SetState(sql, id, ItemState::kPublished, now);
    ItemStore::SetPublishedAt(sql, id, now);
    ItemStore::Publish(sql, before, now);
    return Record(sql, p, ip, before, id, "approve", "立即发布");
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<Item> ItemService::Withdraw(const auth::Principal& p, const std::string& ip, int64_t id,
                                   const std::string& reason) {
  if (reason.empty())
    return Status::Invalid("reason", "请填写下线原因", "give a reason for withdrawing");
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kWithdraw));
    std::string now = Now();
    if (before.state == ItemState::kPublished || before.state == ItemState::kScheduled) {
      ItemStore::SetState(sql, id, ItemState::kOffline, now);
    }
    // During a revision only the live version goes down; the revision carries on.
    ItemStore::Unpublish(sql, id, now, "withdrawn");
    return Record(sql, p, ip, before, id, "withdraw", reason);
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<Item> ItemService::Revise(const auth::Principal& p, const std::string& ip, int64_t id) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kRevise));
    std::string today = LocalDate(clock_.NowSeconds(), options_.local_offset_seconds).ToString();
    ItemStore::Revise(sql, id, before.version + 1, today, Now());
    return Record(sql, p, ip, before, id, "revise", "版本 " + std::to_string(before.version + 1));
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<Item> ItemService::Archive(const auth::Principal& p, const std::string& ip, int64_t id) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kArchive));
    ItemStore::SetState(sql, id, ItemState::kArchived, Now());
    return Record(sql, p, ip, before, id, "archive", "");
  });
  if (!s.ok()) return s;
  return Reload(p, id);
}

Result<ItemHistory> ItemService::History(const auth::Principal& p, int64_t id) {
  YW_RETURN_IF_ERROR(Get(p, id).status());
  return db_.Query<ItemHistory>([&](soci::session& sql) -> Result<ItemHistory> {
    return ItemHistory{ItemStore::Versions(sql, id), ItemStore::Reviews(sql, id),
                       ItemStore::Events(sql, id)};
  });
}

Result<Attachment> ItemService::AddAttachment(const auth::Principal& p, const std::string& ip,
                                              int64_t id, const std::string& filename,
                                              const std::string& data) {
  Attachment a;
  a.filename = filename;
  YW_RETURN_IF_ERROR(
      CheckAttachment(filename, data, options_.max_attachment_bytes, &a.content_type));
  // Scope, permission and state are checked before the file touches the disk (and again in
  // the transaction, where they are authoritative).
  YW_ASSIGN_OR_RETURN(Item current, Get(p, id));
  if (!p.Has(ActionPermission(Action::kEdit))) return Status::Denied();
  YW_RETURN_IF_ERROR(CheckTransition(current.state, Action::kEdit));
  YW_ASSIGN_OR_RETURN(a.sha256, files_.Put(data));
  a.size = static_cast<int64_t>(data.size());
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kEdit));
    a.added_version = before.version;
    a.id = ItemStore::AddAttachment(sql, id, a, p.user_id, Now());
    return Record(sql, p, ip, before, id, "attach", a.filename);
  });
  if (!s.ok()) return s;
  Changed();
  return a;
}

Status ItemService::RemoveAttachment(const auth::Principal& p, const std::string& ip, int64_t id,
                                     int64_t attachment_id) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(Item before, Load(sql, p, id, Action::kEdit));
    auto it = std::find_if(before.attachments.begin(), before.attachments.end(),
                           [&](const Attachment& a) { return a.id == attachment_id; });
    if (it == before.attachments.end()) return Status::NotFound("附件", "attachment");
    ItemStore::RemoveAttachment(sql, attachment_id, before.version);
    return Record(sql, p, ip, before, id, "detach", it->filename);
  });
  if (s.ok()) Changed();
  return s;
}

std::string ItemService::DueOn(const Item& item) const {
  std::optional<Date> formed = ParseDate(item.formed_on);
  if (!formed) return "";
  return calendar_.AddWorkingDays(*formed, static_cast<int>(item.time_limit_days)).ToString();
}

bool ItemService::IsOverdue(const Item& item) const {
  if (item.state == ItemState::kPublished || item.state == ItemState::kArchived ||
      item.state == ItemState::kOffline || item.state == ItemState::kExpired) {
    return false;
  }
  std::string due = DueOn(item);
  std::string today = LocalDate(clock_.NowSeconds(), options_.local_offset_seconds).ToString();
  return !due.empty() && today > due;
}

Result<std::vector<OverdueItem>> ItemService::Overdue(const auth::Principal& p) {
  YW_ASSIGN_OR_RETURN(org::DeptScope scope, org_.ScopeOf(p));
  return db_.Query<std::vector<OverdueItem>>(
      [&](soci::session& sql) -> Result<std::vector<OverdueItem>> {
        std::vector<OverdueItem> out;
        for (Item& it : ItemStore::Unpublished(sql)) {
          if (!scope.Allows(it.department_id, it.created_by) || !IsOverdue(it)) continue;
          std::string due = DueOn(it);
          out.push_back({std::move(it), due});
        }
        return out;
      });
}

Result<YearStats> ItemService::Stats(int year) {
  YearStats st;
  st.year = year;
  std::string from = std::to_string(year) + "-01-01", to = std::to_string(year + 1) + "-01-01";
  // The year is the hospital's local year; log timestamps are UTC, so shift the bounds.
  int64_t off = options_.local_offset_seconds;
  std::string from_utc = FormatTimestamp(ParseDate(from)->ToDays() * 86400 - off);
  std::string to_utc = FormatTimestamp(ParseDate(to)->ToDays() * 86400 - off);
  Status s = db_.Read([&](soci::session& sql) -> Status {
    // First publication of each item version in the year counts once.
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT l.catalogue_id, c.name, l.channels, l.audience FROM "
                        "disclosure_publication_log l JOIN disclosure_catalogue c ON c.id = "
                        "l.catalogue_id WHERE l.published_at >= :f AND l.published_at < :t",
         soci::use(from_utc), soci::use(to_utc));
    std::map<int64_t, std::pair<std::string, int64_t>> by_cat;
    std::map<std::string, int64_t> by_channel, by_audience;
    for (const soci::row& r : rows) {
      ++st.published_total;
      auto& e = by_cat[db::Int(r, 0)];
      e.first = db::Text(r, 1);
      ++e.second;
      for (const std::string& c : SplitList(db::Text(r, 2))) ++by_channel[c];
      ++by_audience[db::Text(r, 3)];
    }
    for (auto& [id, e] : by_cat) st.by_catalogue.emplace_back(id, e.first, e.second);
    std::sort(st.by_catalogue.begin(), st.by_catalogue.end(),
              [](const auto& a, const auto& b) { return std::get<2>(a) > std::get<2>(b); });
    for (auto& [c, n] : by_channel) st.by_channel.emplace_back(c, n);
    for (auto& [a, n] : by_audience) st.by_audience.emplace_back(a, n);
    soci::rowset<soci::row> views =
        (sql.prepare << "SELECT id, title, views FROM disclosure_item WHERE views > 0 ORDER BY "
                        "views DESC, id LIMIT 10");
    for (const soci::row& r : views)
      st.top_items.emplace_back(db::Int(r, 0), db::Text(r, 1), db::Int(r, 2));
    long long total_views = 0;
    soci::rowset<soci::row> tv = (sql.prepare << "SELECT SUM(views) FROM disclosure_item");
    for (const soci::row& r : tv) total_views = db::Int(r, 0);
    st.views_total = total_views;
    for (const Item& it : ItemStore::Unpublished(sql)) st.overdue += IsOverdue(it);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return st;
}

Status ItemService::RunScheduled(int64_t now_s) {
  std::string now = FormatTimestamp(now_s);
  bool changed = false;
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    auth::Actor system = auth::Actor::System();
    for (int64_t id : ItemStore::DueToPublish(sql, now)) {
      std::optional<Item> it = ItemStore::Get(sql, id);
      if (!it) continue;
      ItemStore::SetState(sql, id, ItemState::kPublished, now);
      ItemStore::SetPublishedAt(sql, id, now);
      ItemStore::Publish(sql, *it, now);
      ItemStore::AddEvent(sql, id, {"publish", now, system.name, "定时发布"});
      YW_RETURN_IF_ERROR(
          audit::Append(sql, db_.dialect(), clock_, system,
                        {"disclosure.item.publish", "disclosure_item", std::to_string(id),
                         AuditJson(*it).dump(), "{\"state\":\"published\"}"}));
      changed = true;
    }
    for (int64_t id : ItemStore::DueToExpire(sql, now)) {
      std::optional<Item> it = ItemStore::Get(sql, id);
      ItemStore::Unpublish(sql, id, now, "expired");
      // Only the current version moves the item to 已过期; a revision in progress keeps its state.
      if (it && it->state == ItemState::kPublished) {
        ItemStore::SetState(sql, id, ItemState::kExpired, now);
      }
      ItemStore::AddEvent(sql, id, {"expire", now, system.name, "到期自动下线"});
      YW_RETURN_IF_ERROR(audit::Append(sql, db_.dialect(), clock_, system,
                                       {"disclosure.item.expire", "disclosure_item",
                                        std::to_string(id), "{}", "{\"state\":\"expired\"}"}));
      changed = true;
    }
    return Status::Ok();
  });
  if (changed) Changed();
  return s;
}

void ItemService::RecordView(int64_t item_id) {
  std::lock_guard<std::mutex> lock(views_mu_);
  ++pending_views_[item_id];
}

Status ItemService::FlushViews() {
  std::map<int64_t, int64_t> batch;
  {
    std::lock_guard<std::mutex> lock(views_mu_);
    batch.swap(pending_views_);
  }
  if (batch.empty()) return Status::Ok();
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    for (const auto& [id, n] : batch) ItemStore::AddViews(sql, id, n);
    return Status::Ok();
  });
  if (!s.ok()) {  // keep the counts for the next flush
    std::lock_guard<std::mutex> lock(views_mu_);
    for (const auto& [id, n] : batch) pending_views_[id] += n;
  }
  return s;
}

Result<int64_t> ItemService::ImportDemoItem(const auth::Actor& actor, Item item,
                                            const std::string& state,
                                            const std::string& published_at, int64_t views,
                                            const std::optional<Rejection>& rejection) {
  std::optional<ItemState> st = ParseState(state);
  if (!st) return Status::Invalid("state", "未知状态：" + state, "unknown state: " + state);
  int64_t id = 0;
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    std::string now = Now();
    item.state = *st;
    item.created_by = actor.user_id;
    item.created_by_name = actor.name;
    item.created_at = published_at.empty() ? now : published_at;
    item.updated_at = item.created_at;
    id = ItemStore::Insert(sql, item);
    item.id = id;
    ItemStore::AddViews(sql, id, views);
    if (rejection) ItemStore::SetRejection(sql, id, rejection);
    if (*st != ItemState::kDraft) ItemStore::SaveVersion(sql, item, item.created_at, actor.name);
    if (!published_at.empty()) {
      ItemStore::SetPublishedAt(sql, id, published_at);
      ItemStore::Publish(sql, item, published_at);
      if (*st != ItemState::kPublished) ItemStore::Unpublish(sql, id, now, state);
    }
    ItemStore::AddEvent(sql, id, {"import", now, actor.name, "演示数据"});
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"disclosure.item.import", "disclosure_item", std::to_string(id), "{}",
                          AuditJson(item).dump()});
  });
  if (!s.ok()) return s;
  Changed();
  return id;
}

}  // namespace yuanwu::disclosure
