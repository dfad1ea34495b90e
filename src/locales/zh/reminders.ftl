## 截止提醒
command-reminders = 查看即将到期的事项和提醒设置
reminder-title = ⏰ 团建提醒
reminder-township = 【{ $township }】
reminder-line = • { $what }:{ $when }
reminder-step-today = 今天到期
reminder-step-in = { $days ->
    [1] 明天到期({ $date })
   *[other] 还有{ $days }天到期({ $date })
}
reminder-step-overdue = 已逾期{ $days }天(应于{ $date }完成)
reminder-duty-today = 就在今天
reminder-duty-in = { $days ->
    [1] 明天({ $date })
   *[other] { $days }天后({ $date })
}
reminder-duty-committee-meeting = 团委全体委员例会
reminder-duty-work-report = 团委班子年度述职
reminder-duty-party-hearing = 党委听取团委专题汇报
reminder-more = …另有{ $count }项,发送 /reminders 查看全部。
reminder-footer = 点按钮打开对应步骤;不想现在处理可以暂停提醒。
reminder-button-open = 打开:{ $step }
reminder-button-snooze = 暂停{ $days }天
reminder-button-settings = 提醒设置
reminder-snoozed-notice = 已暂停提醒,{ $until }恢复。
reminders-title = 🔔 { $township } · 截止提醒
reminders-rules = 提醒规则:截止日前7天、3天、1天和当天各提醒一次,逾期后每周提醒一次;22:00至次日08:00不发送,顺延到早上8点。换届完成后,还会提醒例会、年度述职和党委专题汇报。
reminders-status-on = 状态:已开启。
reminders-status-muted = 状态:已静音,不会收到提醒。
reminders-status-snoozed = 状态:已暂停,{ $until }恢复。
reminders-upcoming = 接下来:
reminders-item = • { $date } { $what }{ $note }
reminders-note-overdue = (已逾期{ $days }天)
reminders-note-today = (今天)
reminders-none = 近期没有到期事项。
reminders-no-township = 您还没有登记乡镇(街道)。发送 /register 登记后,就能收到各步骤的截止提醒。
reminders-button-mute = 🔕 静音
reminders-button-unmute = 🔔 取消静音
reminders-button-resume = ▶️ 恢复提醒
reminders-done-mute = 已静音。
reminders-done-unmute = 已取消静音。
reminders-done-resume = 已恢复提醒。
