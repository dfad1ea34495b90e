## Personal data (/mydata, /deleteme)
command-mydata = See what is stored about me
command-deleteme = Delete my data
privacy-title = What the assistant stores about you:
privacy-account = · Account: name { $name }, using the assistant since { $since }
privacy-no-account = · Account: nothing recorded
privacy-language-chosen = · Interface language: { $language } (your choice)
privacy-language-auto = · Interface language: not chosen (your chat app's language where it tells us, else Chinese)
privacy-dialog = · Form in progress: { $name }
privacy-drafts = · Saved drafts: { $names }
privacy-memberships = · Townships you belong to:
privacy-membership-line = ▸ { $township } ({ $role }, joined { $joined }; { $others } other { $others ->
        [one] member
       *[other] members
    })
privacy-units = · Supervising committees you belong to:
privacy-unit-line = ▸ { $unit } (joined { $joined })
privacy-role-secretary = secretary
privacy-role-deputy = deputy
privacy-role-member = member
privacy-none = · Townships you belong to: none
privacy-steps = · Checklist steps you recorded:
privacy-step-line = ▸ { $township } · { $step } ({ $when })
privacy-candidates = · Candidates you entered (ID and mobile numbers shown in part):
privacy-candidate-line = ▸ { $township } · { $name } ({ $post }, { $status }{ $id }{ $mobile })
privacy-scores = · Scores you recorded:
privacy-score-line = ▸ { $township } · judge { $judge }: { $count } { $count ->
        [one] score
       *[other] scores
    }
privacy-more = ▸ … and { $count } more
privacy-audit = · Audit trail: { $count } entries (every change you confirmed, with its time)
privacy-invites = · Invitation links you made: { $count }
privacy-reminders-on = · Deadline reminders: on
privacy-reminders-muted = · Deadline reminders: muted
privacy-reminders-snoozed = · Deadline reminders: snoozed until { $until }
privacy-reminders-queued = · Reminders waiting to be sent to you: { $count }
privacy-local = · Local chat transcript: { $count } { $count ->
        [one] message
       *[other] messages
    }
privacy-id-numbers = ID numbers are never stored as typed: only the birth date, a partly hidden form and a keyed hash that detects the same person entered twice.
privacy-footer = Send /deleteme to delete this data.
privacy-button-delete = 🗑 Delete my data
privacy-dialog-name = { $name ->
    [register] registering a township
    [candidate-add] entering a candidate
    [candidate-edit] editing a candidate
    [candidate-import] importing candidates
    [candidate-scores] recording scores
    [plan] changing the plan
    [step] recording a checklist step
   *[other] another form
}
privacy-confirm =
    Delete your data? This deletes:
    · your account, forms in progress and drafts, chat transcript, reminder settings and queued reminders;
    · your membership of every township.
    The checklist records, candidates and scores you entered for a township stay with it, shown as entered by "a deleted user".
    This cannot be undone.
privacy-confirm-sole = ⚠️ You are the only member of: { $names }. They will be deleted with their plan, checklist, candidates and scores. To keep them, first invite your successor with /invite.
privacy-button-confirm = 🗑 Delete
privacy-button-keep = Cancel
privacy-erased = Your data has been deleted. If you send /start again, you start as a new user.
privacy-kept = Cancelled; nothing was deleted.
