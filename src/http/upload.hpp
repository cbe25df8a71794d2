// Streaming request bodies (uploads): the route's sink receives the body piece by piece as it
// arrives, so a 20 MB attachment is never held in memory, and a cut-off or refused upload
// leaves nothing behind.
//
//   router.post_stream("/api/v1/proposals/{id}/attachments", Policy::signed_in("author"),
//       [&](Request& req) {                    // after the gate, the policy and CSRF; before any body byte
//         attachments.why_not_upload(req.actor(), req.id_param("id"));  // throw Error to refuse
//         return std::make_unique<http::FileSink>(upload_dir);
//       },
//       [&](Request& req, http::BodySink& sink) {  // the whole body has arrived (worker pool)
//         auto& file = static_cast<http::FileSink&>(sink);
//         return Response::created(attachments.add(req.actor(), …, file), location);
//       },
//       {.max_bytes = 20 << 20, .summary = "Attach a file to a proposal"});
//
// Order: header read → framing checks → route match → Content-Length over max_bytes? 413 →
// gate, policy, CSRF → open_sink (io thread; reads only) → body pieces to sink.write (io
// thread, in order) → finish (worker pool; may db.write) → response. A client that stops
// sending (timeout, reset) or a write that throws calls sink.abort() and nothing is answered
// (connection gone) or the Error is (write threw). Content-Length is required (no chunked).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace zhiku::http {

// Where an upload's bytes go. Called from one thread at a time, in order.
class BodySink {
 public:
  virtual ~BodySink() = default;
  // The next piece of the body. May throw Error (e.g. unsupported_media_type after the first
  // bytes): the upload stops, abort() is called and the Error is answered.
  virtual void write(std::string_view piece) = 0;
  // The upload will not complete (cut off, refused, finish threw): drop what was written.
  virtual void abort() noexcept = 0;
};

// Runs after the route's policy has passed and before the body is read; may throw Error.
using OpenSink = std::function<std::unique_ptr<BodySink>(Request& req)>;
// Runs once the whole body is in the sink, on the worker pool. If it throws, sink.abort() runs.
using FinishUpload = std::function<Response(Request& req, BodySink& sink)>;

struct StreamOptions {
  std::size_t max_bytes = 20 << 20;  // a larger Content-Length answers 413 before any byte is read
  std::string summary;
};

// A sink that writes the body to a temporary file in `directory` (created if missing), counting
// its size and SHA-256 as it goes. commit(path) moves it into place (same file system); a sink
// destroyed or aborted without commit removes its file.
class FileSink : public BodySink {
 public:
  // Throws std::runtime_error when the temporary file cannot be created.
  explicit FileSink(std::filesystem::path const& directory);
  ~FileSink() override;
  FileSink(FileSink const&) = delete;
  FileSink& operator=(FileSink const&) = delete;

  void write(std::string_view piece) override;
  void abort() noexcept override;

  // Closes the file and renames it to `final_path`. Throws std::runtime_error on failure (the
  // temporary file is then removed).
  void commit(std::filesystem::path const& final_path);

  std::uint64_t size() const { return size_; }
  // Lower-case hex SHA-256 of everything written. REQUIRES: no write after the first call.
  std::string sha256_hex();
  // The first bytes of the body (up to 512), for telling file types by their magic numbers.
  std::string_view head() const { return head_; }
  std::filesystem::path const& temp_path() const { return temp_path_; }

 private:
  void close_file() noexcept;

  std::filesystem::path temp_path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::string head_;
  struct Digest;
  std::unique_ptr<Digest> digest_;
  std::string hex_;
  bool committed_ = false;
};

}  // namespace zhiku::http
