import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { archiveZhCN } from '../../i18n/archive.zh-CN.ts';
import { archiveEn } from '../../i18n/archive.en.ts';

/** The archive screens bring their own messages with their chunk; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': archiveZhCN, en: archiveEn });

export type ArchiveMessageKey = keyof typeof archiveZhCN;

export const t = (key: ArchiveMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
