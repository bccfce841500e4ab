#include "catalog/certification_repo.h"

#include "store/sql.h"
#include "store/stored.h"

namespace kl::catalog {

namespace {

constexpr std::string_view select_certification =
    "SELECT c.id, c.product_id, c.county_code, c.certificate_no, c.valid_from, c.valid_to, c.notice_days, "
    "c.certified_from, c.certified_by, c.created_at_ms, c.revoked_on, c.revocation_reason, c.revoked_by, "
    "c.revoked_at_ms, (SELECT COUNT(*) FROM certification_objections x WHERE x.certification_id = c.id) "
    "AS objection_count FROM certifications c";

Certification certification_from_row(const store::Row& row) {
    Certification out;
    out.id = row.text("id");
    out.product_id = row.text("product_id");
    out.county = row.text("county_code");
    out.input = CertificationInput{row.text("certificate_no"), store::stored_date(row.text("valid_from")),
                                   store::stored_date(row.text("valid_to")), row.i64("notice_days")};
    out.certified_from = store::stored_date(row.text("certified_from"));
    out.certified_by = row.opt_text("certified_by");
    out.created_at_ms = row.i64("created_at_ms");
    if (auto revoked_on = row.opt_text("revoked_on")) {
        out.revocation = Revocation{store::stored_date(*revoked_on), row.text("revocation_reason"), row.opt_text("revoked_by"),
                                    row.opt_i64("revoked_at_ms").value_or(0)};
    }
    out.objection_count = row.i64("objection_count");
    return out;
}

Result<std::vector<Certification>> query_certifications(store::Tx& tx, const std::string& where,
                                                        const store::Params& params) {
    return store::query_as(tx, std::string(select_certification) + " WHERE " + where, params, certification_from_row);
}

}  // namespace

Result<void> load_objections(store::Tx& tx, Certification& certification) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, body, raised_by, created_at_ms FROM certification_objections "
                                             "WHERE certification_id = $1 ORDER BY id",
                                             {certification.id}));
    certification.objections.clear();
    for (const auto& row : rows) {
        certification.objections.push_back(
            Objection{row.text("id"), row.text("body"), row.opt_text("raised_by"), row.i64("created_at_ms")});
    }
    return ok();
}

Result<std::optional<Certification>> find_certification(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(auto found, query_certifications(tx, "c.id = $1", {id}));
    if (found.empty()) return std::optional<Certification>{};
    return std::optional<Certification>{std::move(found.front())};
}

Result<std::vector<Certification>> certifications_of(store::Tx& tx, const std::vector<std::string>& product_ids) {
    if (product_ids.empty()) return std::vector<Certification>{};
    store::SqlQuery sql;
    const std::string in = sql.bind_list(product_ids);
    return query_certifications(tx, "c.product_id IN (" + in + ")", sql.params());
}

Result<bool> certificate_key_taken(store::Tx& tx, const std::string& certificate_key) {
    return store::row_exists(tx, "SELECT 1 FROM certifications WHERE certificate_key = $1", {certificate_key});
}

Result<void> insert_certification(store::Tx& tx, const std::string& id, const std::string& product_id,
                                  const std::string& county, const CertificationInput& input,
                                  const std::string& certificate_key, const std::optional<std::string>& certified_by,
                                  int64_t now_ms) {
    return store::exec(tx,
                       "INSERT INTO certifications (id, product_id, county_code, certificate_no, certificate_key, "
                       "valid_from, valid_to, notice_days, certified_from, certified_by, created_at_ms) "
                       "VALUES ($1, $2, $3, $4, $11, $5, $6, $7, $8, $9, $10)",
                       {id, product_id, county, input.certificate_no, format_date(input.valid_from),
                        format_date(input.valid_to), input.notice_days,
                        format_date(add_days(input.valid_from, input.notice_days)), store::optional_text(certified_by),
                        now_ms, certificate_key});
}

Result<void> insert_objection(store::Tx& tx, const std::string& certification_id, const Objection& objection) {
    return store::exec(tx,
                       "INSERT INTO certification_objections (id, certification_id, body, raised_by, created_at_ms) "
                       "VALUES ($1, $2, $3, $4, $5)",
                       {objection.id, certification_id, objection.text, store::optional_text(objection.raised_by),
                        objection.created_at_ms});
}

Result<void> revoke_certification(store::Tx& tx, const std::string& id, Date effective_on, const std::string& reason,
                                  const std::optional<std::string>& revoked_by, int64_t now_ms) {
    return store::exec(tx,
                       "UPDATE certifications SET revoked_on = $1, revocation_reason = $2, revoked_by = $3, "
                       "revoked_at_ms = $4 WHERE id = $5",
                       {format_date(effective_on), reason, store::optional_text(revoked_by), now_ms, id});
}

std::string certified_on_condition(const std::string& product_column, const std::string& placeholder) {
    return "EXISTS (SELECT 1 FROM certifications cc WHERE cc.product_id = " + product_column +
           " AND cc.certified_from <= " + placeholder + " AND cc.valid_to >= " + placeholder +
           " AND (cc.revoked_on IS NULL OR cc.revoked_on > " + placeholder + "))";
}

}  // namespace kl::catalog
