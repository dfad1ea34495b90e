## Deadline reminders
command-reminders = See what is due soon and set reminders
reminder-title = ⏰ Deadline reminder
reminder-township = [{ $township }]
reminder-line = • { $what }: { $when }
reminder-step-today = due today
reminder-step-in = { $days ->
    [1] due tomorrow ({ $date })
   *[other] due in { $days } days ({ $date })
}
reminder-step-overdue = { $days ->
    [1] 1 day overdue (was due { $date })
   *[other] { $days } days overdue (was due { $date })
}
reminder-duty-today = today
reminder-duty-in = { $days ->
    [1] tomorrow ({ $date })
   *[other] in { $days } days ({ $date })
}
reminder-duty-committee-meeting = Full committee meeting
reminder-duty-work-report = Yearly work report (述职)
reminder-duty-party-hearing = Party committee hears the League's report
reminder-more = …and { $count } more; send /reminders to see them all.
reminder-footer = Use a button to open the step, or snooze the reminders if now is not the time.
reminder-button-open = Open: { $step }
reminder-button-snooze = { $days ->
    [1] Snooze 1 day
   *[other] Snooze { $days } days
}
reminder-button-settings = Reminder settings
reminder-snoozed-notice = Reminders snoozed until { $until }.
reminders-title = 🔔 { $township } · deadline reminders
reminders-rules = Reminders come 7, 3 and 1 days before a due date and on the day, then weekly while overdue; nothing is sent between 22:00 and 08:00 (Beijing time), it waits for the morning. After the appointment, the committee meeting, the yearly work report and the Party committee's hearing are reminded too.
reminders-status-on = Status: on.
reminders-status-muted = Status: muted, no reminders are sent.
reminders-status-snoozed = Status: snoozed until { $until }.
reminders-upcoming = Coming up:
reminders-item = • { $date } { $what }{ $note }
reminders-note-overdue = { $days ->
    [1] (1 day overdue)
   *[other] ({ $days } days overdue)
}
reminders-note-today = (today)
reminders-none = Nothing is due soon.
reminders-no-township = You have not registered a township yet. Send /register; then each step's deadline is reminded.
reminders-button-mute = 🔕 Mute
reminders-button-unmute = 🔔 Unmute
reminders-button-resume = ▶️ Resume
reminders-done-mute = Muted.
reminders-done-unmute = Unmuted.
reminders-done-resume = Reminders resumed.
