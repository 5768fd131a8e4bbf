# The registry: persons and households.

persons-title = Persons
person-new = Register a person
person-new-title = Register a person
person-edit-title = Edit { $name }
person-conflict = Someone else changed this record while you were editing. Reload it and apply your change again.
search-label = Name
search-placeholder = in Latin or Cyrillic, with or without diacritics
persons-found = { $count ->
    [one] One person found
   *[other] { $count } persons found
}
persons-found-more = More than { $count } persons found: narrow the search
contact-phone = Phone
contact-email = E-mail
contact-address = Address
contact-other = Other contact
person-consent-withdrawn = Consent was withdrawn
person-withheld = Some special-category data is not shown: your account does not have that permission.
person-household = Household
person-no-household = Not in a household.
person-withdraw-title = Withdrawal of consent
person-withdraw-reason = Reason, in the person's words where possible
person-withdraw = Record the withdrawal
person-history = History
person-audit = Audit trail
households-title = Households
households-search = Name of a member
households-found = { $count ->
    [one] One household
   *[other] { $count } households
}
household-title = Household { $id }
household-default-label = { $name } family
household-members = Members
household-remove = Remove
household-add = Add a member
household-register-new = Register a new person in this household
household-find-existing = Find a registered person
household-no-candidates = No registered person without a household matches.
household-add-member = Add
household-create-with-head = Create a household with this person as head
household-error-invalid = The change was refused: check the members and their relations.
household-error-conflict = Someone else changed this household meanwhile. Look again and repeat your change.
document-passport = Passport
document-id-card = Identity card
document-birth-certificate = Birth certificate
document-travel-document = Travel document
document-residence-permit = Residence permit
document-other = Other document
change-create = created
change-update = changed
change-consent-withdrawn = consent withdrawn
change-import = imported
person-return-cases = Return cases
person-no-return-case = No return case.
person-open-return-case = Open a return case

## Why a value is refused (invalid-<code>) and why a change conflicts (refusal-<code>)
invalid-no-members = a household needs at least one member
invalid-too-many-members = has more than { $max } members
invalid-one-head = needs exactly one member with relation 'head' (found { $found })
invalid-listed-twice = person { $person } is listed twice
invalid-not-email = is not an e-mail address
invalid-too-many-entries = has more than { $max } entries
invalid-needed-for-consent = is required when the basis is consent
invalid-needed-for-obligation = is required when the basis is a legal obligation
invalid-not-on-consent = this record is not held on consent
invalid-age-order = is smaller than age_min
invalid-in-other-household = person { $person } is already a member of household { $household }
refusal-consent-withdrawn-already = consent for person { $id } was already withdrawn

person-withdraw-effect = Once consent is withdrawn, no new voluntary return case or voluntary-return screening can be opened for this person until a new consent is recorded on the person's record (legal basis: consent, dated after the withdrawal).
person-withdraw-confirm = The person has withdrawn their consent, and I have told them what it means
person-withdraw-confirm-needed = Nothing was recorded: tick the confirmation to record the withdrawal.
person-withdraw-reason-needed = Nothing was recorded: give the reason (at most 500 characters).
person-consent-again-title = Record consent again
person-consent-again-effect = The person gave their consent again: it becomes the legal basis of their record, and voluntary return work for them can start again.
person-consent-again = Record the new consent
change-consent-recorded = consent recorded again
refusal-consent-not-withdrawn = The consent of person { $id } is not withdrawn: change the legal basis in the person's form instead.
invalid-consent-before-withdrawal = { $day } is before the withdrawal of consent on { $withdrawn }
