/**
 * @module
 * The demo knowledge base: standard answers (统一答复口径) for the demo
 * topics, referrals for matters the hotline does not handle itself (零周折:
 * courts, 110/119/120/122, 信访, sector hotlines) and a few local notices.
 * Province-wide entries belong to the province centre 'p'; local ones (a
 * planned water outage, a bus re-route, a gas safety check, vending spots)
 * to the demo county 'c01-k01', whose place names come from the demo network
 * so the text matches the units on screen. Content is plausible, not real
 * policy; phone numbers are national service numbers or fictional local ones.
 */
import { toBase64 } from 'lib0/buffer';
import type { YDocRecord } from '../../schema/records';
import type { TicketCategory } from '../../schema/ticket-enums';
import {
  type KbArticleView,
  type KbContact,
  type KbKind,
  type KbStatus,
  kbArticleUpdate,
  kbDocId,
} from '../kb/article';
import { demoNetwork } from '../org/demo-network';

const DAY = 24 * 60 * 60 * 1000;
/** The local articles' owner: the demo city's first county. */
export const DEMO_KB_COUNTY = 'c01-k01';
const PROVINCE = 'p';

interface DemoPlaces {
  province: string;
  city: string;
  county: string;
  town: (id: string) => string;
  unit: (id: string) => string;
}

function demoPlaces(): DemoPlaces {
  const units = new Map(demoNetwork().map((u) => [u.id, u]));
  const name = (id: string): string => units.get(id)?.name ?? id;
  const short = (id: string): string => units.get(id)?.shortName ?? id;
  return {
    province: short('p').replace(/热线中心$/, ''),
    city: short('c01').replace(/热线中心$/, ''),
    county: short(DEMO_KB_COUNTY).replace(/热线办$/, ''),
    town: name,
    unit: name,
  };
}

interface Draft {
  slug: string;
  kind: KbKind;
  topic: string;
  category?: TicketCategory;
  title: string;
  keywords: readonly string[];
  body: string;
  contacts?: readonly KbContact[];
  owner?: string;
  status?: KbStatus;
  /** days from now the notice stays valid */
  validDays?: number;
  /** a retired notice ended this many days ago */
  endedDaysAgo?: number;
}

const c = (name: string, phone: string, hours = '7×24小时'): KbContact => ({ name, phone, hours });
const OFFICE_HOURS = '工作日 8:30—12:00，14:30—17:30';

function drafts(at: DemoPlaces): Draft[] {
  const { province, city, county } = at;
  const west = at.town(`${DEMO_KB_COUNTY}-t02`);
  const centre = at.town(`${DEMO_KB_COUNTY}-t01`);
  const water = at.unit(`${DEMO_KB_COUNTY}-e01`);
  const gas = at.unit(`${DEMO_KB_COUNTY}-e02`);
  const transport = at.unit(`${DEMO_KB_COUNTY}-d05`);
  const urban = at.unit(`${DEMO_KB_COUNTY}-d04`);
  return [
    // ── 城市管理 ──────────────────────────────────────────────
    {
      slug: 'noise-night-business',
      kind: 'answer',
      topic: 'noise',
      category: 'complaint',
      title: '商铺夜间经营噪音扰民',
      keywords: [
        '噪音',
        '噪声',
        '扰民',
        '喧哗',
        '音响',
        'KTV',
        '烧烤店',
        '酒吧',
        '营业到凌晨',
        '吵',
      ],
      body: '社会生活噪声由属地街道（乡镇）会同城市管理、公安部门处理。夜间22:00至次日6:00，商铺不得使用高音喇叭、室外音响招揽顾客，顾客喧哗影响居民休息的，经营者应当劝阻。来电人反映商铺夜间噪音的，请记录商铺名称、具体位置、噪音时段，按投诉件派属地街道（乡镇）办理，承办单位5个工作日内回复。正在发生且情况严重、需要立即制止的，可建议来电人同时拨打110。',
    },
    {
      slug: 'noise-neighbour-daily-life',
      kind: 'answer',
      topic: 'noise',
      category: 'help',
      title: '楼上邻居及广场舞噪音',
      keywords: ['噪音', '楼上', '邻居', '跺脚', '拖家具', '广场舞', '音响', '扰民', '社区调解'],
      body: '住宅楼内的生活噪音（拖动家具、跺脚、装修以外的日常声响）属于邻里关系，首先由物业和社区协调调解；广场舞音量过大、时间过晚的，由社区与活动组织者协商调整音量和时段，必要时由属地街道协调城管、公安处理。请告知来电人先与物业或社区网格员沟通；沟通无效的，按求助件派属地街道（乡镇）组织调解。',
    },
    {
      slug: 'construction-night-work',
      kind: 'answer',
      topic: 'construction-noise',
      category: 'complaint',
      title: '建筑工地夜间施工扰民',
      keywords: ['施工', '工地', '夜间施工', '打桩', '噪音', '渣土车', '搅拌', '凌晨', '扰民'],
      body: '除抢修、抢险作业和因生产工艺要求必须连续施工的以外，城市建成区内22:00至次日6:00禁止进行产生噪声的建筑施工作业。确需夜间连续施工的，施工单位须取得住房和城乡建设部门的夜间施工许可并在工地公示。来电人反映工地夜间施工的，请记录工地名称或位置、施工时段、是否公示许可，按投诉件派住房和城乡建设局办理；承办单位核查无许可施工的，将责令停止并依法处罚。',
    },
    {
      slug: 'illegal-building',
      kind: 'answer',
      topic: 'illegal-building',
      category: 'report',
      title: '违章建筑、私搭乱建举报',
      keywords: [
        '违章建筑',
        '违建',
        '私搭乱建',
        '搭建',
        '彩钢板',
        '楼顶',
        '加盖',
        '扩建',
        '占用绿地',
        '拆除',
      ],
      body: '未取得建设工程规划许可或未按许可内容建设的建筑物、构筑物属于违法建设，由城市管理（综合行政执法）部门查处，正在建设中的违建属地街道（乡镇）应及时制止。受理时请记录违建的详细地址、楼层、搭建时间、面积及是否仍在施工，按举报件派城市管理局办理；举报人信息依法保密，不向被举报人透露。',
    },
    {
      slug: 'street-vending',
      kind: 'answer',
      topic: 'street-vending',
      category: 'complaint',
      title: '流动摊贩占道经营',
      keywords: [
        '占道经营',
        '摆摊',
        '摊贩',
        '小贩',
        '流动摊点',
        '堵路',
        '学校门口',
        '夜市',
        '出店经营',
      ],
      body: '占用城市道路、人行道、公共场地摆摊设点或店外经营的，由属地街道（乡镇）和城市管理部门劝导、规范；各地设有便民疏导点，引导摊贩入点经营。请记录占道地点、时段、摊点数量，按投诉件派属地街道（乡镇）办理，上下学时段学校周边的摊贩问题可注明“学校周边”，承办单位将安排人员定时值守。',
    },
    {
      slug: 'city-sanitation-garbage',
      kind: 'answer',
      topic: 'city-appearance',
      category: 'complaint',
      title: '垃圾清运不及时、环境卫生',
      keywords: ['垃圾', '垃圾桶', '满溢', '清运', '环卫', '臭', '卫生', '垃圾分类', '公共厕所'],
      body: '城市道路及公共区域的保洁和生活垃圾清运由属地街道（乡镇）环卫部门负责，小区内部由物业负责收集后交环卫清运。来电人反映垃圾桶满溢、多日未清运的，请记录具体位置和持续时间，按投诉件派属地街道（乡镇）办理，一般24小时内完成清运。小区内部垃圾问题请先告知来电人联系物业。',
    },
    {
      slug: 'kitchen-fumes',
      kind: 'answer',
      topic: 'pollution',
      category: 'complaint',
      title: '餐饮油烟扰民',
      keywords: [
        '油烟',
        '餐饮油烟',
        '饭店',
        '餐馆',
        '烧烤',
        '排烟',
        '油烟机',
        '油烟直排',
        '熏',
        '厨房',
      ],
      body: '餐饮服务经营者应当安装油烟净化设施并保持正常使用，油烟达标排放；居民住宅楼、未配套设立专用烟道的商住综合楼以及商住综合楼内与居住层相邻的商业楼层内，不得新建、改建、扩建产生油烟的餐饮项目。来电人反映饭店油烟扰民的，请记录店名、地址、油烟排放口位置和影响时段，按投诉件派生态环境局（城区餐饮油烟由城市管理局）办理，承办单位现场检查油烟净化设施并责令整改。',
    },
    {
      slug: 'pollution-sewage-discharge',
      kind: 'answer',
      topic: 'pollution',
      category: 'report',
      title: '企业偷排污水、废气污染举报',
      keywords: [
        '偷排',
        '排污',
        '污水',
        '河道污染',
        '黑臭',
        '废气',
        '异味',
        '工厂',
        '环境污染',
        '排放',
      ],
      body: '企业通过暗管、渗坑偷排污水，超标排放废气、噪声，或非法倾倒固体废物的，由生态环境局依法查处。请记录排放单位名称或位置、排放时段（夜间、雨天等）、污染物的颜色和气味，来电人可通过微信上传照片或视频，按举报件派生态环境局办理；正在发生的偷排，按紧急件派单，承办单位应尽快到场取证。举报人信息依法保密。',
    },
    {
      slug: 'road-damage',
      kind: 'answer',
      topic: 'municipal-roads',
      category: 'complaint',
      title: '道路破损、井盖缺失',
      keywords: [
        '道路',
        '路面',
        '坑洼',
        '破损',
        '塌陷',
        '井盖',
        '积水',
        '人行道',
        '减速带',
        '市政',
      ],
      body: '城市道路、人行道及其附属设施的养护维修由城市管理局（市政设施养护单位）负责。井盖缺失、路面塌陷等危及安全的，按紧急件派单，养护单位接单后2小时内到场设置警示、24小时内修复；一般路面坑洼破损纳入维修计划，5个工作日内回复。请记录具体路段、参照物和破损情况，来电人可通过微信上传照片。井盖属于供水、燃气、电力、通信等产权单位的，由承办单位转产权单位处理。',
    },
    {
      slug: 'street-light-repair',
      kind: 'answer',
      topic: 'street-lights',
      category: 'complaint',
      title: '路灯不亮、损坏报修',
      keywords: ['路灯', '不亮', '灯坏', '照明', '黑', '灯杆', '亮灯时间', '夜间出行'],
      body: '城市道路路灯由城市管理局路灯管理所负责维护，单灯故障一般在2个工作日内修复，整段线路故障在5个工作日内修复。请记录路段名称、路灯杆号（灯杆上的编号）或参照物、不亮的范围。小区内部路灯属于物业管理范围，请告知来电人联系物业；农村道路照明由属地乡镇负责。',
    },
    {
      slug: 'landscaping-trees',
      kind: 'answer',
      topic: 'landscaping',
      category: 'help',
      title: '行道树修剪、绿地毁坏',
      keywords: [
        '行道树',
        '树枝',
        '修剪',
        '遮挡',
        '倒伏',
        '绿地',
        '绿化带',
        '毁绿',
        '园林',
        '砍树',
      ],
      body: '城市道路行道树和公共绿地由园林绿化部门负责养护。树枝遮挡路灯、信号灯或触碰电线的，按求助件派城市管理局（园林绿化所）修剪；台风、暴雨后树木倒伏阻断交通的，按紧急件处理。擅自砍伐、移植城市树木或毁坏绿地的，可作为举报件受理。小区内的树木修剪由物业负责，需砍伐的须经园林部门审批。',
    },
    // ── 公用事业 ──────────────────────────────────────────────
    {
      slug: 'heating-season',
      kind: 'answer',
      topic: 'heating',
      category: 'consult',
      title: '集中供暖时间及供暖费缴纳',
      keywords: ['供暖', '暖气', '供暖时间', '供暖费', '采暖费', '缴费', '什么时候来暖气', '停暖'],
      body: '本市集中供暖期为每年11月15日至次年3月15日，遇气温异常可由政府决定提前或延长供暖。居民供暖费按建筑面积收取，可通过热力公司营业厅、微信公众号或银行代缴，应在开栓前缴清。供暖期内室内温度不低于18℃。低保、特困家庭可向社区申请供暖补贴。',
    },
    {
      slug: 'heating-low-temperature',
      kind: 'answer',
      topic: 'heating',
      category: 'complaint',
      title: '暖气不热、室温不达标',
      keywords: [
        '暖气不热',
        '暖气片',
        '室温',
        '温度低',
        '不达标',
        '冷',
        '气堵',
        '报修',
        '热力公司',
      ],
      body: '供暖期内居民卧室、起居室室温应不低于18℃。来电人反映暖气不热的，请先询问是否已向热力公司报修、是否已缴纳供暖费、是整栋楼还是单户不热。单户不热多为管道气堵或阀门问题，热力公司应在接报后24小时内上门；整栋或整个小区温度偏低的，按投诉件派热力公司办理，承办单位上门测温并回复。家中有老人、婴幼儿或病人的，请在工单中注明，优先处理。',
    },
    {
      slug: 'water-outage-repair',
      kind: 'answer',
      topic: 'water-supply',
      category: 'help',
      title: '突发停水、水压低报修',
      keywords: [
        '停水',
        '没水',
        '断水',
        '水压低',
        '水压不足',
        '爆管',
        '漏水',
        '自来水',
        '二次供水',
        '供水',
      ],
      body: '计划停水须提前24小时发布停水通知，请先在知识库“通知”中查询来电人所在区域是否有计划停水。无通知的突发停水，多为管道爆裂或设备故障，按紧急件派自来水公司抢修，一般故障24小时内、重大故障48小时内恢复供水，停水超过24小时应安排临时送水。高层水压不足多与小区二次供水加压设备有关，由自来水公司会同物业排查。',
    },
    {
      slug: 'water-quality',
      kind: 'answer',
      topic: 'water-supply',
      category: 'complaint',
      title: '自来水发黄、浑浊、有异味',
      keywords: ['水质', '发黄', '浑浊', '异味', '黄水', '水锈', '自来水', '水箱', '检测'],
      body: '停水恢复后短时间内出现黄水，多为管道内水锈，放水几分钟一般可恢复正常。持续浑浊、有异味的，请记录地址、出现时间和范围（单户还是整栋），按投诉件派自来水公司上门取样检测，涉及小区二次供水水箱的，由物业会同卫生健康部门检查。检测结果出来前，建议来电人暂不直接饮用。',
    },
    {
      slug: 'gas-ic-card',
      kind: 'answer',
      topic: 'gas',
      category: 'help',
      title: '燃气IC卡充值及燃气表故障',
      keywords: [
        '燃气',
        '天然气',
        'IC卡',
        '燃气卡',
        '充值',
        '读卡',
        '燃气表',
        '断气',
        '燃气灶',
        '打不着火',
      ],
      body: '燃气IC卡可在燃气公司营业厅、自助终端或微信公众号充值，线上充值后须将卡插入燃气表完成写卡。充值后燃气表无法读卡、显示异常的，请来电人携带IC卡到营业厅检测；表具故障由燃气公司免费上门维修或更换，一般24小时内处理。燃气灶打不着火属于用户自有设备的，可联系燃气公司有偿维修。',
    },
    {
      slug: 'gas-leak-safety',
      kind: 'answer',
      topic: 'gas',
      category: 'help',
      title: '闻到燃气味、燃气泄漏应急处置',
      keywords: ['燃气泄漏', '煤气味', '燃气味', '漏气', '天然气泄漏', '爆炸', '抢修', '关阀'],
      body: '闻到燃气味道时，请立即告知来电人：关闭燃气总阀，打开门窗通风，不要开关任何电器、不要使用明火和手机，迅速撤离到室外安全地点后再打电话。情况紧急（味道很浓、有人员不适或起火）的，请立即转119，并通知燃气公司抢修，燃气公司须在接报后30分钟内到场。工单按紧急件登记，记录转接情况。',
    },
    {
      slug: 'electricity-outage',
      kind: 'answer',
      topic: 'electricity',
      category: 'help',
      title: '停电、频繁跳闸报修',
      keywords: ['停电', '断电', '跳闸', '供电', '电压不稳', '电线', '95598', '来电', '抢修'],
      body: '电力故障报修可直接拨打供电服务热线95598，也可由本热线派供电公司办理。先请来电人确认是单户停电（可能为家中空开跳闸）还是整片停电。整片停电无计划停电通知的，按紧急件派供电公司抢修，城区一般45分钟内到达现场；频繁停电、电压不稳的，按投诉件派供电公司排查线路，5个工作日内回复。',
      contacts: [c('国家电网供电服务热线', '95598')],
    },
    // ── 住房建设 ──────────────────────────────────────────────
    {
      slug: 'property-service',
      kind: 'answer',
      topic: 'property-management',
      category: 'complaint',
      title: '物业服务不到位投诉',
      keywords: [
        '物业',
        '物业公司',
        '物业服务',
        '保洁',
        '楼道',
        '不作为',
        '业主',
        '业委会',
        '服务差',
      ],
      body: '物业服务企业应按物业服务合同约定提供服务。来电人反映物业服务不到位的，请记录小区名称、物业公司名称和具体问题（保洁、安保、维修、绿化等），按投诉件派住房和城乡建设局办理，由其会同属地街道督促物业整改，并纳入物业服务企业信用考核。涉及物业服务合同纠纷、要求退还物业费的，可告知来电人通过业主委员会协商或依法向人民法院起诉。',
    },
    {
      slug: 'property-elevator',
      kind: 'answer',
      topic: 'property-management',
      category: 'help',
      title: '电梯故障、困人',
      keywords: ['电梯', '困人', '关人', '电梯故障', '停运', '维保', '电梯坏了', '安全隐患'],
      body: '电梯困人属紧急情况：请告知被困人员保持冷静、不要扒门，按电梯内紧急呼叫按钮或拨打轿厢内张贴的维保单位电话，同时按紧急件通知物业和维保单位，维保单位须在30分钟内到场救援；有人员受伤或情况危急的，转119。电梯频繁故障、维保不到位的，按投诉件派市场监督管理局（特种设备安全监察）和住房和城乡建设局办理。',
    },
    {
      slug: 'property-ev-charging',
      kind: 'answer',
      topic: 'property-management',
      category: 'suggestion',
      title: '电动自行车充电桩、飞线充电',
      keywords: [
        '充电桩',
        '电动车',
        '电动自行车',
        '飞线充电',
        '楼道充电',
        '充电难',
        '电瓶车',
        '消防隐患',
      ],
      body: '电动自行车严禁在楼道、楼梯间、安全出口等公共区域停放充电，严禁私拉电线（“飞线”）充电。小区增设电动自行车集中停放充电设施的，由业主、物业共同推进，属地街道和住房和城乡建设局予以指导，符合条件的可纳入老旧小区改造。来电人建议增设充电桩的，按建议件派属地街道（乡镇）会同物业答复；反映楼道充电、飞线充电等消防隐患的，按投诉件派属地街道，由其会同消防救援部门处理。',
    },
    {
      slug: 'property-fee',
      kind: 'answer',
      topic: 'property-management',
      category: 'consult',
      title: '物业费收费标准及调价',
      keywords: ['物业费', '收费标准', '涨价', '调价', '公示', '停车费', '物业收费', '公摊'],
      body: '普通住宅前期物业服务收费实行政府指导价，其他物业服务收费由业主与物业服务企业在合同中约定。物业服务企业调整收费标准须经业主大会或相关业主依法表决同意，并在小区显著位置公示收费项目、标准和依据。来电人反映物业擅自涨价、未公示收费的，按投诉件派住房和城乡建设局会同市场监督管理局（价格监督）核查。',
    },
    {
      slug: 'housing-cracks',
      kind: 'answer',
      topic: 'housing-quality',
      category: 'complaint',
      title: '新房墙体裂缝、渗漏水',
      keywords: [
        '房屋质量',
        '裂缝',
        '墙体开裂',
        '渗水',
        '漏水',
        '保修期',
        '开发商',
        '外墙脱落',
        '瓷砖',
      ],
      body: '商品房交付后，屋面防水工程、卫生间和外墙面的防渗漏保修期为5年，主体结构在合理使用年限内保修，保修期内的质量问题由开发建设单位负责维修。来电人反映新房裂缝、渗漏的，请记录楼盘名称、楼栋房号、交房时间，按投诉件派住房和城乡建设局督促开发企业维修。外墙瓷砖脱落、墙体大面积开裂可能危及安全的，按紧急件派单并提醒来电人远离危险区域；同一楼栋多名住户集中反映的，立即报告值班长。',
    },
    {
      slug: 'housing-fund-withdrawal',
      kind: 'answer',
      topic: 'other',
      category: 'consult',
      title: '住房公积金提取和贷款',
      keywords: [
        '公积金',
        '住房公积金',
        '提取',
        '取公积金',
        '公积金贷款',
        '租房提取',
        '离职提取',
        '缴存',
      ],
      body: '职工购买、建造、翻建、大修自住住房，偿还购房贷款本息，租房自住，离休退休，与单位终止劳动关系未再就业等情形，可以申请提取住房公积金。提取可通过住房公积金管理中心网上服务大厅、手机公积金APP或服务网点办理，材料齐全的一般当场或3个工作日内到账。公积金贷款额度与缴存年限和账户余额挂钩，具体以住房公积金管理中心公布的政策为准。',
    },
    // ── 交通出行 ──────────────────────────────────────────────
    {
      slug: 'bus-route-service',
      kind: 'answer',
      topic: 'bus-lines',
      category: 'suggestion',
      title: '公交线路调整建议与服务投诉',
      keywords: [
        '公交',
        '公交车',
        '线路',
        '增开',
        '延长',
        '甩站',
        '发车',
        '等车',
        '站点',
        '司机态度',
      ],
      body: '市民对增开、延长、调整公交线路的建议，按建议件派交通运输局，由其会同公交公司结合客流调研论证后答复。公交车甩站、不按时刻表发车、驾驶员服务态度差等，请记录线路号、车牌号或自编号、时间和站点，按投诉件派交通运输局督促公交公司处理。公交临时改线信息请查阅知识库“通知”。',
    },
    {
      slug: 'taxi-complaint',
      kind: 'answer',
      topic: 'taxi',
      category: 'complaint',
      title: '出租车、网约车服务投诉',
      keywords: [
        '出租车',
        '的士',
        '网约车',
        '拒载',
        '绕路',
        '议价',
        '不打表',
        '司机',
        '遗失物品',
        '滴滴',
      ],
      body: '出租车拒载、绕路、议价不打表、服务态度差等，请记录车牌号、乘车时间、上下车地点，有发票的提供发票信息，按投诉件派交通运输局（运输管理机构）办理。网约车服务问题请来电人先通过网约车平台客服投诉，平台处理不满意或涉及非法营运的，再派交通运输局。乘车遗失物品的，可提供车牌号由运输管理机构协助联系司机。',
    },
    // ── 人力社保 ──────────────────────────────────────────────
    {
      slug: 'social-insurance-flexible',
      kind: 'answer',
      topic: 'social-insurance',
      category: 'consult',
      title: '灵活就业人员参加养老保险',
      keywords: [
        '灵活就业',
        '个体',
        '养老保险',
        '参保',
        '缴费基数',
        '社保',
        '自己交社保',
        '职工养老',
      ],
      body: '灵活就业人员可携带身份证到户籍地或居住地社保经办窗口办理参保登记，也可通过人社政务服务平台线上办理；缴费基数在上年度城镇单位就业人员平均工资的60%至300%之间自主选择，按月或按年缴纳。累计缴费满15年、达到法定退休年龄的，可按月领取基本养老金。',
    },
    {
      slug: 'social-insurance-records',
      kind: 'answer',
      topic: 'social-insurance',
      category: 'consult',
      title: '社保缴费记录查询、单位欠缴',
      keywords: [
        '社保',
        '缴费记录',
        '查询',
        '欠缴',
        '断缴',
        '补缴',
        '单位不交社保',
        '养老金',
        '社保卡',
      ],
      body: '个人社保缴费记录可通过人社政务服务平台、电子社保卡或社保经办窗口查询，也可拨打12333人社服务热线按提示查询。用人单位未依法为职工缴纳社会保险费的，按投诉件派人力资源和社会保障局（社会保险经办机构和劳动保障监察机构）核查，责令单位限期补缴。退休人员养老金调整的发放时间以人社部门公布为准，一般在调整文件下发后补发到账。',
      contacts: [c('12333人社服务热线', '12333', '工作日 8:30—17:30')],
    },
    {
      slug: 'wage-arrears',
      kind: 'answer',
      topic: 'wage-arrears',
      category: 'complaint',
      title: '拖欠工资、农民工欠薪',
      keywords: [
        '欠薪',
        '拖欠工资',
        '讨薪',
        '工资',
        '不发工资',
        '包工头',
        '农民工',
        '劳动监察',
        '工地',
      ],
      body: '用人单位拖欠劳动者工资的，由人力资源和社会保障局劳动保障监察机构依法查处。受理时请记录单位名称和地址、欠薪人数、欠薪月数和金额、用工时间，是否有劳动合同、考勤或工资条等证据。工程建设领域拖欠农民工工资、包工头失联的，可注明项目名称和施工总承包单位，按农民工工资支付相关规定由总承包单位先行清偿。涉及人数多、可能引发群体性事件的，按紧急件派单并报告值班长。',
    },
    {
      slug: 'employment-registration',
      kind: 'answer',
      topic: 'employment',
      category: 'consult',
      title: '失业登记和招聘会信息',
      keywords: ['失业登记', '就业', '招聘会', '找工作', '失业金', '失业保险', '就业创业', '培训'],
      body: '失业登记可持身份证到户籍地或常住地公共就业服务机构办理，也可网上办理。符合条件的失业人员可申领失业保险金，并享受免费职业介绍和职业技能培训。本地人力资源市场每周六上午举办综合招聘会，专场招聘会信息可在人社部门官网和公众号查询。',
    },
    {
      slug: 'labour-arbitration-referral',
      kind: 'referral',
      topic: 'wage-arrears',
      category: 'consult',
      title: '劳动争议仲裁、行政复议（告知途径）',
      keywords: [
        '劳动仲裁',
        '仲裁',
        '劳动争议',
        '工伤认定',
        '经济补偿',
        '辞退',
        '行政复议',
        '开除',
      ],
      body: '劳动合同解除、经济补偿、工伤待遇等劳动争议，依法应申请劳动人事争议仲裁，热线不予受理。请告知来电人：自知道或者应当知道权利被侵害之日起一年内，向用人单位所在地劳动人事争议仲裁委员会申请仲裁，对仲裁裁决不服的可向人民法院起诉。对行政机关具体行政行为不服的，应依法申请行政复议或提起行政诉讼。登记为不予受理并记录告知内容。',
      contacts: [c(`${county}劳动人事争议仲裁院`, '6612 3408', OFFICE_HOURS)],
    },
    // ── 医疗卫生 ──────────────────────────────────────────────
    {
      slug: 'medical-insurance-remote',
      kind: 'answer',
      topic: 'medical-insurance',
      category: 'consult',
      title: '异地就医备案和直接结算',
      keywords: ['异地就医', '备案', '医保', '报销', '住院', '外地看病', '直接结算', '转诊'],
      body: '异地就医备案可通过国家医保服务平台APP或当地医保经办窗口办理，备案后在定点医院住院可直接结算，报销比例按参保地政策执行。未备案或急诊未能直接结算的，出院后持发票、费用清单、出院小结等材料到参保地医保经办机构手工报销。',
    },
    {
      slug: 'medical-insurance-outpatient',
      kind: 'answer',
      topic: 'medical-insurance',
      category: 'consult',
      title: '门诊慢特病认定和医保报销',
      keywords: [
        '慢特病',
        '慢性病',
        '门诊报销',
        '医保报销',
        '起付线',
        '报销比例',
        '城乡居民医保',
        '医保缴费',
      ],
      body: '高血压、糖尿病等门诊慢特病，由参保人持二级以上定点医疗机构的诊断证明向医保经办机构申请认定，认定后门诊费用按规定比例报销。城乡居民医保每年集中缴费期一般为9月至12月，可通过税务APP、微信或社区代收点缴纳。具体起付线和报销比例以医疗保障局公布的当年政策为准。',
    },
    // ── 教育 ─────────────────────────────────────────────────
    {
      slug: 'school-enrolment-migrant',
      kind: 'answer',
      topic: 'school-enrolment',
      category: 'consult',
      title: '随迁子女入学材料',
      keywords: [
        '入学',
        '上学',
        '随迁子女',
        '外地户口',
        '非本地户籍',
        '小学',
        '报名',
        '居住证',
        '一年级',
      ],
      body: '随迁子女入学需提供居住证、监护人就业或社保证明、户口簿及儿童出生证明等材料，在教育部门公布的报名时间内通过线上平台报名，由教育部门统筹安排学位。每年招生政策一般在5月公布，请以当年教育局发布的招生公告为准。',
    },
    {
      slug: 'school-enrolment-zones',
      kind: 'answer',
      topic: 'school-enrolment',
      category: 'consult',
      title: '义务教育学区划分和招生时间',
      keywords: ['学区', '划片', '招生', '小升初', '学位', '对口学校', '房产证', '入学时间'],
      body: '义务教育阶段公办学校实行免试就近入学，按学区（片区）招生，学区划分每年由教育局公布。一般5月公布招生政策，6月至7月网上报名、审核材料，8月公布录取结果。对口学校学位不足时按户籍、房产、居住年限等顺序安排。对学区划分有异议的，按咨询或建议件派教育局答复。',
    },
    // ── 市场监管 ──────────────────────────────────────────────
    {
      slug: 'food-safety-restaurant',
      kind: 'answer',
      topic: 'food-safety',
      category: 'complaint',
      title: '餐馆食品卫生、疑似食物中毒',
      keywords: [
        '食品安全',
        '不卫生',
        '食物中毒',
        '腹泻',
        '拉肚子',
        '吃坏肚子',
        '饭菜',
        '过期食品',
        '小作坊',
        '无证经营',
        '苍蝇',
        '变质',
      ],
      body: '疑似食物中毒出现呕吐、腹泻等症状的，请首先建议来电人及时就医并保留剩余食物、消费凭证和病历。餐馆卫生条件差、销售过期变质食品、无证生产经营的，请记录商户名称、地址、就餐或购买时间，按投诉（举报）件派市场监督管理局办理，承办单位现场检查并抽样送检。多人同时发病的，按紧急件派单并报告值班长。',
    },
    {
      slug: 'consumer-prepaid-card',
      kind: 'answer',
      topic: 'consumer-rights',
      category: 'complaint',
      title: '预付卡商家关门跑路',
      keywords: [
        '预付卡',
        '会员卡',
        '充值卡',
        '办卡',
        '跑路',
        '关门',
        '停业',
        '退费',
        '健身房',
        '美容',
      ],
      body: '经营者以预收款方式提供商品或服务后停业、闭店的，消费者可要求退还剩余预付款。请记录商家名称、地址、办卡时间、充值金额和剩余金额，保存好预付卡、收据和聊天记录，按投诉件派市场监督管理局调解。商家已人去楼空、涉及人数多、金额大的，可能涉嫌诈骗，建议来电人向公安机关报案。',
    },
    {
      slug: 'consumer-returns',
      kind: 'answer',
      topic: 'consumer-rights',
      category: 'complaint',
      title: '商品质量问题退换货',
      keywords: [
        '退货',
        '换货',
        '质量问题',
        '三包',
        '消费维权',
        '商家拒绝',
        '假货',
        '网购',
        '七天无理由',
      ],
      body: '购买的商品存在质量问题，经营者应按国家规定或约定履行修理、更换、退货义务；网购商品（除特殊商品外）自收到之日起七日内可无理由退货。请来电人保留购物凭证，先与商家协商；协商不成的，可拨打12315或按投诉件派市场监督管理局调解。涉及网店的，请记录平台和店铺名称。',
      contacts: [c('全国12315平台（市场监管投诉举报）', '12315')],
    },
    // ── 公安 ─────────────────────────────────────────────────
    {
      slug: 'hukou-newborn',
      kind: 'answer',
      topic: 'household-registration',
      category: 'consult',
      title: '新生儿落户',
      keywords: ['落户', '上户口', '新生儿', '户口', '出生证明', '派出所', '入户', '办户口'],
      body: '新生儿落户需携带出生医学证明、父母双方户口簿和身份证、结婚证，到户籍所在地派出所户籍窗口办理，部分地区可通过公安政务服务平台网上申报、“出生一件事”联办。新生儿随父或随母落户均可，一般当场办结。',
    },
    {
      slug: 'hukou-id-card',
      kind: 'answer',
      topic: 'household-registration',
      category: 'consult',
      title: '身份证补办、换领和户口迁移',
      keywords: [
        '身份证',
        '补办',
        '换证',
        '丢失',
        '到期',
        '户口迁移',
        '迁户口',
        '临时身份证',
        '异地办证',
      ],
      body: '居民身份证丢失补领、到期换领，可到任一公安户籍窗口或出入境大厅办理，已实现跨省通办，一般20个工作日内制证，急需可申领临时身份证。户口迁移须按迁入地落户政策准备材料，省内迁移可在迁入地派出所一站办理。具体材料以公安部门公布为准。',
    },
    // ── 民政 ─────────────────────────────────────────────────
    {
      slug: 'elderly-allowance',
      kind: 'answer',
      topic: 'elderly-care',
      category: 'consult',
      title: '高龄津贴申领',
      keywords: ['高龄津贴', '高龄补贴', '老年人', '80岁', '养老补贴', '老人补贴', '老年证'],
      body: '年满80周岁的本地户籍老人，可持身份证、户口簿到户籍所在社区服务中心申请高龄津贴，审核通过后按月发放。行动不便的老人可由家属代办或申请工作人员上门办理。津贴标准按年龄段分档，以民政部门公布为准。',
    },
    {
      slug: 'elderly-home-care',
      kind: 'answer',
      topic: 'elderly-care',
      category: 'help',
      title: '居家养老上门服务、养老机构',
      keywords: ['居家养老', '上门服务', '独居老人', '助餐', '养老院', '养老机构', '护理', '失能'],
      body: '独居、空巢、失能老人可向户籍所在社区申请居家养老服务，经评估后由服务机构提供助餐、助洁、助浴、助医等上门服务，符合条件的特困、低保老人由政府购买服务。需要入住养老机构的，可咨询民政局或街道养老服务中心了解就近机构名单和收费。',
    },
    {
      slug: 'neighbourhood-mediation',
      kind: 'answer',
      topic: 'neighbourhood',
      category: 'help',
      title: '邻里纠纷调解（漏水、楼道堆物、养狗）',
      keywords: [
        '邻里纠纷',
        '邻居',
        '调解',
        '楼上漏水',
        '楼道堆物',
        '养狗',
        '犬',
        '占用楼道',
        '人民调解',
      ],
      body: '邻里之间因漏水、楼道堆放杂物、饲养宠物等产生的纠纷，由社区人民调解委员会免费调解。请告知来电人可先联系社区或物业；需要调解的，按求助件派属地街道（乡镇）组织调解。楼道堆物影响消防通道的，属地可联系消防部门依法清理。调解不成的，当事人可依法向人民法院起诉。',
    },
    // ── 零周折：不予受理和紧急转接 ───────────────────────────
    {
      slug: 'referral-courts-procuratorates',
      kind: 'referral',
      topic: 'other',
      category: 'other',
      title: '涉诉涉法事项（法院、检察院）告知途径',
      keywords: [
        '法院',
        '判决',
        '起诉',
        '诉讼',
        '立案',
        '执行',
        '检察院',
        '申诉',
        '不服判决',
        '人大',
      ],
      body: '已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，以及属于人民法院、人民检察院、人大职权范围的事项，热线不予受理。请耐心告知来电人：对法院生效判决不服的，可向作出判决的法院或上一级法院申请再审；要求立案、执行的，向有管辖权的人民法院诉讼服务中心提出；对司法机关工作人员的违法违纪行为，可向检察院或纪检监察机关反映。工单登记为“不予受理”，记录告知的单位和电话。',
      contacts: [
        c(`${county}人民法院诉讼服务中心`, '12368', OFFICE_HOURS),
        c(`${county}人民检察院控告申诉检察服务`, '12309', OFFICE_HOURS),
      ],
    },
    {
      slug: 'referral-110-public-order',
      kind: 'referral',
      topic: 'public-order',
      category: 'help',
      title: '治安警情转110',
      keywords: ['110', '报警', '打架', '斗殴', '持刀', '盗窃', '被偷', '诈骗', '警情', '人身安全'],
      body: '正在发生的违法犯罪、打架斗殴、盗窃抢劫、人身安全受到威胁等警情，属110受理范围。请立即告知来电人拨打110，或按“三方转接”将来电转至110，确认接通后挂机。工单登记为转110，记录事发地点、转接时间。已被诈骗的，提醒来电人立即报警并联系银行冻结账户。',
      contacts: [c('公安报警电话', '110')],
    },
    {
      slug: 'referral-119-fire',
      kind: 'referral',
      topic: 'other',
      category: 'help',
      title: '火灾及抢险救援转119',
      keywords: ['119', '着火', '火灾', '冒烟', '起火', '消防', '被困', '救援', '燃气爆炸'],
      body: '火灾、燃气泄漏严重、人员被困等抢险救援事项，请立即转119，同时提醒来电人迅速撤离、不乘电梯、用湿毛巾捂住口鼻。堵塞消防通道、消防设施损坏等非紧急的消防安全隐患，可作为举报件受理，派消防救援部门办理。工单登记为转119，记录地点和转接时间。',
      contacts: [c('消防救援', '119')],
    },
    {
      slug: 'referral-120-medical',
      kind: 'referral',
      topic: 'medical-services',
      category: 'help',
      title: '急病、受伤转120',
      keywords: ['120', '急救', '晕倒', '昏迷', '受伤', '救护车', '心脏病', '出血', '急病'],
      body: '有人突发疾病、晕倒、受伤需要急救的，请立即转120，提醒来电人说清详细地址和病人症状，保持电话畅通，在专业人员到达前不要随意搬动伤者。对医院服务、医疗收费的投诉不属急救事项，按投诉件派卫生健康局办理。工单登记为转120，记录地点和转接时间。',
      contacts: [c('急救中心', '120')],
    },
    {
      slug: 'referral-122-traffic',
      kind: 'referral',
      topic: 'public-order',
      category: 'help',
      title: '交通事故转122',
      keywords: ['122', '交通事故', '撞车', '车祸', '追尾', '剐蹭', '交警', '挪车', '肇事逃逸'],
      body: '道路交通事故、车辆故障占道、交通拥堵需要交警现场处置的，请转122交通事故报警电话；有人员受伤的同时转120。仅有财产损失的轻微事故，提醒来电人开启危险报警闪光灯、在车后设置警告标志，拍照后撤离现场协商处理。对信号灯故障、交通标志设置的建议，按建议件派公安交通管理部门。',
      contacts: [c('交通事故报警', '122')],
    },
    {
      slug: 'referral-petitions',
      kind: 'referral',
      topic: 'other',
      category: 'other',
      title: '信访事项告知途径',
      keywords: ['信访', '上访', '信访局', '复查', '复核', '信访事项', '走访', '来信'],
      body: '已进入信访程序、要求复查复核信访处理意见的事项，由信访部门依照《信访工作条例》办理，热线不重复受理。请告知来电人可通过网上信访、来信、走访等方式向有权处理的机关提出，或向信访局查询办理进度。热线工单与信访系统数据共享，对首次反映的一般诉求，热线按正常流程受理，不得以“请走信访”推诿。',
      contacts: [c(`${city}信访局接待中心`, '6618 2100', OFFICE_HOURS)],
    },
    {
      slug: 'referral-12315-market',
      kind: 'referral',
      topic: 'consumer-rights',
      category: 'complaint',
      title: '12315市场监管投诉举报',
      keywords: ['12315', '市场监管', '投诉举报', '消费纠纷', '网购投诉', '全国12315平台', '消协'],
      body: `${province}12315市场监管投诉举报热线已与12345实现双号并行，消费纠纷、产品质量、价格、食品安全等诉求可由本热线直接受理并派市场监督管理局。来电人希望自行在线投诉、上传证据或查询在线纠纷解决（ODR）企业的，可告知其登录全国12315平台或拨打12315。`,
      contacts: [c('12315市场监管热线', '12315', '工作日 8:30—17:30')],
    },
    {
      slug: 'referral-12333-hrss',
      kind: 'referral',
      topic: 'social-insurance',
      category: 'consult',
      title: '12333人社服务热线',
      keywords: [
        '12333',
        '人社',
        '社保查询',
        '养老金查询',
        '个人权益记录',
        '社保卡挂失',
        '人社热线',
      ],
      body: '一般人社政策咨询按知识库标准答案直接答复。需核验身份的个人业务（个人社保缴费明细、养老金发放明细、社保卡挂失等），请告知来电人拨打12333按语音提示办理，或使用电子社保卡、人社政务服务平台自助查询。劳动保障监察投诉可由本热线直接受理。',
      contacts: [c('12333人社服务热线', '12333', '工作日 8:30—17:30')],
    },
    {
      slug: 'referral-12319-urban',
      kind: 'referral',
      topic: 'municipal-roads',
      category: 'consult',
      title: '12319城建服务热线（已并入12345）',
      keywords: ['12319', '城建热线', '城建', '市政', '供水', '燃气', '热线整合'],
      body: `${city}12319城建服务热线已整合并入12345政务服务热线，原12319受理的供水、燃气、供暖、市政道路、园林绿化、城市管理等诉求，由本热线直接受理并派相关单位，不再请来电人改拨。来电人拨打原号码的，系统已自动转入本热线。`,
    },
    // ── 桃林区本地条目和通知 ──────────────────────────────────
    {
      slug: 'notice-water-outage-chengxi',
      kind: 'notice',
      topic: 'water-supply',
      category: 'consult',
      owner: DEMO_KB_COUNTY,
      title: `${west}计划停水通知`,
      keywords: ['停水', '停水通知', '计划停水', '管网改造', west, '储水', '恢复供水'],
      body: `因供水管网改造施工，${water}定于本周六8:00至20:00对${county}${west}建设路以西、人民路以北区域暂停供水，涉及幸福家园、锦绣花园、纺织厂家属院等小区。施工结束后逐步恢复供水，恢复初期水质可能浑浊，请放水片刻后使用。请居民提前储水，停水期间如遇紧急用水可拨打供水抢修电话。`,
      contacts: [c(`${water}供水抢修`, '6612 3110')],
      validDays: 7,
    },
    {
      slug: 'notice-bus-reroute',
      kind: 'notice',
      topic: 'bus-lines',
      category: 'consult',
      owner: DEMO_KB_COUNTY,
      title: '公交12路、27路临时改线通知',
      keywords: ['公交改线', '改线', '临时站点', '绕行', '12路', '27路', '道路施工', '甩站'],
      body: `因解放路（中山路至文化路段）道路施工封闭，自即日起至施工结束，12路、27路公交临时改线：双向绕行中山路、文化路，停靠中山路临时站点，取消解放路北口、百货大楼两站。施工结束后恢复原线路，具体以公交公司公告为准。咨询请联系${transport}。`,
      contacts: [c(`${transport}运输管理股`, '6612 3520', OFFICE_HOURS)],
      validDays: 30,
    },
    {
      slug: 'notice-gas-safety-check',
      kind: 'notice',
      topic: 'gas',
      category: 'consult',
      owner: DEMO_KB_COUNTY,
      title: `${gas}入户安全检查通知`,
      keywords: ['燃气安检', '入户检查', '安检', '上门检查', '燃气公司', '工作证', '冒充'],
      body: `${gas}本月起对${centre}、${west}居民用户开展年度入户燃气安全检查，安检人员统一着工装、佩戴工作证，检查免费，不推销任何产品。来电人怀疑有人冒充燃气公司人员上门推销的，请提醒其核验工作证、拒绝付费，并可拨打燃气公司电话核实。`,
      contacts: [c(`${gas}客服`, '6612 3119')],
      validDays: 30,
    },
    {
      slug: 'local-vending-spots',
      kind: 'answer',
      topic: 'street-vending',
      category: 'consult',
      owner: DEMO_KB_COUNTY,
      title: `${county}便民疏导点（摆摊去哪里）`,
      keywords: ['便民疏导点', '摆摊', '夜市', '哪里可以摆摊', '流动摊贩', '地摊', '经营点'],
      body: `${county}设有三处便民疏导点：${centre}南湖路夜市（每日17:00—23:00）、${west}滨河路早市（每日5:30—9:00）、建设路农贸市场外侧临时摊区（每日7:00—19:00）。摊贩可向${urban}申请入点经营，免收摊位费。请勿在学校门口、主干道两侧摆摊。`,
      contacts: [c(`${urban}市容科`, '6612 3430', OFFICE_HOURS)],
    },
    {
      slug: 'notice-bus-reroute-2025',
      kind: 'notice',
      topic: 'bus-lines',
      category: 'consult',
      owner: DEMO_KB_COUNTY,
      status: 'retired',
      title: '公交8路临时改线通知（已结束）',
      keywords: ['公交改线', '8路', '临时站点'],
      body: '因迎宾大道雨污分流施工，8路公交临时绕行北环路。施工已结束，8路已恢复原线路。',
      endedDaysAgo: 40,
    },
    {
      slug: 'heating-fee-subsidy-draft',
      kind: 'answer',
      topic: 'heating',
      category: 'consult',
      status: 'draft',
      title: '困难家庭供暖费补贴（征求意见稿）',
      keywords: ['供暖补贴', '困难家庭', '低保', '供暖费减免'],
      body: '拟对城乡低保、特困供养家庭按建筑面积给予供暖费补贴，具体标准待民政、住建部门联合发文后更新本条目。发布前请勿对外答复。',
    },
  ];
}

/**
 * The demo articles as plain views, reviewed a few weeks before `now`.
 *
 * @example
 * demoKbArticles(Date.now()).find((a) => a.slug === 'kitchen-fumes')?.title; // '餐饮油烟扰民'
 */
export function demoKbArticles(now: number): KbArticleView[] {
  return drafts(demoPlaces()).map((d, i) => {
    const reviewedAt = now - (10 + (i % 20)) * DAY;
    // Referrals and notices change more often than standard answers (定期更新).
    const interval = d.kind === 'answer' ? 180 : 90;
    const view: KbArticleView = {
      slug: d.slug,
      kind: d.kind,
      title: d.title,
      topic: d.topic,
      keywords: [...d.keywords],
      status: d.status ?? 'published',
      ownerUnitId: d.owner ?? PROVINCE,
      reviewedAt,
      reviewDue: reviewedAt + interval * DAY,
      version: d.status === 'draft' ? 0 : 1 + (i % 3),
      body: d.body,
      contacts: d.contacts ? [...d.contacts] : [],
    };
    if (d.category !== undefined) view.category = d.category;
    if (d.validDays !== undefined) view.validTo = now + d.validDays * DAY;
    if (d.endedDaysAgo !== undefined) view.validTo = now - d.endedDaysAgo * DAY;
    return view;
  });
}

/**
 * The demo articles as `ydocs` records for the seed, all stamped `stamp`.
 *
 * @example
 * const records = demoKbRecords(now, formatHlc({ millis: now, counter: 0, node: 'seed' }));
 * records[0]?.id; // 'kb:noise-night-business'
 */
export function demoKbRecords(now: number, stamp: string): YDocRecord[] {
  return demoKbArticles(now).map((view) => ({
    id: kbDocId(view.slug),
    kind: 'kb',
    unitId: view.ownerUnitId,
    update: toBase64(kbArticleUpdate(view)),
    updatedAt: stamp,
  }));
}
