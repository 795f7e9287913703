// The disclosure API (console): catalogue, items and their workflow, attachments, price lists,
// overdue items and statistics. Every route with its permission is listed in RegisterRoutes.
#pragma once

#include "disclosure/item_service.h"
#include "disclosure/price_service.h"
#include "platform/auth/guard.h"

namespace yuanwu::disclosure {

void RegisterRoutes(auth::RouteTable& routes, ItemService& items, PriceService& prices,
                    FileStore& files, int64_t local_offset_seconds);

}  // namespace yuanwu::disclosure
