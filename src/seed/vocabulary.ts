/**
 * Word lists for plausible seed data: Chinese cities with districts and streets, banks, law firms,
 * names, brands and technical topics. Data only.
 */

/** City, its administrative-division code prefix (GB/T 2260), registry abbreviation, districts, streets. */
export const CITIES = [
  { city: '北京市', code: '1101', abbr: '京', districts: ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '通州区'], streets: ['建国路', '长安街', '中关村大街', '学院路', '金融街', '望京街'] },
  { city: '上海市', code: '3101', abbr: '沪', districts: ['黄浦区', '徐汇区', '静安区', '浦东新区', '长宁区', '闵行区'], streets: ['南京西路', '淮海中路', '世纪大道', '漕溪北路', '延安西路', '陆家嘴环路'] },
  { city: '广州市', code: '4401', abbr: '粤', districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'], streets: ['天河路', '中山五路', '环市东路', '珠江东路', '新港中路'] },
  { city: '深圳市', code: '4403', abbr: '粤', districts: ['福田区', '南山区', '罗湖区', '宝安区', '龙岗区'], streets: ['深南大道', '科技园路', '滨海大道', '宝安大道', '华强北路'] },
  { city: '杭州市', code: '3301', abbr: '浙', districts: ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区'], streets: ['文三路', '延安路', '江南大道', '文一西路', '体育场路'] },
  { city: '成都市', code: '5101', abbr: '川', districts: ['锦江区', '武侯区', '青羊区', '成华区', '高新区'], streets: ['春熙路', '人民南路', '天府大道', '蜀都大道', '一环路'] },
  { city: '武汉市', code: '4201', abbr: '鄂', districts: ['江岸区', '武昌区', '洪山区', '江汉区'], streets: ['解放大道', '中南路', '珞喻路', '建设大道'] },
  { city: '南京市', code: '3201', abbr: '苏', districts: ['玄武区', '鼓楼区', '秦淮区', '建邺区'], streets: ['中山路', '汉中路', '江东中路', '北京东路'] },
  { city: '西安市', code: '6101', abbr: '陕', districts: ['雁塔区', '碑林区', '新城区', '未央区'], streets: ['长安北路', '小寨东路', '高新路', '未央路'] },
  { city: '重庆市', code: '5001', abbr: '渝', districts: ['渝中区', '江北区', '南岸区', '渝北区'], streets: ['解放碑步行街', '观音桥步行街', '南坪正街', '金开大道'] },
] as const;

/** Bank name and a card BIN prefix. */
export const BANKS = [
  { name: '中国工商银行', bin: '622202' },
  { name: '中国建设银行', bin: '621700' },
  { name: '中国农业银行', bin: '622848' },
  { name: '中国银行', bin: '621661' },
  { name: '交通银行', bin: '622262' },
  { name: '招商银行', bin: '622588' },
  { name: '中信银行', bin: '622690' },
  { name: '浦发银行', bin: '622521' },
  { name: '兴业银行', bin: '622909' },
  { name: '平安银行', bin: '622155' },
  { name: '中国民生银行', bin: '622622' },
  { name: '北京银行', bin: '621468' },
] as const;

export const LAW_FIRMS = ['北京市金杜律师事务所', '北京市君合律师事务所', '北京市中伦律师事务所', '上海市方达律师事务所', '北京市环球律师事务所', '北京市竞天公诚律师事务所', '北京市通商律师事务所', '北京市海问律师事务所', '北京大成律师事务所', '国浩律师(上海)事务所', '广东华商律师事务所', '浙江天册律师事务所'] as const;

export const PRACTICE_AREAS = ['civil', 'commercial', 'criminal', 'administrative', 'ip', 'labour', 'real_estate', 'finance', 'bankruptcy', 'maritime'] as const;

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'] as const;
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛', '明', '超', '秀英', '建华', '志强', '晓东', '海燕', '丽娟'] as const;

export const BRAND_WORDS = ['华', '信', '达', '恒', '泰', '隆', '鑫', '康', '盛', '通', '宏', '瑞', '安', '佳', '优', '美', '诺', '博'] as const;
export const SOFTWARE_SUBJECTS = ['智能仓储管理', '在线教育', '电子合同签署', '供应链金融', '智慧社区', '医疗影像分析', '区块链存证', '物流调度', '客户关系管理', '工业视觉检测'] as const;
export const PATENT_TOPICS = ['锂电池正极材料的制备', '基于深度学习的图像识别', '可折叠显示装置', '污水处理生物膜反应器', '新能源汽车热管理', '无人机避障控制', '中药提取纯化', '低功耗物联网通信', '建筑外墙保温结构', '智能电网负荷预测'] as const;

export const CASE_CAUSES = ['民间借贷纠纷', '买卖合同纠纷', '金融借款合同纠纷', '房屋租赁合同纠纷', '劳动争议', '侵害商标权纠纷', '著作权权属、侵权纠纷', '建设工程施工合同纠纷', '物业服务合同纠纷', '信用卡纠纷'] as const;
export const VEHICLES = ['比亚迪 汉 EV', '大众 帕萨特', '丰田 凯美瑞', '特斯拉 Model 3', '本田 雅阁', '吉利 星越L', '蔚来 ES6', '宝马 5系'] as const;
export const EQUIPMENT = ['数控机床', '塔式起重机', '注塑机', '挖掘机', '叉车', '激光切割机'] as const;
