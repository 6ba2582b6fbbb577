/*
 * Word lists behind the generated register: surnames weighted roughly as
 * they occur among parties in Wenzhou (陈, 王, 林 lead there, ahead of the
 * national 李 and 张), given-name characters, a few compound surnames and
 * minority names, the region codes on the ID cards of locals and of migrant
 * workers, villages and communities of the 13 town-streets, the parts of
 * company names, and why cases are declined or transferred. Villages are
 * plausible local names for generated data, not a gazetteer.
 */

import type { DeclineReason } from '../../../shared/domain/case'

/** [surname, relative weight]: Wenzhou-flavoured, with the national top 100 and some local names. */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['陈', 90],
  ['王', 75],
  ['林', 50],
  ['李', 55],
  ['张', 55],
  ['黄', 40],
  ['郑', 35],
  ['吴', 32],
  ['周', 26],
  ['徐', 25],
  ['刘', 38],
  ['杨', 28],
  ['赵', 14],
  ['孙', 11],
  ['马', 9],
  ['朱', 18],
  ['胡', 15],
  ['郭', 9],
  ['何', 10],
  ['罗', 8],
  ['高', 9],
  ['梁', 7],
  ['谢', 9],
  ['宋', 6],
  ['唐', 6],
  ['许', 8],
  ['韩', 5],
  ['冯', 5],
  ['邓', 5],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['萧', 2],
  ['田', 4],
  ['董', 5],
  ['潘', 12],
  ['袁', 4],
  ['蔡', 10],
  ['蒋', 5],
  ['余', 6],
  ['于', 3],
  ['杜', 4],
  ['叶', 15],
  ['程', 4],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 5],
  ['任', 4],
  ['卢', 5],
  ['姚', 5],
  ['沈', 4],
  ['钟', 3],
  ['姜', 3],
  ['崔', 2],
  ['谭', 2],
  ['陆', 4],
  ['范', 3],
  ['汪', 3],
  ['廖', 2],
  ['石', 3],
  ['金', 12],
  ['韦', 1],
  ['贾', 2],
  ['夏', 3],
  ['付', 2],
  ['方', 5],
  ['邹', 2],
  ['熊', 2],
  ['白', 2],
  ['孟', 2],
  ['秦', 2],
  ['邱', 3],
  ['侯', 2],
  ['江', 2],
  ['尹', 1],
  ['薛', 2],
  ['闫', 1],
  ['段', 1],
  ['雷', 1],
  ['龙', 1],
  ['黎', 1],
  ['史', 1],
  ['陶', 1],
  ['贺', 1],
  ['毛', 3],
  ['郝', 1],
  ['顾', 1],
  ['龚', 1],
  ['邵', 2],
  ['万', 1],
  ['覃', 0.5],
  ['武', 1],
  ['钱', 2],
  ['戴', 3],
  ['严', 2],
  ['莫', 1],
  ['孔', 1],
  ['向', 1],
  ['常', 1],
  ['汤', 1],
  ['康', 1],
  ['易', 1],
  ['乔', 1],
  ['赖', 1],
  ['文', 1],
  ['季', 2],
  ['章', 4],
  ['池', 2],
  ['包', 2],
  ['应', 2],
  ['项', 2],
  ['麻', 1],
  ['厉', 1],
  ['虞', 1],
  ['倪', 2],
  ['施', 2],
  ['欧阳', 0.3],
  ['司马', 0.05],
  ['诸葛', 0.05]
]

/** Characters of men's and women's given names; generational favourites (建, 国, 秀, 桂) included. */
export const MALE_CHARS =
  '伟强军杰斌涛明华建国平勇海波峰辉刚林东文志鹏飞超磊浩宇俊晨博一子龙永春忠德成荣新庆祥光良宏兵锋亮旭' +
  '立松进健军学友云江洪武胜斌顺'
export const FEMALE_CHARS = '芳娜敏静丽艳娟霞燕玲萍红梅琴雪慧婷洁晶颖佳欣怡倩莉秀英兰凤桂玉珍微蓉露丹亚琳月素萍爱彩婉妍'
/** Second characters that pair with either (子涵, 一诺, 雨欣 …), for younger parties. */
export const NEUTRAL_CHARS = '子一雨晓思嘉梓文佳明天宇诗可'

/** Minority names as written on ID cards, with the middle dot; and their ethnicity. */
export const MINORITY_NAMES: ReadonlyArray<readonly [string, string, string]> = [
  ['阿依古丽·买买提', '维吾尔族', 'female'],
  ['买买提·艾力', '维吾尔族', 'male'],
  ['古丽娜尔·吐尔逊', '维吾尔族', 'female'],
  ['艾力·托合提', '维吾尔族', 'male'],
  ['热依拉·阿不都', '维吾尔族', 'female'],
  ['努尔兰·哈力木', '哈萨克族', 'male'],
  ['迪丽努尔·吾斯曼', '维吾尔族', 'female'],
  ['阿卜杜拉·依明', '维吾尔族', 'male']
]
export const MINORITY_REGIONS = ['650102', '653101', '652901']

/** Region codes (GB/T 2260) on the ID cards of parties: Wenzhou first, then where Ouhai's migrant workers come from. */
export const ID_REGIONS: ReadonlyArray<readonly [string, number]> = [
  ['330304', 30],
  ['330302', 12],
  ['330303', 6],
  ['330305', 1],
  ['330324', 5],
  ['330326', 4],
  ['330327', 3],
  ['330328', 2],
  ['330329', 2],
  ['330381', 8],
  ['330382', 6],
  ['330383', 1],
  ['330102', 1],
  ['522422', 3],
  ['520203', 2],
  ['511323', 2],
  ['513701', 2],
  ['360726', 2],
  ['341221', 2],
  ['411528', 2],
  ['430524', 1],
  ['420984', 1],
  ['500101', 1],
  ['452123', 1]
]

/** Villages and communities of each town-street (plausible names for generated data). */
export const VILLAGES: Readonly<Record<string, readonly string[]>> = {
  景山街道: ['景山社区', '新田园社区', '净水社区', '垟儿社区', '梧埏村', '南湖村'],
  新桥街道: ['新桥村', '高翔社区', '山前村', '金桥社区', '旸岙村', '新川村', '八宅村'],
  娄桥街道: ['娄桥村', '古岸头村', '上汇村', '河头村', '新陈村', '前陈村', '南堡村'],
  潘桥街道: ['潘桥村', '仙门村', '横塘头村', '陈庄村', '塘下村', '郑宅村'],
  梧田街道: ['老殿后村', '南村', '梧田村', '慈湖村', '蒋家桥村', '塘西村', '凰桥村'],
  南白象街道: ['白象村', '金竹村', '石坦村', '仁风村', '中心社区', '沿江村'],
  三垟街道: ['黄屿村', '詹岙村', '南仙堤村', '瓯渠村', '七甲村', '北垟村'],
  茶山街道: ['五美园村', '茶山村', '丁岙村', '大罗山村', '茶林村', '上鸿村'],
  丽岙街道: ['下呈村', '任宅村', '叶宅村', '杨宅村', '白门村', '姜宅村'],
  仙岩街道: ['穗丰村', '沈岙村', '竹溪村', '仙岩村', '河口塘村', '渔潭村'],
  瞿溪街道: ['瞿溪村', '三溪村', '雄溪村', '老街社区', '上村', '下村'],
  郭溪街道: ['梅屿村', '任桥村', '郭溪村', '浦北村', '曹平村', '塘下社区'],
  泽雅镇: ['唐宅村', '西岸村', '五凤垟村', '纸山村', '寨下村', '周岙村']
}

export const ROADS = ['瓯海大道', '温瞿东路', '新桥路', '娄桥路', '茶山路', '梧慈路', '南湖路', '仙岩大道', '瞿溪路']

/** Two characters from this list make a company's trade name (字号). */
export const TRADE_CHARS = '华盛鑫源宏达恒丰瓯信隆泰嘉诚金利永兴顺博远天安佳美新力通万和荣富康明德凯越正元聚晟锦'

/** [industry, relative weight] of the companies that come up in disputes. */
export const INDUSTRIES: ReadonlyArray<readonly [string, number]> = [
  ['鞋业', 10],
  ['服装', 6],
  ['眼镜', 4],
  ['汽摩配件', 4],
  ['建筑工程', 6],
  ['餐饮管理', 4],
  ['贸易', 6],
  ['机械', 3],
  ['塑料制品', 3],
  ['包装', 3],
  ['电器', 2],
  ['家具', 3],
  ['装饰工程', 5],
  ['网络科技', 3],
  ['物流', 3],
  ['印刷', 2],
  ['五金', 3],
  ['阀门', 2],
  ['劳务', 2],
  ['房地产开发', 1]
]

export const COMPANY_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['温州市瓯海区', 6],
  ['温州', 3],
  ['浙江', 1]
]

export const PROPERTY_COMPANY_WORDS = ['物业管理', '物业服务']
export const SHOP_KINDS = ['超市', '餐馆', '美容店', '健身房', '手机店', '母婴店', '家电商场', '汽车维修店']
export const CLINIC_KINDS = ['诊所', '口腔诊所', '中医诊所', '社区卫生服务站']
export const LAW_FIRMS = ['浙江瓯海律师事务所', '浙江瓯越律师事务所', '浙江温州南湖律师事务所', '浙江仙岩律师事务所']

export const OCCUPATIONS: ReadonlyArray<readonly [string, number]> = [
  ['务工', 18],
  ['个体经营', 12],
  ['务农', 8],
  ['公司职员', 10],
  ['退休', 8],
  ['无业', 5],
  ['驾驶员', 3],
  ['鞋厂工人', 6],
  ['装修工', 3],
  ['厨师', 2],
  ['教师', 1],
  ['保洁员', 2],
  ['自由职业', 4]
]

/** The district's chambers of commerce and industry associations (17, as the reference file counts). */
export const CHAMBERS = [
  '瓯海区鞋业商会',
  '瓯海区眼镜商会',
  '瓯海区服装商会',
  '瓯海区汽摩配行业协会',
  '瓯海区五金商会',
  '瓯海区建筑业协会',
  '瓯海区餐饮行业协会',
  '瓯海区电子商务协会',
  '瓯海区物业管理协会',
  '瓯海区家居建材商会',
  '瓯海区阀门商会',
  '瓯海区包装印刷商会',
  '瓯海区食品商会',
  '瓯海区物流协会',
  '瓯海区个体劳动者私营企业协会',
  '瓯海区青年商会',
  '瓯海区女企业家商会'
]

/** How the district's cases spread over the town-street sub-centers (by population), the district and the chamber center. */
export const OFFICE_WEIGHTS: Readonly<Record<string, number>> = {
  wutian: 12,
  xinqiao: 10,
  louqiao: 9,
  nanbaixiang: 9,
  jingshan: 7,
  panqiao: 6,
  'li-ao': 6,
  xianyan: 7,
  quxi: 5,
  guoxi: 5,
  chashan: 6,
  sanyang: 4,
  zeya: 3,
  ouhai: 5,
  chamber: 3
}

/** Dispute-type mix of a district (people's-mediation monthly statistics, rounded). */
export const DISPUTE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['neighbour', 18],
  ['marriage_family', 14],
  ['labour', 10],
  ['contract', 10],
  ['damages', 9],
  ['traffic', 8],
  ['property_mgmt', 6],
  ['housing_homestead', 6],
  ['consumer', 4],
  ['production', 3],
  ['medical', 2],
  ['land_requisition', 2],
  ['forest_land', 1],
  ['environment', 1.5],
  ['tourism', 0.3],
  ['ip', 0.3],
  ['internet', 1],
  ['other', 3]
]

/** Where cases come from, and the types that come from somewhere else more often. */
export const SOURCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['walk_in', 30],
  ['phone', 8],
  ['grid_report', 18],
  ['patrol', 12],
  ['court', 10],
  ['police', 8],
  ['petition', 4],
  ['procuratorate', 0.5],
  ['womens_fed', 1],
  ['government', 3],
  ['online', 5]
]
export const SOURCE_BY_TYPE: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  traffic: [
    ['police', 50],
    ['walk_in', 25],
    ['court', 15],
    ['phone', 10]
  ],
  marriage_family: [
    ['walk_in', 40],
    ['womens_fed', 20],
    ['grid_report', 20],
    ['court', 10],
    ['phone', 10]
  ],
  land_requisition: [
    ['petition', 35],
    ['government', 35],
    ['walk_in', 30]
  ]
}

export const RISK_REASONS = [
  '双方情绪激动，曾有推搡',
  '涉及人数较多，有群体性上访苗头',
  '一方扬言采取过激行为',
  '矛盾积怨较深，多次调处未果',
  '涉及农民工工资，人数较多',
  '一方系高龄老人，身体状况较差',
  '双方曾因此事报警'
]

/** Dispute types a chamber of commerce's center takes. */
export const COMMERCIAL_TYPES: ReadonlySet<string> = new Set(['contract', 'production', 'consumer', 'ip', 'internet'])

/** Why registered cases are declined, and how often. */
export const DECLINE_REASON_WEIGHTS: ReadonlyArray<readonly [DeclineReason, number]> = [
  ['party_refuses', 35],
  ['already_handled', 25],
  ['not_civil_dispute', 15],
  ['reserved_to_other_organs', 15],
  ['other', 10]
]
export const DECLINE_NOTES = ['申请人已向人民法院起诉', '双方已自行和解', '申请人下落不明，无法联系']
export const TRANSFER_NOTES = ['纠纷发生地属对方辖区', '当事人住所地在对方辖区', '案情涉及多个街道，移交上级调处']
