# Protection screening: screenings, answered facts, decisions, readmission lists, policy rules.

screening-section = Protection screening
screening-title = Screening { $id }
screening-policy = Policy
screening-as-of = Policy in force on
screening-return-type = Return
screening-consent = Informed consent (for a voluntary return)
screening-run = Screen the household
screening-back = Back to the person
tri-yes = yes
tri-no = no
tri-unknown = unknown
outcome-protected = protected: may not be returned by force
outcome-needs-assessment = needs assessment
outcome-no-bar-found = no bar found
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
list-title = List { $name }
list-progress = Storing the decisions: { $done } of { $total } rows.
list-failed = The decisions of this list could not be stored. Delete it and upload it again
list-all-rows = All rows
list-households = { $count ->
    [one] { $count } household
   *[other] { $count } households
}
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

## Why a value is refused (invalid-<code>) and why a change conflicts (refusal-<code>)
invalid-answer-something = answer at least one fact
invalid-not-in-screening = person { $person } is not in screening { $screening }
invalid-special-fact = is a special category ({ $category }): answering it needs the special-categories grant
invalid-basis-needed = say what the answer rests on: { $choices }
invalid-not-person-or-member = is not the person or a member of their household
invalid-not-member = '{ $value }' is not a member of the household
invalid-list-too-large = is larger than { $mib } MiB
invalid-list-empty = is empty: choose the list's CSV file
invalid-list-not-csv = is not a CSV text file (UTF-8): save the list as CSV
invalid-list-unreadable = cannot be read: { $detail }
invalid-list-no-rows = has a header but no rows
invalid-no-policy = there is no policy '{ $id }' (known: { $known })
invalid-no-policy-in-force = no policy is in force on { $day }
refusal-list-storing = list { $id } is still being stored: delete it when it is done
invalid-screening-consent-withdrawn = person { $person } withdrew their consent: record a new consent before a voluntary return
