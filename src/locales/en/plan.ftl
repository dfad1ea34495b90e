## Work plan
command-plan = View and change the work plan
plan-summary =
    Work plan: { $place }
    Rules: { $profile }
    Party committee election: { $partyElection }
    League committee election: { $plannedElection }
    Seats: { $seats }
    { $custom }
    When a key date changes, every step's due date is recomputed.
plan-custom-none = Your township has set no rules of its own.
plan-custom-list = Rules your township set itself: { $rules } (authority: { $note })
plan-edit-party = Party election date
plan-edit-election = League election date
plan-edit-seats = Seats
plan-edit-profile = Whose rules apply
plan-edit-custom = Set a rule yourself
plan-custom-rule = Which rule do you set yourselves?
plan-custom-value = Type the new value of “{ $rule }” (a whole number).
plan-custom-note = On what authority? e.g. the county League committee's notice No. 3 of 2024. It is shown with the rule.
plan-rule-publicityDaysMin = Minimum publicity days
plan-rule-preAppointmentNoticeDays = Pre-appointment notice days
plan-rule-maxAge = Age limit (completed years)
plan-rule-relaxedMaxAge = Relaxed age limit (completed years)
plan-rule-candidateSurplusMin = Candidate surplus (%)
plan-saved = Saved.
plan-conflict = Another member has just changed the plan; your change was not saved. The current plan is below; check it and change it again.
timeline-deadline-too-short = ⚠️ Not enough time: the work must be finished by { $deadline } ({ $months } { $months ->
        [one] month
       *[other] months
    } after the Party committee's election), but publicity lasts at least { $publicityDays } days and the pre-appointment notice at least { $noticeDays } days (both ends counted): from today, the earliest appointment is { $appointment }. The rules in conflict:
timeline-earliest-plan = The earliest plan that fits: publicity { $publicityStart } to { $publicityEnd }, election on { $election } at the earliest, notice { $noticeStart } to { $noticeEnd }, appointment on { $appointment }. Agree a later deadline with the committee above, or change the dates with /plan.
timeline-election-after-deadline = ⚠️ The planned League election, { $election }, is after the completion deadline, { $deadline } ({ $months } { $months ->
        [one] month
       *[other] months
    } after the Party committee's election); the inspection, the notice and the appointment still follow it.
timeline-election-too-early = ⚠️ The planned League election, { $election }, comes too soon: publicity lasts at least { $publicityDays } days, then nominations, the eligibility review and the formal list follow; from today, the earliest election is { $earliest }.
