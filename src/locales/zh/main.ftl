## 通用
welcome =
    { $name }您好!我是团建助手,陪您一步步完成乡镇(街道)团的组织格局创新。
    我可以:
    · 登记您的乡镇(街道),按当地规定生成工作清单,提醒每一步的期限;
    · 回答政策问题(直接发问题给我,例如「兼职副书记的年龄上限是多少?」),并注明出处。
    先点下面的按钮登记乡镇,或发送 /help 查看全部命令。
help =
    可用命令:
    /start — 开始
    /register — 登记乡镇(街道)
    /next — 继续下一步
    /progress — 查看工作清单
    /plan — 查看和修改工作计划(关键日期、职数、适用规定)
    /invite — 邀请副书记加入
    /candidates — 候选人名单(查看、修改、退出)
    /newcandidate — 录入一名候选人
    /import — 批量导入候选人(粘贴或发送 .xlsx/.csv)
    /slate — 检查候选人名单是否符合规定
    /scores — 录入竞职演讲评分、计算排名
    /documents — 起草公告、公示、报批等文件
    /reminders — 期限提醒(查看、静音、推迟)
    /overview — 上级团委:下属单位的工作进度、督促、导出
    /supervise — 登记县(区)、市(州)、省级团委,邀请下级单位
    /ask 问题 — 政策问答(也可以直接发问题)
    /cancel — 退出当前填写(已填内容保留)
    /language — 切换语言(中文 / English)
    /mydata — 查看我在这里存储的数据
    /deleteme — 删除我的数据
unknown-command = 没有这个命令。发送 /help 查看可用命令。
unsupported-message = 暂时只能处理文字消息。请直接输入问题,或发送 /help 查看命令。
button-outdated = 这个按钮已过期,请重新打开菜单。
rate-limited = 操作太频繁了,请稍等几秒再试。
error-generic = 抱歉,处理时出了问题,已记录。您已确认的内容不会丢失,请稍后再试。
error-try-again = 系统暂时繁忙,这次操作没有保存。请过一会儿再试一次。
private-only = 团建助手只在私聊中使用,请直接私聊我。
edited-message-ignored = 修改过的消息我不会重新读取。如需更正,请把正确的内容重新发一次。
deleted-user = 已注销的用户

## 命令说明(Telegram 菜单)
command-start = 开始使用团建助手
command-help = 查看帮助
command-language = 切换语言

## 语言
language-name = 中文
language-prompt = 请选择界面语言:
language-chosen = 已切换为中文。

## 本地聊天页面
page-title = 团建助手 · 本地聊天
page-log-label = 对话记录
page-message-label = 消息
page-placeholder = 输入消息或命令,例如 /start
page-send = 发送
page-edited = (已编辑)
page-error = 发送失败,请重试。
page-download = 下载
page-switch-language = English
page-channel-label = 显示方式
page-channel-telegram = Telegram
page-channel-wecom = 企业微信
page-wecom-updated = (卡片已更新)

## 政策问答
kb-rule-intro = 各地文件的规定不同:
kb-rule-line = { $place }:{ $rules }
kb-rule-silent = { $places }的文件对此没有规定。
kb-rule-silent-others = { $places }的文件对此没有规定;其他地方的文件规定如下:
kb-passage-line = 《{ $title }》{ $heading }:{ $quote }
kb-not-found =
    抱歉,知识库中没有找到与这个问题相关的内容,我不作猜测。
    我可以回答:年龄条件、政治面貌、户籍要求、团委人数与结构、编制外比例、党员人数、候选人差额、宣传发动和任前公示的天数、竞职演讲与评分、推荐渠道、完成期限、例会与述职,以及五份文件中介绍的做法和经验。
kb-locality-jiyang = 吉阳镇
kb-locality-xingang = 新港街道
kb-locality-nanshan = 南山街道
kb-locality-sichuan = 四川(张彤讲话)
kb-locality-recommended = 推荐默认
kb-sources = 来源:
kb-source-line = { $n }. 《{ $title }》{ $heading }:「{ $quote }」
kb-read-source = 📖 原文 { $n }
kb-ask-usage = 请在 /ask 后面写上问题,例如:/ask 兼职副书记的年龄上限是多少?
kb-source-text = 《{ $title }》{ $heading }
kb-other-place = 知识库只收录了四川省、云南省款庄镇、三亚市吉阳镇、新港街道和南山街道的文件,没有您问到的地方的规定。
command-ask = 提一个政策问题

## 对话
dialog-use-default = 用默认值:{ $value }
dialog-default-hint = (直接点“用默认值”,或输入其他值)
dialog-skip = 跳过(不填)
dialog-skip-hint = (不填的话点“跳过”)
dialog-cancel-hint = 发送 /cancel 可随时退出,已填写的内容会保留。
dialog-retype = 请重新输入这一项。
dialog-cancelled = 已退出。已填写的内容已保存为草稿,下次继续时会自动带出。
dialog-nothing-to-cancel = 当前没有进行中的填写。
dialog-outdated = 这个表单已更新,我们从头再来。
dialog-ended-draft = 这张表单先停在这里,已接受的内容已保存为草稿;处理好上面的问题后再继续。
dialog-button-outdated = 那个按钮属于已经回答过的问题。当前的问题是:
dialog-pick-count = 已勾选 { $chosen } / { $total } 人。点姓名勾选或取消,选好后点“确认”。
dialog-pick-all = ☑️ 全选
dialog-pick-none = ⬜ 全不选
dialog-pick-confirm = ✅ 确认(已选 { $count } 人)
dialog-pick-use-buttons = 这一项请点上面消息中的姓名按钮勾选,选好后点“确认”。
dialog-pick-previous = ◀ 上一页
dialog-pick-next = 下一页 ▶
dialog-pick-page = 第 { $page } / { $pages } 页(勾选在翻页后保留)。

## 登记乡镇
no-township-yet = 您还没有登记乡镇(街道)。先登记一下,我会按您所在地的规定生成工作清单。
button-register = 📝 登记乡镇(街道)
button-next-step = ▶️ 下一步
button-progress = 📋 查看清单
button-invite = 👥 邀请副书记
kind-township = 乡镇
kind-subdistrict = 街道
onboard-province = 请输入所在省份,例如:四川省
onboard-city = 请输入所在市(州),例如:攀枝花市
onboard-county = 请输入所在县(区),例如:东区
onboard-name = 请输入乡镇(街道)名称,例如:南山街道
onboard-kind = 是乡镇还是街道?
onboard-profile =
    按哪份文件的规定执行?各地规定不同(年龄、人数、宣传天数等)。
    不确定的话选“推荐默认规则”:它综合了各份方案,每一条都注明出处。
onboard-party-election = 乡镇(街道)党委换届选举的日期?例如:2024-03-15。整个格局创新须在党委换届后1个月内完成。
onboard-planned-election = 计划召开团委选举(竞职演讲)的日期?例如:2024-04-05
onboard-seats-secretary = 设书记几名?
onboard-seats-fulltime = 设专职副书记几名?
onboard-seats-parttime = 设兼职副书记几名?
onboard-seats-members = 除书记、副书记外,设委员几名?
onboard-confirm =
    请核对:
    地点:{ $place }({ $kind })
    执行规定:{ $profile }
    党委换届:{ $partyElection }
    团委选举:{ $plannedElection }
    职数:{ $seats }
seats-summary = 书记{ $secretary }名、专职副书记{ $fulltimeDeputies }名、兼职副书记{ $parttimeDeputies }名、委员{ $members }名,共{ $total }名
onboard-confirm-yes = ✅ 确认保存
onboard-already-registered = 您已经登记过“{ $name }”({ $place }),这次没有再登记一份,候选人和已记录的步骤都在原来那份里。要修改日期、职数或适用规定,请发送 /plan。
onboard-confirm-restart = ✏️ 从头修改
onboard-done = 已保存“{ $name }”的工作计划。接下来按清单一步步推进;也可以邀请副书记一起填写。
onboard-error-text = 请输入{ $min }到{ $max }个字。
onboard-error-place-sign = 地名里不会有 < > / # 这类符号,请只输入名称,例如:南山街道。
onboard-error-date = 没看懂这个日期。请按“2024-03-15”或“2024年3月15日”的格式输入。
onboard-error-date-unreal = 没有这一天(月份或日期不存在,例如2月30日)。请检查月和日后重新输入。
onboard-error-count = 请输入{ $min }到{ $max }之间的整数。
onboard-error-count-exact = 这里只能填 { $value }。
onboard-error-choice = 请点击下面的按钮选择。
onboard-error-election-order = 团委选举应在党委换届之后,请重新输入。
invite-link =
    邀请副书记加入“{ $name }”:请把下面的链接发给对方,点开即可加入(14天内有效):
    { $link }
    (在本地聊天页面中,对方可以发送:{ $command })
join-done = 您已加入“{ $name }”,可以和其他成员一起查看和填写工作清单。
join-invalid = 这个邀请链接无效或已过期,请向书记要一个新的。
welcome-back = { $name }您好!您正在推进“{ $township }”的团组织格局创新。
command-next = 继续下一步
command-progress = 查看工作清单
command-register = 登记乡镇(街道)
command-invite = 邀请副书记加入
command-cancel = 退出当前填写
# Between the items of a list in running text.
list-separator = 、
