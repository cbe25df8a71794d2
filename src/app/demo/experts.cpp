// The expert pool's demo part: the demo expert `alice` (李专家) gets an active profile linked to
// her account, so that the expert role's pages (my profile, conflicts, later my proposals and
// topics) work on first sign-in. The 300 generated experts and five applicants come from
// `zhiku import experts` in scripts/start.sh.
#include "app/demo/demo.hpp"

namespace zhiku::demo {

void seed_experts(Seeder& d) {
  auto& experts = d.services.experts;
  auto alice = d.services.users.find_by_username("alice");
  if (!alice) return;
  {
    auto c = d.services.db.read();
    if (experts.expert_of_user(*c, alice->id)) return;  // seeded already
  }
  ExpertProfile p;
  p.name = "李专家";
  p.gender = "female";
  p.birth_year = 1978;
  p.title = "研究员";
  p.position = "城市治理研究中心主任";
  p.organization = "市社会科学院";
  p.department = "城市发展研究所";
  p.employment = {Employment{"同济大学建筑与城市规划学院", "2005-07", "2012-06"},
                  Employment{"市社会科学院", "2012-07", std::nullopt}};
  p.field_ids = {d.field("城市规划"), d.field("公共管理")};
  p.keywords = {"城市更新", "韧性城市", "社区治理"};
  p.email = "alice@demo.zhiku.cn";
  p.phone = "13800000001";
  p.bio = "长期从事城市更新与基层治理研究，主持国家社科基金项目两项，多项对策建议获市领导批示。";
  auto const coord = d.as("coord");
  auto created = experts.create(coord, p);
  experts.transition(coord, created.id, ExpertAction::approve, "演示数据");
  experts.link_user(coord, created.id, alice->id);
  d.report("expert profile " + std::to_string(created.id) + " (李专家) linked to alice");
}

}  // namespace zhiku::demo
