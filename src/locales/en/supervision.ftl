## Supervisors: registering, inviting, joining
command-supervise = Register a supervising committee, invite the units below
command-overview = Progress overview of the units below
unit-level-province = provincial committee
unit-level-city = city committee
unit-level-county = county committee
unit-below-city = city committees
unit-below-county = county committees
unit-below-township = township committees
sup-prompt-level = At which level is your League committee?
sup-prompt-name = Your unit's name, e.g. 攀枝花市东区团委
sup-prompt-confirm =
    Please check:
    { $level } “{ $name }”{ $parent }
sup-confirm-parent = , under “{ $parent }”
sup-done = “{ $name }” is registered. Next, invite the { $below }: tap “Invite units below” and send them the link.
sup-done-parent = “{ $name }” is registered and has joined “{ $parent }”.
sup-parent-expired = The invitation link has expired, so “{ $name }” was registered on its own. Ask the committee above for a new link and open it again.
sup-invited-intro = “{ $unit }” invites your unit to join it as a unit below. First register your unit:
sup-none =
    You have not registered a supervising committee yet.
    County, city and provincial committees register here, invite the units below, and then see their progress, nudge the townships that lag behind and export the year-end assessment.
sup-units-title = Your units:
sup-unit-line = · { $level } “{ $name }”
button-sup-register = 🏛 Register a supervising committee
button-invite-below = 🔗 Invite units below ({ $name })
button-invite-colleague = 👥 Invite a colleague ({ $name })
button-overview = 📊 Progress overview
sup-invite-below =
    Send this link to the secretaries of the { $below }; opening it joins them to “{ $name }” (valid 14 days):
    { $link }
    (On the local chat page, they can send: { $command })
sup-invite-member =
    Invite a colleague to “{ $name }” to follow the units below together (valid 14 days):
    { $link }
    (On the local chat page, they can send: { $command })
sup-join-invalid = This invitation link is invalid or has expired. Ask the committee above for a new one.
sup-join-colleague = You have joined “{ $name }” and can see its progress and that of the units below.
sup-attach-done = “{ $child }” has joined “{ $parent }”; the committee above can now follow your progress.
sup-attach-already = Your unit is already under this committee; nothing to do.
sup-attach-elsewhere = Your unit is already under another committee and cannot join this one. To change that, contact the committee it is under.
sup-attach-no-township = This link is for townships to join a county committee. Register your township first, then open the link again.
sup-attach-not-secretary = Only the township's secretary (who registered it) can join it to a committee above. Please pass the link on to them.
unit-not-visible = This unit is not under your supervision, or no longer exists.

## Overview
stage-not-started = not started
stage-prepare = preparation
stage-implement = implementation
stage-train = training
stage-summarise = summary
stage-done = done
overview-rule-committeeSize = committee size
overview-rule-leaderShareMax = leader share
overview-rule-nonEstablishmentShareMin = non-establishment share
overview-rule-partyMembersMin = Party members
overview-rule-candidateSurplusMin = candidate surplus
overview-rule-postsFilled = posts without candidates
overview-rule-nominationChannels = nomination channels
overview-title = 📊 Progress of “{ $name }” ({ $level }, { $date })
overview-totals = { $townships } townships below · mean score { $score }
overview-stages = not started { $notStarted } · preparation { $prepare } · implementation { $implement } · training { $train } · summary { $summarise } · done { $done }
overview-overdue = ⚠️ Townships with overdue steps: { $townships }, { $steps } steps overdue in all
overview-overdue-none = ✅ No step is overdue
overview-slate = ❌ Townships whose slate breaks a rule: { $townships } ({ $rules })
overview-slate-rule = { $rule } { $count }
overview-empty-counties = 🕳 Counties no township has joined yet: { $count }
overview-not-started = ⬜ Not started: { $count } — { $names }
overview-not-started-more = and others
overview-chase = To chase (most urgent first):
overview-row-unit = { $name }: { $townships } townships, { $overdue } with overdue steps, { $notStarted } not started, mean { $score }
overview-row-unit-empty = { $name }: no township has joined yet
overview-row-township = { $name }: { $parts }
overview-row-separator = {", "}
overview-row-done = { $done }/13 done
overview-badge-missed-deadline = 🔴 { $days } days past the completion deadline
overview-badge-overdue = 🟠 overdue
overview-badge-not-started = ⬜ not started
overview-badge-on-track = 🟢 on track
overview-badge-done = ✅ done
overview-first-overdue = “{ $step }” { $days } days late
overview-row-failing = slate fails: { $rules }
overview-row-score = score { $score }
overview-row-no-score = no score until started
overview-nothing-below = No unit below has joined yet. Tap “Invite units below” and send them the link.
overview-page = (page { $page } of { $pages })
overview-score-formula = Score = 40 × completion + 40 × on-time share + 20 × slate compliance (out of 100)
button-overview-more = Next page ▶
button-overview-up = ⬆️ Up: { $name }
button-overview-csv = 📥 Export table (CSV)
button-overview-web = 🌐 Web view
overview-township-head-not-started = 🏘 { $county } · { $badge } · no score until started
overview-township-head = 🏘 { $county } · { $stage } · score { $score } (complete { $complete }%, on time { $onTime }%, slate { $slate }%)
overview-township-slate-failing = ❌ The slate breaks: { $rules }
overview-township-slate-ok = ✅ The slate meets every rule
overview-township-slate-none = No candidate entered yet
overview-readonly = (Read-only: the township's committee keeps this checklist.)
button-nudge = 📣 Nudge this township
button-back-to = ⬅️ Back to “{ $name }”
nudge-queued = The { $count } { $count ->
        [one] member
       *[other] members
    } of “{ $name }” will be nudged within a minute (not between 22:00 and 08:00; then at 08:00).
nudge-already = “{ $name }” was already nudged today; a nudge goes once a day at most.
nudge-no-members = “{ $name }” has no member to notify yet.
nudge-quiet = { $count } other member(s) paused or turned off reminders, or blocked the bot, and will not get this one.
nudge-all-quiet = Every member of “{ $name }” has paused or turned off reminders, or blocked the bot; nobody will get this nudge.
button-leave-unit = 🚪 Leave “{ $name }”
leave-confirm = Leave “{ $name }”? You will no longer see its progress or that of the units below it; a colleague's invitation brings you back.
button-leave-confirm = ✅ Leave
leave-done = You have left “{ $name }”.
leave-last = You are the only member of “{ $name }” and cannot leave: nobody would see its progress or that of the units below it. Invite a colleague first.
button-release-township = ➖ Take out of “{ $county }”
release-confirm = Take “{ $township }” out of “{ $county }”? “{ $county }” and the units above it will no longer see its progress; its secretary can then open another county committee's link to join there.
button-release-confirm = ✅ Take it out
release-done = “{ $township }” is no longer under “{ $county }”. Its secretary can open the new county committee's link to join it.

## Export
csv-caption = 📥 Progress of the townships below “{ $name }”: { $count }, as of { $date }.
csv-file = progress-{ $name }-{ $date }.csv
csv-col-province = Province
csv-col-city = City
csv-col-county = County
csv-col-township = Township
csv-col-supervisor = Supervising committee
csv-col-stage = Stage
csv-col-done = Steps done
csv-col-overdue = Steps overdue
csv-col-next = Next step
csv-col-slate = Slate
csv-col-failing = Rules broken
csv-col-complete = Completion (%)
csv-col-on-time = On time (%)
csv-col-slate-share = Slate compliance (%)
csv-col-score = Score
csv-slate-none = none entered
csv-slate-ok = compliant
csv-slate-failing = breaks rules

## Weekly digest and nudges
digest-title = 📊 Weekly progress: “{ $name }” ({ $date })
digest-top = Most in need of chasing:
digest-line = · { $name }
digest-footer = Tap below for the details and to nudge the townships that lag behind.
nudge-message = 📣 “{ $unit }” asks you to speed up the restructuring of “{ $township }”.
nudge-status-overdue = { $count } step(s) are overdue; the next is “{ $step }”.
nudge-status-next = The next step is “{ $step }”.

## Web view (Telegram Mini App)
miniapp-title = League-building assistant · Progress
miniapp-loading = Loading…
miniapp-denied = Your identity could not be confirmed. Open this page with the “Web view” button under the assistant's message in Telegram.
miniapp-error = Loading failed; please try again later.
miniapp-back = ⬅ Back
miniapp-children = Units below (most in need of chasing first)
miniapp-steps = Checklist (read-only)
miniapp-step-done = done
miniapp-step-overdue = overdue
miniapp-step-current = in progress
miniapp-step-open = not started
miniapp-due = due { $date }
chart-phases-title = Townships by phase
chart-late-title = Townships behind (days late)
chart-late-none = No township is late
chart-rules-title = Townships whose slate fails each rule
chart-rules-none = No slate fails a rule
chart-none = No data yet
chart-count = { $count }
chart-days = { $days } d
miniapp-charts = At a glance
miniapp-filter-phase = Phase
miniapp-filter-all = All
miniapp-filter-overdue = Behind only
miniapp-filter-rule = Slate problem
miniapp-search = Search by name
miniapp-shown = Showing { $shown } of { $total }
miniapp-nudge = 📣 Nudge
miniapp-nudge-confirm = Remind the members of “{ $name }” to move on? A township is reminded at most once a day.
miniapp-nudge-yes = Send the nudge
miniapp-nudge-no = Cancel
button-overview-xlsx = 📥 Export the progress sheet (Excel)
xlsx-file = progress-{ $name }-{ $date }.xlsx
xlsx-caption = 📥 Progress of the { $count } townships under “{ $name }”, as of { $date }.
xlsx-sheet = Progress
xlsx-title = { $name }: townships' restructuring progress
xlsx-date = As of { $date }, { $count } townships
xlsx-col-index = No.
xlsx-col-county = County
xlsx-col-township = Township
xlsx-col-badge = Status
xlsx-col-stage = Phase
xlsx-col-done = Steps done
xlsx-col-first-overdue = First overdue step
xlsx-col-days-late = Days late
xlsx-col-failing = Slate problems
xlsx-col-next = Next step
xlsx-col-score = Score
miniapp-xlsx = 📥 Download the progress sheet (Excel)
