-- Generates a CSV of synthetic experts for the benchmark, in the import format (Chinese headers).
-- Run: sqlite3 -csv -header :memory: -cmd ".parameter set @first 1" -cmd ".parameter set @count 20000" < gen_experts.sql
-- Names, organisations, keywords and fields are drawn at random from lists of realistic values;
-- e-mail addresses and phone numbers are unique per row number.
WITH
  surnames(s) AS (VALUES ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤')),
  given(s) AS (VALUES ('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建国志宏文海波晓东亮林斌颖琳俊峰鹏辉雪梅春雷宇浩然子涵欣怡思远嘉诚博文')),
  orgs(j) AS (VALUES (json('["同济大学","复旦大学","上海交通大学","华东师范大学","华东理工大学","东华大学","上海大学","上海财经大学","中国科学院上海分院","上海社会科学院","上海市城市规划设计研究院","上海市卫生健康委员会","上海市科学技术协会","中国商飞上海飞机设计研究院","上海电气集团","华为技术有限公司","上海市环境科学研究院","上海中医药大学","第二军医大学","上海海事大学","上海市交通委员会","上海市发展和改革研究院","中国宝武钢铁集团","上汽集团技术中心","上海核工程研究设计院","上海市农业科学院","清华大学","北京大学","浙江大学","南京大学","中国科学技术大学","哈尔滨工业大学","西安交通大学","武汉大学","中山大学","四川大学","Max Planck Institute","Stanford University","University of Cambridge","National University of Singapore"]'))),
  kws(j) AS (VALUES (json('["城市规划","城市更新","智慧城市","城市治理","城市交通","国土空间规划","乡村振兴","区域经济","产业政策","科技政策","创新生态","人工智能","机器学习","大数据","云计算","区块链","集成电路","5G通信","量子信息","网络安全","数字经济","数字政府","公共卫生","医疗卫生","医院管理","医疗保障","慢病防控","传染病防控","中医药","生物医药","基因编辑","脑科学","新能源","储能技术","氢能","碳达峰碳中和","节能减排","环境治理","水污染防治","大气污染防治","固体废物","生态修复","海洋经济","航运物流","航空制造","航天技术","高端装备","智能制造","工业互联网","新材料","先进钢铁材料","新能源汽车","自动驾驶","轨道交通","港口工程","土木工程","建筑节能","防灾减灾","应急管理","安全生产","食品安全","农业科技","种业","教育政策","职业教育","人口老龄化","社会保障","劳动就业","法治政府","知识产权","金融科技","绿色金融","国际贸易","长三角一体化","对外开放","文化产业","科普传播","科技伦理","AI 医疗","AI 教育","medical imaging","deep learning","robotics","materials science"]'))),
  fields(j) AS (VALUES (json('["城市规划","市政工程","建筑设计","人工智能","计算机软件","计算机应用","公共卫生","流行病学","卫生管理","区域经济学","产业经济学","公共管理","科技管理与政策","环境工程","新能源","数学","物理学","化学","生物学","临床医学","药学","中医学与中药学","材料科学","机械工程","动力与电气工程","电子与通信技术","交通运输工程","航空航天科学技术","管理学","经济学","法学","社会学","教育学","统计学"]'))),
  titles(j) AS (VALUES (json('["教授","研究员","正高级工程师","副教授","副研究员","高级工程师","主任医师","副主任医师","高级经济师","讲师"]'))),
  positions(j) AS (VALUES (json('["院长","副院长","所长","主任","首席科学家","总工程师","系主任","学科带头人","","",""]'))),
  pools(j) AS (VALUES (json('["决策咨询专家库","决策咨询专家库","决策咨询专家库","海智专家库","专家工作站","决策咨询专家库；专家工作站"]'))),
  countries(j) AS (VALUES (json('["美国","德国","英国","日本","新加坡","加拿大","澳大利亚","法国"]'))),
  n(i) AS (SELECT @first UNION ALL SELECT i + 1 FROM n WHERE i < @first + @count - 1),
  r AS MATERIALIZED (
    SELECT i, abs(random()) AS r1, abs(random()) AS r2, abs(random()) AS r3, abs(random()) AS r4, abs(random()) AS r5
    FROM n
  )
SELECT
  substr((SELECT s FROM surnames), 1 + r1 % 100, 1) || substr((SELECT s FROM given), 1 + r2 % 60, 1) ||
    CASE WHEN r3 % 3 = 0 THEN '' ELSE substr((SELECT s FROM given), 1 + r3 % 60, 1) END AS "姓名",
  CASE r1 % 10 WHEN 0 THEN '女' WHEN 1 THEN '女' WHEN 2 THEN '女' ELSE '男' END AS "性别",
  1940 + r2 % 50 AS "出生年份",
  json_extract((SELECT j FROM titles), '$[' || (r3 % (SELECT json_array_length(j) FROM titles)) || ']') AS "职称",
  json_extract((SELECT j FROM positions), '$[' || (r4 % (SELECT json_array_length(j) FROM positions)) || ']') AS "职务",
  json_extract((SELECT j FROM orgs), '$[' || (r5 % (SELECT json_array_length(j) FROM orgs)) || ']') AS "工作单位",
  '' AS "部门",
  'expert' || i || '@example.cn' AS "邮箱",
  '139' || printf('%08d', i) AS "手机",
  json_extract((SELECT j FROM fields), '$[' || (r1 % (SELECT json_array_length(j) FROM fields)) || ']') ||
    CASE WHEN r2 % 2 = 0 THEN '；' || json_extract((SELECT j FROM fields), '$[' || (r4 % (SELECT json_array_length(j) FROM fields)) || ']') ELSE '' END
    AS "学科领域",
  json_extract((SELECT j FROM kws), '$[' || (r2 % (SELECT json_array_length(j) FROM kws)) || ']') || '；' ||
    json_extract((SELECT j FROM kws), '$[' || (r3 % (SELECT json_array_length(j) FROM kws)) || ']') || '；' ||
    json_extract((SELECT j FROM kws), '$[' || (r4 % (SELECT json_array_length(j) FROM kws)) || ']') AS "研究方向/关键词",
  CASE WHEN r5 % 40 >= 36 THEN '海外' ELSE '国内' END AS "类别",
  CASE WHEN r5 % 40 >= 36 THEN json_extract((SELECT j FROM countries), '$[' || (r1 % (SELECT json_array_length(j) FROM countries)) || ']') ELSE '' END
    AS "国家或地区",
  CASE r3 % 200 WHEN 0 THEN '中国科学院院士' WHEN 1 THEN '中国工程院院士' ELSE '否' END AS "院士",
  json_extract((SELECT j FROM pools), '$[' || (r4 % (SELECT json_array_length(j) FROM pools)) || ']') AS "专家库",
  '长期从事' || json_extract((SELECT j FROM kws), '$[' || (r2 % (SELECT json_array_length(j) FROM kws)) || ']') || '与' ||
    json_extract((SELECT j FROM kws), '$[' || (r5 % (SELECT json_array_length(j) FROM kws)) || ']') ||
    '方面的研究，主持国家级和省部级课题多项，为政府决策提供咨询建议。' AS "简介"
FROM r;
