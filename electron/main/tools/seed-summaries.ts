/*
 * Case summaries (案情简要) and claims built from phrase templates per dispute
 * type, the way clerks write them, so the words people search for (借款,
 * 工资, 漏水, 宅基地, 物业费 …) recur across the register. The amount named in
 * a summary is the case's amount in exact cents. Every filled template is
 * 20–80 characters (a test holds the generator to it).
 */
import type { Rng } from './seed-random'
import { ROADS, SHOP_KINDS } from './seed-vocabulary'

interface Template {
  /** Placeholders: {村} village, {钱} the amount, {月} months, {人} people, {日} year and month, {工} a job, {物} goods, {店} a shop, {路} a road, {岁} an age, {亩}/{平} areas. */
  text: string
  /** The amount in yuan, [min, max], when the dispute is about money. */
  money?: readonly [number, number]
  claims: readonly string[]
}

const T = (text: string, claims: readonly string[], money?: readonly [number, number]): Template => ({
  text,
  claims,
  money
})

const TEMPLATES: Readonly<Record<string, readonly Template[]>> = {
  neighbour: [
    T('申请人与被申请人系{村}邻居，因被申请人家中水管破裂导致申请人房屋漏水，双方多次协商未果。', [
      '修复漏水部位',
      '赔偿墙面损失'
    ]),
    T('双方系邻居，被申请人在公共通道堆放杂物并占用停车位，引发口角，申请人要求清除。', ['清除公共通道杂物']),
    T('被申请人饲养的犬只咬伤申请人，双方就医疗费{钱}的承担发生争执。', ['赔偿医疗费{钱}'], [800, 6000]),
    T('被申请人夜间经营产生噪音，影响申请人休息，经网格员劝说后仍未改善。', ['停止夜间噪音']),
    T('双方因排水沟疏通及围墙修建问题发生纠纷，多次争吵，要求调解。', ['疏通排水沟', '拆除越界围墙']),
    T('楼上住户卫生间漏水渗至楼下，双方就维修责任及损失{钱}发生争议。', ['维修防水层', '赔偿损失{钱}'], [1000, 15000])
  ],
  marriage_family: [
    T('申请人与被申请人系夫妻，因感情不和要求离婚，并就子女抚养及财产分割发生争议。', [
      '解除婚姻关系',
      '子女由申请人抚养'
    ]),
    T('申请人年逾{岁}岁，与子女就赡养费及老人居住问题发生纠纷。', ['每月支付赡养费', '安排老人居住']),
    T('双方离婚后就子女抚养费支付问题发生争议，申请人要求被申请人补付抚养费{钱}。', ['补付抚养费{钱}'], [6000, 60000]),
    T('兄弟姐妹之间因父母遗留房产的继承分割发生纠纷，协商未果。', ['依法分割遗产']),
    T('婆媳之间因家务琐事长期不和，多次争吵，村调委会介入调解。', ['和睦相处'])
  ],
  labour: [
    T('申请人在被申请人处从事{工}工作，被申请人拖欠{月}个月工资共计{钱}。', ['支付拖欠工资{钱}'], [6000, 90000]),
    T(
      '申请人在工作中受伤，与被申请人就工伤医疗费及误工费{钱}的赔偿发生争议。',
      ['赔偿医疗费、误工费{钱}'],
      [5000, 200000]
    ),
    T('被申请人未签订劳动合同即辞退申请人，申请人要求支付经济补偿金{钱}。', ['支付经济补偿金{钱}'], [3000, 50000]),
    T('申请人等{人}人在被申请人承包的工地务工，工程结束后劳务费{钱}未结清。', ['结清劳务费{钱}'], [20000, 600000])
  ],
  contract: [
    T(
      '被申请人于{日}向申请人借款{钱}，约定{月}个月内归还，至今未还。',
      ['归还借款{钱}', '支付逾期利息'],
      [5000, 500000]
    ),
    T('双方签订买卖合同，申请人交付货物后被申请人拖欠货款{钱}未付。', ['支付货款{钱}'], [10000, 800000]),
    T(
      '被申请人承接申请人房屋装修工程，因工程质量问题申请人拒付装修款{钱}。',
      ['返工维修', '核减装修款'],
      [20000, 300000]
    ),
    T('申请人租用被申请人房屋，因提前解除租赁合同就押金及租金{钱}发生争议。', ['退还押金及租金{钱}'], [2000, 30000]),
    T('双方合伙经营{店}，散伙后就合伙财产分配及欠款{钱}发生纠纷。', ['分配合伙财产', '偿还欠款{钱}'], [10000, 300000])
  ],
  damages: [
    T('被申请人装修时损坏申请人家中水管造成漏水，申请人要求赔偿损失{钱}。', ['赔偿损失{钱}'], [1000, 30000]),
    T('申请人在被申请人经营的{店}内滑倒受伤，要求赔偿医疗费{钱}。', ['赔偿医疗费{钱}'], [2000, 80000]),
    T(
      '双方发生口角后互殴致申请人受伤，申请人要求赔偿医疗费、误工费共计{钱}。',
      ['赔偿医疗费、误工费{钱}'],
      [3000, 50000]
    ),
    T('被申请人高空抛物砸坏申请人停放的车辆，双方就维修费{钱}发生争议。', ['赔偿车辆维修费{钱}'], [1500, 20000])
  ],
  traffic: [
    T(
      '{日}双方在{路}发生交通事故，申请人受伤住院，要求赔偿医疗费等{钱}。',
      ['赔偿医疗费、误工费等{钱}'],
      [5000, 300000]
    ),
    T('被申请人驾驶电动车与申请人车辆相撞，交警认定被申请人负主要责任，双方就赔偿发生争议。', [
      '赔偿车辆损失',
      '赔偿医疗费'
    ]),
    T('双方车辆在{路}追尾，就车辆维修费{钱}及误工损失协商不成。', ['赔偿维修费{钱}'], [2000, 40000])
  ],
  property_mgmt: [
    T('业主以小区电梯长期故障、服务不到位为由拒交物业费{钱}，物业公司要求补缴。', ['补缴物业费{钱}'], [800, 12000]),
    T('申请人车辆在小区停车场被划损，与物业公司就赔偿问题发生争议。', ['赔偿车辆损失']),
    T('楼上住户卫生间漏水，物业公司未及时维修，申请人要求物业公司承担责任。', ['维修漏水', '赔偿损失']),
    T('物业公司擅自将小区公共停车位出租，业主要求返还收益{钱}。', ['返还停车位收益{钱}'], [5000, 80000])
  ],
  housing_homestead: [
    T('双方因宅基地界址不清发生争执，被申请人翻建房屋时占用申请人宅基地约{平}平方米。', ['退还宅基地', '恢复原状']),
    T('申请人与被申请人就农村房屋买卖合同效力及房款{钱}返还发生纠纷。', ['返还房款{钱}'], [50000, 600000]),
    T('兄弟之间因老宅宅基地分配及翻建房屋出资发生纠纷，多次争吵。', ['依法分配宅基地'])
  ],
  consumer: [
    T('申请人在被申请人处购买{物}后发现质量问题，要求退款{钱}被拒。', ['退还货款{钱}'], [300, 20000]),
    T('申请人预付{店}会员卡{钱}，被申请人关门停业，申请人要求退还余额。', ['退还余额{钱}'], [500, 10000])
  ],
  production: [
    T('申请人为被申请人加工{物}，被申请人以质量不合格为由拖欠加工费{钱}。', ['支付加工费{钱}'], [10000, 400000]),
    T('双方合作生产{物}，就设备投入及利润分配{钱}发生争议。', ['分配利润{钱}'], [20000, 500000])
  ],
  medical: [
    T('申请人在被申请人诊所治疗后病情加重，认为诊疗存在过错，要求赔偿医疗费{钱}。', ['赔偿医疗费{钱}'], [5000, 200000]),
    T('患者在住院期间摔伤，家属认为医院护理不到位，要求赔偿{钱}。', ['赔偿损失{钱}'], [5000, 100000])
  ],
  land_requisition: [
    T('申请人房屋被列入旧村改造范围，对拆迁补偿款{钱}的计算标准有异议。', ['重新核定拆迁补偿款'], [200000, 2000000]),
    T('村民之间就征地补偿款{钱}的分配比例发生纠纷，涉及{人}户。', ['按人口分配补偿款'], [100000, 3000000])
  ],
  forest_land: [
    T('双方因山林界址及{亩}亩林地承包经营权归属发生争议。', ['确认林地承包经营权']),
    T('被申请人在申请人承包的山林内砍伐杨梅树，申请人要求赔偿损失{钱}。', ['赔偿损失{钱}'], [2000, 50000])
  ],
  environment: [
    T('被申请人工厂排放废气及噪音影响周边居民生活，申请人等{人}户要求停产整改。', ['停止排放', '整改']),
    T('被申请人养殖场污水流入河道，申请人鱼塘鱼苗死亡，要求赔偿{钱}。', ['赔偿损失{钱}'], [5000, 100000])
  ],
  tourism: [T('申请人参加被申请人组织的旅游团，行程被擅自变更，要求退还团费{钱}。', ['退还团费{钱}'], [1000, 20000])],
  ip: [
    T(
      '申请人认为被申请人销售的{物}使用了其注册商标，要求停止销售并赔偿{钱}。',
      ['停止侵权', '赔偿{钱}'],
      [10000, 200000]
    )
  ],
  internet: [
    T('申请人通过网络平台向被申请人购买{物}，收货后与描述不符，要求退款{钱}。', ['退还货款{钱}'], [200, 15000]),
    T('被申请人在微信群发布不实言论损害申请人名誉，申请人要求赔礼道歉。', ['删除不实言论', '赔礼道歉'])
  ],
  other: [
    T('双方因{村}村道修建占用土地及补偿问题发生争执，要求调解。', ['给予补偿']),
    T('被申请人借用申请人的车辆后发生损坏，双方就修理费{钱}协商不成。', ['赔偿修理费{钱}'], [1000, 30000])
  ]
}

const JOBS = ['鞋帮缝制', '车间普工', '仓库管理', '电焊', '厨师', '保洁', '送货司机', '模具加工', '质检']
const GOODS = ['鞋材', '皮鞋', '眼镜框', '服装', '汽车配件', '阀门', '家具', '手机', '电动车', '包装箱']

export interface Summary {
  text: string
  claims: string[]
  amountCents: number | null
}

/** An amount in exact cents: mostly round sums, some to the yuan, a few to the fen. */
function amountCents(rng: Rng, [min, max]: readonly [number, number]): number {
  const yuan = min + rng.float() * (max - min)
  const style = rng.float()
  if (style < 0.7) return Math.max(100, Math.round(yuan / 100)) * 10_000
  if (style < 0.92) return Math.round(yuan) * 100
  return Math.round(yuan * 100)
}

/** As clerks write money: 5万元, 3.5万元, 12800元, 12345.67元. */
export function moneyText(cents: number): string {
  if (cents % 100 !== 0) return `${(cents / 100).toFixed(2)}元`
  const yuan = cents / 100
  if (yuan >= 10_000 && yuan % 1000 === 0) return `${yuan / 10_000}万元`
  return `${yuan}元`
}

export function makeSummary(rng: Rng, disputeType: string, village: string, registeredYear: number): Summary {
  const template = rng.pick(TEMPLATES[disputeType] ?? TEMPLATES.other)
  const cents = template.money ? amountCents(rng, template.money) : null
  const fill = (text: string) =>
    text.replace(/\{(.)\}/g, (_, slot: string) => {
      switch (slot) {
        case '村':
          return village
        case '钱':
          return moneyText(cents ?? 0)
        case '月':
          return String(rng.between(2, 12))
        case '人':
          return String(rng.between(3, 15))
        case '日':
          return `${registeredYear - rng.int(2)}年${rng.between(1, 12)}月`
        case '工':
          return rng.pick(JOBS)
        case '物':
          return rng.pick(GOODS)
        case '店':
          return rng.pick(SHOP_KINDS)
        case '路':
          return rng.pick(ROADS)
        case '岁':
          return String(rng.between(70, 92))
        case '亩':
          return String(rng.between(1, 30))
        case '平':
          return String(rng.between(3, 40))
        default:
          return slot
      }
    })
  return { text: fill(template.text), claims: template.claims.map(fill), amountCents: cents }
}

/** Every dispute type that has templates (a test checks the reference file's codes are all covered). */
export const SUMMARY_TYPES = Object.keys(TEMPLATES)

/** Words that recur in summaries, for the benchmark's "common word" searches. */
export const COMMON_WORDS = ['宅基地', '物业费', '交通事故', '医疗费', '赡养费', '抚养费', '劳务费', '装修款', '停车位']
export const SHORT_WORDS = ['借款', '工资', '漏水', '噪音', '离婚', '货款', '租金', '拆迁']
