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
candidate-error-channel = 推荐方式请填组织推荐、团员青年联名推荐或个人自荐(您填的是“{ $value }”)。
candidate-error-signatures-number = 联名人数请填整数。
candidate-error-signatures-min = 联名推荐至少需要{ $min }人,现为{ $count }人。
candidate-error-signatures-required = 联名推荐请填写联名人数(至少{ $min }人)。
candidate-error-local-tie = 是否本地(户籍或长期居住、工作)请填“是”或“否”(您填的是“{ $value }”)。
candidate-error-mobile = 手机号应为11位大陆手机号,如 138 1234 5678。
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
