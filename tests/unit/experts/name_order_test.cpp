#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "experts/name_order.hpp"

using namespace zhiku;

namespace {

std::vector<std::string> sorted(std::vector<std::string> names, NameOrder order) {
  std::sort(names.begin(), names.end(), [&](std::string const& a, std::string const& b) {
    return name_sort_key(a, order) < name_sort_key(b, order);
  });
  return names;
}

}  // namespace

TEST_CASE("Chinese names sort by pinyin, not by code point", "[experts][name_order]") {
  // Code point order would be 丁 万 于 付 张 王 (U+4E01 U+4E07 U+4E8E U+4ED8 U+5F20 U+738B).
  std::vector<std::string> names = {"丁一", "万里", "于谦", "付强", "张伟", "王芳"};
  CHECK(sorted(names, NameOrder::pinyin) == std::vector<std::string>{"丁一", "付强", "万里", "王芳", "于谦", "张伟"});
  // ICU's zh order puts Chinese names first, then Latin ones alphabetically.
  CHECK(sorted({"张伟", "Bob", "王芳", "Alice Smith"}, NameOrder::pinyin) ==
        std::vector<std::string>{"王芳", "张伟", "Alice Smith", "Bob"});
}

TEST_CASE("姓氏笔画 puts surnames with fewer strokes first", "[experts][name_order]") {
  // 丁 2 strokes, 于 3, 王 4, 付 5, 张 7.
  std::vector<std::string> names = {"张伟", "付强", "王芳", "于谦", "丁一"};
  CHECK(sorted(names, NameOrder::stroke) == std::vector<std::string>{"丁一", "于谦", "王芳", "付强", "张伟"});
}

TEST_CASE("a sort key is the same however often it is asked for", "[experts][name_order]") {
  std::string const long_name(300, 'x');
  CHECK(name_sort_key(long_name, NameOrder::pinyin) == name_sort_key(long_name, NameOrder::pinyin));
  CHECK(name_sort_key("", NameOrder::pinyin) < name_sort_key("王芳", NameOrder::pinyin));
  CHECK(name_sort_key("王芳", NameOrder::pinyin) != name_sort_key("王芳", NameOrder::stroke));
}
