// Default UI language. Every visible string of the client comes from here or from en.ts;
// words follow /work/shared/GLOSSARY.md. `{name}` marks a value filled in by `t()`.
export const zhCN = {
  'app.title': '网格党建地图',
  'app.district': '无锡市梁溪区',
  'app.skipToContent': '跳到主要内容',

  'nav.label': '工作区',
  'nav.public': '找服务站',
  'nav.coverage': '覆盖分析',
  'nav.planner': '网格规划',

  'lang.label': '界面语言',
  'lang.switchTo': 'English',
  'lang.switchToLabel': 'Switch to English',

  'status.loading': '正在加载地图数据…',
  'status.loadingGrids': '正在加载网格…',
  'status.errorTitle': '数据加载失败',
  'status.errorHint': '请检查网络或稍后再试。',
  'status.errorCode': '错误代码：{code}',
  'status.retry': '重试',
  'status.gridsError': '网格加载失败：{message}',

  'map.label': '{district}网格党建地图',
  'map.zoomForGrids': '放大地图以查看网格',

  'map.zoomIn': '放大',
  'map.zoomOut': '缩小',
  'map.fitDistrict': '显示全区',
  'map.canvasLabel': '交互地图：可用方向键平移，加号和减号键缩放',

  'legend.title': '图例',
  'legend.boundaries': '边界',
  'legend.district': '区界',
  'legend.street': '街道界',
  'legend.community': '社区界',
  'legend.grid': '网格',
  'legend.selection': '当前选中',
  'legend.facilities': '服务阵地',

  'kind.center': '党群服务中心',
  'kind.station': '党群服务站',
  'kind.party_home': '党员之家',
  'kind.rep_studio': '党代表工作室',
  'kind.volunteer_point': '志愿服务点',

  'list.title': '当前视野内的服务阵地（{count}）',
  'list.show': '展开列表',
  'list.hide': '收起列表',
  'list.empty': '当前视野内没有服务阵地，请移动或缩小地图。',
  'list.more': '另有 {count} 处未列出，请放大地图。',
  'list.locate': '在地图上查看：{name}',

  'details.close': '关闭详情',
  'details.grid': '网格',
  'details.facility': '服务阵地',
  'details.code': '网格编码',
  'details.community': '所属社区编码',
  'details.households': '户数',
  'details.population': '常住人口',
  'details.leader': '网格长',
  'details.leaderPhone': '网格长电话',
  'details.kind': '类型',
  'details.address': '地址',
  'details.phone': '电话',
  'details.openingHours': '开放时间',
  'details.services': '服务项目',
  'details.none': '—',

  'public.title': '找服务站',
  'public.intro': '查找离您最近的党群服务中心、党群服务站和党员之家。',
  'public.howTo': '使用方法',
  'public.step1': '拖动或缩放地图，找到您所在的位置。',
  'public.step2': '点击红色圆点查看服务站的地址、电话和开放时间。',
  'public.step3': '放大地图可以看到网格，点击网格查看网格长和联系方式。',
  'public.step4': '下方列表列出当前视野内的全部服务阵地，可用键盘逐项选择。',

  'coverage.title': '覆盖分析',
  'coverage.empty':
    '这里将显示各网格的党员覆盖情况：分网格专题图、热力图、关键指标、服务站服务半径与覆盖缺口，以及新服务站的建议选址。',
  'coverage.signIn': '此功能面向街道和社区书记，登录功能即将上线。',

  'planner.title': '网格规划',
  'planner.empty':
    '这里将提供网格的绘制、调整、拆分与合并工具，并实时检查重叠与缺口、预览影响、查看历史版本和恢复。',
  'planner.signIn': '此功能面向规划和组织部门，登录功能即将上线。',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Dictionary = Record<MessageKey, string>;
