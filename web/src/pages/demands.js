// Buyer demands: the list (org-scoped users see their own organisation's) and, for a buyer (or an
// admin naming the buyer), a form asking for a product or a whole category. A product demand's minimum
// grade is one of those the product's brand standard lists, its lowest until another is picked; a
// category's products have different standards, so a category demand names its minimum by rank (1 = best).
// The page is components/listing.js's; this module is what demands have of their own.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { gradeOptions, localName, lowestGrade } from '../catalog/model.js';
import { PlaceName, useReference } from '../catalog/reference.js';
import { formatMoney } from '../format.js';
import { demandBody } from '../market/model.js';
import { useChosenStandard } from '../components/market-form.js';
import { ListingPage, QUANTITY_COLUMN, QUANTITY_FIELD, today } from '../components/listing.js';

function useDemandFields({ form, set }) {
    const { t, lang } = useApp();
    const { districts, categories } = useReference(['districts', 'categories']);
    const [products, setProducts] = useState([]);
    useEffect(() => {
        api.get('products?status=active&limit=200').then((answer) => setProducts(answer.items ?? []), () => setProducts([]));
    }, []);
    const chosenProduct = products.find((candidate) => form.target === `product:${candidate.id}`);
    // A minimum grade is a floor, and a buyer who has not picked one expects every grade of the product
    // to be welcome: the lowest lets all offers through, where the best would quietly narrow the demand
    // to the premium offers alone (unlike the offer form, where a seller most often offers its best).
    const standard = useChosenStandard(chosenProduct, set('min_grade'), lowestGrade);
    const targets = [
        ...products.map((product) => ({ value: `product:${product.id}`, label: localName(product, lang) })),
        ...(categories ?? []).map((category) => ({ value: `category:${category.id}`, label: `${t('demands.category')}: ${localName(category, lang)}` })),
    ];
    return [
        { id: 'target', name: 'target', labelKey: 'demands.target', options: targets },
        // A product's grades are a pick; a category's minimum is a rank, typed.
        { id: 'grade', name: 'min_grade', labelKey: 'demands.minGrade', options: chosenProduct ? gradeOptions(standard, lang) : undefined },
        QUANTITY_FIELD,
        { id: 'price', name: 'max_price', labelKey: 'demands.maxPrice' },
        { id: 'by', name: 'deliver_by', labelKey: 'demands.deliverBy', type: 'date' },
        { id: 'district', name: 'district', labelKey: 'demands.district', options: (districts ?? []).map((district) => ({ value: district.code, label: localName(district, lang) })) },
        { id: 'shelf', name: 'min_shelf_life_days', labelKey: 'demands.minShelfLife' },
        { id: 'aided', name: 'min_aided', labelKey: 'demands.minAided' },
    ];
}

// What a demand asks for, by name in the reader's language: a product, or "Category: <name>".
function targetText(demand, { t, lang }) {
    const name = (lang === 'en' ? demand.target_name_en || demand.target_name_zh : demand.target_name_zh) || demand.product_id || demand.category_id;
    return `${demand.category_id ? `${t('demands.category')}: ` : ''}${name}`;
}

export const DEMANDS = {
    path: 'demands',
    one: 'demand',
    blank: () => ({ target: '', min_grade: '', quantity: '', max_price: '', deliver_by: today(), district: '', min_shelf_life_days: '', min_aided: '' }),
    body: demandBody,
    serverFields: { quantity_g: 'quantity', max_price_fen_per_kg: 'max_price', min_aided_g: 'min_aided',
        product_id: 'target', category_id: 'target', min_grade_rank: 'min_grade' },
    useFields: useDemandFields,
    columns: [
        { id: 'target', labelKey: 'demands.target', sortValue: (demand, context) => targetText(demand, context), cell: (demand, context) => targetText(demand, context) },
        { id: 'grade', labelKey: 'demands.minGrade', sortValue: (demand) => demand.min_grade_rank, cell: (demand) => demand.min_grade ?? demand.min_grade_rank },
        QUANTITY_COLUMN,
        { id: 'price', labelKey: 'demands.maxPrice', num: true, sortValue: (demand) => BigInt(demand.max_price_fen_per_kg), cell: (demand) => formatMoney(demand.max_price_fen_per_kg) },
        { id: 'deliverBy', labelKey: 'demands.deliverBy', sortValue: (demand) => demand.deliver_by, cell: (demand) => demand.deliver_by },
        { id: 'district', labelKey: 'demands.district', sortValue: (demand) => demand.district, cell: (demand) => html`<${PlaceName} list="districts" code=${demand.district} />` },
    ],
};

export function DemandsPage({ location }) {
    return html`<${ListingPage} kind=${DEMANDS} location=${location} />`;
}
