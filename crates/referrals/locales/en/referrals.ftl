# Referrals: closed-loop referrals with consent, and the Migrant Service Centre's sessions.

invalid-outcome-required = is required to complete a referral: the services actually delivered
invalid-not-in-consent = the consent does not name { $field }
invalid-due-in-past = { $day } is in the past
invalid-consent-required = the person's consent to share is required
invalid-referral-service-inactive = the service is not taking referrals (its status is { $status })
invalid-no-service = there is no service { $id } in the directory
invalid-no-receiver = the service's provider receives no referrals through Drom
invalid-not-a-uuid = '{ $value }' is not a UUID
invalid-wire-version = message version { $version } is not understood

refusal-referral-step = the { $side } cannot move a referral from { $from } to { $to }
refusal-referral-consent-withdrawn = person { $id } withdrew consent: record a new consent first
refusal-referral-case-not-accepted = only an accepted referral becomes a case (this one is { $status })
refusal-referral-case-exists = this referral is a case already (person { $person })
refusal-referral-uid-taken = another server sent a referral with the id { $uid }

task-rule-referral-overdue = Referral to { $service } not answered since { $due }

referral-status-draft = draft
referral-status-requested = requested
referral-status-accepted = accepted
referral-status-rejected = rejected
referral-status-in-progress = in progress
referral-status-on-hold = on hold
referral-status-failed = failed
referral-status-completed = completed
referral-status-cancelled = cancelled
referral-status-entered-in-error = entered in error
referral-side-sender = sender
referral-side-receiver = receiver

home-referrals-overdue-sent = { $count ->
    [one] referral sent and not answered by its due date
   *[other] referrals sent and not answered by their due date
}
home-referrals-overdue-received = { $count ->
    [one] referral received and not answered by its due date
   *[other] referrals received and not answered by their due date
}

# Pages
referrals-title = Referrals
referrals-boxes = Referral boxes
referrals-sent = Sent
referrals-received = Received
referrals-overdue = Overdue
referrals-none = No referrals.
referrals-person = Person
referrals-from = From
referrals-service = Service
referrals-need = Need
referrals-status = Status
referrals-due = Answer due by
referrals-withdrawn = consent withdrawn
referrals-no-name = name not shared
referrals-overdue-mark = overdue
referral-title = Referral
referral-reason = Reason
referral-outcome = Outcome: the services actually delivered
referral-person-record = the person's record
referral-own-case = Our own case
referral-shared = What was shared
referral-special-withheld = Special-category values are not shown: you do not hold that permission.
referral-consent-withdrawn = The person withdrew consent: nothing shared is kept.
referral-consent = Consent to share
referral-consent-fields = The consent covers
referral-change = Change the status
referral-save = Save
referral-make-case = Make it a case of ours
referral-revoke = Revoke the referral
referral-history = History
referral-when = When
referral-who = Who
referral-new-title = New referral
referral-need-text = The need in your words
referral-consent-given = The person (or their guardian) consents to share the fields below
referral-given-by = Given by
referral-guardian-name = Guardian's name
referral-given-on = Given on
referral-language = Language (sq, sr, rom, ...)
referral-means = How
referral-fields = Share these fields
referral-keep-draft = Keep as a draft
referral-send = Send the referral
referral-refused = Not done
referral-back = Back
referral-refer = Refer to a service
referral-withdraw-reason = Why the person withdraws consent (optional)
referral-withdraw = Withdraw consent to share
referral-field-name = name
referral-field-date-of-birth = date of birth
referral-field-sex = sex
referral-field-phone = phone
referral-field-languages = languages
referral-field-municipality = municipality
referral-field-need = the need in words
referral-field-vulnerabilities = vulnerabilities (special category)
referral-field-community = community (special category)
referral-giver-person = the person
referral-giver-guardian = a guardian
referral-means-spoken = spoken
referral-means-signed-paper = signed paper
referral-means-electronic = electronic
referral-means-interpreted = through an interpreter
referral-need-employment = employment
referral-need-vocational-training = vocational training
referral-need-business-support = business support and micro-grants
referral-need-housing = housing
referral-need-health = health
referral-need-mental-health = mental health
referral-need-education = education and school fees
referral-need-social-assistance = social assistance
referral-need-legal-aid = legal aid
referral-need-civil-documents = civil registration and documents
referral-need-counter-trafficking = counter-trafficking
referral-need-discrimination-complaints = discrimination complaints
referral-need-child-protection = child protection
referral-need-interpretation = interpretation
referral-need-migration-information = migration information
referral-need-return-reintegration = return and reintegration

# Migrant Service Centre
msc-title = Migrant Service Centre sessions
msc-saved = The session is recorded.
msc-topic = Topic
msc-person-id = Registered person's number (leave empty for an anonymous visitor)
msc-anonymous = Anonymous visitor
msc-anonymous-short = anonymous
msc-registered = registered person
msc-sex = Sex
msc-age-group = Age group
msc-municipality = Municipality
msc-outcome = Outcome
msc-held-on = Day
msc-note = Note
msc-record = Record the session
msc-latest = Latest sessions
msc-none = No sessions yet.
msc-who = Who
msc-topic-legal-migration = legal migration and visas
msc-topic-work-abroad = work abroad and recognition of qualifications
msc-topic-irregular-migration-risks = risks of irregular migration and trafficking
msc-topic-voluntary-return = voluntary return and reintegration
msc-topic-services-in-kosovo = services in Kosovo
msc-age-under-18 = under 18
msc-age-18-24 = 18 to 24
msc-age-25-34 = 25 to 34
msc-age-35-49 = 35 to 49
msc-age-50-plus = 50 and over
msc-outcome-informed = informed
msc-outcome-advised = advised
msc-outcome-referred = referred to a service
msc-outcome-follow-up = follow-up agreed

# Report
report-referrals-title = Referral report
report-referrals-from = From
report-referrals-to = To
report-referrals-show = Show
report-referrals-outcome-share = Closed referrals completed with an outcome
report-referrals-median-acceptance = Median days to acceptance
report-referrals-median-completion = Median days to completion
report-referrals-suppressed = Counts under the small-cell threshold are hidden (–).
report-referrals-none = None in this period.
report-referrals-by-need = Referrals by need
report-referrals-by-service = Referrals by service
report-referrals-by-municipality = Referrals by municipality
report-referrals-by-status = Referrals by status
report-referrals-by-session-topic = Sessions by topic
report-referrals-by-session-sex = Sessions by sex
report-referrals-by-session-age-group = Sessions by age group
report-referrals-by-session-municipality = Sessions by municipality
