-- Catalog (src/catalog): reference data, organisation profiles, supply links, categories, products
-- with their brand standards, and consumption-aid certifications.
-- Portable SQL: the same text runs on SQLite and PostgreSQL. Times are UTC milliseconds since the
-- epoch (BIGINT); calendar dates are TEXT 'YYYY-MM-DD' (text order is date order); money is BIGINT fen.

-- The four aided counties of Kashgar. code is the stable id used everywhere; division_code is the
-- GB/T 2260 administrative division code.
CREATE TABLE counties (
    code TEXT PRIMARY KEY,
    division_code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order BIGINT NOT NULL
);

INSERT INTO counties (code, division_code, name_zh, name_en, sort_order) VALUES
    ('shache', '653125', '莎车县', 'Shache County', 1),
    ('zepu', '653124', '泽普县', 'Zepu County', 2),
    ('yecheng', '653126', '叶城县', 'Yecheng County', 3),
    ('bachu', '653130', '巴楚县', 'Bachu County', 4);

-- Shanghai's sixteen districts, same shape.
CREATE TABLE districts (
    code TEXT PRIMARY KEY,
    division_code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order BIGINT NOT NULL
);

INSERT INTO districts (code, division_code, name_zh, name_en, sort_order) VALUES
    ('huangpu', '310101', '黄浦区', 'Huangpu District', 1),
    ('xuhui', '310104', '徐汇区', 'Xuhui District', 2),
    ('changning', '310105', '长宁区', 'Changning District', 3),
    ('jingan', '310106', '静安区', 'Jing''an District', 4),
    ('putuo', '310107', '普陀区', 'Putuo District', 5),
    ('hongkou', '310109', '虹口区', 'Hongkou District', 6),
    ('yangpu', '310110', '杨浦区', 'Yangpu District', 7),
    ('minhang', '310112', '闵行区', 'Minhang District', 8),
    ('baoshan', '310113', '宝山区', 'Baoshan District', 9),
    ('jiading', '310114', '嘉定区', 'Jiading District', 10),
    ('pudong', '310115', '浦东新区', 'Pudong New Area', 11),
    ('jinshan', '310116', '金山区', 'Jinshan District', 12),
    ('songjiang', '310117', '松江区', 'Songjiang District', 13),
    ('qingpu', '310118', '青浦区', 'Qingpu District', 14),
    ('fengxian', '310120', '奉贤区', 'Fengxian District', 15),
    ('chongming', '310151', '崇明区', 'Chongming District', 16);

-- Organisation profiles extend the identity table of the access module (one row per organisation,
-- one source of truth for id, name and kind). Which columns a kind needs is the catalog service's
-- rule (catalog_types.h: OrganisationFields); the columns only hold values of the right shape.
ALTER TABLE organisations ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN credit_code TEXT;
ALTER TABLE organisations ADD COLUMN county_code TEXT REFERENCES counties (code);
ALTER TABLE organisations ADD COLUMN district_code TEXT REFERENCES districts (code);
ALTER TABLE organisations ADD COLUMN channel TEXT CHECK (channel IN ('wholesale_market', 'supermarket', 'ecommerce', 'fresh_market', 'cooperative', 'group_dining', 'vending_counter', 'budget_unit'));
ALTER TABLE organisations ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN updated_at_ms BIGINT NOT NULL DEFAULT 0;

-- NULLs do not collide in a unique index on either backend: households have no code.
CREATE UNIQUE INDEX organisations_credit_code ON organisations (credit_code);
CREATE INDEX organisations_county ON organisations (county_code, id);
CREATE INDEX organisations_district ON organisations (district_code, id);

-- "Company + family workshop + household": which workshops and households an enterprise (or a
-- cooperative) buys from, and each one's share of its purchases in basis points. The service keeps
-- the kinds right and the sum per enterprise at most 10000.
CREATE TABLE supply_links (
    enterprise_id TEXT NOT NULL REFERENCES organisations (id),
    supplier_id TEXT NOT NULL REFERENCES organisations (id),
    share_bp BIGINT NOT NULL CHECK (share_bp >= 1 AND share_bp <= 10000),
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (enterprise_id, supplier_id),
    CHECK (enterprise_id <> supplier_id)
);

CREATE INDEX supply_links_supplier ON supply_links (supplier_id);

-- The category tree. Ids are stable codes; the ten categories of the Shanghai fair are seeded.
CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES categories (id),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE INDEX categories_parent ON categories (parent_id, sort_order);

INSERT INTO categories (id, parent_id, name_zh, name_en, sort_order, created_at_ms, updated_at_ms) VALUES
    ('fresh_fruit', NULL, '鲜果', 'Fresh fruit', 10, 0, 0),
    ('nuts_dried_fruit', NULL, '坚果干果', 'Nuts and dried fruit', 20, 0, 0),
    ('grain_oil', NULL, '粮油', 'Grain and oil', 30, 0, 0),
    ('processed_food', NULL, '加工食品', 'Processed food', 40, 0, 0),
    ('tea_drinks', NULL, '茶饮', 'Tea and drinks', 50, 0, 0),
    ('meat_dairy', NULL, '肉奶', 'Meat and dairy', 60, 0, 0),
    ('cotton_textiles', NULL, '棉纺织品', 'Cotton and textiles', 70, 0, 0),
    ('handicrafts_culture', NULL, '手工艺与文创', 'Handicrafts and cultural products', 80, 0, 0),
    ('cosmetics', NULL, '化妆品', 'Cosmetics', 90, 0, 0),
    ('jewellery', NULL, '珠宝首饰', 'Jewellery', 100, 0, 0);

-- Products and the scalar parts of their brand standard (packaging, storage, logistics, minimum
-- order). The standard's columns are all NULL until one is set (standard_version 0); the county of
-- origin is the producer's (organisations.county_code), not copied here.
CREATE TABLE products (
    id TEXT PRIMARY KEY,
    producer_id TEXT NOT NULL REFERENCES organisations (id),
    category_id TEXT NOT NULL REFERENCES categories (id),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit_kind TEXT NOT NULL CHECK (unit_kind IN ('kg', 'jin', 'box', 'piece')),
    unit_net_g BIGINT NOT NULL CHECK (unit_net_g >= 0),
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'withdrawn')),
    standard_version BIGINT NOT NULL DEFAULT 0 CHECK (standard_version >= 0),
    packaging_type TEXT,
    packaging_net_g BIGINT,
    storage_temp_min_c_x10 BIGINT,
    storage_temp_max_c_x10 BIGINT,
    storage_humidity_min_pct BIGINT,
    storage_humidity_max_pct BIGINT,
    shelf_life_days BIGINT CHECK (shelf_life_days >= 1),
    cold_chain TEXT CHECK (cold_chain IN ('ambient', 'chilled_0_4', 'chilled_0_10', 'frozen_minus18')),
    min_order_quantity BIGINT CHECK (min_order_quantity >= 1),
    standard_updated_at_ms BIGINT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CHECK ((standard_version = 0) = (shelf_life_days IS NULL)),
    CHECK (status <> 'active' OR standard_version > 0)
);

CREATE INDEX products_producer ON products (producer_id, id);
CREATE INDEX products_category ON products (category_id, id);

-- A standard's grades with their list price: what offers, orders and price checks name. Other
-- modules may reference (product_id, code); the service updates grades in place and deletes only
-- those a new standard drops.
CREATE TABLE product_grades (
    product_id TEXT NOT NULL REFERENCES products (id),
    code TEXT NOT NULL,
    grade_rank BIGINT NOT NULL CHECK (grade_rank >= 1),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    list_price_fen BIGINT NOT NULL CHECK (list_price_fen >= 1),
    PRIMARY KEY (product_id, code)
);

CREATE TABLE product_grade_criteria (
    product_id TEXT NOT NULL,
    grade_code TEXT NOT NULL,
    position BIGINT NOT NULL CHECK (position >= 0),
    metric TEXT NOT NULL,
    min_value BIGINT,
    max_value BIGINT,
    PRIMARY KEY (product_id, grade_code, position),
    FOREIGN KEY (product_id, grade_code) REFERENCES product_grades (product_id, code) ON DELETE CASCADE,
    CHECK (min_value IS NOT NULL OR max_value IS NOT NULL),
    CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
);

-- Quantity tiers: from min_quantity units of sale on, a grade costs price_fen per unit.
CREATE TABLE product_price_tiers (
    product_id TEXT NOT NULL,
    min_quantity BIGINT NOT NULL CHECK (min_quantity >= 2),
    grade_code TEXT NOT NULL,
    price_fen BIGINT NOT NULL CHECK (price_fen >= 1),
    PRIMARY KEY (product_id, min_quantity, grade_code),
    FOREIGN KEY (product_id, grade_code) REFERENCES product_grades (product_id, code) ON DELETE CASCADE
);

-- The order channels a product may be sold through; indexed by channel for the catalogue filter.
CREATE TABLE product_channels (
    product_id TEXT NOT NULL REFERENCES products (id),
    channel TEXT NOT NULL CHECK (channel IN ('fair_intent', 'fair_onsite', 'wholesale', 'supermarket', 'ecommerce', 'livestream', 'canteen', 'vending_counter')),
    PRIMARY KEY (product_id, channel)
);

CREATE INDEX product_channels_channel ON product_channels (channel, product_id);

CREATE TABLE product_packaging_materials (
    product_id TEXT NOT NULL REFERENCES products (id),
    position BIGINT NOT NULL CHECK (position >= 0),
    material TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);

-- Consumption-aid certification by a county. certified_from = valid_from + notice_days is stored so
-- "certified on date D" is one indexed range test. A revocation takes effect on revoked_on.
CREATE TABLE certifications (
    id TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id),
    county_code TEXT NOT NULL REFERENCES counties (code),
    certificate_no TEXT NOT NULL UNIQUE,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    notice_days BIGINT NOT NULL CHECK (notice_days >= 0),
    certified_from TEXT NOT NULL,
    certified_by TEXT REFERENCES users (id),
    created_at_ms BIGINT NOT NULL,
    revoked_on TEXT,
    revocation_reason TEXT,
    revoked_by TEXT REFERENCES users (id),
    revoked_at_ms BIGINT,
    CHECK (valid_from <= certified_from AND certified_from <= valid_to),
    CHECK ((revoked_on IS NULL) = (revocation_reason IS NULL))
);

CREATE INDEX certifications_product ON certifications (product_id, valid_from);
CREATE INDEX certifications_county ON certifications (county_code, certified_from);

CREATE TABLE certification_objections (
    id TEXT PRIMARY KEY,
    certification_id TEXT NOT NULL REFERENCES certifications (id),
    body TEXT NOT NULL,
    raised_by TEXT REFERENCES users (id),
    created_at_ms BIGINT NOT NULL
);

CREATE INDEX certification_objections_certification ON certification_objections (certification_id, id);
