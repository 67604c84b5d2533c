import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { climateZhCN } from '../../i18n/climate.zh-CN.ts';
import { climateEn } from '../../i18n/climate.en.ts';

/**
 * The climate screens' own messages come with their chunk, not with the main bundle; `t` here
 * checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': climateZhCN, en: climateEn });

export type ClimateMessageKey = keyof typeof climateZhCN;

export const t = (key: ClimateMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
