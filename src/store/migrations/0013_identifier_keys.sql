-- Look-alike identifiers (security issue 12, item 3): "LOOK-1", "look-1", "LOOK-1 " and "LOOK‐1" (U+2010)
-- were four invoice numbers to the exact-text unique indexes, yet one to a person. Each business
-- identifier gets a comparison key (core/identifier.h: NFKC, invisible characters removed, dashes
-- made '-', case folded, white space trimmed) and the unique index moves onto the key, so that the
-- database itself refuses a look-alike, also when two requests race, on both back ends.
--
-- SQL cannot compute NFKC or Unicode case folding portably (SQLite's lower() knows only ASCII), so
-- the services compute the key on every write, and the rows already there get theirs from the C++
-- step that follows this file in the same transaction (store/identifier_keys.cpp). Where existing
-- rows are look-alikes of each other, the earliest (by id) gets the key and the others keep NULL —
-- NULLs never collide in a unique index on either back end — so the migration never fails on old
-- data; it logs each such row, and risk rule R4 flags look-alike invoices of one payee.
-- Usernames need no key: the username rule ([a-z0-9._-]) admits only text that is its own key.
-- Organisation credit codes need none either: they are checksummed and stored upper-case.
-- The exact-text unique indexes stay: they are implied by the new ones and cost little.
ALTER TABLE invoices ADD COLUMN invoice_key TEXT;
CREATE UNIQUE INDEX invoices_unique_invoice_key ON invoices (payee_org_id, invoice_key);

ALTER TABLE orders ADD COLUMN invoice_key TEXT;
CREATE UNIQUE INDEX orders_unique_invoice_key ON orders (seller_id, invoice_key);

ALTER TABLE projects ADD COLUMN code_key TEXT;
CREATE UNIQUE INDEX projects_unique_code_key ON projects (code_key);

ALTER TABLE products ADD COLUMN code_key TEXT;
CREATE UNIQUE INDEX products_unique_code_key ON products (producer_id, code_key);

ALTER TABLE certifications ADD COLUMN certificate_key TEXT;
CREATE UNIQUE INDEX certifications_unique_certificate_key ON certifications (certificate_key);
