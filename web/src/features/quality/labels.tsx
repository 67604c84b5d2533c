import type { WriteOff } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { formatDate } from '../../components/format.ts';
import { t } from './i18n.ts';

export const NONCONFORMITY_KINDS = ['expired', 'inner_pack_broken', 'count_differs_from_label', 'markings_missing', 'visible_defect'] as const;
export type NonconformityKind = (typeof NONCONFORMITY_KINDS)[number];
export type WriteOffStatus = WriteOff['status'];

export const isKind = (kind: string): kind is NonconformityKind => (NONCONFORMITY_KINDS as readonly string[]).includes(kind);
export const kindText = (kind: string) => (isKind(kind) ? t(`nonconformity.${kind}`) : kind);

export function WriteOffStatusBadge({ status }: { status: string }) {
  return (
    <span class={`status-badge wo-status-${status}`} data-testid="wo-status" data-status={status}>
      {t(`woStatus.${status as WriteOffStatus}`)}
    </span>
  );
}

export const nameOf = (x: { productNameZh: string; productNameEn: string }) => (lang.value === 'en' ? x.productNameEn : x.productNameZh);

/** "2026-11-23": the depots' calendar date of an ISO instant. */
export const dateOf = (iso: string) => formatDate(iso);

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** Yuan in capital figures for the printed form (大写金额): 12345.60 → 壹万贰仟叁佰肆拾伍元陆角整. */
export function yuanInWords(fen: number): string {
  if (fen === 0) return '零元整';
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const cent = abs % 10;
  let text = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let n = yuan; n > 0; n = Math.floor(n / 10000)) groups.push(n % 10000);
    let zero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g]!;
      if (group === 0) {
        zero = text !== '';
        continue;
      }
      if (zero || (text !== '' && group < 1000)) text += '零';
      zero = false;
      let inner = '';
      let innerZero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(group / 10 ** i) % 10;
        if (d === 0) {
          innerZero = inner !== '';
          continue;
        }
        if (innerZero) inner += '零';
        innerZero = false;
        inner += DIGITS[d]! + UNITS[i]!;
      }
      text += inner + GROUPS[g]!;
    }
    text += '元';
  }
  if (jiao === 0 && cent === 0) return `${negative ? '负' : ''}${text}整`;
  if (jiao > 0) text += DIGITS[jiao]! + '角';
  else if (yuan > 0) text += '零';
  if (cent > 0) text += DIGITS[cent]! + '分';
  else text += '整';
  return `${negative ? '负' : ''}${text}`;
}
