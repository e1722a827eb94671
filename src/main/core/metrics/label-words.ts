/**
 * Word lists for finding labels (see label.ts). They are compared with whole words of the
 * segmenter (words.ts), never with pieces of text, so a list entry can never cut a word in two.
 * Written by hand from general newspaper usage; a word missing here makes a label longer or
 * shorter, never broken.
 */

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/u).filter(Boolean));
}

/**
 * What stands between a label and its figure (产值**达**3512亿元, 企业总数**为**300家, 数量**居**全市
 * 前列): copulas, rank and comparison verbs, adverbs and particles. Dropped from the end of the
 * text before a figure, where they say how the label relates to it.
 */
export const GLUE = set(`
  是 为 有 达 达到 达到了 已达 已达到 达至 到 至 共 共有 共计 总计 合计 计 约 约为 约有 大约 约计 已 已经 已有 现有 还有 仍有 尚有 共达 累计 累计达 累计达到
  总共 一共 都 均 也 还 又 就 仅 只 只有 仅有 仅为 了 的 占 居 列 排 排名 排在 排行 名列 位居 位列 居于 稳居 跃居 跻身 荣获 获 保持 连续 分别 分别为 分别是
  分别达 分别达到 超 超过 超出 突破 逾 近 将近 接近 高达 多达 不足 不到 不少于 至少 最多 最少 增至 升至 降至 减至 提高到 提高至 增加到 增加至 扩大到 扩大至 减少到
  减少至 下降到 下降至 上升到 上升至 增长到 增长至 提升到 提升至 相当于 比 较 同比 环比 比上年 比去年 较上年 较去年 比上月 新增 增加 增长 提高 提升 减少 下降 降低
  回落 上升 上涨 由 从 已由 自 仍 仍然 尚 现 目前 今年 去年 当年 同年 全年 上半年 下半年 年内 月份 期间 以来 年来 一年 当月 当天 当日 全天 人均 人平 每人 户均
  每户 年均 每年 月均 每月 日均 每天 每日 亩均 每亩 平均 年平均 各 每 计划 预计 力争 争取 确保 实际 总 全部 首次 再次 首批 先后 相继 陆续 一次 一举 一跃 大幅
  明显 逐年 逐步 持续 不断 基本 初步 整整 足足 将 要 可 能 能够 可以 可达 预期 达成 完成了 降到 升到 跌到 涨到 增到 减到 跌至 涨至 跌破 回升 回升到 回升至
  发展到 发展至 缩小到 缩小至 恢复到 恢复至 原来 原先 今后 此后 以后 短短 提前 就有 为期 长达 历时 已经达到 最高 最低 曾有 曾经有 曾 满 须满 已满 未满 不满 需 须
  必须 总共有 先后有 相继有 一度 一下 扩张 扩张到 扩张至
`);

/**
 * Words a label cannot hold: prepositions, conjunctions, adverbs, pronouns, particles, time words
 * and verbs. Walking back from a figure, the label stops before the first of them
 * (全区累计**拥有**|国家高新技术企业267家; 获得|知识价值信用贷款4.46亿元).
 */
export const STOP = set(`
  在 从 对 向 由 于 以 把 被 将 给 为 与 和 同 跟 及 以及 并 并且 而 而且 或 或者 但 但是 却 则 比 按 按照 根据 依据 依照 通过 经过 随着 关于 对于 至于 自
  自从 当 除 除了 凭 凭借 依 依靠 沿 沿着 朝 往 向着 为了 因 因为 由于 所以 因此 如果 虽然 尽管 即 即使 既 如 像 等 等等 其中 包括 此外 另外 同时 还有 乃至
  甚至 直到 直至 一 一个 一些 有的 有些 这 那 这些 那些 这个 那个 这里 那里 这样 那样 其 该 本 此 他 她 它 他们 她们 它们 我们 你们 我 你 咱们 大家 自己 其他
  其它 其余 所有 某 某些 之 所 地 得 着 过 了 的 吗 呢 吧 啊 之间 之中 之内 之外 之后 之前 以外 左右 上下 前后 多 余 几 很 更 最 太 非常 十分 特别 比较
  较为 极 已 已经 曾 曾经 正 正在 刚 刚刚 才 就 都 也 还 又 再 仍 仍然 只 仅 仅仅 不 没 没有 未 别 共 总共 一共 均 约 大约 近 将近 超 逾 达 分别 各 每
  各自 相互 互相 首次 再次 第一次 不断 逐步 逐年 陆续 相继 先后 已然 依然 始终 一直 一起 一道 一同 共同 同样 一样 全都 只是 可是 似乎 好像 仿佛 几乎 恐怕 也许
  或许 可能 一定 必然 必须 需要 应 应该 应当 要 会 能 能够 可 可以 愿意 敢 肯 将要 准备 打算 力争 争取 确保 保证 今年 去年 明年 前年 当年 同年 全年 目前 当前
  现在 如今 近年 近年来 年来 以来 以后 此前 期间 截至 截止 截至目前 日前 最近 过去 未来 年底 年初 月底 月初 年末 岁末 今天 昨天 明天 当天 当时 此时 这时 那时 届时
  同期 上年 去年同期 原来 原先 今后 此后 短短 提前 就有 为期 长达 须 需 曾有 世纪 本世纪 一度 一下
`);

/**
 * Verbs that take what they count as their object (拥有|国家高新技术企业267家, 筹集|1000万元):
 * a label never runs back over them, and a figure right after one of them measures what follows
 * it or nothing.
 */
export const VERBS = set(`
  拥有 完成 实现 获得 取得 赢得 培育 培养 帮助 接待 接纳 接收 接受 接到 收到 收集 购买 购置 引进 引入 吸引 吸纳 吸收 招收 招聘 录取 录用 聘用 聘请 派出 派遣 出动
  动员 组建 组成 成立 设立 设置 创办 创立 兴办 开办 开设 开通 开辟 建起 建立 兴建 修建 修缮 改建 扩建 铺设 架设 栽种 栽植 开展 举办 举行 召开 参加 参与 出席 主持
  发起 推出 发布 公布 出版 发行 印发 编入 收录 编写 撰写 放映 播出 展示 提供 给予 发放 下拨 拨付 拨出 拨 调拨 调运 运送 运往 捐 捐资 捐献 赠送 筹集 筹措 筹资
  募集 拿出 安排 兑现 兑付 花费 耗资 耗费 查处 查获 破获 抓获 抓捕 逮捕 侦破 审理 审结 受理 办理 处理 解决 化解 调解 签订 签署 达成 形成 汇聚 集聚 聚集 集中 带动
  撬动 拉动 惠及 涉及 包括 包含 含 涵盖 发现 发生 造成 导致 引起 致使 使 让 令 叫 请 来到 到达 抵达 前往 赴 进入 回到 走进 走出 离开 访问 会见 会谈 参观 考察
  视察 看望 表示 说 指出 介绍 认为 称 透露 宣布 报道 报告 获悉 据 据统计 据悉 显示 表明 证明 反映 说明 作为 成为 变成 当作 视为 列为 评为 被评为 确定 确立 认定
  命名 利用 运用 采用 采取 依靠 推动 推进 促进 加快 加强 加大 扩大 缩小 改善 改变 提出 制定 出台 颁布 实施 执行 落实 贯彻 普及 申请 申报 批准 通过 获批 入选 入围
  荣立 荣获 夺得 获得了 荣膺 打造 建造 启动 完善 部署 乘车 乘坐 驾驶 携带 装有 装载 运载 载 承担 承办 承接 承包 负责 主办 协办 聘 雇用 雇佣 创 创造 创下 刷新
  打破 遇难 医治 抢救 感到 感触 觉得 看到 听到 想到 知道 懂得 了解 掌握 学习 学会 喜爱 热爱 欢迎 祝贺 庆祝 纪念 迎接 迎来 度过 走过 经历 历经 历时 用时 耗时 坚持
  属于 位于 处于 来自 来源 源于 涌现 出现 产生 存在 留下 剩下 余下 收 交 送 给 买 卖 养 建 修 办 用 拿 带 运 派 借 贷 欠 赔 表彰 授予 颁发 评选 选出 选举
  推选 当选 任命 担任 任 考 考上 考取 打 挖 盖 装 支援 援助 得到 受到 遭到 遭受 得以 获取 挽回 损失 换回 赢 拿到 领到 分到 分得 送来 送去 运来 运抵 发来 寄来
  入驻 进驻 落户 迁入 搬迁 到位
`);

/**
 * Where a label written after a figure ends besides STOP and VERBS: place words (500家美国企业|中).
 * Not used before a figure, where ICU's single characters of unknown words (规|上, 有效期|内) would
 * cut labels short.
 */
export const AFTER_STOP = set('中 里 内 上 下 前 后 间 时 外 旁 之中 之内 当中 以上 以下 左右');

/**
 * GLUE words that belong to the label when it goes on before them (新增市场主体, 人均纯收入):
 * dropped only right before the figure.
 */
export const IN_LABEL = set('新增 人均 人平 户均 年均 年平均 月均 日均 亩均 平均 总 实际 计划 预计 全年');

/**
 * Words ICU splits that name one thing (占|比, 人|均, 规|上): adjacent words are joined when
 * together they are one of these, or a word of any other list here (汇|聚, 比上|年). Joining only
 * removes boundaries, so labels still start and end where the segmenter puts a boundary.
 */
export const JOINED = set(
  '占比 人均 人平 户均 年均 日均 月均 亩均 规上 高新 民营 国有 私营 增加值 可支配 总产值 总投资 海内外 高层次 板块',
);

/**
 * Verbs that also name things (生产 in 国内生产总值, 投入 in 研发投入强度, 投资 in 固定资产投资): a
 * label may hold them, but one opening a longer label is the verb of the clause (生产|汽车66万辆
 * counts 汽车) and is dropped.
 */
export const NOMINAL = set(`
  生产 加工 制造 研制 研发 开发 投入 投资 投放 出口 进口 销售 出售 建设 种植 养殖 饲养 培训 教育
  治疗 救治 转移 输出 管理 经营 支出 支付 节约 改造 收购 采购 捐款 捐赠 审批 安置 处罚 创作 拍摄
  演出 展出 设计 规划 开工 竣工 签约 引资 慰问 救助 资助 扶持 支持 帮扶 修复 安装 使用 推广 奖励
  转让 出让 征收 上缴 缴纳 创建 实施 组织 完成 实现 兴建 修建
`);

/** Scopes, places-in-general and time words dropped from the start of a label (全区|国家高新技术企业). */
export const LEADING = set(`
  全区 全市 全国 全省 全县 全镇 全乡 全村 全球 全世界 全行业 全年 本市 本区 本县 本省 本镇 本地 本 我市 我区 我县 我省 我镇 我国 我 该市 该区 该县 该省 该 区内
  市内 省内 县内 辖区 辖区内 境内 今年 去年 明年 当年 同年 目前 当前 现在 如今 近年 近年来 年来 截至目前 截至 截止 此外 另外 其中 其 这 这些 那些 此 各 这里 当地
  现有 已有 共有 还有 累计 总共 一共 年均 每年 共 又 还 也 并 已 附 世界 世纪 本世纪 上世纪
`);

/**
 * Characters that are function words on their own: ICU sometimes makes one word of two of them
 * (也|向 → 也向), and a word made only of these is no part of a label.
 */
export const FUNCTION_CHARS = new Set(
  '也向在从对把被和与及并而或但就都还又再才已曾将的了着过为是约共均由于给让使令即亦仍则却乃便须',
);

/**
 * Single characters that end or extend nouns (科技|型|企业, 医疗|队, 幼儿|园, 无家可归|者). After a
 * figure, once a longer word is read, any other single character (医护人员|走|村 …) ends the label:
 * it is a verb, or ICU's pieces of a word it does not know.
 */
export const NOUN_SUFFIX = new Set(
  '者们型级类式性化员师长工户家厂场站所院馆局部处队组团区县市省村镇乡园库港船车机楼房店校网线品物费款额率量数值' +
    '泳赛票税金林田粮油煤电气片书报刊证卡病药奖杯牌',
);

/** Words dropped from the end of a label: 人才资源总量 measures 人才资源. */
export const TRAILING = set('总量 总额 总计 合计');

/** Labels too vague to say what is measured: better none. */
export const GENERIC = set(`
  方面 方式 问题 情况 时候 地方 东西 部分 之一 其他 其余 一些 有些 许多 大量 多数 少数 个别 同志
  人们 人员 单位 次数 数量 数字 数目 总数 比例 比重 水平 程度 速度 幅度 时间 年头 天数 岁数 年龄
  成绩 成果 效果 结果 目标 任务 工作 活动 项目 措施 办法 原因 意见 样子 记者 大家 全部 整体
`);

/**
 * Bases of a rate (人均 per person, 户均 per household, 年均 per year …): a figure written with
 * one is not comparable with totals. The value is what it is per.
 */
export const PER: readonly [string, string][] = [
  ['人均', '人'],
  ['人平', '人'],
  ['每人', '人'],
  ['每个人', '人'],
  ['户均', '户'],
  ['每户', '户'],
  ['年均', '年'],
  ['年平均', '年'],
  ['每年', '年'],
  ['月均', '月'],
  ['每月', '月'],
  ['日均', '日'],
  ['每天', '日'],
  ['每日', '日'],
  ['亩均', '亩'],
  ['亩产', '亩'],
  ['每亩', '亩'],
  ['单产', '亩'],
  ['平均', '平均'],
];

/** A place name opening the phrase (渝北区规上工业总产值, 泰国经常项目赤字): dropped when something remains. */
export const PLACE =
  /^(?:[\u4e00-\u9fff]{2,3}[区市县省镇](?![级内属委长场民域政情])|[\u4e00-\u9fff]{1,2}国(?![家际内外有营企务库债]))/u;

/** Places that are China or in it, though PLACE reads them as countries. */
export const HOME = set(
  '中国 我国 全国 本国 祖国 国内 两国 各国 外国 他国 大国 强国 小国 王国 帝国 友好国 邻国',
);

/**
 * Countries and the cities datelines name (新华社东京1月4日电), for telling figures about other
 * countries from figures about China.
 */
export const ABROAD = set(`
  美国 日本 韩国 朝鲜 俄罗斯 英国 法国 德国 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦
  芬兰 冰岛 爱尔兰 奥地利 希腊 土耳其 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 南斯拉夫 克罗地亚
  乌克兰 白俄罗斯 立陶宛 拉脱维亚 爱沙尼亚 格鲁吉亚 亚美尼亚 阿塞拜疆 哈萨克斯坦 乌兹别克斯坦
  吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 蒙古 越南 老挝 柬埔寨 泰国 缅甸 马来西亚 新加坡 印度尼西亚 印尼
  菲律宾 文莱 印度 巴基斯坦 孟加拉国 孟加拉 尼泊尔 斯里兰卡 阿富汗 伊朗 伊拉克 叙利亚 约旦 黎巴嫩
  以色列 巴勒斯坦 沙特阿拉伯 沙特 科威特 卡塔尔 阿联酋 阿曼 也门 巴林 埃及 利比亚 突尼斯 阿尔及利亚
  摩洛哥 苏丹 埃塞俄比亚 肯尼亚 坦桑尼亚 乌干达 尼日利亚 加纳 南非 津巴布韦 赞比亚 安哥拉 莫桑比克
  刚果 扎伊尔 卢旺达 索马里 马达加斯加 纳米比亚 博茨瓦纳 喀麦隆 塞内加尔 马里 加拿大 墨西哥 古巴
  巴西 阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 厄瓜多尔 玻利维亚 乌拉圭 巴拉圭 巴拿马 牙买加 海地
  澳大利亚 澳洲 新西兰 欧盟 欧洲 非洲 拉美 北美 南美 中东 东盟 东南亚 苏联 西欧 东欧 北约
  东京 大阪 首尔 汉城 平壤 莫斯科 伦敦 巴黎 柏林 波恩 罗马 米兰 马德里 里斯本 阿姆斯特丹 布鲁塞尔
  日内瓦 苏黎世 伯尔尼 斯德哥尔摩 奥斯陆 哥本哈根 赫尔辛基 维也纳 雅典 安卡拉 伊斯坦布尔 华沙
  布拉格 布达佩斯 布加勒斯特 索非亚 贝尔格莱德 基辅 明斯克 河内 胡志明市 万象 金边 曼谷 仰光
  吉隆坡 雅加达 马尼拉 新德里 孟买 伊斯兰堡 卡拉奇 达卡 加德满都 科伦坡 喀布尔 德黑兰 巴格达
  大马士革 安曼 贝鲁特 耶路撒冷 特拉维夫 加沙 利雅得 开罗 的黎波里 阿尔及尔 拉巴特 喀土穆 内罗毕
  拉各斯 约翰内斯堡 比勒陀利亚 开普敦 华盛顿 纽约 洛杉矶 旧金山 芝加哥 渥太华 多伦多 温哥华
  墨西哥城 哈瓦那 巴西利亚 圣保罗 里约热内卢 布宜诺斯艾利斯 圣地亚哥 利马 波哥大 加拉加斯 堪培拉
  悉尼 墨尔本 惠灵顿 联合国
`);
