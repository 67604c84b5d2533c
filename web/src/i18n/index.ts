import { effect, signal } from '@preact/signals';
import type { ErrorCode } from '../../../server/domain/errors.ts';
import type { DepotTier, DosageForm, MovementKind, Role, StockLocation } from '../../../server/schemas/constants.ts';
import type { TransferBasis, TransferStatus } from '../../../server/domain/transfers.ts';
import type { ClientErrorCode, TransferOrder } from '../api.ts';
import type { SheetLayoutName } from '../../../labels/layouts.ts';
import type { EXCURSION_KIND_NAMES } from '../../../server/schemas/climate.ts';
import { zhCN } from './zh-CN.ts';

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

/**
 * zh-CN is the default and comes with the main bundle; English is a chunk of its own (about 12 KB
 * gzipped), fetched when it is chosen, so that the login screen loads less for most users.
 */
const dictionaries: { [L in Lang]?: Messages } = { 'zh-CN': zhCN };
const loading: { [L in Lang]?: Promise<Messages> } = {};
const STORAGE_KEY = 'lang';

function loadDictionary(l: Lang): Promise<Messages> {
  const loaded = dictionaries[l];
  if (loaded) return Promise.resolve(loaded);
  // Only English is ever missing.
  return (loading[l] ??= import('./en.ts').then(
    (m) => (dictionaries[l] = m.en),
    (error: unknown) => {
      // A later choice tries again.
      delete loading[l];
      throw error;
    },
  ));
}

const isLang = (value: unknown): value is Lang => value === 'zh-CN' || value === 'en';

function storedLang(): Lang | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null;
  }
}

/** Only ever a language whose dictionary is loaded: screens switch once their words are there. */
export const lang = signal<Lang>('zh-CN');
/** The language last asked for: a slow dictionary must not override a later choice. */
let wanted: Lang = lang.value;

function show(next: Lang): Promise<void> {
  wanted = next;
  return loadDictionary(next).then(() => {
    if (wanted === next) lang.value = next;
  });
}

/**
 * Resolves once the stored language can be shown; main.tsx renders after it, so that a user who
 * chose English sees no Chinese first. Should the dictionary not load, the app starts in zh-CN.
 */
export const languageReady: Promise<void> = show(storedLang() ?? 'zh-CN').catch(() => undefined);

/** The language switch persists the choice; a user's own locale applies only when none was chosen. */
export function setLang(next: Lang, persist = true): Promise<void> {
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  // Offline, the English chunk may fail to come: the screen stays in the language it was in.
  return show(next).catch(() => undefined);
}

export function adoptUserLocale(locale: string) {
  if (storedLang() === null && isLang(locale)) void setLang(locale, false);
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
const current = (): Messages => dictionaries[lang.value] ?? zhCN;

export function has(key: string): boolean {
  return own(current(), key) || own(lazyDictionaries[lang.value], key);
}

/** Translates a key; `{name}` placeholders take `params`. An unknown key is shown as itself. */
export function t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string {
  const messages = current();
  const message = own(messages, key) ? messages[key as MessageKey] : (lazyDictionaries[lang.value][key] ?? key);
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

effect(() => {
  document.documentElement.lang = lang.value;
  document.title = t('app.name');
});
