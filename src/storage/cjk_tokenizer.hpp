// An FTS5 tokenizer for Chinese and mixed Chinese/English text, registered as "zhiku_cjk".
#pragma once

#include <sqlite3.h>

namespace zhiku::storage {

// Registers the tokenizer on `db`. Throws storage::Error when FTS5 is unavailable.
void register_cjk_tokenizer(sqlite3* db);

}  // namespace zhiku::storage
