import { en } from './en';
import { defineNamespace } from './namespace';
import { zhCN } from './zh-CN';

/** The shell's texts (header, map, shared panels): read with useT(commonText). */
export const commonText = defineNamespace('common', zhCN, en);
export type CommonKey = keyof typeof zhCN;
