import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { serviceDeskZhCN } from '../../i18n/service-desk.zh-CN.ts';
import { serviceDeskEn } from '../../i18n/service-desk.en.ts';

/** The service desk brings its own messages with its chunk; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': serviceDeskZhCN, en: serviceDeskEn });

export type ServiceDeskMessageKey = keyof typeof serviceDeskZhCN;

export const t = (key: ServiceDeskMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
