import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Product } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { productName, productSpec, productUnit } from '../../components/format.ts';
import { lang } from '../../i18n/index.ts';
import { setCypFactor } from './reports-api.ts';
import { t } from './i18n.ts';

/** The server's bounds of a factor: more than 0, at most 20 couple-years a unit. */
const MAX_FACTOR = 20;

const DECIMAL = /^(\d{1,6}(\.\d{0,12})?|\.\d{1,12})$/;

/** A factor as typed: a decimal (0.00833) or a fraction the way the factors are published (1/120). */
export function parseFactor(text: string): number | null {
  const [top, bottom, ...rest] = text.trim().replace(/／/g, '/').split('/').map((part) => part.trim());
  if (rest.length > 0 || !DECIMAL.test(top) || (bottom !== undefined && !DECIMAL.test(bottom))) return null;
  const value = Number(top) / (bottom === undefined ? 1 : Number(bottom));
  return Number.isFinite(value) && value > 0 && value <= MAX_FACTOR ? value : null;
}

/** 1/120 is stored as 0.008333…; six significant digits are plenty to read and to retype. */
const factorShown = (f: number | null) => (f === null ? '' : String(Number(f.toPrecision(6))));

const formatUnits = (n: number) => new Intl.NumberFormat(lang.value, { maximumFractionDigits: 2 }).format(n);

/**
 * The CYP conversion factors (折算系数) under the CYP report, for those who set them: one row a
 * product, each saved on its own. A saved factor applies to every depot's indicators at once, so
 * the sheet is read again (`onSaved`).
 */
export function CypFactors({ onSaved }: { onSaved: () => void }) {
  const [products, setProducts] = useState<Product[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    api.products().then((r) => setProducts(r.items), (e) => setProblem(toProblem(e)));
  };
  useEffect(load, []);
  return (
    <details class="cyp-factors no-print" data-testid="cyp-factors">
      <summary>
        <span class="strong">{t('report.cypFactors')}</span> <span class="muted">{t('report.cypFactorsHint')}</span>
      </summary>
      <ProblemMessage problem={problem} onRetry={load} />
      {products && (
        <div class="table-wrap">
          <table class="data cyp-factor-table">
            <thead>
              <tr>
                <th>{t('report.code')}</th>
                <th>{t('label.product')}</th>
                <th>{t('label.spec')}</th>
                <th class="num">{t('report.cypPerUnit')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <FactorRow
                  key={p.id}
                  product={p}
                  onSaved={(saved) => {
                    setProducts((list) => list && list.map((x) => (x.id === saved.id ? saved : x)));
                    onSaved();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function FactorRow({ product, onSaved }: { product: Product; onSaved: (saved: Product) => void }) {
  const shown = factorShown(product.cypPerUnit);
  const [text, setText] = useState(shown);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const value = parseFactor(text);
  const changed = text.trim() !== shown;
  const invalid = changed && value === null;

  const save = async () => {
    if (value === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const updated = await setCypFactor(product.id, value);
      setText(factorShown(updated.cypPerUnit));
      setSaved(true);
      onSaved(updated);
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="cyp-factor-row" data-code={product.code}>
      <td class="nowrap">{product.code}</td>
      <td>{productName(product)}</td>
      <td>{productSpec(product)}</td>
      <td class="num">
        <input
          class={invalid ? 'cyp-factor-input invalid' : 'cyp-factor-input'}
          inputMode="decimal"
          placeholder="1/120"
          data-testid="cyp-factor-input"
          aria-label={t('report.cypPerUnitOf', { product: productName(product) })}
          aria-invalid={invalid}
          aria-describedby={invalid ? `cyp-error-${product.code}` : undefined}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setSaved(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && changed && value !== null) void save();
          }}
        />
        {invalid ? (
          <p class="field-error" id={`cyp-error-${product.code}`}>
            {t('report.cypInvalid', { max: MAX_FACTOR })}
          </p>
        ) : (
          value !== null && (
            <span class="muted cyp-factor-per" data-testid="cyp-factor-per">
              {value < 1 ? t('report.unitsPerCyp', { units: formatUnits(1 / value), unit: productUnit(product) }) : t('report.cypPerOneUnit', { cyp: formatUnits(value), unit: productUnit(product) })}
            </span>
          )
        )}
      </td>
      <td class="nowrap">
        <button type="button" class="button small" data-testid="cyp-factor-save" disabled={busy || !changed || value === null} onClick={() => void save()}>
          {t('button.save')}
        </button>
        {saved && !changed && (
          <span class="muted cyp-factor-saved" data-testid="cyp-factor-saved">
            {' '}
            {t('report.cypSaved')}
          </span>
        )}
        <ProblemMessage problem={problem} testid="cyp-factor-problem" />
      </td>
    </tr>
  );
}
