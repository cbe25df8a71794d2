// Builds the proposals benchmark database: E experts and N proposals (bodies of 1,500–3,000
// Chinese characters from a vocabulary of policy phrases), each sent in once, so with its
// frozen version 1 (the canonical content and its SHA-256, as ProposalService::submit writes
// it); 80 % stay submitted, the rest spread over accepted, returned and draft. Rows go through
// the real schema (its triggers, the full-text index with the zhiku_cjk tokenizer) in
// transactions of 5,000 proposals. Prints the time and the database's size.
//   proposals_gen DB PROPOSALS EXPERTS
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "core/crypto.hpp"
#include "core/seeded_random.hpp"
#include "core/char_count.hpp"
#include "proposals/proposal_content.hpp"
#include "storage/connection.hpp"
#include "storage/migrations.hpp"

using namespace zhiku;
using bench::Stopwatch;

namespace {

char const* const kPhrases[] = {
    "城市更新", "老旧小区", "加装电梯", "营商环境", "数字经济", "人工智能", "科技创新", "产业链", "供应链",
    "乡村振兴", "碳达峰", "碳中和", "新能源", "生态保护", "水资源", "公共卫生", "医疗服务", "养老服务",
    "社区治理", "基层治理", "应急管理", "交通拥堵", "轨道交通", "人才引进", "高等教育", "职业教育", "科技金融",
    "知识产权", "成果转化", "营商服务", "政务服务", "一网通办", "数据共享", "智慧城市", "韧性城市", "住房保障",
    "历史街区", "文化旅游", "对外开放", "区域协同", "长三角", "制造业", "专精特新", "中小企业", "民营经济"};
char const* const kGlue[] = {"的", "和", "在", "推进", "加强", "完善", "建立", "落实", "提升", "优化", "统筹", "深化"};
char const* const kPunct[] = {"，", "，", "。", "；"};
char const* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"};
char const* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超"};
char const* const kOrgs[] = {"同济大学", "复旦大学", "上海交通大学", "华东师范大学", "上海社会科学院", "上海大学",
                             "东华大学", "华东理工大学", "上海财经大学", "上海科学技术情报研究所"};

template <std::size_t N>
char const* pick(SeededRandom& rng, char const* const (&xs)[N]) {
  return xs[rng.below(N)];
}

std::string body_of(SeededRandom& rng, std::int64_t target) {
  std::string out = "## 存在问题\n\n";
  std::int64_t n = 4;
  int section = 0;
  char const* const kHeads[] = {"原因分析", "对策建议"};
  while (n < target) {
    std::string piece = std::string(pick(rng, kGlue)) + pick(rng, kPhrases) + pick(rng, kPhrases) + pick(rng, kPunct);
    out += piece;
    n += static_cast<std::int64_t>(count_plain_chars(piece));
    if (section < 2 && n > target * (section + 1) / 3) {
      out += std::string("\n\n## ") + kHeads[section] + "\n\n";
      n += 4;
      ++section;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: proposals_gen DB PROPOSALS EXPERTS\n");
    return 2;
  }
  std::string const path = argv[1];
  long const proposals = std::atol(argv[2]);
  long const experts = std::atol(argv[3]);
  std::filesystem::remove(path);
  storage::Connection c(storage::ConnectionOptions{path, "OFF", 5000, false, 256});
  storage::migrate(c, storage::embedded_migrations());
  Stopwatch watch;
  SeededRandom rng(20261202);

  constexpr char kExpert[] =
      "INSERT INTO experts (name, organization, status, created_at, updated_at) VALUES (?, ?, 'active', ?, ?)";
  c.exec("BEGIN");
  for (long i = 0; i < experts; ++i)
    c.exec(kExpert, std::string(pick(rng, kSurnames)) + pick(rng, kGiven) + pick(rng, kGiven), pick(rng, kOrgs),
           "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
  c.exec("COMMIT");
  std::vector<std::int64_t> fields =
      c.query_all("SELECT id FROM fields ORDER BY id", storage::first_column<std::int64_t>);
  std::printf("   %ld experts in %.1f s; %zu fields\n", experts, watch.wall(), fields.size());

  constexpr char kProposal[] =
      "INSERT INTO proposals (kind, sensitivity, body_chars, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
  constexpr char kTexts[] =
      "INSERT INTO proposal_texts (proposal_id, title, summary, keywords, body) VALUES (?, ?, ?, ?, ?)";
  constexpr char kAuthor[] = "INSERT INTO proposal_authors (proposal_id, expert_id, position) VALUES (?, ?, 0)";
  constexpr char kField[] = "INSERT INTO proposal_fields (proposal_id, field_id, position) VALUES (?, ?, 0)";
  constexpr char kVersion[] =
      "INSERT INTO proposal_versions (proposal_id, number, created_at, content, sha256, body_chars) "
      "VALUES (?, 1, ?, ?, ?, ?)";
  constexpr char kSubmit[] =
      "UPDATE proposals SET status = 'submitted', current_version = 1, submitted_at = ?, first_submitted_at = ? "
      "WHERE id = ?";
  constexpr char kMove[] = "UPDATE proposals SET status = ? WHERE id = ?";
  char const* const kKinds[] = {"suggestion", "suggestion", "suggestion", "report"};
  char const* const kSensitivity[] = {"internal", "internal", "internal", "public", "restricted"};
  long const batch = 5000;
  for (long i = 0; i < proposals; ++i) {
    if (i % batch == 0) c.exec("BEGIN");
    int const year = 2021 + static_cast<int>(rng.below(6));
    char at[64];
    std::snprintf(at, sizeof at, "%04d-%02d-%02dT%02d:%02d:00Z", year, 1 + static_cast<int>(rng.below(12)),
                  1 + static_cast<int>(rng.below(28)), static_cast<int>(rng.below(24)), static_cast<int>(rng.below(60)));
    FrozenContent f;
    f.content.title = std::string("关于") + pick(rng, kPhrases) + "与" + pick(rng, kPhrases) + "的建议";
    f.content.body = body_of(rng, 1500 + static_cast<std::int64_t>(rng.below(1501)));
    f.content.keywords = {pick(rng, kPhrases), pick(rng, kPhrases)};
    std::string const kind = pick(rng, kKinds);
    std::string const sensitivity = pick(rng, kSensitivity);
    f.content.kind = *proposal_kind_from_string(kind);
    f.content.sensitivity = *sensitivity_from_string(sensitivity);
    Id const expert = 1 + static_cast<Id>(rng.below(static_cast<std::uint64_t>(experts)));
    Id const field = fields.empty() ? 0 : fields[rng.below(fields.size())];
    f.content.author_ids = {expert};
    f.authors = {{expert, "作者", "单位", std::nullopt}};
    if (field) {
      f.content.field_ids = {field};
      f.fields = {{field, "领域"}};
    }
    auto const chars = static_cast<std::int64_t>(count_markdown_chars(f.content.body));
    c.exec(kProposal, kind, sensitivity, chars, at, at);
    Id const id = c.last_insert_id();
    std::string keywords = f.content.keywords[0] + "、" + f.content.keywords[1];
    c.exec(kTexts, id, f.content.title, "", keywords, f.content.body);
    c.exec(kAuthor, id, expert);
    if (field) c.exec(kField, id, field);
    std::string const canonical = canonical_content(f);
    c.exec(kVersion, id, at, canonical, sha256_hex(canonical), chars);
    c.exec(kSubmit, at, at, id);
    auto const r = rng.below(10);
    if (r == 0) c.exec(kMove, "accepted", id);
    if (r == 1) c.exec(kMove, "returned", id);
    if (i % batch == batch - 1 || i == proposals - 1) {
      c.exec("COMMIT");
      std::printf("   %ld proposals, %.0f s\n", i + 1, watch.wall());
      std::fflush(stdout);
    }
  }
  c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::printf("   built in %.0f s wall (%.0f s CPU), %.0f MB\n", watch.wall(), watch.cpu(),
              static_cast<double>(std::filesystem::file_size(path)) / 1048576.0);
  return 0;
}
