// The attachment file store on a real directory: streaming, content addressing, the type told by
// the bytes, the size limit, cut-off uploads and the start-up sweep.
#include "proposals/attachment_store.hpp"

#include <fstream>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "proposals/sample_files.hpp"
#include "support/chinese_text.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using zhiku::test::has_cjk;
using zhiku::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::size_t files_under(fs::path const& dir) {
  std::size_t n = 0;
  for (auto const& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) ++n;
  return n;
}

std::string read_file(fs::path const& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Uploads `bytes` in pieces of `piece` bytes, as they would arrive from the network.
StoredFile upload(AttachmentStore const& store, std::string const& bytes, std::string const& name,
                  std::size_t piece = 7) {
  auto up = store.begin();
  for (std::size_t at = 0; at < bytes.size(); at += piece) up.write(std::string_view(bytes).substr(at, piece));
  return up.finish(name);
}

Errc code_of(std::function<void()> const& f) {
  try {
    f();
  } catch (Error const& e) {
    INFO(e.detail());
    CHECK(has_cjk(e.detail()));
    return e.code();
  }
  FAIL("no error");
  return Errc::conflict;
}

}  // namespace

TEST_CASE("an upload is stored once under its SHA-256, whole and durable", "[proposals][attachments]") {
  TempDir dir;
  AttachmentStore store({dir.path() / "attachments", 1 << 20});
  std::string const pdf = sample_files::pdf("Zhiku attachment test");
  StoredFile f = upload(store, pdf, "C:\\报告\\附件一 说明.pdf");
  CHECK(f.sha256 == sha256_hex(pdf));
  CHECK(f.size == static_cast<std::int64_t>(pdf.size()));
  CHECK(f.type == FileType::pdf);
  CHECK(f.filename == "附件一 说明.pdf");
  CHECK(store.contains(f.sha256));
  CHECK(read_file(store.path_of(f.sha256)) == pdf);
  CHECK(store.path_of(f.sha256).parent_path().filename() == f.sha256.substr(0, 2));

  SECTION("the same bytes again end in the same file") {
    StoredFile again = upload(store, pdf, "copy.pdf", 1000);
    CHECK(again.sha256 == f.sha256);
    CHECK(files_under(dir.path() / "attachments") == 1);
  }
}

TEST_CASE("every accepted type is told by its bytes", "[proposals][attachments]") {
  TempDir dir;
  AttachmentStore store({dir.path() / "a", 1 << 20});
  CHECK(upload(store, sample_files::png(3, 2, 200, 30, 30), "图.PNG").type == FileType::png);
  CHECK(upload(store, sample_files::jpeg(), "照片.jpeg").type == FileType::jpeg);
  CHECK(upload(store, sample_files::jpeg() + " ", "照片.jpg").type == FileType::jpeg);
  CHECK(upload(store, sample_files::docx("城市更新调研报告"), "报告.docx").type == FileType::docx);
  CHECK(upload(store, read_file(fs::path(ZHIKU_FIXTURES_DIR) / "experts_sample.xlsx"), "名单.xlsx").type ==
        FileType::xlsx);
}

TEST_CASE("a file whose bytes are not an accepted type is refused, whatever its name", "[proposals][attachments]") {
  TempDir dir;
  AttachmentStore store({dir.path() / "a", 1 << 20});
  std::string const exe = std::string("MZ\x90\x00\x03\x00\x00\x00", 8) + std::string(200, 'x');
  CHECK(code_of([&] { upload(store, exe, "报告.pdf"); }) == Errc::unsupported_media_type);
  CHECK(code_of([&] { upload(store, "<html><script>alert(1)</script></html>", "a.png"); }) ==
        Errc::unsupported_media_type);

  SECTION("a ZIP that is no Office document") {
    // A DOCX without its document part is just a ZIP.
    std::string zip = sample_files::docx("x");
    std::string const part = "word/document.xml";
    for (auto at = zip.find(part); at != std::string::npos; at = zip.find(part)) zip.replace(at, part.size(), "word/documenx.xml");
    CHECK(code_of([&] { upload(store, zip, "a.docx"); }) == Errc::unsupported_media_type);
  }
  SECTION("a PDF named .docx is refused with both named") {
    try {
      upload(store, sample_files::pdf("x"), "报告.docx");
      FAIL("accepted");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::unsupported_media_type);
      CHECK(e.detail().find("PDF") != std::string::npos);
      CHECK(e.detail().find(".docx") != std::string::npos);
    }
  }
  SECTION("an empty file") { CHECK(code_of([&] { upload(store, "", "a.pdf"); }) == Errc::invalid_argument); }
  SECTION("a name without an extension") {
    CHECK(code_of([&] { upload(store, sample_files::pdf("x"), "附件"); }) == Errc::invalid_argument);
  }
  // Nothing of the refused uploads is left behind.
  CHECK(files_under(dir.path() / "a") == 0);
}

TEST_CASE("an upload past the size limit stops at the limit and leaves nothing", "[proposals][attachments]") {
  TempDir dir;
  AttachmentStore store({dir.path() / "a", 4096});
  auto up = store.begin();
  up.write(std::string(4000, 'a'));
  try {
    up.write(std::string(200, 'a'));
    FAIL("accepted");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::payload_too_large);
    CHECK(has_cjk(e.detail()));
  }
  CHECK(files_under(dir.path() / "a") == 0);
  // Exactly at the limit is fine.
  std::string const pdf = sample_files::pdf("x");
  AttachmentStore exact({dir.path() / "b", static_cast<std::int64_t>(pdf.size())});
  CHECK(upload(exact, pdf, "a.pdf").size == static_cast<std::int64_t>(pdf.size()));
}

TEST_CASE("an upload cut off halfway leaves no file", "[proposals][attachments]") {
  TempDir dir;
  AttachmentStore store({dir.path() / "a", 1 << 20});
  {
    auto up = store.begin();
    up.write(sample_files::pdf("half").substr(0, 100));
    CHECK(files_under(dir.path() / "a") == 1);  // the .part file while it runs
  }  // the connection dropped: the upload is destroyed unfinished
  CHECK(files_under(dir.path() / "a") == 0);
}

TEST_CASE("the start-up sweep removes unfinished uploads and files no row names", "[proposals][attachments]") {
  TempDir dir;
  fs::path const root = dir.path() / "a";
  std::string kept_sha, orphan_sha;
  {
    AttachmentStore store({root, 1 << 20});
    kept_sha = upload(store, sample_files::pdf("kept"), "kept.pdf").sha256;
    orphan_sha = upload(store, sample_files::pdf("orphan"), "orphan.pdf").sha256;
    // A process that died mid-upload.
    std::ofstream(root / "tmp" / "deadbeef.part") << "%PDF-1.4 half";
  }
  AttachmentStore store({root, 1 << 20});
  auto report = store.sweep([&](std::string const& sha) { return sha == kept_sha; });
  CHECK(report.partial_removed == 1);
  CHECK(report.orphans_removed == 1);
  CHECK(report.kept == 1);
  CHECK(store.contains(kept_sha));
  CHECK_FALSE(store.contains(orphan_sha));
  CHECK(files_under(root) == 1);
}

TEST_CASE("the sample files are what their type says", "[proposals][attachments]") {
  TempDir dir;
  std::string const path = dir.file("sample.pdf");
  std::ofstream(path, std::ios::binary) << sample_files::pdf("Zhiku (demo) attachment");
  auto info = test::run_process({"/usr/bin/pdfinfo", path});
  INFO(info.out);
  CHECK(info.exit_code == 0);
  CHECK(std::regex_search(info.out, std::regex("Pages:\\s+1\n")));
  CHECK(info.out.find("(A4)") != std::string::npos);
  CHECK(info.err.empty());  // no syntax warnings: the cross-reference table is right
  auto text = test::run_process({"/usr/bin/pdftotext", path, "-"});
  CHECK(text.out.find("Zhiku (demo) attachment") != std::string::npos);
  for (auto const& [name, bytes, kind] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"s.png", sample_files::png(4, 4, 1, 2, 3), "PNG image data, 4 x 4"},
           {"s.jpg", sample_files::jpeg(), "JPEG image data"},
           {"s.docx", sample_files::docx("内容"), "Microsoft Word 2007+"}}) {
    std::ofstream(dir.file(name), std::ios::binary) << bytes;
    auto r = test::run_process({"/usr/bin/file", "-b", dir.file(name)});
    INFO(name << ": " << r.out);
    CHECK(r.out.find(kind) != std::string::npos);
  }
}
