## Candidates
candidate-error-required = “{ $field }” is missing.
candidate-error-name-length = A name has { $min }–{ $max } characters.
candidate-error-name-characters = A name may contain only Chinese characters, Latin letters and the middle dot “·”, no digits.
candidate-error-gender = Gender: “male” or “female” (you wrote “{ $value }”).
candidate-error-gender-conflict = The gender does not match the ID number, which says { $fromId }.
candidate-error-birth-date-format = Write the birth date as 1995-03-07, 1995/3/7, 1995年3月7日 or 19950307.
candidate-error-birth-date-invalid = That day does not exist; please check the birth date.
candidate-error-birth-date-age = That birth date makes the person { $age }, outside { $min }–{ $max }; please check it.
candidate-error-birth-date-conflict = The birth date { $given } does not match { $fromId } in the ID number.
candidate-error-id-length = A resident ID number has 18 characters.
candidate-error-id-characters = A resident ID number is 17 digits followed by a digit or X.
candidate-error-id-province = The first two digits of the ID number are not a valid province code.
candidate-error-id-date = The birth date inside the ID number is not valid.
candidate-error-id-checksum = The ID number's check character does not match; a digit may be mistyped.
candidate-error-political-status = Political status: CPC member, probationary CPC member, League member or other (you wrote “{ $value }”).
candidate-error-establishment = Establishment: “inside” or “outside” (you wrote “{ $value }”).
candidate-error-sector = Sector: government, private enterprise, rural, school, social organisation or other (you wrote “{ $value }”).
candidate-error-post = Post: secretary, full-time deputy, part-time deputy or member (you wrote “{ $value }”).
candidate-error-commitment = Commitment: “full-time” or “part-time” (you wrote “{ $value }”).
candidate-error-commitment-conflict = The post and the commitment disagree: a full-time deputy is full-time, a part-time deputy part-time.
candidate-error-channel = Channel: organisation nomination, joint nomination, democratic recommendation or self-nomination (you wrote “{ $value }”).
candidate-error-signatures-number = The number of signatures is a whole number.
candidate-error-signatures-min = A joint nomination needs at least { $min } signatures; it has { $count }.
candidate-error-signatures-required = For a joint nomination, give the number of signatures (at least { $min }).
candidate-error-channel-not-local = The nomination channel “{ $channel }” is not one the local rules have; they have: { $allowed }.
candidate-error-local-tie = Local tie (registration, residence or work in the township): “yes” or “no” (you wrote “{ $value }”).
candidate-error-mobile = A mainland mobile number has 11 digits starting with 1 (+86, spaces and dashes are fine).
candidate-error-education = Education: junior high, senior high, vocational, college, bachelor, master or doctorate (you wrote “{ $value }”).
candidate-error-workplace = The workplace has 1–{ $max } characters.
candidate-error-relaxation-reason = The reason for the relaxed age limit has 1–{ $max } characters.
candidate-field-name = name
candidate-field-gender = gender
candidate-field-birthDate = birth date
candidate-field-idNumber = ID number
candidate-field-politicalStatus = political status
candidate-field-establishment = establishment
candidate-field-sector = sector
candidate-field-post = post
candidate-field-commitment = commitment
candidate-field-channel = nomination channel
candidate-field-signatures = signatures
candidate-field-localTie = local tie
candidate-field-mobile = mobile
candidate-field-education = education
candidate-field-workplace = workplace
candidate-field-relaxationReason = relaxation reason

## Candidates: commands and page
command-candidates = Candidates (view, edit, withdraw)
command-newcandidate = Enter one candidate
command-import = Enter several candidates (paste or send a spreadsheet)
command-slate = Check the candidate slate against the rules
command-scores = Election speech scores and ranking
page-upload-label = Upload a candidate spreadsheet (.xlsx or .csv)
page-upload-send = Upload
page-upload-error = Upload failed: choose an .xlsx or .csv file of at most 2 MB.

## Candidates: values
cand-gender-male = male
cand-gender-female = female
cand-post-secretary = secretary
cand-post-fulltime-deputy = full-time deputy secretary
cand-post-parttime-deputy = part-time deputy secretary
cand-post-member = member
cand-commitment-fulltime = full-time
cand-commitment-parttime = part-time
cand-political-party-member = CPC member
cand-political-probationary-party-member = probationary CPC member
cand-political-league-member = League member
cand-political-other = other
cand-establishment-inside = inside the establishment
cand-establishment-outside = outside the establishment
cand-sector-government = government or public institution
cand-sector-private-enterprise = private enterprise
cand-sector-rural = rural
cand-sector-school = school
cand-sector-social-organisation = social organisation
cand-sector-other = other
cand-education-junior-high = junior high
cand-education-senior-high = senior high
cand-education-vocational = vocational
cand-education-college = college
cand-education-bachelor = bachelor
cand-education-master = master
cand-education-doctorate = doctorate
cand-channel-organisation = organisation nomination
cand-channel-joint-signature = joint nomination
cand-channel-self = self-nomination
cand-channel-democratic = democratic recommendation
cand-status-nominated = 📝 nominated
cand-status-eligible = ✅ eligible
cand-status-ineligible = ❌ not eligible
cand-status-formal = 🟢 formal candidate
cand-status-elected = 🗳️ elected
cand-status-appointed = 🎖️ appointed
cand-status-withdrawn = ⛔ withdrawn
cand-yes = yes
cand-no = no
cand-none = —
cand-skip = Skip

## Candidates: entering one
cand-prompt-name = The candidate's name, e.g. 张三 (use “·” between parts of a minority name, e.g. 阿依古丽·买买提)
cand-prompt-post = Which post is sought?
cand-prompt-commitment = Full-time or part-time?
cand-prompt-identity = The 18-character resident ID number (used only to check the birth date and catch duplicates: the number itself is not kept, only a masked form is shown), or the birth date, e.g. 1995-03-07. Age is counted in completed years on the election date, { $date }.
cand-prompt-identity-today = The 18-character resident ID number (used only to check the birth date and catch duplicates: the number itself is not kept, only a masked form is shown), or the birth date, e.g. 1995-03-07. No election date is registered yet, so age is counted on today, { $date }.
cand-prompt-gender = Gender?
cand-prompt-relaxation =
    On the election date { $date }, { $name } will be { $age }, over the usual age limit ({ $limit }).
    The rules allow up to { $relaxed } for { $condition }.
    { $source }
    Please give the reason for the relaxed limit (e.g. what makes the candidate especially outstanding); it is kept on record.
cand-prompt-political = Political status?
cand-prompt-establishment = Inside or outside the establishment (编制)?
cand-prompt-sector = Which sector?
cand-prompt-channel = How was the candidate nominated?
cand-prompt-signatures = How many League members and young people signed the joint nomination? (at least { $min })
cand-prompt-local-tie = Local household registration, or living or working in the township long-term?
cand-prompt-local-tie-required =
    Local household registration, or living or working in the township long-term?
    Rule: { $rule }
cand-prompt-mobile = Mobile number? (optional, 11 digits, masked on display)
cand-prompt-education = Education? (optional)
cand-prompt-workplace = Workplace? (optional) e.g. 某某村委会
cand-error-choice = Please tap one of the buttons below, or type one of them.
cand-error-no-township = Please register your township first, then enter candidates.
cand-error-post-no-seats = Your township's plan has no { $post } seat (0 seats). Choose another post, or change the seats with /plan first.
cand-error-duplicate = This ID number has already been entered (candidate “{ $name }”, status: { $status }); the same person cannot be entered twice.
cand-error-name-birth-duplicate = The list already has a candidate with the same name and birth date, “{ $name }”: that is the same person, who cannot be entered twice.
cand-rule-line = Rule: { $rule }
cand-source = Source: { $cite }
cand-cite = “{ $title }”, { $section }: “{ $quote }”
cand-cite-custom = a rule your township set itself{ $note ->
    [none] .
   *[other] ({ $note }).
}
cand-confirm =
    Please check the candidate:
    { $card }
    Eligibility (on { $date }):
    { $findings }
cand-confirm-save = ✅ Save
cand-confirm-fix = ✏️ Change an answer
cand-fix-which = Which answer do you want to change?
cand-saved = Saved candidate { $name } ({ $post }).
cand-button-add = ➕ Enter a candidate
cand-button-add-more = ➕ Enter another
cand-button-list = 📋 Candidates
cand-button-import = 📥 Enter several
cand-button-slate = 🔎 Check the slate
cand-button-scores = 🏅 Speech scores

## Candidates: list, view, edit, withdraw
cand-list-empty = No candidates entered for “{ $township }” yet. Enter them one by one, or several at once (paste rows or send an .xlsx / .csv file).
cand-list-header = Candidates of “{ $township }”: { $total } in all, { $running } still running (page { $page }/{ $pages }). Tap a button to view, edit or withdraw.
cand-list-line = { $n }. { $name } · { $post } · { $age } · { $status }
cand-button-prev = ◀ Previous
cand-button-next = Next ▶
cand-view =
    { $name } ({ $status })
    { $card }
    Eligibility (on { $date }):
    { $findings }
cand-button-edit = ✏️ Edit
cand-button-withdraw = 🚫 Withdraw
cand-button-back = ◀ Back to the list
cand-not-found = This candidate was not found (removed, or in another township).
cand-edit-which = What do you want to change for { $name }?
cand-edit-saved = Changed { $name }'s “{ $field }”: { $value }.
cand-edit-conflict = Another member has just changed { $name }; your change was not saved. The “{ $field }” is now: { $value }. To change it anyway, open the candidate again.
cand-withdraw-confirm = Withdraw { $name } ({ $post }) from the candidate list? The withdrawal is kept in the audit log.
cand-withdraw-yes = 🚫 Withdraw
cand-withdraw-no = Cancel
cand-withdraw-done = { $name } has been withdrawn from the list (recorded in the audit log).
cand-withdraw-cancelled = Cancelled; { $name } stays on the list.
cand-withdraw-already = { $name } has already been withdrawn.
cand-card-line = { $label }: { $value }
cand-card-age = { $birthDate } ({ $age } on the election date)
cand-card-post = { $post } ({ $commitment })

## Candidates: eligibility findings
finding-age-ok = ✅ Age: { $age }, within the limit of { $limit }.
finding-age-over-limit = ❌ Age: { $age } on the election date { $date }, over the limit of { $limit }.
finding-age-relaxation-not-for-post = ❌ Age: { $age } on the election date { $date }, over the limit of { $limit }; the relaxed limit of { $relaxed } applies only to { $posts }, not to { $post }.
finding-age-relaxation-part-time-only = ❌ Age: { $age } on the election date { $date }, over the limit of { $limit }; the relaxed limit of { $relaxed } is for part-time cadres only, not for someone serving full-time.
finding-age-over-relaxed-limit = ❌ Age: { $age } on the election date { $date }, over even the relaxed limit of { $relaxed }.
finding-age-relaxed-needs-reason = ❌ Age: { $age }, over { $limit }; the relaxed limit of { $relaxed } needs a recorded reason.
finding-age-relaxed-ok = ✅ Age: { $age }, over { $limit } but within the relaxed limit of { $relaxed }; the reason is on record.
finding-age-relaxed-ok-no-condition = ✅ Age: { $age }, over { $limit } but within the { $relaxed } part-time cadres may be.
finding-political-status-ok = ✅ Political status: { $status }.
finding-political-status = ❌ Political status: { $status } does not qualify; it must be { $allowed }.
finding-local-tie-ok = ✅ Local registration, or living or working there long-term.
finding-local-tie = ❌ Neither local registration nor living or working there long-term: does not qualify.

## Candidates: several at once
cand-import-help =
    Entering several candidates: paste rows of your table here (one person a line, separated by commas or tabs), or send the .xlsx / .csv file itself.
    The first row may be a header (it needs a 姓名 / name column; known column names: 姓名, 性别, 身份证号, 出生日期, 政治面貌, 编制, 领域, 竞选职务, 专兼职, 推荐方式, 联名人数, 是否本地, 手机, 学历, 工作单位, 放宽理由, or name, gender, id number, birth date, political status, establishment, sector, post, commitment, channel, signatures, local, mobile, education, workplace, relaxation reason).
    Without a header, this order: name, gender, ID number or birth date, political status, establishment, sector, post, commitment, channel, signatures, local tie, mobile, education, workplace, relaxation reason.
    May be left empty: gender when an ID number is given, a deputy's commitment, signatures except for joint nominations, and mobile, education, workplace, relaxation reason.
    For example:
    张三,男,1995-03-07,共青团员,编制外,农村,委员,兼职,组织推荐,,是,,本科,某某村委会
    Ages are counted on the election date, { $date }; at most { $max } rows at a time.
cand-import-summary = Result: { $total } rows, { $accepted } candidates entered, { $refused } rows not entered (ages on the election date, { $date }).
cand-import-accepted = ✅ Entered: { $rows }
cand-import-accepted-row = row { $row } { $name }
cand-import-accepted-range = rows { $from }–{ $to }
cand-import-refused = ❌ Row { $row }{ $name }: { $reasons }
cand-import-duplicate-in-batch = the same person as row { $row } (same ID number, or same name and birth date)
cand-import-duplicate-in-db = already entered (candidate “{ $name }”, { $status })
cand-import-rule-ref = (see rule [{ $n }])
cand-import-sources = Rules cited:
cand-import-source-line = [{ $n }] { $rule } { $source }
cand-import-more = …and { $count } more rows not listed; correct the rows above and send them again.
cand-import-too-many = At most { $max } rows at a time; this has { $count }. Please send them in parts.
cand-import-empty = No data rows were found.
cand-import-file-type = Only .xlsx and .csv files can be read (this one is “{ $name }”). Save an old .xls file as .xlsx in Excel.
cand-import-file-too-big = The file is too large (over { $max } MB); please send it in parts.
cand-import-file-unreadable = This file could not be read: make sure it is an .xlsx file, or a .csv file in UTF-8 or GBK.
cand-import-reading = Reading “{ $name }”…
cand-import-id-as-number = (Tip: format the ID number column in Excel as “Text”, or its last digits turn into zeros.)

## Candidates: the slate check
slate-header = Slate check for “{ $township }” ({ $profile }): { $failed ->
    [0] ✅ all { $total } rules met.
   *[other] ❌ { $failed } not met, { $passed } met.
}
slate-committee-size-ok = ✅ Committee size: { $members } planned, within { $min }–{ $max }.
slate-committee-size-too-small = ❌ Committee size: { $members } planned, fewer than { $min }.
slate-committee-size-too-large = ❌ Committee size: { $members } planned, more than { $max }.
slate-leader-share-ok = ✅ Secretary and deputies: { $leaders }, at most { $numerator }/{ $denominator } of the { $members } members.
slate-leader-share-too-high = ❌ Secretary and deputies: { $leaders }, more than { $numerator }/{ $denominator } of the { $members } members (at most { $allowed }).
slate-non-establishment-share-ok = ✅ Outside the establishment: { $outside } of { $total } ({ $percent }%), at least { $minPercent }%.
slate-non-establishment-share-too-low = ❌ Outside the establishment: { $outside } of { $total } ({ $percent }%), below { $minPercent }%{ $short ->
    [0] .
   *[other] ; at least { $short } more needed.
}
slate-party-members-ok = ✅ CPC members (incl. probationary): { $partyMembers }, at least { $min }.
slate-party-members-too-few = ❌ CPC members (incl. probationary): { $partyMembers }, fewer than { $min }.
slate-candidate-surplus-ok = ✅ Competition ({ $post }): { $seats } seats, { $candidates } candidates, at least { $needed } needed.
slate-candidate-surplus-too-few = ❌ Competition ({ $post }): { $seats } seats, { $candidates } candidates, at least { $needed } needed.
slate-posts-filled-ok = ✅ { $post }: { $seats } seats, { $candidates } candidates.
slate-posts-filled-too-few = ❌ { $post }: { $seats } seats, only { $candidates } candidates.
slate-nomination-channels-ok = ✅ Nomination channels: { $counts }; every channel has candidates.
slate-nomination-channels-any = ✅ Nomination channels: { $counts }. The plan lets candidates come through any of them; not every channel needs someone.
slate-nomination-channels-missing = ❌ Nomination channels: { $counts }; none yet from { $missing }.
slate-sources = Sources:
slate-source-line = [{ $n }] { $source }
slate-ref = [{ $n }]
slate-empty-note = No candidates are running yet, so the share and count rules cannot be met.

## Candidates: speech scores
score-sheet-empty = No scores yet. After the speeches (in the order drawn by lot), enter each judge's scores.
score-sheet-header = Speech scores: { $judges } judges, { $candidates } candidates, ranked by average.
score-row = { $rank }. { $name }: { $average } ({ $scored }/{ $judges } judges){ $complete ->
    [yes] {""}
   *[no] ⚠️ incomplete
}
score-row-unscored = — { $name }: not scored yet
score-incomplete = ⚠️ The score sheet is incomplete, so the averages are not final: { $missing }
score-missing-pair = { $judge } has not scored { $name }
score-reminder-speech = ⏱ Reminder: { $rule }
score-reminder-scoring = 📏 Scoring: { $rule }
score-reminder-none = Your rules set no speech length or scoring method; the ranking here uses the average of 100-point scores.
score-no-candidates = No candidates are running yet, so there is nothing to score.
score-button-record = ✍️ Enter a judge's scores
score-button-lots = 🎲 Draw lots for the speaking order
score-prompt-judge = The judge's name or number? e.g. Judge 1
score-prompt-scores =
    Enter { $judge }'s score for each candidate in this order (0–{ $scale }, at most two decimals), separated by spaces or commas; write “-” for a candidate not scored:
    { $list }
    For example: { $example }
score-error-judge = A judge's name has 1–20 characters.
score-error-count = { $expected } scores are needed (one per candidate); you entered { $count }.
score-error-value = Score { $n } “{ $value }” ({ $name }): { $reason ->
    [not-a-number] not a number
    [out-of-range] must be between 0 and { $scale }
   *[too-precise] at most two decimals
}.
score-saved = Saved { $judge }'s scores.
score-conflict = Another member has just recorded { $judge }'s scores; yours were not saved. { $judge }'s scores now: { $current }. To correct them, record the sheet again.
score-lots =
    Speaking order drawn by lot:
    { $order }
    Recorded in the audit log.
cand-withdraw-conflict = Another member has just changed { $name } (status now: { $status }); the withdrawal was not done. Open the candidate again and retry.
slate-candidate-surplus-election-ok = ✅ Competition (whole election): { $seats } members to choose, { $candidates } formal candidates, at least { $needed } needed.
slate-candidate-surplus-election-too-few = ❌ Competition (whole election): { $seats } members to choose, { $candidates } formal candidates, at least { $needed } needed.
