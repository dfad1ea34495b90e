## Checklist
doc-name = { $doc ->
    [jiyang-plan] The Jiyang plan
    [xingang-plan] The Xingang plan
    [nanshan-plan] The Nanshan plan
    [sichuan-speech] The Sichuan speech
    [kuanzhuang-reflection] The Kuanzhuang article
   *[other] Your township's rule
}
step-work-plan-title = Draw up the work plan
step-work-plan-what = Following the higher League committee's plan, fix the timetable, the committee's structure and its posts, and submit them to the township Party committee. When recording it you can also give the size and make-up of the committee as it stands: the summary report compares before and after with it.
step-work-plan-why = { doc-name } requires the restructuring to be finished within { $months } { $months ->
        [one] month
       *[other] months
    } after the Party committee's election; a timetable lets you plan every step back from that date.
step-working-group-title = Set up the working group
step-working-group-what = Form a working group (leading group) of the township Party committee and the League committee, with a named head.
step-working-group-why = The Jiyang plan requires the Party to manage cadres through a joint Party–League working body; in the Nanshan plan the leading group vets the nominees.
step-publicity-title = Publicity and mobilisation
step-publicity-what = Announce the restructuring through the press, the web, text messages and notice boards so that young people know of it; record the start and end dates, at least { $days } days counting both ends.
step-publicity-why = { doc-name } requires at least { $days } days of publicity, so that young people have time to learn of it and apply.
step-nominations-title = Nominations
step-nominations-what = { $channels ->
    [no-joint] Collect nominations from the organisation and self-nominations (the rules that apply have no joint nomination); record the number from each channel.
    [democratic] Combine all three channels: nominations from the organisation, democratic recommendation and self-nominations; record the number from each channel (a democratic recommendation comes from the members' vote, not a signed joint nomination, so no signatures are counted).
   *[other] { $signatures ->
        [0] Collect nominations from the organisation, joint nominations and self-nominations; record the number from each channel.
       *[other] Collect nominations from the organisation, joint nominations (at least { $signatures } signatures each) and self-nominations; record the number from each channel and the fewest signatures on a joint nomination.
    }
}
step-nominations-why = The Jiyang and Nanshan plans both combine organisation, democratic and self-nomination, to widen the field.
step-eligibility-review-title = Eligibility review
step-eligibility-review-what = Check each nominee against the age, political status and residence conditions and vet them politically; record how many pass and fail.
step-eligibility-review-why = The Jiyang plan requires an eligibility review before the formal candidates are chosen; the Nanshan plan has the leading group vet the nominees.
step-formal-candidates-title = Formal candidate list
step-formal-candidates-what = Choose the formal candidates among those who passed, following most young members' views, and have the township Party committee agree; the list must pass the slate check first. When recording, tick the formal candidates on the list.
step-formal-candidates-why = { $percent ->
    [0] The Jiyang plan requires formal candidates chosen by most young members' views, with more candidates than seats.
   *[other] { doc-name } requires at least { $percent }% more formal candidates than seats, so the election is competitive.
}
step-election-title = Speeches and election
step-election-what = Hold the meeting: candidates speak for at most { $minutes } minutes in an order drawn by lot, judges score out of { $scale } and the average counts, then the vote; record the date and tick the people elected.
step-election-why = { doc-name } limits speeches to { $minutes } minutes in an order drawn by lot, scored out of { $scale } and averaged; the Jiyang plan asks for speeches before the vote to make it competitive.
step-inspection-title = Organisational inspection
step-inspection-what = After the Party and League committees have reviewed the people chosen, inspect each appointee.
step-inspection-why = The Xingang and Nanshan plans both require an organisational inspection before the notice and the appointment.
step-pre-appointment-notice-title = Pre-appointment notice
step-pre-appointment-notice-what = Post the public notice at each appointee's workplace; record the start and end dates, at least { $days } days counting both ends.
step-pre-appointment-notice-why = { doc-name } requires a { $days }-day notice at the appointee's workplace, open to public scrutiny before the appointment.
step-appointment-title = Approval and appointment
step-appointment-what = Once the notice period is over, seek approval from the township Party committee and the League committee above, and have the Party committee issue the appointment; record its date and number, and tick the people appointed.
step-appointment-why = The Xingang plan appoints only after the notice period ends; the Jiyang plan requires approval by the Party committee and the League committee above.
step-training-title = Training
step-training-what = Train the new committee members in the League's priorities, basic League affairs and grassroots working methods.
step-training-why = The Jiyang plan has a training phase in which the city League committee trains the newly selected members.
step-running-mechanisms-title = Set up the running mechanisms
step-running-mechanisms-what = Set up the division of work, a full committee meeting every { $months } months, a yearly work report and the Party committee's hearing; record the date and the first meeting's date.
step-running-mechanisms-why = { doc-name } requires a full meeting every { $months } months and a yearly work report, and the Party committee hears the League at least once a year.
step-summary-report-title = Summary report
step-summary-report-what = Compare before and after, sum up the experience in a report and submit it to the Party organisation department and the League committee above.
step-summary-report-why = { doc-name } requires everything done within { $months } { $months ->
        [one] month
       *[other] months
    } after the Party committee's election; the Jiyang plan asks for a written report.
field-approvedOn = Plan approved on
field-note = Note
field-formedOn = Formed on
field-leader = Head
field-period = From – to
field-media = Channels used
field-closedOn = Nominations closed on
field-organisation = Organisation nominations
field-jointSignature = Joint nominations
field-self = Self-nominations
field-democratic = Democratic recommendations
field-fewestSignatures = Fewest signatures on a joint nomination
field-reviewedOn = Review finished on
field-eligible = Eligible
field-ineligible = Not eligible
field-decidedOn = Decided on
field-formalCandidates = Formal candidates
field-heldOn = Held on
field-judges = Judges
field-completedOn = Completed on
field-place = Posted at
field-appointedOn = Appointed on
field-documentNo = Document number
field-participants = Participants
field-setUpOn = Set up on
field-firstMeetingOn = First full committee meeting
field-hearingOn = Party committee hearing on
field-submittedOn = Submitted on
field-submittedTo = Submitted to
field-elected = Elected
field-appointed = Appointed
field-beforeMembers = Members before the restructuring
field-beforeLeaders = Secretary and deputies before
field-beforeParttime = Part-time cadres before
field-beforeOutside = Outside the establishment before
field-beforePartyMembers = CPC members before
field-beforeLeagueMembers = League members before
field-beforeFemale = Women before
field-beforeAverageAge = Average age before
field-beforeUnits = Workplaces represented before
field-beforeSectors = Sectors represented before
violation-field-required = Please fill in “{ $field }”.
violation-date-invalid = “{ $value }” is not a valid date; use the form 2011-10-08.
violation-date-in-future = { $date } has not come yet (today is { $today }): record what has happened, with the date it happened.
violation-count-invalid = “{ $value }” is not a valid count; enter 0 or a whole number.
violation-choice-invalid = “{ $value }” is not one of the options.
violation-range-end-before-start = The end date { $end } is before the start date { $start }.
violation-publicity-too-short = Publicity lasts only { $days } days (both ends counted); at least { $min } are required.
violation-notice-too-short = The pre-appointment notice lasts only { $days } days (both ends counted); at least { $min } are required.
violation-channel-not-allowed = The applicable plan has no “{ $channel }” nomination channel.
violation-joint-signatures-below-min = A joint nomination has only { $signatures } signatures; { $min } are required.
violation-slate-not-ok =
    The candidate list has not passed the check, so the formal candidates cannot be fixed yet (send /slate for each line's source):
    { $reasons }
violation-appointment-before-notice-end = The appointment date { $date } is not after the notice, which runs until { $noticeEnd }; appoint only once it has ended.
violation-step-order = Please complete the earlier step “{ $step }” first.
violation-date-before-previous-step = The date { $date } is before the earlier step “{ $step }” ({ $previous }).
violation-age-invalid = “{ $value }” is not a valid average age; give a number from { $min } to { $max } with at most one decimal, e.g. 32.5.
violation-before-without-members = Give the number of members before the restructuring (above 0) before “{ $field }”.
violation-before-part-exceeds-whole = “{ $field }” is { $value }, more than “{ $whole }” ({ $total }): the figures do not agree.
violation-before-political-exceeds-members = { $party } CPC members and { $league } League members make more than the { $total } members before (each person counts once, by political status).
violation-mark-none = Please tick at least one person as “{ $field }”.
violation-mark-unavailable = { $count } of the people ticked are no longer on offer (just withdrawn or changed){ $names ->
    [none] .
   *[other] : { $names }.
} Please tick again.
violation-mark-post-without-seats = The township has no { $post } seat, yet { $count } candidates for { $post } were ticked.
violation-formal-too-few = { $post }: { $seats } seats, only { $count } formal candidates ticked; at least { $needed } are needed.
violation-formal-too-few-election = The election chooses { $seats } members, but only { $count } formal candidates are ticked (not counting posts filled without election); at least { $needed } are needed.
violation-elected-over-seats = { $post }: { $seats } seats, but { $count } ticked as elected; no more can be elected than there are seats.
violation-election-not-competitive = { $post }: { $seats } seats but only { $candidates } formal candidates, fewer than { $needed }: the election is not competitive. Add formal candidates in the “Formal candidate list” step first.
violation-election-not-competitive-election = The election chooses { $seats } members but has only { $candidates } formal candidates (not counting posts filled without election), fewer than { $needed }: the election is not competitive. Add formal candidates in the “Formal candidate list” step first.
violation-appointed-over-seats = { $post }: { $seats } seats, { $count } ticked as appointed, more than the seats.
