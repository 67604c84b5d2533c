import { addMessages, t as translate, type MessageKey } from '../../i18n/index.ts';
import { trainingZhCN } from '../../i18n/training.zh-CN.ts';
import { trainingEn } from '../../i18n/training.en.ts';

/** Training brings its own messages with its chunk; `t` here checks the keys of both dictionaries. */
addMessages({ 'zh-CN': trainingZhCN, en: trainingEn });

export type TrainingMessageKey = keyof typeof trainingZhCN;

export const t = (key: TrainingMessageKey | MessageKey, params?: Record<string, string | number>) => translate(key, params);
