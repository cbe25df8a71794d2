// Small, real files of each accepted attachment type, made on the spot: for the demo database
// (`zhiku demo seed`) and for tests that upload what a browser would. Each one opens in the
// program its type belongs to (the tests check the PDF with poppler's pdfinfo).
#pragma once

#include <string>
#include <string_view>

namespace zhiku::sample_files {

// A one-page A4 PDF showing `line` (ASCII; other bytes are replaced by '?') in Helvetica.
std::string pdf(std::string_view line);
// A `width` × `height` PNG filled with one colour (RGB, 8 bits per channel, stored deflate).
// REQUIRES: 1 ≤ width, height ≤ 512.
std::string png(int width, int height, unsigned char r, unsigned char g, unsigned char b);
// An 8 × 8 mid-grey baseline JPEG.
std::string jpeg();
// A Word document (DOCX) with one paragraph of `text` (UTF-8, Chinese welcome).
std::string docx(std::string_view text);

}  // namespace zhiku::sample_files
