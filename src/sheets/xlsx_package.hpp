// The package of an .xlsx (internal to sheets/): the zip read with libzip under a size limit per
// part (zip bombs), its XML parts parsed with pugixml, and the OPC relationships that say which
// part is the workbook, the first sheet, the shared strings and the styles.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <zip.h>
#include <pugixml.hpp>

namespace zhiku::sheets {

// A read-only zip over bytes the caller keeps alive. Refuses (Error{invalid_argument}) bytes
// that are not a zip.
class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, std::size_t max_part_bytes);
  ~ZipArchive() { zip_discard(zip_); }
  ZipArchive(ZipArchive const&) = delete;
  ZipArchive& operator=(ZipArchive const&) = delete;

  // The uncompressed part, or nullopt when the package has none by that name (part names are
  // case-insensitive in OPC). Refuses a part larger than max_part_bytes or one that does not inflate.
  std::optional<std::string> read(std::string const& name) const;

  // Refuses the file: `part` is damaged in the way `why` says.
  [[noreturn]] static void corrupt(std::string const& part, std::string const& why);

 private:
  [[noreturn]] void too_large(std::string const& name) const;

  zip_t* zip_ = nullptr;
  std::size_t max_part_bytes_;
};

// An XML part; the document points into `text`.
struct XmlPart {
  std::string text;
  pugi::xml_document doc;
};

// Loads part `name` into `part`; false when the package has no such part. Refuses malformed XML.
bool load_part(ZipArchive const& zip, std::string const& name, XmlPart& part);

// Element names without their namespace prefix: producers write <c>, <x:c> or <main:c>.
std::string_view local_name(pugi::xml_node node);
// The first child element of `node` whose local name is `local`, or a null node.
pugi::xml_node child_named(pugi::xml_node node, std::string_view local);

// "xl/workbook.xml" → "xl/"
std::string directory_of(std::string_view part);

struct Relationship {
  std::string type;
  std::string target;  // resolved part name
};

// The relationships of `part` by id; empty when it has none.
std::map<std::string, Relationship> read_relationships(ZipArchive const& zip, std::string const& part);

// The first relationship whose type ends with `/kind` (transitional and strict URIs differ
// only before it).
std::optional<std::string> target_of_type(std::map<std::string, Relationship> const& rels, std::string_view kind);

}  // namespace zhiku::sheets
