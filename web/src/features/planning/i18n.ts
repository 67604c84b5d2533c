import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { planningZhCN } from '../../i18n/planning.zh-CN.ts';
import { planningEn } from '../../i18n/planning.en.ts';

/**
 * The planning screens' own messages come with their chunk, not with the main bundle; `t` here
 * checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': planningZhCN, en: planningEn });

export type PlanningMessageKey = keyof typeof planningZhCN;

export const t = (key: PlanningMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
