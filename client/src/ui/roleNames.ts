import type { Role } from '../api/session';
import type { CommonKey } from '../i18n/common';
import type { T } from '../i18n/useT';

export const ROLES: readonly Role[] = ['planner', 'leader', 'admin', 'gridworker'];

/** "网格规划员或管理员" / "grid planner or administrator". */
export function roleList(roles: readonly Role[], t: T<CommonKey>): string {
  return roles.map((role) => t(`role.${role}`)).join(t('access.or'));
}
