// What an event prints (issue 15 item 5) on the console: a participant's agenda as PDF (in the
// console's language) and .ics and its badge; for organisers every badge at once and the published
// schedule's table plan per slot (slot × table → exhibitor and buyer, by name) with its CSV, Excel and
// PDF; and the check-in desk: a field a barcode scanner types a badge's token into (and Enter), the
// answer in words. Plain links: the session cookie authenticates a GET and the browser saves the file.
import { useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { Alert } from '../components/alert.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { useRecord } from '../pages/organisation.js';
import { describeError, localize } from '../errors.js';
import { badgesPdf, badgeToken, checkInText, participantDownloads, tablePlanPath } from './at-event-model.js';
import { organiserMay, slotLabel } from './model.js';
import { participantName } from './shared.js';

/** A participant's agenda (PDF, .ics) and badge downloads. */
export function ParticipantDownloads({ event, participant, testId = 'fair-downloads' }) {
    const { t, lang } = useApp();
    const links = participantDownloads(event.id, participant.id, lang);
    return html`
        <p class="button-row fair-downloads" data-testid=${testId}>
            <span class="muted small">${t('fairs.download.label', { name: participantName(participant, lang) })}</span>
            <a class="button small" href=${links.agendaPdf} download data-testid="fair-download-agenda-pdf">${t('fairs.download.agendaPdf')}</a>
            <a class="button small" href=${links.agendaIcs} download data-testid="fair-download-agenda-ics">${t('fairs.download.agendaIcs')}</a>
            <a class="button small" href=${links.badgePdf} download data-testid="fair-download-badge">${t('fairs.download.badge')}</a>
        </p>`;
}

// The published table plan one slot at a time (the meetings grid shows every slot at once): each
// table of the chosen slot with its exhibitor (and booth) and buyer representative, by name.
function TablePlan({ event }) {
    const { t, lang } = useApp();
    const plan = useRecord(tablePlanPath(event.id, 'json', lang));
    const [chosen, setChosen] = useState('');
    if (plan.phase === 'error') return html`<${LoadError} error=${plan.error} onRetry=${plan.reload} />`;
    if (!plan.value) return html`<${Loading} />`;
    const slots = plan.value.slots.filter((slot) => slot.seats.length > 0);
    const meetings = slots.reduce((sum, slot) => sum + slot.seats.length, 0);
    const shown = slots.find((slot) => slot.slot.id === chosen) ?? slots[0];
    const buyerName = (buyer) => (buyer.person ? `${buyer.org_name} · ${buyer.person}` : buyer.org_name);
    return html`
        <section class="card" data-testid="fair-table-plan">
            <div class="card-head">
                <h2>${t('fairs.tablePlan.title', { count: meetings })}</h2>
                <span class="export-links">
                    <a class="button small" href=${tablePlanPath(event.id, 'csv', lang)} download data-testid="fair-table-plan-csv">CSV</a>
                    <a class="button small" href=${tablePlanPath(event.id, 'xlsx', lang)} download data-testid="fair-table-plan-xlsx">Excel</a>
                    <a class="button small" href=${tablePlanPath(event.id, 'pdf', lang)} download data-testid="fair-table-plan-pdf">PDF</a>
                </span>
            </div>
            <p class="muted small">${t('fairs.beijingTime')}</p>
            ${shown && html`
                <${SelectField} id="fair-table-plan-slot" label=${t('fairs.slot')} value=${shown.slot.id} onChange=${setChosen}
                    options=${slots.map((slot) => ({ value: slot.slot.id, label: t('fairs.tablePlan.slotOption', { slot: slotLabel(slot.slot), count: slot.seats.length }) }))} />
                <div class="table-scroll">
                    <table class="table" data-testid="fair-table-plan-slot-table">
                        <caption class="visually-hidden">${t('fairs.tablePlan.caption', { slot: slotLabel(shown.slot) })}</caption>
                        <thead><tr><th scope="col">${t('fairs.table')}</th><th scope="col">${t('fairSide.exhibitor')}</th><th scope="col">${t('fairSide.buyer')}</th></tr></thead>
                        <tbody>${shown.seats.map((seat) => html`
                            <tr key=${seat.table_number} data-testid="fair-table-plan-seat">
                                <th scope="row">${t('fairs.tableNumber', { number: seat.table_number })}</th>
                                <td>${seat.exhibitor.org_name}${seat.exhibitor.booth ? ` · ${t('fairs.booth', { booth: seat.exhibitor.booth })}` : ''}</td>
                                <td>${buyerName(seat.buyer)}</td>
                            </tr>`)}
                        </tbody>
                    </table>
                </div>`}
        </section>`;
}

/**
 * The agendas tab: every badge (organisers: the badges route answers them only), and the published
 * schedule's table plan (organisers and the programme's readers).
 */
export function AgendaTab({ event, organises }) {
    const { t, lang } = useApp();
    return html`
        ${organises && html`
            <section class="card" data-testid="fair-agenda-downloads">
                <h2>${t('fairs.tab.agenda')}</h2>
                <p class="muted">${t('fairs.download.intro')}</p>
                <p class="button-row">
                    <a class="button" href=${badgesPdf(event.id, lang)} download data-testid="fair-download-badges">${t('fairs.download.badges')}</a>
                </p>
            </section>`}
        ${event.published_schedule_id
            ? html`<${TablePlan} event=${event} />`
            : html`<p class="empty card" data-testid="fair-table-plan-none">${t('fairs.gridNone')}</p>`}`;
}

/**
 * The check-in desk: a scanner types the badge's token and Enter. The answer says who was checked in
 * (or was already, at what time), or that the badge is unknown; the field empties for the next badge.
 */
export function CheckInDesk({ event, onCheckedIn }) {
    const { t, lang } = useApp();
    const [token, setToken] = useState('');
    const [answer, setAnswer] = useState(null);
    const [busy, setBusy] = useState(false);
    const input = useRef(null);
    if (!organiserMay('checkIn', event.state)) return null;
    const scan = async (submitted) => {
        submitted.preventDefault();
        const text = badgeToken(token);
        if (!text) {
            setAnswer({ kind: 'error', text: t('fairs.scan.empty') });
            return;
        }
        setBusy(true);
        try {
            const result = await api.post(`fairs/${encodeURIComponent(event.id)}/check-in`, { token: text });
            setAnswer({ kind: result.already_checked_in ? 'info' : 'success', text: checkInText(t, result, (p) => participantName(p, lang)) });
            setToken('');
            onCheckedIn();
        } catch (error) {
            let text;
            if (error.status === 404) text = t('fairs.scan.unknown');
            else if (error.fieldErrors?.token) text = t('fairs.scan.notAToken');
            else text = localize(t, describeError(error));
            setAnswer({ kind: 'error', text });
        } finally {
            setBusy(false);
            input.current?.focus();
        }
    };
    return html`
        <form class="card form" data-testid="fair-scan-form" onSubmit=${scan} noValidate>
            <h2>${t('fairs.scan.title')}</h2>
            <p class="muted small">${t('fairs.scan.intro')}</p>
            <div class="form-grid">
                <${TextField} id="fair-scan-token" label=${t('fairs.scan.token')} value=${token} onInput=${setToken} inputRef=${input} autocomplete="off" />
            </div>
            <button type="submit" class="button primary" disabled=${busy} data-testid="fair-scan-submit">${t('fairs.scan.submit')}</button>
            ${answer && html`<${Alert} kind=${answer.kind} testId="fair-scan-answer">${answer.text}<//>`}
        </form>`;
}
