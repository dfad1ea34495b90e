## 政策问答:按问题类型组成的回答
kb-place-jiyang = 吉阳镇方案
kb-place-xingang = 新港街道方案
kb-place-nanshan = 南山街道方案
kb-place-sichuan = 四川(张彤讲话)
kb-place-kuanzhuang = 款庄(冯吉祥文章)
kb-locality-kuanzhuang = 款庄镇
kb-fact-line = { $place }:{ $text }
kb-silent = { $place }的方案没有规定{ $what }。
kb-others-say = 其他文件的规定:
kb-yours = 您的乡镇适用{ $place }:
kb-yours-silent = 您的乡镇所依据的{ $place }没有规定{ $what }。
kb-yours-custom = 您在 /plan 中为本乡镇设定:{ $rule }
kb-not-covered = 五份文件都没有规定{ $what },我不作猜测。
kb-can-ask = 可以问的有:年龄条件、政治面貌、户籍、团委人数与职数、书记副书记比例、编制外比例、党员人数、候选人差额(可按您的人数计算)、推荐渠道、宣传发动和任前公示、竞职演讲与评分、谁批准谁任命、各阶段时间、完成期限(可按您的换届日期计算)、例会与述职,以及各地的做法。
kb-compute-leaders = 按吉阳镇方案,书记、副书记一般不超过委员数量的三分之一:{ $members } × 1/3 = { $exact },所以书记和副书记合计最多{ $result }名。
kb-compute-surplus = 南山街道方案要求正式候选人高于拟选配委员数量的{ $percent }%,按整场选举计算(直接任命的书记不另算):{ $seats } × (1 + { $percent }%) = { $exact },向上取整,至少{ $result }名正式候选人。
kb-compute-non-est = 南山街道方案要求编制外人员不低于{ $percent }%:{ $members } × { $percent }% = { $exact },向上取整,至少{ $result }名编制外人员。
kb-compute-deadline = 吉阳镇方案规定乡镇党委换届结束后{ $months }个月内必须完成团的组织格局创新:{ $from } + { $months }个月 = { $until },最迟这一天完成。
kb-compute-longer = { $longer }的宣传发动时间不少于{ $a }天,{ $shorter }不少于{ $b }天:{ $a } − { $b } = { $diff },{ $longer }多{ $diff }天。
kb-compute-strictest = 年龄上限最严的是{ $place }:{ $years }周岁以下;其他:{ $others }。
kb-age-of = { $place }{ $years }周岁
kb-en-section = 《{ $title }》{ $heading }
kb-source-short = { $n }. { $doc } { $heading }:「{ $quote }」
kb-section-en = { $title }, “{ $heading }”
kb-age-ok = { $place }:可以。年龄上限{ $limit }周岁,{ $age }岁在限内。
kb-age-relaxed = { $place }:{ $age }岁超过{ $limit }周岁的一般上限,只有符合放宽条件({ $condition })才可以,放宽后上限{ $relaxed }周岁。
kb-age-over = { $place }:不可以,{ $age }岁超过{ $limit }周岁的上限。
kb-age-not-for-post = { $place }:年龄上限不针对{ $post }。
kb-post-secretary = 书记
kb-post-parttime-deputy = 副书记
kb-post-member = 委员
kb-post-fulltime-deputy = 专职副书记
kb-quote-line = { $doc } { $heading }:{ $quote }
ask-no-such-button = 没有编号为 { $number } 的按钮可以按。请点消息下面的按钮(企业微信里也可以回复按钮上的编号);有问题可以直接用文字问。
