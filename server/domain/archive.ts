import type { Text } from './report-sheet.ts';

/**
 * The business archive (业务档案, S0:335-337): what is kept, bound by category (分类装订), for
 * the retention period of each category. The categories are the regulation's own list (S0:336:
 * 「业务文件、宣传培训资料、药具账目、计划、报表、票据等」).
 */
export const ARCHIVE_CATEGORIES = ['vouchers', 'accounts', 'plans', 'reports', 'business', 'training'] as const;
export type ArchiveCategory = (typeof ARCHIVE_CATEGORIES)[number];

export const CATEGORY_TITLES: Record<ArchiveCategory, Text> = {
  vouchers: { zh: '票据', en: 'Vouchers' },
  accounts: { zh: '药具账目', en: 'Supply accounts' },
  plans: { zh: '计划', en: 'Plans' },
  reports: { zh: '报表', en: 'Reports' },
  business: { zh: '业务文件', en: 'Business documents' },
  training: { zh: '宣传培训资料', en: 'Publicity and training materials' },
};

/** The scanned paper a depot may attach: PDF, JPEG and PNG, told apart by their first bytes. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const MAGIC: [AttachmentType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The type a file's content shows, whatever its name or declared type says; null for anything else (or nothing). */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  for (const [type, magic] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/** A declared media type without its parameters, lower case: `image/PNG; x=1` → `image/png`. */
export const essenceOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * The last day a document is kept: retention counts whole years from the end of the year the
 * document is dated in, as archives count it (会计档案管理办法 2015, art. 15: from the first day
 * after the year closes). A receipt of 2026-03-05 kept 30 years is kept through 2056-12-31;
 * one of 2026-12-31 too.
 */
export function retainUntil(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}-12-31`;
}

/** Past retention from the day after its last day: on 2057-01-01 for a document kept through 2056-12-31. */
export const isPastRetention = (until: string, today: string) => today > until;
