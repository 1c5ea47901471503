export const MEMBER_STATUSES = ['formal', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 正式党员 / 预备党员 (README.md, 词汇): CSV exports write them, imports read them. */
export const MEMBER_STATUS_NAMES: Record<MemberStatus, string> = { formal: '正式党员', probationary: '预备党员' };
