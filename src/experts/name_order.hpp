// The orders people expect of Chinese names: 拼音 (ICU's zh collation, also right for Latin
// names) and 姓氏笔画 (zh@collation=stroke, the order of official lists), as byte strings that
// compare with std::string's operator< the way the collation orders the names.
#pragma once

#include <string>
#include <string_view>

namespace zhiku {

enum class NameOrder { pinyin, stroke };

// The ICU sort key of `name` (UTF-8) under `order`. Thread-safe (one collator per thread).
std::string name_sort_key(std::string_view name, NameOrder order);

}  // namespace zhiku
