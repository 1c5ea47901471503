// Fictitious people and contact details. Names are random surname + given-name combinations;
// phone numbers use prefixes that no real Chinese number has, so none can reach anyone.
import type { Rng } from './prng.ts';

/** Common surnames, with the ones frequent around 无锡 (钱, 顾, 陆, 华, 秦, 荣, 过, 浦) weighted up. */
const SURNAMES: readonly [string, number][] = [
  ['王', 9], ['张', 8], ['陈', 8], ['周', 7], ['吴', 7], ['钱', 6], ['顾', 6], ['陆', 6], ['沈', 6],
  ['李', 6], ['徐', 6], ['朱', 5], ['孙', 5], ['杨', 5], ['刘', 5], ['华', 4], ['秦', 4], ['蒋', 4],
  ['黄', 4], ['许', 4], ['胡', 3], ['高', 3], ['邹', 3], ['荣', 3], ['过', 2], ['浦', 2], ['姚', 3],
  ['金', 3], ['汤', 2], ['丁', 2], ['曹', 2], ['薛', 2], ['缪', 2], ['尤', 2], ['殷', 2], ['严', 2],
  ['戴', 2], ['程', 2], ['范', 2], ['唐', 2], ['袁', 2], ['陶', 2], ['施', 2], ['任', 1], ['马', 2],
  ['赵', 3], ['郭', 2], ['何', 2], ['林', 2], ['罗', 1], ['郑', 2], ['谢', 2], ['宋', 2], ['韩', 1],
  ['冯', 2], ['邓', 1], ['彭', 1], ['夏', 2], ['蔡', 2], ['潘', 2], ['俞', 2], ['倪', 2], ['龚', 2],
];
const SURNAME_WEIGHTS = SURNAMES.map(([, w]) => w);

const GIVEN = [
  '建', '国', '华', '明', '伟', '芳', '丽', '军', '平', '英', '敏', '静', '强', '磊', '洋', '勇', '艳', '杰',
  '娟', '涛', '超', '霞', '秀', '兰', '红', '玉', '文', '斌', '宇', '浩', '鑫', '婷', '雪', '梅', '琳', '晨',
  '佳', '欣', '怡', '志', '海', '峰', '春', '燕', '新', '荣', '德', '忠', '良', '雯', '蕾', '亮', '波', '辉',
  '倩', '颖', '俊', '凯', '伦', '瑶', '萍', '琴', '彬', '炜', '锋', '晶', '嘉', '然', '子', '安', '逸', '轩',
  '晓', '立', '永', '宏', '正', '佩', '慧', '云', '清', '卫', '东', '民', '根', '林', '泉', '锡', '澄', '惠',
];

export function personName(rng: Rng): string {
  const surname = (SURNAMES[rng.weightedIndex(SURNAME_WEIGHTS)] as [string, number])[0];
  const first = rng.pick(GIVEN);
  if (rng.chance(0.3)) return surname + first;
  let second = rng.pick(GIVEN);
  while (second === first && rng.chance(0.8)) second = rng.pick(GIVEN);
  return surname + first + second;
}

export const MOBILE_PATTERN = /^100\d{8}$/;
export const LANDLINE_PATTERN = /^0510-0\d{7}$/;

/** Hands out fictitious numbers without repeats, so a number identifies one record. */
export class PhoneBook {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  private unique(make: () => string): string {
    for (;;) {
      const number = make();
      if (!this.used.has(number)) {
        this.used.add(number);
        return number;
      }
    }
  }

  private digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.rng.int(0, 9));
    return out;
  }

  /** "100" + 8 digits: no Chinese mobile number starts with 100. */
  mobile(): string {
    return this.unique(() => `100${this.digits(8)}`);
  }

  /** "0510-0" + 7 digits: 无锡's area code, but local numbers never start with 0. */
  landline(): string {
    return this.unique(() => `0510-0${this.digits(7)}`);
  }
}

/** Roads per street for generated addresses (main roads of each quarter). */
const ROADS_BY_STREET: Record<string, readonly string[]> = {
  '320213021': ['中山路', '人民中路', '崇宁路', '学前街', '连元街', '新生路', '健康路'],
  '320213022': ['南长街', '清扬路', '槐古路', '大窑路', '塘南路', '伯渎路', '金星路'],
  '320213023': ['惠山直街', '惠钱路', '盛岸路', '青石路', '梁溪路', '五爱路', '锡惠路'],
  '320213024': ['北大街', '通扬路', '工运路', '长庆路', '丽新路', '凤宾路', '锡澄路'],
  '320213025': ['广瑞路', '兴源北路', '江海东路', '广益路', '靖海路', '春晖路', '塔影路'],
  '320213026': ['扬名路', '金城路', '太湖大道', '芦庄路', '中桥路', '五星路', '清扬路'],
  '320213027': ['惠山大道', '盛岸西路', '会岸路', '惠峰路', '山北路', '双河路'],
  '320213028': ['民丰路', '梨庄路', '高泾路', '杨木桥路', '龙塘路', '惠澄大道'],
  '320213029': ['江海西路', '广石西路', '刘潭路', '通江大道', '前村路', '庄前路'],
};

/**
 * A plausible, generated address. A community named after a road (崇宁路社区, 连元街社区) is
 * usually on that road, so such names are preferred for places inside it.
 */
export function address(rng: Rng, streetCode: string, communityName?: string): string {
  const ownRoad = communityName ? /^(.+?[路街巷弄])社区$/.exec(communityName)?.[1] : undefined;
  const roads = ROADS_BY_STREET[streetCode];
  if (!roads) throw new Error(`no roads for street ${streetCode}`);
  const road = ownRoad && rng.chance(0.7) ? ownRoad : rng.pick(roads);
  return `无锡市梁溪区${road}${rng.int(1, 388)}号`;
}
