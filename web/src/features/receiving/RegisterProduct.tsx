import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { DOSAGE_FORMS, PRODUCT_CLASSES } from '../../../../server/schemas/constants.ts';

const FIELDS = ['code', 'nameZh', 'nameEn', 'specZh', 'specEn', 'unitZh', 'unitEn'] as const;

/**
 * Registers the product behind an unknown scanned GTIN (planner or admin of the region), then scans
 * again. A panel: the focus comes into it when it opens and goes back to the scan field when it closes.
 */
export function RegisterProduct({ gtin, onRegistered, onCancel }: { gtin: string; onRegistered: () => void; onCancel: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({ dosageForm: 'oral_tablet', productClass: 'oral', price: '0' });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const panel = usePanelFocus<HTMLFormElement>();
  const set = (k: string) => (e: Event) => setValues({ ...values, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form
      ref={panel}
      class="inline-form register-product"
      data-testid="register-product"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api.registerProduct({
            code: values.code ?? '',
            nameZh: values.nameZh ?? '',
            nameEn: values.nameEn ?? '',
            specZh: values.specZh ?? '',
            specEn: values.specEn ?? '',
            unitZh: values.unitZh ?? '',
            unitEn: values.unitEn ?? '',
            dosageForm: values.dosageForm as (typeof DOSAGE_FORMS)[number],
            productClass: values.productClass as (typeof PRODUCT_CLASSES)[number],
            gtin,
            unitPriceFen: Math.round(Number(values.price) * 100),
          });
          onRegistered();
        } catch (err) {
          setProblem(toProblem(err));
        }
      }}
    >
      <strong>
        {t('label.registerProduct')} · {t('label.gtin')} {gtin}
      </strong>
      {FIELDS.map((k) => (
        <label key={k}>
          {t(`label.${k === 'code' ? 'productCode' : k}`)}
          <input data-testid={`register-${k}`} required value={values[k] ?? ''} onInput={set(k)} />
        </label>
      ))}
      <label>
        {t('label.dosageForm')}
        <select data-testid="register-dosageForm" value={values.dosageForm} onChange={set('dosageForm')}>
          {DOSAGE_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`dosageForm.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('label.productClass')}
        <select data-testid="register-productClass" value={values.productClass} onChange={set('productClass')}>
          {PRODUCT_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(`productClass.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('label.unitPrice')}
        <input type="number" min="0" step="0.01" data-testid="register-price" value={values.price} onInput={set('price')} />
      </label>
      <ProblemMessage problem={problem} />
      <button class="button primary" data-testid="register-submit">
        {t('button.register')}
      </button>
      <button type="button" class="button" data-testid="register-cancel" onClick={onCancel}>
        {t('button.cancel')}
      </button>
    </form>
  );
}
