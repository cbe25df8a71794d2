// The module's enumerations spelled as the API and the database spell them: one array of names
// per enumeration, in enumerator order. Private to src/topics/.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace zhiku::enum_names {

template <class E, size_t N>
std::string_view name_of(E e, std::array<std::string_view, N> const& names) {
  auto i = static_cast<size_t>(e);
  return i < N ? names[i] : std::string_view{};
}

template <class E, size_t N>
std::optional<E> parse(std::string_view s, std::array<std::string_view, N> const& names) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace zhiku::enum_names
