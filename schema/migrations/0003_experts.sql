-- Expert pool (专家库): the field taxonomy, managed pools, expert profiles with their fields,
-- pools, employment history and declared conflicts, public applications, and the full-text index.

-- 学科领域: a tree. Top level seeded from GB/T 13745 (national discipline classification), with a
-- few second-level entries. Codes are the standard's where known, NULL for local additions.
CREATE TABLE fields (
  id         INTEGER PRIMARY KEY,
  parent_id  INTEGER REFERENCES fields(id) ON DELETE RESTRICT,
  code       TEXT,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_en    TEXT,
  sort       INTEGER NOT NULL DEFAULT 0,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX fields_sibling_name ON fields(coalesce(parent_id, 0), name);
CREATE UNIQUE INDEX fields_code ON fields(code) WHERE code IS NOT NULL;
CREATE INDEX fields_parent ON fields(parent_id, sort);

-- 专家库 memberships are a managed list, not free text.
CREATE TABLE pools (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  description TEXT NOT NULL DEFAULT '',
  sort        INTEGER NOT NULL DEFAULT 0,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- One row per expert. keywords is the list joined by '、' (a keyword never contains a
-- separator), which keeps the FTS index and its snippets readable. email_norm / phone_norm are
-- the normalised forms used to detect duplicates.
CREATE TABLE experts (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  gender        TEXT CHECK (gender IN ('male', 'female')),
  birth_year    INTEGER,
  title         TEXT,
  position      TEXT,
  organization  TEXT NOT NULL DEFAULT '',
  department    TEXT,
  category      TEXT NOT NULL DEFAULT 'domestic' CHECK (category IN ('domestic', 'overseas')),
  country       TEXT,
  academician   TEXT CHECK (academician IN ('CAS', 'CAE')),
  phone         TEXT,
  phone_norm    TEXT,
  email         TEXT,
  email_norm    TEXT,
  bio           TEXT NOT NULL DEFAULT '',
  keywords      TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended', 'retired')),
  status_reason TEXT,
  source        TEXT NOT NULL DEFAULT 'created' CHECK (source IN ('created', 'application', 'import')),
  user_id       INTEGER UNIQUE REFERENCES users(id) ON DELETE SET NULL,
  confirmed_at  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
-- Every filter and sort of GET /api/v1/experts has an index (ties broken by id).
CREATE INDEX experts_name ON experts(name, id);
CREATE INDEX experts_updated ON experts(updated_at, id);
CREATE INDEX experts_birth_year ON experts(birth_year, id);
CREATE INDEX experts_status ON experts(status, updated_at);
CREATE INDEX experts_title ON experts(title);
CREATE INDEX experts_category ON experts(category, country);
CREATE INDEX experts_country ON experts(country);
CREATE INDEX experts_academician ON experts(academician) WHERE academician IS NOT NULL;
CREATE INDEX experts_organization ON experts(organization);
CREATE INDEX experts_confirmed ON experts(coalesce(confirmed_at, created_at));
CREATE INDEX experts_email_norm ON experts(email_norm) WHERE email_norm IS NOT NULL;
CREATE INDEX experts_phone_norm ON experts(phone_norm) WHERE phone_norm IS NOT NULL;
-- Covers every scalar filter, so that a count over any combination of them reads this index
-- alone (the list query names it with INDEXED BY; see expert_store.cpp).
CREATE INDEX experts_filter ON experts(status, category, academician, country, title, organization,
                                       coalesce(confirmed_at, created_at));
-- The same columns keyed by id: checking the filters of thousands of experts found through a
-- field or the full-text index reads this small index instead of the wide rows.
CREATE INDEX experts_by_id ON experts(id, status, category, academician, country, title, organization,
                                      confirmed_at, created_at);

CREATE TABLE expert_fields (
  expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  field_id  INTEGER NOT NULL REFERENCES fields(id) ON DELETE RESTRICT,
  position  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (expert_id, field_id)
) WITHOUT ROWID;
CREATE INDEX expert_fields_field ON expert_fields(field_id, expert_id);

CREATE TABLE expert_pools (
  expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  pool_id   INTEGER NOT NULL REFERENCES pools(id) ON DELETE RESTRICT,
  PRIMARY KEY (expert_id, pool_id)
) WITHOUT ROWID;
CREATE INDEX expert_pools_pool ON expert_pools(pool_id, expert_id);

-- Employment history: dates are 'YYYY-MM' or 'YYYY-MM-DD'; to_date NULL = to the present.
CREATE TABLE expert_employment (
  id           INTEGER PRIMARY KEY,
  expert_id    INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  organization TEXT NOT NULL,
  from_date    TEXT NOT NULL,
  to_date      TEXT,
  position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX expert_employment_expert ON expert_employment(expert_id, position);
CREATE INDEX expert_employment_organization ON expert_employment(organization);

-- Declared conflicts of interest: a person (another expert, or a free-text name) or an
-- organisation, optionally until a date.
CREATE TABLE expert_conflicts (
  id              INTEGER PRIMARY KEY,
  expert_id       INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
  other_expert_id INTEGER REFERENCES experts(id) ON DELETE SET NULL,
  name            TEXT NOT NULL,
  until           TEXT,
  note            TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL
);
CREATE INDEX expert_conflicts_expert ON expert_conflicts(expert_id);
CREATE INDEX expert_conflicts_other ON expert_conflicts(other_expert_id) WHERE other_expert_id IS NOT NULL;

-- Public applications, kept for rate limiting per client address and so that the applicant can
-- look up the answer with the receipt they were given (stored as its SHA-256).
CREATE TABLE expert_applications (
  id             INTEGER PRIMARY KEY,
  expert_id      INTEGER REFERENCES experts(id) ON DELETE SET NULL,
  client_address TEXT NOT NULL,
  receipt_hash   TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL
);
CREATE INDEX expert_applications_client ON expert_applications(client_address, created_at);

-- Derived record of each expert. Later migrations (reviews, proposals, decisions) replace this
-- view with one that counts from their tables; the experts module only reads it.
CREATE VIEW expert_stats AS
SELECT id AS expert_id,
       0 AS reviews_done,
       CAST(NULL AS REAL) AS on_time_rate,
       CAST(NULL AS REAL) AS avg_rating,
       0 AS submissions,
       0 AS adoptions,
       0 AS endorsements
FROM experts;

-- Full-text index over name, organisation, keywords and biography, with the CJK bigram
-- tokenizer; an external-content table kept in sync by the triggers below.
CREATE VIRTUAL TABLE experts_fts USING fts5(
  name, organization, keywords, bio,
  content = 'experts', content_rowid = 'id', tokenize = 'zhiku_cjk'
);
CREATE TRIGGER experts_fts_insert AFTER INSERT ON experts BEGIN
  INSERT INTO experts_fts(rowid, name, organization, keywords, bio)
  VALUES (new.id, new.name, new.organization, new.keywords, new.bio);
END;
CREATE TRIGGER experts_fts_delete AFTER DELETE ON experts BEGIN
  INSERT INTO experts_fts(experts_fts, rowid, name, organization, keywords, bio)
  VALUES ('delete', old.id, old.name, old.organization, old.keywords, old.bio);
END;
CREATE TRIGGER experts_fts_update AFTER UPDATE OF name, organization, keywords, bio ON experts BEGIN
  INSERT INTO experts_fts(experts_fts, rowid, name, organization, keywords, bio)
  VALUES ('delete', old.id, old.name, old.organization, old.keywords, old.bio);
  INSERT INTO experts_fts(rowid, name, organization, keywords, bio)
  VALUES (new.id, new.name, new.organization, new.keywords, new.bio);
END;

-- Seed: the pools the pilot runs.
INSERT INTO pools (name, description, sort, created_at, updated_at) VALUES
  ('决策咨询专家库', '为市委市政府决策咨询提供支撑的专家', 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('海智专家库', '海外科技人才与海外华人专家（海智计划）', 2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('专家工作站', '进站服务企业和基层的专家', 3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

-- Seed: first level of GB/T 13745 学科分类与代码.
INSERT INTO fields (code, name, name_en, sort, created_at, updated_at)
SELECT column1, column2, column3, column4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM (VALUES
  ('110', '数学', 'Mathematics', 110),
  ('120', '信息科学与系统科学', 'Information and Systems Science', 120),
  ('130', '力学', 'Mechanics', 130),
  ('140', '物理学', 'Physics', 140),
  ('150', '化学', 'Chemistry', 150),
  ('160', '天文学', 'Astronomy', 160),
  ('170', '地球科学', 'Earth Science', 170),
  ('180', '生物学', 'Biology', 180),
  ('190', '心理学', 'Psychology', 190),
  ('210', '农学', 'Agronomy', 210),
  ('220', '林学', 'Forestry', 220),
  ('230', '畜牧兽医科学', 'Animal Husbandry and Veterinary Science', 230),
  ('240', '水产学', 'Fisheries Science', 240),
  ('310', '基础医学', 'Basic Medicine', 310),
  ('320', '临床医学', 'Clinical Medicine', 320),
  ('330', '预防医学与公共卫生学', 'Preventive Medicine and Public Health', 330),
  ('340', '军事医学与特种医学', 'Military and Special Medicine', 340),
  ('350', '药学', 'Pharmacy', 350),
  ('360', '中医学与中药学', 'Traditional Chinese Medicine', 360),
  ('410', '工程与技术科学基础学科', 'Basic Disciplines of Engineering and Technology', 410),
  ('413', '信息与系统科学相关工程与技术', 'Engineering Related to Information and Systems Science', 413),
  ('416', '自然科学相关工程与技术', 'Engineering Related to Natural Sciences', 416),
  ('420', '测绘科学技术', 'Surveying and Mapping', 420),
  ('430', '材料科学', 'Materials Science', 430),
  ('440', '矿山工程技术', 'Mining Engineering', 440),
  ('450', '冶金工程技术', 'Metallurgical Engineering', 450),
  ('460', '机械工程', 'Mechanical Engineering', 460),
  ('470', '动力与电气工程', 'Power and Electrical Engineering', 470),
  ('480', '能源科学技术', 'Energy Science and Technology', 480),
  ('490', '核科学技术', 'Nuclear Science and Technology', 490),
  ('510', '电子与通信技术', 'Electronics and Communications', 510),
  ('520', '计算机科学技术', 'Computer Science and Technology', 520),
  ('530', '化学工程', 'Chemical Engineering', 530),
  ('535', '产品应用相关工程与技术', 'Product Application Engineering', 535),
  ('540', '纺织科学技术', 'Textile Science and Technology', 540),
  ('550', '食品科学技术', 'Food Science and Technology', 550),
  ('560', '土木建筑工程', 'Civil Engineering and Architecture', 560),
  ('570', '水利工程', 'Hydraulic Engineering', 570),
  ('580', '交通运输工程', 'Transportation Engineering', 580),
  ('590', '航空航天科学技术', 'Aeronautics and Astronautics', 590),
  ('610', '环境科学技术及资源科学技术', 'Environmental and Resource Science and Technology', 610),
  ('620', '安全科学技术', 'Safety Science and Technology', 620),
  ('630', '管理学', 'Management Science', 630),
  ('710', '马克思主义', 'Marxism', 710),
  ('720', '哲学', 'Philosophy', 720),
  ('730', '宗教学', 'Religious Studies', 730),
  ('740', '语言学', 'Linguistics', 740),
  ('750', '文学', 'Literature', 750),
  ('760', '艺术学', 'Art', 760),
  ('770', '历史学', 'History', 770),
  ('780', '考古学', 'Archaeology', 780),
  ('790', '经济学', 'Economics', 790),
  ('810', '政治学', 'Political Science', 810),
  ('820', '法学', 'Law', 820),
  ('830', '军事学', 'Military Science', 830),
  ('840', '社会学', 'Sociology', 840),
  ('850', '民族学与文化学', 'Ethnology and Cultural Studies', 850),
  ('860', '新闻学与传播学', 'Journalism and Communication', 860),
  ('870', '图书馆、情报与文献学', 'Library, Information and Documentation Science', 870),
  ('880', '教育学', 'Education', 880),
  ('890', '体育科学', 'Sports Science', 890),
  ('910', '统计学', 'Statistics', 910)
);

-- Seed: a few second-level entries the pilot's topics use most.
INSERT INTO fields (parent_id, code, name, name_en, sort, created_at, updated_at)
SELECT p.id, c.column2, c.column3, c.column4, c.column5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM (VALUES
  ('560', NULL, '城市规划', 'Urban Planning', 1),
  ('560', NULL, '市政工程', 'Municipal Engineering', 2),
  ('560', NULL, '建筑设计', 'Architectural Design', 3),
  ('520', '520.20', '人工智能', 'Artificial Intelligence', 1),
  ('520', '520.40', '计算机软件', 'Computer Software', 2),
  ('520', '520.60', '计算机应用', 'Computer Applications', 3),
  ('330', NULL, '公共卫生', 'Public Health', 1),
  ('330', NULL, '流行病学', 'Epidemiology', 2),
  ('330', NULL, '卫生管理', 'Health Administration', 3),
  ('790', NULL, '区域经济学', 'Regional Economics', 1),
  ('790', NULL, '产业经济学', 'Industrial Economics', 2),
  ('630', NULL, '公共管理', 'Public Administration', 1),
  ('630', NULL, '科技管理与政策', 'Science and Technology Policy', 2),
  ('610', NULL, '环境工程', 'Environmental Engineering', 1),
  ('480', NULL, '新能源', 'New Energy', 1)
) AS c
JOIN fields p ON p.code = c.column1;
