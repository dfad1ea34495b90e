## Policy Q&A: answers composed by question kind
kb-place-jiyang = Jiyang plan
kb-place-xingang = Xingang plan
kb-place-nanshan = Nanshan plan
kb-place-sichuan = Sichuan speech
kb-place-kuanzhuang = Kuanzhuang article
kb-locality-kuanzhuang = Kuanzhuang
kb-fact-line = { $place }: { $text }
kb-silent = { $place }'s plan does not set { $what }.
kb-others-say = What the other documents say:
kb-yours = Your township follows the { $place }:
kb-yours-silent = The { $place } your township follows does not set { $what }.
kb-yours-custom = Set in /plan for your township: { $rule }
kb-not-covered = None of the five documents sets { $what }; I will not guess.
kb-can-ask = You can ask about: age limits, political status, residence, committee size and posts, the share of secretaries and deputies, the share from outside the establishment, Party members, the candidate margin (computed for your numbers), nomination channels, publicity and the pre-appointment notice, speeches and scoring, who approves and appoints, the phases, the deadline (computed from your election date), meetings and work reports, and what each place did.
kb-compute-leaders = Under the Jiyang plan the secretary and deputies together normally make up at most one third of the members: { $members } × 1/3 = { $exact }, so at most { $result } secretaries and deputies.
kb-compute-surplus = The Nanshan plan sets formal candidates above the number of members to be chosen by { $percent }%, over the election as a whole (a directly appointed secretary is not counted apart): { $seats } × (1 + { $percent }%) = { $exact }, rounded up: at least { $result } formal candidates.
kb-compute-non-est = The Nanshan plan requires at least { $percent }% of members from outside the establishment: { $members } × { $percent }% = { $exact }, rounded up: at least { $result } members from outside the establishment.
kb-compute-deadline = The Jiyang plan says the restructuring must be finished within { $months } month after the township Party committee's election: { $from } + { $months } month = { $until }, the latest day to finish.
kb-compute-longer = { $longer }'s publicity period is at least { $a } days and { $shorter }'s at least { $b } days: { $a } − { $b } = { $diff }, so { $longer }'s is { $diff } days longer.
kb-compute-strictest = The strictest age limit is { $place }'s: { $years } or younger; the others: { $others }.
kb-age-of = { $place } { $years }
kb-en-section = { $title }, “{ $heading }”
kb-source-short = { $n }. { $doc }, “{ $heading }”: 「{ $quote }」
kb-section-en = { $title }, “{ $heading }”
kb-age-ok = { $place }: yes. The limit is { $limit }; { $age } is within it.
kb-age-relaxed = { $place }: { $age } is over the normal limit of { $limit }; only under the relaxation ({ $condition }), which allows up to { $relaxed }.
kb-age-over = { $place }: no, { $age } is over the limit of { $limit }.
kb-age-not-for-post = { $place }: its age limit does not apply to the { $post }.
kb-post-secretary = secretary
kb-post-parttime-deputy = deputy secretary
kb-post-member = member
kb-post-fulltime-deputy = full-time deputy secretary
kb-quote-line = { $doc }, “{ $heading }”: «{ $quote }»
ask-no-such-button = There is no button numbered { $number } to press. Press a button under a message (in WeCom you can also reply with the number a button shows); questions can be asked in words.
