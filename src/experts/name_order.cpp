#include "experts/name_order.hpp"

#include <memory>
#include <stdexcept>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace zhiku {

namespace {

std::unique_ptr<icu::Collator> make_collator(char const* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale(locale), status));
  if (U_FAILURE(status) || !c) throw std::runtime_error(std::string("ICU collator unavailable: ") + locale);
  return c;
}

// Collators are built once per thread: a build costs about a millisecond, a key a microsecond.
icu::Collator& collator(NameOrder order) {
  thread_local std::unique_ptr<icu::Collator> pinyin = make_collator("zh");
  thread_local std::unique_ptr<icu::Collator> stroke = make_collator("zh@collation=stroke");
  return order == NameOrder::pinyin ? *pinyin : *stroke;
}

}  // namespace

std::string name_sort_key(std::string_view name, NameOrder order) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  auto& c = collator(order);
  std::string key(64, '\0');
  int32_t n = c.getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(n));
    n = c.getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), n);
  }
  key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // without the terminating 0
  return key;
}

}  // namespace zhiku
