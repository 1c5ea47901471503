import type { ImportKind, ImportProblem } from '../../api/importTypes';
import { csvText, downloadCsv } from '../../ui/csv';

// Templates use the column names the server reads and one made-up example row (inside 梁溪区,
// WGS-84) so the expected way of writing each value is visible.
const TEMPLATES: Partial<Record<ImportKind, { name: string; rows: (string | number)[][] }>> = {
  facilities: {
    name: '服务站点导入模板.csv',
    rows: [
      ['名称', '类型', '地址', '电话', '开放时间', '服务项目', '是否公开', '经度', '纬度'],
      ['示例社区党群服务站', '党群服务站', '无锡市梁溪区示例路1号', '0510-00000000', 'Mo-Fr 08:30-17:30', '党员教育、便民服务', '是', 120.2972, 31.5804],
    ],
  },
  buildings: {
    name: '楼栋户数导入模板.csv',
    rows: [
      ['编号', '楼栋', '户数', '人口', '社区编码', '经度', '纬度'],
      ['B001', '示例小区1幢', 48, 120, '', 120.2972, 31.5804],
    ],
  },
  members: {
    name: '党员名册导入模板.csv',
    rows: [
      ['姓名', '状态', '所属党组织', '流动党员', '电话', '经度', '纬度'],
      ['张示例', '正式党员', '示例社区第一网格党支部', '否', '10000000000', 120.2972, 31.5804],
    ],
  },
};

export function hasTemplate(kind: ImportKind): boolean {
  return TEMPLATES[kind] !== undefined;
}

export function downloadTemplate(kind: ImportKind): void {
  const template = TEMPLATES[kind];
  if (template) downloadCsv(csvText(template.rows), template.name);
}

/** The problem list as a 社区书记 would fix it in Excel: row, column, problem, how to fix. */
export function problemsCsv(
  problems: readonly ImportProblem[],
  headers: readonly [string, string, string, string],
  label: (code: string) => string,
  wholeRow: string,
): string {
  return csvText([headers, ...problems.map((p) => [p.row, p.field ?? wholeRow, label(p.code), p.message])]);
}

/** `预检问题-站点表.csv` from `站点表.xlsx`. */
export function problemsFileName(sourceName: string): string {
  const base = sourceName.replace(/\.[^.]+$/, '') || 'import';
  return `预检问题-${base}.csv`;
}
