# Discrimination reports: the public form, following a report, the statistics, a body's pages.

invalid-when-required = give the day, or roughly when it happened
invalid-ground-required = choose at least one ground (or other)
invalid-not-a-phone = '{ $value }' is not a phone number
invalid-not-an-email = '{ $value }' is not an e-mail address
invalid-too-many-files = at most { $max } files can be sent at once
invalid-evidence-too-large = a file may be at most { $mib } MiB
invalid-evidence-type = the file is { $found }; only photographs and scans are accepted (PDF, PNG, JPEG, WebP, TIFF)
invalid-evidence-full = no more files can be received today; send your words without files, and add them later with your tracking code
invalid-form-expired = the form has expired or was changed; reload the page and send it again
invalid-not-a-person = the form was not filled in as a person would
invalid-code-format = a tracking code has 16 digits
invalid-no-such-code = no report has this tracking code; check the digits
invalid-not-a-body = agency { $id } does not take discrimination reports
invalid-reporter-consent-required = the reporter's consent is required
invalid-period-reversed = the period must end on or after its first day (to is { $to })

refusal-discrimination-closed = This report is closed: messages can no longer be added. You can send a new report.
refusal-discrimination-acknowledged = This report has been acknowledged already.
refusal-discrimination-person-exists = A person was registered from this report already (person { $person }).
refusal-discrimination-erased = This report's personal data were erased at the end of its retention period.

home-discrimination = Discrimination reports
home-discrimination-overdue = { $count ->
    [one] discrimination report not acknowledged by its deadline
   *[other] discrimination reports not acknowledged by their deadline
}

report-form-title = Report discrimination
report-form-lead = Were you treated worse because of who you are: your community, language, sex, religion, health or another ground? Tell us what happened. You do not need to give your name.
report-safe = Your report goes only to the body that can act on it. You get a tracking code to follow it and to answer questions, without an account.
report-errors = Please check these fields:
report-unavailable = Reports cannot be received here yet: no body that handles them has been set up. Please contact the Ombudsperson Institution directly.
report-field-description = What happened?
report-description-hint = In your own words: who did what, and what was said.
report-when = When did it happen?
report-field-happened_on = The day, if you know it
report-field-happened_period = Or roughly when
report-field-municipality = Municipality
report-field-place = The place (for example a school, an office, a street)
report-field-area = Where in life did it happen?
report-field-grounds = Why do you think you were treated this way?
report-field-perpetrator = Who did it?
report-field-reporter_role = You are
report-field-files = Photographs or scans (optional)
report-files-hint = Up to { $max } files of at most { $mib } MiB each: PDF, PNG, JPEG, WebP or TIFF.
report-contact = How can we reach you? (optional)
report-contact-hint = Leave these empty to stay anonymous. You can still read answers with your tracking code.
report-field-contact_name = Your name
report-field-contact_phone = Phone
report-field-contact_email = E-mail
report-field-community = Your community (optional)
report-community-not-said = I prefer not to say
report-field-code = Tracking code
report-field-challenge = The form
report-field-website = The form
report-field-body = Message
report-field-language = Language
report-noscript = Without JavaScript, sending takes a few seconds longer.
report-send = Send the report
report-anonymous = anonymous
report-withheld = withheld (needs the special-categories permission)

report-submitted-title = Your report was received
report-submitted-lead = Thank you. Your report was received and goes to: { $body }.
report-code-heading = Your tracking code
report-code-keep = Write this code down or save it like a phone number. It is shown only once: nobody, not even the staff, can see it again.
report-ack-due = A person will acknowledge your report by { $day }.
report-limited-title = Please wait
report-limited = Too many reports or look-ups came from this connection. Please try again in { $minutes } minutes.

follow-link = Follow a report with its tracking code
follow-title = Follow your report
follow-lead = Type the 16-digit tracking code you received. You can read the answers and write back.
follow-open = Open the report

status-title = Your report
status-sent = Your message was sent.
status-status = Status
status-body = Handled by
status-submitted = Received
status-outcome = Outcome
status-your-report = What you reported
status-files = Files
status-messages = Messages
status-from-you = You
status-from-drom = Drom
status-question = a question for you
status-auto-ack = Your report was received. A person will acknowledge it soon.
status-acknowledged = Your report was acknowledged and is being looked into.
status-closed = This report is closed.
status-write = Write to the body handling your report
status-message = Message
status-send = Send
status-refresh = Look again
status-files-hint = Up to { $max } files: PDF, PNG, JPEG, WebP or TIFF.

discrimination-status-received = received
discrimination-status-acknowledged = acknowledged
discrimination-status-awaiting-reporter = waiting for your answer
discrimination-status-closed = closed

discrimination-period-last-week = in the last week
discrimination-period-last-month = in the last month
discrimination-period-last-six-months = in the last six months
discrimination-period-last-year = in the last year
discrimination-period-earlier = more than a year ago

discrimination-area-employment = work and employment
discrimination-area-education = education
discrimination-area-health-care = health care
discrimination-area-housing = housing
discrimination-area-social-assistance = social assistance
discrimination-area-public-services = public services and documents
discrimination-area-police-justice = police and justice
discrimination-area-goods-services = shops and services
discrimination-area-other = other

discrimination-ground-nationality = nationality or relation to a community
discrimination-ground-national-social-origin = national or social origin
discrimination-ground-race = race
discrimination-ground-ethnicity = ethnicity
discrimination-ground-colour = colour
discrimination-ground-birth = birth
discrimination-ground-origin = origin
discrimination-ground-sex = sex
discrimination-ground-gender = gender
discrimination-ground-gender-identity = gender identity
discrimination-ground-sexual-orientation = sexual orientation
discrimination-ground-language = language
discrimination-ground-citizenship = citizenship
discrimination-ground-religion = religion or belief
discrimination-ground-political-opinion = political or other opinion
discrimination-ground-social-status = social or personal status
discrimination-ground-age = age
discrimination-ground-family-status = family or marital status
discrimination-ground-pregnancy = pregnancy or maternity
discrimination-ground-wealth = wealth
discrimination-ground-health-status = health
discrimination-ground-disability = disability
discrimination-ground-genetic-inheritance = genetic inheritance
discrimination-ground-other = other

discrimination-perpetrator-public-institution = a public institution
discrimination-perpetrator-private-person = a private person or company
discrimination-perpetrator-unknown = I do not know

discrimination-role-victim = the person it happened to
discrimination-role-witness = a witness
discrimination-role-on-behalf = reporting for someone else

discrimination-outcome-recommendation-issued = recommendation issued
discrimination-outcome-resolved-by-mediation = resolved by mediation
discrimination-outcome-referred-to-court = referred to court or prosecutor
discrimination-outcome-referred-to-other-body = referred to another body
discrimination-outcome-inadmissible = inadmissible
discrimination-outcome-withdrawn = withdrawn

discrimination-author-reporter = reporter
discrimination-author-staff = staff
discrimination-author-system = Drom

discrimination-event-submitted = received
discrimination-event-acknowledged = acknowledged
discrimination-event-information-requested = information requested
discrimination-event-answered = the reporter answered
discrimination-event-transferred = transferred
discrimination-event-closed = closed
discrimination-event-registered = reporter registered as a person
discrimination-event-erased = personal data erased

discrimination-activity-meeting = public information meeting
discrimination-activity-training = training of officials
discrimination-activity-round-table = round table

discrimination-body-municipal-unit = Municipal Human Rights Unit
discrimination-body-ombudsperson = Ombudsperson Institution
discrimination-body-good-governance = Office for Good Governance
discrimination-body-gender-equality = Gender Equality Agency
discrimination-body-police = Police

stats-title = Discrimination reports in figures
stats-lead = Reports received from { $from } to { $to }. Counts under { $threshold } are hidden, and so is one more count wherever a hidden one could be worked out from the total.
stats-from = From
stats-to = To
stats-show = Show
stats-total = Reports
stats-median-ack = Median days to acknowledgement
stats-median-outcome = Median days to outcome
stats-dimension-ground = By ground
stats-dimension-area = By area of life
stats-dimension-municipality = By municipality
stats-dimension-body = By body
stats-dimension-outcome = By outcome
stats-dimension-month = By month
stats-dimension-community = By the reporter's community
stats-none = None in this period.
stats-reports = Reports
stats-hidden = hidden
stats-hidden-note = A report may name several grounds, so the grounds add up to more than the reports.
stats-open = still open
stats-not-said = not said

reports-title = Discrimination reports
reports-all = All
reports-overdue = Not acknowledged in time
reports-none = No reports.
reports-number = Number
reports-ack-due = Acknowledge by
reports-overdue-mark = overdue

report-page-title = Report { $id }
report-routing = Proposed by the routing rules
report-routing-confirmed = confirmed
report-person = Registered person
report-person-record = the person's record
report-erase-after = Personal data erased after
report-erased = The personal data of this report were erased; its coded facts remain for the statistics.
report-acknowledge = Acknowledge
report-ack-message = Message to the reporter (optional)
report-write = Write to the reporter
report-question = This is a question: wait for the reporter's answer
report-close = Close with a decision
report-decision = Decision (sent to the reporter)
report-reason = Reason
report-transfer = Transfer to another body
report-transfer-to = Body
report-to-person = Register the reporter as a person
report-given-name = Given name
report-family-name = Family name
report-sex = Sex
report-consent-on = Consent given on
report-consent = The reporter agreed to be registered
report-history = History
report-history-when = When
report-history-what = What
report-history-who = Who

outreach-title = Outreach
outreach-saved = The activity was recorded.
outreach-summary = In this period
outreach-participants = Participants
outreach-activities = Activities
outreach-held-on = Day
outreach-kind = Kind
outreach-topic = Topic
outreach-organiser = Organiser
outreach-institutions = Institutions present
outreach-follow-up = Follow-up
outreach-record = Record an activity

admin-discrimination-title = Discrimination reports: bodies and limits
admin-bodies = Bodies that receive reports
admin-no-bodies = No agency receives reports yet: the public form says so until one does.
admin-agency = Agency
admin-body-kind = Kind
admin-ack-days = Days to acknowledge
admin-retention-days = Days kept after closure
admin-active = Receives reports
admin-set-body = Set an agency as a body
admin-save = Save
admin-limits = Limits of the public form
admin-limit-per-address-per-hour = Reports per address per hour
admin-limit-per-hour = Reports per hour from everyone
admin-limit-lookups-per-address-per-hour = Tracking-code look-ups per address per hour
admin-limit-messages-per-report-per-hour = Reporter messages per report per hour
admin-limit-max-files = Files per report or message
admin-limit-max-file-mb = Largest file (MiB)
admin-limit-evidence-mb-per-day = Evidence per day (MiB)
admin-limit-pow-bits = Proof of work (zero bits)
admin-limit-nojs-delay-secs = Wait without script (seconds)
admin-limit-threshold = Smallest count published
