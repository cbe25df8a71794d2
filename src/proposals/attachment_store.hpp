// The attachment file store: files kept once under their SHA-256 in a directory beside the
// database (never in SQLite), written as their bytes arrive and made durable before anything
// lists them.
//
//   <dir>/tmp/<random>.part      an upload in progress (removed when it fails or is cut off,
//                                and by sweep() at start-up for a process that died)
//   <dir>/ab/abcdef…(64 hex)     a complete file, named by its SHA-256
//
// An upload: begin() → write() per piece as it arrives (hashed and written out at once, never
// held whole in memory) → finish(): the type is checked by the bytes (file_type.hpp), the file
// is fsynced, renamed into place and the directory fsynced; only then may the caller record it
// in the database. A crash between the rename and the database commit leaves a file no row
// names, which sweep() removes at the next start; a crash before the rename leaves a .part file,
// which sweep() removes too.
//
// Thread-safe: uploads are independent; two uploads of the same bytes end in one file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "proposals/file_type.hpp"

namespace zhiku {

struct AttachmentStoreConfig {
  std::filesystem::path dir;                   // created when missing
  std::int64_t max_bytes = 50LL * 1024 * 1024; // largest attachment (proposals.attachment_max_bytes)
};

// A file as stored: what the database records.
struct StoredFile {
  std::string sha256;
  std::int64_t size = 0;
  FileType type = FileType::pdf;
  std::string filename;  // as cleaned by clean_filename
};

struct SweepReport {
  int partial_removed = 0;   // .part files of uploads that never finished
  int orphans_removed = 0;   // complete files no row names
  int kept = 0;
};

class AttachmentStore {
 public:
  // Creates the directories. Throws std::runtime_error naming the directory when it cannot.
  explicit AttachmentStore(AttachmentStoreConfig config);

  class Upload {
   public:
    Upload(Upload&&) noexcept;
    Upload& operator=(Upload&&) = delete;
    ~Upload();  // removes the temporary file unless finish() succeeded

    // Appends a piece. Throws Error{payload_too_large} past max_bytes (the upload is then dead:
    // its file is removed), std::runtime_error when the disk refuses.
    void write(std::string_view piece);
    // Completes the upload of `filename` (the client's name: cleaned, its extension checked
    // against the bytes). Throws Error{unsupported_media_type} (a type not accepted, an
    // extension that does not match), Error::invalid_field("filename"), Error{invalid_argument}
    // for an empty file; std::runtime_error for I/O failures. Afterwards the file is durable.
    StoredFile finish(std::string_view filename);
    std::int64_t bytes() const;

   private:
    friend class AttachmentStore;
    struct State;
    explicit Upload(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
  };

  // Starts an upload. Throws std::runtime_error when the temporary file cannot be created.
  Upload begin() const;

  // Where the file with this hash lives (whether or not it exists). REQUIRES: 64 hex digits.
  std::filesystem::path path_of(std::string_view sha256) const;
  bool contains(std::string_view sha256) const;

  // Removes every .part file and every stored file for which `is_referenced(sha256)` is false.
  // Call at start-up, before uploads begin. Logs what it removes.
  SweepReport sweep(std::function<bool(std::string const&)> const& is_referenced) const;

  std::int64_t max_bytes() const { return config_.max_bytes; }
  std::filesystem::path const& dir() const { return config_.dir; }

 private:
  AttachmentStoreConfig config_;
};

}  // namespace zhiku
