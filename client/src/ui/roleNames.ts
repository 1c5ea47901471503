import type { Role } from '../api/session';
import type { Translate } from '../i18n/I18nProvider';

export const ROLES: readonly Role[] = ['planner', 'leader', 'admin'];

/** "网格规划员或管理员" / "grid planner or administrator". */
export function roleList(roles: readonly Role[], t: Translate): string {
  return roles.map((role) => t(`role.${role}`)).join(t('access.or'));
}
