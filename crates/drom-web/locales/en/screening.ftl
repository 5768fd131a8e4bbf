# Protection screening and the protection gate of forced returns.

gate-open-title = Protection gate: open
gate-closed-title = Protection gate: closed
gate-policy = Policy in force on the order date: { $policy }
gate-open-text = Every returnee was screened under this policy and no rule bars the return. The forced return may go on.
gate-closed-text = This forced return may not go past the order.
gate-what-remains = What can be done now:
gate-rescreen = Screen the household again
gate-convert = Convert to a voluntary return (counselling and informed consent follow)
gate-close = Close the case
gate-refused = The protection gate is closed: see the reasons at the top of the page.
gate-no-policy = No protection policy is in force on { $date }.
gate-not-screened = The household has not been screened for a forced return.
gate-other-policy = The household was screened under { $screened }, but { $policy } is in force on the order date: screen it again.
gate-stale = The screening of { $date } is older than { $days } days: screen the household again.
gate-policy-changed = Under the policy as it stands now, { $person } is "{ $now }" where the screening said "{ $stored }": screen the household again.
gate-not-in-screening = { $person } was not in the screening (the household changed): screen the household again.
gate-protected = { $person } may not be returned by force: { $rules }.
gate-needs-assessment = { $person } needs assessment. Still unknown: { $facts }
gate-overridden = The protection gate was overridden for this case.
gate-override-pending = An override of the protection gate waits for a second person's confirmation.
gate-override-asked = Asked for by { $user } on { $date }.
gate-override-confirmed = Confirmed by { $user } on { $date }.
gate-override-intro = Only when the return must go ahead although the screening does not allow it: explain why. A second person holding the same permission must confirm, and the case keeps the mark for good.
gate-override-reason = Reason for the override
gate-override-request = Ask for an override
gate-override-confirm = Confirm the override
gate-notice-reason-needed = Explain the override in at least 20 characters.
gate-notice-not-possible = The override cannot be asked for or confirmed now: reload the case.
gate-notice-second-person = A second person must confirm the override: you asked for it yourself.

rc-form-conversion = Convert to a voluntary return
rc-submit-conversion = Convert to a voluntary return
rc-conversion-intro = The order stays on record. A voluntary return needs counselling and the person's informed consent before any travel.
rc-converted-on = Date of conversion
rc-conversion-reason = Why the return is now voluntary
step-convert-to-voluntary = conversion to a voluntary return

fact-q-community = Which community does the person belong to?
fact-q-municipality-of-origin = Which municipality does the person come from?
fact-q-majority-community-of-origin = Which community is the majority in the municipality of origin?
fact-q-return-type = Is the return forced or voluntary?
fact-q-caregiver-for-facts = What are the facts of the person cared for?
fact-q-informed-consent = Has the person given free and informed consent to return?
fact-q-mixed-marriage = Is the person in an ethnically mixed marriage?
fact-q-mixed-ethnicity = Is the person of mixed ethnicity?
fact-q-perceived-regime-association = Is the person perceived to have been associated with the Serbian regime?
fact-q-serious-protection-risk = Does the person face serious protection problems, including physical danger?
fact-q-severe-illness-untreatable = Is the person severely ill, needing treatment not available in Kosovo?
fact-q-severe-mental-illness-untreatable = Does the person have a severe, chronic mental illness (including PTSD) whose treatment is not or rarely available in Kosovo?
fact-q-severe-disability = Is the person severely disabled, depending on support not available in Kosovo?
fact-q-elderly-without-support = Is the person elderly and unaccompanied, without relatives or other support?
fact-q-trafficking-victim = Is the person a victim of trafficking?
fact-q-best-interests-determination = Has a best-interests determination found that the child may be separated from the family?

screening-back-to-case = Back to return case { $id }
screening-source = Source document
screening-print = Printable decision
screening-household = The household
screening-household-protected = At least one member may not be returned by force under this policy. Each member's reasons are below.
screening-household-needs-assessment = The decision is not complete: facts the policy needs are still unknown. Answer them below and the household is screened again.
screening-household-no-bar-found = No rule of the policy bars the return of any member, on facts that are all known.
screening-family-unity = families are not separated: { $person } may not be returned by force
screening-cites = Quoted from: { $document }
screening-paraphrases = A paraphrase, not the words of: { $document }
screening-still-unknown = Still unknown:
screening-basis = The answer rests on
screening-edit-record = correct the person's record
screening-answers = Answers recorded
screening-answered-by = by { $user } on { $date } ({ $basis })
screening-answer-submit = Save the answers and screen the household again
answer-yes = yes
answer-no = no
answer-unknown = unknown
basis-interview = interview
basis-document = document
basis-medical-report = medical report
basis-social-report = social report
basis-other = other

decision-title = Decision on screening { $id }
decision-heading = Protection screening: decision
decision-back = Back to the screening
decision-print = Print
decision-reference = Reference
decision-outcome = Decision
decision-why = Why
decision-missing = Missing before a decision can be made:
decision-signed = Signed off by { $officer }, protection officer, on { $date }.
decision-signature = Signature

nav-screening = Screening
desk-title = Protection screening
desk-rescreen-link = Re-screening after a policy change
desk-back = Back to protection screening
desk-held = Forced returns held at the protection gate
desk-held-none = No forced return is held at the gate.
desk-held-why = Why
desk-held-more = { $count } more are held; open the returns list to see them all.
desk-upload = Screen a readmission list
desk-upload-intro = Upload the host country's list as CSV (the columns of the drom screen command). It is screened under the policy in force, then its decisions are kept for your agency until you delete them.
desk-upload-file = List (CSV)
desk-upload-as-of-hint = The policy in force on this date decides; empty means today.
desk-upload-submit = Upload and screen
desk-upload-refused = The list was not accepted: { $reason }. Nothing was saved.
desk-lists = Lists screened
desk-lists-none = No list has been screened yet.
desk-list-file = File
desk-list-rows = Rows
desk-list-uploaded = Uploaded by
desk-needs-special = Readmission lists hold special categories (community, health): screening them needs the special-categories permission.
list-title = List { $name }
list-progress = Storing the decisions: { $done } of { $total } rows.
list-failed = The decisions of this list could not be stored. Delete it and upload it again
list-all-rows = All rows
list-households = { $count } households
list-household = Household
list-request = Request
list-filter = Show
list-rows-found = { $count ->
    [one] One row
   *[other] { $count } rows
}
list-delete = Delete this list and its decisions
list-summary-link = Summary for the host country
list-summary-title = Summary of { $name }
list-summary-heading = Protection screening of a readmission list: summary
list-summary-protected = Who may not be returned by force, and why
list-summary-assessment = Who needs assessment, and what is missing
list-summary-nobody = Nobody.
list-status-storing = storing
list-status-done = done
list-status-failed = failed
rescreen-title = Re-screening after a policy change
rescreen-intro = When a policy is added or changed, these are the open screenings (the newest of each person in an open return case) whose outcome it would change.
rescreen-show = Show
rescreen-changed = { $count ->
    [one] One screening would change
   *[other] { $count } screenings would change
}
rescreen-none = No open screening would change.
rescreen-stored = Stored
rescreen-new = Under this policy
rescreen-all = Screen these { $count } again
rescreen-done = { $count } screened again.
rescreen-held = Forced returns held at the gate: { $count }
home-held-at-gate = { $count ->
    [one] forced return held at the protection gate
   *[other] forced returns held at the protection gate
}
desk-household-of = the household of { $person }
