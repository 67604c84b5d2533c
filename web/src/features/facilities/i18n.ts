import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { facilitiesZhCN } from '../../i18n/facilities.zh-CN.ts';
import { facilitiesEn } from '../../i18n/facilities.en.ts';

/** The facilities screens bring their own messages with their chunk; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': facilitiesZhCN, en: facilitiesEn });

export type FacilitiesMessageKey = keyof typeof facilitiesZhCN;

export const t = (key: FacilitiesMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
