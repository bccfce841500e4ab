-- Import and export (src/exchange): a producer's own product code (SKU), the natural key by which a
-- spreadsheet row finds its product again, so re-importing a file updates instead of duplicating.
-- Portable SQL: the same text runs on SQLite and PostgreSQL.

-- NULL for products created without one (through the API); the exporter then writes the product id
-- in its place, which becomes the product's code when that row is imported. Unique per producer;
-- NULLs do not collide in a unique index on either backend.
ALTER TABLE products ADD COLUMN code TEXT;

CREATE UNIQUE INDEX products_producer_code ON products (producer_id, code);
