import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { peopleZhCN } from '../../i18n/people.zh-CN.ts';
import { peopleEn } from '../../i18n/people.en.ts';

/**
 * The users register's screens bring their own messages with their chunk, not with the main
 * bundle; `t` here checks the keys of both dictionaries.
 */
addMessages({ 'zh-CN': peopleZhCN, en: peopleEn });

export type PeopleMessageKey = keyof typeof peopleZhCN;

export const t = (key: PeopleMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
