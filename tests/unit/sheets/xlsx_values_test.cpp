// Excel's serial dates in both date systems, with the 1900 system's phantom leap day.
#include "sheets/xlsx_values.hpp"

#include <catch2/catch.hpp>

using zhiku::sheets::format_number;
using zhiku::sheets::kind_of_format_code;
using zhiku::sheets::NumberKind;

TEST_CASE("Excel serial dates read as the calendar day Excel shows", "[sheets]") {
  CHECK(format_number("1", NumberKind::date, false) == "1900-01-01");
  CHECK(format_number("59", NumberKind::date, false) == "1900-02-28");
  // Excel counts a 1900-02-29 that never was (serial 60); from 61 on it is one day ahead.
  CHECK(format_number("61", NumberKind::date, false) == "1900-03-01");
  CHECK(format_number("25569", NumberKind::date, false) == "1970-01-01");
  CHECK(format_number("23802", NumberKind::date, false) == "1965-03-01");
  CHECK(format_number("2958465", NumberKind::date, false) == "9999-12-31");
  CHECK(format_number("2958466", NumberKind::date, false) == "2958466");  // past 9999: the number
  CHECK(format_number("0", NumberKind::date, true) == "1904-01-01");
  CHECK(format_number("24107", NumberKind::date, true) == "1970-01-01");
}

TEST_CASE("Excel serial times and date-times keep their minutes and seconds", "[sheets]") {
  CHECK(format_number("46355.5", NumberKind::date_time, false) == "2026-11-29 12:00");
  CHECK(format_number("46355", NumberKind::date_time, false) == "2026-11-29");
  CHECK(format_number("0.34375", NumberKind::time, false) == "08:15");
  CHECK(format_number("0.5000115740740741", NumberKind::time, false) == "12:00:01");
  CHECK(format_number("0.99999999", NumberKind::date_time, false) == "1900-01-01");  // rounds to midnight
}

TEST_CASE("number format codes are told apart by their letters outside quotes", "[sheets]") {
  CHECK(kind_of_format_code("yyyy\"年\"m\"月\"d\"日\"") == NumberKind::date);
  CHECK(kind_of_format_code("hh:mm") == NumberKind::time);
  CHECK(kind_of_format_code("yyyy-mm-dd hh:mm") == NumberKind::date_time);
  CHECK(kind_of_format_code("#,##0.00\"元\"") == NumberKind::plain);
  CHECK(kind_of_format_code("[h]:mm") == NumberKind::time);
}
