// What an uploaded file is, decided by its bytes (magic numbers, and for Office files the parts
// inside the ZIP container), never by the name or the Content-Type the client sent.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhiku {

enum class FileType { pdf, docx, xlsx, png, jpeg };

inline constexpr FileType kAllFileTypes[] = {FileType::pdf, FileType::docx, FileType::xlsx, FileType::png,
                                             FileType::jpeg};

// "application/pdf", "image/png" …
std::string_view content_type_of(FileType t);
// The extensions a name may end with for this type, lower case with the dot: {".jpg", ".jpeg"}.
std::vector<std::string_view> extensions_of(FileType t);
// "PDF", "Word 文档（DOCX）" … for messages.
std::string_view label_of(FileType t);

// How many leading bytes sniff_file_type needs.
inline constexpr std::size_t kSniffBytes = 8;

// What the first bytes say: PDF, PNG, JPEG, or "a ZIP container" (office: true) that
// inspect_office_file must look into. Nullopt for anything else. Pure.
struct Sniffed {
  std::optional<FileType> type;
  bool office_container = false;
};
Sniffed sniff_file_type(std::string_view head);

// Looks inside a complete ZIP file: DOCX (word/document.xml) or XLSX (xl/workbook.xml), both
// with [Content_Types].xml. Throws Error{unsupported_media_type} with a Chinese message for
// another ZIP, a damaged one, or a document with macros (vbaProject.bin).
FileType inspect_office_file(std::filesystem::path const& path);

// The last path component of a client's file name ("C:\\报告\\附件.pdf" → "附件.pdf"), trimmed.
// Throws Error::invalid_field("filename") when empty, longer than 200 characters, holding
// control characters, or without an extension.
std::string clean_filename(std::string_view name);

// Throws Error{unsupported_media_type} when `filename`'s extension is not one of `t`'s.
void check_extension(std::string const& filename, FileType t);

}  // namespace zhiku
