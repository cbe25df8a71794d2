// A hand-labelled recall set for expert search: 40 realistic profiles and 25 queries.
//
// Relevance rule, applied by reading: a profile is relevant to a query when every term of the
// query occurs in it *as a word* (any column, any case or width, pinyin with or without tone
// marks). Synonyms and translations do not count (Tsinghua is not 清华大学), because the set
// measures the tokenizer, not semantic search. Three rows are deliberate traps where the
// characters of a query occur only across a word boundary, which no character-n-gram index
// can tell apart: 城市场景 (城市|场景) for 市场, 北京大学生 (北京|大学生) for 北京大学, and
// 扩张 for the surname query 张. They cost precision, never recall.
#pragma once

#include <string_view>
#include <vector>

namespace zhiku::storage::test {

struct RecallRow {
  int id;
  std::string_view name;
  std::string_view org;
  std::string_view body;
};

struct RecallQuery {
  std::string_view input;     // as a user would type it into the search box
  std::vector<int> relevant;  // row ids, by the rule above
};

inline std::vector<RecallRow> const kRecallRows = {
    {1, "张伟 ZHANG Wei", "清华大学公共管理学院",
     "研究领域：城市规划、城市治理。长期关注特大城市空间结构与公共服务均等化。英文单位：ＴＳＩＮＧＨＵＡ ＳＰＰＭ"},
    {2, "李娜", "北京大学国家发展研究院",
     "研究方向：数字经济、平台经济与市场监管。曾参与国务院《数字经济发展规划》起草。"},
    {3, "王强", "复旦大学公共卫生学院", "医疗卫生体制改革、公共卫生应急管理，参与COVID-19疫情防控评估。"},
    {4, "刘洋 Liu Yang", "中国科学院自动化研究所", "人工智能、机器学习，AI医疗影像辅助诊断。"},
    {5, "陈静", "浙江大学医学院附属第一医院", "医疗质量管理、智慧医院建设；研究AI在临床决策中的应用。"},
    {6, "杨帆", "国家发展和改革委员会能源研究所", "碳中和路径、新能源政策、电力市场改革。"},
    {7, "赵敏", "中国人民大学农业与农村发展学院", "乡村振兴、农村土地制度改革与县域经济。"},
    {8, "黄磊", "同济大学建筑与城市规划学院", "城市更新、历史街区保护、国土空间规划。"},
    {9, "周婷", "上海交通大学安泰经济与管理学院", "金融市场、金融风险防控与地方政府债务。"},
    {10, "吴昊", "清华大学环境学院", "环境政策、大气污染治理、碳达峰碳中和目标下的产业转型。(Tsinghua University)"},
    {11, "徐丽", "南京大学社会学院", "人口老龄化、养老服务体系与社区治理。"},
    {12, "孙杰", "中山大学粤港澳发展研究院", "粤港澳大湾区规则衔接、港澳青年发展。"},
    {13, "马超", "武汉大学经济与管理学院", "劳动力市场、就业政策与收入分配。"},
    {14, "朱琳", "华中科技大学同济医学院", "医疗保障、医保支付方式改革（DRG/DIP）。"},
    {15, "胡斌", "北京交通大学交通运输学院", "城市交通规划、轨道交通与公交优先。"},
    {16, "郭芳 Guo Fang", "TSINGHUA University, School of Public Policy and Management",
     "Comparative public administration; digital government; smart cities. 中文研究方向：数字政府。"},
    {17, "何伟 He Wei", "西安交通大学", "新能源汽车产业政策、动力电池回收。"},
    {18, "林涛", "厦门大学公共事务学院", "公共管理、政府绩效评估、基层治理。"},
    {19, "高翔", "中国社会科学院工业经济研究所", "制造业数字化转型、工业互联网、数字经济。"},
    {20, "罗兰", "四川大学华西公共卫生学院", "慢性病防控、基层医疗卫生服务、健康中国；covid-19后基层医疗体系重建。"},
    {21, "梁晨", "中国城市规划设计研究院", "智慧城市、城市场景数字化应用、城市体检。"},
    {22, "宋佳", "清华大学公共管理学院", "养老保险制度、社会保障与财政可持续。"},
    {23, "郑浩", "中国农业大学", "乡村振兴战略下的农业产业发展、农产品市场与农民增收。"},
    {24, "韩雪", "哈尔滨工业大学", "寒地城市建设、冰雪经济与东北振兴。"},
    {25, "冯刚", "国务院发展研究中心", "宏观经济、财政金融风险、产业政策。"},
    {26, "曹颖", "北京大学公共卫生学院", "卫生政策与管理、医疗服务价格、药品集中采购。"},
    {27, "邓亮", "广东省社会科学院", "粤港澳大湾区产业协同、广州南沙开发。"},
    {28, "许婧", "中国人民大学公共管理学院", "城市治理、社区营造、公共服务。"},
    {29, "彭飞", "南方科技大学", "人工智能治理、算法伦理与数据安全。"},
    {30, "蒋雯", "北京师范大学", "教育政策、义务教育均衡、服务北京大学生就业创业的政策评估。"},
    {31, "张晓明 Zhāng Xiǎomíng", "上海社会科学院", "文化产业、城市文化软实力。"},
    {32, "王芳", "中国科学技术大学", "新能源材料、储能技术、氢能产业。"},
    {33, "刘健", "国家卫生健康委卫生发展研究中心", "医疗卫生资源配置、分级诊疗、AI辅助基层医疗。"},
    {34, "钱峰", "中国电子信息产业发展研究院", "企业扩张与并购、数字经济、产业规划。"},
    {35, "Zhang Wei", "Peking University, Institute of Population Research",
     "Population aging, pension reform, COVID-19 and mortality."},
    {36, "孔令辉", "深圳大学", "人工智能产业、ＡＩ芯片与智能制造。"},
    {37, "白雪", "中国环境科学研究院", "生态环境监测、水环境治理、碳中和与碳市场。"},
    {38, "秦岭", "交通运输部科学研究院", "综合交通运输规划、物流与供应链。"},
    {39, "沈阳", "上海交通大学国际与公共事务学院", "公共管理、应急管理、城市韧性。"},
    {40, "唐敏", "中国宏观经济研究院", "区域协调发展、京津冀协同、城镇化与市民化。"},
};

inline std::vector<RecallQuery> const kRecallQueries = {
    {"城市", {1, 8, 15, 21, 24, 28, 31, 39}},
    {"医疗", {3, 4, 5, 14, 20, 26, 33}},
    {"规划", {1, 2, 8, 15, 21, 34, 38}},
    {"人工智能", {4, 29, 36}},
    {"AI", {4, 5, 33, 36}},
    {"AI 医疗", {4, 5, 33}},
    {"碳中和", {6, 10, 37}},
    {"清华大学", {1, 10, 22}},
    {"Tsinghua", {1, 10, 16}},
    {"公共管理", {1, 18, 22, 28, 39}},
    {"市场", {2, 6, 9, 13, 23, 37}},  // trap: 21 has only 城市场景
    {"张", {1, 31}},                   // surname; trap: 34 has 扩张
    {"乡村振兴", {7, 23}},
    {"数字经济", {2, 19, 34}},
    {"卫生", {3, 20, 26, 33}},
    {"新能源", {6, 17, 32}},
    {"养老", {11, 22}},
    {"城市 规划", {1, 8, 15, 21}},
    {"zhang", {1, 31, 35}},
    {"COVID-19", {3, 20, 35}},
    {"轨道交通", {15}},
    {"粤港澳大湾区", {12, 27}},
    {"环境", {10, 37}},
    {"北京大学", {2, 26}},  // trap: 30 has 北京大学生
    {"drg", {14}},
};

}  // namespace zhiku::storage::test
