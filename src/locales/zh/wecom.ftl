# 企业微信(WeCom)渠道：卡片上的提示。按钮太多时分几张卡片；回复编号与点按钮相同。
wecom-card-hint = 点按钮，或回复 #编号
wecom-card-page = 第 { $page }/{ $pages } 页
wecom-card-done = 已处理
