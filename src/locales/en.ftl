## General
welcome =
    Hello { $name }! I am the League-building assistant. I guide you step by step through restructuring your township (subdistrict) League committee.
    I can:
    · answer policy questions (just ask, e.g. "what's the age limit for part-time deputy secretaries?") and cite the source;
    · switch the interface language (/language).
    Send /help to see all commands.
help =
    Commands:
    /start — start
    /ask QUESTION — policy question (or just type it)
    /help — help
    /language — switch language (中文 / English)
    You can also just ask a question; I will look it up in the policy documents and cite the source.
unknown-command = There is no such command. Send /help to see the commands.
unsupported-message = I can only handle text messages for now. Type a question, or send /help for the commands.
button-outdated = This button has expired; please open the menu again.
rate-limited = That was a lot at once; please wait a few seconds and try again.
error-generic = Sorry, something went wrong and it has been logged. Nothing you confirmed is lost; please try again later.
error-try-again = The system is busy right now and this action was not saved. Please try once more in a moment.

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
