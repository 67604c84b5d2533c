import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { qualityZhCN } from '../../i18n/quality.zh-CN.ts';
import { qualityEn } from '../../i18n/quality.en.ts';

/**
 * The non-conforming screens' own messages come with their chunk, not with the main bundle; `t`
 * here checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': qualityZhCN, en: qualityEn });

export type QualityMessageKey = keyof typeof qualityZhCN;

export const t = (key: QualityMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
