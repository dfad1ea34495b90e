## General
welcome =
    Hello { $name }! I am the League-building assistant. I guide you step by step through restructuring your township (subdistrict) League committee.
    I can:
    · register your township, build the checklist with your locality's rules, and remind you of each deadline;
    · answer policy questions (just ask, e.g. "what's the age limit for part-time deputy secretaries?") and cite the source.
    Tap the button below to register your township, or send /help for all commands.
help =
    Commands:
    /start — start
    /register — register a township (subdistrict)
    /next — continue with the next step
    /progress — the checklist
    /plan — view and change the work plan (key dates, seats, rules)
    /invite — invite your deputies
    /candidates — the candidates (view, edit, withdraw)
    /newcandidate — enter a candidate
    /import — import candidates (paste rows or send .xlsx/.csv)
    /slate — check the slate against the rules
    /scores — record speech scores and rank
    /documents — draft the notices, lists and reports
    /reminders — deadline reminders (see, mute, snooze)
    /overview — supervisors: progress of the units below, nudges, export
    /supervise — register a county, city or provincial committee and invite the units below
    /ask QUESTION — policy question (or just type it)
    /cancel — leave the current form (answers are kept)
    /language — switch language (中文 / English)
    /mydata — see what is stored about me
    /deleteme — delete my data
unknown-command = There is no such command. Send /help to see the commands.
unsupported-message = I can only handle text messages for now. Type a question, or send /help for the commands.
button-outdated = This button has expired; please open the menu again.
rate-limited = That was a lot at once; please wait a few seconds and try again.
error-generic = Sorry, something went wrong and it has been logged. Nothing you confirmed is lost; please try again later.
error-try-again = The system is busy right now and this action was not saved. Please try once more in a moment.
private-only = The assistant works in private chats only; please message me directly.
edited-message-ignored = I don't read edited messages again. To correct something, please send it once more.
deleted-user = a deleted user

## Command descriptions (Telegram menu)
command-start = Start the assistant
command-help = Show help
command-language = Switch language

## Language
language-name = English
language-prompt = Choose the interface language:
language-chosen = The interface is now in English.

## Local chat page
page-title = League-building assistant · local chat
page-log-label = Conversation
page-message-label = Message
page-placeholder = Type a message or a command, e.g. /start
page-send = Send
page-edited = (edited)
page-error = Sending failed; please try again.
page-download = Download
page-switch-language = 中文
page-channel-label = Show as
page-channel-telegram = Telegram
page-channel-wecom = WeCom
page-wecom-updated = (card updated)

## Policy questions
kb-rule-intro = The documents differ by locality:
kb-rule-line = { $place }: { $rules }
kb-rule-silent = The document of { $places } says nothing about this.
kb-rule-silent-others = The document of { $places } says nothing about this; the other documents say:
kb-passage-line = { $title }, section “{ $heading }”: «{ $quote }»
kb-not-found =
    Sorry, I found nothing in the knowledge base about this, and I won't guess.
    I can answer questions about: age limits, political status, residence, committee size and structure, the non-establishment share, the Party member minimum, the candidate surplus, publicity and pre-appointment notice periods, speeches and scoring, nomination channels, the completion deadline, meetings and work reports, and the practices the five documents describe.
kb-locality-jiyang = Jiyang Town
kb-locality-xingang = Xingang Subdistrict
kb-locality-nanshan = Nanshan Subdistrict
kb-locality-sichuan = Sichuan (Zhang Tong's speech)
kb-locality-recommended = Recommended default
kb-sources = Sources:
kb-source-line = { $n }. { $title }, “{ $heading }”: 「{ $quote }」
kb-read-source = 📖 Source { $n }
kb-ask-usage = Write the question after /ask, e.g. /ask what's the age limit for part-time deputy secretaries?
kb-source-text = { $title }, “{ $heading }”
kb-other-place = The knowledge base holds only the documents of Sichuan, Kuanzhuang (Yunnan), Jiyang (Sanya), Xingang and Nanshan; it has no rules for the place you asked about.
command-ask = Ask a policy question

## Dialogs
dialog-use-default = Use default: { $value }
dialog-default-hint = (tap “Use default”, or type another value)
dialog-skip = Skip (leave empty)
dialog-skip-hint = (tap “Skip” to leave it empty)
dialog-cancel-hint = Send /cancel to leave at any time; your answers are kept.
dialog-retype = Please type this item again.
dialog-cancelled = Left. Your answers are kept as a draft and will be filled in when you continue.
dialog-nothing-to-cancel = There is nothing to cancel.
dialog-outdated = This form has been updated; let's start it again.
dialog-ended-draft = The form stops here; what was accepted is kept as a draft. Continue once the problem above is dealt with.
dialog-button-outdated = That button belongs to a question already answered. The current question is:
dialog-pick-count = { $chosen } of { $total } ticked. Tap a name to tick or untick it, then “Confirm”.
dialog-pick-all = ☑️ Tick all
dialog-pick-none = ⬜ Untick all
dialog-pick-confirm = ✅ Confirm ({ $count } ticked)
dialog-pick-use-buttons = For this item, tap the names on the buttons of the message above, then “Confirm”.
dialog-pick-previous = ◀ Previous
dialog-pick-next = Next ▶
dialog-pick-page = Page { $page } of { $pages } (ticks are kept when you turn the page).

## Registering a township
no-township-yet = You have not registered a township (subdistrict) yet. Register it first and I will build the checklist with your locality's rules.
button-register = 📝 Register township
button-next-step = ▶️ Next step
button-progress = 📋 Checklist
button-invite = 👥 Invite deputies
kind-township = Township
kind-subdistrict = Subdistrict
onboard-province = Which province? e.g. 四川省
onboard-city = Which city (prefecture)? e.g. 攀枝花市
onboard-county = Which county (district)? e.g. 东区
onboard-name = The township's (subdistrict's) name, e.g. 南山街道
onboard-kind = Is it a township or a subdistrict?
onboard-profile =
    Whose rules apply? They differ by locality (age, committee size, publicity days, ...).
    If unsure, choose “Recommended default”: it combines the plans and cites each rule's source.
onboard-party-election = Date of the township Party committee's election? e.g. 2024-03-15. The restructuring must finish within one month after it.
onboard-planned-election = Planned date of the League committee election (speeches)? e.g. 2024-04-05
onboard-seats-secretary = How many secretaries?
onboard-seats-fulltime = How many full-time deputy secretaries?
onboard-seats-parttime = How many part-time deputy secretaries?
onboard-seats-members = How many members besides the secretary and deputies?
onboard-confirm =
    Please check:
    Place: { $place } ({ $kind })
    Rules: { $profile }
    Party committee election: { $partyElection }
    League committee election: { $plannedElection }
    Seats: { $seats }
seats-summary = { $secretary } { $secretary ->
        [one] secretary
       *[other] secretaries
    }, { $fulltimeDeputies } full-time { $fulltimeDeputies ->
        [one] deputy
       *[other] deputies
    }, { $parttimeDeputies } part-time { $parttimeDeputies ->
        [one] deputy
       *[other] deputies
    }, { $members } { $members ->
        [one] member
       *[other] members
    }, { $total } in all
onboard-confirm-yes = ✅ Save
onboard-already-registered = You have already registered “{ $name }” ({ $place }); it was not registered a second time, and its candidates and recorded steps are where they were. To change its dates, seats or rules, send /plan.
onboard-confirm-restart = ✏️ Start over
onboard-done = The plan for “{ $name }” is saved. Work through the checklist step by step; you can also invite your deputies to fill it in with you.
onboard-error-text = Please type { $min } to { $max } characters.
onboard-error-place-sign = Place names have no signs such as < > / #: type the name only, e.g. 南山街道.
onboard-error-date = I could not read that date. Please type it like 2024-03-15.
onboard-error-date-unreal = That day does not exist (no such month or day, e.g. 30 February). Please check the month and day.
onboard-error-count = Please type a whole number from { $min } to { $max }.
onboard-error-count-exact = Only { $value } is possible here.
onboard-error-choice = Please choose with the buttons below.
onboard-error-election-order = The League election must come after the Party committee election; please type it again.
invite-link =
    To invite a deputy to “{ $name }”, send them this link (valid for 14 days):
    { $link }
    (In the local chat page they can send: { $command })
join-done = You have joined “{ $name }” and can view and fill in the checklist with the other members.
join-invalid = This invitation is invalid or has expired; ask the secretary for a new one.
welcome-back = Hello { $name }! You are restructuring “{ $township }”.
command-next = Continue with the next step
command-progress = The checklist
command-register = Register a township
command-invite = Invite deputies
command-cancel = Leave the current form
# Between the items of a list in running text.
list-separator = { ", " }
