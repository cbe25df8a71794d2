// The xlsx package: libzip over the upload's bytes, pugixml over its parts, OPC relationships.
#include "sheets/xlsx_package.hpp"

#include <utility>
#include <vector>

#include "sheets/table_builder.hpp"

namespace zhiku::sheets {

namespace {

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string rels_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  std::size_t cut = slash == std::string_view::npos ? 0 : slash + 1;
  return std::string(part.substr(0, cut)) + "_rels/" + std::string(part.substr(cut)) + ".rels";
}

// A relationship target resolved against the source part's directory, "." and ".." applied.
std::string resolve_target(std::string const& base_directory, std::string_view target) {
  std::string joined = target.starts_with("/") ? std::string(target.substr(1)) : base_directory + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string out;
  for (auto const& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes, std::size_t max_part_bytes) : max_part_bytes_(max_part_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source != nullptr) {
    zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (zip_ == nullptr) zip_source_free(source);
  }
  std::string why = zip_ == nullptr ? zip_error_strerror(&error) : "";
  zip_error_fini(&error);
  if (zip_ == nullptr) refuse("文件不是有效的 xlsx：无法作为 zip 压缩包打开（" + why + "）");
}

std::optional<std::string> ZipArchive::read(std::string const& name) const {
  zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  auto const at = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, at, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > max_part_bytes_)
    too_large(name);
  zip_file_t* file = zip_fopen_index(zip_, at, 0);
  if (file == nullptr) corrupt(name, std::string("无法打开（") + zip_strerror(zip_) + "）");
  struct Closer {
    zip_file_t* file;
    ~Closer() { zip_fclose(file); }
  } closer{file};

  std::string out;
  if ((stat.valid & ZIP_STAT_SIZE) != 0) out.reserve(static_cast<std::size_t>(stat.size));
  char buffer[64 * 1024];
  for (;;) {
    // The size in the directory may lie; the limit holds on what actually inflates.
    zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
    if (got < 0) corrupt(name, std::string("无法解压（") + zip_file_strerror(file) + "）");
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > max_part_bytes_) too_large(name);
    out.append(buffer, static_cast<std::size_t>(got));
  }
  return out;
}

void ZipArchive::corrupt(std::string const& part, std::string const& why) {
  refuse("xlsx 文件已损坏：" + part + " " + why + "，请用 Excel 打开后重新另存为 .xlsx");
}

void ZipArchive::too_large(std::string const& name) const {
  refuse("xlsx 文件中的 " + name + " 解压后超过 " + std::to_string(max_part_bytes_ >> 20) + " MB，拒绝读取");
}

bool load_part(ZipArchive const& zip, std::string const& name, XmlPart& part) {
  auto bytes = zip.read(name);
  if (!bytes) return false;
  part.text = std::move(*bytes);
  // Keep a run that is only a space ("<t xml:space="preserve"> </t>"): it separates words.
  auto result = part.doc.load_buffer_inplace(part.text.data(), part.text.size(),
                                             pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) ZipArchive::corrupt(name, std::string("不是格式正确的 XML（") + result.description() + "）");
  return true;
}

std::string_view local_name(pugi::xml_node node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

std::string directory_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::map<std::string, Relationship> read_relationships(ZipArchive const& zip, std::string const& part) {
  std::map<std::string, Relationship> out;
  XmlPart rels;
  if (!load_part(zip, rels_of(part), rels)) return out;
  std::string base = directory_of(part);
  for (pugi::xml_node r : child_named(rels.doc, "Relationships").children()) {
    if (local_name(r) != "Relationship") continue;
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    out[r.attribute("Id").value()] = {r.attribute("Type").value(), resolve_target(base, r.attribute("Target").value())};
  }
  return out;
}

std::optional<std::string> target_of_type(std::map<std::string, Relationship> const& rels, std::string_view kind) {
  for (auto const& [id, rel] : rels)
    if (rel.type.ends_with(kind)) return rel.target;
  return std::nullopt;
}

}  // namespace zhiku::sheets
