## 工作清单
doc-name = { $doc ->
    [jiyang-plan] 吉阳镇方案
    [xingang-plan] 新港街道方案
    [nanshan-plan] 南山街道方案
    [sichuan-speech] 四川省视频会议讲话
    [kuanzhuang-reflection] 款庄镇的思考文章
   *[other] 本镇确定的规则
}
step-work-plan-title = 制定工作计划
step-work-plan-what = 结合上级团委部署,明确推进时间表、团委班子结构和职数设置,报乡镇党委。记录时可以一并填写格局创新前团委的人数和构成,总结报告用它作前后对比。
step-work-plan-why = { doc-name }要求乡镇党委换届结束后{ $months }个月内完成格局创新工作,先定时间表才能倒排各环节。
step-working-group-title = 成立工作机构(领导小组)
step-working-group-what = 由乡镇党委和团委共同组成工作机构(领导小组),明确组长和成员分工。
step-working-group-why = 吉阳镇方案要求坚持党管干部原则,由乡镇党委和团委共同组成工作机构;南山街道方案由领导小组负责政审。
step-publicity-title = 宣传发动
step-publicity-what = 通过报刊、网络、手机短信、宣传栏、黑板报等发布公告,使团员青年充分知晓;记录起止日期,至少{ $days }天(首尾两天都算)。
step-publicity-why = { doc-name }要求宣传发动时间不少于{ $days }天,让团员青年有足够时间了解并报名。
step-nominations-title = 人选推荐
step-nominations-what = { $channels ->
    [no-joint] 通过组织推荐、个人自荐产生初步人选(适用的方案没有联名推荐这一途径),分别记录各途径的人数。
    [democratic] 坚持组织推荐、民主推荐和个人自荐三种途径相结合产生初步人选,分别记录各途径的人数(民主推荐由团员青年民主推荐产生,不是联名推荐,无需联名签名)。
   *[other] { $signatures ->
        [0] 通过组织推荐、团员青年联名推荐、个人自荐产生初步人选,分别记录各途径的人数。
       *[other] 通过组织推荐、团员青年联名推荐(至少{ $signatures }人联名)、个人自荐产生初步人选,分别记录各途径的人数和联名推荐中最少的签名人数。
    }
}
step-nominations-why = 吉阳镇、南山街道方案都要求组织推荐、民主推荐和个人自荐相结合,扩大选人视野。
step-eligibility-review-title = 资格审查
step-eligibility-review-what = 对照年龄、政治面貌、户籍或居住工作地等条件,逐一审查推荐人选并进行政审,记录合格与不合格人数。
step-eligibility-review-why = 吉阳镇方案要求对推荐人选先进行资格审查,再确定正式候选人;南山街道方案要求由领导小组工作机构进行政审。
step-formal-candidates-title = 确定正式候选人
step-formal-candidates-what = 根据多数团员青年的意见,在合格人选中确定正式候选人,报乡镇党委同意;候选人名单须通过名单检查才能确定。记录时在候选人名单中勾选正式候选人。
step-formal-candidates-why = { $percent ->
    [0] 吉阳镇方案要求根据多数团员青年的意见确定正式候选人,并实行差额选举。
   *[other] { doc-name }要求按高于拟选配委员数量{ $percent }%的比例确定正式候选人,体现竞争性。
}
step-election-title = 竞职演讲与选举
step-election-what = 召开团员青年大会,候选人按抽签顺序发表不超过{ $minutes }分钟的竞职演讲,评委按{ $scale }分制打分、取平均分,随后选举;记录举行日期,并勾选当选人员。
step-election-why = { doc-name }规定竞职演讲不超过{ $minutes }分钟、顺序抽签决定,评委按{ $scale }分制打分取平均分;吉阳镇方案要求选举前通过演讲体现竞争性。
step-inspection-title = 组织考察
step-inspection-what = 乡镇党委和团委研究新产生的人选名单后,对拟任人选进行组织考察。
step-inspection-why = 新港街道、南山街道方案都要求在公示和任命前,对拟任人选进行组织考察。
step-pre-appointment-notice-title = 任前公示
step-pre-appointment-notice-what = 在拟任人选所在单位进行公示,记录起止日期,至少{ $days }天(首尾两天都算)。
step-pre-appointment-notice-why = { doc-name }要求在人选所在单位公示{ $days }天,接受群众监督后再任命。
step-appointment-title = 报批与正式任命
step-appointment-what = 公示期满后,报乡镇党委和上级团组织批准,由乡镇党委发文正式任命;记录任命日期和文号,并勾选正式任命的人员。
step-appointment-why = 新港街道方案规定公示期满后由党工委发文正式任命;吉阳镇方案要求人选报镇党委和上级团组织批准。
step-training-title = 培训
step-training-what = 组织新任团委委员参加培训,内容包括全团重点工作、基础团务和基层团的工作方法。
step-training-why = 吉阳镇方案专设培训阶段,由团市委对选配后的团委委员进行培训。
step-running-mechanisms-title = 建立运行机制
step-running-mechanisms-what = 建立委员分工、每{ $months }个月一次的全体委员例会、每年述职和党委听取专题汇报制度;记录建立日期和第一次例会日期。
step-running-mechanisms-why = { doc-name }要求每{ $months }个月召开一次全体委员例会、班子成员每年述职,乡镇党委每年至少听取一次团委专题汇报。
step-summary-report-title = 总结报告
step-summary-report-what = 对比格局创新前后的情况,全面总结经验,形成工作报告,报上级党委组织部门和团委。
step-summary-report-why = { doc-name }要求在乡镇党委换届结束后{ $months }个月内完成全部工作;吉阳镇方案要求形成工作报告上报。
field-approvedOn = 计划确定日期
field-note = 备注
field-formedOn = 成立日期
field-leader = 组长
field-period = 起止日期
field-media = 宣传渠道
field-closedOn = 推荐截止日期
field-organisation = 组织推荐人数
field-jointSignature = 联名推荐人数
field-self = 个人自荐人数
field-democratic = 民主推荐人数
field-fewestSignatures = 联名推荐最少签名人数
field-reviewedOn = 审查完成日期
field-eligible = 合格人数
field-ineligible = 不合格人数
field-decidedOn = 确定日期
field-formalCandidates = 正式候选人
field-heldOn = 举行日期
field-judges = 评委人数
field-completedOn = 完成日期
field-place = 公示地点
field-appointedOn = 任命日期
field-documentNo = 任命文号
field-participants = 参训人数
field-setUpOn = 建立日期
field-firstMeetingOn = 第一次全体委员例会日期
field-hearingOn = 党委听取专题汇报日期
field-submittedOn = 报送日期
field-submittedTo = 报送单位
field-elected = 当选人员
field-appointed = 任命人员
field-beforeMembers = 格局创新前团委委员人数
field-beforeLeaders = 格局创新前书记、副书记人数
field-beforeParttime = 格局创新前兼职团干部人数
field-beforeOutside = 格局创新前编制外人数
field-beforePartyMembers = 格局创新前中共党员人数
field-beforeLeagueMembers = 格局创新前共青团员人数
field-beforeFemale = 格局创新前女性人数
field-beforeAverageAge = 格局创新前平均年龄
field-beforeUnits = 格局创新前来源单位数
field-beforeSectors = 格局创新前覆盖领域数
violation-field-required = 请填写“{ $field }”。
violation-date-invalid = “{ $value }”不是有效日期,请按“2011-10-08”的格式填写。
violation-date-in-future = { $date } 还没到(今天是 { $today }):这里记录已经发生的事,请填写实际日期。
violation-count-invalid = “{ $value }”不是有效人数,请填写0或正整数。
violation-choice-invalid = “{ $value }”不是可选项。
violation-range-end-before-start = 结束日期 { $end } 早于开始日期 { $start }。
violation-publicity-too-short = 宣传发动只有{ $days }天(首尾两天都算),规定不少于{ $min }天。
violation-notice-too-short = 任前公示只有{ $days }天(首尾两天都算),规定不少于{ $min }天。
violation-channel-not-allowed = 适用的方案没有“{ $channel }”这一推荐途径。
violation-joint-signatures-below-min = 联名推荐最少只有{ $signatures }人签名,规定须{ $min }人联名。
violation-slate-not-ok =
    候选人名单尚未通过检查,暂不能确定正式候选人(发送 /slate 查看每一条的依据):
    { $reasons }
violation-appointment-before-notice-end = 任命日期 { $date } 不在公示期满之后(公示至 { $noticeEnd }),须在公示结束后才能任命。
violation-step-order = 请先完成前一步骤“{ $step }”。
violation-date-before-previous-step = 日期 { $date } 早于前一步骤“{ $step }”的日期 { $previous }。
violation-age-invalid = “{ $value }”不是有效的平均年龄,请填写{ $min }到{ $max }之间的数,最多一位小数,例如 32.5。
violation-before-without-members = 请先填写格局创新前团委委员人数(大于0),再填写“{ $field }”。
violation-before-part-exceeds-whole = “{ $field }”为{ $value },多于“{ $whole }”{ $total },前后不一致。
violation-before-political-exceeds-members = 格局创新前中共党员{ $party }人、共青团员{ $league }人,合计多于委员总数{ $total }人(每人按政治面貌只计一次)。
violation-mark-none = 请至少勾选一人作为“{ $field }”。
violation-mark-unavailable = 勾选的{ $count }人已不在可选名单中(可能刚被退出或改动){ $names ->
    [none] 。
   *[other] :{ $names }。
}请重新勾选。
violation-mark-post-without-seats = 本乡镇没有设{ $post }职位,却勾选了{ $count }名竞选{ $post }的人员。
violation-formal-too-few = { $post }:职数{ $seats }名,勾选的正式候选人只有{ $count }名,至少须{ $needed }名。
violation-formal-too-few-election = 本次选举拟选配委员{ $seats }名,勾选的正式候选人(不含不经选举产生的职务)只有{ $count }名,至少须{ $needed }名。
violation-elected-over-seats = { $post }:职数{ $seats }名,勾选的当选人员为{ $count }名,当选人数不能超过职数。
violation-election-not-competitive = { $post }:职数{ $seats }名,正式候选人只有{ $candidates }名,不足{ $needed }名,不是差额选举。请先在“确定正式候选人”一步补足正式候选人。
violation-election-not-competitive-election = 本次选举拟选配委员{ $seats }名,正式候选人(不含不经选举产生的职务)只有{ $candidates }名,不足{ $needed }名,不是差额选举。请先在“确定正式候选人”一步补足正式候选人。
violation-appointed-over-seats = { $post }:职数{ $seats }名,勾选任命{ $count }名,超过职数。
