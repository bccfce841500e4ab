#include "fair/recommend_repo.h"

#include <set>

#include "catalog/catalog_types.h"
#include "store/sql.h"

namespace kl::fair {

namespace {

constexpr size_t facts_ids_per_query = 500;

struct ProductFacts {
    std::string category, parent;  // parent: "" for a top-level category
    std::set<std::string> channels;
    bool certified = false;
};

struct BuyerOrgFacts {
    std::optional<std::string> sales_channel;                       // the order channel its buyer channel buys through
    std::vector<std::pair<std::string, std::string>> demands;       // (product id or "", category id or "")
    std::set<std::pair<std::string, std::string>> ordered;          // (product id, its category)
    std::map<std::string, int64_t> orders_with;                     // seller org → orders not cancelled
};

using Each = std::function<Result<void>(const store::Row&)>;

Result<void> by_ids(store::Tx& tx, const std::string& select, const std::string& rest, const store::Params& leading,
                    const std::set<std::string>& ids, const Each& each) {
    return store::query_by_ids(tx, select, rest, leading, std::vector<std::string>(ids.begin(), ids.end()), facts_ids_per_query, each);
}

// Each exhibitor's products: those it shows, or its whole catalogue (not withdrawn) when it shows none.
Result<std::map<std::string, std::set<std::string>>> exhibitor_products(store::Tx& tx, const std::vector<Attendee>& exhibitors) {
    std::map<std::string, std::set<std::string>> out;
    std::set<std::string> catalogue_orgs;
    for (const auto& e : exhibitors) {
        if (e.product_ids.empty()) catalogue_orgs.insert(e.org_id);
        out[e.id].insert(e.product_ids.begin(), e.product_ids.end());
    }
    std::map<std::string, std::set<std::string>> by_org;
    KL_TRY(by_ids(tx, "SELECT producer_id, id FROM products WHERE status <> 'withdrawn' AND producer_id", "", {}, catalogue_orgs,
                  [&](const store::Row& row) -> Result<void> {
                      by_org[row.text(0)].insert(row.text(1));
                      return ok();
                  }));
    for (const auto& e : exhibitors) {
        if (e.product_ids.empty()) out[e.id] = by_org[e.org_id];
    }
    return out;
}

Result<std::map<std::string, ProductFacts>> product_facts(store::Tx& tx, const std::set<std::string>& ids, Date today) {
    std::map<std::string, ProductFacts> out;
    KL_TRY(by_ids(tx, "SELECT p.id, p.category_id, c.parent_id FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id",
                  "", {}, ids, [&](const store::Row& row) -> Result<void> {
                      out[row.text(0)] = ProductFacts{row.text(1), row.opt_text("parent_id").value_or(""), {}, false};
                      return ok();
                  }));
    KL_TRY(by_ids(tx, "SELECT product_id, channel FROM product_channels WHERE product_id", "", {}, ids,
                  [&](const store::Row& row) -> Result<void> {
                      out[row.text(0)].channels.insert(row.text(1));
                      return ok();
                  }));
    KL_TRY(by_ids(tx,
                  "SELECT DISTINCT product_id FROM certifications WHERE certified_from <= $1 AND valid_to >= $1 "
                  "AND (revoked_on IS NULL OR revoked_on > $1) AND product_id",
                  "", {format_date(today)}, ids, [&](const store::Row& row) -> Result<void> {
                      out[row.text(0)].certified = true;
                      return ok();
                  }));
    return out;
}

Result<std::map<std::string, BuyerOrgFacts>> buyer_facts(store::Tx& tx, const std::set<std::string>& orgs) {
    std::map<std::string, BuyerOrgFacts> out;
    KL_TRY(by_ids(tx, "SELECT id, channel FROM organisations WHERE id", "", {}, orgs, [&](const store::Row& row) -> Result<void> {
        const auto channel = row.opt_text("channel");
        if (channel) {
            if (auto parsed = parse_enum<catalog::BuyerChannel>(*channel)) {
                out[row.text(0)].sales_channel = std::string(to_string(catalog::sales_channel_of(*parsed)));
            }
        }
        return ok();
    }));
    KL_TRY(by_ids(tx, "SELECT org_id, product_id, category_id FROM market_demands WHERE status = 'open' AND org_id",
                  " ORDER BY org_id, id", {}, orgs, [&](const store::Row& row) -> Result<void> {
                      out[row.text(0)].demands.emplace_back(row.opt_text("product_id").value_or(""),
                                                            row.opt_text("category_id").value_or(""));
                      return ok();
                  }));
    KL_TRY(by_ids(tx,
                  "SELECT DISTINCT o.buyer_id, l.product_id, p.category_id FROM orders o JOIN order_lines l ON l.order_id = o.id "
                  "JOIN products p ON p.id = l.product_id WHERE o.status <> 'cancelled' AND o.buyer_id",
                  "", {}, orgs, [&](const store::Row& row) -> Result<void> {
                      out[row.text(0)].ordered.emplace(row.text(1), row.text(2));
                      return ok();
                  }));
    KL_TRY(by_ids(tx, "SELECT buyer_id, seller_id, COUNT(*) AS n FROM orders WHERE status <> 'cancelled' AND buyer_id",
                  " GROUP BY buyer_id, seller_id", {}, orgs, [&](const store::Row& row) -> Result<void> {
                      out[row.text(0)].orders_with[row.text(1)] = row.i64(2);
                      return ok();
                  }));
    return out;
}

PairFacts facts_of(const std::set<std::string>& products, const std::map<std::string, ProductFacts>& known,
                   const BuyerOrgFacts& buyer, const std::string& exhibitor_org) {
    PairFacts facts;
    std::set<std::string> categories;  // the products' categories and their parents
    for (const auto& id : products) {
        const auto found = known.find(id);
        if (found == known.end()) continue;
        categories.insert(found->second.category);
        if (!found->second.parent.empty()) categories.insert(found->second.parent);
        if (found->second.certified) ++facts.certified_products;
        if (buyer.sales_channel && found->second.channels.contains(*buyer.sales_channel)) facts.channel = buyer.sales_channel;
    }
    for (const auto& [product, category] : buyer.demands) {
        if (!product.empty() && products.contains(product)) {
            ++facts.demands_for_products;
        } else if (!category.empty() && categories.contains(category)) {
            if (facts.demands_for_categories++ == 0) facts.demand_category = category;
        }
    }
    std::set<std::string> ordered_categories;
    for (const auto& [product, category] : buyer.ordered) {
        if (products.contains(product)) {
            ++facts.ordered_products;
        } else if (categories.contains(category) && ordered_categories.insert(category).second) {
            if (facts.ordered_category.empty()) facts.ordered_category = category;
        }
    }
    facts.ordered_categories = static_cast<int64_t>(ordered_categories.size());
    const auto trading = buyer.orders_with.find(exhibitor_org);
    if (trading != buyer.orders_with.end()) facts.orders_between = trading->second;
    return facts;
}

}  // namespace

Result<std::map<PairKey, PairFacts>> recommend_facts(store::Tx& tx, const std::vector<Attendee>& attendees, Date today) {
    std::vector<Attendee> exhibitors, buyers;
    std::set<std::string> buyer_orgs;
    for (const auto& a : attendees) {
        if (a.withdrawn) continue;
        if (a.side == Side::exhibitor) {
            exhibitors.push_back(a);
        } else {
            buyers.push_back(a);
            buyer_orgs.insert(a.org_id);
        }
    }
    KL_TRY_ASSIGN(auto products, exhibitor_products(tx, exhibitors));
    std::set<std::string> all_products;
    for (const auto& [id, set] : products) all_products.insert(set.begin(), set.end());
    KL_TRY_ASSIGN(auto known, product_facts(tx, all_products, today));
    KL_TRY_ASSIGN(auto by_buyer_org, buyer_facts(tx, buyer_orgs));
    std::map<PairKey, PairFacts> out;
    const BuyerOrgFacts none;
    for (const auto& e : exhibitors) {
        for (const auto& b : buyers) {
            const auto found = by_buyer_org.find(b.org_id);
            out[{e.id, b.id}] = facts_of(products[e.id], known, found == by_buyer_org.end() ? none : found->second, e.org_id);
        }
    }
    return out;
}

}  // namespace kl::fair
