// PortalStore: the only queries behind the public and staff portals. Every query takes the set
// of audiences the reader may see and filters on it in SQL, and reads only live publications,
// so drafts, items under review and staff-only items cannot reach an anonymous reader by any
// page, search, attachment or sitemap.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "disclosure/disclosure.h"

namespace yuanwu::disclosure {

// "('society','patient')" or with 'staff'; built only from these constants.
std::string AudienceSql(bool staff);

struct PublicAttachment {
  Attachment attachment;
  int64_t item_id = 0;
};

class PortalStore {
 public:
  static std::vector<Publication> Latest(soci::session& sql, bool staff,
                                         const std::string& audience, int64_t catalogue_id,
                                         int64_t offset, int64_t limit, int64_t* total);
  static std::optional<Publication> Get(soci::session& sql, bool staff, int64_t item_id);
  // Catalogue entries visible to the reader with the number of live items under each.
  static std::vector<std::pair<CatalogueEntry, int64_t>> Catalogue(soci::session& sql, bool staff);
  static std::vector<Publication> Search(soci::session& sql, bool staff, const std::string& q,
                                         int64_t limit);
  static std::optional<PublicAttachment> GetAttachment(soci::session& sql, bool staff,
                                                       int64_t attachment_id);
};

}  // namespace yuanwu::disclosure
