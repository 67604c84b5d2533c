import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { dashboardZhCN } from '../../i18n/dashboard.zh-CN.ts';
import { dashboardEn } from '../../i18n/dashboard.en.ts';

/** The dashboard's own messages come with its chunk, not with the main bundle; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': dashboardZhCN, en: dashboardEn });

export type DashboardMessageKey = keyof typeof dashboardZhCN;

export const t = (key: DashboardMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
