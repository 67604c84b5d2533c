import { effect, signal } from '@preact/signals';
import type { ErrorCode } from '../../../server/domain/errors.ts';
import type { DepotTier, DosageForm, MovementKind, Role, StockLocation } from '../../../server/schemas/constants.ts';
import type { TransferBasis, TransferStatus } from '../../../server/domain/transfers.ts';
import type { ClientErrorCode, TransferOrder } from '../api.ts';
import type { SheetLayoutName } from '../../../labels/layouts.ts';
import type { EXCURSION_KIND_NAMES } from '../../../server/schemas/climate.ts';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** Every enumeration the server sends must have a label in each language; tsc checks it. */
export type RequiredMessages = Record<
  | `error.${ErrorCode | ClientErrorCode}`
  | `tier.${DepotTier}`
  | `role.${Role}`
  | `zone.${StockLocation}`
  | `kind.${MovementKind}`
  | `dosageForm.${DosageForm}`
  | `transferStatus.${TransferStatus}`
  | `basis.${TransferBasis}`
  | `discrepancy.${TransferOrder['discrepancies'][number]['kind']}`
  | `layout.${SheetLayoutName}`
  | `excursionKind.${(typeof EXCURSION_KIND_NAMES)[number]}`,
  string
>;
export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'lang';

const isLang = (value: unknown): value is Lang => value === 'zh-CN' || value === 'en';

function storedLang(): Lang | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null;
  }
}

export const lang = signal<Lang>(storedLang() ?? 'zh-CN');

/** The language switch persists the choice; a user's own locale applies only when none was chosen. */
export function setLang(next: Lang, persist = true) {
  lang.value = next;
  if (!persist) return;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function adoptUserLocale(locale: string) {
  if (storedLang() === null && isLang(locale)) setLang(locale, false);
}

/**
 * Messages of screens loaded on demand: their chunk brings them (see features/climate/i18n.ts),
 * so that the main bundle does not carry them. Each such dictionary has its own key type.
 */
const lazyDictionaries: Record<Lang, Record<string, string>> = { 'zh-CN': {}, en: {} };

export function addMessages(messages: Record<Lang, Record<string, string>>) {
  for (const l of LANGS) Object.assign(lazyDictionaries[l], messages[l]);
}

const own = (dictionary: object, key: string) => Object.prototype.hasOwnProperty.call(dictionary, key);

export function has(key: string): boolean {
  return own(dictionaries[lang.value], key) || own(lazyDictionaries[lang.value], key);
}

/** Translates a key; `{name}` placeholders take `params`. An unknown key is shown as itself. */
export function t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string {
  const message = own(dictionaries[lang.value], key) ? dictionaries[lang.value][key as MessageKey] : (lazyDictionaries[lang.value][key] ?? key);
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

effect(() => {
  document.documentElement.lang = lang.value;
  document.title = t('app.name');
});
