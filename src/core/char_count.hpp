// How long a text is, as Chinese readers count it (字数): the one rule the server enforces and the
// editor shows live. web/src/pages/proposals/charCount.ts implements the same rule step for
// step; tests/fixtures/char_count_vectors.json holds the cases both must agree on.
//
// The rule:
//  1. Every character a reader sees counts one: a Han character, a full-width punctuation mark
//     (，。、“”《》……), a Latin letter, a digit, an ASCII punctuation mark, an emoji (per code
//     point). Not counted: white space of any kind (incl. U+3000 and no-break spaces), control
//     and format characters (zero-width spaces and joiners, BOM, bidi marks), combining marks
//     U+0300–U+036F, variation selectors and tag characters. The exact list is
//     kUncountedRanges in char_count.cpp (the TypeScript copy has the same table).
//  2. Markdown syntax is not counted (markdown_visible_text removes it line by line):
//     - fence lines of fenced code (``` or ~~~, with their info string); the code inside counts
//       as written;
//     - at the start of a line: indentation, blockquote markers (>), list markers (- + * and
//       1. 1)), a task box after a list marker ([ ] [x]), heading markers (# … ######) and a
//       heading's closing #s;
//     - whole lines that are a thematic break or a setext underline (only - * _ or =), a table's
//       delimiter row (|---|:--:|), or a link reference definition ([label]: url);
//     - inline: the * _ ~ characters (emphasis, strikethrough), backticks around code (the code
//       counts), the brackets, URL and title of a link (its text counts), an image entirely, the
//       angle brackets of an autolink (<https://…>: the address counts), the backslash of an
//       escape (\* counts the *), the | between table cells.
//     Everything else counts as typed, raw HTML included (the renderer shows it as text).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhiku {

// True for a code point rule 1 counts.
bool is_counted_char(char32_t cp);

// The text a reader sees of Markdown `source` (rule 2), lines joined by '\n'. Invalid UTF-8
// bytes are dropped. Pure, thread-safe.
std::string markdown_visible_text(std::string_view source);

// The count of a plain text (a title, a summary): rule 1 alone.
std::size_t count_plain_chars(std::string_view text);

// The count of a Markdown text (a body): rule 1 over markdown_visible_text.
std::size_t count_markdown_chars(std::string_view source);

}  // namespace zhiku
