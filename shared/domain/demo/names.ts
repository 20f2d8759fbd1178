/**
 * @module
 * Word lists and text templates for the demo tickets: people, places and what
 * callers say about each topic. Every name is invented; templates use
 * `{placeholders}` filled by `demo-tickets.ts` (`{loc}` the incident location,
 * `{xq}` the estate, `{road}`/`{road2}` roads, `{shop}`, `{company}`, `{unit}`
 * the handling unit, `{n}`/`{m}`/`{amount}` numbers, `{bus}`, `{school}`).
 */
import type { TicketCategory } from '../../schema/ticket-enums';

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤',
];

export const GIVEN_NAMES = [
  '芳',
  '建国',
  '秀英',
  '伟',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '华',
  '红',
  '建军',
  '海燕',
  '玉兰',
  '志强',
  '春梅',
  '国平',
  '晓东',
  '丽华',
  '德华',
  '淑珍',
  '桂芳',
  '宏伟',
  '雪梅',
  '子豪',
  '梓涵',
  '浩然',
  '欣怡',
  '雨桐',
  '宇航',
  '思远',
  '佳怡',
  '俊杰',
  '雅婷',
  '立新',
  '卫东',
  '红梅',
  '永刚',
  '金凤',
  '小燕',
  '振华',
  '文斌',
  '凤英',
  '海波',
  '建平',
  '淑华',
  '志刚',
  '玉梅',
  '长青',
];

export const ESTATES = [
  '幸福家园',
  '锦绣花园',
  '阳光小区',
  '翠湖苑',
  '金桂园',
  '和谐家园',
  '御景湾',
  '明珠花园',
  '滨江一号',
  '紫荆苑',
  '富康小区',
  '春晖苑',
  '丽水佳园',
  '龙湖小区',
  '学府花园',
  '新城嘉园',
  '枫林绿洲',
  '康居小区',
  '凤凰城',
  '桂花苑',
  '电力宿舍',
  '纺织厂家属院',
  '东方名苑',
  '盛世华庭',
];

export const ROADS = [
  '人民路',
  '解放路',
  '建设路',
  '中山路',
  '幸福路',
  '文化路',
  '胜利路',
  '新华路',
  '朝阳路',
  '光明路',
  '迎宾大道',
  '滨河路',
  '育才路',
  '工业路',
  '北环路',
  '南湖路',
  '府前街',
  '健康路',
];

export const SHOPS = [
  '鑫鑫烧烤店',
  '老王牛肉面馆',
  '好又多超市',
  '佳佳副食店',
  '金嗓子KTV',
  '小肥羊火锅店',
  '便民水果店',
  '阿强汽修店',
  '蓝天网吧',
  '顺发棋牌室',
  '美佳美容美发店',
  '永和早餐店',
];

export const COMPANIES = [
  '宏达建筑工程有限公司',
  '鑫源物流有限公司',
  '华通电子厂',
  '恒泰装饰工程有限公司',
  '锦程餐饮管理有限公司',
  '永盛服装厂',
  '中兴劳务派遣有限公司',
  '金鹏机械制造有限公司',
  '瑞丰食品有限公司',
  '天成物业服务有限公司',
];

export const SCHOOLS = ['实验小学', '第一中学', '第二小学', '育英学校', '第三中学'];

export const EMPLOYERS = [
  '个体经营',
  '退休',
  '自由职业',
  '务农',
  '外卖配送员',
  '在校学生',
  '待业',
  '网约车司机',
  ...COMPANIES,
];

export type LocationKind = 'building' | 'estate' | 'road' | 'shop' | 'company' | 'none';

/** One way a caller puts a matter: its category, how often it comes up, and the text. */
export type CallText = readonly [category: TicketCategory, weight: number, text: string];

export interface TopicScript {
  /** a topic code of `TOPICS` */
  readonly code: string;
  /** relative call volume */
  readonly weight: number;
  readonly location: LocationKind;
  readonly calls: readonly CallText[];
  /** what the handling unit writes back */
  readonly replies: readonly string[];
  /** the standard answer (标准答案) an operator reads for a consult, when there is one */
  readonly answer?: string;
}

export const TOPIC_SCRIPTS: readonly TopicScript[] = [
  {
    code: 'noise',
    weight: 10,
    location: 'building',
    calls: [
      [
        'complaint',
        4,
        '{loc}楼下{shop}每天营业到凌晨两三点，顾客喧哗、音响声音很大，严重影响周边居民休息，与店主沟通多次无果，请求相关部门尽快处理。',
      ],
      [
        'complaint',
        3,
        '{loc}楼上住户长期深夜拖动家具、跺脚，噪音扰民，物业协调无效，请求社区介入调解。',
      ],
      [
        'complaint',
        2,
        '{xq}小区广场舞音响声音过大，每天晚上7点到10点，家中有高三学生无法学习，请求协调降低音量、调整时间。',
      ],
    ],
    replies: [
      '经{unit}会同社区现场核实，反映情况属实。已约谈{shop}负责人，责令其晚上10点后停止室外经营并降低音量，社区网格员将持续巡查。已电话告知来电人处理结果。',
      '经{unit}社区工作人员上门协调，双方已达成一致，相关住户承诺夜间注意控制声响，社区将跟踪回访。已电话回复来电人。',
    ],
  },
  {
    code: 'heating',
    weight: 6,
    location: 'building',
    calls: [
      [
        'complaint',
        3,
        '{loc}本供暖季室内温度长期只有十四五度，达不到18℃的供暖标准，多次找热力公司报修未解决，请求督促整改。',
      ],
      [
        'help',
        2,
        '{loc}暖气片不热，家中有老人和婴儿，已向物业报修三天无人上门，请求尽快协调维修。',
      ],
      ['consult', 2, '咨询本年度集中供暖开始时间及供暖费缴费标准、缴费渠道。'],
    ],
    replies: [
      '经{unit}协调热力公司上门检测，系楼内管道存在气堵，已现场排气并调节阀门，复测室温达19℃，来电人表示认可。',
    ],
    answer:
      '本市集中供暖期为每年11月15日至次年3月15日，居民供暖费按建筑面积收取，可通过热力公司营业厅、微信公众号或银行代缴。',
  },
  {
    code: 'water-supply',
    weight: 8,
    location: 'building',
    calls: [
      [
        'help',
        4,
        '{loc}从今天早上开始停水，没有看到任何停水通知，家中老人做饭饮水困难，请求尽快恢复供水。',
      ],
      ['complaint', 2, '{loc}自来水水压长期偏低，高层住户几乎用不上水，反映多次未解决。'],
      ['complaint', 1, '{loc}自来水发黄、有异味，怀疑水质有问题，请相关部门检测处理。'],
      ['consult', 2, '咨询{road}一带近期停水检修的具体时间和恢复供水时间。'],
    ],
    replies: [
      '经{unit}排查，系{road}供水主管道爆裂导致停水，抢修人员已完成管道更换，于当日恢复供水，已电话告知来电人。',
      '经{unit}上门检测，该楼二次供水加压泵故障，已更换设备，水压恢复正常，来电人表示满意。',
    ],
    answer:
      '因{road}供水管网改造，该区域近期9:00至18:00临时停水，具体以自来水公司发布的停水通知为准，请提前储水。',
  },
  {
    code: 'property-management',
    weight: 9,
    location: 'building',
    calls: [
      [
        'complaint',
        4,
        '{xq}小区物业公司收费后服务不到位，楼道垃圾无人清理、电梯经常故障，业主多次反映无果，请求住建部门督促物业整改。',
      ],
      ['complaint', 3, '{loc}电梯频繁停运，上周困人两次，物业维修拖延，存在安全隐患。'],
      ['complaint', 1, '{xq}小区物业擅自上调物业费且未公示收费依据，请求核查。'],
      ['suggestion', 1, '建议{xq}小区增设电动车集中充电桩，解决居民飞线充电问题。'],
    ],
    replies: [
      '经{unit}调查核实，已约谈{xq}小区物业公司，责令其一周内完成电梯维保和楼道保洁整改，并公示收费标准，纳入物业服务企业信用考核。已告知来电人。',
    ],
  },
  {
    code: 'municipal-roads',
    weight: 6,
    location: 'road',
    calls: [
      [
        'complaint',
        3,
        '{road}{town}段路面坑洼破损严重，雨天积水，电动车经过容易摔倒，请求尽快修复。',
      ],
      ['help', 2, '{road}与{road2}交叉口井盖缺失，夜间存在很大安全隐患，请尽快处理。'],
      ['suggestion', 1, '建议在{road}{school}门口路段增设减速带和人行横道。'],
    ],
    replies: [
      '经{unit}现场勘查，已安排市政养护队对{road}破损路面进行修补，现已完成施工并恢复通行，已电话告知来电人。',
    ],
  },
  {
    code: 'housing-quality',
    weight: 4,
    location: 'building',
    calls: [
      [
        'complaint',
        3,
        '{loc}新交房不到两年，墙体出现多条裂缝，卫生间渗水到楼下，开发商拖延维修，请求督促处理。',
      ],
      ['help', 2, '{loc}外墙瓷砖脱落，砸坏楼下车辆，担心伤人，请求尽快排查。'],
    ],
    replies: [
      '经{unit}组织专业人员现场查勘，裂缝为非结构性裂缝，不影响主体安全。已责令开发企业在保修期内完成修复，并安排专人跟踪。已告知来电人。',
    ],
  },
  {
    code: 'wage-arrears',
    weight: 6,
    location: 'company',
    calls: [
      [
        'complaint',
        4,
        '来电人在{loc}务工，公司拖欠{n}名工人{m}个月工资共计约{amount}万元，多次讨要无果，请求帮助追讨。',
      ],
      ['report', 1, '举报{loc}长期不与员工签订劳动合同、拖欠工资，请劳动监察部门查处。'],
      ['help', 2, '来电人在{road}一处工地干活，包工头拖欠工资后失联，请求帮助。'],
    ],
    replies: [
      '经{unit}劳动保障监察大队调查，{company}拖欠工资情况属实，已下达限期整改指令书，企业已于规定期限内足额支付拖欠工资，来电人确认已收到。',
    ],
  },
  {
    code: 'social-insurance',
    weight: 6,
    location: 'none',
    calls: [
      ['consult', 4, '咨询灵活就业人员如何参加城镇职工养老保险，缴费基数和缴费方式。'],
      ['consult', 2, '咨询退休人员养老金调整后何时发放到账。'],
      [
        'complaint',
        2,
        '来电人所在单位{company}未按时为其缴纳社会保险，已累计欠缴{m}个月，请求核查。',
      ],
      ['help', 1, '来电人办理养老保险关系转移接续，提交材料已一个多月仍未办结，请求协调。'],
    ],
    replies: [
      '经{unit}核查，已督促{company}为来电人补缴社会保险费，社保经办机构已完成补缴登记，已告知来电人。',
    ],
    answer:
      '灵活就业人员可携带身份证到户籍地或居住地社保经办窗口办理参保登记，也可通过人社政务服务平台线上办理；缴费基数在上年度城镇单位就业人员平均工资的60%至300%之间自主选择，按月或按年缴纳。',
  },
  {
    code: 'gas',
    weight: 3,
    location: 'building',
    calls: [
      ['complaint', 2, '{loc}燃气表IC卡充值后无法读卡，家中断气两天，营业厅让等待，请求尽快处理。'],
      ['help', 1, '{loc}燃气灶打不着火，报修后一直没人上门，请求燃气公司尽快处理。'],
    ],
    replies: ['经{unit}维修人员上门检测，系表具读卡器故障，已更换新表并恢复供气，已告知来电人。'],
  },
  {
    code: 'electricity',
    weight: 3,
    location: 'building',
    calls: [
      [
        'complaint',
        2,
        '{loc}这个月已经停电四次，没有任何通知，家中电器受损，请求供电公司说明原因并整改。',
      ],
      ['help', 1, '{road}一带突然停电，请求尽快抢修恢复供电。'],
    ],
    replies: [
      '经{unit}排查，系{road}10千伏线路老化导致跳闸，已更换线路设备，供电已恢复稳定，已告知来电人。',
    ],
  },
  {
    code: 'street-lights',
    weight: 3,
    location: 'road',
    calls: [
      [
        'complaint',
        3,
        '{road}从{road2}路口往东约三百米的路灯已经坏了半个多月，晚上一片漆黑，行人出行不便。',
      ],
      [
        'praise',
        1,
        '来电表扬路灯维修人员，上周反映的{road}路灯问题第二天就修好了，服务热情高效，特此致谢。',
      ],
    ],
    replies: [
      '经{unit}路灯管理所排查，系线路被施工挖断，已完成抢修，路灯恢复正常照明，已告知来电人。',
    ],
  },
  {
    code: 'city-appearance',
    weight: 4,
    location: 'estate',
    calls: [
      ['complaint', 3, '{road}{xq}小区门口垃圾桶满溢，多日无人清运，臭气熏天，请求处理。'],
      ['suggestion', 1, '建议在{road}沿线增设公共厕所和分类垃圾桶。'],
    ],
    replies: ['经{unit}核实，已协调环卫所加大清运频次，现场已清理干净，已告知来电人。'],
  },
  {
    code: 'street-vending',
    weight: 3,
    location: 'road',
    calls: [
      [
        'complaint',
        3,
        '{road}{school}门口早晚有大量流动摊贩占道经营，造成交通拥堵和卫生问题，请求整治。',
      ],
    ],
    replies: [
      '经{unit}综合执法队现场处置，已对占道摊贩进行劝离，并在上下学时段安排人员值守，已告知来电人。',
    ],
  },
  {
    code: 'construction-noise',
    weight: 3,
    location: 'building',
    calls: [
      [
        'complaint',
        3,
        '{loc}旁边的建筑工地夜间连续施工到凌晨，打桩声音很大，严重影响休息，请求查处。',
      ],
    ],
    replies: [
      '经{unit}调查，该工地未办理夜间施工许可，已责令停止夜间施工并依法处理，已告知来电人。',
    ],
  },
  {
    code: 'illegal-building',
    weight: 3,
    location: 'building',
    calls: [
      ['report', 2, '举报{loc}顶楼住户私自在楼顶搭建彩钢板房，存在安全隐患，请求依法拆除。'],
      ['complaint', 2, '{xq}小区一楼住户私自占用公共绿地扩建院子，影响其他业主通行。'],
    ],
    replies: [
      '经{unit}现场核查，该搭建物系未经审批的违法建设，已下达限期拆除通知书，当事人已自行拆除。已告知来电人。',
    ],
  },
  {
    code: 'bus-lines',
    weight: 3,
    location: 'road',
    calls: [
      ['suggestion', 2, '建议增开或延长公交线路至{xq}小区，该小区入住居民较多，出行很不方便。'],
      ['complaint', 2, '{bus}路公交车经常甩站、不按时刻表发车，{road}站等车超过40分钟。'],
      ['consult', 1, '咨询{bus}路公交因{road}施工临时改线的具体站点。'],
    ],
    replies: [
      '经{unit}调查，已约谈公交公司对{bus}路驾驶员进行教育处理，并加密高峰时段发车班次，已告知来电人。',
    ],
    answer:
      '{bus}路公交因{road}道路施工临时改线，期间停靠{road2}临时站点，施工结束后恢复原线路，具体以公交公司公告为准。',
  },
  {
    code: 'food-safety',
    weight: 3,
    location: 'shop',
    calls: [
      ['complaint', 2, '在{loc}就餐后全家出现腹泻症状，怀疑食品不卫生，请求检查。'],
      ['report', 2, '举报{road}附近一家无证小作坊生产豆制品，卫生条件很差，销往周边菜市场。'],
    ],
    replies: [
      '经{unit}执法人员现场检查，责令{shop}停业整改，对相关食品抽样送检，并依法立案调查，已告知来电人。',
    ],
  },
  {
    code: 'consumer-rights',
    weight: 3,
    location: 'shop',
    calls: [
      ['complaint', 2, '在{loc}办理预付卡充值{amount}千元，现商家关门停业，请求帮助维权。'],
      ['complaint', 1, '在{loc}购买的商品存在质量问题，商家拒绝退换。'],
    ],
    replies: ['经{unit}调解，商家已同意为来电人办理退款，来电人表示认可。'],
  },
  {
    code: 'medical-insurance',
    weight: 2,
    location: 'none',
    calls: [['consult', 2, '咨询异地就医备案如何办理，备案后住院费用报销比例。']],
    replies: ['经{unit}联系医保经办机构，已指导来电人完成异地就医备案，已告知来电人。'],
    answer:
      '异地就医备案可通过国家医保服务平台APP或当地医保经办窗口办理，备案后在定点医院住院可直接结算，报销比例按参保地政策执行。',
  },
  {
    code: 'school-enrolment',
    weight: 2,
    location: 'none',
    calls: [['consult', 2, '咨询孩子今年秋季上小学，非本地户籍随迁子女入学需要准备哪些材料。']],
    replies: ['经{unit}联系教育部门，已向来电人详细说明随迁子女入学所需材料和报名时间。'],
    answer:
      '随迁子女入学需提供居住证、监护人就业或社保证明、户口簿及儿童出生证明等材料，在教育部门公布的报名时间内通过线上平台报名。',
  },
  {
    code: 'pollution',
    weight: 2,
    location: 'road',
    calls: [
      ['report', 1, '举报{road}附近{company}夜间偷排污水到河道，河水发黑发臭。'],
      ['complaint', 2, '{road}{xq}小区附近餐馆油烟直排，居民家中无法开窗。'],
    ],
    replies: [
      '经{unit}会同生态环境部门现场检查，已责令相关经营者停止排放并限期整改，后续将加强巡查。已告知来电人。',
    ],
  },
  {
    code: 'neighbourhood',
    weight: 3,
    location: 'building',
    calls: [
      ['help', 2, '{loc}邻居在楼道堆放杂物并饲养多只狗，气味难闻，沟通无果，请求社区调解。'],
      ['help', 1, '{loc}楼上卫生间漏水到来电人家中，楼上住户拒不维修，请求调解。'],
    ],
    replies: ['经{unit}社区调解，邻居已清理楼道杂物并承诺文明养犬，已告知来电人。'],
  },
  {
    code: 'elderly-care',
    weight: 2,
    location: 'none',
    calls: [
      ['consult', 2, '咨询80岁以上老人高龄津贴如何申领。'],
      ['help', 1, '来电人母亲独居，行动不便，请求社区提供居家养老上门服务。'],
    ],
    replies: ['经{unit}核实，已将来电人母亲纳入居家养老服务对象，每周安排护理员上门服务两次。'],
    answer:
      '年满80周岁的本地户籍老人，可持身份证、户口簿到户籍所在社区服务中心申请高龄津贴，审核通过后按月发放。',
  },
  {
    code: 'landscaping',
    weight: 2,
    location: 'road',
    calls: [['complaint', 2, '{road}行道树枝叶遮挡路灯和交通信号灯，存在安全隐患，请求修剪。']],
    replies: ['经{unit}园林绿化所现场查看，已对{road}行道树进行修剪，已告知来电人。'],
  },
  {
    code: 'employment',
    weight: 2,
    location: 'none',
    calls: [['consult', 2, '咨询近期是否有招聘会，以及失业登记如何办理。']],
    replies: ['经{unit}核实，已将近期招聘会信息发送给来电人，并指导其办理失业登记。'],
    answer:
      '失业登记可持身份证到户籍地或常住地公共就业服务机构办理，也可网上办理；本月人力资源市场每周六上午举办招聘会。',
  },
  {
    code: 'household-registration',
    weight: 1,
    location: 'none',
    calls: [['consult', 1, '咨询新生儿落户需要准备的材料和办理地点。']],
    replies: ['经{unit}联系派出所，已告知来电人新生儿落户所需材料。'],
    answer:
      '新生儿落户需携带出生医学证明、父母双方户口簿和身份证、结婚证，到户籍所在地派出所户籍窗口办理。',
  },
];

/** Calls that belong to 110/119/120/122: the operator records the transfer. */
export const EMERGENCY_CALLS: readonly (readonly [
  '110' | '119' | '120' | '122',
  string,
  string,
])[] = [
  ['110', 'public-order', '{road}{shop}门口有人持械打架，情况紧急。'],
  ['119', 'gas', '{loc}楼道燃气泄漏味道很浓，请求紧急处置。'],
  ['120', 'other', '{road}路边有老人突然晕倒，请求救助。'],
  ['122', 'municipal-roads', '{road}与{road2}路口发生两车相撞，车辆横在路中间。'],
];

/** Calls the hotline does not take up (不予受理), with where the caller is sent. */
export const OUT_OF_SCOPE_CALLS: readonly (readonly [
  'judicial' | 'litigation' | 'advertising' | 'malicious' | 'empty',
  TicketCategory,
  string,
  string,
])[] = [
  [
    'litigation',
    'complaint',
    '来电人与他人因房屋买卖合同产生纠纷，已向法院起诉，要求热线督促法院尽快判决。',
    '{county}人民法院诉讼服务中心',
  ],
  [
    'judicial',
    'complaint',
    '来电人对法院已生效的民事判决不服，要求重新审理。',
    '{county}人民法院立案庭',
  ],
  ['advertising', 'other', '来电推销贷款及理财业务。', ''],
  ['malicious', 'other', '来电人无具体诉求，反复辱骂话务员。', ''],
  ['empty', 'other', '来电无声，反复拨打后挂断。', ''],
];

export const NOTES = [
  '已电话联系来电人，约定明日上门核实。',
  '已到现场查看，正在协调相关方处理。',
  '已联系责任方负责人，正在整改中。',
];

export const SATISFIED_COMMENTS = [
  '问题已解决，对处理结果满意。',
  '工作人员态度很好，处理及时。',
  '基本解决了，希望以后加强日常监管。',
  '感谢热线，办事效率很高。',
];

export const UNSATISFIED_COMMENTS = [
  '问题没有解决，承办单位只打了电话，没有到现场。',
  '答复与实际情况不符，问题依旧存在。',
  '处理拖拖拉拉，到现在还没有结果。',
];
