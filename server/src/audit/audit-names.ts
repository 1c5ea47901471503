import type { AuditAction } from '../contract/audit.ts';

/**
 * The Chinese names the audit CSV writes. They are the client's `auditAction.*` texts (an API test
 * keeps the two equal); the server needs its own copy because it never imports the client.
 */
export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_disabled': '已停用账号尝试登录',
  'auth.logout': '退出登录',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.reset_password': '重置密码',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'member.read': '查看党员信息',
  'coverage.heatmap': '查看党员分布热力图',
  'grid.create': '新建网格',
  'grid.update': '修改网格',
  'grid.restore': '恢复网格历史版本',
  'grid.split': '拆分网格',
  'grid.merge': '合并网格',
  'grid.retire': '撤销网格',
  'grid.preview': '预览网格调整影响',
  'changeset.revert': '整体撤销一次修改',
  'grid.assign': '按楼栋调整网格',
  'grid.rebalance': '网格规模平衡',
  'grid.draft': '生成网格初稿',
  'size-target.update': '修改网格规模标准',
  'facility.create': '新建服务站',
  'facility.update': '修改服务站',
  'facility.delete': '删除服务站',
  'import.grids': '导入网格',
  'import.buildings': '导入楼栋',
  'import.facilities': '导入服务站点',
  'import.members': '导入党员名册',
  'export.grids': '导出网格',
  'export.facilities': '导出服务站点',
  'export.regions': '导出行政区划',
  'export.buildings': '导出楼栋',
  'export.coverage': '导出网格覆盖统计',
  'export.coverage_map': '导出覆盖分析地图',
  'export.members': '导出党员名册',
  'audit.export': '导出操作日志',
  'case.phone_read': '查看反映人电话',
  'case.reassign': '改派民情件',
  'case.export': '导出民情考核表',
  'category.update': '修改反映类别',
};

export const AUDIT_ENTITY_NAMES: Record<string, string> = {
  user: '账号',
  grid: '网格',
  facility: '服务站',
  member: '党员',
  region: '行政区划',
};
