## 工作计划
command-plan = 查看和修改工作计划
plan-summary =
    工作计划:{ $place }
    执行规定:{ $profile }
    党委换届:{ $partyElection }
    团委选举:{ $plannedElection }
    职数:{ $seats }
    { $custom }
    修改关键日期后,清单上各步骤的截止日期会自动重新计算。
plan-custom-none = 本乡镇没有自定规则。
plan-custom-list = 本乡镇自定的规则:{ $rules }(依据:{ $note })
plan-edit-party = 改党委换届日期
plan-edit-election = 改团委选举日期
plan-edit-seats = 改职数
plan-edit-profile = 改适用规定
plan-edit-custom = 自定某条规则
plan-custom-rule = 要自定哪一条规则?
plan-custom-value = 请输入“{ $rule }”的新数值(整数)。
plan-custom-note = 依据是什么?例如:县团委2024年3号文。会随规则一起显示。
plan-rule-publicityDaysMin = 宣传发动最少天数
plan-rule-preAppointmentNoticeDays = 任前公示天数
plan-rule-maxAge = 年龄上限(周岁)
plan-rule-relaxedMaxAge = 放宽后的年龄上限(周岁)
plan-rule-candidateSurplusMin = 候选人差额比例(%)
plan-saved = 已保存修改。
plan-conflict = 另一位成员刚刚修改了工作计划,您的修改没有保存。下面是当前的计划,请核对后再改。
timeline-deadline-too-short = ⚠️ 时间不够:须在 { $deadline } 前完成(党委换届后{ $months }个月内),但宣传发动至少{ $publicityDays }天、任前公示至少{ $noticeDays }天(首尾两天都算),从今天起最早也要到 { $appointment } 才能任命。冲突的规定:
timeline-earliest-plan = 最早可行的安排:宣传发动 { $publicityStart } 至 { $publicityEnd },选举最早 { $election },任前公示 { $noticeStart } 至 { $noticeEnd },任命 { $appointment }。请与上级团委商定延后完成期限,或用 /plan 调整日期。
timeline-election-after-deadline = ⚠️ 计划的团委选举日期 { $election } 晚于完成期限 { $deadline }(党委换届后{ $months }个月内),选举后还有考察、任前公示和任命。
timeline-election-too-early = ⚠️ 计划的团委选举日期 { $election } 来不及:宣传发动至少{ $publicityDays }天,之后还要推荐、资格审查和确定正式候选人,从今天起最早 { $earliest } 才能选举。
