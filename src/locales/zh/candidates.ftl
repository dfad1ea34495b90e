## 候选人
candidate-error-required = 缺少「{ $field }」。
candidate-error-name-length = 姓名应为{ $min }—{ $max }个字。
candidate-error-name-characters = 姓名只能包含汉字、英文字母和间隔号“·”,不能有数字。
candidate-error-gender = 性别请填“男”或“女”(您填的是“{ $value }”)。
candidate-error-gender-conflict =
    性别与身份证号不一致:身份证号显示为{ $fromId ->
        [male] 男
       *[female] 女
    }。
candidate-error-birth-date-format = 出生日期请写成 1995-03-07、1995/3/7、1995年3月7日 或 19950307。
candidate-error-birth-date-invalid = 没有这一天,请核对出生日期。
candidate-error-birth-date-age = 按此出生日期今年{ $age }岁,不在{ $min }—{ $max }岁之间,请核对。
candidate-error-birth-date-conflict = 出生日期 { $given } 与身份证号中的 { $fromId } 不一致。
candidate-error-id-length = 身份证号应为18位。
candidate-error-id-characters = 身份证号应为17位数字加最后一位数字或X。
candidate-error-id-province = 身份证号前两位不是有效的省级代码。
candidate-error-id-date = 身份证号中的出生日期无效。
candidate-error-id-checksum = 身份证号校验位不符,可能有数字输错。
candidate-error-political-status = 政治面貌请填中共党员、中共预备党员、共青团员或群众(您填的是“{ $value }”)。
candidate-error-establishment = 编制请填“编制内”或“编制外”(您填的是“{ $value }”)。
candidate-error-sector = 领域请填机关事业单位、非公企业、农村、学校、社会组织或其他(您填的是“{ $value }”)。
candidate-error-post = 竞选职务请填书记、专职副书记、兼职副书记或委员(您填的是“{ $value }”)。
candidate-error-commitment = 专兼职请填“专职”或“兼职”(您填的是“{ $value }”)。
candidate-error-commitment-conflict = 竞选职务与专兼职不一致:专职副书记须为专职,兼职副书记须为兼职。
candidate-error-channel = 推荐方式请填组织推荐、团员青年联名推荐、民主推荐或个人自荐(您填的是“{ $value }”)。
candidate-error-signatures-number = 联名人数请填整数。
candidate-error-signatures-min = 联名推荐至少需要{ $min }人,现为{ $count }人。
candidate-error-signatures-required = 联名推荐请填写联名人数(至少{ $min }人)。
candidate-error-channel-not-local = 推荐方式“{ $channel }”不是本地规定的渠道,可选:{ $allowed }。
candidate-error-local-tie = 是否本地(户籍或长期居住、工作)请填“是”或“否”(您填的是“{ $value }”)。
candidate-error-mobile = 手机号应为以1开头的11位大陆手机号(可带 +86,可用空格或“-”分隔)。
candidate-error-education = 学历请填初中、高中、中专、大专、本科、硕士或博士(您填的是“{ $value }”)。
candidate-error-workplace = 工作单位应为1—{ $max }个字。
candidate-error-relaxation-reason = 放宽年龄的理由应为1—{ $max }个字。
candidate-field-name = 姓名
candidate-field-gender = 性别
candidate-field-birthDate = 出生日期
candidate-field-idNumber = 身份证号
candidate-field-politicalStatus = 政治面貌
candidate-field-establishment = 编制
candidate-field-sector = 领域
candidate-field-post = 竞选职务
candidate-field-commitment = 专兼职
candidate-field-channel = 推荐方式
candidate-field-signatures = 联名人数
candidate-field-localTie = 是否本地
candidate-field-mobile = 手机
candidate-field-education = 学历
candidate-field-workplace = 工作单位
candidate-field-relaxationReason = 放宽理由

## 候选人:命令与页面
command-candidates = 候选人名单(查看、修改、退出)
command-newcandidate = 录入一名候选人
command-import = 批量录入候选人(粘贴或发送表格)
command-slate = 检查候选人名单是否符合规定
command-scores = 竞职演讲评分与排名
page-upload-label = 上传候选人表格(.xlsx 或 .csv)
page-upload-send = 上传
page-upload-error = 上传失败:请选择不超过 2 MB 的 .xlsx 或 .csv 文件。

## 候选人:取值
cand-gender-male = 男
cand-gender-female = 女
cand-post-secretary = 书记
cand-post-fulltime-deputy = 专职副书记
cand-post-parttime-deputy = 兼职副书记
cand-post-member = 委员
cand-commitment-fulltime = 专职
cand-commitment-parttime = 兼职
cand-political-party-member = 中共党员
cand-political-probationary-party-member = 中共预备党员
cand-political-league-member = 共青团员
cand-political-other = 群众及其他
cand-establishment-inside = 编制内
cand-establishment-outside = 编制外
cand-sector-government = 机关事业单位
cand-sector-private-enterprise = 非公企业
cand-sector-rural = 农村
cand-sector-school = 学校
cand-sector-social-organisation = 社会组织/两新组织
cand-sector-other = 其他
cand-education-junior-high = 初中
cand-education-senior-high = 高中
cand-education-vocational = 中专
cand-education-college = 大专
cand-education-bachelor = 本科
cand-education-master = 硕士
cand-education-doctorate = 博士
cand-channel-organisation = 组织推荐
cand-channel-joint-signature = 团员青年联名推荐
cand-channel-self = 个人自荐
cand-channel-democratic = 民主推荐
cand-status-nominated = 📝 已提名
cand-status-eligible = ✅ 资格合格
cand-status-ineligible = ❌ 资格不合格
cand-status-formal = 🟢 正式候选人
cand-status-elected = 🗳️ 已当选
cand-status-appointed = 🎖️ 已任命
cand-status-withdrawn = ⛔ 已退出
cand-yes = 是
cand-no = 否
cand-none = —
cand-skip = 跳过(不填)

## 候选人:录入
cand-prompt-name = 请输入候选人姓名,例如:张三(少数民族姓名可用“·”,如 阿依古丽·买买提)
cand-prompt-post = 竞选什么职务?
cand-prompt-commitment = 专职还是兼职?
cand-prompt-identity = 请输入18位身份证号(只用于核对出生日期和查重,不会保存原号,只显示打码后的号码),或出生日期,例如 1995-03-07。年龄按选举日 { $date } 的周岁计算。
cand-prompt-identity-today = 请输入18位身份证号(只用于核对出生日期和查重,不会保存原号,只显示打码后的号码),或出生日期,例如 1995-03-07。还没有登记选举日期,年龄暂按今天 { $date } 的周岁计算。
cand-prompt-gender = 性别?
cand-prompt-relaxation =
    按选举日 { $date } 计算,{ $name } { $age } 周岁,超过一般的年龄条件({ $limit }周岁)。
    适用的规定允许放宽到{ $relaxed }周岁:{ $condition }。
    { $source }
    请写明放宽的理由(例如:其他条件特别优秀的具体表现),理由会记录在案。
cand-prompt-political = 政治面貌?
cand-prompt-establishment = 编制内还是编制外?
cand-prompt-sector = 来自哪个领域?
cand-prompt-channel = 推荐方式?
cand-prompt-signatures = 有多少名团员青年联名推荐?请输入人数(至少{ $min }人)。
cand-prompt-local-tie = 是否本地户籍,或在本乡镇(街道)长期居住、工作?
cand-prompt-local-tie-required =
    是否本地户籍,或在本乡镇(街道)长期居住、工作?
    规定:{ $rule }
cand-prompt-mobile = 手机号?(选填,11位大陆手机号,显示时会打码)
cand-prompt-education = 学历?(选填)
cand-prompt-workplace = 工作单位?(选填)例如:某某村委会
cand-error-choice = 请点击下面的按钮选择,或输入其中一项。
cand-error-no-township = 请先登记乡镇(街道),再录入候选人。
cand-error-post-no-seats = 本乡镇(街道)的工作计划没有设{ $post }职位(职数0名)。请选择其他职务,或先用 /plan 修改职数。
cand-error-duplicate = 这个身份证号已经录入过(候选人“{ $name }”,状态:{ $status }),同一人不能重复录入。
cand-error-name-birth-duplicate = 名单中已有同名且出生日期相同的候选人“{ $name }”,应是同一人,不能重复录入。
cand-rule-line = 规定:{ $rule }
cand-source = 出处:{ $cite }
cand-cite = 《{ $title }》{ $section }:「{ $quote }」
cand-cite-custom = 本乡镇(街道)自定的规则{ $note ->
    [none] 。
   *[other] ({ $note })。
}
cand-confirm =
    请核对候选人信息:
    { $card }
    资格审查(按{ $date }):
    { $findings }
cand-confirm-save = ✅ 确认保存
cand-confirm-fix = ✏️ 修改某一项
cand-fix-which = 要修改哪一项?
cand-saved = 已保存候选人 { $name }({ $post })。
cand-button-add = ➕ 录入候选人
cand-button-add-more = ➕ 继续录入
cand-button-list = 📋 候选人名单
cand-button-import = 📥 批量录入
cand-button-slate = 🔎 名单检查
cand-button-scores = 🏅 演讲评分

## 候选人:名单、查看、修改、退出
cand-list-empty = “{ $township }”还没有录入候选人。可以逐个录入,也可以批量录入(粘贴表格或发送 .xlsx / .csv 文件)。
cand-list-header = “{ $township }”候选人名单:共 { $total } 人,其中有效 { $running } 人(第 { $page }/{ $pages } 页)。点下面的按钮查看、修改或退出。
cand-list-line = { $n }. { $name } · { $post } · { $age }周岁 · { $status }
cand-button-prev = ◀ 上一页
cand-button-next = 下一页 ▶
cand-view =
    { $name }({ $status })
    { $card }
    资格审查(按{ $date }):
    { $findings }
cand-button-edit = ✏️ 修改
cand-button-withdraw = 🚫 退出名单
cand-button-back = ◀ 返回名单
cand-not-found = 找不到这位候选人(可能已被删除,或属于其他乡镇)。
cand-edit-which = 要修改 { $name } 的哪一项?
cand-edit-saved = 已修改 { $name } 的“{ $field }”:{ $value }。
cand-edit-conflict = 另一位成员刚刚修改了 { $name } 的信息,您的修改没有保存。现在的“{ $field }”是:{ $value }。如仍需修改,请重新打开这位候选人。
cand-withdraw-confirm = 确定让 { $name }({ $post })退出候选人名单吗?退出会记录在审计日志中。
cand-withdraw-yes = 🚫 确认退出
cand-withdraw-no = 取消
cand-withdraw-done = { $name } 已退出候选人名单(已记入审计日志)。
cand-withdraw-cancelled = 已取消,{ $name } 仍在名单中。
cand-withdraw-already = { $name } 已经退出名单。
cand-card-line = { $label }:{ $value }
cand-card-age = { $birthDate }(选举日 { $age } 周岁)
cand-card-post = { $post }({ $commitment })

## 候选人:资格审查结论
finding-age-ok = ✅ 年龄:{ $age }周岁,符合{ $limit }周岁以下的条件。
finding-age-over-limit = ❌ 年龄:按选举日 { $date } 计算为{ $age }周岁,超过{ $limit }周岁以下的条件。
finding-age-relaxation-not-for-post = ❌ 年龄:按选举日 { $date } 计算为{ $age }周岁,超过{ $limit }周岁以下的条件;放宽到{ $relaxed }周岁只适用于{ $posts },不适用于{ $post }。
finding-age-relaxation-part-time-only = ❌ 年龄:按选举日 { $date } 计算为{ $age }周岁,超过{ $limit }周岁以下的条件;放宽到{ $relaxed }周岁只适用于兼职干部,专职的不适用。
finding-age-over-relaxed-limit = ❌ 年龄:按选举日 { $date } 计算为{ $age }周岁,超过放宽后的{ $relaxed }周岁以下的条件。
finding-age-relaxed-needs-reason = ❌ 年龄:{ $age }周岁,超过{ $limit }周岁,放宽到{ $relaxed }周岁须写明理由。
finding-age-relaxed-ok = ✅ 年龄:{ $age }周岁,超过{ $limit }周岁,按放宽条件(不超过{ $relaxed }周岁)录入,理由已记录。
finding-age-relaxed-ok-no-condition = ✅ 年龄:{ $age }周岁,超过{ $limit }周岁,在兼职干部可放宽的{ $relaxed }周岁以内。
finding-political-status-ok = ✅ 政治面貌:{ $status }。
finding-political-status = ❌ 政治面貌:{ $status }不符合条件,须为{ $allowed }。
finding-local-tie-ok = ✅ 本地户籍或在本地长期居住、工作。
finding-local-tie = ❌ 不是本地户籍,也不在本地长期居住、工作,不符合条件。

## 候选人:批量录入
cand-import-help =
    批量录入候选人:把表格的行粘贴到这里发送(一行一人,逗号或制表符分隔),或直接发送 .xlsx / .csv 文件。
    第一行可以是表头(须有“姓名”列;可用的列名:姓名、性别、身份证号、出生日期、政治面貌、编制、领域、竞选职务、专兼职、推荐方式、联名人数、是否本地、手机、学历、工作单位、放宽理由)。
    没有表头时按这个顺序:姓名, 性别, 身份证号或出生日期, 政治面貌, 编制, 领域, 竞选职务, 专兼职, 推荐方式, 联名人数, 是否本地, 手机, 学历, 工作单位, 放宽理由。
    可以留空:有身份证号时的性别,副书记的专兼职,非联名推荐的联名人数,以及手机、学历、工作单位、放宽理由。
    例如:
    张三,男,1995-03-07,共青团员,编制外,农村,委员,兼职,组织推荐,,是,,本科,某某村委会
    年龄按选举日 { $date } 计算;一次最多 { $max } 行。
cand-import-summary = 批量录入结果:共 { $total } 行,录入 { $accepted } 人,未录入 { $refused } 行(年龄按选举日 { $date } 计算)。
cand-import-accepted = ✅ 已录入:{ $rows }
cand-import-accepted-row = 第{ $row }行 { $name }
cand-import-accepted-range = 第{ $from }—{ $to }行
cand-import-refused = ❌ 第{ $row }行{ $name }:{ $reasons }
cand-import-duplicate-in-batch = 与第{ $row }行是同一人(身份证号相同,或姓名和出生日期相同)
cand-import-duplicate-in-db = 已经录入过(候选人“{ $name }”,{ $status })
cand-import-rule-ref = (见规定[{ $n }])
cand-import-sources = 规定出处:
cand-import-source-line = [{ $n }] { $rule } { $source }
cand-import-more = ……还有 { $count } 行未列出,请改正上面的行后重新发送。
cand-import-too-many = 一次最多录入 { $max } 行,这次有 { $count } 行,请分批发送。
cand-import-empty = 没有读到任何数据行。
cand-import-file-type = 只能读取 .xlsx 或 .csv 文件(这个文件是“{ $name }”)。.xls 旧格式请在 Excel 中另存为 .xlsx。
cand-import-file-too-big = 文件太大(超过 { $max } MB),请分批发送。
cand-import-file-unreadable = 读不出这个文件的内容:请确认是 .xlsx 或 UTF-8 / GBK 编码的 .csv 文件。
cand-import-reading = 正在读取“{ $name }”……
cand-import-id-as-number = (提示:身份证号列在 Excel 中请设为“文本”格式,否则末几位会变成 0。)

## 候选人:名单检查
slate-header = “{ $township }”候选人名单检查({ $profile }):{ $failed ->
    [0] ✅ 全部 { $total } 项符合规定。
   *[other] ❌ { $failed } 项不符合,{ $passed } 项符合。
}
slate-committee-size-ok = ✅ 委员人数:计划 { $members } 名,在规定的 { $min }—{ $max } 名之间。
slate-committee-size-too-small = ❌ 委员人数:计划 { $members } 名,少于规定的 { $min } 名。
slate-committee-size-too-large = ❌ 委员人数:计划 { $members } 名,多于规定的 { $max } 名。
slate-leader-share-ok = ✅ 书记、副书记:{ $leaders } 名,不超过委员 { $members } 名的 { $numerator }/{ $denominator }。
slate-leader-share-too-high = ❌ 书记、副书记:{ $leaders } 名,超过委员 { $members } 名的 { $numerator }/{ $denominator }(最多 { $allowed } 名)。
slate-non-establishment-share-ok = ✅ 编制外:{ $outside }/{ $total } 人({ $percent }%),不低于 { $minPercent }%。
slate-non-establishment-share-too-low = ❌ 编制外:{ $outside }/{ $total } 人({ $percent }%),低于规定的 { $minPercent }%{ $short ->
    [0] 。
   *[other] ,至少还需 { $short } 名编制外人选。
}
slate-party-members-ok = ✅ 中共党员(含预备党员):{ $partyMembers } 名,不少于 { $min } 名。
slate-party-members-too-few = ❌ 中共党员(含预备党员):{ $partyMembers } 名,少于规定的 { $min } 名。
slate-candidate-surplus-ok = ✅ 差额({ $post }):职数 { $seats } 名,候选人 { $candidates } 名,不少于 { $needed } 名。
slate-candidate-surplus-too-few = ❌ 差额({ $post }):职数 { $seats } 名,候选人 { $candidates } 名,至少需 { $needed } 名。
slate-posts-filled-ok = ✅ { $post }:职数 { $seats } 名,有候选人 { $candidates } 名。
slate-posts-filled-too-few = ❌ { $post }:职数 { $seats } 名,只有候选人 { $candidates } 名。
slate-nomination-channels-ok = ✅ 推荐渠道:{ $counts },各渠道都有人选。
slate-nomination-channels-any = ✅ 推荐渠道:{ $counts }。方案列出的渠道可以任选,不要求每个渠道都有人选。
slate-nomination-channels-missing = ❌ 推荐渠道:{ $counts };{ $missing }还没有人选。
slate-sources = 出处:
slate-source-line = [{ $n }] { $source }
slate-ref = [{ $n }]
slate-empty-note = 还没有有效的候选人,比例和人数类的规定暂不能满足。

## 候选人:竞职演讲评分
score-sheet-empty = 还没有录入评分。候选人按抽签顺序演讲后,请逐位评委录入打分。
score-sheet-header = 竞职演讲评分:评委 { $judges } 人,候选人 { $candidates } 人,取平均分排名。
score-row = { $rank }. { $name }:{ $average } 分({ $scored }/{ $judges } 位评委){ $complete ->
    [yes] {""}
   *[no] ⚠️ 未评完
}
score-row-unscored = — { $name }:还没有评分
score-incomplete = ⚠️ 评分表不完整,平均分尚未最终确定:{ $missing }
score-missing-pair = { $judge } 未给 { $name } 打分
score-reminder-speech = ⏱ 提醒:{ $rule }
score-reminder-scoring = 📏 评分:{ $rule }
score-reminder-none = 适用的方案没有规定演讲时长和评分方法,这里按百分制取平均分排名。
score-no-candidates = 还没有有效的候选人,无法录入评分。
score-button-record = ✍️ 录入一位评委的打分
score-button-lots = 🎲 抽签决定演讲顺序
score-prompt-judge = 评委姓名或编号?例如:评委1
score-prompt-scores =
    请按以下顺序输入 { $judge } 给每位候选人的分数(0—{ $scale } 分,最多两位小数),用空格或逗号隔开;没有打分的写“-”:
    { $list }
    例如:{ $example }
score-error-judge = 评委名称应为1—20个字。
score-error-count = 需要 { $expected } 个分数(每位候选人一个),您输入了 { $count } 个。
score-error-value = 第{ $n }个分数“{ $value }”({ $name }):{ $reason ->
    [not-a-number] 不是数字
    [out-of-range] 应在 0—{ $scale } 之间
   *[too-precise] 最多两位小数
}。
score-saved = 已保存 { $judge } 的打分。
score-conflict = 另一位成员刚刚录入了评委 { $judge } 的打分,您这次的录入没有保存。{ $judge } 现在的打分:{ $current }。如需更正,请重新录入。
score-lots =
    抽签结果(演讲顺序):
    { $order }
    已记入审计日志。
cand-withdraw-conflict = 另一位成员刚刚修改了 { $name } 的信息(现在的状态:{ $status }),退出没有执行。请重新打开这位候选人后再操作。
slate-candidate-surplus-election-ok = ✅ 差额(整场选举):拟选配委员 { $seats } 名,正式候选人 { $candidates } 名,不少于 { $needed } 名。
slate-candidate-surplus-election-too-few = ❌ 差额(整场选举):拟选配委员 { $seats } 名,正式候选人 { $candidates } 名,至少需 { $needed } 名。
