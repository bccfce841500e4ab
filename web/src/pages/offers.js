// Supply offers: the list (the API keeps org-scoped users to their own organisation's) and, for a
// producer (or an admin naming the producer), a form to offer a grade of a product: the grade is one
// of those the chosen product's brand standard lists, the best one until another is picked. The page
// is components/listing.js's; this module is what offers have of their own.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { bestGrade, gradeOptions, localName } from '../catalog/model.js';
import { formatMoney } from '../format.js';
import { offerBody } from '../market/model.js';
import { useChosenStandard } from '../components/market-form.js';
import { ListingPage, QUANTITY_COLUMN, QUANTITY_FIELD, today } from '../components/listing.js';

export function useOriginNodes(kind) {
    const [nodes, setNodes] = useState([]);
    useEffect(() => {
        api.get('market/nodes').then((answer) => setNodes((answer.items ?? []).filter((node) => node.kind === kind)), () => setNodes([]));
    }, [kind]);
    return nodes;
}

function useOfferFields({ form, set }) {
    const { lang } = useApp();
    const [products, setProducts] = useState([]);
    const origins = useOriginNodes('origin');
    useEffect(() => {
        if (!form.org_id) return;
        api.get(`products?producer=${encodeURIComponent(form.org_id)}&status=active&limit=200`)
            .then((answer) => setProducts(answer.items ?? []), () => setProducts([]));
    }, [form.org_id]);
    // A seller offers what it has, most often its best; the best grade saves a pick in the common case.
    const standard = useChosenStandard(products.find((product) => product.id === form.product_id), set('grade'), bestGrade);
    return [
        { id: 'product', name: 'product_id', labelKey: 'market.product', options: products.map((product) => ({ value: product.id, label: localName(product, lang) })) },
        { id: 'grade', name: 'grade', labelKey: 'market.grade', options: gradeOptions(standard, lang) },
        QUANTITY_FIELD,
        { id: 'price', name: 'price', labelKey: 'offers.price' },
        { id: 'from', name: 'available_from', labelKey: 'offers.availableFrom', type: 'date' },
        { id: 'to', name: 'available_to', labelKey: 'offers.availableTo', type: 'date' },
        { id: 'packed', name: 'packed_on', labelKey: 'offers.packedOn', type: 'date' },
        { id: 'origin', name: 'origin_node_id', labelKey: 'offers.origin', options: origins.map((node) => ({ value: node.id, label: localName(node, lang) })) },
    ];
}

// The offered product's name in the reader's language (the Chinese one when it has no English name).
function productName(offer, lang) {
    return lang === 'en' ? offer.product_name_en || offer.product_name_zh : offer.product_name_zh;
}

export const OFFERS = {
    path: 'offers',
    one: 'offer',
    blank: () => ({ product_id: '', grade: '', quantity: '', price: '', available_from: today(), available_to: today(), packed_on: today(), origin_node_id: '' }),
    body: offerBody,
    serverFields: { quantity_g: 'quantity', price_fen_per_kg: 'price' },
    useFields: useOfferFields,
    columns: [
        { id: 'product', labelKey: 'market.product', sortValue: (offer, { lang }) => productName(offer, lang), cell: (offer, { lang }) => productName(offer, lang) },
        { id: 'grade', labelKey: 'market.grade', sortValue: (offer) => offer.grade_rank, cell: (offer) => offer.grade },
        QUANTITY_COLUMN,
        { id: 'price', labelKey: 'offers.price', num: true, sortValue: (offer) => BigInt(offer.price_fen_per_kg), cell: (offer) => formatMoney(offer.price_fen_per_kg) },
        { id: 'window', labelKey: 'offers.window', sortValue: (offer) => offer.available_from, cell: (offer) => `${offer.available_from} – ${offer.available_to}` },
        { id: 'bestBefore', labelKey: 'offers.bestBefore', sortValue: (offer) => offer.best_before, cell: (offer) => offer.best_before },
    ],
};

export function OffersPage({ location }) {
    return html`<${ListingPage} kind=${OFFERS} location=${location} />`;
}
