#include "storage/cjk_tokenizer.hpp"

namespace zhiku::storage {
// Placeholder until the tokenizer lands; registration is a no-op.
void register_cjk_tokenizer(sqlite3*) {}
}  // namespace zhiku::storage
