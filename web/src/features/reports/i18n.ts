import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { reportsZhCN } from '../../i18n/reports.zh-CN.ts';
import { reportsEn } from '../../i18n/reports.en.ts';

/**
 * The reports screen's own messages come with its chunk, not with the main bundle; `t` here
 * checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': reportsZhCN, en: reportsEn });

export type ReportsMessageKey = keyof typeof reportsZhCN;

export const t = (key: ReportsMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
