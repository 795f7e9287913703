// JSON forms of disclosure types: the API contract (docs/api.md) and audit snapshots.
#pragma once

#include "disclosure/disclosure.h"
#include "platform/http/json.h"

namespace yuanwu::disclosure {

http::Json ToJson(const CatalogueEntry& c);
// `due_on` / `overdue` come from ItemService (they need the calendar and the clock).
http::Json ToJson(const Item& it, const std::string& due_on, bool overdue);
// A compact snapshot for the audit trail: every field except the attachments list.
http::Json AuditJson(const Item& it);
http::Json ToJson(const Review& r);
http::Json ToJson(const PriceItem& p);

CatalogueEntry CatalogueFromJson(const http::Json& j, Validation& v);
// Reads the editable fields of an item; timestamps are normalised to UTC ISO text.
Item ItemFromJson(const http::Json& j, int64_t local_offset_seconds, Validation& v);

}  // namespace yuanwu::disclosure
