// "Place an order" on a product's page, for a buyer: grade, whole units of sale, the price the brand
// standard gives for that grade and quantity (editable: the price is agreed between the parties),
// a channel among those the standard lists (the buyer's own first), delivery district and date.
// The server checks everything again (and refuses a channel the standard does not list); its field
// problems are shown next to the inputs. One Idempotency-Key per distinct body, so a resent click
// is the same order.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { navigate } from '../router.js';
import { bestGrade, gradeOptions, localName } from '../catalog/model.js';
import { useReference } from '../catalog/reference.js';
import { fenToYuanText, orderBody, orderChannels, standardUnitPrice } from '../orders/model.js';
import { addDays, todayInShanghai } from '../format.js';
import { Alert } from './alert.js';
import { TextField } from './field.js';
import { SelectField, useMarketForm } from './market-form.js';

// The server names the line's fields; the form has one line.
const SERVER_FIELDS = { 'lines/0/quantity': 'quantity', 'lines/0/unit_price_fen': 'price', 'lines/0/grade': 'grade',
    'lines/0/product_id': 'channel', lines: 'quantity' };

export function OrderForm({ product, standard, user }) {
    const { t, lang } = useApp();
    const { districts } = useReference(['districts']);
    const [buyer, setBuyer] = useState(null);
    const firstGrade = bestGrade(standard);
    const firstQuantity = Math.max(1, standard.pricing?.min_order_quantity ?? 1);
    const state = useMarketForm({
        channel: '', grade: firstGrade, quantity: String(firstQuantity),
        price: fenToYuanText(standardUnitPrice(standard, firstGrade, firstQuantity) ?? 0),
        delivery_district: '', delivery_date: addDays(todayInShanghai(), 3), note: '',
    });
    const [keyFor] = useState(() => idempotencyKeys());
    const [notice, setNotice] = useState('');
    const [busy, setBusy] = useState(false);
    const { form, set, errors } = state;

    // The buyer's own profile gives the default channel and delivery district.
    useEffect(() => {
        if (!user.orgId) return undefined;
        let live = true;
        api.get(`organisations/${encodeURIComponent(user.orgId)}`).then((organisation) => {
            if (!live) return;
            setBuyer(organisation);
            const channels = orderChannels(standard.channels, organisation.channel);
            if (channels.length) set('channel')(channels[0]);
            if (organisation.district) set('delivery_district')(organisation.district);
        }, () => {});
        return () => { live = false; };
    }, [user.orgId, product.id]);

    const channels = orderChannels(standard.channels, buyer?.channel);
    // Changing the grade or the quantity re-prices the line from the standard (tiers included).
    const reprice = (name) => (value) => {
        const next = { ...form, [name]: value };
        set(name)(value);
        const price = standardUnitPrice(standard, next.grade, Number(next.quantity));
        if (price !== null && /^\d+$/.test(String(next.quantity).trim())) set('price')(fenToYuanText(price));
    };

    const submit = async (event) => {
        event.preventDefault();
        setNotice('');
        const built = orderBody(form, { buyerId: user.orgId, sellerId: product.producer_id, productId: product.id });
        if (!built.ok) return state.showErrors(built.errors);
        setBusy(true);
        try {
            const order = await api.post('orders', built.body, { headers: { 'Idempotency-Key': keyFor(built.body) } });
            navigate(`/orders/${encodeURIComponent(order.id)}`);
        } catch (error) {
            state.serverErrors(error, SERVER_FIELDS);
            if (!error.hasFieldErrors) setNotice(error.message);
        } finally {
            setBusy(false);
        }
    };

    if (!channels.length && buyer) return null;
    return html`
        <form class="card form" data-testid="order-form" onSubmit=${submit}>
            <h2>${t('orderForm.title')}</h2>
            <p class="muted small">${t('orderForm.intro')}</p>
            <div class="form-grid">
            <${SelectField} id="order-channel" label=${t('orders.channel')} value=${form.channel} onChange=${set('channel')} error=${errors.channel}
                options=${channels.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))} />
            <${SelectField} id="order-grade" label=${t('order.grade')} value=${form.grade} onChange=${reprice('grade')} error=${errors.grade}
                options=${gradeOptions(standard, lang)} />
            <${TextField} id="order-quantity" label=${t('orderForm.quantity')} value=${form.quantity} onInput=${reprice('quantity')} error=${errors.quantity} />
            <${TextField} id="order-price" label=${t('orderForm.price')} value=${form.price} onInput=${set('price')} error=${errors.price} />
            <${SelectField} id="order-district" label=${t('orderForm.district')} value=${form.delivery_district} onChange=${set('delivery_district')}
                error=${errors.delivery_district} options=${districts.map((district) => ({ value: district.code, label: localName(district, lang) }))} />
            <${TextField} id="order-date" type="date" label=${t('orderForm.deliveryDate')} value=${form.delivery_date} onInput=${set('delivery_date')} error=${errors.delivery_date} />
            <${TextField} id="order-note" label=${t('orderForm.note')} value=${form.note} onInput=${set('note')} error=${errors.note} />
            </div>
            ${notice && html`<${Alert} testId="order-notice">${notice}<//>`}
            <button type="submit" class="button primary" data-testid="order-submit" disabled=${busy}>${t('orderForm.submit')}</button>
        </form>`;
}
