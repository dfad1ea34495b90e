## 通用
welcome =
    { $name }您好!我是团建助手,陪您一步步完成乡镇(街道)团的组织格局创新。
    我可以:
    · 回答政策问题(直接发问题给我,例如「兼职副书记的年龄上限是多少?」),并注明出处;
    · 切换界面语言(/language)。
    发送 /help 查看全部命令。
help =
    可用命令:
    /start — 开始
    /ask 问题 — 政策问答(也可以直接发问题)
    /help — 帮助
    /language — 切换语言(中文 / English)
    也可以直接发送问题,我会从政策文件中查找答案并注明出处。
unknown-command = 没有这个命令。发送 /help 查看可用命令。
unsupported-message = 暂时只能处理文字消息。请直接输入问题,或发送 /help 查看命令。
button-outdated = 这个按钮已过期,请重新打开菜单。
rate-limited = 操作太频繁了,请稍等几秒再试。
error-generic = 抱歉,处理时出了问题,已记录。您已确认的内容不会丢失,请稍后再试。
error-try-again = 系统暂时繁忙,这次操作没有保存。请过一会儿再试一次。

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
