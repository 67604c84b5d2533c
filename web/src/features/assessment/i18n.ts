import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { assessmentZhCN } from '../../i18n/assessment.zh-CN.ts';
import { assessmentEn } from '../../i18n/assessment.en.ts';

/** The assessment screens bring their own messages with their chunk; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': assessmentZhCN, en: assessmentEn });

export type AssessmentMessageKey = keyof typeof assessmentZhCN;

export const t = (key: AssessmentMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
