## 上级团委:登记、邀请、加入
command-supervise = 登记上级团委、邀请下级
command-overview = 下属单位工作进度总览
unit-level-province = 省级团委
unit-level-city = 市（州）团委
unit-level-county = 县（区）团委
unit-below-city = 市（州）团委
unit-below-county = 县（区）团委
unit-below-township = 乡镇（街道）团委
sup-prompt-level = 您在哪一级团委工作？
sup-prompt-name = 请输入单位名称，例如：攀枝花市东区团委
sup-prompt-confirm =
    请核对：
    { $level }“{ $name }”{ $parent }
sup-confirm-parent = ，隶属于“{ $parent }”
sup-done = 已登记“{ $name }”。接下来请把{ $below }邀请进来：点“邀请下级”，把链接发给对方。
sup-done-parent = 已登记“{ $name }”，并已加入“{ $parent }”。
sup-parent-expired = 邀请链接已失效，“{ $name }”已单独登记。请向上级要一个新链接再打开一次。
sup-invited-intro = “{ $unit }”邀请您的单位加入，作为它的下级。请先登记您的单位：
sup-none =
    您还没有登记为上级团委。
    县（区）、市（州）、省级团委登记后，可以邀请下级单位加入，查看它们的工作进度、督促落后的乡镇、导出年终考核表。
sup-units-title = 您负责的单位：
sup-unit-line = · { $level }“{ $name }”
button-sup-register = 🏛 登记上级团委
button-invite-below = 🔗 邀请下级（{ $name }）
button-invite-colleague = 👥 邀请同事（{ $name }）
button-overview = 📊 工作进度总览
sup-invite-below =
    请把下面的链接发给{ $below }的书记，点开即可加入“{ $name }”（14天内有效）：
    { $link }
    （在本地聊天页面中，对方可以发送：{ $command }）
sup-invite-member =
    邀请同事加入“{ $name }”，一起查看下属单位的进度（14天内有效）：
    { $link }
    （在本地聊天页面中，对方可以发送：{ $command }）
sup-join-invalid = 这个邀请链接无效或已过期，请向上级要一个新的。
sup-join-colleague = 您已加入“{ $name }”，可以查看它和下属单位的工作进度。
sup-attach-done = “{ $child }”已加入“{ $parent }”，上级可以看到你们的工作进度。
sup-attach-already = 您的单位已经在这个上级之下了，不需要再加入。
sup-attach-elsewhere = 您的单位已经隶属于另一个上级，不能再加入这里。如需调整，请联系原来的上级。
sup-attach-no-township = 这是县（区）团委邀请乡镇（街道）加入的链接。请先登记您的乡镇（街道），然后再打开一次这个链接。
sup-attach-not-secretary = 只有登记乡镇的团委书记可以把乡镇加入上级，请把链接转给书记。
unit-not-visible = 这个单位不在您的管辖范围内，或已不存在。

## 进度总览
stage-not-started = 未启动
stage-prepare = 准备阶段
stage-implement = 实施阶段
stage-train = 培训阶段
stage-summarise = 总结阶段
stage-done = 已完成
overview-rule-committeeSize = 委员人数
overview-rule-leaderShareMax = 书记副书记比例
overview-rule-nonEstablishmentShareMin = 编制外比例
overview-rule-partyMembersMin = 党员人数
overview-rule-candidateSurplusMin = 候选人差额
overview-rule-postsFilled = 职位无人竞选
overview-rule-nominationChannels = 推荐渠道
overview-title = 📊“{ $name }”工作进度 · { $level } · { $date }
overview-totals = 下属乡镇（街道）{ $townships }个 · 平均得分 { $score }
overview-stages = 未启动 { $notStarted } · 准备 { $prepare } · 实施 { $implement } · 培训 { $train } · 总结 { $summarise } · 已完成 { $done }
overview-overdue = ⚠️ 有逾期步骤的乡镇：{ $townships }个，共 { $steps } 个步骤逾期
overview-overdue-none = ✅ 没有逾期的步骤
overview-slate = ❌ 候选人名单不合规的乡镇：{ $townships }个（{ $rules }）
overview-slate-rule = { $rule } { $count }
overview-empty-counties = 🕳 还没有乡镇加入的县（区）：{ $count }个
overview-not-started = ⬜ 尚未启动：{ $count }个 — { $names }
overview-not-started-more = 等
overview-chase = 需要督促的（最紧迫的在前）：
overview-row-unit = { $name }：{ $townships }个乡镇，{ $overdue }个有逾期，{ $notStarted }个未启动，平均 { $score } 分
overview-row-unit-empty = { $name }：还没有乡镇加入
overview-row-township = { $name }：{ $parts }
overview-row-separator = ，
overview-row-done = 完成 { $done }/13
overview-badge-missed-deadline = 🔴 超过完成时限 { $days } 天
overview-badge-overdue = 🟠 有逾期
overview-badge-not-started = ⬜ 未启动
overview-badge-on-track = 🟢 按计划推进
overview-badge-done = ✅ 已完成
overview-first-overdue = “{ $step }”逾期 { $days } 天
overview-row-failing = 名单不符合：{ $rules }
overview-row-score = { $score } 分
overview-row-no-score = 未启动不计分
overview-nothing-below = 还没有下级单位加入。点“邀请下级”把链接发给对方。
overview-page = （第 { $page }/{ $pages } 页）
overview-score-formula = 得分 = 40×完成度 + 40×按时率 + 20×名单合规率（满分100）
button-overview-more = 下一页 ▶
button-overview-up = ⬆️ 上一级：{ $name }
button-overview-csv = 📥 导出表格（CSV）
button-overview-web = 🌐 网页版
overview-township-head-not-started = 🏘 { $county } · { $badge } · 未启动不计分
overview-township-head = 🏘 { $county } · { $stage } · 得分 { $score }（完成 { $complete }%，按时 { $onTime }%，名单合规 { $slate }%）
overview-township-slate-failing = ❌ 候选人名单不符合：{ $rules }
overview-township-slate-ok = ✅ 候选人名单符合各项规定
overview-township-slate-none = 还没有录入候选人
overview-readonly = （只读：清单由乡镇团委填写）
button-nudge = 📣 提醒该乡镇
button-back-to = ⬅️ 返回“{ $name }”
nudge-queued = 已通知“{ $name }”的 { $count } 名成员，1分钟内送达（22:00 至次日 8:00 不发送，顺延到 8:00）。
nudge-already = 今天已经提醒过“{ $name }”，同一天不会重复发送。
nudge-no-members = “{ $name }”还没有可以通知的成员。
nudge-quiet = 另有 { $count } 名成员暂停、关闭了提醒或屏蔽了助手，这次不会收到。
nudge-all-quiet = “{ $name }”的成员都暂停、关闭了提醒或屏蔽了助手，这次没有人会收到。
button-leave-unit = 🚪 退出“{ $name }”
leave-confirm = 确定退出“{ $name }”吗？退出后您将看不到它和下属单位的进度，要回来需要同事重新邀请。
button-leave-confirm = ✅ 确认退出
leave-done = 您已退出“{ $name }”。
leave-last = 您是“{ $name }”唯一的成员，不能退出：否则没有人能看到它和下属单位的进度。请先邀请一位同事加入。
button-release-township = ➖ 移出“{ $county }”
release-confirm = 确定把“{ $township }”移出“{ $county }”吗？移出后，“{ $county }”及其上级将看不到它的进度；它的书记可以打开另一个县（区）团委的邀请链接加入那里。
button-release-confirm = ✅ 确认移出
release-done = 已把“{ $township }”移出“{ $county }”。它的书记可以打开新上级的邀请链接加入。

## 导出
csv-caption = 📥“{ $name }”下属乡镇（街道）工作进度：{ $count }个，截至 { $date }。
csv-file = 团建进度-{ $name }-{ $date }.csv
csv-col-province = 省
csv-col-city = 市（州）
csv-col-county = 县（区）
csv-col-township = 乡镇（街道）
csv-col-supervisor = 上级团委
csv-col-stage = 阶段
csv-col-done = 已完成步骤
csv-col-overdue = 逾期步骤
csv-col-next = 下一步
csv-col-slate = 候选人名单
csv-col-failing = 不合规项
csv-col-complete = 完成度（%）
csv-col-on-time = 按时率（%）
csv-col-slate-share = 名单合规率（%）
csv-col-score = 得分
csv-slate-none = 未录入
csv-slate-ok = 合规
csv-slate-failing = 不合规

## 每周简报与督促消息
digest-title = 📊 每周进度简报：“{ $name }”（{ $date }）
digest-top = 最需要督促的：
digest-line = · { $name }
digest-footer = 点下面的按钮查看详情、提醒落后的乡镇。
nudge-message = 📣“{ $unit }”提醒您：请抓紧推进“{ $township }”的团组织格局创新。
nudge-status-overdue = 目前有 { $count } 个步骤已逾期，下一步是“{ $step }”。
nudge-status-next = 下一步是“{ $step }”。

## 网页版(Telegram 小程序)
miniapp-title = 团建助手 · 工作进度
miniapp-loading = 正在加载…
miniapp-denied = 无法确认您的身份。请在 Telegram 中点团建助手消息下方的“网页版”按钮打开本页。
miniapp-error = 加载失败，请稍后再试。
miniapp-back = ⬅ 返回
miniapp-children = 下级单位（最需要督促的在前）
miniapp-steps = 工作清单（只读）
miniapp-step-done = 已完成
miniapp-step-overdue = 已逾期
miniapp-step-current = 进行中
miniapp-step-open = 未开始
miniapp-due = 截止 { $date }
chart-phases-title = 各阶段乡镇数
chart-late-title = 落后的乡镇（最久逾期的天数）
chart-late-none = 没有逾期的乡镇
chart-rules-title = 名单不符合各项规定的乡镇数
chart-rules-none = 没有名单不合规的乡镇
chart-none = 暂无数据
chart-count = { $count }个
chart-days = { $days }天
miniapp-charts = 一图看全局
miniapp-filter-phase = 阶段
miniapp-filter-all = 全部
miniapp-filter-overdue = 只看落后的
miniapp-filter-rule = 名单问题
miniapp-search = 按名称查找
miniapp-shown = 显示 { $shown }/{ $total } 个
miniapp-nudge = 📣 催办
miniapp-nudge-confirm = 提醒“{ $name }”的成员抓紧推进？每个乡镇每天只提醒一次。
miniapp-nudge-yes = 确认催办
miniapp-nudge-no = 取消
button-overview-xlsx = 📥 导出进度表（Excel）
xlsx-file = 团建进度-{ $name }-{ $date }.xlsx
xlsx-caption = 📥“{ $name }”下属乡镇（街道）团组织格局创新工作进度表：{ $count }个，截至 { $date }。
xlsx-sheet = 工作进度
xlsx-title = { $name }下属乡镇（街道）团组织格局创新工作进度表
xlsx-date = 截至{ $date }，共{ $count }个乡镇（街道）
xlsx-col-index = 序号
xlsx-col-county = 县（区）
xlsx-col-township = 乡镇（街道）
xlsx-col-badge = 状态
xlsx-col-stage = 阶段
xlsx-col-done = 已完成环节
xlsx-col-first-overdue = 首个逾期环节
xlsx-col-days-late = 逾期天数
xlsx-col-failing = 候选人名单问题
xlsx-col-next = 下一步
xlsx-col-score = 得分
miniapp-xlsx = 📥 下载进度表（Excel）
