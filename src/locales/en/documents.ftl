## Documents
command-documents = Draft the papers of each step
button-draft-document = 📄 Draft { $name }
documents-intro = I can draft these papers (in Chinese, as they are published). They are filled from your township's registration, the checklist records and the candidate list; whatever nobody recorded is left as a visible “待填” blank, never made up. Public papers carry no ID numbers, and mobile numbers are always masked.
document-about-working-group = notice setting up the working group, with its members
document-about-publicity-notice = public announcement to League members and young people: seats, conditions, how to apply
document-about-registration-form = candidate registration form on one A4 page, filled in by applicants
document-about-formal-candidates = list of formal candidates, with candidates per post against the seats
document-about-pre-appointment-notice = public notice of the people to be appointed
document-about-approval-request = request to the Party committee and the League committee above to approve the appointees
document-about-summary-report = summary report with before/after figures and whether each step was on time
documents-text-follows = Here is the full draft of “{ $name }” to copy; the Word file follows.
documents-caption = 📄 { $name } (draft, Word file). Please check it before issuing.
documents-blanks = { $count } { $count ->
        [one] blank
       *[other] blanks
    } to fill: { $names }
documents-no-blanks = No blanks to fill.
documents-note-formal-list-from-slate = Note: no candidate is marked as a formal candidate yet, so the list is drafted from the candidates on file (not withdrawn or ineligible); please check it.
documents-note-formal-list-empty = Note: no candidates are entered yet; the list is left blank.
documents-note-appointees-none = Note: no candidate is marked as elected or appointed yet; the list of appointees is left blank.
documents-note-committee-elected-only = Note: nobody is marked as appointed yet; the “after” figures count the people elected.
documents-note-committee-none = Note: nobody is marked as elected or appointed yet; the “after” figures are left blank.
documents-note-before-none = Note: the committee before the restructuring was not recorded, so the “before” column and the changes are left blank. Record it with the “Draw up the work plan” step (“Correct the record”), or fill it in by hand.
documents-basis-own = The rules this paper rests on (your { $unit }'s own; for you to check, not printed in the paper):
documents-basis-reference = Wording follows (other localities' practice or the recommended default, not your { $unit }'s rules; for drafting only, not printed):
documents-basis-line = · { $source }: “{ $quote }”
documents-basis-line-plain = · { $source }
