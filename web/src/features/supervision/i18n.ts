import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { supervisionZhCN } from '../../i18n/supervision.zh-CN.ts';
import { supervisionEn } from '../../i18n/supervision.en.ts';

/** The supervision screens bring their own messages with their chunk; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': supervisionZhCN, en: supervisionEn });

export type SupervisionMessageKey = keyof typeof supervisionZhCN;

export const t = (key: SupervisionMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
