// The notifications API: every user's own inbox, and the webhook's settings, delivery log and
// test message for administrators (settings.manage). Every route and its permission is in
// RegisterRoutes, on one screen.
//
// Example (app wiring):
//   notify::RegisterRoutes(*routes, *db, clock);
#pragma once

#include "platform/auth/guard.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"

namespace yuanwu::notify {

// `db` and `clock` must outlive the router.
void RegisterRoutes(auth::RouteTable& routes, db::Database& db, const Clock& clock);

}  // namespace yuanwu::notify
