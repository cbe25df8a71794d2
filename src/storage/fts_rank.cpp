#include "storage/fts_rank.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "storage/error.hpp"
#include "storage/fts5_api.hpp"

namespace zhiku::storage {
namespace {

constexpr double kK1 = 1.2;  // saturation: the second hit of a phrase adds less than the first

// Per-query data, computed on the first row and kept with the cursor.
struct QueryData {
  std::vector<double> idf;   // one per phrase
  std::vector<double> freq;  // scratch: weighted hits per phrase in the current row
};

int count_row(Fts5ExtensionApi const*, Fts5Context*, void* user) {
  ++*static_cast<sqlite3_int64*>(user);
  return SQLITE_OK;
}

int query_data(Fts5ExtensionApi const* api, Fts5Context* fts, QueryData** out) {
  if (auto* data = static_cast<QueryData*>(api->xGetAuxdata(fts, 0))) {
    *out = data;
    return SQLITE_OK;
  }
  int const phrases = api->xPhraseCount(fts);
  auto* data = new QueryData{std::vector<double>(static_cast<size_t>(phrases), 1.0),
                             std::vector<double>(static_cast<size_t>(phrases), 0.0)};
  int rc = SQLITE_OK;
  // With one phrase the IDF is the same for every row: ranking does not need it, and counting a
  // large match set would cost as much again as the match.
  if (phrases > 1) {
    sqlite3_int64 rows = 0;
    rc = api->xRowCount(fts, &rows);
    for (int i = 0; rc == SQLITE_OK && i < phrases; ++i) {
      sqlite3_int64 hits = 0;
      rc = api->xQueryPhrase(fts, i, &hits, count_row);
      // As bm25(): log((N - n + 0.5) / (n + 0.5)), floored so that very common phrases count a little.
      double idf = std::log((static_cast<double>(rows - hits) + 0.5) / (static_cast<double>(hits) + 0.5));
      data->idf[static_cast<size_t>(i)] = idf <= 0.0 ? 1e-6 : idf;
    }
  }
  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata(fts, data, [](void* p) { delete static_cast<QueryData*>(p); });
  else
    delete data;
  if (rc == SQLITE_OK) *out = data;
  return rc;
}

void rank(Fts5ExtensionApi const* api, Fts5Context* fts, sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  QueryData* data = nullptr;
  int rc = query_data(api, fts, &data);
  int instances = 0;
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  std::fill(data->freq.begin(), data->freq.end(), 0.0);
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    double const weight = column < argc ? sqlite3_value_double(argv[column]) : 1.0;
    data->freq[static_cast<size_t>(phrase)] += weight;
  }
  double score = 0.0;
  for (size_t i = 0; i < data->freq.size(); ++i) {
    double const f = data->freq[i];
    score += data->idf[i] * f * (kK1 + 1.0) / (f + kK1);
  }
  sqlite3_result_double(ctx, -score);
}

}  // namespace

void register_rank_function(sqlite3* db) {
  fts5_api* api = find_fts5_api(db);
  int const rc = api->xCreateFunction(api, kRankFunctionName.data(), nullptr, rank, nullptr);
  if (rc != SQLITE_OK) throw Error("cannot register the zhiku_rank function", rc, rc);
}

}  // namespace zhiku::storage
