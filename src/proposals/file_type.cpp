// Magic numbers and the inside of Office files (libzip reads only the central directory).
#include "proposals/file_type.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <zip.h>

#include "core/error.hpp"
#include "core/json.hpp"

namespace zhiku {

namespace {

constexpr char kAccepted[] = "只接受 PDF、Word（DOCX）、Excel（XLSX）、PNG 和 JPEG 文件";

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string extension_of(std::string const& filename) {
  auto dot = filename.rfind('.');
  return dot == std::string::npos ? std::string() : lower_ascii(filename.substr(dot));
}

}  // namespace

std::string_view content_type_of(FileType t) {
  switch (t) {
    case FileType::pdf:
      return "application/pdf";
    case FileType::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FileType::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case FileType::png:
      return "image/png";
    case FileType::jpeg:
      return "image/jpeg";
  }
  return "application/octet-stream";
}

std::vector<std::string_view> extensions_of(FileType t) {
  switch (t) {
    case FileType::pdf:
      return {".pdf"};
    case FileType::docx:
      return {".docx"};
    case FileType::xlsx:
      return {".xlsx"};
    case FileType::png:
      return {".png"};
    case FileType::jpeg:
      return {".jpg", ".jpeg"};
  }
  return {};
}

std::string_view label_of(FileType t) {
  switch (t) {
    case FileType::pdf:
      return "PDF";
    case FileType::docx:
      return "Word 文档（DOCX）";
    case FileType::xlsx:
      return "Excel 表格（XLSX）";
    case FileType::png:
      return "PNG 图片";
    case FileType::jpeg:
      return "JPEG 图片";
  }
  return "";
}

Sniffed sniff_file_type(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return {FileType::pdf, false};
  if (starts(std::string_view("\x89PNG\r\n\x1a\n", 8))) return {FileType::png, false};
  if (starts("\xff\xd8\xff")) return {FileType::jpeg, false};
  if (starts(std::string_view("PK\x03\x04", 4))) return {std::nullopt, true};
  return {};
}

FileType inspect_office_file(std::filesystem::path const& path) {
  int err = 0;
  std::unique_ptr<zip_t, ZipCloser> z(zip_open(path.c_str(), ZIP_RDONLY, &err));
  if (!z) throw Error(Errc::unsupported_media_type, "文件已损坏，无法作为 Office 文档读取；" + std::string(kAccepted));
  auto has = [&](char const* name) { return zip_name_locate(z.get(), name, 0) >= 0; };
  if (!has("[Content_Types].xml")) throw Error(Errc::unsupported_media_type, std::string("不支持该文件类型：") + kAccepted);
  if (has("word/vbaProject.bin") || has("xl/vbaProject.bin"))
    throw Error(Errc::unsupported_media_type, "含宏的 Office 文档不予接收，请另存为不含宏的 DOCX 或 XLSX");
  if (has("word/document.xml")) return FileType::docx;
  if (has("xl/workbook.xml")) return FileType::xlsx;
  throw Error(Errc::unsupported_media_type, std::string("不支持该文件类型：") + kAccepted);
}

std::string clean_filename(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out(name);
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  out.erase(out.begin(), std::find_if(out.begin(), out.end(), not_space));
  out.erase(std::find_if(out.rbegin(), out.rend(), not_space).base(), out.end());
  if (out.empty()) throw Error::invalid_field("filename", "请提供文件名");
  if (!is_valid_utf8(out)) throw Error::invalid_field("filename", "文件名须为有效的 UTF-8 文本");
  if (utf8_length(out) > 200) throw Error::invalid_field("filename", "文件名不能超过 200 个字符");
  if (std::any_of(out.begin(), out.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
    throw Error::invalid_field("filename", "文件名不能包含控制字符");
  auto dot = out.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == out.size())
    throw Error::invalid_field("filename", "文件名须带扩展名（如 .pdf）");
  return out;
}

void check_extension(std::string const& filename, FileType t) {
  std::string const ext = extension_of(filename);
  auto allowed = extensions_of(t);
  if (std::find(allowed.begin(), allowed.end(), ext) != allowed.end()) return;
  throw Error(Errc::unsupported_media_type, "文件内容是" + std::string(label_of(t)) + "，但扩展名是「" + ext +
                                                "」，请改正扩展名后再上传");
}

}  // namespace zhiku
