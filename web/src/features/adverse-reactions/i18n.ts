import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { adverseZhCN } from '../../i18n/adverse-reactions.zh-CN.ts';
import { adverseEn } from '../../i18n/adverse-reactions.en.ts';

/**
 * The adverse-reaction screens' own messages come with their chunk, not with the main bundle; `t`
 * here checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': adverseZhCN, en: adverseEn });

export type AdverseMessageKey = keyof typeof adverseZhCN;

export const t = (key: AdverseMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
