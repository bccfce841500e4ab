// The brand standard editor of the product form, its six parts in order: grades (rows of criteria,
// each grade with its list price), packaging, storage, logistics, sales channels, and pricing
// (minimum order, quantity tiers as a grid of prices by grade). Grades, criteria and tiers are
// added and removed in place; a grade's rank is its position (moved with ↑/↓).
//
// Every input is named by its API path (product-form.js), and `errorAt(path)` gives the message the
// API (or the form's own number check) has for it.
import { html } from '../html.js';
import { useApp } from '../context.js';
import {
    addCriterion, addGrade, addTier, listPricePath, moveGrade, removeCriterion, removeGrade, removeTier, setTierPrice,
    tierPricePath, updateCriterion, updateGrade, updateTier,
} from '../catalog/product-form.js';
import { metricUnit, METRICS } from '../catalog/measures.js';
import { COLD_CHAINS, PACKAGING_TYPES, SALES_CHANNELS } from '../catalog/model.js';
import { PathCheckboxes, PathInput, PathSelect, SectionError } from './controls.js';

function Part({ id, number, title, errorPath, errorAt, children }) {
    return html`
        <fieldset class="card standard-part-edit" data-testid=${id}>
            <legend><span class="part-number">${number}</span>${title}</legend>
            ${errorPath && html`<${SectionError} path=${errorPath} error=${errorAt(errorPath)} />`}
            ${children}
        </fieldset>`;
}

function CriterionRow({ standard, gradeIndex, index, criterion, onChange, errorAt }) {
    const { t } = useApp();
    const base = `standard/grades/${gradeIndex}/criteria/${index}`;
    const unit = metricUnit(criterion.metric);
    const set = (changes) => onChange(updateCriterion(standard, gradeIndex, index, changes));
    return html`
        <tr data-testid="criterion-row">
            <td>
                <${PathSelect} path=${`${base}/metric`} label=${t('standard.metric')} hideLabel value=${criterion.metric}
                    options=${METRICS.map((metric) => ({ value: metric, label: t(`catalog.metric.${metric}`) }))}
                    onChange=${(metric) => set({ metric })} error=${errorAt(`${base}/metric`)} />
                <${SectionError} path=${base} error=${errorAt(base)} />
            </td>
            <td><${PathInput} path=${`${base}/min`} label=${t('standard.min')} hideLabel value=${criterion.min} suffix=${unit}
                inputMode="decimal" onInput=${(min) => set({ min })} error=${errorAt(`${base}/min`)} /></td>
            <td><${PathInput} path=${`${base}/max`} label=${t('standard.max')} hideLabel value=${criterion.max} suffix=${unit}
                inputMode="decimal" onInput=${(max) => set({ max })} error=${errorAt(`${base}/max`)} /></td>
            <td class="row-actions">
                <button type="button" class="button small icon" aria-label=${t('standard.removeCriterion')} title=${t('standard.removeCriterion')}
                    data-testid="criterion-remove" onClick=${() => onChange(removeCriterion(standard, gradeIndex, index))}>×</button>
            </td>
        </tr>`;
}

function GradeCard({ standard, index, grade, onChange, errorAt }) {
    const { t } = useApp();
    const base = `standard/grades/${index}`;
    const set = (changes) => onChange(updateGrade(standard, index, changes));
    const last = standard.grades.length - 1;
    return html`
        <div class="grade-card" data-testid="grade-card" data-index=${index}>
            <div class="grade-card-head">
                <strong>${t('standard.gradeRank', { rank: index + 1 })}</strong>
                <span class="button-row">
                    <button type="button" class="button small icon" disabled=${index === 0} aria-label=${t('standard.moveUp')} title=${t('standard.moveUp')}
                        onClick=${() => onChange(moveGrade(standard, index, -1))}>↑</button>
                    <button type="button" class="button small icon" disabled=${index === last} aria-label=${t('standard.moveDown')} title=${t('standard.moveDown')}
                        onClick=${() => onChange(moveGrade(standard, index, 1))}>↓</button>
                    <button type="button" class="button small danger" disabled=${standard.grades.length === 1}
                        data-testid="grade-remove" onClick=${() => onChange(removeGrade(standard, index))}>${t('standard.removeGrade')}</button>
                </span>
            </div>
            <${SectionError} path=${base} error=${errorAt(base)} />
            <div class="form-grid">
                <${PathInput} path=${`${base}/code`} label=${t('standard.gradeCode')} value=${grade.code} placeholder="A"
                    onInput=${(code) => set({ code })} error=${errorAt(`${base}/code`)} />
                <${PathInput} path=${`${base}/name_zh`} label=${t('standard.gradeNameZh')} value=${grade.nameZh} placeholder="特级"
                    onInput=${(nameZh) => set({ nameZh })} error=${errorAt(`${base}/name_zh`)} />
                <${PathInput} path=${`${base}/name_en`} label=${t('standard.gradeNameEn')} value=${grade.nameEn} placeholder="Premium"
                    onInput=${(nameEn) => set({ nameEn })} error=${errorAt(`${base}/name_en`)} />
                <${PathInput} path=${listPricePath(index)} label=${t('standard.listPricePerUnit')} value=${grade.price} suffix=${t('form.yuan')}
                    inputMode="decimal" onInput=${(price) => set({ price })} error=${errorAt(listPricePath(index))} />
            </div>
            <${SectionError} path=${`${base}/rank`} error=${errorAt(`${base}/rank`)} />
            ${grade.criteria.length > 0 && html`
            <table class="table criteria-table">
                <caption class="visually-hidden">${t('standard.criteria')}</caption>
                <thead><tr><th>${t('standard.metric')}</th><th>${t('standard.min')}</th><th>${t('standard.max')}</th><th></th></tr></thead>
                <tbody>
                    ${grade.criteria.map((criterion, j) => html`
                        <${CriterionRow} key=${criterion.key} standard=${standard} gradeIndex=${index} index=${j}
                            criterion=${criterion} onChange=${onChange} errorAt=${errorAt} />`)}
                </tbody>
            </table>`}
            <${SectionError} path=${`${base}/criteria`} error=${errorAt(`${base}/criteria`)} />
            <button type="button" class="button small" data-testid="criterion-add" onClick=${() => onChange(addCriterion(standard, index))}>
                ${t('standard.addCriterion')}
            </button>
        </div>`;
}

function GradesPart({ standard, onChange, errorAt }) {
    const { t } = useApp();
    return html`
        <${Part} id="edit-grades" number="1" title=${t('standard.grades')} errorPath="standard/grades" errorAt=${errorAt}>
            <p class="muted small">${t('standard.gradesHelp')}</p>
            ${standard.grades.map((grade, i) => html`
                <${GradeCard} key=${grade.key} standard=${standard} index=${i} grade=${grade} onChange=${onChange} errorAt=${errorAt} />`)}
            <${SectionError} path="standard/pricing/list_prices" error=${errorAt('standard/pricing/list_prices')} />
            <button type="button" class="button" data-testid="grade-add" onClick=${() => onChange(addGrade(standard))}>${t('standard.addGrade')}</button>
        <//>`;
}

function PackagingPart({ standard, onChange, errorAt }) {
    const { t } = useApp();
    const set = (changes) => onChange({ ...standard, packaging: { ...standard.packaging, ...changes } });
    return html`
        <${Part} id="edit-packaging" number="2" title=${t('standard.packaging')} errorPath="standard/packaging" errorAt=${errorAt}>
            <div class="form-grid">
                <${PathSelect} path="standard/packaging/type" label=${t('standard.packagingType')} value=${standard.packaging.type}
                    options=${PACKAGING_TYPES.map((type) => ({ value: type, label: t(`packaging.${type}`) }))}
                    onChange=${(type) => set({ type })} error=${errorAt('standard/packaging/type')} />
                <${PathInput} path="standard/packaging/net_weight_g" label=${t('standard.netWeight')} value=${standard.packaging.netWeight}
                    suffix="kg" inputMode="decimal" onInput=${(netWeight) => set({ netWeight })} error=${errorAt('standard/packaging/net_weight_g')} />
                <${PathInput} path="standard/packaging/materials" label=${t('standard.materialsList')} value=${standard.packaging.materials}
                    className="span-2" onInput=${(materials) => set({ materials })} error=${errorAt('standard/packaging/materials')} />
            </div>
        <//>`;
}

function StoragePart({ standard, onChange, errorAt }) {
    const { t } = useApp();
    const set = (changes) => onChange({ ...standard, storage: { ...standard.storage, ...changes } });
    const input = (name, path, label, suffix, mode = 'decimal') => html`
        <${PathInput} path=${`standard/storage/${path}`} label=${label} value=${standard.storage[name]} suffix=${suffix}
            inputMode=${mode} onInput=${(value) => set({ [name]: value })} error=${errorAt(`standard/storage/${path}`)} />`;
    return html`
        <${Part} id="edit-storage" number="3" title=${t('standard.storage')} errorPath="standard/storage" errorAt=${errorAt}>
            <div class="form-grid">
                ${input('tempMin', 'temperature_min_c_x10', t('standard.temperatureMin'), '°C', 'text')}
                ${input('tempMax', 'temperature_max_c_x10', t('standard.temperatureMax'), '°C', 'text')}
                ${input('humidityMin', 'humidity_min_pct', t('standard.humidityMin'), '%', 'numeric')}
                ${input('humidityMax', 'humidity_max_pct', t('standard.humidityMax'), '%', 'numeric')}
                ${input('shelfLifeDays', 'shelf_life_days', t('standard.shelfLife'), t('standard.daysUnit'), 'numeric')}
            </div>
        <//>`;
}

function LogisticsAndChannels({ standard, onChange, errorAt }) {
    const { t } = useApp();
    return html`
        <${Part} id="edit-logistics" number="4" title=${t('standard.logistics')} errorPath="standard/logistics" errorAt=${errorAt}>
            <${PathSelect} path="standard/logistics/cold_chain" label=${t('standard.coldChain')} value=${standard.coldChain}
                options=${COLD_CHAINS.map((chain) => ({ value: chain, label: t(`coldChain.${chain}`) }))}
                onChange=${(coldChain) => onChange({ ...standard, coldChain })} error=${errorAt('standard/logistics/cold_chain')} />
        <//>
        <${Part} id="edit-channels" number="5" title=${t('standard.channels')} errorAt=${errorAt}>
            <${PathCheckboxes} path="standard/channels" label=${t('standard.channelsHelp')} value=${standard.channels}
                options=${SALES_CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
                onChange=${(channels) => onChange({ ...standard, channels })} error=${errorAt('standard/channels')} />
        <//>`;
}

function TierRow({ standard, index, tier, onChange, errorAt }) {
    const { t } = useApp();
    const base = `standard/pricing/tiers/${index}`;
    return html`
        <tr data-testid="tier-row">
            <td>
                <${PathInput} path=${`${base}/min_quantity`} label=${t('standard.tierMinQuantity')} hideLabel value=${tier.minQuantity}
                    inputMode="numeric" onInput=${(minQuantity) => onChange(updateTier(standard, index, { minQuantity }))}
                    error=${errorAt(`${base}/min_quantity`)} />
                <${SectionError} path=${base} error=${[errorAt(base), errorAt(`${base}/prices`)].filter(Boolean).join(' ')} />
            </td>
            ${standard.grades.map((grade, k) => html`
                <td key=${grade.key}>
                    <${PathInput} path=${tierPricePath(index, k)} label=${t('standard.tierPriceFor', { grade: grade.code || k + 1 })} hideLabel
                        value=${tier.prices[grade.key] ?? ''} suffix=${t('form.yuan')} inputMode="decimal"
                        onInput=${(text) => onChange(setTierPrice(standard, index, grade.key, text))} error=${errorAt(tierPricePath(index, k))} />
                </td>`)}
            <td class="row-actions">
                <button type="button" class="button small icon" aria-label=${t('standard.removeTier')} title=${t('standard.removeTier')}
                    data-testid="tier-remove" onClick=${() => onChange(removeTier(standard, index))}>×</button>
            </td>
        </tr>`;
}

function PricingPart({ standard, onChange, errorAt }) {
    const { t } = useApp();
    return html`
        <${Part} id="edit-pricing" number="6" title=${t('standard.pricing')} errorPath="standard/pricing" errorAt=${errorAt}>
            <p class="muted small">${t('standard.pricingHelp')}</p>
            <div class="form-grid">
                <${PathInput} path="standard/pricing/min_order_quantity" label=${t('standard.minOrderQuantity')} value=${standard.minOrder}
                    inputMode="numeric" onInput=${(minOrder) => onChange({ ...standard, minOrder })} error=${errorAt('standard/pricing/min_order_quantity')} />
            </div>
            ${standard.tiers.length > 0 && html`
                <div class="table-scroll">
                    <table class="table tier-table">
                        <caption class="visually-hidden">${t('standard.tiers')}</caption>
                        <thead>
                            <tr>
                                <th>${t('standard.tierMinQuantity')}</th>
                                ${standard.grades.map((grade, k) => html`<th key=${grade.key}>${t('standard.tierPriceFor', { grade: grade.code || k + 1 })}</th>`)}
                                <th></th>
                            </tr>
                        </thead>
                        <tbody>
                            ${standard.tiers.map((tier, i) => html`
                                <${TierRow} key=${tier.key} standard=${standard} index=${i} tier=${tier} onChange=${onChange} errorAt=${errorAt} />`)}
                        </tbody>
                    </table>
                </div>`}
            <${SectionError} path="standard/pricing/tiers" error=${errorAt('standard/pricing/tiers')} />
            <button type="button" class="button" data-testid="tier-add" onClick=${() => onChange(addTier(standard))}>${t('standard.addTier')}</button>
        <//>`;
}

export function StandardEditor({ standard, onChange, errorAt }) {
    return html`
        <div class="standard-editor" data-testid="standard-editor">
            <${SectionError} path="standard" error=${errorAt('standard')} />
            <${GradesPart} standard=${standard} onChange=${onChange} errorAt=${errorAt} />
            <${PackagingPart} standard=${standard} onChange=${onChange} errorAt=${errorAt} />
            <${StoragePart} standard=${standard} onChange=${onChange} errorAt=${errorAt} />
            <${LogisticsAndChannels} standard=${standard} onChange=${onChange} errorAt=${errorAt} />
            <${PricingPart} standard=${standard} onChange=${onChange} errorAt=${errorAt} />
        </div>`;
}
