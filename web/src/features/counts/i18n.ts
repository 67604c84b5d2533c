import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { countsZhCN } from '../../i18n/counts.zh-CN.ts';
import { countsEn } from '../../i18n/counts.en.ts';

/**
 * The stock-count screens' own messages come with their chunk, not with the main bundle; `t`
 * here checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': countsZhCN, en: countsEn });

export type CountsMessageKey = keyof typeof countsZhCN;

export const t = (key: CountsMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
