## 个人数据(/mydata、/deleteme)
command-mydata = 查看我存储在这里的数据
command-deleteme = 删除我的数据
privacy-title = 团建助手存储的关于您的数据:
privacy-account = · 账户:名字 { $name },{ $since } 开始使用
privacy-no-account = · 账户:没有记录
privacy-language-chosen = · 界面语言:{ $language }(您选择的)
privacy-language-auto = · 界面语言:未指定(按聊天软件的语言设置,没有时用中文)
privacy-dialog = · 正在填写:{ $name }
privacy-drafts = · 保存的草稿:{ $names }
privacy-memberships = · 所在乡镇(街道):
privacy-membership-line = ▸ { $township }({ $role },{ $joined } 加入;其他成员 { $others } 人)
privacy-units = · 所在上级团委:
privacy-unit-line = ▸ { $unit }({ $joined } 加入)
privacy-role-secretary = 书记
privacy-role-deputy = 副书记
privacy-role-member = 成员
privacy-none = · 所在乡镇(街道):没有
privacy-steps = · 您记录的清单步骤:
privacy-step-line = ▸ { $township } · { $step }({ $when })
privacy-candidates = · 您录入的候选人(身份证号和手机号只显示部分):
privacy-candidate-line = ▸ { $township } · { $name }({ $post },{ $status }{ $id }{ $mobile })
privacy-scores = · 您录入的评分:
privacy-score-line = ▸ { $township } · 评委 { $judge }:{ $count } 项
privacy-more = ▸ ……另有 { $count } 项
privacy-audit = · 操作记录:{ $count } 条(您确认的每一项修改,带时间)
privacy-invites = · 您发出的邀请链接:{ $count } 个
privacy-reminders-on = · 期限提醒:开启
privacy-reminders-muted = · 期限提醒:已静音
privacy-reminders-snoozed = · 期限提醒:推迟到 { $until }
privacy-reminders-queued = · 待发送给您的提醒:{ $count } 条
privacy-local = · 本地聊天记录:{ $count } 条
privacy-id-numbers = 身份证号从不保存原文:只保存出生日期、部分显示的号码和一个用于查重的加密摘要。
privacy-footer = 发送 /deleteme 可以删除这些数据。
privacy-button-delete = 🗑 删除我的数据
privacy-dialog-name = { $name ->
    [register] 登记乡镇(街道)
    [candidate-add] 录入候选人
    [candidate-edit] 修改候选人
    [candidate-import] 批量导入候选人
    [candidate-scores] 录入评分
    [plan] 修改工作计划
    [step] 记录清单步骤
   *[other] 其他填写
}
privacy-confirm =
    确定要删除您的数据吗?将会删除:
    · 您的账户、正在填写的内容和草稿、聊天记录、提醒设置和待发送的提醒;
    · 您在各乡镇(街道)的成员身份。
    您为乡镇记录的清单、录入的候选人和评分会留在乡镇里,显示为“已注销的用户”所录。
    这一操作不能撤销。
privacy-confirm-sole = ⚠️ 以下乡镇(街道)只有您一名成员,将连同其工作计划、清单、候选人和评分一起删除:{ $names }。如需保留,请先用 /invite 邀请接替的同志加入。
privacy-button-confirm = 🗑 确认删除
privacy-button-keep = 取消
privacy-erased = 您的数据已删除。以后再发送 /start,会作为新用户开始。
privacy-kept = 已取消,什么也没有删除。
